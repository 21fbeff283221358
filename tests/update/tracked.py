"""Accepting or rejecting tracked changes, as Word's Review > Accept All and Reject All do, for the
changes of one author: written apart from drafter's own code, so that a test holds drafter's
changes against what Word would make of them."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def _unwrap(el) -> None:
    parent = el.getparent()
    index = parent.index(el)
    for child in list(el):
        parent.insert(index, child)
        index += 1
    parent.remove(el)


def _drop_paragraph(p) -> None:
    """A paragraph whose mark is gone: what it still holds joins the next paragraph."""
    following = p.getnext()
    runs = [c for c in p if c.tag != w("pPr")]
    if following is not None and following.tag == w("p") and runs:
        ppr = following.find(w("pPr"))
        at = 1 if ppr is not None else 0
        for run in runs:
            following.insert(at, run)
            at += 1
    p.getparent().remove(p)


def _resolve(root, author: str, keep: str) -> None:
    """keep 'ins' (accept) or 'del' (reject) the changes of `author`."""
    drop = "del" if keep == "ins" else "ins"
    for mark in list(root.iter(w("ins"), w("del"))):
        if mark.get(w("author")) != author or mark.getparent() is None:
            continue
        parent = mark.getparent()
        kind = etree.QName(mark).localname
        if parent.tag == w("trPr"):  # a whole row
            if kind == drop:
                row = parent.getparent()
                row.getparent().remove(row)
            else:
                parent.remove(mark)
        elif parent.tag == w("rPr") and parent.getparent().tag == w("pPr"):  # a paragraph's mark
            if kind == drop:
                _drop_paragraph(parent.getparent().getparent())
            else:
                parent.remove(mark)
        elif kind == drop:
            parent.remove(mark)
        else:
            if kind == "del":
                for t in mark.iter(w("delText")):
                    t.tag = w("t")
                for t in mark.iter(w("delInstrText")):
                    t.tag = w("instrText")
            _unwrap(mark)
    for tbl in list(root.iter(w("tbl"))):  # a table whose every row went
        if tbl.find(w("tr")) is None:
            tbl.getparent().remove(tbl)


def _rewrite(data: bytes, author: str, keep: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    _resolve(root, author, keep)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def accept(data: bytes, author: str = "drafter") -> bytes:
    """The .docx with every change of `author` accepted."""
    return _rewrite(data, author, "ins")


def reject(data: bytes, author: str = "drafter") -> bytes:
    """The .docx with every change of `author` rejected."""
    return _rewrite(data, author, "del")


def changes(data: bytes, author: str = "drafter") -> int:
    """How many changes of `author` the main document holds."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return sum(1 for m in root.iter(w("ins"), w("del")) if m.get(w("author")) == author)

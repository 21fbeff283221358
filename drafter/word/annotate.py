"""A copy of a Word template with a Word comment at each problem's paragraph or table cell.

`drafter check --annotate` shows its problems where a template's author looks: in Word's
comments pane, on the paragraph ("paragraph 17") or table cell ("table 1, row 2, cell 1")
a problem names. A problem of a header, a footer or the package as a whole is put on the
first paragraph, saying where it is. The copy is an ordinary .docx (comments part, its
relationship and content type), so Word and LibreOffice open it.
"""

from __future__ import annotations

import re

from lxml import etree

from drafter.word import oxml, package

COMMENTS_PART = "word/comments.xml"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
AUTHOR = "drafter check"

_PARAGRAPH = re.compile(r"^paragraph (\d+)\b")
_CELL = re.compile(r"^table (\d+), row (\d+), cell (\d+)\b")
_EMPTY_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')


def _locate(body, place: str | None):
    """The paragraph a place names, as template.py numbers them; None when it names none."""
    if not place:
        return None
    w_tc = oxml.qn("w:tc")
    m = _PARAGRAPH.match(place)
    if m:
        wanted, count = int(m.group(1)), 0
        for p in body.iter(oxml.qn("w:p")):
            if next(p.iterancestors(w_tc), None) is None:
                count += 1
                if count == wanted:
                    return p
        return None
    m = _CELL.match(place)
    if m:
        table_no, row_no, cell_no = (int(g) for g in m.groups())
        tables: list = []
        for p in body.iter(oxml.qn("w:p")):
            tc = next(p.iterancestors(w_tc), None)
            if tc is None:
                continue
            tr = tc.getparent()
            tbl = tr.getparent()
            if tbl not in tables:
                tables.append(tbl)
            if len(tables) == table_no and tr.getparent().findall(oxml.qn("w:tr")).index(tr) + 1 == row_no \
                    and tr.findall(oxml.qn("w:tc")).index(tc) + 1 == cell_no:
                return p
    return None


def annotate(parts: dict[str, bytes], notes: list[tuple[str | None, str]]) -> tuple[bytes, int]:
    """The template's bytes with a comment for each (place, text); and how many were placed
    on the paragraph their place names (the others are on the first paragraph)."""
    parts = dict(parts)
    document = oxml.parse(parts[package.MAIN_DOCUMENT])
    body = document.find(oxml.qn("w:body"))
    first = next(body.iter(oxml.qn("w:p")), None)
    if first is None:
        first = etree.SubElement(body, oxml.qn("w:p"))
        body.insert(0, first)
    comments = etree.Element(oxml.qn("w:comments"), nsmap={"w": oxml.W_NS})
    placed = 0
    for number, (place, text) in enumerate(notes):
        paragraph = _locate(body, place)
        if paragraph is not None:
            placed += 1
        else:
            paragraph = first
            text = f"({place or 'the template as a whole'}) {text}"
        comment = etree.SubElement(comments, oxml.qn("w:comment"))
        comment.set(oxml.qn("w:id"), str(number))
        comment.set(oxml.qn("w:author"), AUTHOR)
        comment.set(oxml.qn("w:initials"), "DC")
        p = etree.SubElement(comment, oxml.qn("w:p"))
        run = etree.SubElement(p, oxml.qn("w:r"))
        t = etree.SubElement(run, oxml.qn("w:t"))
        t.text = oxml.INVALID_XML_CHARS.sub("", text)
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        _mark(paragraph, number)
    parts[package.MAIN_DOCUMENT] = oxml.serialize(document)
    parts[COMMENTS_PART] = oxml.serialize(comments)
    parts["[Content_Types].xml"] = oxml.ensure_content_type(parts["[Content_Types].xml"], "/" + COMMENTS_PART,
                                                            COMMENTS_CT)
    parts[DOCUMENT_RELS] = oxml.ensure_relationship(parts.get(DOCUMENT_RELS) or _EMPTY_RELS, COMMENTS_REL,
                                                    "comments.xml")
    return package.write_zip(parts), placed


def _mark(paragraph, number: int) -> None:
    """The comment's range around the paragraph's runs, and its reference at the end."""
    start = etree.Element(oxml.qn("w:commentRangeStart"))
    start.set(oxml.qn("w:id"), str(number))
    properties = paragraph.find(oxml.qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph.insert(0, start)
    end = etree.SubElement(paragraph, oxml.qn("w:commentRangeEnd"))
    end.set(oxml.qn("w:id"), str(number))
    run = etree.SubElement(paragraph, oxml.qn("w:r"))
    reference = etree.SubElement(run, oxml.qn("w:commentReference"))
    reference.set(oxml.qn("w:id"), str(number))

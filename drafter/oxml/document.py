"""The main document part (w:document and its w:body), and elements of drafter's own that stand
in it for a moment (a placeholder a template prints, replaced by what it stands for)."""

from __future__ import annotations

from lxml import etree

from drafter.oxml import Element, qn, serialize

BODY = qn("w:body")
_BODY_MARK = "drafterbody"


def body_of(root: Element) -> Element | None:
    return root.find(BODY)


def around_body(root: Element) -> tuple[str, str]:
    """The document's XML before its body and after it (the body taken out of root)."""
    body = root.find(BODY)
    root.replace(body, etree.Element(_BODY_MARK))
    head, _, tail = serialize(root).decode("utf-8").partition(f"<{_BODY_MARK}/>")
    return head, tail


def placeholders(root: Element, tag: str) -> list[tuple[str, Element]]:
    """drafter's placeholders under root (elements named ``tag``, in no namespace), with their
    attribute n, in document order."""
    return [(el.get("n", ""), el) for el in root.iter(tag)]


def replace(old: Element, new: list[Element]) -> None:
    """Put the elements where ``old`` stands, and take it out (the text after it stays)."""
    tail = old.tail
    for el in new:
        old.addprevious(el)
    if tail:
        before = old.getprevious()
        if before is not None:
            before.tail = (before.tail or "") + tail
        else:
            parent = old.getparent()
            parent.text = (parent.text or "") + tail
    old.getparent().remove(old)

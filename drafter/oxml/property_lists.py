"""Paragraph and run property lists (w:pPr, w:rPr) as strict readers want them."""

from __future__ import annotations

from drafter.oxml import Element, qn

#: On/off properties whose w:val LibreOffice writes as "true"/"false", which strict readers refuse.
ON_OFF = tuple(qn(f"w:{name}") for name in (
    "keepNext", "keepLines", "cantSplit", "tblHeader", "pageBreakBefore", "widowControl", "contextualSpacing",
    "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "vanish", "noProof"))
_VAL = qn("w:val")


def make_strict(root: Element) -> None:
    """The property lists under root with the same meaning, as strict readers want them:
    w:val="true" becomes the default (no w:val) and "false" becomes "0"; a property a list
    holds twice (LibreOffice writes <w:b/><w:b/>) is kept once, the last one counting."""
    for props in root.iter(qn("w:rPr"), qn("w:pPr")):
        seen: dict[str, Element] = {}
        for child in list(props):
            if child.tag in seen:
                props.remove(seen[child.tag])
            seen[child.tag] = child
    for el in root.iter(*ON_OFF):
        value = el.get(_VAL)
        if value == "true":
            del el.attrib[_VAL]
        elif value == "false":
            el.set(_VAL, "0")

"""Styles (word/styles.xml): style ids by name, styles added when a template lacks them, the proofing language."""

from __future__ import annotations

from lxml import etree

from drafter.oxml import W, Element, order, parse, qn

STYLE, NAME, STYLE_ID, TYPE, DEFAULT = (qn(t) for t in ("w:style", "w:name", "w:styleId", "w:type", "w:default"))
_VAL = qn("w:val")
STYLES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"


def new_part() -> Element:
    """An empty styles part."""
    return parse(f'<w:styles xmlns:w="{W}"/>')


def ids_by_name(styles: Element) -> dict[str, str]:
    """Style names (lower case, so that 'Heading 1' and 'heading 1' match) to style ids."""
    out = {}
    for style in styles.iter(STYLE):
        name = style.find(NAME)
        if name is not None:
            out[(name.get(_VAL) or "").lower()] = style.get(STYLE_ID)
    return out


def numbering_of(styles: Element) -> dict[str, str]:
    """Paragraph style id -> the numbering instance (numId) its w:numPr names."""
    out = {}
    for style in styles.iter(STYLE):
        numid = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if numid is not None:
            out[style.get(STYLE_ID)] = numid.get(_VAL)
    return out


def set_proofing_language(styles: Element, lang: str) -> None:
    """The language of the style defaults (w:docDefaults/w:rPrDefault/w:rPr/w:lang), which
    Word's spelling and grammar checks use."""
    defaults = order.get_or_add(styles, "w:docDefaults")
    rpr = order.get_or_add(order.get_or_add(defaults, "w:rPrDefault"), "w:rPr")
    order.get_or_add(rpr, "w:lang").set(_VAL, lang)


def _default_style(styles: Element, kind: str) -> str | None:
    for style in styles.iter(STYLE):
        if style.get(TYPE) == kind and style.get(DEFAULT) in ("1", "true", "on"):
            return style.get(STYLE_ID)
    return None


def _free_id(styles: Element, wanted: str) -> str:
    taken = {s.get(STYLE_ID) for s in styles.iter(STYLE)}
    candidate, n = wanted, 1
    while candidate in taken:
        candidate, n = f"{wanted}{n}", n + 1
    return candidate


def add_style(styles: Element, kind: str, wanted_id: str, name: str, paragraph: str = "", run: str = "") -> str:
    """A style added as Word defines its own: kind 'paragraph' or 'character', an id not taken
    (wanted_id, or wanted_id1, ...), based on the default style of its kind; paragraph and run:
    the XML of its w:pPr and w:rPr children. Returns its id."""
    style_id = _free_id(styles, wanted_id)
    style = etree.SubElement(styles, STYLE, {TYPE: kind, STYLE_ID: style_id})
    etree.SubElement(style, NAME, {_VAL: name})
    based = _default_style(styles, kind)
    if based:
        etree.SubElement(style, qn("w:basedOn"), {_VAL: based})
    etree.SubElement(style, qn("w:uiPriority"), {_VAL: "99"})
    etree.SubElement(style, qn("w:semiHidden"))
    etree.SubElement(style, qn("w:unhideWhenUsed"))
    for tag, xml in (("w:pPr", paragraph), ("w:rPr", run)):
        if xml:
            style.append(etree.fromstring(f'<{tag} xmlns:w="{W}">{xml}</{tag}>'))
    return style_id


def ensure_character_style(styles: Element, name: str, style_id: str, run: str) -> str:
    """The id of the character style of this name, added (based on the default paragraph font,
    with these run properties) when the styles lack it."""
    existing = ids_by_name(styles).get(name.lower())
    if existing is not None:
        return existing
    style = etree.SubElement(styles, STYLE, {TYPE: "character", STYLE_ID: style_id})
    etree.SubElement(style, NAME, {_VAL: name})
    etree.SubElement(style, qn("w:basedOn"), {_VAL: "DefaultParagraphFont"})
    etree.SubElement(style, qn("w:uiPriority"), {_VAL: "99"})
    etree.SubElement(style, qn("w:unhideWhenUsed"))
    style.append(etree.fromstring(f'<w:rPr xmlns:w="{W}">{run}</w:rPr>'))
    return style_id


#: Run properties of a raised (superscript) text.
SUPERSCRIPT = '<w:vertAlign w:val="superscript"/>'

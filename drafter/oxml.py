"""WordprocessingML details, and only here: namespaces, table and paragraph properties,
styles, document properties.

The rest of drafter speaks of tables, notes and properties; this module knows which XML
element means what. Functions take and change lxml trees of one part each.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"w": W_NS, "r": R_NS}

#: A parser that resolves no entities and reaches no network: templates come from users.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


def qn(tag: str) -> str:
    prefix, local = tag.split(":")
    return "{%s}%s" % (NSMAP[prefix], local)


def parse(data: bytes | str) -> etree._Element:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return etree.fromstring(data, PARSER)


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def text_of(element: etree._Element) -> str:
    """The visible text of a paragraph or cell (w:t and tabs only)."""
    out = []
    for node in element.iter(qn("w:t"), qn("w:tab")):
        out.append("\t" if node.tag == qn("w:tab") else (node.text or ""))
    return "".join(out)


# --------------------------------------------------------------------------- styles


def style_ids_by_name(styles_root: etree._Element) -> dict[str, str]:
    """Style names (lower case, so 'Heading 1' and 'heading 1' match) to style ids."""
    out = {}
    for style in styles_root.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out[name.get(qn("w:val")).lower()] = style.get(qn("w:styleId"))
    return out


def set_proofing_language(styles_root: etree._Element, lang: str) -> None:
    """Set the language of the style defaults (w:docDefaults/w:rPrDefault/w:rPr/w:lang)."""
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        styles_root.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.SubElement(defaults, qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = etree.SubElement(rpr, qn("w:lang"))
    lang_el.set(qn("w:val"), lang)


# --------------------------------------------------------------------------- tables

# The order of children in w:pPr and w:trPr matters to validators: insert in schema order.
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
]
_TRPR_ORDER = ["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
               "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange"]


def _insert_ordered(parent: etree._Element, child: etree._Element, order: list[str]) -> None:
    local = etree.QName(child).localname
    rank = order.index(local)
    for i, existing in enumerate(parent):
        name = etree.QName(existing).localname
        if name in order and order.index(name) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def _ensure(parent: etree._Element, tag: str, order: list[str]) -> etree._Element:
    found = parent.find(qn(tag))
    if found is None:
        found = etree.Element(qn(tag))
        _insert_ordered(parent, found, order)
    return found


def _ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    return ppr


def paragraph_style(p: etree._Element) -> str | None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return None
    style = ppr.find(qn("w:pStyle"))
    return None if style is None else style.get(qn("w:val"))


def keep_with_next(p: etree._Element, on: bool = True) -> None:
    ppr = _ppr(p)
    if on:
        _ensure(ppr, "w:keepNext", _PPR_ORDER)
    else:
        el = ppr.find(qn("w:keepNext"))
        if el is None:
            el = etree.Element(qn("w:keepNext"))
            _insert_ordered(ppr, el, _PPR_ORDER)
        el.set(qn("w:val"), "0")


def keep_tables_together(body: etree._Element, note_style_ids: set[str]) -> None:
    """Keep each table on one page with its notes, and repeat its header row on a new page.

    Rows may not split; every paragraph in the table keeps with the next; so does the
    paragraph that introduces the table and every note under it but the last.
    """
    for tbl in body.iter(qn("w:tbl")):
        rows = tbl.findall(qn("w:tr"))
        for i, tr in enumerate(rows):
            trpr = tr.find(qn("w:trPr"))
            if trpr is None:
                trpr = etree.Element(qn("w:trPr"))
                tc = tr.find(qn("w:tc"))
                tr.insert(list(tr).index(tc) if tc is not None else len(tr), trpr)
            _ensure(trpr, "w:cantSplit", _TRPR_ORDER)
            if i == 0:
                _ensure(trpr, "w:tblHeader", _TRPR_ORDER)
        for p in tbl.iter(qn("w:p")):
            keep_with_next(p)
        previous = tbl.getprevious()
        if previous is not None and previous.tag == qn("w:p"):
            keep_with_next(previous)
        notes = []
        following = tbl.getnext()
        while following is not None and following.tag == qn("w:p") and paragraph_style(following) in note_style_ids:
            notes.append(following)
            following = following.getnext()
        for p in notes[:-1]:
            keep_with_next(p)


# --------------------------------------------------------------------------- properties


def core_properties_xml(*, title: str, subject: str, creator: str, language: str, keywords: str = "",
                        description: str = "", created: dt.datetime | None = None) -> bytes:
    """docProps/core.xml from the answer's data (never python-docx's 'python-docx', 2013)."""
    dates = ""
    if created is not None:
        stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
        dates = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
                 f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{escape(creator)}</dc:creator><cp:keywords>{escape(keywords)}</cp:keywords>"
        f"<dc:description>{escape(description)}</dc:description>"
        f"<cp:lastModifiedBy>{escape(creator)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f"{dates}<dc:language>{escape(language)}</dc:language></cp:coreProperties>"
    ).encode("utf-8")


# --------------------------------------------------------------------------- custom properties

CUSTOM_PROPERTIES = "docProps/custom.xml"
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


def set_custom_properties(existing: bytes | None, values: dict[str, str]) -> bytes:
    """docProps/custom.xml with these text properties set (others the template has are kept)."""
    if existing:
        root = parse(existing)
    else:
        root = etree.Element("{%s}Properties" % _CP_NS, nsmap={None: _CP_NS, "vt": _VT_NS})
    props = {p.get("name"): p for p in root.findall("{%s}property" % _CP_NS)}
    for name, value in values.items():
        prop = props.get(name)
        if prop is None:
            prop = etree.SubElement(root, "{%s}property" % _CP_NS)
            prop.set("fmtid", _FMTID)
            prop.set("name", name)
        for child in list(prop):
            prop.remove(child)
        etree.SubElement(prop, "{%s}lpwstr" % _VT_NS).text = value
    pids = 2
    for prop in root.findall("{%s}property" % _CP_NS):
        prop.set("pid", str(pids))  # ids start at 2 and are unique
        pids += 1
    return serialize(root)


def read_custom_properties(data: bytes) -> dict[str, str]:
    root = parse(data)
    out = {}
    for prop in root.findall("{%s}property" % _CP_NS):
        value = prop.find("*")
        out[prop.get("name")] = "" if value is None else (value.text or "")
    return out


def ensure_content_type(content_types: bytes, part_name: str, content_type: str) -> bytes:
    root = parse(content_types)
    for override in root.findall("{%s}Override" % _CT_NS):
        if override.get("PartName") == part_name:
            return content_types
    el = etree.SubElement(root, "{%s}Override" % _CT_NS)
    el.set("PartName", part_name)
    el.set("ContentType", content_type)
    return serialize(root)


def ensure_relationship(rels: bytes, rel_type: str, target: str) -> bytes:
    """Add a relationship of this type to this target unless there is one; ids stay unique."""
    root = parse(rels)
    existing = root.findall("{%s}Relationship" % _REL_NS)
    for rel in existing:
        if rel.get("Type") == rel_type and rel.get("Target").lstrip("/") == target.lstrip("/"):
            return rels
    ids = {rel.get("Id") for rel in existing}
    n = 1
    while f"rId{n}" in ids:
        n += 1
    el = etree.SubElement(root, "{%s}Relationship" % _REL_NS)
    el.set("Id", f"rId{n}")
    el.set("Type", rel_type)
    el.set("Target", target)
    return serialize(root)

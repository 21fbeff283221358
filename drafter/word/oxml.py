"""WordprocessingML details, and only here: namespaces, table and paragraph properties,
styles, document properties.

The rest of drafter speaks of tables, notes and properties; this module knows which XML
element means what. Functions take and change lxml trees of one part each.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import lru_cache

from lxml import etree

from drafter.ooxml import INVALID_XML_CHARS, PARSER  # noqa: F401 - Word parts are read with the shared safe parser

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSMAP = {"w": W_NS, "r": R_NS}

XML_NS = "http://www.w3.org/XML/1998/namespace"


def escape(text: str) -> str:
    """Text for XML element content: '&', '<' and '>' as entities. (xml.sax.saxutils' escape
    does the same, but importing it imports urllib, http and email: 25 ms of start-up.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@lru_cache(maxsize=None)  # a few dozen names, asked for hundreds of times per answer
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


def keep_with_next(p: etree._Element) -> None:
    _ensure(_ppr(p), "w:keepNext", _PPR_ORDER)


#: On/off properties whose w:val LibreOffice writes as "true"/"false", which strict readers refuse.
_ON_OFF = {"keepNext", "keepLines", "cantSplit", "tblHeader", "pageBreakBefore", "widowControl",
           "contextualSpacing", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "vanish", "noProof"}
_ON_OFF_ANY_NS = tuple(sorted("{*}" + name for name in _ON_OFF))


def normalize_properties(root: etree._Element) -> None:
    """Property lists as strict readers want them, with the same meaning.

    w:val="true" becomes the default (no w:val) and "false" becomes "0"; a property a list
    holds twice (LibreOffice writes <w:b/><w:b/>) is kept once, the last one counting.
    """
    for props in root.iter(qn("w:rPr"), qn("w:pPr")):
        if len(props) < 2 or len({child.tag for child in props}) == len(props):
            continue  # nothing held twice (almost always): nothing to do
        seen = {}
        for child in list(props):
            if child.tag in seen:
                props.remove(seen[child.tag])
            seen[child.tag] = child
    val = qn("w:val")
    for el in root.iter(*_ON_OFF_ANY_NS):  # libxml2 picks them out: a walk in Python costs 9 times more
        v = el.get(val)
        if v in ("true", "false"):
            if v == "true":
                del el.attrib[val]
            else:
                el.set(val, "0")


def end_cells_with_a_paragraph(body: etree._Element) -> None:
    """Word wants a paragraph at the end of every table cell, also after a table in it."""
    for tc in body.iter(qn("w:tc")):
        if len(tc) and tc[-1].tag == qn("w:tbl"):
            etree.SubElement(tc, qn("w:p"))


def _keep_inside(tbl: etree._Element, header: bool) -> None:
    """Rows that do not split (the first repeated on a new page, with header), and every
    paragraph in the table kept with the next."""
    rows = tbl.findall(qn("w:tr"))
    for i, tr in enumerate(rows):
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = etree.Element(qn("w:trPr"))
            tc = tr.find(qn("w:tc"))
            tr.insert(list(tr).index(tc) if tc is not None else len(tr), trpr)
        _ensure(trpr, "w:cantSplit", _TRPR_ORDER)
        if header and i == 0:
            _ensure(trpr, "w:tblHeader", _TRPR_ORDER)
    for p in tbl.iter(qn("w:p")):
        keep_with_next(p)


def keep_template_tables_together(body: etree._Element) -> None:
    """What keep_tables_together does inside each table, done once on a template's body: every
    row and paragraph a render makes of a table's rows is a copy of one of them, so the pass
    over each answer then finds them done. (The header row, the paragraph before a table and
    the notes under it depend on what the render makes, and are left to that pass.)"""
    for tbl in body.iter(qn("w:tbl")):
        _keep_inside(tbl, header=False)


def keep_tables_together(body: etree._Element, note_style_ids: set[str]) -> None:
    """Keep each table on one page with its notes, and repeat its header row on a new page.

    Rows may not split; every paragraph in the table keeps with the next; so does the
    paragraph that introduces the table and every note under it but the last.
    """
    for tbl in body.iter(qn("w:tbl")):
        _keep_inside(tbl, header=True)
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


# --------------------------------------------------------------------------- tokens in runs


#: Places Word allows no footnote in (a text box in the body).
NO_NOTES_INSIDE = {qn("w:txbxContent")}


def _allowed(t: etree._Element) -> bool:
    run = t.getparent()
    if run is None or run.tag != qn("w:r"):
        return False
    return not any(a.tag in NO_NOTES_INSIDE for a in run.iterancestors())


def _new_text(text: str) -> etree._Element:
    t = etree.Element(qn("w:t"))
    t.text = text
    if text != text.strip():
        t.set("{%s}space" % XML_NS, "preserve")
    return t


def split_runs_at(root: etree._Element, pattern) -> list[tuple[etree._Element, str]]:
    """Cut every run whose text holds a match of ``pattern`` (a token drafter wrote) there,
    keeping the run's properties on each piece, and put an empty run at each match (spaces
    just before it go: a note call follows its word). Returns those runs, in document order,
    with the match's group 1. Matches where Word allows no note are left as they are."""
    found: list[tuple[etree._Element, str]] = []
    for t in list(root.iter(qn("w:t"))):
        text = t.text or ""
        if not pattern.search(text) or not _allowed(t):
            continue
        run = t.getparent()
        rpr = run.find(qn("w:rPr"))
        content = [c for c in run if c is not rpr]
        at = content.index(t)
        pieces = pattern.split(text)  # text, number, text, number, ..., text

        def piece_run(children: list[etree._Element]) -> etree._Element | None:
            if not children:
                return None
            new = etree.Element(qn("w:r"), attrib=dict(run.attrib))
            if rpr is not None:
                new.append(copy.deepcopy(rpr))
            new.extend(children)
            return new

        new_runs: list[etree._Element] = []
        pending = content[:at]
        for i in range(0, len(pieces) - 1, 2):
            before = pieces[i].rstrip(" ")
            if before:
                pending.append(_new_text(before))
            r = piece_run(pending)
            if r is not None:
                new_runs.append(r)
            pending = []
            marker = etree.Element(qn("w:r"))
            new_runs.append(marker)
            found.append((marker, pieces[i + 1]))
        if pieces[-1]:
            pending.append(_new_text(pieces[-1]))
        r = piece_run(pending + content[at + 1:])
        if r is not None:
            new_runs.append(r)
        parent = run.getparent()
        index = parent.index(run)
        parent.remove(run)
        for offset, r in enumerate(new_runs):
            parent.insert(index + offset, r)
    return found


def fill_styled_text(run: etree._Element, style_id: str, text: str) -> None:
    """Turn an empty run into text in a character style (e.g. a raised note call)."""
    etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:rStyle")).set(qn("w:val"), style_id)
    run.append(_new_text(text))


# --------------------------------------------------------------------------- numbered lists


def restart_lists(body: etree._Element, numbering_root: etree._Element, style_nums: dict[str, str]) -> int:
    """Give every list (a run of consecutive paragraphs in a list style) its own numbering.

    Word keeps counting across lists that share a numbering instance; a fresh abstract
    numbering per list restarts at 1 in Word and LibreOffice alike, and items a person adds
    in Word later join their own list. Returns the number of lists.
    """
    lists: list[list[etree._Element]] = []
    previous = None
    for p in body.iter(qn("w:p")):
        if paragraph_style(p) in style_nums:
            if previous is not None and p.getprevious() is previous:
                lists[-1].append(p)
            else:
                lists.append([p])
            previous = p
    if not lists:
        return 0
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering_root.findall(qn("w:abstractNum"))}
    nums = {n.get(qn("w:numId")): n for n in numbering_root.findall(qn("w:num"))}
    next_abstract = max([int(i) for i in abstracts] + [0]) + 1
    next_num = max([int(i) for i in nums] + [0]) + 1
    first_num = numbering_root.find(qn("w:num"))
    for items in lists:
        style = paragraph_style(items[0])
        source_num = style_nums.get(style)
        if source_num is None or source_num not in nums:
            continue
        abstract_id = nums[source_num].find(qn("w:abstractNumId")).get(qn("w:val"))
        abstract = copy.deepcopy(abstracts[abstract_id])
        abstract.set(qn("w:abstractNumId"), str(next_abstract))
        nsid = abstract.find(qn("w:nsid"))
        if nsid is not None:
            nsid.set(qn("w:val"), f"{0x1D000000 + next_abstract:08X}")
        link = abstract.find(qn("w:styleLink"))
        if link is not None:
            abstract.remove(link)
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering_root.append(abstract)
        num = etree.SubElement(numbering_root, qn("w:num"))
        num.set(qn("w:numId"), str(next_num))
        etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), str(next_abstract))
        override = etree.SubElement(num, qn("w:lvlOverride"))
        override.set(qn("w:ilvl"), "0")
        etree.SubElement(override, qn("w:startOverride")).set(qn("w:val"), "1")
        for p in items:
            ppr = _ppr(p)
            old = ppr.find(qn("w:numPr"))
            if old is not None:
                ppr.remove(old)
            numpr = etree.Element(qn("w:numPr"))
            etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), "0")
            etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), str(next_num))
            _insert_ordered(ppr, numpr, _PPR_ORDER)
        next_abstract += 1
        next_num += 1
    return len(lists)


def style_numbering(styles_root: etree._Element) -> dict[str, str]:
    """Paragraph style id -> the numId its w:numPr names."""
    out = {}
    for style in styles_root.iter(qn("w:style")):
        numid = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if numid is not None:
            out[style.get(qn("w:styleId"))] = numid.get(qn("w:val"))
    return out


# --------------------------------------------------------------------------- tables from data

_XML_SPACE = ' xml:space="preserve"'
#: Column widths in twentieths of a point: about one character's width, and the limits.
CHAR_WIDTH, MIN_LABEL, MAX_LABEL, MIN_FIGURE, MAX_FIGURE = 115, 1400, 4800, 1500, 3000


def _width(texts, least: int, most: int) -> int:
    longest = max((len(t) for t in texts), default=0)
    return max(least, min(most, (longest + 2) * CHAR_WIDTH))


def _paragraph(style_id: str, text: str, keep_next: bool = False) -> str:
    keep = "<w:keepNext/>" if keep_next else ""
    runs = ""
    for i, piece in enumerate(text.split("\t")):
        if i:
            runs += "<w:r><w:tab/></w:r>"
        if piece:
            runs += f"<w:r><w:t{_XML_SPACE}>{escape(piece)}</w:t></w:r>"
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}</w:pPr>{runs}</w:p>'


def _cell(style_id: str, text: str, width: int, span: int = 1, merge: str | None = None) -> str:
    """A table cell; span: the columns it covers; merge: 'restart'/'continue' down two rows."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge is not None:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_paragraph(style_id, text, keep_next=True)}</w:tc>"


def _row(cells: str, header: bool = False) -> str:
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def table_xml(table, styles: dict[str, str]) -> str:
    """A whole table as WordprocessingML: caption, the table (header row repeated), its notes.

    `table` is a view.TableView; `styles` maps the roles caption, table, heading,
    heading_number, heading_group, text, number, total, total_number and note to the
    template's style ids. A table with column groups gets two header rows, both repeated.
    """
    out = []
    caption = table.title.text if table.title is not None else ""
    if table.caption:
        caption = f"{caption} ({table.caption})" if caption else table.caption[:1].upper() + table.caption[1:]
    if caption:
        out.append(_paragraph(styles["caption"], caption, keep_next=True))
    label_width = _width([r.label.text for r in table.rows] + [table.corner.text], MIN_LABEL, MAX_LABEL)
    figure_width = _width([c.text for c in table.columns] + [c.text for r in table.rows for c in r.cells],
                          MIN_FIGURE, MAX_FIGURE)
    widths = [label_width] + [figure_width] * len(table.columns)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    has_total = table.total is not None
    look = (f'<w:tblLook w:val="{"0060" if has_total else "0020"}" w:firstRow="1" w:lastRow="{int(has_total)}"'
            ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')
    rows = []
    corner_merge = None
    if table.groups:  # a first header row: each group's label over its columns
        corner_merge = "continue"
        rows.append(_row(_cell(styles["heading"], table.corner.text, widths[0], merge="restart")
                         + "".join(_cell(styles["heading_group"], g.label.text, figure_width * g.span, span=g.span)
                                   for g in table.groups), header=True))
    rows.append(_row(_cell(styles["heading"], "" if corner_merge else table.corner.text, widths[0], merge=corner_merge)
                     + "".join(_cell(styles["heading_number"], c.text, figure_width) for c in table.columns),
                     header=True))
    for row in table.rows:
        label_style, number_style = ("total", "total_number") if row.total else ("text", "number")
        rows.append(_row(_cell(styles[label_style], row.label.text, widths[0])
                         + "".join(_cell(styles[number_style], c.text, figure_width) for c in row.cells)))
    out.append(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{styles["table"]}"/><w:tblW w:w="0" w:type="auto"/>{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )
    for i, note in enumerate(table.notes):
        out.append(_paragraph(styles["note"], f"{note.marker}\t{note.text}", keep_next=i < len(table.notes) - 1))
    return "".join(out)


def ensure_character_style(styles_root: etree._Element, name: str, style_id: str, rpr_xml: str) -> str:
    """The id of the character style with this name, added to the styles when missing."""
    existing = style_ids_by_name(styles_root).get(name.lower())
    if existing is not None:
        return existing
    style = etree.SubElement(styles_root, qn("w:style"))
    style.set(qn("w:type"), "character")
    style.set(qn("w:styleId"), style_id)
    etree.SubElement(style, qn("w:name")).set(qn("w:val"), name)
    etree.SubElement(style, qn("w:basedOn")).set(qn("w:val"), "DefaultParagraphFont")
    etree.SubElement(style, qn("w:uiPriority")).set(qn("w:val"), "99")
    etree.SubElement(style, qn("w:unhideWhenUsed"))
    style.append(etree.fromstring(f'<w:rPr xmlns:w="{W_NS}">{rpr_xml}</w:rPr>'))
    return style_id


SUPERSCRIPT_RPR = '<w:vertAlign w:val="superscript"/>'

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

from dataclasses import dataclass
from drafter.ooxml import INVALID_XML_CHARS, PARSER  # noqa: F401 - Word parts are read with the shared safe parser
from drafter.view.figures import FIG_CLOSE, FIG_OPEN, FIG_SEP
from drafter.view.footnotes import TOKEN_END, TOKEN_START
from drafter.view.notes import SUP_CLOSE, SUP_OPEN

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


_W_P, _W_PPR, _W_KEEPNEXT, _W_PSTYLE = qn("w:p"), qn("w:pPr"), qn("w:keepNext"), qn("w:pStyle")
_W_TR, _W_TRPR, _W_TC = qn("w:tr"), qn("w:trPr"), qn("w:tc")
_W_CANTSPLIT, _W_TBLHEADER = qn("w:cantSplit"), qn("w:tblHeader")


def child(parent: etree._Element, tag: str) -> etree._Element | None:
    """parent.find(tag) for a tag in Clark notation: the first child of that tag. A walk over
    the few children of a run or a property list costs a third of find's path machinery."""
    for el in parent:
        if el.tag == tag:
            return el
    return None


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
def _ranks(names: list[str]) -> dict[str, int]:
    return {name: rank for rank, name in enumerate(names)}


_PPR_ORDER = _ranks([
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
])
_TRPR_ORDER = _ranks(["cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
                      "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange"])


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else etree.QName(element).localname


def _insert_ordered(parent: etree._Element, child: etree._Element, order: dict[str, int]) -> None:
    """Put child (new, or already parent's last child) before the first child that follows it in order."""
    rank = order[_local(child)]
    for i, existing in enumerate(parent):
        if existing is not child and order.get(_local(existing), -1) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def _ensure(parent: etree._Element, tag: str, order: dict[str, int]) -> etree._Element:
    found = child(parent, qn(tag))
    if found is None:
        found = etree.SubElement(parent, qn(tag))  # in parent's document, then put in its place
        _insert_ordered(parent, found, order)
    return found


def _ppr(p: etree._Element) -> etree._Element:
    ppr = child(p, _W_PPR)
    if ppr is None:
        ppr = etree.Element(qn("w:pPr"))
        p.insert(0, ppr)
    return ppr


def paragraph_style(p: etree._Element) -> str | None:
    ppr = child(p, _W_PPR)
    if ppr is None:
        return None
    style = child(ppr, _W_PSTYLE)
    return None if style is None else style.get(qn("w:val"))


def keep_with_next(p: etree._Element) -> None:
    """_ensure(_ppr(p), "w:keepNext", _PPR_ORDER), called for every paragraph of a short table."""
    ppr = child(p, _W_PPR)
    if ppr is None:
        ppr = etree.Element(_W_PPR)
        p.insert(0, ppr)
        etree.SubElement(ppr, _W_KEEPNEXT)  # a list of its own: nothing to put it before
    elif child(ppr, _W_KEEPNEXT) is None:
        _insert_ordered(ppr, etree.SubElement(ppr, _W_KEEPNEXT), _PPR_ORDER)


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


def end_with_the_last_section(body: etree._Element) -> None:
    """No empty page after a table on a landscape page of its own at the end of the answer:
    when nothing but empty paragraphs follows the paragraph that ends the landscape section,
    that section becomes the document's last (its properties replace the body's)."""
    children = [c for c in body if c.tag != qn("w:sectPr")]
    final = body.find(qn("w:sectPr"))
    if final is None:
        return
    for i in range(len(children) - 1, -1, -1):
        el = children[i]
        ppr = el.find(qn("w:pPr")) if el.tag == qn("w:p") else None
        section = ppr.find(qn("w:sectPr")) if ppr is not None else None
        if section is not None:
            orient = f"{qn('w:pgSz')}"
            found, last = section.find(orient), final.find(orient)
            if found is None or found.get(qn("w:orient")) != "landscape" or (
                    last is not None and last.get(qn("w:orient")) == "landscape"):
                return  # a section of the template's own: left as it is
            for p in children[i:]:
                body.remove(p)
            body.replace(final, section)
            return
        if el.tag != qn("w:p") or text_of(el).strip() or el.find(f".//{qn('w:drawing')}") is not None:
            return


def end_cells_with_a_paragraph(body: etree._Element) -> None:
    """Word wants a paragraph at the end of every table cell, also after a table in it."""
    for tc in body.iter(qn("w:tc")):
        if len(tc) and tc[-1].tag == qn("w:tbl"):
            etree.SubElement(tc, qn("w:p"))


def keep_tables_together(body: etree._Element, note_style_ids: set[str]) -> None:
    """Keep each short table on one page with its notes, and repeat its header row on a new page.

    Rows may not split; in a table of at most KEEP_TOGETHER_ROWS rows every paragraph keeps
    with the next, and so do the paragraph that introduces the table and every note under it
    but the last. A longer table may break across pages; its header rows repeat.
    """
    for tbl in body.iter(qn("w:tbl")):
        rows = tbl.findall(_W_TR)
        standin = tbl.find(_ROWS_STANDIN_ANY)  # body rows written finished, standing out of the tree
        short = len(rows) + (int(standin.get("count")) if standin is not None else 0) <= KEEP_TOGETHER_ROWS
        for i, tr in enumerate(rows):
            trpr = child(tr, _W_TRPR)
            if trpr is None:  # a new list: its properties in schema order as they come
                trpr = etree.Element(_W_TRPR)
                tc = child(tr, _W_TC)
                tr.insert(tr.index(tc) if tc is not None else len(tr), trpr)
                etree.SubElement(trpr, _W_CANTSPLIT)
                if i == 0:
                    etree.SubElement(trpr, _W_TBLHEADER)
                continue
            _ensure(trpr, "w:cantSplit", _TRPR_ORDER)
            if i == 0:
                _ensure(trpr, "w:tblHeader", _TRPR_ORDER)
        if not short:  # a long table may break across pages: only its header keeps with its first row
            for tr in rows[:2]:
                for p in tr.iter(_W_P):
                    keep_with_next(p)
            continue
        for p in tbl.iter(_W_P):
            keep_with_next(p)
        previous = tbl.getprevious()
        if previous is not None and previous.tag == _W_P:
            keep_with_next(previous)
        notes = []
        following = tbl.getnext()
        while following is not None and following.tag == _W_P and paragraph_style(following) in note_style_ids:
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


#: A value written into a text as it is (libxml2 escapes &, <, > and carriage return in a text,
#: and refuses controls and lone surrogates).
_PLAIN_TEXT = re.compile("[^&<>\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]*")
_VALUE_TOKEN = re.compile(rb"@drafter-value-(\d+)@")


def set_custom_properties(existing: bytes | None, values: dict[str, str]) -> bytes:
    """docProps/custom.xml with these text properties set (others the template has are kept).

    The part is the same for every answer of a template but for the values (a fingerprint and a
    question): it is made once with stand-ins, which plain values replace (_custom_properties)."""
    if all(_PLAIN_TEXT.fullmatch(v) for v in values.values()):
        pieces = _custom_properties_form(existing, tuple(values))
        if pieces is not None:
            texts = [v.encode("utf-8") for v in values.values()]
            out = [pieces[0]]
            for i in range(1, len(pieces), 2):
                out += (texts[int(pieces[i])], pieces[i + 1])
            return b"".join(out)
    return _custom_properties(existing, values)


@lru_cache(maxsize=32)
def _custom_properties_form(existing: bytes | None, names: tuple[str, ...]) -> tuple[bytes, ...] | None:
    """_custom_properties(existing, names) around its values: text, value index, text, ...;
    None when a stand-in could be mistaken for the template's own text."""
    if existing and b"@drafter-value-" in existing:
        return None
    pieces = _VALUE_TOKEN.split(_custom_properties(existing, {n: f"@drafter-value-{i}@" for i, n in enumerate(names)}))
    if sorted(int(i) for i in pieces[1::2]) != list(range(len(names))):
        return None
    return tuple(pieces)


def _custom_properties(existing: bytes | None, values: dict[str, str]) -> bytes:
    """set_custom_properties, element by element."""
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


#: The w:t under an element whose text holds a character: libxml2 finds them, not a walk in Python.
TEXTS_HOLDING = etree.XPath("descendant-or-self::w:t[contains(., $c)]", namespaces=NSMAP)


def split_runs_at(root: etree._Element, pattern, needle: str | None = None) -> list[tuple[etree._Element, str]]:
    """Cut every run whose text holds a match of ``pattern`` (a token drafter wrote) there,
    keeping the run's properties on each piece, and put an empty run at each match (spaces
    just before it go: a note call follows its word). Returns those runs, in document order,
    with the match's group 1. Matches where Word allows no note are left as they are.
    needle: a character every match holds (the token's first), so that only texts holding it are read."""
    found: list[tuple[etree._Element, str]] = []
    for t in (TEXTS_HOLDING(root, c=needle) if needle else list(root.iter(qn("w:t")))):
        text = t.text or ""
        if not pattern.search(text) or not _allowed(t):
            continue
        run = t.getparent()
        rpr = child(run, qn("w:rPr"))
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


def _paragraphs_in_styles(root: etree._Element, style_ids) -> list[etree._Element]:
    """The paragraphs whose style (paragraph_style) is one of style_ids, in document order:
    found from their w:pStyle, so that a table's hundreds of unstyled cells cost nothing."""
    found = []
    p_tag, ppr_tag, pstyle_tag, val = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
    for style in root.iter(pstyle_tag):
        if style.get(val) not in style_ids:
            continue
        ppr = style.getparent()
        p = ppr.getparent()
        if ppr.tag == ppr_tag and p is not None and p.tag == p_tag and p.find(ppr_tag) is ppr \
                and ppr.find(pstyle_tag) is style:
            found.append(p)
    return found


def restart_lists(body: etree._Element, numbering: bytes, style_nums: dict[str, str]) -> bytes | None:
    """Give every list (a run of consecutive paragraphs in a list style) its own numbering.

    Word keeps counting across lists that share a numbering instance; a fresh abstract
    numbering per list restarts at 1 in Word and LibreOffice alike, and items a person adds
    in Word later join their own list. Returns the numbering part with them, None when the
    document has no list (the part is left as it is).
    """
    lists: list[list[etree._Element]] = []
    previous = None
    for p in _paragraphs_in_styles(body, style_nums):
        if previous is not None and p.getprevious() is previous:
            lists[-1].append(p)
        else:
            lists.append([p])
        previous = p
    if not lists:
        return None
    xml, numbers = _numbered(numbering, tuple(style_nums.items()), tuple(paragraph_style(items[0]) for items in lists))
    for items, number in zip(lists, numbers):
        if number is None:
            continue
        for p in items:
            ppr = _ppr(p)
            old = ppr.find(qn("w:numPr"))
            if old is not None:
                ppr.remove(old)
            numpr = etree.Element(qn("w:numPr"))
            etree.SubElement(numpr, qn("w:ilvl")).set(qn("w:val"), "0")
            etree.SubElement(numpr, qn("w:numId")).set(qn("w:val"), number)
            _insert_ordered(ppr, numpr, _PPR_ORDER)
    return xml


@lru_cache(maxsize=64)
def _numbered(numbering: bytes, style_nums: tuple[tuple[str, str], ...],
              styles: tuple[str | None, ...]) -> tuple[bytes, tuple[str | None, ...]]:
    """The numbering part with a fresh abstract numbering and instance for each list (of the
    style in `styles`), and each list's numId (None: its style's numbering is not in the part).
    The same for every answer of a template with lists alike: worked out once."""
    numbering_root = parse(numbering)
    style_nums = dict(style_nums)
    numbers: list[str | None] = []
    abstracts = {a.get(qn("w:abstractNumId")): a for a in numbering_root.findall(qn("w:abstractNum"))}
    nums = {n.get(qn("w:numId")): n for n in numbering_root.findall(qn("w:num"))}
    next_abstract = max([int(i) for i in abstracts] + [0]) + 1
    next_num = max([int(i) for i in nums] + [0]) + 1
    first_num = numbering_root.find(qn("w:num"))
    for style in styles:
        source_num = style_nums.get(style)
        if source_num is None or source_num not in nums:
            numbers.append(None)
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
        numbers.append(str(next_num))
        next_abstract += 1
        next_num += 1
    return serialize(numbering_root), tuple(numbers)


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
_T_OPEN = f"<w:t{_XML_SPACE}>".encode()
#: Column widths in twentieths of a point: about one character's width (at the normal size,
#: 11 pt), and the limits; a table that would pass the margin gets narrower columns first.
CHAR_WIDTH, MIN_LABEL, MAX_LABEL, MIN_FIGURE, MAX_FIGURE = 115, 1400, 4800, 1500, 3000
COMPACT_FIGURE, COMPACT_LABEL, COMPACT_MAX_LABEL = 650, 1200, 2800
#: Headings are set in bold: their characters are wider.
HEADING_WIDER = 1.15
#: A cell's left and right margins together (Word's default: 2 x 0.19 cm).
CELL_MARGINS = 216
#: A wide table's type is made smaller down to this size (half points: 7 pt), no further.
SMALLEST_TYPE = 14
#: Tables of at most this many rows are kept on one page with their notes; longer ones may
#: break across pages (their header rows repeat).
KEEP_TOGETHER_ROWS = 25


@dataclass(frozen=True)
class Page:
    """What a table needs to know of the page it is on: the text width and type size, and
    the section properties to open a landscape page for a wide table."""

    text_width: int = 9072
    type_size: int = 22  # half points
    section: str | None = None  # the body's w:sectPr, as XML
    landscape_width: int = 13988

    def landscape_sections(self) -> tuple[str, str]:
        """The section break that ends the portrait pages before a table, and the one that
        ends the landscape page it stands on."""
        portrait = self.section or ""
        landscape = portrait
        m = re.search(r'<w:pgSz\b[^>]*/>', portrait)
        if m:
            w = re.search(r'w:w="(\d+)"', m.group(0)).group(1)
            h = re.search(r'w:h="(\d+)"', m.group(0)).group(1)
            landscape = portrait.replace(m.group(0), f'<w:pgSz w:w="{h}" w:h="{w}" w:orient="landscape"/>')
        return portrait, landscape


def page_of(document_xml: str, styles_root: etree._Element | None) -> Page:
    """The page of a template: from the body's last w:sectPr and the Normal style's type size."""
    m = re.findall(r"<w:sectPr\b.*?</w:sectPr>", document_xml, re.S)
    size = 22
    if styles_root is not None:
        for el in (styles_root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}"),
                   *[st.find(f"{qn('w:rPr')}/{qn('w:sz')}") for st in styles_root.iter(qn("w:style"))
                     if st.get(qn("w:default")) == "1" and st.get(qn("w:type")) == "paragraph"]):
            if el is not None and (el.get(qn("w:val")) or "").isdigit():
                size = int(el.get(qn("w:val")))
    if not m:
        return Page(type_size=size)
    section = m[-1]

    def number(name: str, tag: str, default: int) -> int:
        found = re.search(rf"<w:{tag}\b[^>]*\bw:{name}=\"(\d+)\"", section)
        return int(found.group(1)) if found else default

    width, height = number("w", "pgSz", 11906), number("h", "pgSz", 16838)
    left, right = number("left", "pgMar", 1417), number("right", "pgMar", 1417)
    landscape = max(width, height) - left - right
    return Page(text_width=min(width, height) - left - right if width < height else width - left - right,
                type_size=size, section=section, landscape_width=landscape)


def _width(texts, least: int, most: int) -> int:
    longest = max((len(t) for t in texts), default=0)
    return max(least, min(most, (longest + 2) * CHAR_WIDTH))


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


@lru_cache(maxsize=1024)
def _paragraph_frame(style_id: str, keep_next: bool, size: int | None) -> tuple[str, str, str]:
    """What a paragraph of this style holds around its text: its start (properties), a text
    run's start, a tab's run (the same for every cell of a column: made once)."""
    keep = "<w:keepNext/>" if keep_next else ""
    rpr = f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>' if size else ""
    return (f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}{rpr}</w:pPr>', f"<w:r>{rpr}<w:t{_XML_SPACE}>",
            f"<w:r>{rpr}<w:tab/></w:r>")


def _runs(text: str, run: str, tab: str) -> str:
    """A text as runs: a tab is a run of its own."""
    runs = ""
    for i, piece in enumerate(text.split("\t")):
        if i:
            runs += tab
        if piece:
            runs += f"{run}{escape(piece)}</w:t></w:r>"
    return runs


def _paragraph(style_id: str, text: str, keep_next: bool = False, size: int | None = None) -> str:
    start, run, tab = _paragraph_frame(style_id, keep_next, size)
    return f"{start}{_runs(text, run, tab)}</w:p>"


@lru_cache(maxsize=1024)
def _cell_frame(style_id: str, width: int, span: int, merge: str | None, size: int | None,
                keep: bool) -> tuple[str, str, str]:
    """_paragraph_frame for a table cell, its start with the cell's properties."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if merge is not None:
        props += f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
    start, run, tab = _paragraph_frame(style_id, keep, size)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{start}", run, tab


def _cell(style_id: str, text: str, width: int, span: int = 1, merge: str | None = None, size: int | None = None,
          keep: bool = True) -> str:
    """A table cell; span: the columns it covers; merge: 'restart'/'continue' down two rows."""
    start, run, tab = _cell_frame(style_id, width, span, merge, size, keep)
    return f"{start}{_runs(text, run, tab)}</w:p></w:tc>"


def _row(cells: str, header: bool = False) -> str:
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def column_widths(table, text_width: int) -> tuple[list[int], float]:
    """The width of each column (label, text columns, figures), and the factor by which the
    type must shrink for them to fit the text width (1: it fits at the normal size).

    Widths follow the content: as roomy as before while that fits; else each column as wide
    as its longest figure or word (headers wrap); else everything smaller, in proportion."""
    lead = table.lead
    figures = table.columns[lead:]
    body = [r for r in table.rows if not r.section]
    labels = [r.label.text for r in table.rows if not r.section] + [table.corner.text]
    texts = [[c.text] + [r.cells[i].text for r in body] for i, c in enumerate(table.columns[:lead])]
    roomy = ([_width(labels, MIN_LABEL, MAX_LABEL)] + [_width(t, MIN_LABEL, MAX_LABEL) for t in texts]
             + [_width([c.text for c in figures] + [c.text for r in body for c in r.cells[lead:]],
                       MIN_FIGURE, MAX_FIGURE)] * len(figures))
    if sum(roomy) <= text_width:
        return roomy, 1.0
    compact = [max(COMPACT_LABEL, min(COMPACT_MAX_LABEL, (max(len(t) for t in labels) + 2) * CHAR_WIDTH))]
    compact += [max(COMPACT_LABEL, min(COMPACT_MAX_LABEL, (max(len(x) for x in t) + 2) * CHAR_WIDTH)) for t in texts]
    group_of = [g for g in table.groups for _ in range(g.span)]
    for i, c in enumerate(figures):
        longest = max([_longest_word(c.text) * HEADING_WIDER] + [len(r.cells[lead + i].text) for r in body])
        width = int(longest * CHAR_WIDTH) + CELL_MARGINS + CHAR_WIDTH
        if i < len(group_of):  # a group's label, unbroken, over the columns it spans
            g = group_of[i]
            width = max(width, int((_longest_word(g.label.text) * HEADING_WIDER + 1) * CHAR_WIDTH + CELL_MARGINS) // g.span)
        compact.append(max(COMPACT_FIGURE, width))
    if sum(compact) <= text_width:
        spare = text_width - sum(compact)  # give the label column what is left, up to its roomy width
        compact[0] += min(spare, max(0, roomy[0] - compact[0]))
        return compact, 1.0
    margins = CELL_MARGINS * len(compact)  # the cell's own margins do not shrink with the type
    factor = (text_width - margins) / (sum(compact) - margins)
    return [int(CELL_MARGINS + (w - CELL_MARGINS) * factor) for w in compact], factor


#: Where a built table's body rows stand in the main document while the answer is finished:
#: they are written finished (every pass over the document leaves them as they are), so the
#: parsed document holds this element in their place and `put_rows` puts them back as text.
ROWS_STANDIN = "drafter-rows"
#: How word/figures names a figure's bookmark: this, then the figure's number (hidden in Word: it starts with "_").
BOOKMARK_PREFIX = "_DrafterFig"
_ROWS_STANDIN_ANY = "{*}" + ROWS_STANDIN
_ROWS_PLACE = '<' + ROWS_STANDIN + ' n="{}" count="{}"/>'
_ROWS_PLACE_RE = re.compile(('<' + ROWS_STANDIN + r' n="(\d+)" count="\d+"/>').encode())
#: A run of a body row (in UTF-8) holding a figure mark, with text before and after it in the run.
_FIGURE_RUN = re.compile(
    ("<w:r>((?:<w:rPr>(?:<w:[^>]*/>)*</w:rPr>)?)<w:t" + _XML_SPACE + ">([^<]*)" + FIG_OPEN + r"(\d+)" + FIG_SEP
     + "([^<]+)" + FIG_CLOSE + "([^<]*)</w:t></w:r>").encode("utf-8"))
#: What rows standing apart cannot hold: drafter's marks of note calls and footnotes (which
#: passes over the document turn into runs of their own), U+FFFE and U+FFFF (INVALID_XML_CHARS);
#: and, as bytes, the rest of INVALID_XML_CHARS but lone surrogates (which UTF-8 refuses) and
#: '\r' (which the parser reads as '\n'). (bytes.translate finds them five times faster than re.)
_NOT_APART = (TOKEN_START, TOKEN_END, SUP_OPEN, SUP_CLOSE, "\ufffe", "\uffff")
_NOT_APART_BYTES = bytes([*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
#: A style id written into an attribute as lxml writes it again (nothing to escape).
_PLAIN_ID = re.compile(r'[^&<>"\s]*')


@dataclass(frozen=True)
class TableRows:
    """A built table's body rows as text, cut at the runs of its figures, and what the figure
    record needs of them: each figure's row and cell, each row's label. (Flat sequences of
    numbers and texts: a tuple per figure would be tens of thousands of objects for Python's
    cyclic garbage collector to walk in a table of 5,000 rows.)"""

    pieces: list[bytes]  # in UTF-8: text, a figure's run, text, a figure's run, ..., text
    numbers: list[int]  # per figure run: its figure's number,
    rows: list[int]  # its row (counted from the table's first, header, row)
    cells: list[int]  # and its cell in the row
    labels: tuple[str, ...]  # per body row: its label's text
    sizes: tuple[int, ...]  # and how many cells it has

    def xml(self, first_id: int, marked: list[int]) -> bytes:
        """The rows, with a bookmark around each figure run in `marked` (in order), their ids
        from first_id up: the elements oxml_footnotes.bookmark_around makes, as lxml writes them."""
        if not marked:
            return b"".join(self.pieces)
        out = list(self.pieces)
        numbers = self.numbers
        for number, i in enumerate(marked, start=first_id):
            at = 2 * i + 1
            out[at] = (f'<w:bookmarkStart w:id="{number}" w:name="{BOOKMARK_PREFIX}{numbers[i]}"/>'.encode()
                       + out[at] + f'<w:bookmarkEnd w:id="{number}"/>'.encode())
        return b"".join(out)


@dataclass(frozen=True)
class BuiltTable:
    """A table built from the data: its XML in three pieces, and its body rows cut apart when
    they can stand out of the parsed document (None: they stay in it)."""

    head: str  # the section break and caption before the table, its properties, its header rows
    body: str  # the body rows, each figure marked
    tail: str  # the table's end, its notes, the section break after it
    rows: TableRows | None

    @property
    def xml(self) -> str:
        return self.head + self.body + self.tail

    def standing_in(self, n: int) -> str:
        """The table with ROWS_STANDIN number n in the place of its body rows."""
        return self.head + _ROWS_PLACE.format(n, len(self.rows.sizes)) + self.tail


class Rendered(dict):
    """Rendered parts (name -> bytes), and `rows`: the body rows of the main document's tables
    that stand in it as ROWS_STANDIN number 0, 1, ... (see put_rows)."""

    def __init__(self, parts: dict[str, bytes], rows: list[TableRows]) -> None:
        super().__init__(parts)
        self.rows = rows


def put_rows(xml: bytes, rows: list[TableRows], bookmarks: list[tuple[int, list[int]]]) -> bytes:
    """The main document with each ROWS_STANDIN replaced by its rows, with their bookmarks
    (per rows: the first id, and the figure runs marked; see TableRows.xml)."""
    if not rows:
        return xml
    pieces = _ROWS_PLACE_RE.split(xml)  # text, number, text, number, ..., text
    if len(pieces) != 2 * len(rows) + 1:
        raise ValueError("a table's body rows lost their place in the document")
    for i in range(1, len(pieces), 2):
        n = int(pieces[i])
        pieces[i] = rows[n].xml(*bookmarks[n])
    return b"".join(pieces)


def _rows_apart(table, body: str, marked: list[int], styles: dict[str, str]) -> TableRows | None:
    """The body rows cut at their figures' runs as word/figures would cut them in the parsed
    document (figures._split_run): each figure's text gets a run of its own, with text before
    or after it in runs of their own. None when the rows hold anything a pass over the document
    would change or refuse: a note call or footnote, a mark that is not one whole figure in a
    run, a character XML cannot hold or the parser changes ('\r'), a style id to escape.
    marked: row, cell, row, cell, ... of each body cell whose text holds a figure mark, in order."""
    if any(c in body for c in _NOT_APART) or not all(_PLAIN_ID.fullmatch(s) for s in styles.values()):
        return None
    try:
        data = body.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if len(data.translate(None, _NOT_APART_BYTES)) != len(data):
        return None
    split = _FIGURE_RUN.split(data)  # text, then per figure run: rPr, before, number, shown, after; text
    count = len(split) // 6
    # each mark a whole figure in a run of its own cell: the i-th run is the i-th marked cell's
    if len(marked) != 2 * count or any(body.count(mark) != count for mark in (FIG_OPEN, FIG_SEP, FIG_CLOSE)):
        return None
    texts, rprs, befores, numbers, shown, afters = (split[i::6] for i in range(6))
    runs = [b"<w:r>" + rpr + _T_OPEN + text + b"</w:t></w:r>" for rpr, text in zip(rprs, shown)]
    if any(befores) or any(afters):  # text beside the figure in its run: runs of their own, as it stood
        for i in range(count):
            if befores[i]:
                texts[i] += b"<w:r>" + rprs[i] + _T_OPEN + befores[i] + b"</w:t></w:r>"
            if afters[i]:
                texts[i + 1] = b"<w:r>" + rprs[i] + _T_OPEN + afters[i] + b"</w:t></w:r>" + texts[i + 1]
    pieces = [b""] * (2 * count + 1)
    pieces[0::2], pieces[1::2] = texts, runs
    return TableRows(pieces, list(map(int, numbers)), marked[0::2], marked[1::2],
                     tuple(row.label.text for row in table.rows),
                     tuple(1 if row.section else 1 + len(row.cells) for row in table.rows))


def build_table(table, styles: dict[str, str], page: Page | None = None) -> BuiltTable:
    """A whole table as WordprocessingML: caption, the table (header rows repeated), its notes.

    `table` is a view.TableView; `styles` maps the roles caption, table, heading,
    heading_number, heading_group, text, number, total, total_number and note to the
    template's style ids. A table with column groups gets two header rows, both repeated.
    Columns never pass the margin: a wide table gets narrower columns, then smaller type, or
    (table.fit 'landscape') a landscape page of its own.
    """
    page = page or Page()
    out = []
    caption = table.title.text if table.title is not None else ""
    if table.caption:
        caption = f"{caption} ({table.caption})" if caption else table.caption[:1].upper() + table.caption[1:]
    widths, factor = column_widths(table, page.text_width)
    sections = None
    if factor < 1 and table.fit == "landscape" and page.section is not None:
        sections = page.landscape_sections()
        widths, factor = column_widths(table, page.landscape_width)
    size = None
    if factor < 1:
        size = max(SMALLEST_TYPE, int(page.type_size * factor))
    if sections is not None:
        out.append(f"<w:p><w:pPr>{sections[0]}</w:pPr></w:p>")
    if caption:
        out.append(_paragraph(styles["caption"], caption, keep_next=True))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    has_total = any(r.total for r in table.rows)
    look = (f'<w:tblLook w:val="{"0060" if has_total else "0020"}" w:firstRow="1" w:lastRow="{int(has_total)}"'
            ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')
    lead = table.lead
    rows = []
    merge = None
    if table.groups:  # a first header row: each group's label over its columns
        merge = "continue"
        cells = _cell(styles["heading"], table.corner.text, widths[0], merge="restart", size=size)
        cells += "".join(_cell(styles["heading"], c.text, widths[1 + i], merge="restart", size=size)
                         for i, c in enumerate(table.columns[:lead]))
        at = 1 + lead
        for g in table.groups:
            cells += _cell(styles["heading_group"], g.label.text, sum(widths[at:at + g.span]), span=g.span, size=size)
            at += g.span
        # a column under no group (the column total): its header down both rows, as the corner's
        cells += "".join(_cell(styles["heading_number"], c.text, widths[at + i], merge="restart", size=size)
                         for i, c in enumerate(table.columns[at - 1:]))
        rows.append(_row(cells, header=True))
    grouped = sum(g.span for g in table.groups) if merge else len(table.columns) - lead
    cells = _cell(styles["heading"], "" if merge else table.corner.text, widths[0], merge=merge, size=size)
    cells += "".join(_cell(styles["heading"], "" if merge else c.text, widths[1 + i], merge=merge, size=size)
                     for i, c in enumerate(table.columns[:lead]))
    cells += "".join(_cell(styles["heading_number"], c.text, widths[1 + lead + i], size=size) if i < grouped else
                     _cell(styles["heading_number"], "", widths[1 + lead + i], merge="continue", size=size)
                     for i, c in enumerate(table.columns[lead:]))
    rows.append(_row(cells, header=True))
    header = len(rows)
    marked: list[int] = []  # row, cell, row, cell, ... of each body cell holding a mark, in order
    keep = len(table.rows) + header <= KEEP_TOGETHER_ROWS  # a long table may break across pages
    for index, row in enumerate(table.rows):
        row_keep = keep or index == 0 or row.section
        if row.section:
            rows.append(_row(_cell(styles["heading"], row.label.text, sum(widths), span=len(widths), size=size,
                                   keep=row_keep)))
            continue
        label_style, number_style = ("total", "total_number") if row.total else ("text", "number")
        cells = _cell(styles[label_style], row.label.text, widths[0], size=size, keep=row_keep)
        for i, c in enumerate(row.cells):
            style = (number_style if not c.total else "total_number") if c.numeric else \
                (label_style if not c.total else "total")
            # str(c): the figure with its mark, which word/figures turns into a hidden bookmark
            text = str(c)
            if FIG_OPEN in text:
                marked += (len(rows), 1 + i)
            cells += _cell(styles[style], text, widths[1 + i], size=size, keep=row_keep)
        rows.append(_row(cells))
    layout = '<w:tblLayout w:type="fixed"/>' if factor < 1 or sum(widths) > page.text_width * 0.9 else ""
    out.append(
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{styles["table"]}"/><w:tblW w:w="0" w:type="auto"/>{layout}{look}</w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows[:header])}"
    )
    head, body = "".join(out), "".join(rows[header:])
    out = ["</w:tbl>"]
    under = [f"{note.marker}\t{note.text}" for note in table.notes] + list(table.remarks)
    for i, text in enumerate(under):
        out.append(_paragraph(styles["note"], text, keep_next=i < len(under) - 1))
    if sections is not None:
        out.append(f"<w:p><w:pPr>{sections[1]}</w:pPr></w:p>")
    return BuiltTable(head, body, "".join(out), _rows_apart(table, body, marked, styles))


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

"""WordprocessingML of footnotes, and only here: the footnotes part, the references in the
text, the styles and settings they need.

What Word expects (see shared notes, "Real footnotes"): a part ``word/footnotes.xml``
related to the main document, holding the two structural notes (told apart by ``w:type``,
never by id: Word gives them -1 and 0, LibreOffice 0 and 1) and one ``w:footnote`` per
note whose first run is a ``w:footnoteRef`` in the "footnote reference" style; in the
text, a run in that style holding ``w:footnoteReference w:id="N"``. Word numbers the notes
by their order in the text, not by id. Two references to one note are a structural error
for Word: a note shown at a second place is a cross-reference (a NOTEREF field to a
bookmark around the first reference), as Word makes it.
"""

from __future__ import annotations

import re

from lxml import etree

from drafter.word.styles import FOOTNOTE_REFERENCE, FOOTNOTE_TEXT
from drafter.word.oxml import NO_NOTES_INSIDE, XML_NS, NSMAP, W_NS, parse, qn, style_ids_by_name, text_of

FOOTNOTES_PART = "word/footnotes.xml"
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
STYLES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
STYLES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
SETTINGS_PART = "word/settings.xml"

_STRUCTURAL = {"separator", "continuationSeparator", "continuationNotice"}
_CONTROL = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|[\r\n\x0b]")


# --------------------------------------------------------------------------- styles


def _default_style(styles_root: etree._Element, kind: str) -> str | None:
    for style in styles_root.iter(qn("w:style")):
        if style.get(qn("w:type")) == kind and style.get(qn("w:default")) in ("1", "true", "on"):
            return style.get(qn("w:styleId"))
    return None


def _free_style_id(styles_root: etree._Element, wanted: str) -> str:
    taken = {s.get(qn("w:styleId")) for s in styles_root.iter(qn("w:style"))}
    candidate, n = wanted, 1
    while candidate in taken:
        candidate, n = f"{wanted}{n}", n + 1
    return candidate


def _add_style(styles_root: etree._Element, kind: str, wanted_id: str, name: str, ppr: str, rpr: str) -> str:
    style_id = _free_style_id(styles_root, wanted_id)
    based = _default_style(styles_root, kind)
    xml = (
        f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        + (f'<w:basedOn w:val="{based}"/>' if based else "")
        + f'<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>{ppr}{rpr}</w:style>'
    )
    styles_root.append(parse(xml))
    return style_id


def ensure_footnote_styles(styles_root: etree._Element) -> tuple[str, str]:
    """The ids of the "footnote text" and "footnote reference" styles, added (as Word
    defines them) when the template lacks them. Names are matched case-insensitively."""
    ids = style_ids_by_name(styles_root)
    text_id = ids.get(FOOTNOTE_TEXT)
    if text_id is None:
        text_id = _add_style(styles_root, "paragraph", "FootnoteText", FOOTNOTE_TEXT,
                             '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>',
                             '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>')
    ref_id = ids.get(FOOTNOTE_REFERENCE)
    if ref_id is None:
        ref_id = _add_style(styles_root, "character", "FootnoteReference", FOOTNOTE_REFERENCE,
                            "", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
    return text_id, ref_id


def new_styles_part() -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}"/>').encode("utf-8")


# --------------------------------------------------------------------------- the footnotes part


def new_footnotes_part() -> bytes:
    """A footnotes part with only the two structural notes (ids 0 and 1)."""
    def structural(kind: str, note_id: int) -> str:
        return (f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr>'
                f'<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                f"<w:r><w:{kind}/></w:r></w:p></w:footnote>")

    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{NSMAP["r"]}">'
        + structural("separator", 0) + structural("continuationSeparator", 1)
        + "</w:footnotes>"
    ).encode("utf-8")


def _note_id(note: etree._Element) -> int | None:
    try:
        return int(note.get(qn("w:id")))
    except (TypeError, ValueError):
        return None


def next_footnote_id(footnotes_root: etree._Element) -> int:
    """The first id above every note the part has (structural notes included)."""
    ids = [i for i in map(_note_id, footnotes_root.findall(qn("w:footnote"))) if i is not None]
    return max(ids, default=0) + 1


def structural_note_ids(footnotes_root: etree._Element) -> list[int]:
    """The ids of the separator and continuation separator, found by their type."""
    out = []
    for kind in ("separator", "continuationSeparator"):
        for note in footnotes_root.findall(qn("w:footnote")):
            if note.get(qn("w:type")) == kind and _note_id(note) is not None:
                out.append(_note_id(note))
                break
    return out


def _text_run(text: str) -> list[etree._Element]:
    """Runs for a plain text: line breaks become w:br, tabs w:tab; control characters go."""
    run = etree.Element(qn("w:r"))
    for i, line in enumerate(_LINE_BREAK.split(_CONTROL.sub("", text))):
        if i:
            etree.SubElement(run, qn("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                etree.SubElement(run, qn("w:tab"))
            if piece:
                t = etree.SubElement(run, qn("w:t"))
                t.text = piece
                if piece != piece.strip():
                    t.set("{%s}space" % XML_NS, "preserve")
    return [run]


def append_footnote(footnotes_root: etree._Element, note_id: int, text: str, text_style: str, ref_style: str) -> None:
    """A note as Word writes it: its own number (footnoteRef), a space, the text."""
    note = etree.SubElement(footnotes_root, qn("w:footnote"))
    note.set(qn("w:id"), str(note_id))
    p = etree.SubElement(note, qn("w:p"))
    etree.SubElement(etree.SubElement(p, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), text_style)
    mark = etree.SubElement(p, qn("w:r"))
    etree.SubElement(etree.SubElement(mark, qn("w:rPr")), qn("w:rStyle")).set(qn("w:val"), ref_style)
    etree.SubElement(mark, qn("w:footnoteRef"))
    p.extend(_text_run(" " + text))


# --------------------------------------------------------------------------- settings

#: Children of w:settings that come after w:footnotePr in the schema's order.
_SETTINGS_AFTER_FOOTNOTE_PR = {
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang",
    "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade",
    "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
}


def ensure_settings_footnote_pr(settings_root: etree._Element, structural_ids: list[int]) -> None:
    """``w:footnotePr`` naming the structural notes, as Word writes it; kept if present."""
    if settings_root.find(qn("w:footnotePr")) is not None:
        return
    pr = etree.Element(qn("w:footnotePr"))
    for note_id in structural_ids:
        etree.SubElement(pr, qn("w:footnote")).set(qn("w:id"), str(note_id))
    for i, child in enumerate(settings_root):
        if not isinstance(child.tag, str):
            continue
        q = etree.QName(child)
        if q.namespace != W_NS or q.localname in _SETTINGS_AFTER_FOOTNOTE_PR:
            settings_root.insert(i, pr)
            return
    settings_root.append(pr)


# --------------------------------------------------------------------------- references in the text

def _styled(run: etree._Element, ref_style: str) -> etree._Element:
    etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:rStyle")).set(qn("w:val"), ref_style)
    return run


def make_footnote_reference(run: etree._Element, note_id: int, ref_style: str) -> None:
    """Turn an empty run into the reference to note ``note_id``."""
    _styled(run, ref_style)
    etree.SubElement(run, qn("w:footnoteReference")).set(qn("w:id"), str(note_id))


def next_annotation_id(root: etree._Element) -> int:
    """An id for a new bookmark: above every w:id the part uses for its own marks."""
    skip = {qn("w:footnoteReference"), qn("w:endnoteReference")}
    best = -1
    for el in root.iter():
        if el.tag in skip or not isinstance(el.tag, str):
            continue
        value = el.get(qn("w:id"))
        if value is not None and value.lstrip("-").isdigit():
            best = max(best, int(value))
    return best + 1


def bookmark_name(note_id: int) -> str:
    """A hidden bookmark ("_Ref..." as Word names cross-reference targets), under 40 characters."""
    return f"_RefDrafterNote{note_id}"


_BOOKMARK_START, _BOOKMARK_END, _W_ID, _W_NAME = (qn("w:bookmarkStart"), qn("w:bookmarkEnd"), qn("w:id"),
                                                  qn("w:name"))


def bookmark_around(run: etree._Element, bookmark_id: int, name: str) -> None:
    number = str(bookmark_id)
    parent = run.getparent()  # made in the run's document, then moved: cheaper than a document of their own
    start = etree.SubElement(parent, _BOOKMARK_START, {_W_ID: number, _W_NAME: name})
    end = etree.SubElement(parent, _BOOKMARK_END, {_W_ID: number})
    run.addprevious(start)
    run.addnext(end)


def make_note_cross_reference(run: etree._Element, name: str, ref_style: str) -> etree._Element:
    """Turn an empty run into a NOTEREF field to the note whose reference carries bookmark
    ``name``, formatted as a note reference (``\\f``); returns the w:t of its shown number."""
    runs = []
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = _styled(etree.Element(qn("w:r")), ref_style)
        if kind == "instr":
            instr = etree.SubElement(r, qn("w:instrText"))
            instr.text = f" NOTEREF {name} \\f \\h "
            instr.set("{%s}space" % XML_NS, "preserve")
        elif kind == "result":
            shown = etree.SubElement(r, qn("w:t"))
        else:
            etree.SubElement(r, qn("w:fldChar")).set(qn("w:fldCharType"), kind)
        runs.append(r)
    parent, index = run.getparent(), run.getparent().index(run)
    parent.remove(run)
    for offset, r in enumerate(runs):
        parent.insert(index + offset, r)
    return shown


def footnote_numbers(root: etree._Element) -> dict[int, int]:
    """The number Word shows for each note id: its place among the numbered references."""
    numbers: dict[int, int] = {}
    n = 0
    for ref in root.iter(qn("w:footnoteReference")):
        if ref.get(qn("w:customMarkFollows")) in ("1", "true", "on"):
            continue
        note_id = _note_id(ref)
        if note_id is not None and note_id not in numbers:
            n += 1
            numbers[note_id] = n
    return numbers


def places_of(root: etree._Element, pattern: re.Pattern) -> list[str]:
    """Where matches of ``pattern`` remain, as a person would find them in Word."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        values = [el.text or "", el.tail or "", *el.attrib.values()]
        if not any(pattern.search(v) for v in values):
            continue
        p = el if el.tag == qn("w:p") else next(el.iterancestors(qn("w:p")), None)
        shown = pattern.sub("", text_of(p)).strip()[:60] if p is not None else ""
        what = "a text box" if any(a.tag in NO_NOTES_INSIDE for a in el.iterancestors()) else "a paragraph"
        out.append(f"{what} ({shown!r})" if shown else what)
    return out

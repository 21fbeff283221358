"""Footnotes: the footnotes part, the references in the text, the styles and settings they need.

What Word expects: a part ``word/footnotes.xml`` related to the main document, holding the
two structural notes (told apart by ``w:type``, never by id: Word gives them -1 and 0,
LibreOffice 0 and 1) and one ``w:footnote`` per note whose first run is a ``w:footnoteRef``
in the "footnote reference" style; in the text, a run in that style holding
``w:footnoteReference w:id="N"``. Word numbers the notes by their order in the text, not by
id. Two references to one note are a structural error for Word: a note shown at a second
place is a cross-reference (a NOTEREF field to a bookmark around the first reference), as
Word makes it.
"""

from __future__ import annotations

import re

from lxml import etree

from drafter.oxml import XML, Element, order, parse, qn, R, W
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import run as runs
from drafter.oxml import styles as style_parts

PART = "word/footnotes.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
SETTINGS_PART = "word/settings.xml"

FOOTNOTE, REFERENCE, ENDNOTE_REFERENCE = qn("w:footnote"), qn("w:footnoteReference"), qn("w:endnoteReference")
_ID, _TYPE, _VAL = qn("w:id"), qn("w:type"), qn("w:val")
_SPACE = f"{{{XML}}}space"


def ensure_styles(styles: Element, text_name: str, reference_name: str) -> tuple[str, str]:
    """The ids of the footnote text and footnote reference styles (by these names, in any
    case), added as Word defines them when the styles lack them."""
    ids = style_parts.ids_by_name(styles)
    text_id = ids.get(text_name.lower())
    if text_id is None:
        text_id = style_parts.add_style(styles, "paragraph", "FootnoteText", text_name,
                                        paragraph='<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>',
                                        run='<w:sz w:val="20"/><w:szCs w:val="20"/>')
    ref_id = ids.get(reference_name.lower())
    if ref_id is None:
        ref_id = style_parts.add_style(styles, "character", "FootnoteReference", reference_name,
                                       run=style_parts.SUPERSCRIPT)
    return text_id, ref_id


def new_part() -> Element:
    """A footnotes part with only the two structural notes (ids 0 and 1)."""
    def structural(kind: str, note_id: int) -> str:
        return (f'<w:footnote w:type="{kind}" w:id="{note_id}"><w:p><w:pPr>'
                f'<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
                f"<w:r><w:{kind}/></w:r></w:p></w:footnote>")

    return parse(f'<w:footnotes xmlns:w="{W}" xmlns:r="{R}">' + structural("separator", 0)
                 + structural("continuationSeparator", 1) + "</w:footnotes>")


def only_structural(footnotes: Element) -> Element:
    """The footnotes part with its notes removed but the structural ones (the separators)."""
    for note in footnotes.findall(FOOTNOTE):
        if note.get(_TYPE) not in ("separator", "continuationSeparator", "continuationNotice"):
            footnotes.remove(note)
    return footnotes


def texts(footnotes: Element) -> dict[str, str]:
    """Each note's text by its id (its number's run left out), as a person reads it."""
    out = {}
    for note in footnotes.findall(FOOTNOTE):
        if note.get(_TYPE) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        pieces = []
        for node in note.iter(qn("w:t"), qn("w:tab")):
            pieces.append("\t" if node.tag == qn("w:tab") else (node.text or ""))
        out[note.get(_ID) or ""] = " ".join("".join(pieces).split())
    return out


def _note_id(note: Element) -> int | None:
    try:
        return int(note.get(_ID))
    except (TypeError, ValueError):  # no id, or not a number: a note Word would not read either
        return None


def note_id(element: Element) -> int | None:
    """The id of a note or of a reference to one (None: none Word would read)."""
    return _note_id(element)


def set_id(element: Element, note_id: int) -> None:
    """A note or a reference given another id."""
    element.set(_ID, str(note_id))


def references(root: Element) -> list[Element]:
    """The footnote references under root, in order."""
    return list(root.iter(REFERENCE))


def next_id(footnotes: Element) -> int:
    """The first id above every note the part has (structural notes included)."""
    ids = [i for i in map(_note_id, footnotes.findall(FOOTNOTE)) if i is not None]
    return max(ids, default=0) + 1


def structural_ids(footnotes: Element) -> list[int]:
    """The ids of the separator and continuation separator, found by their type."""
    out = []
    for kind in ("separator", "continuationSeparator"):
        for note in footnotes.findall(FOOTNOTE):
            if note.get(_TYPE) == kind and _note_id(note) is not None:
                out.append(_note_id(note))
                break
    return out


def append(footnotes: Element, note_id: int, text: str, text_style: str, ref_style: str) -> None:
    """A note as Word writes it: its own number (w:footnoteRef), a space, the text."""
    note = etree.SubElement(footnotes, FOOTNOTE, {_ID: str(note_id)})
    p = etree.SubElement(note, qn("w:p"))
    etree.SubElement(paragraphs.properties(p), qn("w:pStyle"), {_VAL: text_style})
    mark = runs.style(etree.SubElement(p, runs.R), ref_style)
    etree.SubElement(mark, qn("w:footnoteRef"))
    p.extend(runs.text_runs(" " + text))


def ensure_settings(settings: Element, structural: list[int]) -> None:
    """``w:footnotePr`` naming the structural notes, as Word writes it; kept if present."""
    if settings.find(qn("w:footnotePr")) is not None:
        return
    pr = settings.makeelement(qn("w:footnotePr"))
    for note_id in structural:
        etree.SubElement(pr, FOOTNOTE, {_ID: str(note_id)})
    order.insert(settings, pr)


def make_reference(run: Element, note_id: int, ref_style: str) -> None:
    """Turn an empty run into the reference to note ``note_id``."""
    etree.SubElement(runs.style(run, ref_style), REFERENCE, {_ID: str(note_id)})


def make_cross_reference(run: Element, bookmark: str, ref_style: str) -> Element:
    """Turn an empty run into a NOTEREF field to the note whose reference carries the bookmark,
    formatted as a note reference (``\\f``); returns the w:t of its shown number."""
    field = []
    shown = None
    for kind in ("begin", "instr", "separate", "result", "end"):
        r = runs.style(etree.Element(runs.R), ref_style)
        if kind == "instr":
            instr = etree.SubElement(r, qn("w:instrText"))
            instr.text = f" NOTEREF {bookmark} \\f \\h "
            instr.set(_SPACE, "preserve")
        elif kind == "result":
            shown = etree.SubElement(r, runs.T)
        else:
            etree.SubElement(r, qn("w:fldChar"), {qn("w:fldCharType"): kind})
        field.append(r)
    parent = run.getparent()
    index = parent.index(run)
    parent.remove(run)
    for offset, r in enumerate(field):
        parent.insert(index + offset, r)
    return shown


#: The endnotes part: the same layout as the footnotes part, with w:endnote elements.
ENDNOTES_PART = "word/endnotes.xml"
ENDNOTE = qn("w:endnote")


def written_notes(notes: Element) -> list[tuple[int, Element]]:
    """The notes a person wrote in a footnotes or endnotes part, with their ids: every
    w:footnote or w:endnote but the separators (which have a w:type)."""
    return [(note_id, note) for note in notes if note.tag in (FOOTNOTE, ENDNOTE) and note.get(_TYPE) in (None, "normal")
            and (note_id := _note_id(note)) is not None]


def numbers(root: Element, endnotes: bool = False) -> dict[int, int]:
    """The number Word shows for each note id: its place among the numbered references (of
    the endnotes, with ``endnotes``)."""
    found: dict[int, int] = {}
    for ref in root.iter(ENDNOTE_REFERENCE if endnotes else REFERENCE):
        if ref.get(qn("w:customMarkFollows")) in ("1", "true", "on"):
            continue
        note_id = _note_id(ref)
        if note_id is not None and note_id not in found:
            found[note_id] = len(found) + 1
    return found


def remaining(root: Element, pattern: re.Pattern) -> list[tuple[str, str]]:
    """Where matches of ``pattern`` remain under root, as a person would find them in Word:
    (what: 'a paragraph' or 'a text box', the paragraph's text without the matches)."""
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if not any(pattern.search(v) for v in (el.text or "", el.tail or "", *el.attrib.values())):
            continue
        p = el if el.tag == paragraphs.P else next(el.iterancestors(paragraphs.P), None)
        shown = pattern.sub("", paragraphs.text_of(p)).strip()[:60] if p is not None else ""
        what = "a text box" if any(a.tag in runs.NO_NOTES_INSIDE for a in el.iterancestors()) else "a paragraph"
        out.append((what, shown))
    return out


def holds(root: Element, pattern: re.Pattern) -> bool:
    """Whether any text or attribute value under root matches."""
    return any(pattern.search(v) for el in root.iter()
               for v in (el.text or "", el.tail or "", *(el.attrib.values() if isinstance(el.tag, str) else ())))

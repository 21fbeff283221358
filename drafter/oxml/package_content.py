"""A Word document's content as a person sees it: paragraphs, tables, notes, comments, tracked
changes, headers and footers, and the properties a person sets; read the same whoever saved it.

Word and LibreOffice rewrite a document on a plain open-and-save without changing what it
says: they add revision ids (rsids), paragraph ids, proofing marks and a ``_GoBack``
bookmark, renumber relationships, notes, comments and changes, split or join runs, copy a
style's properties into each paragraph, rewrite the settings, the fonts table, the theme,
app.xml and the compatibility settings, and reorder attributes and namespace declarations.
``read`` keeps only what a person writes or chooses (text, tables and their merged cells,
figures, notes and footnotes, comments, tracked changes with their author, the style of each
paragraph and run, bold and the like, lists, links, pictures, page orientation, headers and
footers, and the document properties of File > Properties), so that two saves of the same
content read the same and any edit a person makes reads differently (``digest``).

The same reading serves what reads an answer's texts back (paragraphs, their styles and
spans of formatting, tables as rows of cells). ``oxml.content`` reads one paragraph piece by
piece for ``collect`` (where drafter's bookmarks fall in its text); this module reads the whole
package, for the fingerprint, ``verify`` and ``update``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from drafter.i18n import _
from drafter.oxml import NSMAP, Element, XMLSyntaxError, xml_reason, local_name, qn
from drafter.oxml.opc import MAIN_DOCUMENT, Package, relationships_part, resolve

W_NS = "{" + NSMAP["w"] + "}"
_R_NS = "{" + NSMAP["r"] + "}"
_MC_NS = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = qn("w:val")
_ID = qn("w:id")
_AUTHOR = qn("w:author")
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
FOOTNOTES_REL, ENDNOTES_REL, COMMENTS_REL = _REL + "footnotes", _REL + "endnotes", _REL + "comments"
HEADER_REL, FOOTER_REL, STYLES_REL, HYPERLINK_REL = (_REL + "header", _REL + "footer", _REL + "styles",
                                                    _REL + "hyperlink")
CORE_PART, CUSTOM_PART = "docProps/core.xml", "docProps/custom.xml"
_USUAL_PARTS = {STYLES_REL: "word/styles.xml", FOOTNOTES_REL: "word/footnotes.xml", ENDNOTES_REL: "word/endnotes.xml",
                COMMENTS_REL: "word/comments.xml"}
_NOTE_RELATIONSHIPS = {"footnote": FOOTNOTES_REL, "endnote": ENDNOTES_REL, "comment": COMMENTS_REL}

#: Run properties a person sets by hand (bold, italics, ...), with the mark each gives a span.
_TOGGLES = {"b": "bold", "i": "italic", "strike": "strike", "dstrike": "double strike", "caps": "caps",
            "smallCaps": "small caps", "vanish": "hidden"}
_OFF = {"0", "false", "off", "none"}
#: Elements whose content is the text around them (containers of runs or of blocks).
_TRANSPARENT = {"sdt", "sdtContent", "customXml", "smartTag", "dir", "bdo"}
_NOTE_REFERENCES = {"footnoteReference": "footnote", "endnoteReference": "endnote", "commentReference": "comment"}
_OBJECTS = {"drawing", "pict", "object"}
#: Revision wrappers: what each marks the runs inside it as.
_REVISIONS = {"ins": "inserted", "del": "deleted", "moveTo": "inserted", "moveFrom": "deleted"}
#: Core properties a person sets in File > Properties; the others (modified, revision, last
#: saved by, created, language) are stamped by the program that saves.
_CORE_SET_BY_PERSON = ("title", "subject", "creator", "keywords", "description", "category", "contentStatus")
#: Custom properties an office program or a document store stamps on a save (sensitivity
#: labels, SharePoint's content type), not a person's edit.
_STAMPED_CUSTOM = re.compile(r"^(MSIP_Label_|ContentTypeId$|_dlc_|TaxCatchAll|MediaServiceImageTags$)")


#: Every WordprocessingML element the reader looks at, by its name (one dictionary lookup per element).
_NAMES = {qn(f"w:{name}"): name for name in (
    "p", "tbl", "tr", "tc", "r", "t", "delText", "tab", "ptab", "br", "cr", "noBreakHyphen", "sym", "rPr", "pPr",
    "pStyle", "jc", "numPr", "pPrChange", "rPrChange", "sectPr", "fldChar", "instrText", "delInstrText", "fldSimple",
    "hyperlink", "ins", "del", "moveFrom", "moveTo", "footnoteReference", "endnoteReference", "commentReference",
    "drawing", "pict", "object", "rStyle", "u", "vertAlign", "highlight", *_TOGGLES, *_TRANSPARENT)}
_TR, _TC, _TCPR, _TRPR, _PPR = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:trPr"), qn("w:pPr")
_GRIDSPAN, _VMERGE, _INS, _DEL = qn("w:gridSpan"), qn("w:vMerge"), qn("w:ins"), qn("w:del")
_INSTR, _ANCHOR, _FLDCHARTYPE, _TYPE = qn("w:instr"), qn("w:anchor"), qn("w:fldCharType"), qn("w:type")
_CHAR, _FONT, _R_ID = qn("w:char"), qn("w:font"), f"{_R_NS}id"


class Span(NamedTuple):
    """A piece of text with one formatting: ``marks`` names it ('bold', 'style:Strong',
    'inserted by X', 'link:https://...'); a note or comment is an empty span whose ``note``
    holds what it says."""

    text: str
    marks: tuple[str, ...] = ()
    note: tuple = ()  # the blocks of a footnote, an endnote or a comment

    @property
    def deleted(self) -> bool:
        return any(m.startswith("deleted") for m in self.marks)


class Paragraph(NamedTuple):
    style: str  # its style's name, lower case ('answer text'; the default style's for none)
    spans: tuple[Span, ...]
    level: int | None = None  # its level in a numbered or bulleted list
    align: str = ""  # 'center', 'right', 'justify'; '' for the start of the line
    change: str = ""  # its paragraph mark inserted or deleted as a tracked change ('inserted by X')
    section: str = ""  # 'portrait' or 'landscape' when a section ends with it

    @property
    def text(self) -> str:
        """What it reads as now (deleted text left out, notes and comments not included)."""
        return "".join(s.text for s in self.spans if not s.deleted)

    @property
    def notes(self) -> list[Span]:
        return [s for s in self.spans if s.note]


class Cell(NamedTuple):
    blocks: tuple
    span: int = 1  # the grid columns it covers
    merge: str = ""  # 'restart' or 'continue' (merged with the cell above)

    @property
    def text(self) -> str:
        return "\n".join(b.text if isinstance(b, Paragraph) else "" for b in self.blocks)


class Row(NamedTuple):
    cells: tuple[Cell, ...]
    change: str = ""  # the whole row inserted or deleted as a tracked change


class Table(NamedTuple):
    """A table's rows of cells (its table style is not kept: a save through OpenDocument loses it)."""

    rows: tuple[Row, ...]

    @property
    def text(self) -> str:
        return "\n".join("\t".join(c.text for c in r.cells) for r in self.rows)


class Content(NamedTuple):
    body: tuple  # Paragraph and Table, in order
    margins: tuple = ()  # (what, blocks): each header and footer that shows text, by its kind
    properties: tuple[tuple[str, str], ...] = ()
    objects: tuple[str, ...] = ()  # the digests of the pictures and objects it holds

    def paragraphs(self) -> Iterator[tuple[str, Paragraph]]:
        """Every paragraph of the body with its place as a person finds it ('paragraph 4',
        'table 1, row 2, cell 3'): paragraphs outside tables counted from 1."""
        count, tables = 0, 0
        for block in self.body:
            if isinstance(block, Paragraph):
                count += 1
                yield f"paragraph {count}", block
            else:
                tables += 1
                for r, row in enumerate(block.rows, 1):
                    for c, cell in enumerate(row.cells, 1):
                        for b in cell.blocks:
                            if isinstance(b, Paragraph):
                                yield f"table {tables}, row {r}, cell {c}", b

    def digest(self) -> str:
        """A fingerprint of the content: the same for any save of it, another after any edit."""
        data = json.dumps(self, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


class ContentError(Exception):
    """A part the content is read from is not well-formed XML (the message says which)."""


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class _Style:
    name: str
    based_on: str | None
    align: str | None
    numbered: tuple[str, str] | None  # (numId, ilvl) of its w:numPr


class _Styles:
    """Style ids to names, and what a paragraph takes from its style (through the styles it is
    based on): its alignment and its list numbering, worked out once per style."""

    def __init__(self, root: Element | None) -> None:
        styles: dict[str, _Style] = {}
        self.default: dict[str, str] = {}
        for style in root.iter(qn("w:style")) if root is not None else ():
            sid = style.get(qn("w:styleId")) or ""
            name_el = style.find(qn("w:name"))
            name = (name_el.get(_VAL) if name_el is not None else None) or sid
            based = style.find(qn("w:basedOn"))
            ppr = style.find(qn("w:pPr"))
            jc = ppr.find(qn("w:jc")) if ppr is not None else None
            num = ppr.find(qn("w:numPr")) if ppr is not None else None
            styles[sid] = _Style(name.lower(), based.get(_VAL) if based is not None else None,
                                 _align(jc.get(_VAL)) if jc is not None else None, _numbering(num))
            kind = style.get(qn("w:type")) or "paragraph"
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self.default.setdefault(kind, sid)
        self.names = {sid: style.name for sid, style in styles.items()}
        #: style id -> (alignment, (numId, ilvl) or None), as its paragraphs take them
        self.traits = {sid: (_inherited(styles, sid, "align") or "", _inherited(styles, sid, "numbered"))
                       for sid in styles}
        self._of_paragraph: dict[str | None, tuple[str, str, tuple[str, str] | None]] = {}

    def name(self, sid: str | None, kind: str = "paragraph") -> str:
        sid = sid if sid is not None else self.default.get(kind)
        return self.names.get(sid or "", (sid or "").lower())

    def of_paragraph(self, sid: str | None) -> tuple[str, str, tuple[str, str] | None]:
        """A paragraph style's name, alignment and numbering (``name`` and ``paragraph``), in one
        look-up for the styles of the document (a long table has thousands of paragraphs)."""
        found = self._of_paragraph.get(sid)
        if found is None:
            found = self._of_paragraph[sid] = (self.name(sid), *self.paragraph(sid))
        return found

    def paragraph(self, sid: str | None) -> tuple[str, tuple[str, str] | None]:
        """A paragraph style's alignment and numbering (those of the default style for None)."""
        return self.traits.get(sid if sid is not None else self.default.get("paragraph", ""), ("", None))


def _inherited(styles: dict[str, _Style], sid: str | None, what: str):
    """A property of a style, through the styles it is based on (None: none sets it)."""
    seen = set()
    while sid and sid not in seen:
        seen.add(sid)
        style = styles.get(sid)
        if style is None:
            return None
        value = getattr(style, what)
        if value is not None:
            return value
        sid = style.based_on
    return None


def _change(props: Element) -> str:
    """The tracked insertion or deletion a properties element (w:trPr, a paragraph mark's w:rPr) records."""
    for child in props:
        if child.tag == _INS or child.tag == _DEL:
            return f"{_REVISIONS[local_name(child)]} by {child.get(_AUTHOR) or ''}"
    return ""


def _align(value: str | None) -> str:
    value = (value or "").lower()
    return {"start": "", "left": "", "end": "right", "both": "justify", "distribute": "justify"}.get(value, value)


def _numbering(num: Element | None) -> tuple[str, str] | None:
    if num is None:
        return None
    num_id, ilvl = num.find(qn("w:numId")), num.find(qn("w:ilvl"))
    return ((num_id.get(_VAL) or "") if num_id is not None else "", (ilvl.get(_VAL) or "0") if ilvl is not None else "")


# --------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, package: Package) -> None:
        self.package = package
        self.styles = _Styles(self._related_tree(STYLES_REL))
        self.notes = {"footnote": self._notes(FOOTNOTES_REL, "w:footnote"),
                      "endnote": self._notes(ENDNOTES_REL, "w:endnote"),
                      "comment": self._notes(COMMENTS_REL, "w:comment")}
        self.objects: set[str] = set()
        self._note_content: dict[tuple[str, str], tuple] = {}
        #: the fields open in the paragraph being read: [instruction pieces, showing its result]
        self._fields: list[list] = []

    # -- parts

    def _tree(self, name: str | None) -> Element | None:
        if not name or name not in self.package:
            return None
        try:
            return self.package.read(name)
        except XMLSyntaxError as exc:
            raise ContentError(_("{part} is not well-formed XML ({reason})").format(
                part=name, reason=xml_reason(exc))) from exc

    def _rels(self, source: str) -> dict[str, tuple[str, str, bool]]:
        """A part's relationships: id -> (type, target part or address, external)."""
        rels = self._tree(relationships_part(source))
        out = {}
        if rels is None:
            return out
        for rel in rels:
            if local_name(rel) != "Relationship":
                continue
            external = rel.get("TargetMode") == "External"
            target = rel.get("Target") or ""
            out[rel.get("Id") or ""] = (rel.get("Type") or "", target if external else resolve(source, target),
                                        external)
        return out

    def _related(self, rel_type: str) -> str | None:
        """The part the main document relates to by this type; by its usual name when the package
        has no relationship for it."""
        for kind, target, external in self._rels(MAIN_DOCUMENT).values():
            if kind == rel_type and not external:
                return target
        return _USUAL_PARTS.get(rel_type)

    def _related_tree(self, rel_type: str) -> Element | None:
        return self._tree(self._related(rel_type))

    def _notes(self, rel_type: str, tag: str) -> dict[str, Element]:
        root = self._related_tree(rel_type)
        if root is None:
            return {}
        return {el.get(_ID) or "": el for el in root.iter(qn(tag))
                if el.get(qn("w:type")) in (None, "normal")}

    # -- blocks

    def blocks(self, parent: Element, source: str) -> tuple:
        out: list = []
        for el in parent:
            name = _NAMES.get(el.tag)
            if name == "p":
                out.append(self.paragraph(el, source))
            elif name == "tbl":
                out.append(self.table(el, source))
            elif name in _TRANSPARENT or name in _REVISIONS:
                out.extend(self.blocks(el, source))  # a content control; a block-level move or insertion
        return tuple(out)

    def table(self, tbl: Element, source: str) -> Table:
        rows = []
        for tr in _children(tbl, _TR):
            cells = []
            change = ""
            for tc in _children(tr, _TC):
                span, merge = 1, ""
                tcpr = tc[0] if len(tc) else None
                if tcpr is not None and tcpr.tag == _TCPR:
                    for prop in tcpr:
                        tag = prop.tag
                        if tag == _GRIDSPAN and (prop.get(_VAL) or "").isdigit():
                            span = int(prop.get(_VAL))
                        elif tag == _VMERGE:
                            merge = "restart" if prop.get(_VAL) == "restart" else "continue"
                cells.append(Cell(self.blocks(tc, source), span, merge))
            trpr = tr.find(_TRPR)
            if trpr is not None:
                change = _change(trpr)
            rows.append(Row(tuple(cells), change))
        return Table(tuple(rows))

    def paragraph(self, p: Element, source: str) -> Paragraph:
        sid = jc = direct_num = None
        change = section = ""
        ppr = p[0] if len(p) else None
        if ppr is not None and ppr.tag == _PPR:
            for prop in ppr:
                name = _NAMES.get(prop.tag)
                if name == "pStyle":
                    sid = prop.get(_VAL)
                elif name == "jc":
                    jc = _align(prop.get(_VAL))
                elif name == "numPr":
                    direct_num = _numbering(prop)
                elif name == "rPr":
                    change = _change(prop) or change
                elif name == "pPrChange":
                    change = (change + "; " if change else "") + f"formatted by {prop.get(_AUTHOR) or ''}"
                elif name == "sectPr":
                    section = _orientation(prop)
        style_name, style_align, style_numbered = self.styles.of_paragraph(sid)
        numbered = direct_num or style_numbered
        level = None
        if numbered is not None and numbered[0] not in ("", "0"):
            level = int(numbered[1]) if numbered[1].isdigit() else 0
        align = jc if jc is not None else style_align
        spans: list[Span] = []
        outer, self._fields = self._fields, []
        self._inline(p, source, (), spans)
        self._fields = outer
        return Paragraph(style_name, _joined(spans), level, align, change, section)

    def _inline(self, parent: Element, source: str, marks: tuple[str, ...], out: list[Span]) -> None:
        for el in parent:
            tag = el.tag
            name = _NAMES.get(tag)
            if name == "r":
                self._run(el, source, marks, out)
            elif name is None:
                if isinstance(tag, str) and tag.startswith(_MC_NS):
                    self._object(el, source, marks, out)
            elif name in _REVISIONS:
                self._inline(el, source, marks + (f"{_REVISIONS[name]} by {el.get(_AUTHOR) or ''}",), out)
            elif name == "fldSimple":  # a field: what it computes, not the result it last showed
                out.append(Span(_field(el.get(_INSTR)), marks + ("field",)))
            elif name == "hyperlink":
                target = el.get(_R_ID)
                link = self._rels(source).get(target or "", ("", "", True))[1] if target else ""
                anchor = el.get(_ANCHOR)
                self._inline(el, source, marks + (f"link:{link or ''}{'#' + anchor if anchor else ''}",), out)
            elif name in _TRANSPARENT:
                self._inline(el, source, marks, out)

    def _run(self, r: Element, source: str, marks: tuple[str, ...], out: list[Span]) -> None:
        own = marks
        fields = self._fields
        for el in r:
            tag = el.tag
            name = _NAMES.get(tag)
            if name == "t" or name == "delText":
                if not fields or not any(showing for _, showing in fields):
                    out.append(Span(el.text or "", own))
            elif name == "rPr":
                own = marks + self._formatting(el)
            elif name is None:
                if isinstance(tag, str) and tag.startswith(_MC_NS):
                    self._object(el, source, own, out)
            elif name == "fldChar":
                self._field_char(el.get(_FLDCHARTYPE), marks, out)  # its runs' formatting varies by program
            elif name == "instrText" or name == "delInstrText":
                if fields:
                    fields[-1][0].append(el.text or "")
            elif fields and any(showing for _, showing in fields):
                continue  # a field's last result: the field counts, not what it showed when saved
            elif name == "tab" or name == "ptab":
                out.append(Span("\t", own))
            elif name == "br" or name == "cr":
                kind = el.get(_TYPE)
                out.append(Span("\f" if kind == "page" else "\v" if kind == "column" else "\n", own))
            elif name == "noBreakHyphen":
                out.append(Span("\u2011", own))
            elif name == "sym":
                out.append(Span(_symbol(el.get(_CHAR)), own + (f"font:{el.get(_FONT) or ''}",)))
            elif name in _NOTE_REFERENCES:
                kind = _NOTE_REFERENCES[name]
                out.append(Span("", own + (kind + self._author(kind, el.get(_ID)),),
                                self._note(kind, el.get(_ID) or "")))
            elif name in _OBJECTS:
                self._object(el, source, own, out)

    def _field_char(self, kind: str | None, marks: tuple[str, ...], out: list[Span]) -> None:
        """A complex field's begin, separator or end: the field is read as its instruction."""
        if kind == "begin":
            self._fields.append([[], False])
        elif kind == "separate" and self._fields and not self._fields[-1][1]:
            self._fields[-1][1] = True
            out.append(Span(_field("".join(self._fields[-1][0])), marks + ("field",)))
        elif kind == "end" and self._fields:
            instruction, shown = self._fields.pop()
            if not shown:
                out.append(Span(_field("".join(instruction)), marks + ("field",)))

    def _author(self, kind: str, note_id: str | None) -> str:
        if kind != "comment":
            return ""
        note = self.notes["comment"].get(note_id or "")
        return f" by {note.get(_AUTHOR) or ''}" if note is not None else ""

    def _note(self, kind: str, note_id: str) -> tuple:
        key = (kind, note_id)
        found = self._note_content.get(key)
        if found is None:
            note = self.notes[kind].get(note_id)
            found = self._note_content[key] = (self.blocks(note, self._note_part(kind)) if note is not None else ())
        return found

    def _note_part(self, kind: str) -> str:
        return self._related(_NOTE_RELATIONSHIPS[kind]) or MAIN_DOCUMENT

    def _object(self, el: Element, source: str, marks: tuple[str, ...], out: list[Span]) -> None:
        """A picture, chart or embedded object: one object character, and what it shows."""
        rels = self._rels(source)
        shown = []
        for node in el.iter():
            if not isinstance(node.tag, str):
                continue
            for attribute, value in node.attrib.items():
                if attribute.startswith(_R_NS) and value in rels:
                    kind, target, external = rels[value]
                    if external:
                        shown.append(target)
                    elif target in self.package and not target.endswith(".xml"):
                        shown.append(hashlib.sha256(self.package.blob(target)).hexdigest()[:16])
        self.objects.update(shown)
        out.append(Span("\ufffc", marks + ("object",)))

    def _formatting(self, rpr: Element) -> tuple[str, ...]:
        marks = []
        for child in rpr:
            name = _NAMES.get(child.tag)
            if name is None:
                continue
            value = (child.get(_VAL) or "").lower()
            if name in _TOGGLES and value not in _OFF:
                marks.append(_TOGGLES[name])
            elif name == "u" and value not in _OFF:
                marks.append("underline")
            elif name == "vertAlign" and value in ("superscript", "subscript"):
                marks.append(value)
            elif name == "highlight" and value not in _OFF:
                marks.append(f"highlight:{value}")
            elif name == "rStyle" and child.get(_VAL):
                marks.append("style:" + self.styles.name(child.get(_VAL), "character"))
            elif name == "rPrChange":
                marks.append(f"formatted by {child.get(_AUTHOR) or ''}")
        return tuple(sorted(marks))


def _field(instruction: str | None) -> str:
    """A field as its kind ('{PAGE}'): programs write its switches differently."""
    words = (instruction or "").split()
    return "{" + (words[0].upper() if words else "") + "}"


def _children(parent: Element, tag: str) -> list[Element]:
    """The children of this name, also those inside a content control or custom XML element."""
    out = []
    for el in parent:
        name = el.tag
        if name == tag:
            out.append(el)
        elif _NAMES.get(name) in _TRANSPARENT:
            out += _children(el, tag)
    return out


def _symbol(code: str | None) -> str:
    try:
        value = int(code or "", 16)
    except ValueError:
        return "\ufffd"
    if 0xF000 <= value <= 0xF0FF:  # a symbol font's private range: the character it stands for
        value -= 0xF000
    return chr(value) if 0 < value < 0x110000 and not 0xD800 <= value < 0xE000 else "\ufffd"


def _joined(spans: list[Span]) -> tuple[Span, ...]:
    """Spans of the same marks one after the other as one (however the runs were split)."""
    out: list[Span] = []
    for span in spans:
        whole = span.note or "object" in span.marks  # a note or an object stands alone
        if not span.text and not whole:
            continue
        if out and not whole and out[-1].marks == span.marks and not out[-1].note and "object" not in out[-1].marks:
            out[-1] = Span(out[-1].text + span.text, span.marks)
        else:
            out.append(span)
    return tuple(out)


def _orientation(sect: Element) -> str:
    size = sect.find(qn("w:pgSz"))
    if size is None:
        return "portrait"
    orient = size.get(qn("w:orient"))
    if orient:
        return orient
    try:
        return "landscape" if int(size.get(qn("w:w")) or 0) > int(size.get(qn("w:h")) or 0) else "portrait"
    except ValueError:
        return "portrait"


def _margins(reader: _Reader, sect: Element | None) -> list[tuple[str, tuple]]:
    """The headers and footers a section shows, by kind ('header default'), those with text only."""
    if sect is None:
        return []
    rels = reader._rels(MAIN_DOCUMENT)
    out = []
    for ref in sect:
        name = local_name(ref)
        if name not in ("headerReference", "footerReference"):
            continue
        target = rels.get(ref.get(f"{_R_NS}id") or "")
        if target is None or target[2]:
            continue
        root = reader._tree(target[1])
        if root is None:
            continue
        blocks = reader.blocks(root, target[1])
        if any(_shows(b) for b in blocks):
            out.append((f"{name[:-len('Reference')]} {ref.get(qn('w:type')) or 'default'}", blocks))
    return out


def _shows(block) -> bool:
    if isinstance(block, Paragraph):
        return any(s.text.strip() or s.note or "object" in s.marks for s in block.spans)
    return any(_shows(b) for r in block.rows for c in r.cells for b in c.blocks)


def _properties(package: Package) -> list[tuple[str, str]]:
    out = []
    if CORE_PART in package:
        try:
            core = package.read(CORE_PART)
        except XMLSyntaxError:
            core = None
        for el in core if core is not None else ():
            name = local_name(el)
            if name in _CORE_SET_BY_PERSON and (el.text or "").strip():
                text = el.text.strip()
                if name == "keywords":  # Word separates them with '; ', LibreOffice with spaces
                    text = " ".join(sorted(w for w in re.split(r"[;,\s]+", text) if w))
                out.append((name, text))
    if CUSTOM_PART in package:
        try:
            custom = package.read(CUSTOM_PART)
        except XMLSyntaxError:
            custom = None
        for prop in custom if custom is not None else ():
            name = prop.get("name") or ""
            if name.startswith("drafter.") or _STAMPED_CUSTOM.match(name):
                continue
            value = prop[0].text if len(prop) else ""
            out.append((f"custom:{name}", (value or "").strip()))
    return sorted(out)


def read(package: Package) -> Content:
    """The content of a Word document's package (ContentError: a part that is not XML)."""
    reader = _Reader(package)
    root = reader._tree(MAIN_DOCUMENT)
    if root is None:
        return Content(())
    body = root.find(qn("w:body"))
    body = body if body is not None else root
    blocks = reader.blocks(body, MAIN_DOCUMENT)
    last = body.find(qn("w:sectPr"))
    margins: list[tuple[str, tuple]] = []
    sections = [p for p in body.iter(qn("w:sectPr"))]
    for sect in sections:
        margins += _margins(reader, sect)
    if last is not None and blocks and isinstance(blocks[-1], Paragraph) and not blocks[-1].section:
        # the last section's page, on the last paragraph (as an earlier section's is on its own)
        blocks = blocks[:-1] + (Paragraph(blocks[-1].style, blocks[-1].spans, blocks[-1].level, blocks[-1].align,
                                          blocks[-1].change, _orientation(last)),)
    elif last is not None:
        blocks = blocks + (Paragraph("", (), section=_orientation(last)),)
    seen: set = set()
    unique = []
    for margin in margins:  # a header shared by sections counts once
        key = json.dumps(margin, ensure_ascii=False)
        if key not in seen:
            seen.add(key)
            unique.append(margin)
    return Content(blocks, tuple(unique), tuple(_properties(package)), tuple(sorted(reader.objects)))


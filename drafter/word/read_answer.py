"""An answer read back as the person left it: what drafter recorded in it, and per recorded figure
the text the document shows there now and where a Word user finds it (table 1, row "2016",
column "VAK budget"; paragraph 4, "Circa 45% ..."), as plain data for ``drafter verify`` and
``drafter update``; and its content as a person reads it (``answer_content``), for any reader of
an answer's texts.

A figure is found by its hidden bookmark (``figure_record``); where an edit removed it, by its
table's row and column labels, or by the paragraph most like the one drafter wrote.

An answer comes from a person, so it is read with limits: a regular file only (a pipe or a
device is refused before it is opened for reading, so nothing waits on it), its size and its
unpacked size bounded (``opc.read_zip``), its XML without DTDs or entities, each figure's
bookmark read over a bounded number of texts, a damaged entry of the record set apart.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from drafter import oxml
from drafter.errors import DrafterError, display_path, readable
from drafter.i18n import N_, _
from drafter.oxml import bookmarks, customxml, document, opc, package_content
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import styles as style_parts
from drafter.view.figures import Figure
from drafter.word import figure_record, fingerprint, styles
from drafter.word.figure_record import BOOKMARK_PREFIX, NS, ROOT, figure_of
from drafter.word.places import Layout, Place, cell_value, clean
from drafter.word.template import MAX_TEMPLATE_BYTES, MAX_UNPACKED_BYTES

#: An answer is tens of kilobytes; limits for reading one (as for a template).
MAX_ANSWER_BYTES = MAX_TEMPLATE_BYTES
_ZIP = b"PK\x03\x04"
#: Hints, translated where they are shown.
_GIVE_A_DOCX = N_("Give the .docx answer drafter wrote (or a copy saved by Word).")
_OPEN_IN_WORD = N_("Open it in Word; if Word repairs it, save it and verify again.")


class AnswerFileError(DrafterError):
    """An answer that cannot be read at all (not a .docx, corrupt, encrypted)."""


@dataclass(frozen=True)
class Found:
    """A recorded figure as the document shows it now."""

    figure: Figure
    drafted_place: Place  # where it stood when drafter made the answer
    text: str | None  # what the document shows there now; None: not found (removed)
    place: Place  # where it is now (or was, when removed)
    how: str  # "mark" (its bookmark), "labels" (its table row and column), "text" (its paragraph), "" (not found)
    cell: tuple[int, int, int] | None = None  # (table, row, cell) from 0, when it stands in a table now
    drafted_cell: tuple[int, int, int] | None = None  # (table, row, cell) where drafter put it
    note: int | None = None  # the note (its index among the notes) it stands in now, when it stands in one
    paragraph: int | None = None  # the paragraph (its index among those outside tables) it stands in now


@dataclass(frozen=True)
class RecordedTable:
    """A table that holds figures, as drafter recorded it: where it stood (its index among the
    answer's tables), how many cells each row had, and a digest of what it says besides its figures."""

    key: str
    index: int
    cells: str  # '3 3 3 3'
    text: str


@dataclass
class AnswerFigures:
    file: str
    properties: dict[str, str]  # drafter's custom properties (question, fingerprint)
    question: str | None  # '2019-2020/4', None when drafter did not make it
    locale: str = ""
    record: bool = False  # whether the answer holds a figure record
    damaged: str = ""  # why the record cannot be read, when it cannot
    damaged_keys: set[str] = field(default_factory=set)  # the figures whose entry is damaged
    found: list[Found] = field(default_factory=list)
    tables: dict[int, list[list[str]]] = field(default_factory=dict)  # the document's tables now: each cell's figure
    header_rows: dict[int, int] = field(default_factory=dict)  # how many header rows each table has
    shapes: dict[int, tuple[str, str]] = field(default_factory=dict)  # each table now: cells per row, digest
    notes: list[str] = field(default_factory=list)  # each note now (a paragraph in the note style): its digest
    note_texts: list[str] = field(default_factory=list)  # and its text
    recorded_tables: dict[str, RecordedTable] = field(default_factory=dict)  # as drafted, by table key
    recorded_notes: list[str] | None = None  # the notes as drafted (None: the record does not keep them)
    entries: dict[int, tuple[dict[str, str], list[dict[str, str]]]] = field(default_factory=dict)  # the record's
    # entries as written, by figure number


def read_file(source: Path, shown: str) -> bytes:
    """A file's bytes, read only when it is a regular file within MAX_ANSWER_BYTES: a named pipe or
    a device is opened without waiting (O_NONBLOCK) and refused before anything is read from it."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError as exc:
        raise AnswerFileError(_("there is no such file"), file=shown, hint=_("Check the name.")) from exc
    except IsADirectoryError as exc:
        raise AnswerFileError(_("this is a folder"), file=shown, hint=_("Give a .docx file or a folder.")) from exc
    except OSError as exc:
        raise AnswerFileError(_("the file cannot be read ({reason})").format(reason=readable(exc)), file=shown) from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise AnswerFileError(_("this is a folder"), file=shown, hint=_("Give a .docx file or a folder."))
        if not stat.S_ISREG(st.st_mode):
            raise AnswerFileError(_("this is not a file but a pipe or a device"), file=shown,
                                  hint=_("Give the .docx answer drafter wrote."))
        if st.st_size > MAX_ANSWER_BYTES:
            raise _too_large(shown)
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(MAX_ANSWER_BYTES + 1)
    except OSError as exc:
        raise AnswerFileError(_("the file cannot be read ({reason})").format(reason=readable(exc)), file=shown) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_ANSWER_BYTES:  # it grew while being read
        raise _too_large(shown)
    return data


def _too_large(shown: str) -> AnswerFileError:
    return AnswerFileError(_("the file is too large for an answer"), file=shown,
                           hint=_("drafter reads answers it made (.docx, tens of kilobytes)."))


def read_package(source: Path | bytes, shown: str) -> dict[str, bytes]:
    """The parts of an answer; anything that is not a readable .docx is an AnswerFileError."""
    data = read_file(source, shown) if isinstance(source, Path) else source
    if opc.is_ole(data):
        if opc.is_encrypted(data):
            raise AnswerFileError(_("the document is protected with a password, so its figures cannot be read"),
                                  file=shown, hint=_("Open it in Word, remove the password (File > Info > Protect "
                                                     "Document), save it, and verify that copy."))
        raise AnswerFileError(_("this is an old Word or Office file (.doc), not a .docx"), file=shown,
                              hint=_("Open it in Word and save it as a Word document (.docx)."))
    try:
        parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED_BYTES, what=_("a Word document"))
    except opc.NotAZip as exc:
        if data.startswith(_ZIP):
            raise AnswerFileError(_("the document is damaged: its zip package is incomplete (cut off while it was "
                                    "copied or saved?)"), file=shown, hint=_(_OPEN_IN_WORD)) from exc
        raise AnswerFileError(_("not a Word document (.docx): the file is not a zip package"), file=shown,
                              hint=_(_GIVE_A_DOCX)) from exc
    except opc.Damaged as exc:
        raise AnswerFileError(_("the document is damaged ({reason})").format(reason=exc.message), file=shown,
                              hint=_(_OPEN_IN_WORD)) from exc
    except opc.PackageError as exc:
        raise AnswerFileError(exc.message, file=shown, hint=_("This is not an answer drafter made.")) from exc
    if opc.MAIN_DOCUMENT not in parts:
        raise AnswerFileError(_("not a Word document: it has no word/document.xml"), file=shown,
                              hint=_(_GIVE_A_DOCX))
    for part, why in opc.word_document_problems(parts):  # a part that is not XML, a DTD, macros: not an answer
        raise AnswerFileError(_("the document is damaged or not a plain Word document: {why}").format(why=why),
                              file=shown, place=part, hint=_(_OPEN_IN_WORD))
    return parts


def answer_content(source: Path | bytes, shown: str | None = None) -> package_content.Content:
    """An answer's content as a person reads it (paragraphs with their styles and spans of
    formatting, tables as rows of cells, notes, comments, tracked changes): ``oxml.package_content``.
    Anything that is not a readable .docx is an AnswerFileError naming the file."""
    shown = shown or (display_path(source) if isinstance(source, Path) else _("the new draft"))
    try:
        return package_content.read(opc.Package(read_package(source, shown)))
    except package_content.ContentError as exc:
        raise AnswerFileError(_("the document is damaged ({reason})").format(reason=exc), file=shown,
                              hint=_(_OPEN_IN_WORD)) from exc


def read_answer(source: Path | bytes, shown: str | None = None) -> AnswerFigures:
    """Read an answer as the person left it: its record and, per figure, what it shows now."""
    shown = shown or (display_path(source) if isinstance(source, Path) else _("the new draft"))
    return read_parts(read_package(source, shown), shown)


def read_parts(parts: dict[str, bytes], shown: str) -> AnswerFigures:
    """``read_answer`` of an answer's parts (read by ``read_package``)."""
    props = fingerprint.recorded_properties(parts)
    result = AnswerFigures(file=shown, properties=props, question=props.get(fingerprint.QUESTION_ID))
    try:
        root = oxml.parse(parts[opc.MAIN_DOCUMENT])
    except oxml.XMLSyntaxError as exc:
        raise AnswerFileError(_("the document's text (word/document.xml) is damaged ({reason})").format(reason=exc),
                              file=shown, hint=_(_OPEN_IN_WORD)) from exc
    body = document.body_of(root)
    layout = Layout(body if body is not None else root)
    result.tables = {i: [[t.value(r, c) for c in range(len(t.cells(r)))] for r in range(len(t.rows))]
                     for i, t in enumerate(layout.tables)}
    result.header_rows = {i: t.header_rows for i, t in enumerate(layout.tables)}
    result.shapes = {i: figure_record.table_shape(t) for i, t in enumerate(layout.tables)}
    notes = figure_record.note_paragraphs(layout, note_styles(parts))
    result.notes = [figure_record.note_shape(p) for p in notes]
    result.note_texts = [layout.text(p) for p in notes]
    note_of = {p: i for i, p in enumerate(notes)}
    record, damaged = customxml.find_item(parts, NS, ROOT)
    if record is None:
        result.damaged = _("its figure record cannot be read: {why}").format(why=damaged) if damaged else ""
        result.record = bool(damaged)
        return result
    result.record = True
    head, entries = customxml.contents(record, "figure", "source")
    result.locale = head.get("locale", "")
    _recorded_shapes(record, result)
    marks = {int(rest): found for rest, found in bookmarks.texts_inside(layout.body, BOOKMARK_PREFIX).items()
             if _NUMBER.fullmatch(rest)}
    fallback = _Fallback(layout)
    for attributes, sources in entries:
        try:
            figure = figure_of(attributes, sources)
            drafted_cell = _cell(attributes.get("cell"))
        except (KeyError, TypeError, ValueError):  # a number that is none, a value missing: that entry is damaged
            result.damaged = _damaged_entry(attributes.get("key"))
            result.damaged_keys.add(attributes.get("key") or "")
            continue
        if figure.number in result.entries:  # a second entry of one number: the first counts
            result.damaged = _damaged_entry(attributes.get("key"))
            result.damaged_keys.add(figure.key or "")
            continue
        result.entries[figure.number] = (attributes, sources)
        drafted = Place.read(attributes.get("place", ""))
        found = marks.get(figure.number)
        if found is not None and clean(found[0]):
            text, start = found
            p = paragraphs.containing(start)
            result.found.append(Found(figure, drafted, clean(text),
                                      layout.place(p, clean(text), grand_total=figure.adds == "all"), "mark",
                                      layout.cell_of(p) if p is not None else None, drafted_cell, note_of.get(p),
                                      _index(layout, p)))
            continue
        result.found.append(fallback.find(figure, drafted, attributes, drafted_cell))
    return result


#: A figure's number in its bookmark's name and record: plain digits, not too many (a record
#: edited by hand may hold anything).
_NUMBER = re.compile(r"[0-9]{1,9}")


def _index(layout: Layout, p) -> int | None:
    """A paragraph's index among those outside tables (None: in a table, or none)."""
    number = layout.paragraph_number.get(p) if p is not None else None
    return None if number is None else number - 1


def _cell(value: str | None) -> tuple[int, int, int] | None:
    """A record's 'cell' attribute ('0 3 1'); ValueError when it is not three small numbers."""
    if not value:
        return None
    pieces = value.split()
    if len(pieces) != 3 or not all(_NUMBER.fullmatch(p) for p in pieces):
        raise ValueError(f"not a table cell: {value!r}")
    return int(pieces[0]), int(pieces[1]), int(pieces[2])


def _recorded_shapes(record, result: AnswerFigures) -> None:
    """The tables and notes as drafted, from the record (an answer made before they were recorded
    has none: then ``recorded_notes`` stays None)."""
    _head, tables = customxml.contents(record, "table", "-")
    for attributes, _sources in tables:
        index = attributes.get("n", "")
        if attributes.get("key") and _NUMBER.fullmatch(index):
            result.recorded_tables.setdefault(attributes["key"], RecordedTable(
                attributes["key"], int(index), attributes.get("cells", ""), attributes.get("text", "")))
    _head, notes = customxml.contents(record, "note", "-")
    if notes or tables:
        result.recorded_notes = [attributes.get("text", "") for attributes, _sources in notes]


def note_styles(parts: dict[str, bytes]) -> set[str]:
    """The ids of the note style (Table Note) in an answer's styles."""
    data = parts.get("word/styles.xml")
    if not data:
        return set()
    try:
        names = style_parts.ids_by_name(oxml.parse(data))
    except oxml.XMLSyntaxError:  # no styles drafter can read: no notes to tell apart
        return set()
    found = names.get(styles.TABLE_NOTE.lower())
    return {found} if found else set()


class _Fallback:
    """Where a figure whose bookmark is gone stands now: by its table's row and column labels,
    or by the paragraph most like the one drafter wrote. Each table's labels are indexed once."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self._columns: dict[int, dict[str, list[int]]] = {}
        self._rows: dict[int, dict[str, list[int]]] = {}

    def columns(self, t: int) -> dict[str, list[int]]:
        found = self._columns.get(t)
        if found is None:
            table = self.layout.tables[t]
            width = max((len(table.cells(r)) for r in range(len(table.rows))), default=0)
            found = self._columns[t] = {}
            for c in range(1, width):
                found.setdefault(table.column_label(c), []).append(c)
        return found

    def rows(self, t: int) -> dict[str, list[int]]:
        found = self._rows.get(t)
        if found is None:
            table = self.layout.tables[t]
            found = self._rows[t] = {}
            for r in range(table.header_rows, len(table.rows)):
                found.setdefault(table.row_label(r), []).append(r)
        return found

    def find(self, figure: Figure, drafted: Place, attributes: dict[str, str],
             drafted_cell: tuple[int, int, int] | None) -> Found:
        layout = self.layout
        grand_total = figure.adds == "all"
        if figure.kind in ("cell", "total"):
            cell = drafted_cell or (0, 0, 0)
            order = sorted(range(len(layout.tables)), key=lambda i: i != cell[0])
            for t in order:
                table = layout.tables[t]
                columns = self.columns(t).get(clean(figure.column), [])
                if not columns:
                    continue
                column = cell[2] if cell[2] in columns else columns[0]
                rows = [r for r in self.rows(t).get(clean(figure.row), []) if column < len(table.cells(r))]
                if figure.section:  # a table of nested rows: the row of that name in the figure's section
                    rows = [r for r in rows if table.section_of(r) == clean(figure.section)] or rows
                for r in rows[-1:] if grand_total else rows[:1]:  # a grand total is the last
                    text = cell_value(table.cells(r)[column])
                    return Found(figure, drafted, text or None, layout.cell_place(t, r, column, grand_total),
                                 "labels", (t, r, column), drafted_cell)
            return Found(figure, drafted, None, drafted, "", None, drafted_cell)
        # a figure in a text: its paragraph is the one most like the paragraph as drafted
        drafted_text = attributes.get("paragraph", "")
        at_text = attributes.get("at", "")
        at = int(at_text) if _NUMBER.fullmatch(at_text or "") else -1
        best, best_ratio, best_text = None, 0.0, ""
        for p in layout.paragraphs:
            text = layout.text(p)
            if not text or not drafted_text:
                continue
            matcher = difflib.SequenceMatcher(None, drafted_text, text, autojunk=False)
            if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best, best_ratio, best_text = p, ratio, text
        if best is None or best_ratio < 0.6:
            return Found(figure, drafted, None, drafted, "", None, drafted_cell)
        if 0 <= at and drafted_text[at:at + len(figure.shown)] == figure.shown:
            now = _mapped(drafted_text, best_text, at, at + len(figure.shown))
        else:
            now = figure.shown if figure.shown in best_text else ""
        return Found(figure, drafted, now or None, layout.place(best, now), "text", None, drafted_cell,
                     paragraph=_index(layout, best))


def _mapped(old: str, new: str, start: int, end: int) -> str:
    """What stands in `new` where old[start:end] stood in `old` (the paragraph as drafted),
    widened to whole words: '45%' in 'Circa 45% van' is '47%' in 'Ongeveer 47% van'."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def where(i: int, is_end: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if (i1 <= i < i2) if not is_end else (i1 < i <= i2):
                return j1 + (i - i1) if tag == "equal" else (j2 if is_end else j1)
        return len(new) if is_end else 0

    a, b = where(start, False), where(end, True)
    while a > 0 and not new[a - 1].isspace():
        a -= 1
    while b < len(new) and not new[b].isspace() and new[b] not in ",;:)":
        b += 1
    found = new[a:b].strip().rstrip(".")
    return found if any(c.isdigit() for c in found) else ""


def _damaged_entry(key: str | None) -> str:
    """Why the record is damaged, naming the entry by its key."""
    if key:
        return _("its figure record has a damaged entry ({key})").format(key=key)
    return _("its figure record has a damaged entry (no key)")

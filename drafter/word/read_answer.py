"""An answer read back as the person left it: what drafter recorded in it, and per recorded figure
the text the document shows there now and where a Word user finds it (table 1, row "2016",
column "VAK budget"; paragraph 4, "Circa 45% ..."), as plain data for ``drafter verify``.

A figure is found by its hidden bookmark (``figure_record``); where an edit removed it, by its
table's row and column labels, or by the paragraph most like the one drafter wrote.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from drafter import oxml
from drafter.errors import DrafterError, display_path
from drafter.oxml import bookmarks, content, customxml, document, opc
from drafter.oxml import paragraph as paragraphs
from drafter.view.figures import Figure
from drafter.word import fingerprint
from drafter.word.figure_record import BOOKMARK_PREFIX, NS, ROOT, figure_of
from drafter.word.places import Layout, cell_value, clean
from drafter.word.template import MAX_TEMPLATE_BYTES, MAX_UNPACKED_BYTES

#: An answer is tens of kilobytes; limits for reading one (as for a template).
MAX_ANSWER_BYTES = MAX_TEMPLATE_BYTES
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_GIVE_A_DOCX = "Give the .docx answer drafter wrote (or a copy saved by Word)."
_OPEN_IN_WORD = "Open it in Word; if Word repairs it, save it and verify again."


class AnswerFileError(DrafterError):
    """An answer that cannot be read at all (not a .docx, corrupt, encrypted)."""


@dataclass(frozen=True)
class Found:
    """A recorded figure as the document shows it now."""

    figure: Figure
    drafted_place: str  # where it stood when drafter made the answer
    text: str | None  # what the document shows there now; None: not found (removed)
    place: str  # where it is now (or was, when removed)
    how: str  # "mark" (its bookmark), "labels" (its table row and column), "text" (its paragraph), "" (not found)
    cell: tuple[int, int, int] | None = None  # (table, row, cell) from 0, when it stands in a table now


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


def _file_bytes(source: Path, shown: str) -> bytes:
    try:
        if source.stat().st_size > MAX_ANSWER_BYTES:
            raise AnswerFileError("the file is too large for an answer", file=shown,
                                  hint="verify reads answers drafter made (.docx, tens of kilobytes).")
        return source.read_bytes()
    except FileNotFoundError as exc:
        raise AnswerFileError("there is no such file", file=shown, hint="Check the name.") from exc
    except IsADirectoryError as exc:
        raise AnswerFileError("this is a folder", file=shown, hint="Give a .docx file or a folder.") from exc
    except OSError as exc:
        raise AnswerFileError(f"the file cannot be read ({exc.strerror})", file=shown) from exc


def read_package(source: Path | bytes, shown: str) -> dict[str, bytes]:
    """The parts of an answer; anything that is not a readable .docx is an AnswerFileError."""
    data = _file_bytes(source, shown) if isinstance(source, Path) else source
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise AnswerFileError("the document is protected with a password, so its figures cannot be read",
                                  file=shown, hint="Open it in Word, remove the password (File > Info > Protect "
                                  "Document), save it, and verify that copy.")
        raise AnswerFileError("this is an old Word or Office file (.doc), not a .docx", file=shown,
                              hint="Open it in Word and save it as a Word document (.docx).")
    try:
        parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED_BYTES, what="a Word document")
    except opc.NotAZip as exc:
        raise AnswerFileError("not a Word document (.docx): the file is not a zip package", file=shown,
                              hint=_GIVE_A_DOCX) from exc
    except opc.Damaged as exc:
        raise AnswerFileError(f"the document is damaged ({exc.message})", file=shown, hint=_OPEN_IN_WORD) from exc
    except opc.PackageError as exc:
        raise AnswerFileError(exc.message, file=shown, hint="This is not an answer drafter made.") from exc
    if opc.MAIN_DOCUMENT not in parts:
        raise AnswerFileError("not a Word document: it has no word/document.xml", file=shown, hint=_GIVE_A_DOCX)
    return parts


def answer_content(source: Path | bytes, shown: str | None = None) -> content.Content:
    """An answer's content as a person reads it (paragraphs with their styles and spans of
    formatting, tables as rows of cells, notes, comments, tracked changes): ``oxml.content``.
    Anything that is not a readable .docx is an AnswerFileError naming the file."""
    shown = shown or (display_path(source) if isinstance(source, Path) else "the new draft")
    try:
        return content.read(opc.Package(read_package(source, shown)))
    except content.ContentError as exc:
        raise AnswerFileError(f"the document is damaged ({exc})", file=shown, hint=_OPEN_IN_WORD) from exc


def read_answer(source: Path | bytes, shown: str | None = None) -> AnswerFigures:
    """Read an answer as the person left it: its record and, per figure, what it shows now."""
    shown = shown or (display_path(source) if isinstance(source, Path) else "the new draft")
    parts = read_package(source, shown)
    props = fingerprint.recorded_properties(parts)
    result = AnswerFigures(file=shown, properties=props, question=props.get(fingerprint.QUESTION_ID))
    try:
        root = oxml.parse(parts[opc.MAIN_DOCUMENT])
    except oxml.XMLSyntaxError as exc:
        raise AnswerFileError(f"the document's text (word/document.xml) is damaged ({exc})", file=shown,
                              hint=_OPEN_IN_WORD) from exc
    body = document.body_of(root)
    layout = Layout(body if body is not None else root)
    result.tables = {i: [[t.value(r, c) for c in range(len(t.cells(r)))] for r in range(len(t.rows))]
                     for i, t in enumerate(layout.tables)}
    result.header_rows = {i: t.header_rows for i, t in enumerate(layout.tables)}
    record, damaged = customxml.find_item(parts, NS, ROOT)
    if record is None:
        result.damaged = f"its figure record {damaged}" if damaged else ""
        result.record = bool(damaged)
        return result
    result.record = True
    head, entries = customxml.contents(record, "figure", "source")
    result.locale = head.get("locale", "")
    marks = {int(rest): found for rest, found in bookmarks.texts_inside(layout.body, BOOKMARK_PREFIX).items()
             if rest.isdigit()}
    for attributes, sources in entries:
        try:
            figure = figure_of(attributes, sources)
        except (KeyError, TypeError, ValueError):  # a number that is none, a value missing: that entry is damaged
            result.damaged = f"its figure record has a damaged entry ({attributes.get('key') or 'no key'})"
            result.damaged_keys.add(attributes.get("key") or "")
            continue
        drafted = attributes.get("place", "")
        found = marks.get(figure.number)
        if found is not None and clean(found[0]):
            text, start = found
            p = paragraphs.containing(start)
            result.found.append(Found(figure, drafted, clean(text),
                                      layout.place(p, clean(text), grand_total=figure.adds == "all"), "mark",
                                      layout.cell_of(p) if p is not None else None))
            continue
        result.found.append(_fallback(figure, drafted, attributes, layout))
    return result


def _fallback(figure: Figure, drafted: str, attributes: dict[str, str], layout: Layout) -> Found:
    """A figure whose bookmark is gone: find it by its table labels, or by its paragraph."""
    grand_total = figure.adds == "all"
    if figure.kind in ("cell", "total"):
        cell = [int(i) for i in (attributes.get("cell") or "").split()] or [0, 0, 0]
        order = sorted(range(len(layout.tables)), key=lambda i: i != cell[0])
        for t in order:
            table = layout.tables[t]
            width = max((len(table.cells(r)) for r in range(len(table.rows))), default=0)
            columns = [c for c in range(1, width) if table.column_label(c) == clean(figure.column)]
            if not columns:
                continue
            column = cell[2] if cell[2] in columns else columns[0]
            rows = [r for r in range(table.header_rows, len(table.rows))
                    if table.row_label(r) == clean(figure.row) and column < len(table.cells(r))]
            if figure.section:  # a table of nested rows: the row of that name in the figure's section
                rows = [r for r in rows if table.section_of(r) == clean(figure.section)] or rows
            for r in rows[-1:] if grand_total else rows[:1]:  # a grand total is the last
                text = cell_value(table.cells(r)[column])
                return Found(figure, drafted, text or None, layout.cell_place(t, r, column, grand_total), "labels",
                             (t, r, column))
        return Found(figure, drafted, None, drafted, "")
    # a figure in a text: its paragraph is the one most like the paragraph as drafted
    drafted_text, at = attributes.get("paragraph", ""), int(attributes.get("at", "-1") or -1)
    best, best_ratio, best_text = None, 0.0, ""
    for p in layout.paragraphs:
        text = clean(paragraphs.text_of(p, calls=False))
        if not text or not drafted_text:
            continue
        matcher = difflib.SequenceMatcher(None, drafted_text, text, autojunk=False)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio, best_text = p, ratio, text
    if best is None or best_ratio < 0.6:
        return Found(figure, drafted, None, drafted, "")
    if 0 <= at and drafted_text[at:at + len(figure.shown)] == figure.shown:
        now = _mapped(drafted_text, best_text, at, at + len(figure.shown))
    else:
        now = figure.shown if figure.shown in best_text else ""
    return Found(figure, drafted, now or None, layout.place(best, now), "text")


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

"""Where things stand in an answer, as a Word user finds them: 'paragraph 4, "Circa 45% ..."',
'table 1, section "Other departments", row "Total", column "1983–84, outturn"'.

Used when an answer is finished (each traced figure's place goes into its record) and when it
is read back (``drafter verify`` names the place of every figure it finds). Paragraphs outside
tables are counted from 1; tables in the order their text comes; a column is named by its
header, with the group over it. A table built from data names its figures' places as it
writes them (``word/tables``), from the texts it writes, with the same functions
(``written_value``, ``column_label``, ``within_table``); the answer's layout gives only the
table's number.

A place is a ``Place``: a small value that says what it is (a paragraph, a table's cell, ...).
Its ``text`` is the canonical English the figure record stores and the JSON output gives (a
tool's interface, the same in every language); ``shown()`` is what a person reads, in the
language in use. Places are compared as values, never as texts; ``Place.read`` reads one back
from the record's text, in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import cached_property
from typing import NamedTuple

from drafter import oxml
from drafter import places as phrases
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import table as tables
from drafter.view.footnotes import TOKEN_RE
from drafter.view.notes import SUP_CLOSE, SUP_OPEN

_CALLS = re.compile(r"([\s\u00a0]*\(\d+\))+$")
#: Note calls in a text as drafter writes it, which become raised calls or footnote references
#: (read as no part of the text): a raised call, a footnote's token.
_CALL_TOKENS = re.compile(f"{SUP_OPEN}[^{SUP_CLOSE}]*{SUP_CLOSE}|{TOKEN_RE.pattern}")


def clean(text: str) -> str:
    """Text with its spaces (non-breaking ones too) made single spaces, trimmed."""
    return " ".join(text.replace("\u00a0", " ").split())


def value(text: str) -> str:
    """A cell's text without note calls, as a reader names the cell's row or column by it."""
    return _CALLS.sub("", clean(text)).strip()


def cell_value(tc: oxml.Element) -> str:
    """A table cell's figure: its text without note calls."""
    return value(paragraphs.text_of(tc, calls=False))


def written_value(text: str) -> str:
    """The cell_value of a cell that drafter writes with this text (``word/tables``): its note
    calls are tokens until the answer is finished."""
    return value(_CALL_TOKENS.sub("", text))


def column_label(header: list[list[tuple[str, int]]], index: int) -> str:
    """A column's header as a reader names it, from the header rows' cells (value, grid columns
    it spans): the values over the column, top to bottom, each once ('1982–83, outturn')."""
    labels: list[str] = []
    for cells in header:
        at = 0
        for text, span in cells:
            if at <= index < at + span:
                if text and text not in labels:
                    labels.append(text)
                break
            at += span
    return ", ".join(labels)


class PlaceKind(StrEnum):
    DOCUMENT = "document"  # a figure in no paragraph of the text
    PARAGRAPH = "paragraph"  # a paragraph outside the tables, by its number (and its first words)
    CELL = "cell"  # a table's cell, by its row's and its column's labels (and its section)
    TABLE = "table"  # a table as a whole, by its number
    NOTE = "note"  # a note (a paragraph in the note style), by its number
    NOTES = "notes"  # the notes as a whole
    RECORDED = "recorded"  # a record's place drafter cannot read: kept and shown as written


@dataclass(frozen=True)
class Place:
    """Where something stands in an answer, as a Word user finds it.

    number: the paragraph's, table's or note's number as a reader counts it (from 1; a cell's
    table, 0 while the table's number is not yet known: ``within_table``); words: a paragraph's
    first words up to a figure (None: the paragraph alone, as when it is compared as a location),
    or a RECORDED place's text; section, row, column: a cell's labels."""

    kind: PlaceKind
    number: int = 0
    words: str | None = None
    section: str = ""
    row: str = ""
    column: str = ""

    @property
    def text(self) -> str:
        """The canonical English text, as the figure record stores it and JSON output gives it:
        'paragraph 4, "Circa 45% ..."', 'table 1, section "Other departments", row "Total",
        column "1983–84, outturn"', 'the document' (``read`` reads it back)."""
        if self.kind == PlaceKind.PARAGRAPH:
            return f"paragraph {self.number}" + (f', "{self.words}"' if self.words is not None else "")
        if self.kind == PlaceKind.CELL:
            return (f"table {self.number}, " + (f'section "{self.section}", ' if self.section else "")
                    + f'row "{self.row}", column "{self.column}"')
        if self.kind == PlaceKind.TABLE:
            return f"table {self.number}"
        if self.kind == PlaceKind.NOTE:
            return f"note {self.number}"
        if self.kind == PlaceKind.NOTES:
            return "the notes"
        if self.kind == PlaceKind.RECORDED:
            return self.words or ""
        return "the document"

    def shown(self) -> str:
        """The place as a person reads it, in the language in use (drafter/places.py's phrases)."""
        if self.kind == PlaceKind.PARAGRAPH:
            return (phrases.paragraph(self.number) if self.words is None
                    else phrases.paragraph_text(self.number, self.words))
        if self.kind == PlaceKind.CELL:
            return phrases.table_row_column(self.number, self.row, self.column, self.section)
        if self.kind == PlaceKind.TABLE:
            return phrases.table(self.number)
        if self.kind == PlaceKind.NOTE:
            return phrases.note(self.number)
        if self.kind == PlaceKind.NOTES:
            return phrases.notes()
        if self.kind == PlaceKind.RECORDED:
            return self.words or ""
        return phrases.document()

    def location(self) -> Place:
        """The place without a paragraph's words: where it stands, whatever its wording (an edit
        to the wording is not a move)."""
        return replace(self, words=None) if self.kind == PlaceKind.PARAGRAPH else self

    @classmethod
    def read(cls, text: str) -> Place:
        """The place a figure record's text names (``text`` as a record stores it), as a value.
        The record's format: 'the document'; 'paragraph 4, "words"'; 'table 1, row "r", column
        "c"', with 'section "s", ' before the row in a table of nested rows. A text in no such
        form (a record edited by hand, or none) is a RECORDED place, shown as written. A label
        holding '", column "' reads ambiguously; the last such split is taken."""
        if text == "the document":
            return DOCUMENT
        found = _RECORDED_PARAGRAPH.fullmatch(text)
        if found:
            return cls(PlaceKind.PARAGRAPH, int(found["number"]), found["words"])
        found = _RECORDED_CELL.fullmatch(text)
        if found:
            return cls(PlaceKind.CELL, int(found["table"]), section=found["section"] or "", row=found["row"],
                       column=found["column"])
        return cls(PlaceKind.RECORDED, words=text)


#: The record's forms of a place (``Place.read``).
_RECORDED_PARAGRAPH = re.compile(r'paragraph (?P<number>[0-9]{1,9})(?:, "(?P<words>.*)")?', re.DOTALL)
_RECORDED_CELL = re.compile(r'table (?P<table>[0-9]{1,9}), (?:section "(?P<section>.*?)", )?'
                            r'row "(?P<row>.*)", column "(?P<column>.*)"', re.DOTALL)

DOCUMENT = Place(PlaceKind.DOCUMENT)
NOTES = Place(PlaceKind.NOTES)


def paragraph_place(number: int, words: str | None = None) -> Place:
    """A paragraph outside the tables (numbered from 1), with its first words up to a figure."""
    return Place(PlaceKind.PARAGRAPH, number, words)


def table_place(number: int) -> Place:
    """A table as a whole (numbered from 1)."""
    return Place(PlaceKind.TABLE, number)


def note_place(number: int) -> Place:
    """A note (numbered from 1)."""
    return Place(PlaceKind.NOTE, number)


def within_table(row: str, column: str, section: str = "") -> Place:
    """'section "Other departments", row "Total", column "1983–84, outturn"': where a cell
    stands in its table (the section only in a table of nested rows), its table not yet known
    (``cell_place`` gives it)."""
    return Place(PlaceKind.CELL, 0, section=section, row=row, column=column)


class FigureCell(NamedTuple):
    """Where a figure of a table built from data stands in its table, as the table is written
    (``word/tables``): the table (its name in the register), its row and cell (from 0, the
    header rows counted), and ``within_table``."""

    table: str
    row: int
    cell: int
    within: Place


def cell_place(table: int, within: Place) -> Place:
    """'table 1, row "Total", column "VAK"': a cell's place, its table numbered from 0 (``within_table``)."""
    return replace(within, number=table + 1)


class TableLayout:
    """A table's rows and cells as a reader names them, each worked out when first asked for."""

    def __init__(self, element: oxml.Element) -> None:
        self.element = element
        self._cells: dict[int, list[oxml.Element]] = {}
        self._values: dict[tuple[int, int], str] = {}
        self._columns: dict[int, str] = {}

    @cached_property
    def rows(self) -> list[oxml.Element]:
        return tables.rows(self.element)

    @cached_property
    def header_rows(self) -> int:
        """How many rows at the top are its header (at least one)."""
        return max(tables.header_rows(self.element), 1)

    def cells(self, row: int) -> list[oxml.Element]:
        found = self._cells.get(row)
        if found is None:
            found = self._cells[row] = tables.cells(self.rows[row])
        return found

    @cached_property
    def _row_numbers(self) -> dict[oxml.Element, int]:
        return {tr: r for r, tr in enumerate(self.rows)}

    def row_of(self, tr: oxml.Element) -> int:
        return self._row_numbers[tr]

    def value(self, row: int, column: int) -> str:
        key = (row, column)
        found = self._values.get(key)
        if found is None:
            cells = self.cells(row)
            found = self._values[key] = cell_value(cells[column]) if column < len(cells) else ""
        return found

    def column_label(self, index: int) -> str:
        """A column's header as a reader names it: with the group over it ('1982–83, outturn')."""
        found = self._columns.get(index)
        if found is None:
            header = [[(self.value(r, c), tables.span(tc)) for c, tc in enumerate(self.cells(r))]
                      for r in range(min(self.header_rows, len(self.rows)))
                      if not self.is_section(r)]  # a unit row across the whole table ('£'000s') names no column
            found = self._columns[index] = column_label(header, index)
        return found

    def row_label(self, index: int) -> str:
        return self.value(index, 0)

    @cached_property
    def _wide(self) -> bool:
        return any(len(self.cells(r)) > 1 for r in range(len(self.rows)))

    def is_section(self, index: int) -> bool:
        """A section's heading in a table of nested rows: one cell across the table."""
        return len(self.cells(index)) == 1 and self._wide

    @cached_property
    def _sections(self) -> list[str]:
        """The heading of the section each row stands in, top to bottom ('' for none)."""
        out, current = [], ""
        for r in range(len(self.rows)):
            if r < self.header_rows:
                out.append("")
            elif self.is_section(r):
                current = self.value(r, 0)
                out.append("")
            else:
                out.append(current)
        return out

    def section_of(self, index: int) -> str:
        return self._sections[index]


class Layout:
    """The body of a document: its tables and paragraphs, numbered as a Word user counts them."""

    def __init__(self, body: oxml.Element) -> None:
        self.body = body
        self.tables = [TableLayout(tbl) for tbl in tables.tables(body)]
        self._table_numbers = {t.element: i for i, t in enumerate(self.tables)}
        self._texts: dict[oxml.Element, str] = {}
        self._read: dict[oxml.Element, tuple[list[str], dict[oxml.Element, int]]] = {}

    @cached_property
    def paragraphs(self) -> list[oxml.Element]:
        """The paragraphs outside tables."""
        return paragraphs.outside_tables(self.body)

    @cached_property
    def paragraph_number(self) -> dict[oxml.Element, int]:
        return {p: i + 1 for i, p in enumerate(self.paragraphs)}

    def text(self, p: oxml.Element) -> str:
        """A paragraph's text as a reader sees it (without note calls), worked out once."""
        found = self._texts.get(p)
        if found is None:
            found = self._texts[p] = clean("".join(self._pieces(p)[0]))
        return found

    def _pieces(self, p: oxml.Element) -> tuple[list[str], dict[oxml.Element, int]]:
        """What each text of a paragraph shows, read once for all the figures in the paragraph."""
        found = self._read.get(p)
        if found is None:
            found = self._read[p] = paragraphs.text_pieces(p)
        return found

    def text_before(self, p: oxml.Element, run: oxml.Element) -> str:
        """The paragraph's text (without note calls) before the run."""
        pieces, index = self._pieces(p)
        return "".join(pieces[:index.get(paragraphs.first_text(run), len(pieces))])

    def cell_of(self, element: oxml.Element) -> tuple[int, int, int] | None:
        """(table, row, cell) indexes (from 0) of the cell an element stands in."""
        found = tables.position(element)
        if found is None:
            return None
        tbl, tr, tc = found
        t = self._table_numbers.get(tbl)
        if t is None:
            return None
        table = self.tables[t]
        r = table.row_of(tr)
        return t, r, table.cells(r).index(tc)

    def cell_place(self, t: int, r: int, c: int, grand_total: bool = False) -> Place:
        """'table 1, section "Other departments", row "Total", column "1983–84, outturn"': the
        section only in a table of nested rows, and not for a grand total (below every section)."""
        table = self.tables[t]
        return cell_place(t, within_table(table.row_label(r), table.column_label(c),
                                          "" if grand_total else table.section_of(r)))

    def table_of(self, element: oxml.Element) -> int | None:
        """The number (from 0) of the table an element stands in (the innermost), or None."""
        found = tables.position(element)
        return self._table_numbers.get(found[0]) if found is not None else None

    def text_place(self, p: oxml.Element | None, shown: str = "") -> Place:
        """'paragraph 4, "Circa 45% ..."' for a paragraph outside the tables; 'the document' else."""
        number = self.paragraph_number.get(p) if p is not None else None
        if number is None:
            return DOCUMENT
        return paragraph_place(number, snippet(self.text(p), shown))

    def place(self, p: oxml.Element | None, shown: str = "", grand_total: bool = False) -> Place:
        if p is None:
            return DOCUMENT
        cell = self.cell_of(p)
        if cell is not None:
            return self.cell_place(*cell, grand_total)
        return self.text_place(p, shown)


def snippet(text: str, shown: str) -> str:
    """The paragraph's start up to the figure: 'Circa 45% ...'."""
    at = text.find(shown) if shown else -1
    if at < 0:
        return text[:40] + (" ..." if len(text) > 40 else "")
    end = at + len(shown)
    start = 0
    if end > 60:  # from the start of a word some thirty characters before the figure
        space = text.find(" ", max(0, at - 30))
        start = space + 1 if 0 <= space < at else at
    return ("... " if start else "") + text[start:end].strip() + (" ..." if end < len(text) else "")

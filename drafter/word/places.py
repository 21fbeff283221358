"""Where things stand in an answer, as a Word user finds them: 'paragraph 4, "Circa 45% ..."',
'table 1, section "Other departments", row "Total", column "1983–84, outturn"'.

Used when an answer is finished (each traced figure's place goes into its record) and when it
is read back (``drafter verify`` names the place of every figure it finds). Paragraphs outside
tables are counted from 1; tables in the order their text comes; a column is named by its
header, with the group over it.
"""

from __future__ import annotations

import re
from functools import cached_property

from drafter import oxml
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import table as tables

_CALLS = re.compile(r"([\s\u00a0]*\(\d+\))+$")


def clean(text: str) -> str:
    """Text with its spaces (non-breaking ones too) made single spaces, trimmed."""
    return " ".join(text.replace("\u00a0", " ").split())


def cell_value(tc: oxml.Element) -> str:
    """A table cell's figure: its text without note calls."""
    return _CALLS.sub("", clean(paragraphs.text_of(tc, calls=False))).strip()


class TableLayout:
    """A table's rows and cells as a reader names them, each worked out when first asked for."""

    def __init__(self, element: oxml.Element) -> None:
        self.element = element
        self.rows = tables.rows(element)
        self.header_rows = max(tables.header_rows(element), 1)
        self._cells: dict[int, list[oxml.Element]] = {}
        self._values: dict[tuple[int, int], str] = {}
        self._columns: dict[int, str] = {}

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
            labels = []
            for r in range(min(self.header_rows, len(self.rows))):
                if self.is_section(r):  # a unit row across the whole table ('£'000s') names no column
                    continue
                at = 0
                for c, tc in enumerate(self.cells(r)):
                    span = tables.span(tc)
                    if at <= index < at + span:
                        text = self.value(r, c)
                        if text and text not in labels:
                            labels.append(text)
                        break
                    at += span
            found = self._columns[index] = ", ".join(labels)
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
        self._row_places: dict[tuple[int, int, bool], str] = {}
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

    def cell_place(self, t: int, r: int, c: int, grand_total: bool = False) -> str:
        """'table 1, section "Other departments", row "Total", column "1983–84, outturn"': the
        section only in a table of nested rows, and not for a grand total (below every section)."""
        row = self._row_places.get((t, r, grand_total))
        if row is None:  # shared by the figures of a row
            table = self.tables[t]
            section = "" if grand_total else table.section_of(r)
            row = self._row_places[(t, r, grand_total)] = (
                f'table {t + 1}, ' + (f'section "{section}", ' if section else "") + f'row "{table.row_label(r)}"')
        return f'{row}, column "{self.tables[t].column_label(c)}"'

    def text_place(self, p: oxml.Element | None, shown: str = "") -> str:
        """'paragraph 4, "Circa 45% ..."' for a paragraph outside the tables; 'the document' else."""
        number = self.paragraph_number.get(p) if p is not None else None
        if number is None:
            return "the document"
        return f'paragraph {number}, "{snippet(self.text(p), shown)}"'

    def place(self, p: oxml.Element | None, shown: str = "", grand_total: bool = False) -> str:
        if p is None:
            return "the document"
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

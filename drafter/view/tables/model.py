"""What a template sees of a table: its cells, rows, header groups and the table itself."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.view.figures import Figure, mark
from drafter.view.notes import Note


@dataclass(unsafe_hash=True, slots=True)
class Cell:
    """A table's cell. Hashed and compared as a frozen class would be, but not frozen: a large
    table makes one per figure, and a frozen class's checked field-by-field __init__ is a real
    part of building its view (a template cannot change an attribute in any case)."""

    text: str  # the value with its note calls: '14.250.000 (2)'
    numeric: bool = False
    total: bool = False  # a figure of a total column
    #: the figure from the data the cell shows, recorded (view/figures): its shown text starts the
    #: cell's text. A table built from data bookmarks it in Word; printed by a template, it is marked.
    figure: Figure | None = None

    def __str__(self) -> str:
        if self.figure is None:
            return self.text
        return mark(self.figure) + self.text[len(self.figure.shown):]


@dataclass(unsafe_hash=True, slots=True)
class Row:
    """A table's row; like Cell, not frozen."""

    label: Cell
    cells: tuple[Cell, ...]  # text columns first, then the figures
    total: bool = False
    section: bool = False  # the heading of a section of nested rows: a label (and its total's cells, or none)


@dataclass(frozen=True)
class Group:
    """A header over several columns (the first of two header rows)."""

    label: Cell
    span: int  # how many columns it covers

    def __str__(self) -> str:
        return self.label.text


@dataclass(frozen=True)
class TableView:
    name: str
    title: Cell | None
    caption: str  # the unit, stated once: 'bedragen in euro' ('' when hidden)
    corner: Cell
    columns: tuple[Cell, ...]
    rows: tuple[Row, ...]  # the total row, if any, is the last
    notes: tuple[Note, ...]  # the notes printed under the table, in number order
    note_style: str
    groups: tuple[Group, ...] = ()  # headers over several columns, left to right
    lead: int = 0  # how many of the columns are text columns (before the figures, under no group)
    remarks: tuple[str, ...] = ()  # unnumbered notes under the table ('Bron: ...')
    unit_row: str = ""  # the unit on a header row of its own over the whole table ('' when not)
    unit_line: str = ""  # the unit on a line of its own above the table, right-aligned ('' when not)
    fit: str = "smaller"  # what a table wider than the text does: smaller type or a landscape page

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.total)

    @property
    def total(self) -> Row | None:
        return next((r for r in self.rows if r.total), None)

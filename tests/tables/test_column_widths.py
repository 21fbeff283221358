"""Column widths balance header and body: a narrow table with long headers takes the room the
text width leaves, so that its headers do not wrap to many lines."""

from __future__ import annotations

import math

from drafter.oxml import section
from drafter.view.tables.model import Cell, Row, TableView
from drafter.word import tables as word_tables

LONG = "Amount by which the outturn differed from the planned figure published in the previous autumn"


def lines_of(text: str, width: int) -> int:
    """How many lines a header takes in a column this wide, at the widths' own measure of a character."""
    room = width - word_tables.CELL_MARGINS
    return math.ceil(len(text) * word_tables.HEADING_WIDER * word_tables.CHAR_WIDTH / room)


def view(headers) -> TableView:
    rows = tuple(Row(Cell(f"19{y}–{y + 1}"), tuple(Cell("148.7", numeric=True) for _ in headers)) for y in range(80, 90))
    return TableView("t", None, "", Cell("Year"), tuple(Cell(h, numeric=True) for h in headers), rows, (), "number")


def test_long_headers_take_the_room_the_text_width_leaves():
    width = section.Page().text_width
    widths, factor = word_tables.column_widths(view([LONG, LONG]), width)
    assert factor == 1.0 and sum(widths) <= width
    assert sum(widths) > 0.99 * width  # the room is used ...
    # ... by the headers, so that they wrap to no more lines than the text width makes them
    least = math.ceil(2 * len(LONG) * word_tables.HEADING_WIDER * word_tables.CHAR_WIDTH
                      / (width - widths[0] - 2 * word_tables.CELL_MARGINS))
    assert all(lines_of(LONG, w) <= least for w in widths[1:])


def test_a_table_whose_headers_fit_keeps_its_widths():
    width = section.Page().text_width
    widths, _ = word_tables.column_widths(view(["Plan", "Outturn"]), width)
    assert sum(widths) < 0.6 * width  # a narrow table stays narrow when nothing wraps

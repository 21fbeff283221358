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


def test_a_table_a_little_too_wide_wraps_its_labels_before_its_type_gets_smaller():
    # six columns of budget figures in thousands with a note call: the type of its neighbours
    years = ["2019", "2020", "2021", "2022", "2023"]
    figures = ["245.812,3", "268.431,9\u00a0(1)", "259.120,0", "281.455,7", "297.602,4"]
    rows = tuple(Row(Cell(label), tuple(Cell(f, numeric=True) for f in figures))
                 for label in ("Maatwerkbedrijven", "Lokale diensteneconomie\u00a0(2)", "Totaal"))
    table = TableView("t", None, "", Cell(""), tuple(Cell(y, numeric=True) for y in years), rows, (), "number")
    width = section.Page().text_width
    widths, factor = word_tables.column_widths(table, width)
    assert factor == 1.0 and sum(widths) <= width
    # each figure column holds its longest figure on one line, at the widths' own measure of a digit
    assert all(w - word_tables.CELL_MARGINS >= 8 * word_tables.CHAR_WIDTH for w in widths[1:])


def test_a_table_far_too_wide_still_gets_smaller_type():
    rows = tuple(Row(Cell(f"Line {i}"), tuple(Cell("1.234.567,8", numeric=True) for _ in range(10)))
                 for i in range(3))
    table = TableView("t", None, "", Cell(""), tuple(Cell(f"Year {y}", numeric=True) for y in range(10)), rows, (),
                      "number")
    widths, factor = word_tables.column_widths(table, section.Page().text_width)
    assert factor < 1.0 and sum(widths) <= section.Page().text_width

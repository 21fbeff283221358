"""Making a table's cells: labels with note calls, figures written and recorded."""

from __future__ import annotations

from drafter.load.register import Unit
from drafter.view.figures import FigureCollector, Totalled, strip_marks
from drafter.view.formatting import Formatter
from drafter.view.tables.cells import CellWriter
from tests.view.tables.conftest import FMT, context, series

PLACEHOLDERS = {"not_applicable": "n.v.t.", "nil": "—", "unknown": "..", "empty": ""}


def _writer(source, figures=None, style="parentheses", **spec):
    return CellWriter(context(source, **spec), FMT, series(style), PLACEHOLDERS, figures)


def test_notes_are_numbered_in_the_order_their_cells_are_made_and_printed_once(data):
    cells = _writer(data())
    assert cells.labelled("Onderwijs", ("b",), "here").text == "Onderwijs\u00a0(1)"
    assert cells.labelled("Zorg", ("a", "b"), "here").text == "Zorg\u00a0(2)\u00a0(1)"
    assert [(n.number, n.key, n.text) for n in cells.printed] == [(1, "b", "the note b"), (2, "a", "the note a")]


def test_a_figure_is_written_in_the_tables_unit_and_a_missing_one_as_its_placeholder(data):
    source = data()
    cells = _writer(source, unit=Unit(kind="money", scale="thousand", show="caption"))
    figure = source.figure(1, "value")
    assert cells.value_text(figure, 1) == "0,0"  # 12 euro in thousands
    assert cells.value_text(None, 0, 14_250_000) == "14.250"
    nil = source.figure(0, "notes")  # an empty cell
    assert cells.value_text(nil, 0) == ""
    assert CellWriter(context(source), Formatter(negative="parentheses"), series(), PLACEHOLDERS,
                      None).value_text(None, 0, -1234) == "(1.234)"


def test_a_figure_cell_is_recorded_with_its_place_and_sources(data):
    source, figures = data(), FigureCollector()
    cells = _writer(source, figures)
    figure = source.figure(3, "value")
    cell = cells.figure_cell("8", "(1)", 8.25, [cells.source_of(3, figure, "Health, 2020")], "Health", "Health",
                             "2020", "2020", "")
    assert (cell.text, strip_marks(str(cell)), cell.numeric) == ("8\u00a0(1)", "8\u00a0(1)", True)
    record = figures.figures[0]
    assert (record.key, record.kind, record.raw, record.adds) == ("table 'spending', resource, Health, 2020", "cell",
                                                                  8.25, "")
    assert record.sources[0].place == "row 5, column 'value'" and record.sources[0].ref == "Health, 2020"
    total = cells.figure_cell("20", "", 20.25, record.sources, "Totaal", "total", "2020", "2020", "",
                              adds=Totalled.COLUMN)
    assert figures.figures[1].kind == "total" and figures.figures[1].adds == "column" and str(total) != total.text


def test_a_cell_without_a_value_or_a_collector_is_not_recorded(data):
    source, figures = data(), FigureCollector()
    cells = _writer(source, figures)
    assert str(cells.figure_cell("", "", None, (), "r", "r", "c", "c", "")) == ""
    assert str(_writer(source).figure_cell("8", "", 8.0, ("x",), "r", "r", "c", "c", "")) == "8"
    assert figures.figures == []

"""Making a table's rows and totals."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load.register import Axis, TextColumn, Total
from drafter.view.figures import FigureCollector
from drafter.view.tables import axes
from drafter.view.tables.cells import CellWriter
from drafter.view.tables.decimals import Decimals
from drafter.view.tables.lookup import FigureLookup
from drafter.view.tables.rows import RowMaker
from tests.view.tables.conftest import FMT, context, series
from tests.view.tables.test_cells import PLACEHOLDERS


def _maker(source, figures=None, **spec):
    ctx = context(source, **spec)
    rows = axes.selected_rows(ctx)
    _, flat = axes.figure_columns(ctx, rows, None)
    if ctx.spec.column_total is not None:
        flat.append((None, axes.total_column(ctx, None, rows, "Totaal")))
    lookup, decimals = FigureLookup(ctx, rows, "value"), Decimals(ctx)
    computed = ctx.spec.column_total is not None
    columns = axes.plan(flat, lookup, decimals, has_total=computed, computed_total=computed)
    cells = CellWriter(ctx, FMT, series(), PLACEHOLDERS, figures)
    return RowMaker(cells, lookup, decimals, columns, "Totaal"), axes.items(ctx, ctx.spec.rows, rows)


def _texts(rows):
    return [[str(r.label.text)] + [c.text for c in r.cells] for r in rows]


def test_a_computed_total_adds_up_the_figures_above_it_and_records_them(data):
    figures = FigureCollector()
    maker, row_items = _maker(data(), figures, total=Total(None), decimals=2)
    rows, sums = maker.body(row_items, None)
    assert _texts(rows) == [["Education", "10,50", "12,00\u00a0(1)"], ["Health", "7,00", "8,25\u00a0(2)"],
                            ["Totaal", "17,50", "20,25"]]
    assert rows[-1].total and sums.amounts == [17.5, 20.25]
    total = figures.figures[-1]
    assert (total.kind, total.adds, [s.place for s in total.sources]) == ("total", "column", ["row 3, column 'value'", "row 5, column 'value'"])


def test_a_computed_total_column_adds_up_the_row(data):
    maker, row_items = _maker(data(), column_total=Total(None), decimals=1)
    rows, _ = maker.body(row_items, None)
    assert _texts(rows) == [["Education", "10,5", "12,0\u00a0(1)", "22,5"], ["Health", "7,0", "8,3\u00a0(2)", "15,3"]]
    assert [c.total for c in rows[0].cells] == [False, False, True]


def test_a_stated_total_is_the_row_of_the_data_that_states_it(data):
    text = "department,year,value\nEducation,2019,10\nHealth,2019,7\nAll,2019,18\n"
    maker, _ = _maker(data(text), total=Total("All", "Alles"), where={})
    rows, _ = maker.body([axes.AxisItem("Education", "Education"), axes.AxisItem("Health", "Health")], None)
    assert _texts(rows)[-1] == ["Alles", "18"]


def test_a_text_column_shows_the_one_text_of_its_row(data):
    text = "department,year,value,head\nEducation,2019,1,Ann\nEducation,2020,2,Ann\nHealth,2019,3,Bo\nHealth,2020,4,Cy\n"
    maker, row_items = _maker(data(text), where={}, text_columns=(TextColumn("head", "Head"),))
    assert [c.text for c in maker.text_cells(row_items[0], None)] == ["Ann"]
    with pytest.raises(DataError, match="the text column 'head' has more than one text for department 'Health'"):
        maker.text_cells(row_items[1], None)


def test_a_figure_the_data_lacks_is_an_error_naming_the_row_to_add(data):
    maker, _ = _maker(data(), rows=Axis("department"))
    with pytest.raises(DataError, match="needs the value for department 'Defence', year '2019'"):
        maker.body([axes.AxisItem("Defence", "Defence")], None)

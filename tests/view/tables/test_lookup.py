"""Looking up a table's figures: where a row and a column meet in the data."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load.register import Axis
from drafter.view.tables import axes
from drafter.view.tables.lookup import FigureLookup
from tests.view.tables.conftest import context, item


def test_a_figure_is_found_where_its_row_and_column_meet(data):
    source = data()
    ctx = context(source)
    lookup = FigureLookup(ctx, axes.selected_rows(ctx), "value")
    index, measure = lookup.find(None, item("Health"), None, item("2020"))
    assert (source.records[index], measure) == ({"department": "Health", "year": "2020", "type": "resource",
                                                 "value": "8.25", "notes": "b"}, "value")
    assert lookup.find(None, item("Health"), None, item("2021"))[0] is None


def test_when_the_columns_are_measures_a_column_names_its_figures_measure(data):
    source = data("department,spent,staff\nEducation,10,3\nHealth,7,2\n")
    ctx = context(source, columns=Axis(None, (item("spent"), item("staff"))), where={})
    lookup = FigureLookup(ctx, axes.selected_rows(ctx), None)
    index, measure = lookup.find(None, item("Health"), None, item("staff"))
    assert (source.records[index]["department"], measure) == ("Health", "staff")


def test_two_rows_with_the_same_coordinates_are_named_with_what_tells_them_apart(data):
    ctx = context(data(), where={})  # both types of Health 2020 fall on one cell
    with pytest.raises(DataError) as caught:
        FigureLookup(ctx, axes.selected_rows(ctx), "value")
    problem = caught.value.problems[0]
    assert "more than one figure for department 'Health', year '2020' (row 5 and row 6)" in problem.message
    assert problem.hint.startswith("They differ in 'type': choose one with 'where: {type: ...}'")


def test_a_missing_figure_names_the_row_to_add(data):
    ctx = context(data())
    lookup = FigureLookup(ctx, axes.selected_rows(ctx), "value")
    error = lookup.missing({"within": None, "row": "Defence", "group": None, "column": "2019"}, "value")
    assert error.problems[0].message == ("table 'spending' needs the value for department 'Defence', year '2019', "
                                         "type 'resource', which has no row")


def test_rows_the_table_does_not_show_are_not_looked_at(data):
    ctx = context(data(), rows=Axis("department", (item("Education"),)), where={})  # Health's two 2020 rows
    lookup = FigureLookup(ctx, axes.selected_rows(ctx), "value")
    assert lookup.find(None, item("Education"), None, item("2020"))[0] == 1
    assert lookup.find(None, item("Health"), None, item("2019"))[0] is None

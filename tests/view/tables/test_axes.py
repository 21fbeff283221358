"""Planning a table's axes: the rows it uses, its measure, the values of its axes, its columns."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load.register import Axis, Total
from drafter.view.tables import axes
from tests.view.tables.conftest import context, item


def test_the_rows_a_table_uses_are_those_its_where_keeps(data):
    source = data()
    rows = axes.selected_rows(context(source))
    assert [source.records[i]["type"] for i in rows] == ["resource"] * 4


def test_a_dimension_the_data_lacks_is_named_with_the_columns_it_has(data):
    with pytest.raises(DataError) as caught:
        axes.selected_rows(context(data(), rows=Axis("departement")))
    problem = caught.value.problems[0]
    assert problem.message == "table 'spending': 'departement' is not a column of " + data().file
    assert "Did you mean 'department'?" in problem.hint and problem.place == "line 7"


def test_a_value_of_where_the_data_lacks_is_an_error_that_lists_its_values(data):
    with pytest.raises(DataError) as caught:
        axes.selected_rows(context(data(), where={"type": ("resorce",)}))
    assert "type 'resorce' is not in" in caught.value.problems[0].message
    assert "capital, resource" in caught.value.problems[0].hint


def test_the_measure_is_the_first_column_of_figures_no_axis_shows(data):
    assert axes.measure_of(context(data())) == "value"
    assert axes.measure_of(context(data(), columns=Axis(None, (item("value"),)))) is None
    with pytest.raises(DataError, match="has no column of figures besides"):
        axes.measure_of(context(data("department,year\nEducation,2019\n")))


def test_an_axis_shows_its_given_values_or_all_the_data_has_in_its_order(data):
    ctx = context(data())
    every = axes.selected_rows(ctx)
    assert [i.key for i in axes.items(ctx, Axis("year"), every)] == ["2019", "2020"]
    given = Axis("department", (item("Health", "Gezondheid"),))
    assert [(i.key, i.label) for i in axes.items(ctx, given, every)] == [("Health", "Gezondheid")]
    with pytest.raises(DataError, match="department 'Helth' is not in"):
        axes.items(ctx, Axis("department", (item("Helth"),)), every)


def test_column_groups_span_their_own_columns(data):
    ctx = context(data(), rows=Axis("year"), columns=Axis("type"), groups=Axis("department"), where={})
    groups, flat = axes.figure_columns(ctx, axes.selected_rows(ctx), None)
    assert [g.key for g in groups] == ["Education", "Health"]
    assert [(g.key, c.key) for g, c in flat] == [("Education", "resource"), ("Health", "resource"),
                                                 ("Health", "capital")]


def test_a_column_is_named_with_its_group():
    assert axes.column_of(None, item("2019")) == ("2019", "2019")
    assert axes.column_of(item("Health", "Gezondheid"), item("2019", "in 2019")) == ("Gezondheid, in 2019", "Health, 2019")
    assert axes.column_of(None, item("", "Totaal")) == ("Totaal", "total")


def test_a_stated_column_total_cannot_stand_under_groups(data):
    ctx = context(data(), columns=Axis("type"), groups=Axis("year"), column_total=Total("all"), where={})
    with pytest.raises(DataError, match="would stand under none of the column groups"):
        axes.stated_totals(ctx)
    assert axes.stated_totals(context(data(), total=Total("Health"))) == ("Health", None)

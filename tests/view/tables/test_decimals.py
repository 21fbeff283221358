"""How many decimals each figure of a table shows."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load.tidy import Figure
from drafter.view.tables.decimals import Decimals
from tests.view.tables.conftest import context, item


def _figure(decimals: int) -> Figure:
    return Figure(1.5, "value", decimals, (), "row 2")


def test_the_row_then_the_column_then_the_tables_rule_decide(data):
    d = Decimals(context(data(), decimals=1, row_decimals={"Health": 3}, column_decimals={"2020": 2}))
    assert d.pick(_figure(4), d.of_row(item("Health", decimals=0)), d.of_column(item("2020", decimals=5), None)) == 0
    assert d.pick(_figure(4), d.of_row(item("Health")), d.of_column(item("2020", decimals=5), None)) == 5
    assert d.pick(_figure(4), d.of_row(item("Health")), d.of_column(item("2020"), None)) == 3
    assert d.pick(_figure(4), d.of_row(item("Education")), d.of_column(item("2020"), None)) == 2
    assert d.pick(_figure(4), d.of_row(item("Education")), d.of_column(item("2019"), None)) == 1


def test_a_group_gives_its_columns_decimals_and_stated_shows_the_figure_as_written(data):
    d = Decimals(context(data(), decimals="stated"))
    assert d.pick(_figure(4), d.of_row(None), d.of_column(item("2019"), item("Health", decimals=2))) == 2
    assert d.pick(_figure(4), d.of_row(None), d.of_column(item("2019"), None)) == 4
    assert d.pick(None, d.of_row(None), d.of_column(item("2019"), None)) == 0
    assert d.stated_in(item("2019")) and not d.stated_in(item("2019", decimals=1))


def test_decimals_for_a_row_the_table_does_not_show_is_an_error(data):
    d = Decimals(context(data(), row_decimals={"Helth": 1}))
    d.shown["rows"].update({"Education", "Health"})
    with pytest.raises(DataError) as caught:
        d.check_named()
    assert caught.value.problems[0].message == "table 'spending': decimals: rows: 'Helth' is not one of the table's rows"
    assert "Did you mean 'Health'?" in caught.value.problems[0].hint
    d.shown["rows"].add("Helth")
    d.check_named()

"""A budget table: every row checked, every problem at its row and column."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load import tabular
from drafter.load.budget import budget_amount, budget_year, load_budget
from drafter.load.schema import Status
from drafter.load.tabular import NumberError


def test_a_year_cell_holds_a_year_a_budget_can_have():
    assert [budget_year(t) for t in ("2016", "2016.0", "2016,0", "1900", "2200")] == [2016, 2016, 2016, 1900, 2200]
    assert [budget_year(t) for t in ("2016.5", "1899", "2201", "", "jaar", "1e400", "nan")] == [None] * 7


def test_an_amount_cell_holds_a_figure_or_says_why_it_has_none():
    assert budget_amount("14250000", False) == (14250000.0, Status.VALUE)
    assert budget_amount("14.250.000", True) == (14250000.0, Status.VALUE)
    assert budget_amount("N.V.T.", False) == (None, Status.NOT_APPLICABLE)
    assert budget_amount("", False) == (None, Status.EMPTY)
    with pytest.raises(NumberError):
        budget_amount("veel", False)
    with pytest.raises(NumberError):
        budget_amount("9" * 400, False)


def _load(tmp_path, text: str):
    path = tmp_path / "budget.csv"
    path.write_text(text, encoding="utf-8")
    return load_budget("budget", tabular.read_table(path))


def test_a_budget_gives_its_cells_by_line_year_and_kind(tmp_path):
    data = _load(tmp_path, "line,year,kind,amount,part_of,notes\nclusters,2016,vak,100,,a\nibn,2016,VAK,40,clusters,\n")
    assert data.amount("clusters", 2016, "VAK") == 100.0
    assert data.cell("ibn", 2016.0, "VAK").part_of == "clusters" and data.cell("ibn", 2017, "VAK") is None
    assert data.split_of(1) == "clusters, 2016, VAK" and data.split_of(0) == ""
    figure = data.figure(0, "amount")
    assert (figure.value, figure.status, figure.notes, figure.place) == (100.0, Status.VALUE, ("a",), "row 2")
    with pytest.raises(DataError, match="has the measure 'amount', not 'value'"):
        data.figure(0, "value")


def test_every_wrong_row_is_reported_row_by_row_in_the_files_order(tmp_path):
    with pytest.raises(DataError) as caught:
        _load(tmp_path, "line,year,kind,amount\n,2016,VAK,1\nx,20x6,VAT,veel\ny,2016,VAK,1\ny,2016,vak,2\n")
    assert [(p.place, p.message) for p in caught.value.problems] == [
        ("row 2, column 'line'", "the budget line is empty"),
        ("row 3, column 'year'", "'20x6' is not a year"),
        ("row 3, column 'kind'", "'VAT' is not a budget kind"),
        ("row 3, column 'amount'", "'veel' is not an amount"),
        ("row 5", "budget line 'y', 2016 VAK appears twice (first at row 4)"),
    ]

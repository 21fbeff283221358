"""A data file's rows as records: required columns, stripped cells, blank rows left out."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load import schema, tabular
from drafter.load.records import Records, filled_columns, refuse_misspelt_columns, require_columns


def _raw(tmp_path, text: str):
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return tabular.read_table(path)


def test_cells_are_stripped_and_blank_rows_left_out_with_their_place_kept(tmp_path):
    columns, rows = filled_columns(_raw(tmp_path, "a,b\n x ,1\n,\n  ,\ny, 2 \n"))
    assert columns == {"a": ("x", "y"), "b": ("1", "2")}
    assert rows == [0, 3]  # the rows of the file they stand in (0: the first under the header)


def test_a_missing_column_is_named_with_the_one_probably_meant(tmp_path):
    raw = _raw(tmp_path, "line,yaer,kind,amount\nx,2016,VAK,1\n")
    with pytest.raises(DataError) as caught:
        require_columns(raw, schema.BUDGET.required, "budget table")
    problem = caught.value.problems[0]
    assert problem.message.startswith("budget table: the column(s) 'year' are missing")
    assert problem.place == "row 1" and "Is 'yaer' meant to be 'year'?" in problem.hint


def test_a_column_named_like_a_known_one_is_refused_where_its_cells_would_be_lost(tmp_path):
    raw = _raw(tmp_path, "line,year,kind,amount,note\nx,2016,VAK,1,a\n")
    with pytest.raises(DataError) as caught:
        refuse_misspelt_columns(raw, schema.BUDGET)
    assert caught.value.problems[0].place == "row 1, column 'note'"
    assert caught.value.problems[0].hint.startswith("Did you mean 'notes'?")


def test_records_are_selected_and_keyed_over_their_columns():
    records = Records({"d": ("a", "b", "a", "c"), "y": ("1", "1", "2", "1")}, 4)
    assert records[2] == {"d": "a", "y": "2"} and list(records)[3] == {"d": "c", "y": "1"}
    assert records.get(1, "d") == "b" and records.get(1, "other", "-") == "-"
    assert records.select({"d": ("a", "c")}) == [0, 2, 3] and records.select({"d": ("a",), "y": ("1",)}) == [0]
    assert records.select({"missing": ("",)}) == [0, 1, 2, 3]
    assert records.keyed([0, 1, 3], ["d"]) == ({("a",): 0, ("b",): 1, ("c",): 3}, None)
    found, twice = records.keyed([0, 1, 2, 3], ["y"])
    assert twice == (0, 1)

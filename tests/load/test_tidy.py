"""A tidy or wide table of figures."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load import tabular
from drafter.load.schema import Status
from drafter.load.tidy import load_figures, note_keys


def _load(tmp_path, text: str):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return load_figures("figures", tabular.read_table(path))


@pytest.mark.parametrize("text, decimal_comma, point_decimal, read", [
    ("912.9", False, None, (912.9, 1)), ("6,75", False, None, (6.75, 2)), ("1.234.567", False, None, (1234567.0, 0)),
    ("14.250.000", True, None, (14250000.0, 0)), ("1.234,50", True, None, (1234.5, 2)),
    # what the register's locale decides: '1.234' and '1,250' in a ',' file, '6.75' in a ';' file
    ("1.234", False, False, (1234.0, 0)), ("1.234", False, True, (1.234, 3)), ("1.234", False, None, (1.234, 3)),
    ("1,250", False, False, (1.25, 3)), ("1,250", False, True, (1250.0, 0)), ("1.250,5", False, False, (1250.5, 1)),
    ("6.75", True, True, (6.75, 2)), ("0.125", False, False, (0.125, 3)), ("-1.234 €", False, False, (-1234.0, 0)),
])
def test_a_figure_keeps_the_decimals_it_was_written_with(text, decimal_comma, point_decimal, read):
    assert tabular.read_figure(text, decimal_comma, point_decimal) == read


def test_a_generic_table_reads_points_as_the_registers_locale_writes_them(tmp_path):
    """'1.234' in a comma-separated file of a nl_BE register is 1234, not 1,234 shown as '1'."""
    from drafter.load import datasets

    path = tmp_path / "aanvragen.csv"
    path.write_text('jaar,categorie,aantal\n2021,Toegekend,"1.234"\n2021,Afgewezen,"456"\n', encoding="utf-8")
    data = datasets.load_dataset("aanvragen", path, datasets.point_decimal_of("nl_BE"))
    figure = data.figure(0, "aantal")
    assert (figure.value, figure.decimals) == (1234.0, 0)


def test_a_notes_cell_holds_keys_separated_by_spaces_commas_or_semicolons():
    assert note_keys("a b,c; d") == ("a", "b", "c", "d") and note_keys("") == ()


def test_a_figure_is_read_when_asked_for_and_a_wrong_one_named_at_its_cell(tmp_path):
    data = _load(tmp_path, "dept,value,notes\nA,12.5,x\nB,n.v.t.,\nC,veel,\n")
    assert data.measures() == ["value"]
    a, b = data.figure(0, "value"), data.figure(1, "value")
    assert (a.value, a.decimals, a.notes, a.place) == (12.5, 1, ("x",), "row 2, column 'value'")
    assert (b.value, b.status) == (None, Status.NOT_APPLICABLE)
    with pytest.raises(DataError) as caught:
        data.figure(2, "value")
    assert (caught.value.problems[0].message, caught.value.problems[0].place) == \
        ("'veel' is not a figure", "row 4, column 'value'")


def test_a_text_finds_the_one_figure_its_dimensions_name(tmp_path):
    data = _load(tmp_path, "dept,year,value\nA,2019,1\nA,2020,2\nB,2020,3\n")
    assert data.value(dept="A", year="2020") == 2.0
    with pytest.raises(DataError, match="more than one row has dept 'A'"):
        data.value(dept="A")
    with pytest.raises(DataError, match="there is no column 'yaer'"):
        data.value(yaer="2020")


def test_a_wide_sheet_is_read_as_years_and_values(tmp_path):
    data = _load(tmp_path, "dept,1990-91,1991-92\nA,1,2\n\nB,3,\n")
    assert list(data.records) == [
        {"dept": "A", "year": "1990–91", "value": "1"}, {"dept": "A", "year": "1991–92", "value": "2"},
        {"dept": "B", "year": "1990–91", "value": "3"}, {"dept": "B", "year": "1991–92", "value": ""}]
    assert data.place(2, "value") == "row 4, column '1990-91'"
    with pytest.raises(DataError, match="so this is a wide sheet, but it also has a column 'value'"):
        _load(tmp_path, "dept,2019,value\nA,1,2\n")

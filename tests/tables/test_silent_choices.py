"""Choices drafter used to make without a word: each now follows one stated rule, or is refused
with a message that names the place and says what to do (exit 1, nothing written)."""

from __future__ import annotations

import pytest

from drafter.errors import DataError
from drafter.load import tabular
from drafter.load.tidy import load_figures

from ..conftest import assert_refused, copy_project, files_in, run_cli
from .test_published_shapes import drafted_table, published_table


def _load(tmp_path, text: str):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    return load_figures("figures", tabular.read_table(path))


@pytest.fixture
def published(tmp_path):
    return copy_project(tmp_path)


def answer(project, number: int):
    return run_cli("answer", "--question", str(number), "--register", str(project / "data" / "published.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---- financial years: one rule on long and wide sheets and in the register


def test_a_financial_year_typed_with_a_hyphen_is_the_same_year_on_long_and_wide_sheets(tmp_path):
    long = _load(tmp_path, "year,amount\n1990-91,5\n2016-01,6\n")
    wide = _load(tmp_path, "dept,1990-91,1991–92\nA,5,7\n")
    assert long.values("year") == ["1990–91", "2016-01"]  # a month is not a financial year: as typed
    assert wide.values("year") == ["1990–91", "1991–92"]
    assert long.value(year="1990–91") == wide.value(year="1990-91") == 5


def test_the_register_and_the_data_may_each_type_the_dash_either_way(published):
    data = published / "data" / "published" / "health_boards.csv"
    data.write_text(data.read_text(encoding="utf-8").replace("–", "-"), encoding="utf-8")
    edit(published / "data" / "published.yaml", "            - {value: 1986–87, label: 1986–87 prices}",
         "            - {value: 1986-87, label: 1986–87 prices}")
    result = answer(published, 583)
    assert result.exit_code == 0, result.output
    path = next((published / "out").glob("*vraag-583-*.docx"))
    assert drafted_table(path) == published_table(583)  # '1985–86' with the house's dash, as published


def test_a_value_no_row_has_is_refused_with_the_values_there_are(tmp_path):
    data = _load(tmp_path, "dept,1990-91,1991-92\nA,5,7\n")
    with pytest.raises(DataError, match="no row has year '1992–93'") as caught:
        data.value(year="1992-93", dept="A")
    assert "Its values there: 1990–91, 1991–92." in str(caught.value)


def test_value_with_several_measures_says_which_to_name(tmp_path):
    data = _load(tmp_path, "dept,plan,outturn\nA,5,7\n")
    with pytest.raises(DataError, match="would have to choose between the measures plan, outturn") as caught:
        data.value(dept="A")
    assert "value(measure='plan', ...)" in str(caught.value)
    assert data.value(measure="outturn", dept="A") == 7


# ---- labels and units the register gives are used, or refused


def test_a_stated_total_keeps_its_own_label(published):
    data = published / "data" / "published" / "unallocated_provision.csv"
    edit(data, "Total,", "Total provision,")
    edit(published / "data" / "published.yaml", "        total: {value: Total}               # the total as stated",
         "        total: {value: Total provision}   # the total as stated")
    result = answer(published, 14959)
    assert result.exit_code == 0, result.output
    rows = drafted_table(next((published / "out").glob("*vraag-14959-*.docx")))
    assert rows[-1] == ["Total provision", "432,750", "2,750"]


def test_column_labels_are_kept_when_a_group_lists_its_own_columns(published):
    edit(published / "data" / "published.yaml", "            - {value: capital, label: Capital expenditure}",
         "            - {value: capital, label: Capital expenditure, columns: [cash, 1990–91]}")
    result = answer(published, 583)
    assert result.exit_code == 0, result.output
    rows = drafted_table(next((published / "out").glob("*vraag-583-*.docx")))
    assert rows[2][1:] == ["Cash terms", "1986–87 prices", "1990–91 prices", "Cash terms", "1990–91 prices",
                           "Cash terms", "1986–87 prices", "1990–91 prices"]


@pytest.mark.parametrize("old, new, needles", [
    ("unit: {currency: GBP, show: cells}", "unit: {currency: GBP, show: cells, text: pounds}",
     ["published.yaml, line", "the unit's 'text' is shown only with show: caption, line, corner, header or above",
      "show: cells"]),
    ("columns: {measures: [{measure: salaries, label: Salaries}, {measure: expenses, label: Expenses}]}",
     "columns: {measures: []}",
     ["published.yaml, line", "say which measures 'columns' shows", "columns: {measures: [plan, outturn]}"]),
])
def test_a_choice_drafter_cannot_make_is_refused(published, old, new, needles):
    edit(published / "data" / "published.yaml", old, new)
    before = {p: p.read_bytes() for p in (published / "data").rglob("*") if p.is_file()}
    assert_refused(answer(published, 157), published, *needles)
    assert {p: p.read_bytes() for p in (published / "data").rglob("*") if p.is_file()} == before
    assert files_in(published / "out") == []


# ---- a column that is not a sum


def _growth_column(project, summed: str):
    data = project / "data" / "published" / "unallocated_provision.csv"
    rows = data.read_text(encoding="utf-8").splitlines()
    growth = {"service": "growth", "NHS": "5.0", "Personal social services": "3.0", "Total": "4.6"}
    data.write_text("\n".join(f"{r},{growth[r.split(',')[0]]}" for r in rows) + "\n", encoding="utf-8")
    edit(project / "data" / "published.yaml",
         "            - {measure: forecast_outturn, label: Forecast outturn, notes: [spring_estimates]}",
         "            - {measure: forecast_outturn, label: Forecast outturn, notes: [spring_estimates]}\n"
         f"            - {{measure: growth, label: Growth (per cent), decimals: 1{summed}}}")


def test_a_stated_total_of_a_column_that_says_it_is_no_sum_is_not_checked(published):
    _growth_column(published, ", sum: false")
    result = answer(published, 14959)
    assert result.exit_code == 0, result.output
    assert "add up to" not in result.stderr
    rows = drafted_table(next((published / "out").glob("*vraag-14959-*.docx")))
    assert rows[-1] == ["Total", "432,750", "2,750", "4.6"]  # as stated


def test_a_stated_total_of_a_column_that_is_a_sum_is_still_checked(published):
    _growth_column(published, "")
    result = answer(published, 14959)
    assert result.exit_code == 0, result.output
    assert "the rows for growth add up to 8, but the total 'Total' says" in result.stderr


# ---- numbers typed as the register's locale writes them


@pytest.mark.parametrize("locale", ["en_GB", "nl_BE"])
def test_a_figure_the_separator_leaves_ambiguous_is_read_as_the_registers_locale_writes_it(published, locale):
    data = published / "data" / "published" / "information_services.csv"
    data.write_text('year,salaries,expenses\n1976–77,"1,250","20,000"\n', encoding="utf-8")
    register = published / "data" / "published.yaml"
    edit(register, "locale: en_GB", f"locale: {locale}")
    edit(register, "unit: {currency: GBP, show: cells}", "unit: {currency: GBP, show: cells}\n        decimals: 2")
    result = answer(published, 157)
    assert result.exit_code == 0, result.output
    rows = drafted_table(next((published / "out").glob("*vraag-157-*.docx")))
    shown = {"en_GB": ["1976–77", "£1,250.00", "£20,000.00"], "nl_BE": ["1976–77", "£\u00a01,25", "£\u00a020,00"]}[locale]
    assert rows[-1] == shown, rows[-1]


def test_without_a_locale_of_the_register_such_a_figure_is_still_refused(tmp_path):
    data = _load(tmp_path, 'year,amount\n2001,"1,250"\n')
    with pytest.raises(DataError, match="the comma can be a decimal mark or a thousands separator"):
        data.value(year="2001")

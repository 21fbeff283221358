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


# ---- amounts typed as the register's locale writes them


@pytest.mark.parametrize("locale, text, amounts", [
    # a comma-separated file: '1,250' is 1250 in en_GB, 1,25 in nl_BE
    ("en_GB", 'line,year,kind,amount\nclusters,2016,VAK,"1,250"\nclusters,2017,VAK,"1,250.5"\n', (1250.0, 1250.5)),
    ("nl_BE", 'line,year,kind,amount\nclusters,2016,VAK,"1,250"\nclusters,2017,VAK,"1.250,5"\n', (1.25, 1250.5)),
    # a semicolon-separated file groups thousands with points ('1.250,5'); '1.5' is 1.5 in en_GB
    ("en_GB", "line;year;kind;amount\nclusters;2016;VAK;1.5\nclusters;2017;VAK;1.250,5\n", (1.5, 1250.5)),
    ("nl_BE", "line;year;kind;amount\nclusters;2016;VAK;1.250\nclusters;2017;VAK;1.250,5\n", (1250.0, 1250.5)),
    # a comma-separated file with points: '1.250' groups thousands in nl_BE, is a decimal in en_GB;
    # '0.125' and '6.75' can only be decimals
    ("nl_BE", 'line,year,kind,amount\nclusters,2016,VAK,"1.250"\nclusters,2017,VAK,0.125\n', (1250.0, 0.125)),
    ("nl_BE", 'line,year,kind,amount\nclusters,2016,VAK,6.75\nclusters,2017,VAK,"1.250.000"\n', (6.75, 1250000.0)),
    ("en_GB", 'line,year,kind,amount\nclusters,2016,VAK,1.250\nclusters,2017,VAK,0.125\n', (1.25, 0.125)),
])
def test_an_amount_the_separator_leaves_ambiguous_is_read_as_the_registers_locale_writes_it(tmp_path, locale,
                                                                                           text, amounts):
    from drafter.load import datasets

    path = tmp_path / "budget.csv"
    path.write_text(text, encoding="utf-8")
    data = datasets.load_dataset("budget", path, datasets.point_decimal_of(locale))
    assert isinstance(data, datasets.BudgetData)
    assert (data.amount("clusters", 2016, "VAK"), data.amount("clusters", 2017, "VAK")) == amounts


def test_without_the_registers_locale_an_ambiguous_amount_is_still_refused_at_its_row(tmp_path):
    with pytest.raises(DataError, match="the comma can be a decimal mark or a thousands separator"):
        _load(tmp_path, 'line,year,kind,amount\nclusters,2016,VAK,"1,250"\n')


def test_an_answer_reads_the_budget_by_the_registers_locale(tmp_path):
    """Drafted end to end: en_GB reads '145,585' in budget.csv as 145585 euro, shown in thousands."""
    import docx

    from ..conftest import copy_project, run_in
    from ..test_layouts import edit_register

    project = copy_project(tmp_path)
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace("bedrijfssteun,2016,VEK,145585000,",
                                                                 'bedrijfssteun,2016,VEK,"145,585",'),
                      encoding="utf-8")
    edit_register(project, lambda questions: questions[5].update(data={"budget": "budget.csv"}))
    refused = run_in(project, "answer", "--question", "5")  # nl_BE: 145,585 euro is a decimal figure
    assert refused.exit_code == 0, refused.output
    (made,) = (project / "out").glob("*.docx")
    rows = [[c.text for c in r.cells] for r in docx.Document(str(made)).tables[1].rows]
    assert rows[1] == ["2016", "0"]  # 145,585 euro in thousands
    # the register's locale reads the data; the answer stays in Dutch (its notes have no English)
    register = project / "data" / "questions.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("locale: nl_BE", "locale: en_GB", 1),
                        encoding="utf-8")
    edit_register(project, lambda questions: questions[5].update(locale="nl_BE"))
    made.unlink()
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 0, result.output
    (made,) = (project / "out").glob("*.docx")
    rows = [[c.text for c in r.cells] for r in docx.Document(str(made)).tables[1].rows]
    assert rows[1] == ["2016", "146"]  # 145,585 euro in thousands, rounded

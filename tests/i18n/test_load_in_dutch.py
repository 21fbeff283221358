"""Under --lang nl, a mistake in the register, a data file or the project file is refused in
Dutch: the message, its place (regel, rij, kolom, werkblad) and what to do, with no English
sentence left in it; the same mistake in English reads as before."""

from __future__ import annotations

import re

import openpyxl
import pytest

from drafter import i18n
from drafter.errors import DataError, readable, shown
from drafter.i18n import _
from drafter.load.records import require_columns
from drafter.load.schema import BUDGET
from drafter.load.tabular import read_table

from ..conftest import assert_refused, run_in

#: Words of drafter's English messages that no Dutch message holds.
ENGLISH = re.compile(r"\b(must|unknown key|is missing|the column|line \d|row \d|is not a|Did you mean|Write|"
                     r"Check|not valid|sheet)\b")


def _dutch_refusal(project, *needles: str) -> str:
    result = run_in(project, "answer", "-q", "4", "--lang", "nl")
    assert_refused(result, project, *needles)
    messages = [line for line in result.stderr.splitlines() if line.startswith(("error:", "fout:", "Fout:"))]
    assert messages, result.stderr
    for line in messages:  # the file's name and the register's own words aside, no English
        text = line.split(": ", 1)[1]
        assert not ENGLISH.search(text), line
    return result.stderr


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_misspelt_key_of_the_register(project):
    register = project / "data" / "questions.yaml"
    _edit(register, "    title: Bedrijfsclusters - Subsidies\n", "    titel: Bedrijfsclusters - Subsidies\n")
    out = _dutch_refusal(project, "questions.yaml, regel 17: vraag 4: onbekende sleutel 'titel'",
                         "Bedoelt u 'title'? De sleutels hier zijn:", "vraag 4: het veld 'title' ontbreekt")
    english = run_in(project, "answer", "-q", "4")
    assert_refused(english, project, "questions.yaml, line 17: question 4: unknown key 'titel', so what it holds "
                                     "would be lost. Did you mean 'title'?")
    assert "onbekende sleutel" not in english.stderr and "unknown key" not in out


def test_a_wrong_value_in_a_table_of_the_register(project):
    register = project / "data" / "questions.yaml"
    _edit(register, "        years: 2014-2018\n", "        years: 2014-2018\n        rows: year\n        columns: year\n")
    _dutch_refusal(project, "tabel 'kredieten': rows en columns moeten verschillen (beide zijn 'year')")


def test_a_register_that_is_not_yaml(project):
    register = project / "data" / "questions.yaml"
    _edit(register, "    title: Bedrijfsclusters - Subsidies\n", "    title: Bedrijfsclusters: Subsidies\n")
    _dutch_refusal(project, "questions.yaml, regel 17, kolom 28: geen geldige YAML: hier mag geen ':' met een "
                            "waarde staan", "Controleer daar het inspringen en de aanhalingstekens")


def test_a_missing_column_of_the_budget(project):
    budget = project / "data" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    budget.write_text("line,year,kind,bedraag,part_of,notes\n" + "".join(lines[1:]), encoding="utf-8")
    _dutch_refusal(project, "budget.csv, rij 1: begrotingstabel: de kolom 'amount' ontbreekt (gevonden: 'line', "
                            "'year', 'kind', 'bedraag', 'part_of', 'notes')",
                   "Rij 1 moet de kolommen line, year, kind, amount noemen.")


@pytest.mark.parametrize(("header", "words"), [
    ("line,year,kind,amount", "begrotingstabel: de kolom 'part_of' ontbreekt (gevonden: 'line', 'year', 'kind', "
                              "'amount')"),
    ("line,year,amount", "begrotingstabel: de kolommen 'kind', 'part_of' ontbreken (gevonden: 'line', 'year', "
                         "'amount')"),
])
def test_one_missing_column_or_several(tmp_path, header, words):
    """A budget file always lacks one column at most (with two missing it is read as figures of
    another kind), so the plural is asked of the same check with more columns required."""
    table = tmp_path / "budget.csv"
    table.write_text(header + "\nclusters,2014,5\n", encoding="utf-8")
    with i18n.speaking("nl"), pytest.raises(DataError) as refused:
        require_columns(read_table(table), ("line", "year", "kind", "amount", "part_of"), _(BUDGET.what))
    problem, = refused.value.problems
    assert (problem.place, problem.message) == ("rij 1", words)


def test_a_figure_in_scientific_notation(project):
    budget = project / "data" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[2].split(",")
    cells[3] = "1.2E7"
    lines[2] = ",".join(cells)
    budget.write_text("".join(lines), encoding="utf-8")
    _dutch_refusal(project, "budget.csv, rij 3, kolom 'amount': '1.2E7' is geen bedrag: Excel schreef het in "
                            "wetenschappelijke notatie, die het cijfer afrondt")


def test_a_sheet_the_workbook_does_not_have(project):
    register = project / "data" / "questions.yaml"
    _edit(register, "budget: budget.csv", "budget: budget.xlsx#Nope")
    sheets = openpyxl.load_workbook(project / "data" / "budget.xlsx").sheetnames
    named = ", ".join(repr(s) for s in sheets)
    _dutch_refusal(project, f"budget.xlsx: de werkmap heeft geen werkblad 'Nope' (haar werkbladen: {named})",
                   "Verbeter de naam na '#' onder 'data:' in het register.")


def test_an_unknown_setting_of_the_project_file(project):
    (project / "drafter.toml").write_text('[paths]\nregister = "data/questions.yaml"\n[paden]\nx = "y"\n',
                                          encoding="utf-8")
    result = run_in(project, "check", "--lang", "nl", "--project", str(project))
    assert result.exit_code == 1, result.output
    assert "drafter.toml, regel 3: onbekende instelling 'paden'" in result.stderr, result.stderr
    assert "Een projectbestand heeft de tabellen [paths], [house_style] en [check]" in result.stderr


def test_the_words_errors_shows_for_a_value_and_a_missing_key():
    with i18n.speaking("nl"):
        assert readable(KeyError("titel")) == "er is geen 'titel'"
        assert shown(object()) == "een waarde van een andere soort"
        assert shown(10**40) == "een getal van 41 cijfers"
    assert readable(KeyError("titel")) == "there is no 'titel'"


def test_a_project_file_that_is_not_toml(project):
    (project / "drafter.toml").write_text('[paths]\nregister = data/questions.yaml\n', encoding="utf-8")
    dutch = run_in(project, "check", "--lang", "nl", "--project", str(project))
    assert dutch.exit_code == 1, dutch.output
    assert "drafter.toml, regel 2: dit is geen geldige TOML: ongeldige waarde." in dutch.stderr, dutch.stderr
    english = run_in(project, "check", "--project", str(project))
    assert "drafter.toml, line 2: this is not valid TOML: Invalid value." in english.stderr, english.stderr

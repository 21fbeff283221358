"""An earlier answer as a starting point: `drafter intake ... --from 2019-2020/4` and the register's
`based_on:`. "The same question as last year, with this year's figures" is one command: the
new question's answer has last year's texts and tables, the tables one year longer, with the
figures the data now has for the new year."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
import pytest

from drafter.intake.entry import ANSWER_PLACEHOLDER
from drafter.load.register import load_register
from tests.conftest import run_cli, validate_docx
from tests.test_intake import make_txt

#: Question 4 of 2019-2020, asked again a year later under another number.
SUBQUESTIONS = {
    1: "Kan de minister een overzicht geven van de vastleggings- en vereffeningskredieten voor subsidies aan "
       "bedrijfsclusters, jaar per jaar sinds 2014?",
    2: "Hoe verklaart de minister het verschil in grootteorde tussen de cijfers in de begrotingen en het "
       "cijfer in het jaarverslag van VLAIO?",
    3: "Wat is respectievelijk het aandeel van grote, middelgrote en kleine ondernemingen die subsidies "
       "ontvangen binnen het clusterbeleid?",
    4: "In welke maatregelen heeft de minister voorzien om het clusterbeleid te evalueren?",
}
AGAIN = {
    "number": 21, "date": dt.date(2020, 10, 12), "zittingsjaar": "2020-2021", "asker": "N.N.", "minister": "N.N.",
    "minister_title": "VLAAMS MINISTER VAN ECONOMIE", "title": "Bedrijfsclusters - Subsidies",
    "introduction": ["Vorig jaar gaf de minister een overzicht van de kredieten voor de clusters."],
    "subquestions": SUBQUESTIONS,
}
#: The new year's figures, in the data file the earlier answer used.
NEW_YEAR = "clusters,2019,VAK,98000000,,\nclusters,2019,VEK,42000000,,\n"


def _intake(project: Path, *args: str):
    return run_cli("intake", *args, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"))


def _answer(project: Path, number: int, year: str):
    return run_cli("answer", "-q", str(number), "--year", year, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"))


def _texts(path: Path) -> list[str]:
    return [" ".join(p.text.split()) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _table(path: Path) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in docx.Document(str(path)).tables[0].rows]


@pytest.fixture
def with_2019(project) -> Path:
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8") + NEW_YEAR, encoding="utf-8")
    return project


def test_the_same_question_as_last_year_with_this_years_figures(with_2019, tmp_path):
    project = with_2019
    result = _intake(project, str(make_txt(tmp_path / "vraag-21.txt", AGAIN)), "--from", "2019-2020/4")
    assert result.exit_code == 0, result.output
    assert "from the earlier answer: the tables' years moved on by 1 year(s)" in result.stdout
    register = load_register(project / "data" / "questions.yaml")
    earlier, new = register.find(4, "2019-2020"), register.find(21, "2020-2021")
    assert new.based_on == "2019-2020/4"
    assert new.template == earlier.template and new.data == earlier.data
    assert new.preamble == earlier.preamble
    assert [(p.numbers, p.blocks) for p in new.parts] == [(p.numbers, p.blocks) for p in earlier.parts]
    text = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    assert "        years: 2014-2019\n" in text
    # the texts copied as they were written (folded), without the comment that introduced the next entry
    assert text.count("Examples answered by the general template") == 1
    assert text.count("          text: >-\n            Circa {{ shares.percent(\"kmo\") }}") == 2

    assert _answer(project, 4, "2019-2020").exit_code == 0
    made = _answer(project, 21, "2020-2021")
    assert made.exit_code == 0, made.output
    old_file, new_file = sorted((project / "out").glob("*.docx"))
    assert "2020-2021-vraag-21" in new_file.name
    validate_docx(new_file)
    old_table, new_table = _table(old_file), _table(new_file)
    assert new_table[:-1] == old_table  # last year's rows as they were...
    assert new_table[-1] == ["2019", "98.000.000", "42.000.000"]  # ...and this year's figures
    old_texts, new_texts = _texts(old_file), _texts(new_file)
    assert new_texts[3] == "op vraag nr. 21 van 12 oktober 2020 van N.N."
    assert new_texts[4:] == old_texts[4:]  # the same answer's texts


def test_a_dropped_sub_question_is_said(project, tmp_path):
    fewer = dict(AGAIN, subquestions={1: SUBQUESTIONS[1], 2: SUBQUESTIONS[2]})
    result = _intake(project, str(make_txt(tmp_path / "vraag-21.txt", fewer)), "--from", "2019-2020/4")
    assert result.exit_code == 0, result.output
    assert "answer part 3 of 2019-2020/4 was left out: the new question has no sub-question 3" in result.stdout
    assert "answer part 4 of 2019-2020/4 was left out" in result.stdout
    new = load_register(project / "data" / "questions.yaml").find(21, "2020-2021")
    assert [p.numbers for p in new.parts] == [(1,), (2,)]
    # question 4's own layout names its four answers one by one: the new question of two gets the
    # general template, is told so, and drafts
    assert new.template == "algemeen.docx"
    assert ("the earlier template bedrijfsclusters.docx was made for the earlier question's answers; the new "
            "question has other sub-questions, so it gets the general template algemeen.docx") in result.stdout
    assert "with template algemeen.docx" in result.stdout


def test_an_answer_of_fewer_parts_drafts_from_the_earlier_answer(with_2019, tmp_path):
    fewer = dict(AGAIN, subquestions={1: SUBQUESTIONS[1], 2: SUBQUESTIONS[2]})
    assert _intake(with_2019, str(make_txt(tmp_path / "vraag-21.txt", fewer)), "--from", "2019-2020/4").exit_code == 0
    made = _answer(with_2019, 21, "2020-2021")
    assert made.exit_code == 0, made.output
    (drafted,) = (with_2019 / "out").glob("*.docx")
    validate_docx(drafted)
    assert _table(drafted)[-1] == ["2019", "98.000.000", "42.000.000"]
    texts = _texts(drafted)
    assert any(t.startswith("1. Hieronder een overzicht") for t in texts), texts
    assert any(t.startswith("2. De middelen op de budgetlijn") for t in texts), texts


def test_a_new_sub_question_gets_the_placeholder(project, tmp_path):
    more = dict(AGAIN, subquestions={**SUBQUESTIONS, 5: "Wanneer wordt de evaluatie verwacht?"})
    result = _intake(project, str(make_txt(tmp_path / "vraag-21.txt", more)), "--from", "2019-2020/4")
    assert result.exit_code == 0, result.output
    assert f"sub-question 5 is new: its answer part says {ANSWER_PLACEHOLDER}" in result.stdout
    new = load_register(project / "data" / "questions.yaml").find(21, "2020-2021")
    assert [p.numbers for p in new.parts] == [(1,), (2,), (3,), (4,), (5,)]
    assert [b.text for b in new.parts[4].blocks] == [ANSWER_PLACEHOLDER]


def test_based_on_written_by_hand(with_2019):
    """An entry with based_on and no answer, tables, data or template of its own takes them all."""
    project = with_2019
    register = project / "data" / "questions.yaml"
    register.write_text(register.read_text(encoding="utf-8") + (
        "\n  - zittingsjaar: 2020-2021\n    number: 21\n    date: 2020-10-12\n    asker: N.N.\n"
        "    minister: {name: N.N., title: N.N.}\n    title: Bedrijfsclusters - Subsidies\n"
        "    based_on: 2019-2020/4\n    subquestions:\n"
        + "".join(f"      {n}: {t}\n" for n, t in SUBQUESTIONS.items())), encoding="utf-8")
    made = _answer(project, 21, "2020-2021")
    assert made.exit_code == 0, made.output
    [path] = (project / "out").glob("*.docx")
    assert _table(path)[-1] == ["2019", "98.000.000", "42.000.000"]


@pytest.mark.parametrize("value, needle", [
    ("2019-2020/99", "question 21 is based on question 2019-2020/99, which is not in the register"),
    ("vorig jaar", "question 21: 'based_on' must name the earlier question as zittingsjaar/number"),
])
def test_based_on_that_cannot_be_followed(project, value, needle):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8") + (
        "\n  - zittingsjaar: 2020-2021\n    number: 21\n    date: null\n    asker: N.N.\n"
        "    minister: {name: N.N., title: N.N.}\n    title: Bedrijfsclusters - Subsidies\n"
        f"    based_on: {value}\n    subquestions:\n      1: Hoeveel?\n")
    register.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, text.index("based_on:")) + 1
    before = register.read_bytes()
    result = _answer(project, 21, "2020-2021")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"data/questions.yaml, line {line}: {needle}" in result.stderr
    assert not list((project / "out").glob("*.docx"))
    assert register.read_bytes() == before


@pytest.mark.parametrize("value, needle", [
    ("2019-2020/99", "there is no question 2019-2020/99 in the register to start from"),
    ("vorig-jaar", "--from 'vorig-jaar' does not name a question"),
])
def test_from_a_question_that_is_not_there(project, tmp_path, value, needle):
    register = project / "data" / "questions.yaml"
    before = register.read_bytes()
    result = _intake(project, str(make_txt(tmp_path / "vraag-21.txt", AGAIN)), "--from", value)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert needle in result.stderr
    assert register.read_bytes() == before

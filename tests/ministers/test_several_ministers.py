"""A question put to several ministers: the example register (data/several-ministers.yaml) yields
one coordinated answer and a referring answer per other minister, each in its own layout and
language, each valid Office Open XML, each followed by `status` under its own number; and the
mistakes a register can make about them are one message at the register's line, exit 1,
nothing written and the register unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from tests.conftest import files_in, pdf_text, render_pdfs, run_cli, validate_docx

REGISTER = "several-ministers.yaml"
TITLE = "Clusterbeleid - Aandeel van de kmo’s in de clustersteun"
COORDINATED = "Circa 45% van de steun was bestemd voor kmo’s, 55% voor grote ondernemingen."
REFERS_NL = "Ik verwijs naar het antwoord van minister N.N. op vraag nr. {number} (zittingsjaar 2019-2020)."
REFERS_FR = "Je renvoie à la réponse du ministre N.N. à la question n° {number} (session 2019-2020)."


def _run(project: Path, *args: str, register: Path | None = None):
    return run_cli(*args, "--register", str(register or project / "data" / REGISTER),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"))


def _answers(out: Path) -> dict[int, Path]:
    return {int(re.search(r"-vraag-(\d+)-", p.name).group(1)): p for p in out.glob("*.docx")}


def _texts(path: Path) -> list[str]:
    return [" ".join(p.text.split()) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_one_coordinated_and_two_referring_answers(project, tmp_path):
    result = _run(project, "batch", "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = _answers(project / "out")
    assert sorted(made) == [11, 87, 312]
    assert _texts(made[11]) == ["N.N.", "N.N.", "ANTWOORD", "op vraag nr. 11 van [datum onbekend] van N.N.", COORDINATED]
    # each other minister refers to the coordinated answer, number 11, in the layout and language of their copy
    assert _texts(made[312]) == ["N.N.", "N.N.", "ANTWOORD", "op vraag nr. 312 van [datum onbekend] van N.N.",
                                 REFERS_NL.format(number=11)]
    assert _texts(made[87]) == ["N.N.", "N.N.", "RÉPONSE", "à la question n° 87 du [date inconnue] de N.N.",
                                REFERS_FR.format(number=11)]
    for path in made.values():
        validate_docx(path)
    render_pdfs(made.values(), tmp_path)
    for number, path in made.items():
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists(), f"LibreOffice did not render {path.name}"
        shown = " ".join(pdf_text(pdf).split())
        expected = {11: COORDINATED, 312: REFERS_NL.format(number=11), 87: REFERS_FR.format(number=11)}[number]
        assert expected in shown


def test_status_follows_each_ministers_copy(project):
    register = project / "data" / REGISTER
    text = register.read_text(encoding="utf-8").replace("    date: null\n", "    date: 2024-02-12\n", 1)
    register.write_text(text, encoding="utf-8")
    assert _run(project, "answer", "-q", "312").exit_code == 0
    result = run_cli("status", "--format", "json", "--today", "2024-03-04", "--register", str(register),
                     "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    rows = {row["number"]: row for row in json.loads(result.stdout)["questions"]}
    assert sorted(rows) == [11, 87, 312]
    for row in rows.values():  # the same question, sent to each on the same day: each copy has the deadline
        assert (row["asked"], row["due"], row["internal_due"]) == ("2024-02-12", "2024-03-11", "2024-03-04")
    assert rows[312]["state"] == "draft" and rows[312]["file"].startswith("antwoord-2019-2020-vraag-312-")
    assert rows[11]["state"] == rows[87]["state"] == "no draft"


def test_another_minister_may_coordinate(project):
    """coordinator: 312 -- that minister's copy carries the answer; the entry's own minister (11)
    refers to it, in the general layout."""
    register = project / "data" / REGISTER
    register.write_text(register.read_text(encoding="utf-8").replace("coordinator: 11 ", "coordinator: 312 "),
                        encoding="utf-8")
    result = _run(project, "batch", "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = _answers(project / "out")
    assert _texts(made[312])[-1] == COORDINATED
    assert _texts(made[11])[-1] == REFERS_NL.format(number=312)
    assert _texts(made[87])[-1] == REFERS_FR.format(number=312)


def test_the_coordinator_by_name(project):
    register = project / "data" / REGISTER
    text = register.read_text(encoding="utf-8")
    text = text.replace("      - name: N.N.\n        title: N.N.\n        number: 312",
                        "      - name: Hilde Crevits\n        title: N.N.\n        number: 312")
    text = text.replace("coordinator: 11 ", "coordinator: crevits HILDE ")  # case and word order do not matter
    register.write_text(text, encoding="utf-8")
    result = _run(project, "answer", "-q", "87")
    assert result.exit_code == 0, result.output
    made = _answers(project / "out")
    assert _texts(made[87])[-1] == "Je renvoie à la réponse du ministre Hilde Crevits à la question n° 312 (session " \
                                   "2019-2020)."


def _line(text: str, start: str) -> str:
    """'line N': where the register's first line starting (after its indent) with `start` is."""
    return f"line {next(i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith(start))}"


@pytest.mark.parametrize("change, line, where, needles", [
    ("coordinator: 11 ", "coordinator: 99 ", "coordinator:",
     ("the coordinator 99 is not among the question's ministers", "N.N. (11), N.N. (312), N.N. (87)")),
    ("coordinator: 11 ", "coordinator: Ben Weyts ", "coordinator:",
     ("'Ben Weyts' is not among the question's ministers",)),
    ("coordinator: 11 ", "# no coordinator ", "- zittingsjaar:",
     ("does not say which one coordinates", "the referring answers would refer to no coordinated answer")),
    ("coordinator: 11 ", "coordinator: N.N. ", "coordinator:", ("names several of the question's ministers",)),
    ("        number: 87\n", "        number: eighty-seven\n", "number: eighty-seven",
     ("other minister 2: 'number' must be a whole number",)),
])
def test_mistakes_about_the_ministers(project, change, line, where, needles):
    register = project / "data" / REGISTER
    text = register.read_text(encoding="utf-8")
    assert change in text
    text = text.replace(change, line)
    register.write_text(text, encoding="utf-8")
    before = register.read_bytes()
    for args in (("answer", "-q", "11"), ("batch", "--jobs", "1")):
        result = _run(project, *args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        for needle in (f"data/{REGISTER}, {_line(text, where)}: ", *needles):
            assert needle in result.stderr, (needle, result.stderr)
    assert not list((project / "out").glob("*.docx"))
    assert register.read_bytes() == before


def test_a_coordinator_without_other_ministers(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    text = text.replace("    template: bedrijfsclusters.docx\n", "    template: bedrijfsclusters.docx\n    coordinator: 4\n")
    register.write_text(text, encoding="utf-8")
    result = _run(project, "answer", "-q", "4", register=register)
    assert result.exit_code == 1
    assert "'coordinator' names who coordinates among several ministers, but the entry has no 'other_ministers'" \
        in result.stderr
    assert not list((project / "out").glob("*.docx"))

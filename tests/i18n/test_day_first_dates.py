"""Dates as a Belgian types them, in the register: day first, or with a Dutch or French month."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.load.dates import parse_date, reads_day_first

from ..conftest import files_in, run_in


@pytest.mark.parametrize("text", ["28/04/2026", "28-04-2026", "28.04.2026", "28 april 2026", "28 avril 2026",
                                  "28 apr. 2026", "28 April 2026", " 28/4/2026 "])
def test_day_first_and_month_names(text):
    assert parse_date(text) == dt.date(2026, 4, 28)


def test_french_and_dutch_month_names_with_accents_and_abbreviations():
    assert parse_date("1er février 2026") == dt.date(2026, 2, 1)
    assert parse_date("3 mrt 2026") == dt.date(2026, 3, 3)
    assert parse_date("15 août 2026") == dt.date(2026, 8, 15)
    assert parse_date("4 mei 2026") == dt.date(2026, 5, 4)


@pytest.mark.parametrize("text, reason", [
    ("31/02/2026", "is not a day of the calendar"),
    ("28/13/2026", "is not a day of the calendar"),
    ("28/04/26", "a year of 2 digits"),
    ("28 aprol 2026", "'aprol' is not the name of a month"),
])
def test_impossible_and_ambiguous_dates(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


def test_which_locales_read_day_first():
    assert reads_day_first("nl_BE") and reads_day_first("fr_BE") and reads_day_first("nl_NL")
    assert not reads_day_first("en_US")
    with pytest.raises(ValueError, match="day first or month first"):
        parse_date("04/05/2026", day_first=False)


def _set_date(project, text: str) -> None:
    register = project / "data" / "questions.yaml"
    content = register.read_text(encoding="utf-8")
    old = "    date: null                # the source does not give the date the question was asked\n"
    assert old in content
    register.write_text(content.replace(old, f"    date: {text}\n", 1), encoding="utf-8")


def _line_of(project, text: str) -> int:
    lines = (project / "data" / "questions.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize("text", ["28/10/2019", "28-10-2019", "28 oktober 2019", "28 octobre 2019", "2019-10-28"])
def test_the_register_s_date_written_day_first_gives_the_same_deadlines(project, text):
    _set_date(project, text)
    result = run_in(project, "status", "--format", "json", "--today", "2019-11-04")
    assert result.exit_code == 0, result.output
    import json

    rows = {(r["zittingsjaar"], r["number"]): r for r in json.loads(result.stdout)["questions"]}
    assert rows[("2019-2020", 4)]["asked"] == "2019-10-28"


@pytest.mark.parametrize("text, reason", [("31/09/2019", "is not a day of the calendar"),
                                          ("28/10/19", "a year of 2 digits")])
def test_a_date_that_names_no_day_is_an_error_at_its_line(project, text, reason):
    _set_date(project, text)
    before = (project / "data" / "questions.yaml").read_bytes()
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 1
    assert f"data/questions.yaml, line {_line_of(project, text)}" in result.stderr.replace("\\", "/")
    assert reason in result.stderr and "28/04/2026" in result.stderr
    assert "Traceback" not in result.output
    assert files_in(project / "out") == []
    assert (project / "data" / "questions.yaml").read_bytes() == before

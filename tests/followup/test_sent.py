"""`drafter sent`: the date an answer went out, written into the register as `answered:` with
every other byte kept; a date that cannot be true refused with the register's line, the
register unchanged byte for byte."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.followup.helpers import REGISTER, TODAY, drafter, entries, make_project, number_of

TOMORROW = (dt.date.today() + dt.timedelta(days=1)).isoformat()


@pytest.fixture
def register(project):
    make_project(project)
    return project / REGISTER


def _line(register, text: str, after: int = 0) -> int:
    """The first line holding text (after line `after`), as an editor numbers them."""
    lines = register.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and text in line)


def test_sent_adds_one_line_below_the_date_and_nothing_else(register):
    before = register.read_text(encoding="utf-8")
    result = drafter("sent", "-q", "5", "--date", "2024-03-18")
    assert result.exit_code == 0, result.output
    date_line = _line(register, "    date: 2024-03-01")
    assert result.stdout == f"data/questions.yaml, line {date_line + 1}: question 5 (2019-2020) recorded as sent on " \
                            "2024-03-18\n"
    after = register.read_text(encoding="utf-8").splitlines(keepends=True)
    assert after.pop(date_line) == "    answered: 2024-03-18\n"
    assert "".join(after) == before  # the comments, the other entries, the layout: as they were
    rows = {r["number"]: r for r in json.loads(drafter("status", "--format", "json", "--today", TODAY).stdout)
            ["questions"]}
    assert (rows[5]["state"], rows[5]["sent"], rows[5]["late"]) == ("sent", "2024-03-18", False)


def test_sent_replaces_an_answered_null_and_keeps_its_comment(project):
    make_project(project, numbers=(4, 10))
    register = project / REGISTER
    text = register.read_text(encoding="utf-8").replace("    answered: null\n", "    answered: null   # nog niet\n")
    register.write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))  # as Notepad saves it
    before = register.read_bytes()
    result = drafter("sent", "-q", "10", "--date", "2024-01-05")
    assert result.exit_code == 0, result.output
    assert register.read_bytes() == before.replace(b"    answered: null   # nog niet\r\n",
                                                   b"    answered: 2024-01-05   # nog niet\r\n")


def test_the_same_date_twice_changes_nothing(register):
    assert drafter("sent", "-q", "6", "--date", "2024-03-18").exit_code == 0
    before = register.read_bytes()
    again = drafter("sent", "-q", "6", "--date", "2024-03-18")
    assert again.exit_code == 0
    assert again.stdout.endswith("question 6 (2019-2020) was recorded as sent on 2024-03-18 already; nothing changed\n")
    assert register.read_bytes() == before


def test_a_flow_style_entry_is_written_again_with_its_comments(register):
    text = register.read_text(encoding="utf-8")
    text += ("  - {zittingsjaar: 2019-2020, number: 77, date: 2019-10-07, asker: N.N., minister: {name: N.N., "
             "title: N.N.}, title: Kort, template: algemeen.docx, subquestions: {1: Hoeveel?}, answer: {parts: "
             "[{number: 1, text: Veel.}]}}   # een korte vraag\n")
    register.write_text(text, encoding="utf-8")
    result = drafter("sent", "-q", "77", "--date", "2019-10-20")
    assert result.exit_code == 0, result.output
    before, after = text.splitlines(), register.read_text(encoding="utf-8").splitlines()
    assert after[:-1] == before[:-1]  # every other line as it was, its quotes too
    assert after[-1].endswith(", answered: 2019-10-20} # een korte vraag")
    rows = {r["number"]: r for r in json.loads(drafter("status", "--format", "json", "--today", TODAY).stdout)
            ["questions"]}
    assert rows[77]["sent"] == "2019-10-20" and rows[5]["sent"] is None


def _refused(register, args, needle: str) -> str:
    before = register.read_bytes()
    result = drafter("sent", *args)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    (line,) = result.stderr.splitlines()
    assert needle in line, line
    assert register.read_bytes() == before
    assert [p.name for p in register.parent.iterdir() if p.name.endswith(".part")] == []
    return line


def test_a_question_not_in_the_register(register):
    _refused(register, ["-q", "55"], "error: data/questions.yaml: there is no question 55 in the register; the "
                                     "register has: 4 (2019-2020), 5 (2019-2020)")


def test_a_date_in_the_future(register):
    line = _refused(register, ["-q", "5", "--date", TOMORROW], f"question 5 (2019-2020): the answer cannot have been "
                                                               f"sent on {TOMORROW}, which is after today")
    assert line.startswith(f"error: data/questions.yaml, line {_line(register, 'number: 5') - 1}: ")


def test_a_date_before_the_question_was_asked(register):
    line = _refused(register, ["-q", "5", "--date", "2024-02-29"],
                    "question 5 (2019-2020): the answer cannot have been sent on 2024-02-29, before the question was "
                    "asked (2024-03-01)")
    assert line.startswith(f"error: data/questions.yaml, line {_line(register, 'date: 2024-03-01')}: ")


def test_sent_twice_with_different_dates(register):
    assert drafter("sent", "-q", "5", "--date", "2024-03-18").exit_code == 0
    line = _refused(register, ["-q", "5", "--date", "2024-03-19"],
                    "question 5 (2019-2020) is recorded as sent on 2024-03-18 already, not on 2024-03-19. If the date "
                    "in the register is wrong, correct 'answered:' there by hand.")
    assert line.startswith(f"error: data/questions.yaml, line {_line(register, 'answered: 2024-03-18')}: ")


@pytest.mark.parametrize("date, why", [("2024-02-30", "is not a day of the calendar"),
                                       ("30/02/2024", "is not a day of the calendar"), ("morgen", "is not a date"),
                                       ("18/03/24", "has a year of 2 digits")])
def test_a_date_that_is_not_a_date(register, date, why):
    _refused(register, ["-q", "5", "--date", date],
             f"error: --date: '{date}' {why}")


@pytest.mark.parametrize("date", ["18/03/2024", "18-3-2024", "18.03.2024", "18 maart 2024", "2024-03-18"])
def test_a_date_as_a_belgian_types_it(register, date):
    """Day first, as people in Belgium write it, or as the register writes it."""
    result = drafter("sent", "-q", "5", "--date", date)
    assert result.exit_code == 0, result.output
    assert "    answered: 2024-03-18\n" in register.read_text(encoding="utf-8")


def test_the_dates_of_a_refusal_in_the_language_in_use(register):
    assert drafter("sent", "-q", "5", "--date", "10/03/2024").exit_code == 0
    result = drafter("sent", "-q", "5", "--date", "11/03/2024", "--lang", "nl")
    assert result.exit_code == 1, result.output
    assert "is al genoteerd als verzonden op 10/03/2024, niet op 11/03/2024" in result.stderr
    assert "2024-03-1" not in result.stderr
    early = drafter("sent", "-q", "5", "--date", "2024-02-29", "--lang", "nl")
    assert "op 29/02/2024, vóór de vraag gesteld werd (01/03/2024)" in early.stderr, early.stderr


def test_an_entry_the_register_cannot_read(register):
    text = register.read_text(encoding="utf-8").replace("date: 2024-03-01", "date: 31 februari 2024")  # no such day
    register.write_text(text, encoding="utf-8")
    before = register.read_bytes()
    result = drafter("sent", "-q", "5", "--date", "2024-03-18")
    assert result.exit_code == 1 and "Traceback" not in result.output
    first, second = result.stderr.splitlines()
    entry = _line(register, "number: 5") - 1
    assert first == (f"error: data/questions.yaml, line {entry}: question 5 (2019-2020) cannot be read, so drafter "
                     "cannot record that its answer was sent. Correct the entry first (see below), then run drafter "
                     "sent again.")
    assert second.startswith(f"error: data/questions.yaml, line {entry + 2}: question 5: 'date': '31 februari 2024' "
                             "is not a day of the calendar")
    assert register.read_bytes() == before


def test_a_question_in_several_zittingsjaren_needs_the_year(register):
    text = register.read_text(encoding="utf-8")
    four = next(e for e in entries(text)[1] if number_of(e) == 4)
    register.write_text(text + four.replace("zittingsjaar: 2019-2020", "zittingsjaar: 2020-2021", 1), encoding="utf-8")
    _refused(register, ["-q", "4"], "question 4 exists in several zittingsjaren (2019-2020, 2020-2021). Say which one "
                                    "with --year")
    result = drafter("sent", "-q", "4", "--year", "2020-2021", "--date", "2024-01-05")
    assert result.exit_code == 0, result.output

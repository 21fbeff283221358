"""Values that cross into drafter are typed and bounded: question numbers, parliamentary
years, dates, numbers in data, template names, file-name patterns. Each wrong one is refused
at its line (or row and column), exit 1, nothing written.
"""

from __future__ import annotations

import pytest

from . import breaking as b
from .helpers import Case, at_line, run_case

R, D, S = b.REGISTER, b.BUDGET, b.SHARES
ANSWER = ("answer", "-q", "4")
CHECK = ("check",)


def _pattern_cut_before_the_number(project):
    """Two questions whose file-name pattern is cut at 120 characters before {number}."""
    pattern = '    file_name: "' + "antwoord-op-de-schriftelijke-vraag-" * 4 + '{number}"\n'
    b.replace_in(project, R, "    template: bedrijfsclusters.docx\n", "    template: bedrijfsclusters.docx\n" + pattern)
    b.replace_in(project, R, "    template: algemeen.docx\n", "    template: algemeen.docx\n" + pattern)


CASES = [
    # -- question numbers
    Case("number-negative", b.replacing(R, "    number: 4\n", "    number: -4\n"), CHECK, R, at_line(R, "number: -4"),
         ("'number' must be a whole number from 1 to 999999, not -4",)),
    Case("number-zero", b.replacing(R, "    number: 4\n", "    number: 0\n"), ("answer", "-q", "0"), R,
         at_line(R, "number: 0"), ("'number' must be a whole number from 1 to 999999, not 0",)),
    Case("number-of-ten-digits", b.replacing(R, "    number: 4\n", "    number: 4000000000\n"), CHECK, R,
         at_line(R, "number: 4000000000"), ("from 1 to 999999, not 4000000000",)),
    Case("number-in-superscript", b.replacing(R, "    number: 4\n", "    number: ⁴\n"), CHECK, R, at_line(R, "number: ⁴"),
         ("'number' must be a whole number, not '⁴'",)),
    Case("number-in-full-width", b.replacing(R, "    number: 4\n", "    number: ４\n"), CHECK, R, at_line(R, "number: ４"),
         ("'number' must be a whole number, not '４'",)),
    Case("subquestion-numbered-minus-one", b.replacing(R, "      1: >-\n        Kan de minister",
                                                       "      -1: >-\n        Kan de minister"),
         CHECK, R, at_line(R, "-1: >-"), ("sub-questions are numbered texts (1: ...), not -1",)),
    # -- parliamentary years
    Case("zittingsjaar-full-width", b.replacing(R, "zittingsjaar: 2019-2020   # inferred",
                                                "zittingsjaar: ２０１９-２０２０   # inferred"),
         CHECK, R, at_line(R, "２０１９"), ("zittingsjaar must look like 2019-2020, not '２０１９-２０２０'",)),
    Case("zittingsjaar-arabic-indic", b.replacing(R, "zittingsjaar: 2019-2020   # inferred",
                                                  "zittingsjaar: ٢٠١٩-٢٠٢٠   # inferred"),
         ANSWER, R, at_line(R, "٢٠١٩"), ("zittingsjaar must look like 2019-2020",)),
    # -- dates
    Case("date-in-year-9999", b.replacing(R, "    date: null", "    date: 9999-12-31"), CHECK, R,
         at_line(R, "date: 9999-12-31"), ("'date' must be a date in the years 1900 to 2200, not 9999-12-31",)),
    Case("date-in-year-0001", b.replacing(R, "    date: null", "    date: 0001-01-01"), ANSWER, R,
         at_line(R, "date: 0001-01-01"), ("not 0001-01-01",)),
    Case("date-with-a-time-of-day", b.replacing(R, "    date: null", "    date: 2019-10-07 10:30:00"), ANSWER, R,
         at_line(R, "date: 2019-10-07 10:30"), ("'date' must be a day, without a time of day, not 2019-10-07 10:30:00",)),
    Case("date-with-a-time-zone", b.replacing(R, "    date: null", "    date: 2019-10-07T23:30:00+02:00"), CHECK, R,
         at_line(R, "date: 2019-10-07T23"), ("must be a day, without a time of day",)),
    Case("answered-in-year-9999", b.replacing(R, "    date: null", "    date: null\n    answered: 9999-01-01"), CHECK, R,
         at_line(R, "answered: 9999"), ("'answered' must be a date in the years 1900 to 2200",)),
    Case("closing-day-in-year-1", b.replacing(R, "questions:\n", "deadlines:\n  closing_days: [0001-12-24]\nquestions:\n"),
         CHECK, R, at_line(R, "closing_days"), ("closing day must be a date in the years 1900 to 2200",)),
    Case("closing-day-with-a-time", b.replacing(R, "questions:\n",
                                                "deadlines:\n  closing_days:\n    - 2026-12-24 12:00:00\nquestions:\n"),
         CHECK, R, at_line(R, "- 2026-12-24 12"), ("must be a day, without a time of day",)),
    Case("title-that-is-a-date", b.replacing(R, "    title: Bedrijfsclusters - Subsidies", "    title: 2019-10-07"),
         ANSWER, R, at_line(R, "title: 2019-10-07"), ("'title' must be a text, not 2019-10-07",)),
    # -- template names and file-name patterns
    Case("template-as-windows-path", b.replacing(R, "template: bedrijfsclusters.docx",
                                                 "template: answer_templates\\bedrijfsclusters.docx"),
         ANSWER, R, at_line(R, "template: answer_templates\\"),
         ("is a path with '\\'; give the file name only", "e.g. 'bedrijfsclusters.docx'")),
    Case("template-as-windows-path-check", b.replacing(R, "template: bedrijfsclusters.docx",
                                                       "template: ..\\..\\secret.docx"),
         CHECK, R, at_line(R, "template: ..\\"), ("is a path with '\\'",)),
    Case("file-name-pattern-cut-before-the-number", _pattern_cut_before_the_number, CHECK, R,
         at_line(R, "- zittingsjaar:", 2), ("question 5 (2019-2020) would be written to the same file as question 4",
                                   "Put {number} early in the register's file_name pattern")),
    # -- numbers in data files: never a crash
    Case("data-year-of-5000-digits", b.replacing(D, "clusters,2018,VAK", "clusters," + "2" * 5000 + ",VAK"), ANSWER, D,
         "row 10, column 'year'", ("is not a year",)),
    Case("data-amount-of-5000-digits", b.replacing(D, "58000000", "5" * 5000), ANSWER, D, "row 8, column 'amount'",
         ("the figure has 5000 characters: far larger than any amount",)),
    Case("data-amount-in-superscript", b.replacing(D, "58000000", "⁵⁸"), ANSWER, D, "row 8, column 'amount'",
         ("'⁵⁸' is not an amount",)),
    Case("data-share-in-superscript", b.replacing(S, "kmo’s,45", "kmo’s,⁴⁵"), ANSWER, S, "row 2, column 'share'",
         ("is not a share",)),
    # ('"58,000"' is no longer refused: the register's locale reads it, tests/load/test_budget.py)
    Case("data-thousands-groups-broken", b.replacing(D, ",58000000,", ',"58,000,00",'), ANSWER, D,
         "row 8, column 'amount'", ("'58,000,00' is not an amount",)),
]


def test_the_value_cases_are_many_and_distinct():
    assert len({c.id for c in CASES}) == len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_value_out_of_bounds_is_refused_at_its_line_and_nothing_changes(case, hostile_project):
    run_case(case, hostile_project)

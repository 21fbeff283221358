"""Deadlines in working days: 20 after the question was sent (legal), the house's number before
that (internal). Every expected date below was counted by hand on a calendar."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter.deadlines import add_working_days, deadlines, is_working_day, working_days_between
from drafter.deadlines import DeadlineSettings
from drafter.load.register import load_register

D = dt.date


@pytest.mark.parametrize("asked, due, why", [
    (D(2026, 1, 9), D(2026, 2, 6), "a Friday: the weekend after it does not count"),
    (D(2026, 1, 10), D(2026, 2, 6), "a Saturday: counting starts on Monday, as for the Friday"),
    (D(2026, 4, 2), D(2026, 5, 4), "Easter Monday (6 April) and 1 May are not working days; Good Friday is"),
    (D(2026, 5, 8), D(2026, 6, 9), "Ascension (14 May) and Whit Monday (25 May); the Friday after Ascension counts"),
    (D(2025, 7, 1), D(2025, 7, 31), "11 July (Flemish holiday, a Friday in 2025) and 21 July"),
    (D(2027, 10, 25), D(2027, 11, 24), "1 November (Monday) and 11 November (Thursday) in 2027"),
    (D(2026, 12, 14), D(2027, 1, 13), "Christmas (a Friday) and New Year's Day (a Friday): across the turn of the year"),
])
def test_the_legal_deadline_is_20_working_days_after_the_question(asked, due, why):
    assert deadlines(asked).due == due, why


def test_without_the_flemish_holiday_the_july_deadline_would_be_a_day_earlier():
    """11 July is not in the library's Belgian calendar: drafter adds it (checked here)."""
    import holidays

    assert dt.date(2025, 7, 11) not in holidays.country_holidays("BE", years=2025)
    assert not is_working_day(D(2025, 7, 11))
    assert add_working_days(D(2025, 7, 1), 20) == D(2025, 7, 31)


def test_the_house_closing_days_are_not_working_days():
    settings = DeadlineSettings(internal_days=5, closing_days=(D(2026, 12, 24), D(2026, 12, 31)))
    d = deadlines(D(2026, 12, 14), settings)
    assert d.due == D(2027, 1, 15)  # two closing days more than without them (13 January)
    assert d.internal_due == D(2027, 1, 8)  # 15, 14, 13, 12, 11 January, then the 8th


def test_the_internal_deadline_is_the_house_number_of_working_days_before_the_legal_one():
    assert deadlines(D(2026, 12, 14)).internal_due == D(2027, 1, 6)  # 5 by default: 12, 11, 8, 7, 6 January
    assert deadlines(D(2026, 4, 2), DeadlineSettings(internal_days=3)).internal_due == D(2026, 4, 28)  # 30, 29, 28
    assert deadlines(D(2026, 4, 2), DeadlineSettings(internal_days=0)).internal_due == D(2026, 5, 4)


def test_working_days_left_count_to_the_deadline_and_below_zero_after_it():
    due = D(2026, 5, 4)  # a Monday; 1 May (Friday) is a holiday
    assert working_days_between(due, due) == 0
    assert working_days_between(D(2026, 4, 30), due) == 1
    assert working_days_between(D(2026, 4, 29), due) == 2
    assert working_days_between(D(2026, 5, 5), due) == -1
    assert working_days_between(D(2026, 5, 1), D(2026, 5, 3)) == 0  # a holiday, then the weekend


def test_the_register_holds_the_house_settings(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("locale: nl_BE\n", "locale: nl_BE\ndeadlines:\n  internal_days: 3\n"
                                     "  closing_days: [2026-12-24, 2026-12-31]\n", 1), encoding="utf-8")
    reg = load_register(register)
    assert reg.deadlines == DeadlineSettings(internal_days=3, closing_days=(D(2026, 12, 24), D(2026, 12, 31)))


@pytest.mark.parametrize("setting, needle", [
    ("deadlines:\n  internal_days: 25\n", "'internal_days' must be a whole number from 0 to 19"),
    ("deadlines:\n  internal_days: vijf\n", "'internal_days' must be a whole number"),
    ("deadlines:\n  closing_days: [24 december]\n", "closing day '24 december' is not a date"),
    ("deadlines:\n  interne_dagen: 5\n", "unknown key 'interne_dagen'"),
    ("deadlines: 5\n", "'deadlines' must be a mapping"),
])
def test_a_wrong_house_setting_names_its_line(project, setting, needle):
    from drafter.errors import DataError

    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("locale: nl_BE\n", "locale: nl_BE\n" + setting, 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_register(register)
    problem = caught.value.problems[0]
    assert needle in problem.message
    assert problem.place in ("line 7", "line 8") and problem.file.endswith("questions.yaml")

"""Working days between two dates, counted by weeks less the days off, are the days counted one by one."""

from __future__ import annotations

import datetime as dt
import random

from drafter.deadlines import DeadlineSettings, WorkingDays


def one_by_one(calendar: WorkingDays, start: dt.date, end: dt.date) -> int:
    if end < start:
        return -one_by_one(calendar, end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if calendar.is_working_day(start + dt.timedelta(days=n)))


def add_one_by_one(calendar: WorkingDays, start: dt.date, days: int) -> dt.date:
    step = 1 if days >= 0 else -1
    day, left = start, abs(days)
    while left:
        day += dt.timedelta(days=step)
        if calendar.is_working_day(day):
            left -= 1
    return day


def test_added_by_weeks_as_day_by_day():
    closing = (dt.date(2023, 12, 27), dt.date(2023, 12, 28), dt.date(2024, 7, 12), dt.date(2024, 7, 15))
    for calendar in (WorkingDays(), WorkingDays(DeadlineSettings(closing_days=closing))):
        rng = random.Random(11)
        for _ in range(600):
            start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 9 * 365))
            days = rng.choice([0, 1, 2, 5, 10, 15, 20, -1, -5, -10, rng.randrange(-400, 400)])
            assert calendar.add(start, days) == add_one_by_one(calendar, start, days), (start, days)
        for n in range(0, 366):  # every start of a year with a closing week and the Flemish holiday on a Friday
            start = dt.date(2024, 1, 1) + dt.timedelta(days=n)
            for days in (1, 5, 20, -3, -20):
                assert calendar.add(start, days) == add_one_by_one(calendar, start, days), (start, days)


def test_counted_by_weeks_as_day_by_day_over_years_holidays_and_closing_days():
    closing = (dt.date(2023, 12, 27), dt.date(2023, 12, 28), dt.date(2024, 7, 13), dt.date(2020, 5, 2))
    for calendar in (WorkingDays(), WorkingDays(DeadlineSettings(closing_days=closing))):
        rng = random.Random(7)
        for _ in range(400):
            start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(0, 9 * 365))
            end = start + dt.timedelta(days=rng.randrange(-900, 900))
            assert calendar.between(start, end) == one_by_one(calendar, start, end), (start, end)
        # across the Flemish holiday, Easter Monday, Christmas and a weekend, one day at a time
        day = dt.date(2024, 3, 25)
        for n in range(0, 300):
            assert calendar.between(day, day + dt.timedelta(days=n)) == one_by_one(calendar, day, day + dt.timedelta(days=n))

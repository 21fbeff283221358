"""Deadlines of a written question, counted in working days.

The minister must answer within 20 working days after the question was sent (the day it
was sent does not count); the administration's draft is due a number of working days
earlier (the register's ``deadlines: internal_days``). Saturdays, Sundays, Belgian public
holidays (from the `holidays` library), the Flemish holiday of 11 July and the extra
closing days the house lists (``deadlines: closing_days``) are not working days.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

from dataclasses import dataclass
from drafter.load.register import LEGAL_WORKING_DAYS, DeadlineSettings

#: The Flemish Community's holiday, which the Belgian calendar of the library does not hold.
FLEMISH_HOLIDAY = (7, 11)


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    days = set(holidays.country_holidays("BE", years=year))
    days.add(dt.date(year, *FLEMISH_HOLIDAY))
    return frozenset(days)


def is_working_day(day: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in settings.closing_days


def add_working_days(start: dt.date, days: int, settings: DeadlineSettings = DeadlineSettings()) -> dt.date:
    """The day `days` working days after start (before it when days < 0); start itself does not count."""
    step = 1 if days >= 0 else -1
    day, left = start, abs(days)
    while left:
        day += dt.timedelta(days=step)
        if is_working_day(day, settings):
            left -= 1
    return day


def working_days_between(start: dt.date, end: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> int:
    """Working days after start up to and including end; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start, settings)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=n), settings))


@dataclass(frozen=True)
class Deadlines:
    asked: dt.date
    due: dt.date  # the legal deadline: the minister's answer
    internal_due: dt.date  # the administration's draft


def deadlines(asked: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> Deadlines:
    """The legal deadline (20 working days after asked) and the internal one (internal_days before it)."""
    due = add_working_days(asked, LEGAL_WORKING_DAYS, settings)
    return Deadlines(asked=asked, due=due, internal_due=add_working_days(due, -settings.internal_days, settings))

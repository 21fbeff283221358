"""Deadlines of a written question, counted in working days.

The minister must answer within 20 working days after the question was sent (the day it
was sent does not count); the administration's draft is due a number of working days
earlier (the register's ``deadlines: internal_days``). Saturdays, Sundays, Belgian public
holidays (from the `holidays` library), the Flemish holiday of 11 July and the extra
closing days the house lists (``deadlines: closing_days``) are not working days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Working days the administration has less than the minister, unless the register says otherwise.
DEFAULT_INTERNAL_DAYS = 5
#: The minister's legal term, in working days after the question was sent.
LEGAL_WORKING_DAYS = 20
#: The Flemish Community's holiday, which the Belgian calendar of the library does not hold.
FLEMISH_HOLIDAY = (7, 11)


@dataclass(frozen=True)
class DeadlineSettings:
    """The house's deadline rules: the register's ``deadlines: {internal_days, closing_days}``."""

    internal_days: int = DEFAULT_INTERNAL_DAYS  # the internal deadline: this many working days before the legal one
    closing_days: tuple[dt.date, ...] = ()  # extra days the house is closed (not working days)


@dataclass(frozen=True)
class Deadlines:
    asked: dt.date
    due: dt.date  # the legal deadline: the minister's answer
    internal_due: dt.date  # the administration's draft


class WorkingDays:
    """The house's calendar: which days are working days, and counting them.

    Make one for a run that counts many deadlines (`drafter status`): the library's calendar
    of public holidays fills itself in year by year as days are asked for, and stays with
    this object.
    """

    def __init__(self, settings: DeadlineSettings = DeadlineSettings()) -> None:
        # Imported here: the register's reader imports this module for DeadlineSettings, and
        # every command would otherwise pay for the library's calendars.
        import holidays

        self.settings = settings
        self._public = holidays.country_holidays("BE")

    def is_working_day(self, day: dt.date) -> bool:
        return (day.weekday() < 5 and (day.month, day.day) != FLEMISH_HOLIDAY and day not in self._public
                and day not in self.settings.closing_days)

    def add(self, start: dt.date, days: int) -> dt.date:
        """The day `days` working days after start (before it when days < 0); start itself does not count."""
        step = 1 if days >= 0 else -1
        day, left = start, abs(days)
        while left:
            day += dt.timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after start up to and including end; negative when end is before start."""
        if end < start:
            return -self.between(end, start)
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + dt.timedelta(days=n)))

    def deadlines(self, asked: dt.date) -> Deadlines:
        """The legal deadline (20 working days after asked) and the internal one (internal_days before it)."""
        due = self.add(asked, LEGAL_WORKING_DAYS)
        return Deadlines(asked=asked, due=due, internal_due=self.add(due, -self.settings.internal_days))


# One question's deadline, with a calendar of its own.


def is_working_day(day: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> bool:
    return WorkingDays(settings).is_working_day(day)


def add_working_days(start: dt.date, days: int, settings: DeadlineSettings = DeadlineSettings()) -> dt.date:
    return WorkingDays(settings).add(start, days)


def working_days_between(start: dt.date, end: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> int:
    return WorkingDays(settings).between(start, end)


def deadlines(asked: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> Deadlines:
    return WorkingDays(settings).deadlines(asked)

"""Deadlines of a written question, counted in working days.

The minister must answer within 20 working days after the question was sent (the day it
was sent does not count); the administration's draft is due a number of working days
earlier (the register's ``deadlines: internal_days``). Saturdays, Sundays, Belgian public
holidays (from the `holidays` library), the Flemish holiday of 11 July and the extra
closing days the house lists (``deadlines: closing_days``) are not working days.
"""

from __future__ import annotations

import bisect
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
        self._off: dict[int, list[dt.date]] = {}  # a year -> its weekdays off, in order (_year_off)

    def is_working_day(self, day: dt.date) -> bool:
        return (day.weekday() < 5 and (day.month, day.day) != FLEMISH_HOLIDAY and day not in self._public
                and day not in self.settings.closing_days)

    def add(self, start: dt.date, days: int) -> dt.date:
        """The day `days` working days after start (before it when days < 0); start itself does not count."""
        step = 1 if days >= 0 else -1
        day, left = start, abs(days)
        while left:  # as many weekdays on, then again as many as there were days off among them
            end = _weekdays_on(day, left, step)
            first, last = (day, end) if step > 0 else (end - dt.timedelta(days=1), day - dt.timedelta(days=1))
            day, left = end, self._weekdays_off(first, last)
        return day

    def between(self, start: dt.date, end: dt.date) -> int:
        """Working days after start up to and including end; negative when end is before start.

        Counted as the weekdays of the span less the days off among them, not day by day: a
        follow-up list counts this for thousands of questions, some years back."""
        if end < start:
            return -self.between(end, start)
        weeks, rest = divmod((end - start).days, 7)
        weekdays = weeks * 5 + sum(1 for n in range(1, rest + 1) if (start + dt.timedelta(days=n)).weekday() < 5)
        return weekdays - self._weekdays_off(start, end)

    def _weekdays_off(self, start: dt.date, end: dt.date) -> int:
        """How many weekdays after start up to and including end are days off (a public or the
        Flemish holiday, a closing day)."""
        count = 0
        for year in range(start.year, end.year + 1):
            days = self._year_off(year)
            count += bisect.bisect_right(days, end) - bisect.bisect_right(days, start)
        return count

    def _year_off(self, year: int) -> list[dt.date]:
        """The weekdays off of a year, in order: the calendar filled in year by year, as the library's is."""
        if year not in self._off:
            self._public.get(dt.date(year, 1, 1))  # asking for a day fills in the library's year
            days = {d for d in self._public if d.year == year} | {dt.date(year, *FLEMISH_HOLIDAY)}
            days |= {d for d in self.settings.closing_days if d.year == year}
            self._off[year] = sorted(d for d in days if d.weekday() < 5)
        return self._off[year]

    def deadlines(self, asked: dt.date) -> Deadlines:
        """The legal deadline (20 working days after asked) and the internal one (internal_days before it)."""
        due = self.add(asked, LEGAL_WORKING_DAYS)
        return Deadlines(asked=asked, due=due, internal_due=self.add(due, -self.settings.internal_days))


def _weekdays_on(start: dt.date, count: int, step: int) -> dt.date:
    """The day `count` (> 0) weekdays after start (before it when step is -1); start does not count.
    Every 7 days hold 5 weekdays, whatever the day they start on."""
    weeks, rest = divmod(count, 5)
    if rest == 0:
        weeks, rest = weeks - 1, 5
    day = start + dt.timedelta(days=7 * weeks * step)
    while rest:
        day += dt.timedelta(days=step)
        if day.weekday() < 5:
            rest -= 1
    return day


# One question's deadline, with a calendar of its own.


def is_working_day(day: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> bool:
    return WorkingDays(settings).is_working_day(day)


def add_working_days(start: dt.date, days: int, settings: DeadlineSettings = DeadlineSettings()) -> dt.date:
    return WorkingDays(settings).add(start, days)


def working_days_between(start: dt.date, end: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> int:
    return WorkingDays(settings).between(start, end)


def deadlines(asked: dt.date, settings: DeadlineSettings = DeadlineSettings()) -> Deadlines:
    return WorkingDays(settings).deadlines(asked)

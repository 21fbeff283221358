"""Dates as people in Belgium type them: 28/04/2026, 28-04-2026, 28.04.2026, 28 april 2026,
28 avril 2026 (besides YAML's own 2026-04-28), read where the locale puts the day first.

A date that is not a day of the calendar (31/02/2026), or that cannot be read one way only
(a year of two digits: 28/04/26), is a ValueError saying what to write instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from drafter.errors import DataError
from drafter.i18n import N_, _

#: The languages whose month names a date may use: those of drafter's users.
MONTH_LANGUAGES = ("nl", "fr", "en")

#: The months, as a message names them (translated where shown).
_MONTH_NAMES = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
                N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
_NUMERIC = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d+)")
_NAMED = re.compile(r"(?P<day>\d{1,2})(?:er)?\.?\s+(?P<month>[^\W\d_]+)\.?\s+(?P<year>\d+)")


def reads_day_first(locale: str) -> bool:
    """Whether people of this locale write the day before the month (nl_BE, fr_BE: yes; en_US: no)."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import get_date_format

    try:
        pattern = get_date_format("short", locale=Locale.parse(locale)).pattern
    except (UnknownLocaleError, ValueError):
        return True  # drafter's own locales (nl_BE, fr_BE, nl_NL) all put the day first
    return pattern.lower().find("d") < pattern.lower().find("m")


def month_numbers() -> dict[str, int]:
    """Month names and their abbreviations (januari, jan, mrt, avril, févr) -> 1..12."""
    from babel.dates import get_month_names

    found: dict[str, int] = {}
    for language in MONTH_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=language).items():
                found[name.lower().rstrip(".")] = number
    return found


def looks_like_date(text: str) -> bool:
    """Whether text is written as a date (then it must be one)."""
    text = text.strip()
    return bool(_NUMERIC.fullmatch(text) or _NAMED.fullmatch(text))


def parse_date(text: str, day_first: bool = True) -> dt.date:
    """The day text names; ValueError (its message for a person) if it names none, or not one only."""
    text = text.strip()
    numeric, named = _NUMERIC.fullmatch(text), _NAMED.fullmatch(text)
    if numeric:
        if not day_first:
            raise ValueError(_("{text!r} may be read day first or month first").format(text=text))
        day, month, year = int(numeric["day"]), int(numeric["month"]), numeric["year"]
    elif named:
        month = month_numbers().get(named["month"].lower())
        if month is None:
            raise ValueError(_("{text!r}: {month!r} is not the name of a month").format(text=text, month=named["month"]))
        day, year = int(named["day"]), named["year"]
    else:
        raise ValueError(_("{text!r} is not a date").format(text=text))
    if len(year) != 4:
        raise ValueError(_("{text!r} has a year of {digits} digits, which may be read more than one way").format(
            text=text, digits=len(year)))
    try:
        return dt.date(int(year), month, day)
    except ValueError as exc:
        raise ValueError(_("{text!r} is not a day of the calendar").format(text=text)) from exc


_ISO = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def typed_date(text: str) -> dt.date:
    """A day as a person types it in an option: as the register writes it (2020-11-10), or day
    first as people in Belgium write it (10/11/2020, 10-11-2020, 10.11.2020, 10 november 2020);
    ValueError (its message for a person) otherwise."""
    text = text.strip()
    if _ISO.fullmatch(text):
        year, month, day = (int(part) for part in text.split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError as exc:
            raise ValueError(_("{text!r} is not a day of the calendar").format(text=text)) from exc
    return parse_date(text, day_first=True)


def option_date(option: str, text: str, example: dt.date) -> dt.date:
    """The day an option (--date, --today) gives; an error for a person when it gives none."""
    try:
        return typed_date(text)
    except ValueError as exc:
        raise DataError(_("{option}: {reason}").format(option=option, reason=exc),
                        hint=_("Write the day first, as dd/mm/yyyy (e.g. {example}), or as yyyy-mm-dd.").format(
                            example=example.strftime("%d/%m/%Y"))) from exc


def impossible_day(year: int, month: int, day: int) -> str:
    """Why year, month and day name no day of the calendar, for a person: 'month 13 does not
    exist', 'February 2019 has only 28 days' (Python's own reason is English and terse)."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return _("year {year} cannot be used").format(year=year)
    if not 1 <= month <= 12:
        return _("month {month} does not exist").format(month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (_("day {day} does not exist").format(day=day) if day < 1 else
                _("{month} {year} has only {days} days").format(month=_(_MONTH_NAMES[month - 1]), year=year, days=days))
    return _("the time of day is not a time of the clock")

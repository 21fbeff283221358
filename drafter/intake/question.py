"""A question read from a source, before it enters the register: what the source gives,
and nothing invented (an unknown person or title stays N.N., an unknown date stays empty)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from types import MappingProxyType

from drafter.errors import DataError
from drafter.i18n import N_, _
from drafter.load.register import UNKNOWN_PERSON, ZITTINGSJAAR

#: Dutch month names as the parliament writes them in dates ("26 februari 2024").
MONTHS = MappingProxyType({name: n for n, name in enumerate(
    ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
     "november", "december"), start=1)})
#: The zittingsjaar starts on the fourth Monday of September (Flemish Parliament's rules).
SESSION_START_MONTH = 9


#: The fields of an entry intake fills in, by their key in the register, as a person names them.
FIELDS = MappingProxyType({
    "zittingsjaar": N_("zittingsjaar"), "date": N_("date"), "asker": N_("asker"),
    "minister: name": N_("minister's name"), "minister: title": N_("minister's title"), "title": N_("title"),
    "introduction": N_("introduction"), "subquestions": N_("sub-questions"),
})


def field_name(key: str) -> str:
    """A field of the entry as a person reads it, in the language in use: its name, with the
    register's key beside it where the name is another word ('inleiding (introduction)'), so
    that it can be found in the register."""
    name = _(FIELDS[key])
    return name if name == FIELDS[key] else _("{name} ({key})").format(name=name, key=key)


def sub_question_name(number: int) -> str:
    """A sub-question as a person reads it ('deelvraag 2 (subquestions: 2)'), as field_name does."""
    source = N_("sub-question {number}")
    name = _(source).format(number=number)
    return name if _(source) == source else _("{name} ({key})").format(name=name, key=f"subquestions: {number}")


@dataclass(frozen=True)
class NewQuestion:
    source: str  # the file or URL it was read from, for messages
    zittingsjaar: str | None
    number: int
    date: dt.date | None
    asker: str = UNKNOWN_PERSON
    minister_name: str = UNKNOWN_PERSON
    minister_title: str = UNKNOWN_PERSON
    title: str = UNKNOWN_PERSON
    introduction: tuple[str, ...] = ()
    subquestions: dict[int, str] = field(default_factory=dict)
    opendata_id: int | None = None

    def unknown(self) -> list[str]:
        """The facts the source did not give, for the person who completes the entry."""
        given = {"zittingsjaar": self.zittingsjaar, "date": self.date, "asker": self.asker,
                 "minister: name": self.minister_name, "minister: title": self.minister_title, "title": self.title,
                 "introduction": self.introduction or None, "subquestions": self.subquestions or None}
        return [field_name(key) for key, value in given.items() if value in (None, UNKNOWN_PERSON)]


def session_start(year: int) -> dt.date:
    """The fourth Monday of September of year."""
    first = dt.date(year, SESSION_START_MONTH, 1)
    first_monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    return first_monday + dt.timedelta(weeks=3)


def zittingsjaar_of(day: dt.date) -> str:
    """The zittingsjaar a question put on day belongs to ("2023-2024" for 26 February 2024)."""
    first = day.year if day >= session_start(day.year) else day.year - 1
    return f"{first}-{first + 1}"


def check_zittingsjaar(value: str, source: str, place: str) -> str:
    """A zittingsjaar as the register writes it (2023-2024: two years that follow each other, in
    the digits 0-9), from the first zittingsjaar to the next year's."""
    text = str(value).strip()
    m = ZITTINGSJAAR.match(text) if text.isascii() else None
    if not m or int(m.group(2)) != int(m.group(1)) + 1 or not FIRST_YEAR <= int(m.group(1)) <= _last_year():
        raise DataError(_("the zittingsjaar {value} cannot be read").format(value=repr(text)), file=source,
                        place=place, hint=_("A zittingsjaar looks like 2023-2024."))
    return text


#: The first year a question can be dated: the parliament's predecessor (the Cultuurraad)
#: first met in 1971. The last is next year: a question is never dated far ahead.
FIRST_YEAR = 1971


def _last_year() -> int:
    return dt.date.today().year + 1


#: A time of day after a date, as the open-data service writes it ("T00:00:00+01:00"): the date counts.
_TIME = (r"(?:[t ](?:[01]\d|2[0-3]):[0-5]\d(?::(?:[0-5]\d|60)(?:\.\d{1,9})?)?"
         r"(?:z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?")
DATE_FORMATS = (
    re.compile(r"^(?P<d>\d{1,2})\s+(?P<m>[a-z]+)\s+(?P<y>\d{4})$", re.ASCII),  # 26 februari 2024
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME + "$", re.ASCII),  # 2024-02-26T10:00:00+01:00
    re.compile(r"^(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})" + _TIME + "$", re.ASCII),  # 26/02/2024
)


def parse_date(text: str, source: str, place: str) -> dt.date:
    """A date as the parliament writes it, from 1971 to next year; anything else is a DataError
    naming source and place."""
    value = " ".join(str(text).split()).lower()
    for pattern in DATE_FORMATS:
        m = pattern.match(value)
        if not m:
            continue
        month = m.group("m")
        month_number = MONTHS.get(month) if not month.isdigit() else int(month)
        try:
            day = dt.date(int(m.group("y")), month_number, int(m.group("d"))) if month_number is not None else None
        except ValueError:
            day = None
        if day is not None and not FIRST_YEAR <= day.year <= _last_year():
            raise DataError(_("the date {value} is not one a question can have (from {first} to {last})").format(
                value=repr(str(text).strip()), first=FIRST_YEAR, last=_last_year()), file=source, place=place,
                hint=_("Correct the source, or add the question by hand with the date as YYYY-MM-DD."))
        if day is not None:
            return day
        break
    raise DataError(_("the date {value} cannot be read").format(value=repr(str(text).strip())), file=source,
                    place=place, hint=_("Correct the source, or add the question by hand with the date as YYYY-MM-DD."))

"""The Flemish Parliament's open-data record of a written question (resource ``schv``).

``GET {service}/schv/{id}`` answers JSON with, among others: ``id``, ``vraagnummer``,
``titel``, ``onderwerp``, ``thema``, ``zittingsjaar``, ``vraagsteller {id, naam, voornaam}``,
``minister {id, naam, voornaam}``, ``procedureverloop [{status, datum}]``, ``soort-antwoord``,
``tijdig`` and ``bestand-ordered [{URL}]`` (the question document). The record does not
hold the question's texts nor the minister's title: those come from the question document,
which is fetched too (or given with --document).

A record comes from outside, so it is read as untrusted: JSON of at most `MAX_RECORD_BYTES`,
nested at most `MAX_DEPTH` deep, numbers of at most `MAX_DIGITS` digits; then every field
drafter uses is checked against the record's schema (`read_fields`: its JSON type, ASCII
digits, a number's range, a text's length), and a wrong one is a message naming the field.
Fields drafter does not use are not looked at.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.files import read_bytes
from drafter.i18n import _
from drafter.intake import web
from drafter.intake.question import NewQuestion, check_zittingsjaar, parse_date, zittingsjaar_of
from drafter.load.register import UNKNOWN_PERSON

#: The parliament's open-data service; DRAFTER_OPENDATA_URL or --service point elsewhere.
DEFAULT_SERVICE = "https://ws.vlpar.be/e/opendata"
SERVICE_ENV = "DRAFTER_OPENDATA_URL"
TIMEOUT_SECONDS = 15.0  # one connect, read or write
DEADLINE_SECONDS = 60.0  # one fetch as a whole, its attempts and redirects included
ATTEMPTS = 3  # a failed connection or a 5xx answer is tried again, after 0.5 s, then 1 s
MAX_RECORD_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: A record nests three levels (procedureverloop, a step, its fields); far deeper is no record.
MAX_DEPTH = 64
#: Python refuses to read integers of more than 4,300 digits; no field of a record has more than 12.
MAX_DIGITS = 30
#: Question numbers restart every zittingsjaar for every minister: a few thousand at most.
MAX_QUESTION_NUMBER = 99_999
MAX_RECORD_ID = 10**12 - 1
#: Longer texts than these are no title, name or address of a record.
MAX_TITLE, MAX_NAME, MAX_URL = 1000, 200, 2048
#: procedureverloop statuses that mark the question as sent to the minister.
SENT = re.compile(r"ingediend|verstuurd|verzonden|gesteld", re.IGNORECASE)
RECORD_ID = re.compile(r"^[0-9]{1,12}$")


def service_url(option: str | None = None) -> str:
    return (option or os.environ.get(SERVICE_ENV) or DEFAULT_SERVICE).rstrip("/")


def is_remote(source: str) -> bool:
    return bool(RECORD_ID.match(source)) or source.lower().startswith(("http://", "https://"))


def record_url(source: str, service: str) -> str:
    return f"{service}/schv/{source}" if RECORD_ID.match(source) else source


#: The service answers XML unless it is asked for JSON.
JSON_ACCEPT = "application/json;charset=UTF-8"


def fetch(url: str, what: str, limit: int, accept: str = "*/*") -> bytes:
    """GET url within drafter's limits (intake/web); every failure is a DataError naming the URL."""
    limits = web.Limits(size=limit, timeout=TIMEOUT_SECONDS, deadline=DEADLINE_SECONDS, attempts=ATTEMPTS)
    try:
        return web.get(url, limits, accept=accept)
    except web.InvalidAddress as exc:
        raise DataError(str(exc), hint=_("Give the record's id (e.g. 1947140) or its full URL (https://...).")) from exc
    except web.Refused as exc:
        if exc.status == 404:
            raise DataError(_("the parliament's open-data service has no such {what} (HTTP 404)").format(what=what),
                            file=url, hint=_("Check the id or the URL of the written question.")) from exc
        raise DataError(_("the parliament's open-data service refused the request (HTTP {status})").format(
            status=exc.status), file=url, hint=_("Check the id or the URL; try again later.")) from exc
    except web.Redirects as exc:
        raise DataError(_("the parliament's open-data service cannot be reached: {reason}").format(reason=exc),
                        file=url,
                        hint=_("Check the id or the URL, or save the record as .json and give that file.")) from exc
    except web.TooLarge as exc:
        raise DataError(_("the {what} is larger than {size}: {reason}").format(
            what=what, size=web.size(limit), reason=exc), file=url,
            hint=_("Check that the URL is that of a written question.")) from exc
    except web.Damaged as exc:
        raise DataError(_("the {what} cannot be read as the service sent it: {reason}").format(what=what, reason=exc),
                        file=url, hint=_("Try again later, or save the record as .json and give that file.")) from exc
    except web.Unreachable as exc:
        raise DataError(_("the parliament's open-data service cannot be reached: {reason}").format(reason=exc),
                        file=url, hint=_("Check the network connection and try again (after {attempts} attempts), "
                                         "or save the record as .json and give that file.").format(
                            attempts=ATTEMPTS)) from exc


def read_record(source: str, service: str | None = None) -> tuple[dict, str]:
    """The record as a mapping, and the source to name in messages (the URL or the file)."""
    if is_remote(source):
        url = record_url(source, service_url(service))
        return parse_record(fetch(url, _("written question"), MAX_RECORD_BYTES, JSON_ACCEPT), url), url
    path = Path(source)
    data = read_bytes(path, MAX_RECORD_BYTES, what=_("record"),
                        too_large_hint=_("A saved record of a question is a few KB; check the file."))
    return parse_record(data, display_path(path)), display_path(path)


class _LongNumber(str):
    """A number of more digits than any field of a record has (kept as its digits, refused by
    the schema where drafter reads it)."""


def _number(text: str):
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else _LongNumber(text)


def _depth(value) -> int:
    """How deep lists and mappings nest in value (counted without recursion)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                stack.extend((child, depth + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def parse_record(data: bytes, shown: str) -> dict:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(_("the record is not UTF-8 text (JSON)"), file=shown,
                        hint=_("Save the service's answer as it came, or fetch it again by its id.")) from exc
    if text.lstrip().startswith("<"):
        raise DataError(_("the record is not JSON but XML or a web page"), file=shown,
                        hint=_("Ask the service for JSON (drafter does), or save its JSON answer and give that file."))
    too_deep = DataError(_("the record's values are nested more than {depth} levels deep; a record nests three")
                         .format(depth=MAX_DEPTH), file=shown,
                         hint=_("Give the record of one written question as the service sends it."))
    try:
        record = json.loads(text, parse_int=_number)
    except json.JSONDecodeError as exc:
        raise DataError(_("the record is not valid JSON ({reason})").format(reason=exc.msg), file=shown,
                        place=_("line {line}, column {column}").format(line=exc.lineno, column=exc.colno),
                        hint=_("Save the service's answer again as it came, or fetch it by its id.")) from exc
    except RecursionError as exc:  # Python's JSON reader gives up far above MAX_DEPTH
        raise too_deep from exc
    if _depth(record) > MAX_DEPTH:
        raise too_deep
    if not isinstance(record, dict) or "vraagnummer" not in record:
        kind = _("a list") if isinstance(record, list) else _("a record without 'vraagnummer'")
        raise DataError(_("this is not the record of a written question ({kind})").format(kind=kind), file=shown,
                        hint=_("Give the record of one written question: {service}/schv/<id>, its id, or its saved "
                               "JSON."))
    return record


# --- the schema: each field drafter reads, its type and its range


def _kind(value) -> str:
    """What a JSON value is, in a person's words."""
    if value is None:
        return _("null")
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, (int, float, _LongNumber)):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("an object")


class _Fields:
    """Reads the fields of one record, each checked, with messages that name the field."""

    def __init__(self, shown: str) -> None:
        self.shown = shown

    def wrong(self, place: str, message: str, hint: str | None = None) -> DataError:
        return DataError(message, file=self.shown, place=place,
                         hint=hint or _("Give the record as the parliament's open-data service sends it."))

    def type_error(self, place: str, value, wanted: str) -> DataError:
        return self.wrong(place, _("this field is {kind}, where {wanted} belongs").format(kind=_kind(value),
                                                                                          wanted=wanted))

    def whole_number(self, place: str, value, *, largest: int, required: bool) -> int | None:
        """A whole number from 1 to largest: a JSON number, or text of the digits 0-9."""
        if value is None or value == "":
            if required:
                raise self.wrong(place, _("the field is empty"), _("A written question's record has a whole number "
                                                                   "here."))
            return None
        if isinstance(value, _LongNumber) or (isinstance(value, str) and len(value.strip()) > MAX_DIGITS):
            raise self.wrong(place, _("the number has {count} digits, far more than this field ever has").format(
                count=len(str(value).strip().lstrip("-"))))
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise self.type_error(place, value, _("a whole number"))
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()):
            raise self.wrong(place, _("the number {value} cannot be read").format(value=repr(text)),
                             _("A written question's record has a whole number (the digits 0-9) here."))
        number = int(text)
        if not 1 <= number <= largest:
            raise self.wrong(place, _("the number {number} is not one a question can have (1 to {largest})").format(
                number=number, largest=largest))
        return number

    def text(self, place: str, value, longest: int) -> str | None:
        """Text on one line (control characters dropped, spaces joined), or None for null."""
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a name or title that is all digits may come as a number
        if not isinstance(value, str):
            raise self.type_error(place, value, _("text"))
        cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in value)
        cleaned = " ".join(cleaned.split())
        if len(cleaned) > longest:
            raise self.wrong(place, _("the text is {count} characters long; at most {longest} belong here").format(
                count=len(cleaned), longest=longest))
        return cleaned

    def objects(self, place: str, value) -> list[dict]:
        """A list of objects (one object alone, as the service sends a list of one, is a list too)."""
        if value is None:
            return []
        items = [value] if isinstance(value, dict) else value
        if not isinstance(items, list):
            raise self.type_error(place, value, _("a list"))
        for n, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise self.type_error(f"{place} {n}", item, _("an object"))
        return items

    def person(self, key: str, value) -> str:
        if value is None:
            return UNKNOWN_PERSON
        if not isinstance(value, dict):
            raise self.type_error(f"'{key}'", value, _("an object with 'voornaam' and 'naam'"))
        parts = [self.text(f"'{key}.{part}'", value.get(part), MAX_NAME) for part in ("voornaam", "naam")]
        return " ".join(p for p in parts if p) or UNKNOWN_PERSON


@dataclass(frozen=True)
class Fields:
    """The fields of a record that drafter uses, checked."""

    number: int
    record_id: int | None
    zittingsjaar: str | None
    title: str
    asker: str
    minister: str
    steps: tuple[tuple[str, str, str], ...]  # (status, datum, place) of each dated step
    urls: tuple[str, ...]


def read_fields(record: dict, shown: str) -> Fields:
    """Every field drafter uses, checked against the record's schema; a DataError naming the
    field for the first that is wrong."""
    f = _Fields(shown)
    number = f.whole_number("'vraagnummer'", record.get("vraagnummer"), largest=MAX_QUESTION_NUMBER, required=True)
    raw_id = record.get("id")
    record_id = None
    if raw_id is not None and not (isinstance(raw_id, str) and not raw_id.strip()):
        record_id = f.whole_number("'id'", raw_id, largest=MAX_RECORD_ID, required=False)
    zittingsjaar = f.text("'zittingsjaar'", record.get("zittingsjaar"), 20)
    title = f.text("'titel'", record.get("titel"), MAX_TITLE) or f.text("'onderwerp'", record.get("onderwerp"),
                                                                         MAX_TITLE)
    steps = []
    for n, step in enumerate(f.objects("procedureverloop", record.get("procedureverloop")), start=1):
        status = f.text(f"procedureverloop {n}, 'status'", step.get("status"), MAX_TITLE) or ""
        datum = f.text(f"procedureverloop {n}, 'datum'", step.get("datum"), 64)
        if datum:
            steps.append((status, datum, f"procedureverloop {n}, 'datum'"))
    urls = []
    for n, item in enumerate(f.objects("bestand-ordered", record.get("bestand-ordered")), start=1):
        url = f.text(f"bestand-ordered {n}, 'URL'", item.get("URL"), MAX_URL)
        if url:
            urls.append(url)
    return Fields(number=number, record_id=record_id, zittingsjaar=zittingsjaar or None,
                  title=title or UNKNOWN_PERSON, asker=f.person("vraagsteller", record.get("vraagsteller")),
                  minister=f.person("minister", record.get("minister")), steps=tuple(steps), urls=tuple(urls))


def _sent_date(fields: Fields, shown: str):
    """The date the question was sent: its 'sent' step in procedureverloop, else the first step."""
    dated = [(not SENT.search(status), parse_date(datum, shown, place)) for status, datum, place in fields.steps]
    return min(dated)[1] if dated else None


def record_question(record: dict, shown: str) -> NewQuestion:
    """The fields the record gives; the texts and the minister's title stay unknown here."""
    fields = read_fields(record, shown)
    date = _sent_date(fields, shown)
    zittingsjaar = fields.zittingsjaar
    if zittingsjaar:
        zittingsjaar = check_zittingsjaar(zittingsjaar, shown, "'zittingsjaar'")
    elif date is not None:
        zittingsjaar = zittingsjaar_of(date)
    return NewQuestion(
        source=shown,
        zittingsjaar=zittingsjaar or None,
        number=fields.number,
        date=date,
        asker=fields.asker,
        minister_name=fields.minister,
        title=fields.title,
        opendata_id=fields.record_id,
    )


def document_urls(record: dict, shown: str) -> list[str]:
    return list(read_fields(record, shown).urls)


def fetch_document(url: str) -> tuple[bytes, str]:
    """The question document's bytes, and what they are (.pdf, .docx or .txt)."""
    data = fetch(url, _("question document"), MAX_DOCUMENT_BYTES)
    suffix = ".pdf" if data.startswith(b"%PDF") else ".docx" if data.startswith(b"PK") else ".txt"
    return data, suffix

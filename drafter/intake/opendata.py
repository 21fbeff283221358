"""The Flemish Parliament's open-data record of a written question (resource ``schv``).

``GET {service}/schv/{id}`` answers JSON with, among others: ``id``, ``vraagnummer``,
``titel``, ``onderwerp``, ``thema``, ``zittingsjaar``, ``vraagsteller {id, naam, voornaam}``,
``minister {id, naam, voornaam}``, ``procedureverloop [{status, datum}]``, ``soort-antwoord``,
``tijdig`` and ``bestand-ordered [{URL}]`` (the question document). The record does not
hold the question's texts nor the minister's title: those come from the question document,
which is fetched too (or given with --document).
"""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.files import stat_file
from drafter.intake.question import NewQuestion, check_zittingsjaar, parse_date, zittingsjaar_of
from drafter.load.register import UNKNOWN_PERSON

#: The parliament's open-data service; DRAFTER_OPENDATA_URL or --service point elsewhere.
DEFAULT_SERVICE = "https://ws.vlpar.be/e/opendata"
SERVICE_ENV = "DRAFTER_OPENDATA_URL"
TIMEOUT_SECONDS = 15.0
ATTEMPTS = 3  # a failed connection or a 5xx answer is tried again, after 0.5 s, then 1 s
MAX_RECORD_BYTES = 10 * 1024 * 1024
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: procedureverloop statuses that mark the question as sent to the minister.
SENT = re.compile(r"ingediend|verstuurd|verzonden|gesteld", re.IGNORECASE)
RECORD_ID = re.compile(r"^\d{1,12}$")


def service_url(option: str | None = None) -> str:
    return (option or os.environ.get(SERVICE_ENV) or DEFAULT_SERVICE).rstrip("/")


def is_remote(source: str) -> bool:
    return bool(RECORD_ID.match(source)) or source.lower().startswith(("http://", "https://"))


def record_url(source: str, service: str) -> str:
    return f"{service}/schv/{source}" if RECORD_ID.match(source) else source


#: The service answers XML unless it is asked for JSON.
JSON_ACCEPT = "application/json;charset=UTF-8"


def fetch(url: str, what: str, limit: int, accept: str = "*/*") -> bytes:
    """GET url with a timeout and retries; every failure is a DataError naming the URL."""
    import httpx

    last = None
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(0.5 * attempt)
        try:
            with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=True,
                              headers={"Accept": accept}) as client:
                response = client.get(url)
        except httpx.TimeoutException:
            last = f"no answer within {TIMEOUT_SECONDS:g} seconds"
            continue
        except (httpx.TransportError, OSError) as exc:
            last = _reason(exc)
            continue
        except httpx.InvalidURL as exc:
            raise DataError(f"{url!r} is not a web address that can be fetched", hint="Give the record's id "
                            "(e.g. 1947140) or its full URL (https://...).") from exc
        if response.status_code >= 500:
            last = f"it answered with an error (HTTP {response.status_code})"
            continue
        if response.status_code == 404:
            raise DataError(f"the parliament's open-data service has no such {what} (HTTP 404)", file=url,
                            hint="Check the id or the URL of the written question.")
        if response.status_code >= 400:
            raise DataError(f"the parliament's open-data service refused the request (HTTP {response.status_code})",
                            file=url, hint="Check the id or the URL; try again later.")
        if len(response.content) > limit:
            raise DataError(f"the {what} is larger than {limit // (1024 * 1024)} MB", file=url,
                            hint="Check that the URL is that of a written question.")
        return response.content
    raise DataError(f"the parliament's open-data service cannot be reached: {last}", file=url,
                    hint=f"Check the network connection and try again (after {ATTEMPTS} attempts), or save the "
                    "record as .json and give that file.")


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    if "refused" in text.lower():
        return "the connection was refused"
    if "name or service" in text.lower() or "resolve" in text.lower() or "nodename" in text.lower():
        return "its address cannot be found"
    return text


def read_record(source: str, service: str | None = None) -> tuple[dict, str]:
    """The record as a mapping, and the source to name in messages (the URL or the file)."""
    if is_remote(source):
        url = record_url(source, service_url(service))
        return parse_record(fetch(url, "written question", MAX_RECORD_BYTES, JSON_ACCEPT), url), url
    path = Path(source)
    shown = display_path(path)
    st = stat_file(path, what="record")
    if st.st_size > MAX_RECORD_BYTES:
        raise DataError(f"the file is larger than {MAX_RECORD_BYTES // (1024 * 1024)} MB", file=shown,
                        hint="A saved record of a question is a few KB; check the file.")
    return parse_record(path.read_bytes(), shown), shown


def parse_record(data: bytes, shown: str) -> dict:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError("the record is not UTF-8 text (JSON)", file=shown,
                        hint="Save the service's answer as it came, or fetch it again by its id.") from exc
    if text.lstrip().startswith("<"):
        raise DataError("the record is not JSON but XML or a web page", file=shown,
                        hint="Ask the service for JSON (drafter does), or save its JSON answer and give that file.")
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"the record is not valid JSON ({exc.msg})", file=shown,
                        place=f"line {exc.lineno}, column {exc.colno}",
                        hint="Save the service's answer again as it came, or fetch it by its id.") from exc
    if not isinstance(record, dict) or "vraagnummer" not in record:
        kind = "a list" if isinstance(record, list) else "a record without 'vraagnummer'"
        raise DataError(f"this is not the record of a written question ({kind})", file=shown,
                        hint="Give the record of one written question: {service}/schv/<id>, its id, or its saved JSON.")
    return record


def _person(record: dict, key: str) -> str:
    person = record.get(key)
    if not isinstance(person, dict):
        return UNKNOWN_PERSON
    name = " ".join(str(person.get(part) or "").strip() for part in ("voornaam", "naam")).strip()
    return " ".join(name.split()) or UNKNOWN_PERSON


def _sent_date(record: dict, shown: str):
    """The date the question was sent: its 'sent' step in procedureverloop, else the first step."""
    steps = record.get("procedureverloop") or []
    if isinstance(steps, dict):
        steps = [steps]
    dated = []
    for i, step in enumerate(steps):
        if isinstance(step, dict) and step.get("datum"):
            day = parse_date(str(step["datum"]), shown, f"procedureverloop {i + 1}, 'datum'")
            dated.append((not SENT.search(str(step.get("status") or "")), day))
    return min(dated)[1] if dated else None


def record_question(record: dict, shown: str) -> NewQuestion:
    """The fields the record gives; the texts and the minister's title stay unknown here."""
    raw_number = str(record.get("vraagnummer") or "").strip()
    if not raw_number.isdigit():
        raise DataError(f"the question number {raw_number!r} cannot be read", file=shown, place="'vraagnummer'",
                        hint="A written question's record has a whole number as 'vraagnummer'.")
    date = _sent_date(record, shown)
    zittingsjaar = record.get("zittingsjaar")
    if zittingsjaar:
        zittingsjaar = check_zittingsjaar(zittingsjaar, shown, "'zittingsjaar'")
    elif date is not None:
        zittingsjaar = zittingsjaar_of(date)
    title = " ".join(str(record.get("titel") or record.get("onderwerp") or "").split()) or UNKNOWN_PERSON
    record_id = record.get("id")
    return NewQuestion(
        source=shown,
        zittingsjaar=zittingsjaar or None,
        number=int(raw_number),
        date=date,
        asker=_person(record, "vraagsteller"),
        minister_name=_person(record, "minister"),
        title=title,
        opendata_id=int(record_id) if str(record_id or "").isdigit() else None,
    )


def document_urls(record: dict) -> list[str]:
    files = record.get("bestand-ordered") or []
    if isinstance(files, dict):
        files = [files]
    return [str(f["URL"]) for f in files if isinstance(f, dict) and f.get("URL")]


def fetch_document(url: str, folder: Path) -> Path:
    """Download the question document into folder, named by what its bytes are (.pdf, .docx)."""
    data = fetch(url, "question document", MAX_DOCUMENT_BYTES)
    suffix = ".pdf" if data.startswith(b"%PDF") else ".docx" if data.startswith(b"PK") else ".txt"
    path = folder / f"vraag{suffix}"
    path.write_bytes(data)
    return path

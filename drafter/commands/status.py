"""`drafter status`: every question of the register with its deadlines and the state of its
answer, read from the output folder and the manifests of the runs written there.

States, in the order a question goes through them:

- ``no draft``: there is no answer in the output folder;
- ``draft``: drafter's answer is there, unchanged since drafter wrote it;
- ``edited``: the answer was changed since drafter wrote it (or is a file drafter did not make);
- ``pdf``: a PDF of the answer, made after its last change, is beside it (the answer went out);
- ``late``: the legal deadline has passed and there is no PDF yet;
- ``answered``: the register gives the date of the answer (``answered:``): it went out, never late.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from drafter.deadlines import WorkingDays
from drafter.errors import DataError, OutputError, display_path
from drafter.load.register import Question, Register, Rejected, load_register
from drafter.pipeline import file_name
from drafter.word.fingerprint import question_id
from drafter.write.manifest import PREFIX
from drafter.write.output import Ownership, Status, ownership, replace_file


class State(StrEnum):
    """The state of a question's answer, in the order a question goes through them (see above)."""

    NO_DRAFT = "no draft"
    DRAFT = "draft"
    EDITED = "edited"
    PDF = "pdf"
    LATE = "late"
    ANSWERED = "answered"


#: The columns of every format, in order (JSON keys, CSV and XLSX headers).
COLUMNS = ("zittingsjaar", "number", "title", "asker", "minister", "asked", "due", "internal_due", "days_left",
           "state", "file", "drafted")
DATE_COLUMNS = ("asked", "due", "internal_due")


@dataclass(frozen=True)
class Row:
    zittingsjaar: str
    number: int
    title: str
    asker: str
    minister: str
    asked: dt.date | None
    due: dt.date | None
    internal_due: dt.date | None
    days_left: int | None  # working days from today to the legal deadline; negative when past
    state: State
    file: str | None  # the answer's file name in the output folder, when there is one
    drafted: str | None  # when the last run that wrote it started (from its manifest)

    def as_dict(self) -> dict:
        out = {name: getattr(self, name) for name in COLUMNS}
        for name in DATE_COLUMNS:
            out[name] = out[name].isoformat() if out[name] is not None else None
        return out


@dataclass(frozen=True)
class Recorded:
    """What the latest manifest says of a question's answer."""

    started: str
    file: str | None
    pdf: str | None


def read_manifests(folder: Path) -> dict[tuple[str, int, str], Recorded]:
    """(zittingsjaar, number, title) -> the latest run's record; unreadable manifests are skipped."""
    found: dict[tuple[str, int, str], Recorded] = {}
    for path in sorted(folder.glob(f"{PREFIX}*.json")):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            started = str(manifest.get("started") or "")
            answers = manifest.get("answers") or []
        except (OSError, ValueError, AttributeError):
            continue
        for record in answers:
            if not isinstance(record, dict) or record.get("status") == Status.FAILED:
                continue
            q = record.get("question") or {}
            key = (str(q.get("zittingsjaar")), q.get("number"), str(q.get("title")))
            if key not in found or found[key].started <= started:
                found[key] = Recorded(started, record.get("kept") or record.get("file"), record.get("pdf"))
    return found


def answer_state(q: Question, folder: Path, recorded: Recorded | None) -> tuple[State, Path | None]:
    """The state of q's answer in folder (as the files show it: not yet late or answered), and
    the answer's file when there is one."""
    answer = folder / file_name(q)  # the register's file-name pattern, as answer and batch name it
    if not answer.is_file() and recorded is not None and recorded.file:
        answer = folder / recorded.file
    if not answer.is_file():
        return State.NO_DRAFT, None
    pdf = answer.with_suffix(".pdf")
    if pdf.is_file() and pdf.stat().st_mtime >= answer.stat().st_mtime:
        return State.PDF, answer
    return (State.DRAFT if ownership(answer, question_id(q)) == Ownership.UNEDITED else State.EDITED), answer


def final_state(state: State, today: dt.date, due: dt.date | None, answered: bool) -> State:
    """A question the register says was answered is ANSWERED; one past its legal deadline
    without a PDF is LATE; otherwise its answer's state."""
    if answered:
        return State.ANSWERED
    if due is not None and today > due and state != State.PDF:
        return State.LATE
    return state


def status_rows(register: Register, output: Path, today: dt.date) -> list[Row]:
    """One row per question, sorted by legal deadline (unknown deadlines last)."""
    recorded = read_manifests(output) if output.is_dir() else {}
    calendar = WorkingDays(register.deadlines)
    rows = []
    for q in register.questions:
        record = recorded.get((q.zittingsjaar, q.number, q.title))
        state, answer = answer_state(q, output, record)
        due = calendar.deadlines(q.date) if q.date is not None else None
        left = calendar.between(today, due.due) if due is not None else None
        state = final_state(state, today, due.due if due else None, q.answered is not None)
        rows.append(Row(
            zittingsjaar=q.zittingsjaar, number=q.number, title=q.title, asker=q.asker, minister=q.minister.name,
            asked=q.date, due=due.due if due else None, internal_due=due.internal_due if due else None,
            days_left=left, state=state, file=answer.name if answer is not None else None,
            drafted=record.started if record is not None and answer is not None else None,
        ))
    rows.sort(key=lambda r: (r.due is None, r.due or dt.date.max, r.zittingsjaar, r.number))
    return rows


@dataclass(frozen=True)
class StatusReport:
    rows: list[Row]  # sorted by legal deadline
    rejected: tuple[Rejected, ...]  # questions the register cannot read: not listed, and why


def status(register: Path, output: Path, today: dt.date, years: Iterable[str] = (), minister: str | None = None,
           late: bool = False) -> StatusReport:
    """The questions of the register (those of `years`, of `minister`, only the late ones) with
    their deadlines counted from today and the state of their answers in output."""
    reg = load_register(register, lenient=True)
    return StatusReport(select(status_rows(reg, output, today), set(years), minister, late), reg.rejected)


def select(rows: list[Row], years: set[str], minister: str | None, late: bool) -> list[Row]:
    def keep(row: Row) -> bool:
        return ((not years or row.zittingsjaar in years)
                and (minister is None or row.minister.casefold() == minister.casefold())
                and (not late or row.state == State.LATE))

    return [row for row in rows if keep(row)]


def as_json(rows: list[Row], today: dt.date) -> str:
    return json.dumps({"today": today.isoformat(), "questions": [r.as_dict() for r in rows]},
                      ensure_ascii=False, indent=2) + "\n"


def as_csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.as_dict().items()})
    return buffer.getvalue()


def as_xlsx(rows: list[Row]) -> bytes:
    """A workbook for the cabinet's follow-up list: real dates and numbers, a filter on every column."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "status"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([getattr(row, name) for name in COLUMNS])
    widths = {"title": 50, "asker": 22, "minister": 22, "file": 40, "drafted": 20}
    for i, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = widths.get(name, 13)
        if name in DATE_COLUMNS:
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_text(rows: list[Row], today: dt.date) -> str:
    header = ("due", "internal", "left", "state", "year", "nr", "title", "asker", "minister")
    table = [header]
    for r in rows:
        title = r.title if len(r.title) <= 40 else r.title[:39] + "…"
        table.append((
            r.due.isoformat() if r.due else "unknown", r.internal_due.isoformat() if r.internal_due else "unknown",
            "" if r.days_left is None else str(r.days_left), r.state, r.zittingsjaar, str(r.number), title,
            r.asker, r.minister,
        ))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = ["  ".join(cell.rjust(w) if i in (2, 5) else cell.ljust(w) for i, (cell, w) in
                       enumerate(zip(line, widths))).rstrip() for line in table]
    late = sum(1 for r in rows if r.state == State.LATE)
    lines.append(f"drafter status: {len(rows)} question{'s' if len(rows) != 1 else ''}, {late} late, "
                 f"on {today.isoformat()}; 'left' counts working days to the legal deadline")
    return "\n".join(lines) + "\n"


def save(target: Path, data: bytes) -> None:
    """Write the list whole (a temporary name, then a rename); the folder must exist."""
    if not target.parent.is_dir():
        raise OutputError("the folder for the list does not exist", file=display_path(target.parent),
                          hint="Create it, or give another file with --to.")
    try:
        replace_file(target, data)
    except OSError as exc:
        raise OutputError(f"cannot write the list ({exc.strerror})", file=display_path(target),
                          hint="Close it if it is open in Excel, and check that the folder is writable.") from exc


def parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise DataError(f"--today {value!r} is not a date", hint="Write it as YYYY-MM-DD, e.g. 2024-03-01.") from exc

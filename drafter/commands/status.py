"""`drafter status`: every question of the register with its deadlines and the state of its
answer, derived from what is true: the register, the answer in the output folder, its gaps
and what `check` finds.

States, in the order a question goes through them:

- ``no draft``: there is no answer in the output folder;
- ``draft``: drafter's answer, unchanged since drafter wrote it, with gaps left (or errors check finds);
- ``edited``: the answer was changed since drafter wrote it (or drafter did not make it), with
  gaps left (or errors check finds);
- ``figures to check``: no gap left and no error, but a figure of the answer no longer matches
  the data (the data changed since, or a figure was typed over by hand): what `verify` finds;
- ``tracked changes``: no gap left, no error, the figures match, but the answer still holds
  tracked changes (those `drafter update` writes, or a person's) to accept or reject in Word;
- ``ready``: the answer has no gap left, `check` finds no error for the question, its figures
  match the data and no tracked change is left;
- ``sent``: a person recorded the date it went out (`drafter sent`, ``answered:`` in the register);
- ``error``: the register's entry, or the answer, cannot be read: the row says why.

``late`` (the legal deadline has passed) and ``overdue internally`` (the internal one has) are
flags beside any state before ``sent``. A PDF is a file, not a state: it has its own column.
Every entry of the register is a row, one that cannot be read too; so a row is one question
put to one minister, and each (question, minister) keeps its own row.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from pathlib import Path
from types import MappingProxyType

from drafter import oxml, paths
from drafter.commands.check import question_errors
from drafter.commands.verify import Finding, Verifier
from drafter.deadlines import WorkingDays
from drafter.errors import DataError, DrafterError, OutputError, Problem, display_path, readable
from drafter.i18n import N_, _, date_text, ngettext
from drafter.load.register import Question, Register, Rejected, load_register
from drafter.load.yamlfile import LineDict, load_yaml
from drafter.pipeline import file_name
from drafter.word import gaps as gap_finder
from drafter.word.fingerprint import question_id
from drafter.word.gaps import Gap
from drafter.word.read_answer import read_package
from drafter.write.manifest import PREFIX, sha256_file
from drafter.write.output import Ownership, Status, ownership, replace_file


class State(StrEnum):
    """The state of a question's answer, in the order a question goes through them (see above)."""

    NO_DRAFT = "no draft"
    DRAFT = "draft"
    EDITED = "edited"
    FIGURES = "figures to check"
    TRACKED = "tracked changes"
    READY = "ready"
    SENT = "sent"
    ERROR = "error"


#: The columns of every format, in order (JSON keys; CSV and XLSX headers in the language in use).
COLUMNS = ("zittingsjaar", "number", "title", "asker", "minister", "asked", "due", "internal_due", "days_left",
           "state", "gaps", "late", "overdue_internally", "sent", "file", "pdf", "drafted", "message")
DATE_COLUMNS = ("asked", "due", "internal_due", "sent")
#: The columns' headers and the states' words as a person reads them (the CSV, the workbook, the
#: text), translated where they are shown; JSON keeps the names and codes above.
HEADERS = MappingProxyType({
    "zittingsjaar": N_("zittingsjaar"), "number": N_("number"), "title": N_("title"), "asker": N_("asker"),
    "minister": N_("minister"), "asked": N_("asked"), "due": N_("due"), "internal_due": N_("internal_due"),
    "days_left": N_("days_left"), "state": N_("state"), "gaps": N_("gaps"), "late": N_("late"),
    "overdue_internally": N_("overdue_internally"), "sent": N_("sent"), "file": N_("file"), "pdf": N_("pdf"),
    "drafted": N_("drafted"), "message": N_("message"),
})
STATE_WORDS = MappingProxyType({
    State.NO_DRAFT: N_("no draft"), State.DRAFT: N_("draft"), State.EDITED: N_("edited"),
    State.FIGURES: N_("figures to check"), State.TRACKED: N_("tracked changes"), State.READY: N_("ready"),
    State.SENT: N_("sent"), State.ERROR: N_("error"),
})


def state_words() -> list[str]:
    """The states' words in the language in use, in the order a question goes through them."""
    return [_(STATE_WORDS[s]) for s in State]


def state_named(word: str) -> State | None:
    """The state a person names: by its word in the language in use, as the list shows it, or
    by its English name (always); None if the word names no state."""
    wanted = " ".join(word.split()).casefold()
    for s in State:
        if wanted in (s.value, _(STATE_WORDS[s]).casefold()):
            return s
    return None


def headers() -> list[str]:
    return [_(HEADERS[name]) for name in COLUMNS]


@dataclass(frozen=True)
class Row:
    """One question put to one minister, as the follow-up list shows it."""

    zittingsjaar: str | None  # None: an entry that cannot be read does not say
    number: int | None
    title: str | None
    asker: str | None
    minister: str | None
    asked: dt.date | None
    due: dt.date | None
    internal_due: dt.date | None
    days_left: int | None  # working days from today to the legal deadline; negative when past; None once sent
    state: State
    gaps: int | None  # the gaps the answer still shows; None: there is no answer to count them in
    late: bool  # the legal deadline has passed and the answer was not sent
    overdue_internally: bool  # the internal deadline has passed and the answer was not sent
    sent: dt.date | None  # when the answer went out (the register's answered:)
    file: str | None  # the answer's file name in the output folder, when there is one
    pdf: str | None  # the PDF beside it, made after the answer's last change
    drafted: str | None  # when drafter wrote the answer on disk (for an edited one: the draft it was edited from)
    message: str = ""  # why the state is error; what keeps an answer from ready (gaps, check's errors, figures, changes)
    gap_places: tuple[Gap, ...] = field(default=(), compare=False)  # the gaps themselves, for a caller that shows them

    def as_dict(self) -> dict:
        out = {name: getattr(self, name) for name in COLUMNS}
        for name in DATE_COLUMNS:
            out[name] = out[name].isoformat() if out[name] is not None else None
        return out


# --------------------------------------------------------------------------- the runs' manifests


@dataclass(frozen=True)
class Runs:
    """What the manifests of the runs in an output folder say."""

    files: dict[tuple[str, int, str], str] = field(default_factory=dict)  # question -> the file its latest run names
    written: dict[str, str] = field(default_factory=dict)  # SHA-256 of a file a run wrote -> when that run started
    named: dict[str, str] = field(default_factory=dict)  # a file's name -> when the latest run that wrote it started


#: The statuses of a run's record under which the run wrote the record's file.
_WROTE = frozenset({Status.WRITTEN, Status.REPLACED, Status.BACKED_UP, Status.BESIDE})


def read_manifests(folder: Path) -> Runs:
    """The runs' records in folder; a manifest that cannot be read records nothing."""
    runs = Runs()
    started_of: dict[tuple, str] = {}
    for path in sorted(folder.glob(f"{PREFIX}*.json")):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
            started = str(manifest.get("started") or "")
            answers = manifest.get("answers") or []
        except (OSError, ValueError, AttributeError):  # a manifest half-written by another program, or not JSON
            continue
        for record in answers if isinstance(answers, list) else []:
            if not isinstance(record, dict) or record.get("status") == Status.FAILED:
                continue
            q = record.get("question") if isinstance(record.get("question"), dict) else {}
            key = (str(q.get("zittingsjaar")), q.get("number"), str(q.get("title")))
            name = record.get("kept") or record.get("file")
            if isinstance(name, str) and started_of.get(key, "") <= started:
                started_of[key], runs.files[key] = started, name
            if record.get("status") not in _WROTE:
                continue
            digest, written = record.get("sha256"), record.get("file")
            if isinstance(digest, str) and runs.written.get(digest, "") <= started:
                runs.written[digest] = started
            if isinstance(written, str) and runs.named.get(written, "") <= started:
                runs.named[written] = started
    return runs


# --------------------------------------------------------------------------- one question


@dataclass(frozen=True)
class OnDisk:
    """A question's answer in the output folder, as read."""

    path: Path | None = None  # None: there is none
    edited: bool = False
    gaps: tuple[Gap, ...] = ()
    pdf: str | None = None
    drafted: str | None = None
    problem: str = ""  # why it cannot be read: an error row
    tracked: tuple[str, ...] = ()  # the author of each tracked change still to accept or reject


def answer_file(q: Question, folder: Path, runs: Runs) -> Path | None:
    """q's answer in folder: by the register's file-name pattern, as answer and batch name it,
    else as the latest run recorded it."""
    answer = folder / file_name(q)
    if not answer.is_file():
        recorded = runs.files.get((q.zittingsjaar, q.number, q.title))
        answer = folder / recorded if recorded else answer
    return answer if answer.is_file() else None


def read_on_disk(q: Question, folder: Path, runs: Runs, markers) -> OnDisk:
    """What q's answer in folder is: drafter's as written or edited since, its gaps, its PDF,
    when drafter wrote it."""
    answer = answer_file(q, folder, runs)
    if answer is None:
        return OnDisk()
    shown = display_path(answer)
    try:
        parts = read_package(answer, shown)
        found = gap_finder.find_gaps(parts, markers)
        tracked = gap_finder.tracked_changes(parts)
    except DrafterError as exc:
        return OnDisk(answer, problem="; ".join(str(p) for p in exc.problems))
    except oxml.XMLSyntaxError as exc:
        return OnDisk(answer, problem=_("{file}: the answer's text is damaged ({reason})").format(file=shown, reason=exc))
    owner = ownership(answer, question_id(q))
    if owner == Ownership.OTHER:
        return OnDisk(answer, problem=_("{file}: this file holds drafter's answer to another question, not to "
                                        "{question}").format(file=shown, question=q.label))
    pdf = answer.with_suffix(".pdf")
    try:
        current_pdf = pdf.name if pdf.is_file() and pdf.stat().st_mtime >= answer.stat().st_mtime else None
        drafted = runs.written.get(sha256_file(answer))  # the run that wrote these very bytes
        if drafted is None and owner == Ownership.UNEDITED:  # written by `answer`, which keeps no manifest
            drafted = dt.datetime.fromtimestamp(answer.stat().st_mtime).isoformat(timespec="seconds")
        elif drafted is None:  # edited since: when drafter last wrote the file the person then changed
            drafted = runs.named.get(answer.name)
    except OSError as exc:
        return OnDisk(answer, problem=_("{file}: the answer cannot be read ({reason})").format(
            file=shown, reason=readable(exc)))
    return OnDisk(answer, edited=owner != Ownership.UNEDITED, gaps=found, pdf=current_pdf, drafted=drafted,
                  tracked=tracked)


def state_of(q: Question, on_disk: OnDisk, errors: list[Problem] | None, off: tuple[Finding, ...] = ()) -> State:
    """The state of q's answer: sent when the register says so; else from the file, its gaps
    and check's errors (None: not checked, as there were gaps), the figures that no longer match
    the data (off) and the tracked changes it still holds."""
    if q.answered is not None:
        return State.SENT
    if on_disk.problem:
        return State.ERROR
    if on_disk.path is None:
        return State.NO_DRAFT
    if not on_disk.gaps and errors == []:
        if off:
            return State.FIGURES
        return State.TRACKED if on_disk.tracked else State.READY
    return State.EDITED if on_disk.edited else State.DRAFT


def _message(state: State, on_disk: OnDisk, errors: list[Problem] | None, off: tuple[Finding, ...] = ()) -> str:
    if state == State.ERROR:
        return on_disk.problem
    if state == State.FIGURES:
        return ngettext("{count} figure does not match the data: {first}",
                        "{count} figures do not match the data, the first: {first}", len(off)).format(
            count=len(off), first=off[0].describe())
    if state == State.TRACKED:
        return gap_finder.tracked_sentence(on_disk.tracked)
    if state not in (State.DRAFT, State.EDITED):
        return ""
    if on_disk.gaps:
        return gap_finder.gaps_sentence(on_disk.gaps)
    first = errors[0] if errors else None
    if first is None:
        return ""
    return ngettext("check finds {count} error: {first}", "check finds {count} errors, the first: {first}",
                    len(errors)).format(count=len(errors), first=first)


def question_row(q: Question, on_disk: OnDisk, errors: list[Problem] | None, calendar: WorkingDays,
                 today: dt.date, off: tuple[Finding, ...] = ()) -> Row:
    due = calendar.deadlines(q.date) if q.date is not None else None
    state = state_of(q, on_disk, errors, off)
    waiting = state != State.SENT
    return Row(
        zittingsjaar=q.zittingsjaar, number=q.number, title=q.title, asker=q.asker, minister=q.minister.name,
        asked=q.date, due=due.due if due else None, internal_due=due.internal_due if due else None,
        days_left=calendar.between(today, due.due) if due is not None and waiting else None, state=state,
        gaps=len(on_disk.gaps) if on_disk.path is not None and not on_disk.problem and waiting else None,
        late=waiting and due is not None and today > due.due,
        overdue_internally=waiting and due is not None and today > due.internal_due,
        sent=q.answered, file=on_disk.path.name if on_disk.path is not None else None, pdf=on_disk.pdf,
        drafted=on_disk.drafted, message=_message(state, on_disk, errors, off),
        gap_places=on_disk.gaps if waiting else (),
    )


def error_row(rejected: Rejected) -> Row:
    """An entry of the register that cannot be read: listed all the same, with why."""
    return Row(zittingsjaar=rejected.zittingsjaar, number=rejected.number, title=rejected.title, asker=None,
               minister=rejected.minister, asked=None, due=None, internal_due=None, days_left=None,
               state=State.ERROR, gaps=None, late=False, overdue_internally=False, sent=None, file=None, pdf=None,
               drafted=None, message="; ".join(str(p) for p in rejected.problems))


def status_rows(register: Register, output: Path, today: dt.date, templates: Path | None = None,
                only: Iterable[Question] | None = None) -> list[Row]:
    """One row per entry of the register: those that cannot be read first (in the register's
    order), then the others by legal deadline (unknown deadlines last). only: the rows of these
    questions of the register alone (a page that shows one question), without the entries
    that cannot be read."""
    questions = register.questions if only is None else tuple(only)
    runs = read_manifests(output) if output.is_dir() else Runs()
    markers = gap_finder.markers(register.gap_markers)
    on_disk = [read_on_disk(q, output, runs, markers) for q in questions]
    # check (which renders the answer) only where nothing else keeps the answer from ready
    candidates = [q for q, found in zip(questions, on_disk)
                  if q.answered is None and found.path is not None and not found.problem and not found.gaps]
    if candidates and templates is None:
        templates = _templates_of(register, candidates)
    errors = question_errors(register, templates, candidates) if candidates else {}
    key = _key
    checked = {key(q) for q in candidates if errors.get(key(q)) == []}
    off = figures_off(register, templates, [(q, found) for q, found in zip(questions, on_disk) if key(q) in checked])
    calendar = WorkingDays(register.deadlines)
    rows = [question_row(q, found, errors.get(key(q)), calendar, today, off.get(key(q), ()))
            for q, found in zip(questions, on_disk)]
    rows.sort(key=lambda r: (r.state != State.ERROR, r.due is None, r.due or dt.date.max, r.zittingsjaar or "",
                             r.number or 0))
    rejected = sorted(register.rejected, key=lambda r: r.line) if only is None else []
    return [error_row(r) for r in rejected] + rows


def _key(q: Question) -> tuple[str, int, str]:
    return q.zittingsjaar, q.number, q.minister.name


def may_differ(register: Register, q: Question, on_disk: OnDisk) -> bool:
    """Whether q's answer may show a figure the data no longer gives, so that it is worth making it
    again to compare (what costs): an answer a person edited may have a figure typed over, and
    may have been edited after the data changed; one nobody changed differs only when a data file
    it draws on changed after the answer was written."""
    if on_disk.edited or on_disk.path is None:
        return True
    try:
        written = on_disk.path.stat().st_mtime_ns
        for name in q.data.values():
            data = register.data_dir / name
            if data.is_file() and data.stat().st_mtime_ns >= written:
                return True
    except OSError:  # cannot tell: compare
        return True
    return False


def figures_off(register: Register, templates: Path | None,
                answers: list[tuple[Question, OnDisk]]) -> dict[tuple[str, int, str], tuple[Finding, ...]]:
    """The figures of each of these answers that no longer match the data, as `drafter verify`
    finds them (the same comparison, the answer made again in memory), for the answers that may
    differ (``may_differ``); an answer whose figures cannot be traced (drafter did not make it,
    or made it before it kept a record of them) has none that can be said to differ."""
    verifier = Verifier(templates=templates, register=register)
    out = {}
    for q, on_disk in answers:
        if not may_differ(register, q, on_disk):
            continue
        try:
            report = verifier.verify(on_disk.path)
        except DrafterError:  # the answer cannot be made again now: check reports that
            continue
        found = tuple(f for f in report.findings if f.mismatch)
        if found:
            out[(q.zittingsjaar, q.number, q.minister.name)] = found
    return out


def _templates_of(register: Register, candidates: list[Question]) -> Path:
    """The templates of the register's project, which check needs to tell whether an answer
    without gaps is ready; an error that says so when there is no project to find them in."""
    try:
        return paths.project_of(register.path).templates
    except DataError as exc:
        raise DataError(
            ngettext("{count} answer has no gap left; whether it is ready, check tells against its template, and "
                     "the templates cannot be found: the register is in no drafter project",
                     "{count} answers have no gap left; whether they are ready, check tells against their templates, "
                     "and the templates cannot be found: the register is in no drafter project",
                     len(candidates)).format(count=len(candidates)),
            file=display_path(register.path),
            hint=_("Give the templates' folder with --templates, or the project with --project.")) from exc


@dataclass(frozen=True)
class StatusReport:
    rows: list[Row]  # every entry of the register that the selection keeps; errors first, then by deadline
    rejected: tuple[Rejected, ...]  # the entries the register cannot read that the selection keeps (each a row too)
    locale: str  # the project's locale, which sets the CSV's separator

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.state == State.ERROR)


def status(register: Path, output: Path, today: dt.date, years: Iterable[str] = (), minister: str | None = None,
           late: bool = False, templates: Path | None = None) -> StatusReport:
    """The questions of the register (those of `years`, of `minister`, only the late ones) with
    their deadlines counted from today and the state of their answers in output. An entry that
    cannot be read is a row too, whatever the selection: what it says cannot be known."""
    reg = load_register(register, lenient=True)
    years = set(years)
    rows = select(status_rows(reg, output, today, templates), years, minister, late)
    kept = tuple(r for r in reg.rejected if _may_be(r.zittingsjaar, years) and _may_be(r.minister, minister))
    return StatusReport(rows, kept, reg.style.locale)


def _may_be(said: str | None, wanted) -> bool:
    """Whether what an entry that cannot be read does say (None: nothing) may be what is wanted."""
    if said is None or not wanted:
        return True
    if isinstance(wanted, str):
        return said.casefold() == wanted.casefold()
    return said in wanted


def select(rows: list[Row], years: set[str], minister: str | None, late: bool) -> list[Row]:
    """The rows of these zittingsjaren, of this minister, only the late ones; a row that does not
    say (an entry that cannot be read) is kept, so that no question is left out unseen."""
    def keep(row: Row) -> bool:
        if row.state == State.ERROR:
            return _may_be(row.zittingsjaar, years) and _may_be(row.minister, minister)
        return ((not years or row.zittingsjaar in years)
                and (minister is None or (row.minister or "").casefold() == minister.casefold())
                and (not late or row.late))

    return [row for row in rows if keep(row)]


# --------------------------------------------------------------------------- the formats


def as_json(rows: list[Row], today: dt.date) -> str:
    return json.dumps({"today": today.isoformat(), "questions": [r.as_dict() for r in rows]},
                      ensure_ascii=False, indent=2) + "\n"


#: What makes a spreadsheet read a cell as a formula (OWASP, CSV injection): a text starting so gets a quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """A value as a spreadsheet may show it: a text that a spreadsheet would read as a formula
    ('=HYPERLINK(...)', '+32 ...', '@SUM(...)') starts with a quote, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _for_people(row: Row) -> list:
    """A row's values as a spreadsheet shows them: the state in words, texts neutralised."""
    values = row.as_dict()
    values["state"] = _(STATE_WORDS[row.state])
    for name in DATE_COLUMNS:
        values[name] = getattr(row, name)
    return [neutralised(values[name]) for name in COLUMNS]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class CsvSeparator(str, Enum):
    """The separators --csv-separator takes (by name or as the character itself)."""

    semicolon = ";"
    comma = ","
    tab = "\t"


def csv_separator(locale: str) -> str:
    """The separator Excel expects under this locale: ';' where the decimal sign is a comma
    (nl_BE, fr_BE, nl_NL, de_DE), ',' where it is a point (en_GB)."""
    from babel.numbers import get_decimal_symbol

    return ";" if get_decimal_symbol(locale) == "," else ","


def parse_separator(value: str | None, locale: str) -> str:
    """--csv-separator: ';', ',', 'tab' (or their names); the locale's when not given."""
    if value is None:
        return csv_separator(locale)
    names = {s.name: s.value for s in CsvSeparator} | {s.value: s.value for s in CsvSeparator}
    found = names.get(value.strip().lower()) or names.get(value)
    if found is None:
        raise DrafterError(_("--csv-separator {value!r} is not a separator drafter writes").format(value=value),
                           hint=_("Give ; or , or tab (or leave it out: the project's locale chooses)."))
    return found


def as_csv(rows: list[Row], separator: str = ";") -> str:
    """The rows as CSV for a spreadsheet: a byte-order mark first (Excel reads UTF-8 then), the
    separator of the user's Excel, texts that a spreadsheet would take for a formula quoted."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(headers())
    for row in rows:
        writer.writerow([_cell_text(v) for v in _for_people(row)])
    return buffer.getvalue()


#: The workbook's custom document property that holds the fingerprint of the rows drafter wrote.
LIST_PROPERTY = "drafter.status"
#: The sheet's name, in the language in use (a person sees it in Excel's tab).
SHEET = N_("Follow-up")


def _fingerprint(values: Iterable[Iterable]) -> str:
    """Of a sheet's values as they were written, or as openpyxl gives them back (a date cell is
    read as midnight of that day, a state as a plain text, an empty text as an empty cell)."""
    digest = hashlib.sha256()
    for row in values:
        for value in row:
            if isinstance(value, dt.datetime) and value.time() == dt.time():
                value = value.date()
            elif isinstance(value, str):
                value = str(value) or None  # an empty text is an empty cell
            digest.update(f"{type(value).__name__}\0{'' if value is None else value}\0".encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def as_xlsx(rows: list[Row]) -> bytes:
    """A workbook for the cabinet's follow-up list: real dates, numbers and yes/no values, a
    filter on every column; texts that would be formulas quoted; the fingerprint of its rows
    in its properties, so that drafter can tell it from a list a person changed."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _(SHEET)
    table = [headers()] + [_for_people(row) for row in rows]
    for values in table:
        sheet.append(values)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a text is never a formula, whatever it starts with
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"title": 50, "asker": 22, "minister": 22, "file": 40, "pdf": 40, "drafted": 20, "message": 60}
    for i, name in enumerate(COLUMNS, start=1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = widths.get(name, 13)
        if name in DATE_COLUMNS:
            for cell in sheet[letter][1:]:
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    book.custom_doc_props.append(StringProperty(name=LIST_PROPERTY, value=_fingerprint(table)))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


#: The text's columns, as a person reads them (translated where they are shown).
TEXT_HEADER = (N_("due"), N_("internal"), N_("left"), N_("state"), N_("gaps"), N_("flag"), N_("year"), N_("nr"),
               N_("title"), N_("asker"), N_("minister"), N_("pdf"))
_RIGHT = (2, 4, 7)  # left, gaps, nr: numbers, aligned right


def _flag(row: Row) -> str:
    if row.late:
        return _("late")
    return _("overdue internally") if row.overdue_internally else ""


def as_text(rows: list[Row], today: dt.date) -> str:
    table = [tuple(_(word) for word in TEXT_HEADER)]
    for r in rows:
        title = r.title or ""
        title = title if len(title) <= 40 else title[:39] + "…"
        table.append((
            date_text(r.due) if r.due else _("unknown"), date_text(r.internal_due) if r.internal_due else _("unknown"),
            "" if r.days_left is None else str(r.days_left), _(STATE_WORDS[r.state]), "" if r.gaps is None else str(r.gaps),
            _flag(r), r.zittingsjaar or "?", "?" if r.number is None else str(r.number), title, r.asker or "",
            r.minister or "", "PDF" if r.pdf else "",
        ))
    widths = [max(len(line[i]) for line in table) for i in range(len(TEXT_HEADER))]
    lines = ["  ".join(cell.rjust(w) if i in _RIGHT else cell.ljust(w) for i, (cell, w) in
                       enumerate(zip(line, widths))).rstrip() for line in table]
    late = sum(1 for r in rows if r.late)
    overdue = sum(1 for r in rows if r.overdue_internally and not r.late)
    errors = sum(1 for r in rows if r.state == State.ERROR)
    lines.append(ngettext(
        "drafter status: {count} question, {late} late, {overdue} overdue internally, {errors} that cannot be read, "
        "on {today}; 'left' counts working days to the legal deadline",
        "drafter status: {count} questions, {late} late, {overdue} overdue internally, {errors} that cannot be read, "
        "on {today}; 'left' counts working days to the legal deadline", len(rows)).format(
        count=len(rows), late=late, overdue=overdue, errors=errors, today=date_text(today)))
    lines.extend(to_do(rows))
    return "\n".join(lines) + "\n"


def to_do(rows: list[Row]) -> list[str]:
    """What to do about the answers that would be ready but for their figures or their tracked
    changes: a line for each kind there is."""
    figures = sum(1 for r in rows if r.state == State.FIGURES)
    tracked = sum(1 for r in rows if r.state == State.TRACKED)
    lines = []
    if figures:
        lines.append(ngettext(
            "{count} answer shows figures that no longer match the data: drafter verify says which, drafter update "
            "writes the new figures in as tracked changes",
            "{count} answers show figures that no longer match the data: drafter verify says which, drafter update "
            "writes the new figures in as tracked changes", figures).format(count=figures))
    if tracked:
        lines.append(ngettext(
            "{count} answer still holds tracked changes: accept or reject them in Word (Review > Accept, Reject) "
            "before it is sent",
            "{count} answers still hold tracked changes: accept or reject them in Word (Review > Accept, Reject) "
            "before they are sent", tracked).format(count=tracked))
    return lines


# --------------------------------------------------------------------------- writing the list


class ListFile(StrEnum):
    """What a file at --to is, to drafter status."""

    LIST = "list"  # a follow-up list drafter wrote (a workbook: nobody changed its rows since)
    CHANGED = "changed"  # a workbook drafter wrote whose rows someone changed since
    OTHER = "other"  # anything else


#: A follow-up list is a few hundred kilobytes; a file at --to larger than this is no list of drafter's.
MAX_LIST_BYTES = 20 * 1024 * 1024
MAX_LIST_UNPACKED = 100 * 1024 * 1024


def what_file(path: Path) -> ListFile:
    """Whether the file at path is a follow-up list drafter wrote, in any of the formats."""
    try:
        if path.stat().st_size > MAX_LIST_BYTES:
            return ListFile.OTHER
        data = path.read_bytes()
    except OSError:  # unreadable: not one drafter can tell for its own
        return ListFile.OTHER
    if data.startswith(b"PK"):
        return _what_workbook(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ListFile.OTHER
    first = text.split("\n", 1)[0].rstrip("\r")
    texts = ([_(word) for word in TEXT_HEADER], list(TEXT_HEADER))
    tables = (headers(), list(COLUMNS))
    if first.split() in texts or any(first.split(sep) in tables for sep in ";,\t"):
        return ListFile.LIST
    try:
        loaded = json.loads(text)
    except ValueError:
        return ListFile.OTHER
    return ListFile.LIST if isinstance(loaded, dict) and set(loaded) == {"today", "questions"} else ListFile.OTHER


def _what_workbook(path: Path) -> ListFile:
    import zipfile

    from drafter.oxml import opc

    try:
        with zipfile.ZipFile(path) as archive:
            if opc.unpack_problem(archive.infolist(), MAX_LIST_UNPACKED, "a workbook"):
                return ListFile.OTHER
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        recorded = {p.name: p.value for p in book.custom_doc_props}.get(LIST_PROPERTY)
        if recorded is None or not book.worksheets:
            return ListFile.OTHER
        # the list's one sheet, whatever the language that named it
        now = _fingerprint(book.worksheets[0].iter_rows(values_only=True))
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on a file that is no workbook of drafter's
        return ListFile.OTHER
    return ListFile.LIST if now == recorded else ListFile.CHANGED


def project_inputs(register: Path, project_file: Path | None, templates: Path | None) -> tuple[set[Path], list[Path]]:
    """The files `status --to` never writes over, resolved: the register, the project file, the
    notes and every data file the register names; and the folders whose files it never writes
    over (the templates)."""
    files = {register.resolve()}
    if project_file is not None:
        files.add(project_file.resolve())
    folder = register.parent
    try:
        raw = load_yaml(register)
    except DataError:  # the register cannot be read: the files it names are not known
        raw = None
    if isinstance(raw, LineDict):
        if isinstance(raw.get("notes"), str):
            files.add((folder / raw["notes"]).resolve())
        for entry in raw.get("questions") or []:
            data = entry.get("data") if isinstance(entry, dict) else None
            for name in (data.values() if isinstance(data, dict) else ()):
                if isinstance(name, str):
                    files.add((folder / name).resolve())
    return files, [templates.resolve()] if templates is not None else []


def check_target(target: Path, inputs: tuple[set[Path], list[Path]], force: bool) -> None:
    """Whether the list may be written at target: never over the project's own files; over an
    existing file only when it is a list drafter wrote (unchanged since, for a workbook) or
    with --force."""
    shown = display_path(target)
    files, folders = inputs
    resolved = target.resolve()
    if resolved in files or any(resolved.is_relative_to(f) for f in folders):
        raise OutputError(_("this is one of the project's own files (the register, its data, notes or templates); "
                            "drafter status never writes over it, nothing was written"), file=shown,
                          hint=_("Give another file with --to, e.g. --to opvolging.xlsx."))
    if target.is_dir():
        raise OutputError(_("this is a folder; --to names the file for the list, nothing was written"), file=shown,
                          hint=_("Give a file name, e.g. --to opvolging.xlsx."))
    if not target.exists() or force:
        return
    found = what_file(target)
    if found == ListFile.CHANGED:
        raise OutputError(_("this follow-up list was changed since drafter wrote it; it is not replaced, nothing was "
                            "written"), file=shown,
                          hint=_("Give another file with --to, or add --force to replace it all the same."))
    if found == ListFile.OTHER:
        raise OutputError(_("a file of this name exists and it is not a follow-up list drafter wrote; it is not "
                            "replaced, nothing was written"), file=shown,
                          hint=_("Give another file with --to, or add --force to replace it all the same."))


def save(target: Path, data: bytes) -> None:
    """Write the list whole (a temporary name, then a rename); the folder must exist."""
    if not target.parent.is_dir():
        raise OutputError(_("the folder for the list does not exist"), file=display_path(target.parent),
                          hint=_("Create it, or give another file with --to."))
    try:
        replace_file(target, data)
    except OSError as exc:
        raise OutputError(_("cannot write the list ({reason})").format(reason=readable(exc)), file=display_path(target),
                          hint=_("Close it if it is open in Excel, and check that the folder is writable.")) from exc


def parse_today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    from drafter.load.dates import option_date

    return option_date("--today", value, dt.date(2024, 3, 1))

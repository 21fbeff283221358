"""The register of questions: data/questions.yaml read into plain data classes.

Every field is checked here, and every problem names the file and the line, so that a
civil servant can fix the register without reading code. All problems are collected and
raised together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.deadlines import DEFAULT_INTERNAL_DAYS, LEGAL_WORKING_DAYS, DeadlineSettings
from drafter.errors import DataError, Problem, display_path, shown
from drafter.load import based_on, ministers
from drafter.load.dates import reads_day_first
from drafter.load.fields import FieldReader
from drafter.load.keys import ASKED_IN
from drafter.load.questions import (NAME_RE, UNKNOWN_PERSON, ZITTINGSJAAR, AnswerPart, Asker, Block, Copy, Minister,
                                    Question, inside_folder, read_question, register_path)
from drafter.load.style import FILE_NAME_FIELDS, HouseStyle, Layout, project_style, read_layout, read_style
from drafter.load.table_spec import BUDGET_KEYS, Axis, AxisItem, TableSpec, TextColumn, Total, Unit
from drafter.files import inside
from drafter.i18n import _
from drafter.load.tabular import data_file
from drafter.load.yamlfile import LineDict, LineList, load_yaml

__all__ = ["ASKED_IN", "BUDGET_KEYS", "FILE_NAME_FIELDS", "NAME_RE", "UNKNOWN_PERSON", "ZITTINGSJAAR", "AnswerPart",
           "Asker", "Axis", "AxisItem", "Block", "Copy", "DeadlineSettings", "HouseStyle", "Layout", "Minister", "Question",
           "Register", "Rejected", "TableSpec", "TextColumn", "Total", "Unit", "load_register", "project_style",
           "read_register"]


@dataclass(frozen=True)
class Rejected:
    """A question in the register that cannot be read: what is known of it, and why."""

    number: int | None
    zittingsjaar: str | None
    template: str | None
    line: int
    problems: tuple[Problem, ...]
    title: str | None = None  # as the entry gives it, when it is a text
    minister: str | None = None  # the minister's name, when the entry gives one as a text

    @property
    def label(self) -> str:
        if self.number is None:
            return _("the question at line {line}").format(line=self.line)
        if self.zittingsjaar:
            return _("question {number} ({zittingsjaar})").format(number=self.number, zittingsjaar=self.zittingsjaar)
        return _("question {number}").format(number=self.number)


@dataclass(frozen=True)
class Register:
    path: Path
    style: HouseStyle
    notes: str | None
    questions: tuple[Question, ...]
    rejected: tuple[Rejected, ...] = ()  # only when loaded with lenient=True
    deadlines: DeadlineSettings = DeadlineSettings()
    layout: Layout = Layout()  # the register's own layout choices (a question may override them)
    gap_markers: tuple[str, ...] = ()  # the house's own marks of a gap (drafter.toml's [check] gap_markers)

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    def data_path(self, file: str) -> Path:
        """Where a data file (or the notes file) the register names is: in the data folder, and
        still there when links are followed (a link in it to a file elsewhere, such as
        ~/.ssh/id_rsa, is a DataError naming the link)."""
        path = self.data_dir / file
        inside(data_file(path), self.data_dir, what=_("data file"))  # budget.xlsx#Begroting is budget.xlsx
        return path

    def find(self, number: int, zittingsjaar: str | None = None, minister: str | None = None) -> Question:
        matches = [
            q
            for q in self.questions
            if q.number == number and (zittingsjaar is None or q.zittingsjaar == zittingsjaar)
            and (minister is None or q.minister.name == minister)
        ]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(
            f"{q.number} ({q.zittingsjaar})" for q in sorted(self.questions, key=lambda q: (q.zittingsjaar, q.number))
        )
        if not matches:
            if zittingsjaar and known:
                message = _("there is no question {number} in zittingsjaar {zittingsjaar} in the register; the "
                            "register has: {known}")
            elif zittingsjaar:
                message = _("there is no question {number} in zittingsjaar {zittingsjaar} in the register; the "
                            "register has: no questions")
            elif known:
                message = _("there is no question {number} in the register; the register has: {known}")
            else:
                message = _("there is no question {number} in the register; the register has: no questions")
            raise DataError(
                message.format(number=number, zittingsjaar=zittingsjaar, known=known),
                file=display_path(self.path),
                hint=_("Add the question to the register or pick one of these numbers.") if known else
                _("Add the question to the register (drafter intake takes a question in)."),
            )
        if len({q.zittingsjaar for q in matches}) > 1:
            years = ", ".join(q.zittingsjaar for q in matches)
            raise DataError(
                _("question {number} exists in several zittingsjaren ({years})").format(number=number, years=years),
                file=display_path(self.path),
                hint=_("Say which one with --year, e.g. --year {year}.").format(year=matches[0].zittingsjaar),
            )
        ministers = ", ".join(repr(q.minister.name) for q in matches)
        raise DataError(
            _("question {number} of {zittingsjaar} was put to several ministers ({ministers})").format(
                number=number, zittingsjaar=matches[0].zittingsjaar, ministers=ministers),
            file=display_path(self.path),
            hint=_("Say which one with --minister, e.g. --minister {minister}.").format(
                minister=repr(matches[0].minister.name)),
        )


def load_register(path: Path | None = None, *, lenient: bool = False) -> Register:
    """Read and check the register; raise one DataError listing every problem found.

    lenient: a question with problems does not stop the others; it is kept in
    ``rejected`` with its problems (a batch reports it and makes the other answers).
    Problems of the register as a whole are raised all the same.
    """
    register, problems = read_register(path)
    if lenient:
        of_questions = {id(p) for r in register.rejected for p in r.problems}
        problems = [p for p in problems if id(p) not in of_questions]
    if problems:
        raise DataError(problems=problems)
    return register


def read_register(path: Path | None = None) -> tuple[Register, list[Problem]]:
    """The register's sound questions, and every problem found (for `drafter check`, which
    goes on checking the questions that can be read). A file that cannot be read at all is a
    DataError."""
    path = Path(path) if path else paths.find_project().register
    raw = load_yaml(path)
    reader = FieldReader(path)
    if not isinstance(raw, LineDict):
        raise DataError(
            _("the register must be a mapping with 'questions:'"),
            file=display_path(path),
            hint=_("Start from the example in data/questions.yaml."),
        )
    what = _("register")
    reader.keys(raw, "register")
    style = read_style(reader, raw, project_style(path), what)
    reader.day_first = reads_day_first(style.locale)
    layout = read_layout(reader, raw, Layout(), what)
    notes = reader.field(raw, "register", "notes", what)
    notes = register_path(reader, notes, raw.line_of("notes") if "notes" in raw else raw.line, what, path.parent)
    if notes is not None and not inside_folder(notes):
        reader.problem(raw.line_of("notes"), _("register: notes file {file} must be a file name inside the data "
                                               "folder").format(file=repr(notes)),
                       _("Give a path relative to the register's folder, without '..'."))
        notes = None
    deadlines = _deadlines(reader, raw)
    items = reader.field(raw, "register", "questions", what) or LineList()
    entries = based_on.resolve(reader, items)  # what an entry takes from the earlier question it is based on
    questions = []
    rejected = []
    seen: dict[tuple, int] = {}
    twice: set[tuple] = set()  # which of two entries is the right one is the person's to say: neither is drafted
    for i, item in enumerate(entries):
        before = len(reader.problems)
        q = read_question(reader, item, items.line_of(i), style, path, layout)
        for q in ministers.copies(reader, item, q) if q is not None else ():  # one per minister's copy
            key = (q.zittingsjaar, q.minister.name, q.number)
            if key in seen:
                reader.problem(
                    q.line,
                    _("question {number} of {zittingsjaar} (minister {minister}) is in the register twice, at line "
                      "{first} and at line {second}").format(number=q.number, zittingsjaar=q.zittingsjaar,
                                                             minister=q.minister.name, first=seen[key], second=q.line),
                    _("Remove one of them or correct its number; until then neither is drafted."),
                )
                twice.add(key)
            else:
                seen[key] = q.line
                questions.append(q)
        if len(reader.problems) > before:
            rejected.append(_rejected(item, items.line_of(i), reader.problems[before:]))
    questions = [q for q in questions if (q.zittingsjaar, q.minister.name, q.number) not in twice]
    register = Register(path=path, style=style, notes=notes, questions=tuple(questions), rejected=tuple(rejected),
                        deadlines=deadlines, layout=layout, gap_markers=_house_gap_markers(path))
    return register, reader.problems


def _house_gap_markers(register_path: Path) -> tuple[str, ...]:
    """The gap markers the project file (drafter.toml) above the register lists; none without one."""
    file = paths.find_project_file(Path(register_path).parent)
    return paths.read_project(file).gap_markers if file is not None else ()


def _deadlines(reader: FieldReader, raw: LineDict) -> DeadlineSettings:
    """The register's ``deadlines:`` (internal_days, closing_days), each mistake at its line."""
    spec = raw.get("deadlines")
    if spec is None:
        return DeadlineSettings()
    example = "deadlines: {internal_days: 5, closing_days: [2026-12-24]}"
    if not isinstance(spec, LineDict):
        reader.problem(raw.line_of("deadlines"), _("register: 'deadlines' must be a mapping"),
                       _("Write e.g. {example}.").format(example=example))
        return DeadlineSettings()
    reader.keys(spec, "deadlines", _("register, deadlines"))
    days = spec.get("internal_days", DEFAULT_INTERNAL_DAYS)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days < LEGAL_WORKING_DAYS:
        reader.problem(spec.line_of("internal_days"), _("register, deadlines: 'internal_days' must be a whole number "
                                                        "from 0 to {high}, not {value}").format(
                           high=LEGAL_WORKING_DAYS - 1, value=shown(days)),
                       _("It is how many working days before the legal deadline the administration's draft is due."))
        days = DEFAULT_INTERNAL_DAYS
    closing = spec.get("closing_days") or []
    if not isinstance(closing, list):
        closing = [closing]
    dates = []
    what = _("register, deadlines: closing day")
    for i, day in enumerate(closing):
        line = closing.line_of(i) if isinstance(closing, LineList) else spec.line_of("closing_days")
        given, day = day, reader.day(day, line, what)
        if day is None and given is not None:
            continue  # written as a date, but no day: the problem is noted
        if isinstance(day, dt.date):
            if reader.date_ok(day, line, what):
                dates.append(day)
        else:
            reader.problem(line, _("register, deadlines: closing day {value} is not a date").format(value=shown(day)),
                           _("Write each closing day as YYYY-MM-DD, e.g. 2026-12-24."))
    return DeadlineSettings(internal_days=days, closing_days=tuple(sorted(set(dates))))


def _rejected(item, line: int, problems: list[Problem]) -> Rejected:
    """What can still be told of a question that cannot be read, to select and name it."""
    fields = item if isinstance(item, dict) else {}
    number = fields.get("number")
    year = fields.get("zittingsjaar")
    template = fields.get("template")
    title = fields.get("title")
    minister = fields.get("minister")
    name = minister.get("name") if isinstance(minister, dict) else None
    return Rejected(
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        zittingsjaar=str(year) if isinstance(year, (str, int)) else None,
        template=template if isinstance(template, str) else None,
        line=getattr(item, "line", line),
        problems=tuple(problems),
        title=title if isinstance(title, str) else None,
        minister=name if isinstance(name, str) else None,
    )

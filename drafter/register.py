"""The register of questions: data/questions.yaml read into plain data classes.

Every field is checked here, and every problem names the file and the line, so that a
civil servant can fix the register without reading code. All problems are collected and
raised together.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import paths
from .errors import DataError, Problem, display_path
from .yamlfile import LineDict, LineList, load_yaml

ZITTINGSJAAR = re.compile(r"^(\d{4})-(\d{4})$")
NAME_RE = re.compile(r"^[A-Za-z0-9_]+$")
#: How the register names a person the sources do not name (never an invented name).
UNKNOWN_PERSON = "N.N."


@dataclass(frozen=True)
class Minister:
    name: str
    title: str


@dataclass(frozen=True)
class TableColumn:
    kind: str
    label: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    data: str
    line: str
    years: tuple[int, ...]
    columns: tuple[TableColumn, ...]
    place: str  # where it is defined, for messages


@dataclass(frozen=True)
class AnswerPart:
    numbers: tuple[int, ...]
    text: tuple[str, ...]
    table: str | None
    after: tuple[str, ...]
    place: str


@dataclass(frozen=True)
class Question:
    zittingsjaar: str
    number: int
    date: dt.date | None
    asker: str
    minister: Minister
    title: str
    template: str
    data: dict[str, str]
    introduction: tuple[str, ...]
    subquestions: dict[int, str]
    tables: dict[str, TableSpec]
    preamble: tuple[str, ...]
    parts: tuple[AnswerPart, ...]
    locale: str
    line: int
    source: Path = field(compare=False)

    @property
    def label(self) -> str:
        return f"question {self.number} ({self.zittingsjaar})"

    @property
    def place(self) -> str:
        return f"line {self.line}"


@dataclass(frozen=True)
class Rejected:
    """A question in the register that cannot be read: what is known of it, and why."""

    number: int | None
    zittingsjaar: str | None
    template: str | None
    line: int
    problems: tuple[Problem, ...]

    @property
    def label(self) -> str:
        if self.number is None:
            return f"the question at line {self.line}"
        return f"question {self.number}" + (f" ({self.zittingsjaar})" if self.zittingsjaar else "")


@dataclass(frozen=True)
class Register:
    path: Path
    locale: str
    notes: str | None
    questions: tuple[Question, ...]
    rejected: tuple[Rejected, ...] = ()  # only when loaded with lenient=True

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    def find(self, number: int, zittingsjaar: str | None = None) -> Question:
        matches = [
            q
            for q in self.questions
            if q.number == number and (zittingsjaar is None or q.zittingsjaar == zittingsjaar)
        ]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(
            f"{q.number} ({q.zittingsjaar})" for q in sorted(self.questions, key=lambda q: (q.zittingsjaar, q.number))
        )
        if not matches:
            year = f" in zittingsjaar {zittingsjaar}" if zittingsjaar else ""
            raise DataError(
                f"there is no question {number}{year} in the register; the register has: {known or 'no questions'}",
                file=display_path(self.path),
                hint="Add the question to the register or pick one of these numbers.",
            )
        years = ", ".join(q.zittingsjaar for q in matches)
        raise DataError(
            f"question {number} exists in several zittingsjaren ({years})",
            file=display_path(self.path),
            hint="Say which one with --year, e.g. --year " + matches[0].zittingsjaar + ".",
        )


class _Reader:
    """Reads fields of a YAML mapping, noting every problem with its line."""

    def __init__(self, path: Path) -> None:
        self.file = display_path(path)
        self.problems: list[Problem] = []

    def problem(self, line: int, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(message, file=self.file, place=f"line {line}", hint=hint))

    def get(self, mapping: LineDict, key: str, kind, what: str, *, required: bool = True, default=None):
        if key not in mapping or mapping[key] is None:
            if required:
                self.problem(mapping.line, f"{what}: the field '{key}' is missing", f"Add '{key}:' there.")
            return default
        value = mapping[key]
        if kind is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, kind):
            expected = {str: "a text", int: "a whole number", dict: "a mapping (key: value lines)", list: "a list"}.get(
                kind if not isinstance(kind, tuple) else kind[0], "another kind of value"
            )
            self.problem(mapping.line_of(key), f"{what}: '{key}' must be {expected}, not {value!r}")
            return default
        return value

    def texts(self, mapping: LineDict, key: str, what: str, *, required: bool = False) -> tuple[str, ...]:
        """A text or a list of texts (paragraphs); a blank line inside a text starts a paragraph."""
        value = self.get(mapping, key, (str, list), what, required=required)
        if value is None:
            return ()
        items = [value] if isinstance(value, str) else value
        out: list[str] = []
        for item in items:
            if not isinstance(item, str):
                self.problem(mapping.line_of(key), f"{what}: every paragraph of '{key}' must be a text")
                continue
            out.extend(p.strip() for p in item.split("\n") if p.strip())
        return tuple(out)


def _years(reader: _Reader, spec: LineDict, what: str) -> tuple[int, ...]:
    value = spec.get("years")
    line = spec.line_of("years")
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*-\s*\d{4}\s*", value):
        first, last = (int(x) for x in value.split("-"))
        if first <= last:
            return tuple(range(first, last + 1))
    elif isinstance(value, list) and value and all(isinstance(v, int) for v in value):
        return tuple(value)
    reader.problem(line, f"{what}: 'years' must be a range such as 2014-2018 or a list of years, not {value!r}")
    return ()


def _table(reader: _Reader, name: str, spec, line: int) -> TableSpec | None:
    what = f"table '{name}'"
    if not isinstance(spec, LineDict):
        reader.problem(line, f"{what} must be a mapping with data, line, years and columns")
        return None
    data = reader.get(spec, "data", str, what)
    budget_line = reader.get(spec, "line", str, what)
    years = _years(reader, spec, what)
    columns_raw = reader.get(spec, "columns", list, what) or []
    columns = []
    for i, col in enumerate(columns_raw):
        if isinstance(col, str):
            columns.append(TableColumn(kind=col, label=col))
        elif isinstance(col, LineDict) and isinstance(col.get("kind"), str):
            columns.append(TableColumn(kind=col["kind"], label=str(col.get("label", col["kind"]))))
        else:
            reader.problem(columns_raw.line_of(i), f"{what}: a column needs a 'kind' (VAK or VEK) and a 'label'")
    if data is None or budget_line is None or not years or not columns:
        return None
    return TableSpec(name, data, budget_line, years, tuple(columns), f"line {spec.line}")


def _parts(reader: _Reader, answer: LineDict, subquestions: dict[int, str]) -> tuple[AnswerPart, ...]:
    raw = reader.get(answer, "parts", list, "answer") or []
    parts = []
    for i, item in enumerate(raw):
        line = raw.line_of(i)
        if not isinstance(item, LineDict):
            reader.problem(line, "answer part: must be a mapping with 'number' and 'text'")
            continue
        number = item.get("number")
        numbers = tuple(number) if isinstance(number, list) else (number,)
        if not numbers or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            reader.problem(item.line_of("number"), f"answer part: 'number' must be a sub-question number or a list of them, not {number!r}")
            continue
        for n in numbers:
            if subquestions and n not in subquestions:
                reader.problem(
                    item.line_of("number"),
                    f"answer part {n}: there is no sub-question {n}",
                    f"The sub-questions are {', '.join(map(str, subquestions))}.",
                )
        parts.append(
            AnswerPart(
                numbers=numbers,
                text=reader.texts(item, "text", f"answer part {number}"),
                table=reader.get(item, "table", str, f"answer part {number}", required=False),
                after=reader.texts(item, "after", f"answer part {number}"),
                place=f"line {item.line}",
            )
        )
    return tuple(parts)


def _question(reader: _Reader, raw, line: int, register_locale: str, path: Path) -> Question | None:
    if not isinstance(raw, LineDict):
        reader.problem(line, "a question must be a mapping of fields")
        return None
    before = len(reader.problems)
    number = reader.get(raw, "number", int, "question")
    what = f"question {number}" if number is not None else "question"
    zj = reader.get(raw, "zittingsjaar", str, what)
    if zj is not None:
        m = ZITTINGSJAAR.match(zj)
        if not m or int(m.group(2)) != int(m.group(1)) + 1:
            reader.problem(raw.line_of("zittingsjaar"), f"{what}: zittingsjaar must look like 2019-2020, not {zj!r}")
    date = raw.get("date")
    if date is not None and not isinstance(date, dt.date):
        reader.problem(raw.line_of("date"), f"{what}: 'date' must be a date like 2019-10-07 (or null when unknown), not {date!r}")
        date = None
    minister_raw = reader.get(raw, "minister", dict, what)
    minister = None
    if minister_raw is not None:
        name = reader.get(minister_raw, "name", str, f"{what}, minister")
        title = reader.get(minister_raw, "title", str, f"{what}, minister")
        minister = Minister(name or "", title or "")
    template = reader.get(raw, "template", str, what)
    if template is not None and (Path(template).name != template or not template.endswith(".docx")):
        reader.problem(
            raw.line_of("template"),
            f"{what}: template {template!r} must be the name of a .docx file in answer_templates/",
            "Give the file name only, e.g. 'bedrijfsclusters.docx'.",
        )
    data_raw = reader.get(raw, "data", dict, what, required=False) or LineDict()
    data = {}
    for name, file in data_raw.items():
        if not (isinstance(name, str) and NAME_RE.match(name)):
            reader.problem(data_raw.line_of(name), f"{what}: data name {name!r} must be letters, digits or _")
        elif not isinstance(file, str) or Path(file).is_absolute() or ".." in Path(file).parts:
            reader.problem(
                data_raw.line_of(name),
                f"{what}: data file {file!r} must be a file name inside the data folder",
                "Give a path relative to the register's folder, without '..'.",
            )
        else:
            data[name] = file
    subq_raw = reader.get(raw, "subquestions", dict, what) or {}
    subquestions = {}
    for k, v in subq_raw.items():
        if not isinstance(k, int) or not isinstance(v, str):
            reader.problem(subq_raw.line_of(k), f"{what}: sub-questions are numbered texts (1: ...), not {k!r}")
        else:
            subquestions[k] = " ".join(v.split())
    tables_raw = reader.get(raw, "tables", dict, what, required=False) or LineDict()
    tables = {}
    for name, spec in tables_raw.items():
        t = _table(reader, str(name), spec, tables_raw.line_of(name))
        if t is not None:
            tables[str(name)] = t
    answer = reader.get(raw, "answer", dict, what) or LineDict()
    parts = _parts(reader, answer, subquestions) if answer else ()
    for part in parts:
        if part.table is not None and part.table not in tables:
            reader.problem(
                int(part.place.split()[-1]),
                f"{what}: answer part {part.numbers[0]} uses table '{part.table}', which is not defined",
                f"Define it under 'tables:' of this question (defined: {', '.join(tables) or 'none'}).",
            )
    locale = reader.get(raw, "locale", str, what, required=False) or register_locale
    title = reader.get(raw, "title", str, what)
    asker = reader.get(raw, "asker", str, what)
    if len(reader.problems) > before:
        return None
    return Question(
        zittingsjaar=zj,
        number=number,
        date=date,
        asker=asker,
        minister=minister,
        title=title,
        template=template,
        data=data,
        introduction=reader.texts(raw, "introduction", what),
        subquestions=subquestions,
        tables=tables,
        preamble=reader.texts(answer, "preamble", what),
        parts=parts,
        locale=locale,
        line=raw.line,
        source=path,
    )


def load_register(path: Path | None = None, *, lenient: bool = False) -> Register:
    """Read and check the register; raise one DataError listing every problem found.

    lenient: a question with problems does not stop the others; it is kept in
    ``rejected`` with its problems (a batch reports it and makes the other answers).
    Problems of the register as a whole are raised all the same.
    """
    path = Path(path or paths.REGISTER_FILE)
    raw = load_yaml(path)
    reader = _Reader(path)
    if not isinstance(raw, LineDict):
        raise DataError(
            "the register must be a mapping with 'questions:'",
            file=display_path(path),
            hint="Start from the example in data/questions.yaml.",
        )
    locale = reader.get(raw, "locale", str, "register", required=False) or "nl_BE"
    notes = reader.get(raw, "notes", str, "register", required=False)
    items = reader.get(raw, "questions", list, "register") or LineList()
    if lenient and reader.problems:
        raise DataError(problems=reader.problems)
    questions = []
    rejected = []
    seen: dict[tuple, int] = {}
    for i, item in enumerate(items):
        before = len(reader.problems)
        q = _question(reader, item, items.line_of(i), locale, path)
        if q is not None:
            key = (q.zittingsjaar, q.minister.name, q.number)
            if key in seen:
                reader.problem(
                    q.line,
                    f"question {q.number} of {q.zittingsjaar} (minister {q.minister.name}) is in the register twice",
                    f"The first is at line {seen[key]}; remove one or correct its number.",
                )
            else:
                seen[key] = q.line
                questions.append(q)
        if len(reader.problems) > before:
            rejected.append(_rejected(item, items.line_of(i), reader.problems[before:]))
    if reader.problems and not lenient:
        raise DataError(problems=reader.problems)
    return Register(path=path, locale=locale, notes=notes, questions=tuple(questions), rejected=tuple(rejected))


def _rejected(item, line: int, problems: list[Problem]) -> Rejected:
    """What can still be told of a question that cannot be read, to select and name it."""
    fields = item if isinstance(item, dict) else {}
    number = fields.get("number")
    year = fields.get("zittingsjaar")
    template = fields.get("template")
    return Rejected(
        number=number if isinstance(number, int) and not isinstance(number, bool) else None,
        zittingsjaar=str(year) if isinstance(year, (str, int)) else None,
        template=template if isinstance(template, str) else None,
        line=getattr(item, "line", line),
        problems=tuple(problems),
    )

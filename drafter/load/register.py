"""The register of questions: data/questions.yaml read into plain data classes.

Every field is checked here, and every problem names the file and the line, so that a
civil servant can fix the register without reading code. All problems are collected and
raised together.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path

from drafter import paths
from drafter.load.datasets import KINDS
from drafter.errors import DataError, DrafterError, Problem, display_path
from drafter.load.schema import MAX_DECIMALS, parse_locale
from drafter.load.yamlfile import LineDict, LineList, load_yaml

ZITTINGSJAAR = re.compile(r"^(\d{4})-(\d{4})$")
NAME_RE = re.compile(r"^[A-Za-z0-9_]+$")
#: How the register names a person the sources do not name (never an invented name).
UNKNOWN_PERSON = "N.N."


@dataclass(frozen=True)
class Minister:
    name: str
    title: str
    role: str | None = None  # "Minister", "Staatssecretaris": how a layout names the office before the name
    department: str | None = None  # "Binnenlandse Zaken en Koninkrijksrelaties"
    gender: str | None = None  # "f" or "m": the article a language needs ("à la ministre", "au ministre")


@dataclass(frozen=True)
class Asker:
    """A member who put the question."""

    name: str
    party: str | None = None  # "VVD", "N-VA"
    title: str | None = None  # "de heer", "mevrouw", "Madame": printed before the name


#: How a question is laid out: set for the register, overridden per question. The one list
#: of these keys (issue 10 checks the register's keys against it).
NUMBERINGS = ("auto", "always", "never")
#: The fields a file-name pattern may use: {zittingsjaar}, {number}, ... (see paths.answer_file_name).
FILE_NAME_FIELDS = paths.FILE_NAME_FIELDS
#: The languages a question can be put in (asked_in), and how the Belgian Chamber marks them.
ASKED_IN = {"nl": "N.", "fr": "Fr.", "de": "Dt."}


@dataclass(frozen=True)
class Layout:
    """The layout choices of an answer that are data, not template text."""

    numbering: str = "auto"  # auto: "1." only when there are several sub-questions or parts
    repeat_questions: bool = False  # print each sub-question before its answer (templates that honour it)
    file_name: str = paths.DEFAULT_FILE_NAME  # a pattern of FILE_NAME_FIELDS

    FIELDS = {
        "numbering": NUMBERINGS,
        "repeat_questions": (True, False),
        "file_name": None,
    }


#: The keys of a question entry beyond the house style and the layout, as the reader knows them.
QUESTION_KEYS = ("zittingsjaar", "number", "date", "asker", "askers", "minister", "title", "template", "data",
                 "introduction", "subquestions", "tables", "answer", "answered", "asked_in")
#: The register's own keys, beside the house style and the layout (which it sets for every question).
REGISTER_KEYS = ("notes", "questions")
#: The keys of a question's minister.
MINISTER_KEYS = ("name", "title", "role", "department", "gender")
#: The keys of one asker in 'askers:'.
ASKER_KEYS = ("name", "party", "title")


NOTE_STYLES = ("parentheses", "superscript", "footnotes")
NOTE_NUMBERING = ("table", "document")
ROUNDINGS = ("half_up", "half_even")
PERCENT_STYLES = ("symbol", "word")
SCALES = ("euro", "thousand", "million")
AXES = ("year", "line", "kind")


@dataclass(frozen=True)
class HouseStyle:
    """How figures and notes look; set for the register, overridden per question or table."""

    locale: str = "nl_BE"
    percent_style: str = "symbol"  # 45%  or  45 procent
    rounding: str = "half_up"
    note_style: str = "parentheses"  # (1) under the table; superscript; footnotes (at the foot of the page)
    note_numbering: str = "table"  # one series per table (and per answer part), or one per document
    missing: str | None = None  # what "not applicable" shows; None: the language's (n.v.t.)

    FIELDS = {
        "locale": None,
        "percent_style": PERCENT_STYLES,
        "rounding": ROUNDINGS,
        "note_style": NOTE_STYLES,
        "note_numbering": NOTE_NUMBERING,
        "missing": None,
    }


@dataclass(frozen=True)
class AxisItem:
    key: object  # a year (int), a budget line or a kind (str)
    label: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ColumnGroup:
    """Columns under one header that spans them: one budget line's kinds (a second header row)."""

    label: str
    notes: tuple[str, ...]
    line: str
    kinds: tuple[AxisItem, ...]


@dataclass(frozen=True)
class TableSpec:
    """A table of budget figures: rows and columns are two of year, line and kind."""

    name: str
    data: str
    rows: str  # "year", "line" or "kind"
    columns: str
    years: tuple[AxisItem, ...]
    lines: tuple[AxisItem, ...]
    kinds: tuple[AxisItem, ...]
    place: str  # where it is defined, for messages
    title: str | None = None
    title_notes: tuple[str, ...] = ()
    unit: str = "euro"
    show_unit: bool = True
    decimals: int = 0
    column_decimals: dict = field(default_factory=dict)
    row_decimals: dict = field(default_factory=dict)
    missing: str | None = None
    total: str | None = None  # None, "computed", or the budget line that states the total
    total_label: str | None = None
    note_style: str | None = None
    groups: tuple[ColumnGroup, ...] = ()  # with groups: years in rows, each group's kinds as columns

    def axis(self, name: str) -> tuple[AxisItem, ...]:
        return {"year": self.years, "line": self.lines, "kind": self.kinds}[name]


@dataclass(frozen=True)
class Block:
    """One piece of an answer part, in order: a paragraph, a table, or a list."""

    kind: str  # "text", "table", "list" (numbered) or "bullets"
    text: str = ""
    table: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerPart:
    numbers: tuple[int, ...]
    blocks: tuple[Block, ...]
    place: str


@dataclass(frozen=True)
class Question:
    zittingsjaar: str
    number: int
    date: dt.date | None
    askers: tuple[Asker, ...]
    minister: Minister
    title: str
    template: str
    data: dict[str, str]
    introduction: tuple[str, ...]
    subquestions: dict[int, str]
    tables: dict[str, TableSpec]
    preamble: tuple[str, ...]
    parts: tuple[AnswerPart, ...]
    style: HouseStyle
    line: int
    source: Path = field(compare=False)
    layout: Layout = Layout()
    answered: dt.date | None = None  # the date of the answer, for layouts that print it
    asked_in: str | None = None  # the language the question was put in: nl, fr or de

    @property
    def asker(self) -> str:
        """The askers' names, as one text (the first layouts knew one asker only)."""
        return ", ".join(a.name for a in self.askers)

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
    style: HouseStyle
    notes: str | None
    questions: tuple[Question, ...]
    rejected: tuple[Rejected, ...] = ()  # only when loaded with lenient=True
    layout: Layout = Layout()  # the register's own layout choices (a question may override them)

    @property
    def data_dir(self) -> Path:
        return self.path.parent

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
            year = f" in zittingsjaar {zittingsjaar}" if zittingsjaar else ""
            raise DataError(
                f"there is no question {number}{year} in the register; the register has: {known or 'no questions'}",
                file=display_path(self.path),
                hint="Add the question to the register or pick one of these numbers.",
            )
        if len({q.zittingsjaar for q in matches}) > 1:
            years = ", ".join(q.zittingsjaar for q in matches)
            raise DataError(
                f"question {number} exists in several zittingsjaren ({years})",
                file=display_path(self.path),
                hint="Say which one with --year, e.g. --year " + matches[0].zittingsjaar + ".",
            )
        ministers = ", ".join(repr(q.minister.name) for q in matches)
        raise DataError(
            f"question {number} of {matches[0].zittingsjaar} was put to several ministers ({ministers})",
            file=display_path(self.path),
            hint=f"Say which one with --minister, e.g. --minister {matches[0].minister.name!r}.",
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
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
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


def _year_keys(reader: _Reader, spec: LineDict, what: str) -> list:
    value = spec.get("years")
    line = spec.line_of("years")
    if isinstance(value, str) and re.fullmatch(r"\s*\d{4}\s*-\s*\d{4}\s*", value):
        first, last = (int(x) for x in value.split("-"))
        if first <= last:
            return list(range(first, last + 1))
    elif isinstance(value, int) and not isinstance(value, bool):
        return [value]
    elif isinstance(value, list) and value:
        return list(value)
    reader.problem(line, f"{what}: 'years' must be a range such as 2014-2018 or a list of years, not {value!r}")
    return []


def _axis(reader: _Reader, spec: LineDict, key: str, items, field_name: str, what: str) -> tuple[AxisItem, ...]:
    """Items of one axis: plain keys, or mappings {<field>: key, label: ..., notes: [...]}."""
    if items is None:
        return ()
    if not isinstance(items, list):
        items = [items]
    out = []
    for i, item in enumerate(items):
        line = items.line_of(i) if isinstance(items, LineList) else spec.line_of(key)
        notes: tuple[str, ...] = ()
        if isinstance(item, LineDict):
            if field_name not in item:
                reader.problem(line, f"{what}: an entry of '{key}' needs '{field_name}:'")
                continue
            value, label = item[field_name], item.get("label")
            raw_notes = item.get("notes") or []
            notes = tuple(raw_notes if isinstance(raw_notes, list) else str(raw_notes).split())
        else:
            value, label = item, None
        if field_name == "year":
            if not isinstance(value, int) or isinstance(value, bool):
                reader.problem(line, f"{what}: {value!r} is not a year", "Write years as four digits, e.g. 2016.")
                continue
        elif not isinstance(value, str) or not value:
            reader.problem(line, f"{what}: {value!r} is not a {field_name} name")
            continue
        elif field_name == "kind" and value.upper() in KINDS:
            value = value.upper()  # as in the data files, where 'vak' is VAK
        elif field_name == "kind":
            reader.problem(line, f"{what}: '{value}' is not a budget kind", f"Use one of {', '.join(KINDS)}.")
            continue
        out.append(AxisItem(value, str(label) if label is not None else str(value), notes))
    return tuple(out)


def _choice(reader: _Reader, mapping: LineDict, key: str, allowed, what: str, default=None):
    value = mapping.get(key, default)
    if value is not None and allowed is not None and value not in allowed:
        reader.problem(mapping.line_of(key), f"{what}: '{key}' must be one of {', '.join(allowed)}, not {value!r}")
        return default
    return value


def _table(reader: _Reader, name: str, spec, line: int) -> TableSpec | None:
    what = f"table '{name}'"
    if not isinstance(spec, LineDict):
        reader.problem(line, f"{what} must be a mapping with data, years, kinds (and line or lines)")
        return None
    before = len(reader.problems)
    data = reader.get(spec, "data", str, what)
    years = _axis(reader, spec, "years", _year_keys(reader, spec, what) if "years" in spec else None, "year", what)
    groups = _groups(reader, spec, what) if "groups" in spec else ()
    if groups:
        if any(k in spec for k in ("line", "lines", "kinds", "rows", "columns")):
            reader.problem(spec.line_of("groups"), f"{what}: with 'groups', each group names its line and kinds, "
                           "and the years are the rows", "Leave out line, lines, kinds, rows and columns.")
        lines = tuple({g.line: AxisItem(g.line, g.line) for g in groups}.values())
        kinds = tuple({k.key: k for g in groups for k in g.kinds}.values())
    else:
        lines_raw = spec.get("lines", spec.get("line"))
        lines = _axis(reader, spec, "lines" if "lines" in spec else "line", lines_raw, "line", what)
        kinds_raw = spec.get("kinds")
        kinds = _axis(reader, spec, "kinds", kinds_raw, "kind", what)
    rows = _choice(reader, spec, "rows", AXES, what, "year")
    columns = _choice(reader, spec, "columns", AXES, what, "kind")
    for axis_name, items in (("year", years), ("line", lines), ("kind", kinds)):
        if not items:
            reader.problem(spec.line, f"{what}: say which {axis_name}s it shows ('{axis_name}s:')")
    if rows == columns:
        reader.problem(spec.line_of("columns"), f"{what}: rows and columns must differ (both are {rows!r})")
    elif not groups:
        fixed = next(a for a in AXES if a not in (rows, columns))
        if len({"year": years, "line": lines, "kind": kinds}[fixed]) > 1:
            reader.problem(spec.line, f"{what}: with {rows}s in rows and {columns}s in columns, "
                           f"it can show only one {fixed}", f"Make a table per {fixed}, or choose other rows/columns.")
    decimals = spec.get("decimals", 0)
    column_decimals, row_decimals = {}, {}
    if isinstance(decimals, LineDict):
        column_decimals = dict(decimals.get("columns") or {})
        row_decimals = dict(decimals.get("rows") or {})
        decimals = decimals.get("default", 0)
    if not all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_DECIMALS
               for v in [decimals, *column_decimals.values(), *row_decimals.values()]):
        reader.problem(spec.line_of("decimals"), f"{what}: 'decimals' must be a whole number from 0 to {MAX_DECIMALS}, or "
                       "{default: 0, columns: {VAK: 1}, rows: {2016: 3}}")
        decimals = 0
    total = spec.get("total")
    total_label = None
    if isinstance(total, LineDict):
        total_label = total.get("label")
        total = total.get("line")
    if total is not None and not isinstance(total, str):
        reader.problem(spec.line_of("total"), f"{what}: 'total' must be 'computed' or {{line: <budget line>, label: ...}}")
        total = None
    if groups and total not in (None, "computed"):
        reader.problem(spec.line_of("total"), f"{what}: a table with groups can only have 'total: computed'")
    title_notes = spec.get("title_notes") or []
    if len(reader.problems) > before:
        return None
    return TableSpec(
        name=name, data=data, rows=rows, columns=columns, years=years, lines=lines, kinds=kinds,
        place=f"line {spec.line}",
        title=reader.get(spec, "title", str, what, required=False),
        title_notes=tuple(title_notes if isinstance(title_notes, list) else str(title_notes).split()),
        unit=_choice(reader, spec, "unit", SCALES, what, "euro"),
        show_unit=bool(spec.get("show_unit", True)),
        decimals=decimals, column_decimals=column_decimals, row_decimals=row_decimals,
        missing=reader.get(spec, "missing", str, what, required=False),
        total=total, total_label=str(total_label) if total_label is not None else None,
        note_style=_choice(reader, spec, "notes", NOTE_STYLES, what),
        groups=groups,
    )


def _groups(reader: _Reader, spec: LineDict, what: str) -> tuple[ColumnGroup, ...]:
    raw = spec.get("groups")
    if not isinstance(raw, LineList) or not raw:
        reader.problem(spec.line_of("groups"), f"{what}: 'groups' must be a list of groups, each with a label, "
                       "a line and its kinds")
        return ()
    out = []
    for i, group in enumerate(raw):
        if not isinstance(group, LineDict) or not isinstance(group.get("line"), str) or "kinds" not in group:
            reader.problem(raw.line_of(i), f"{what}: a group needs 'line:' and 'kinds:' (and a 'label:')")
            continue
        kinds = _axis(reader, group, "kinds", group["kinds"], "kind", what)
        notes = group.get("notes") or []
        out.append(ColumnGroup(str(group.get("label", group["line"])),
                               tuple(notes if isinstance(notes, list) else str(notes).split()), group["line"], kinds))
    return tuple(out)


def _blocks(reader: _Reader, item: LineDict, what: str) -> list[Block]:
    """A part's content: text / table / after (the short form), or a list of blocks."""
    blocks = [Block("text", text=t) for t in reader.texts(item, "text", what)]
    table = reader.get(item, "table", str, what, required=False)
    if table is not None:
        blocks.append(Block("table", table=table))
    blocks += [Block("text", text=t) for t in reader.texts(item, "after", what)]
    raw = reader.get(item, "blocks", list, what, required=False) or []
    for i, entry in enumerate(raw):
        line = raw.line_of(i)
        if isinstance(entry, LineDict) and len(entry) == 1:
            kind, value = next(iter(entry.items()))
            if kind == "text" and isinstance(value, str):
                blocks += [Block("text", text=p.strip()) for p in value.split("\n") if p.strip()]
                continue
            if kind == "table" and isinstance(value, str):
                blocks.append(Block("table", table=value))
                continue
            if kind in ("list", "bullets") and isinstance(value, list) and all(isinstance(v, str) for v in value):
                blocks.append(Block(kind, items=tuple(" ".join(v.split()) for v in value)))
                continue
        reader.problem(line, f"{what}: a block is one of 'text: ...', 'table: <name>', 'list: [...]' or 'bullets: [...]'")
    return blocks


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
        what = f"answer part {number}"
        blocks = _blocks(reader, item, what)
        if not blocks:
            reader.problem(line, f"{what}: it has no content", "Give it a 'text:' (or 'blocks:').")
        parts.append(AnswerPart(numbers=numbers, blocks=tuple(blocks), place=f"line {item.line}"))
    return tuple(parts)


def _style(reader: _Reader, mapping: LineDict, base: HouseStyle, what: str) -> HouseStyle:
    """The house style with the fields this mapping sets (locale, note_style, ...)."""
    changes = {}
    for key, allowed in HouseStyle.FIELDS.items():
        if key in mapping and mapping[key] is not None:
            value = _choice(reader, mapping, key, allowed, what)
            if key == "locale" and value is not None:
                try:
                    value = str(parse_locale(value))
                except DrafterError as exc:
                    reader.problem(mapping.line_of(key), f"{what}: {exc.problems[0].message}", exc.problems[0].hint)
                    continue
            if value is not None:
                changes[key] = str(value)
    return replace(base, **changes) if changes else base


def _question(reader: _Reader, raw, line: int, register_style: HouseStyle, path: Path,
              register_layout: Layout = Layout()) -> Question | None:
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
        role = reader.get(minister_raw, "role", str, f"{what}, minister", required=False)
        department = reader.get(minister_raw, "department", str, f"{what}, minister", required=False)
        gender = _choice(reader, minister_raw, "gender", ("f", "m"), f"{what}, minister")
        minister = Minister(name or "", title or "", role, department, gender)
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
        elif not _inside_folder(file):
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
        for block in part.blocks:
            if block.table is not None and block.table not in tables:
                reader.problem(
                    int(part.place.split()[-1]),
                    f"{what}: answer part {part.numbers[0]} uses table '{block.table}', which is not defined",
                    f"Define it under 'tables:' of this question (defined: {', '.join(tables) or 'none'}).",
                )
    style = _style(reader, raw, register_style, what)
    if style.note_numbering == "document":
        for spec in tables.values():
            if spec.note_style not in (None, style.note_style):
                reader.problem(int(spec.place.split()[-1]),
                               f"{what}: table '{spec.name}' has note style '{spec.note_style}', but the answer numbers "
                               f"its notes in one series (note_numbering: document) in style '{style.note_style}'",
                               "Remove the table's 'notes:', or number notes per table (note_numbering: table).")
    title = reader.get(raw, "title", str, what)
    askers = _askers(reader, raw, what)
    layout = _layout(reader, raw, register_layout, what)
    answered = raw.get("answered")
    if answered is not None and not isinstance(answered, dt.date):
        reader.problem(raw.line_of("answered"), f"{what}: 'answered' must be the date of the answer, like "
                       f"2025-02-04 (or null when not known yet), not {answered!r}")
    asked_in = _choice(reader, raw, "asked_in", tuple(ASKED_IN), what)
    if len(reader.problems) > before:
        return None
    return Question(
        zittingsjaar=zj,
        number=number,
        date=date,
        askers=askers,
        minister=minister,
        title=title,
        template=template,
        data=data,
        introduction=reader.texts(raw, "introduction", what),
        subquestions=subquestions,
        tables=tables,
        preamble=reader.texts(answer, "preamble", what),
        parts=parts,
        style=style,
        line=raw.line,
        source=path,
        layout=layout,
        answered=answered,
        asked_in=asked_in,
    )


def _askers(reader: _Reader, raw: LineDict, what: str) -> tuple[Asker, ...]:
    """'asker: N.N.' (one member), or 'askers:' a list of names or {name, party, title}."""
    if "askers" in raw and "asker" in raw:
        reader.problem(raw.line_of("askers"), f"{what}: give 'asker' or 'askers', not both",
                       "Keep 'askers:' (a list) and remove 'asker:'.")
        return ()
    if "askers" not in raw:
        name = reader.get(raw, "asker", str, what)
        return (Asker(name),) if name is not None else ()
    items = raw["askers"]
    if not isinstance(items, LineList) or not items:
        reader.problem(raw.line_of("askers"), f"{what}: 'askers' must be a list of members, each a name or "
                       "{name: ..., party: ..., title: ...}")
        return ()
    out = []
    for i, item in enumerate(items):
        line = items.line_of(i)
        if isinstance(item, str) and item.strip():
            out.append(Asker(item.strip()))
            continue
        if isinstance(item, LineDict):
            unknown = [k for k in item if k not in ASKER_KEYS]
            if unknown:
                reader.problem(item.line_of(unknown[0]), f"{what}: an asker has no field {unknown[0]!r}",
                               f"An asker can have: {', '.join(ASKER_KEYS)}.")
                continue
            name = reader.get(item, "name", str, f"{what}, asker")
            party = reader.get(item, "party", str, f"{what}, asker", required=False)
            title = reader.get(item, "title", str, f"{what}, asker", required=False)
            if name:
                out.append(Asker(name, party, title))
            continue
        reader.problem(line, f"{what}: an asker must be a name or {{name: ..., party: ...}}, not {item!r}")
    return tuple(out)


def _layout(reader: _Reader, mapping: LineDict, base: Layout, what: str) -> Layout:
    """The layout with the fields this mapping sets (numbering, repeat_questions, file_name)."""
    changes = {}
    for key, allowed in Layout.FIELDS.items():
        if key not in mapping or mapping[key] is None:
            continue
        value = mapping[key]
        if key == "repeat_questions" and not isinstance(value, bool):
            reader.problem(mapping.line_of(key), f"{what}: 'repeat_questions' must be true or false, not {value!r}")
        elif key == "numbering" and value not in allowed:
            reader.problem(mapping.line_of(key), f"{what}: 'numbering' must be one of {', '.join(allowed)}, not {value!r}",
                           "auto numbers the answers only when there are several sub-questions or parts.")
        elif key == "file_name":
            problem = _file_name_problem(value)
            if problem:
                reader.problem(mapping.line_of(key), f"{what}: 'file_name' {value!r}: {problem}",
                               "Write a pattern such as '{answer}-{zittingsjaar}-{number}-{title}'; it may use "
                               + ", ".join("{" + f + "}" for f in FILE_NAME_FIELDS) + ".")
            else:
                changes[key] = value
        else:
            changes[key] = value
    return replace(base, **changes) if changes else base


def _file_name_problem(pattern) -> str | None:
    """What is wrong with a file-name pattern, or None."""
    if not isinstance(pattern, str) or not pattern.strip():
        return "it must be a text"
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return f"its braces do not match ({exc})"
    names = [name for _, name, spec, conv in parsed if name is not None]
    for _, name, spec, conv in parsed:
        if name is not None and (name not in FILE_NAME_FIELDS or spec or conv):
            return f"{{{name}{':' + spec if spec else ''}}} is not a field of a file name"
    if "number" not in names:
        return "it must hold {number}, so that two answers never get the same name"
    if any(c in pattern for c in "/\\"):
        return "it is a file name, not a folder: leave out / and \\"
    return None


def _inside_folder(file) -> bool:
    """A file name relative to the register's folder that cannot lead outside it."""
    return isinstance(file, str) and bool(file) and not Path(file).is_absolute() and ".." not in Path(file).parts


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
    path = Path(path or paths.REGISTER_FILE)
    raw = load_yaml(path)
    reader = _Reader(path)
    if not isinstance(raw, LineDict):
        raise DataError(
            "the register must be a mapping with 'questions:'",
            file=display_path(path),
            hint="Start from the example in data/questions.yaml.",
        )
    style = _style(reader, raw, HouseStyle(), "register")
    layout = _layout(reader, raw, Layout(), "register")
    notes = reader.get(raw, "notes", str, "register", required=False)
    if notes is not None and not _inside_folder(notes):
        reader.problem(raw.line_of("notes"), f"register: notes file {notes!r} must be a file name inside the data folder",
                       "Give a path relative to the register's folder, without '..'.")
        notes = None
    items = reader.get(raw, "questions", list, "register") or LineList()
    questions = []
    rejected = []
    seen: dict[tuple, int] = {}
    for i, item in enumerate(items):
        before = len(reader.problems)
        q = _question(reader, item, items.line_of(i), style, path, layout)
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
    register = Register(path=path, style=style, notes=notes, questions=tuple(questions), rejected=tuple(rejected),
                        layout=layout)
    return register, reader.problems


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

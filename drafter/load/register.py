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
from drafter.load.schema import KINDS
from drafter.errors import DataError, DrafterError, Problem, display_path
from drafter.load.keys import ASKED_IN, ASKER_KEYS, NUMBERINGS, RESERVED_NAMES, AXES, NOTE_NUMBERING, NOTE_STYLES, PERCENT_STYLES, ROUNDINGS, SCALES, shape
from drafter.load.schema import (FIRST_YEAR, LAST_YEAR, AXIS_KEYS, DECIMALS_KEYS, TEXT_COLUMN_KEYS, FIT_CHOICES, MAX_DECIMALS, NEGATIVE_STYLES, PLACEHOLDER_REASONS,
                                  SCALE_FACTORS, UNIT_KEYS, UNIT_KINDS, UNIT_SHOWN, VALUE_KEYS,
                                  did_you_mean, parse_locale)
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
#: The fields a file-name pattern may use: {zittingsjaar}, {number}, ... (see paths.answer_file_name).
FILE_NAME_FIELDS = paths.FILE_NAME_FIELDS
#: The languages a question can be put in (asked_in), and how the Belgian Chamber marks them.


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


#: Keys of a table that mark the budget's short form.
BUDGET_KEYS = ("line", "lines", "years", "kinds")


@dataclass(frozen=True)
class HouseStyle:
    """How figures and notes look; set for the register, overridden per question or table."""

    locale: str = "nl_BE"
    percent_style: str = "symbol"  # 45%  or  45 procent
    rounding: str = "half_up"
    note_style: str = "parentheses"  # (1) under the table; superscript; footnotes (at the foot of the page)
    note_numbering: str = "table"  # one series per table (and per answer part), or one per document
    missing: str | None = None  # what "not applicable" shows; None: the language's (n.v.t.)
    negative: str = "hyphen"  # -1.234; minus: −1.234; parentheses: (1.234)
    fit: str = "smaller"  # a table wider than the text: smaller type, or a landscape page

    FIELDS = {
        "locale": None,
        "percent_style": PERCENT_STYLES,
        "rounding": ROUNDINGS,
        "note_style": NOTE_STYLES,
        "note_numbering": NOTE_NUMBERING,
        "missing": None,
        "negative": NEGATIVE_STYLES,
        "fit": FIT_CHOICES,
    }


@dataclass(frozen=True)
class AxisItem:
    """One value of a dimension as a table shows it: its key in the data, label and notes."""

    key: str  # the value as the data holds it (a year as text: '2016', '1990–91')
    label: str
    notes: tuple[str, ...] = ()
    columns: tuple["AxisItem", ...] = ()  # a column group's own columns (empty: the table's)
    decimals: int | None = None  # precision of this row's or column's figures


@dataclass(frozen=True)
class Axis:
    """What makes a table's rows, columns or column groups: one dimension of the data (its
    values in the order and with the labels given; all of them when none are given), or the
    measures (one per column or row). Rows may be nested: each value of `within` is a
    section with the rows of its own values under it."""

    dimension: str | None  # None: the measures
    items: tuple[AxisItem, ...] = ()
    within: str | None = None
    within_items: tuple[AxisItem, ...] = ()

    @property
    def measures(self) -> bool:
        return self.dimension is None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.items)


@dataclass(frozen=True)
class Unit:
    """What a table's figures are, and where the unit is stated."""

    kind: str = "money"  # one of schema.UNIT_KINDS
    currency: str = "EUR"
    scale: str = "units"  # one of schema.SCALE_FACTORS: what the answer shows
    data_scale: str = "units"  # the scale the data is written in ('148.7' for £148.7 billion: billion)
    show: str = "caption"  # one of schema.UNIT_SHOWN
    text: str | None = None  # the unit in the register's own words ('£000'), instead of drafter's
    legacy: str | None = None  # the budget's short form (euro, thousand, million): its Dutch captions


@dataclass(frozen=True)
class Total:
    """A total row (or column): stated in the data (the value of the axis's dimension that
    holds it, shown as stated, never recomputed) or computed (the sum of the figures shown)."""

    stated: str | None  # None: computed
    label: str | None = None
    notes: tuple[str, ...] = ()
    dimension: str | None = None  # the dimension the stated value belongs to, when the register names it


@dataclass(frozen=True)
class TextColumn:
    """A column of text beside the figures (a description per row), from a column of the data."""

    column: str
    label: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """A table of figures from one data set: rows, columns and column groups each from a
    dimension of the data (or its measures), filtered with `where`."""

    name: str
    data: str
    rows: Axis
    columns: Axis
    place: str  # where it is defined, for messages
    groups: Axis | None = None
    where: dict = field(default_factory=dict)  # dimension -> the values kept
    measure: str | None = None  # None: the data set's (amount, value, count)
    title: str | None = None
    title_notes: tuple[str, ...] = ()
    corner: str = ""
    corner_notes: tuple[str, ...] = ()
    text_columns: tuple[TextColumn, ...] = ()
    unit: Unit = Unit(legacy="euro")
    decimals: int | str = 0  # or "stated": as written in the data
    column_decimals: dict = field(default_factory=dict)
    row_decimals: dict = field(default_factory=dict)
    negative: str | None = None
    placeholders: dict = field(default_factory=dict)  # reason -> text
    total: Total | None = None
    column_total: Total | None = None
    grand_total: Total | None = None  # with nested rows: the sum of every section's rows, last
    remarks: tuple[str, ...] = ()  # unnumbered notes under the table ('Bron: ...')
    note_style: str | None = None
    fit: str | None = None
    budget: bool = False  # written in the budget's short form (line, years, kinds)


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


#: Working days the administration has less than the minister, unless the register says otherwise.
DEFAULT_INTERNAL_DAYS = 5
#: The minister's legal term, in working days after the question was sent.
LEGAL_WORKING_DAYS = 20


@dataclass(frozen=True)
class DeadlineSettings:
    """The house's deadline rules: the register's ``deadlines: {internal_days, closing_days}``."""

    internal_days: int = DEFAULT_INTERNAL_DAYS  # the internal deadline: this many working days before the legal one
    closing_days: tuple[dt.date, ...] = ()  # extra days the house is closed (not working days)


@dataclass(frozen=True)
class Register:
    path: Path
    style: HouseStyle
    notes: str | None
    questions: tuple[Question, ...]
    rejected: tuple[Rejected, ...] = ()  # only when loaded with lenient=True
    deadlines: DeadlineSettings = DeadlineSettings()
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

    def keys(self, mapping, shape_name: str, what: str | None = None) -> None:
        """An unknown key (a typo such as 'afetr:') is an error: what it holds would be lost;
        and a yes/no key holds true or false."""
        if isinstance(mapping, LineDict):
            self.problems.extend(shape(shape_name).check(mapping, self.file, what))

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
            if not FIRST_YEAR <= value <= LAST_YEAR:
                reader.problem(line, f"{what}: {value} is not a year a budget has ({FIRST_YEAR}-{LAST_YEAR})",
                               "Write the years the table shows, e.g. 2014-2018.")
                break
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
        reader.problem(line, f"{what} must be a mapping with data, rows and columns (see the template guide)")
        return None
    before = len(reader.problems)
    reader.keys(spec, "table", what)
    if len(reader.problems) > before:
        return None
    budget = any(k in spec for k in BUDGET_KEYS) or _budget_groups(spec)
    table = _budget_table(reader, name, spec, what) if budget else _general_table(reader, name, spec, what)
    return None if len(reader.problems) > before else table


def _budget_groups(spec: LineDict) -> bool:
    groups = spec.get("groups")
    return isinstance(groups, list) and any(isinstance(g, dict) and "line" in g for g in groups)


def _notes(value) -> tuple[str, ...]:
    value = value or []
    return tuple(str(v) for v in value) if isinstance(value, list) else tuple(str(value).split())


def _as_key(value) -> str:
    return str(value).strip()


def _keyed(items) -> tuple[AxisItem, ...]:
    return tuple(replace(i, key=_as_key(i.key)) for i in items)


def _common(reader: _Reader, spec: LineDict, what: str) -> dict:
    """The options every table has, in either form."""
    decimals = spec.get("decimals", 0)
    column_decimals, row_decimals = {}, {}
    if isinstance(decimals, LineDict):
        for k in decimals:
            if k not in DECIMALS_KEYS:
                reader.problem(decimals.line_of(k), f"{what}: unknown key '{k}' in 'decimals'",
                               f"{did_you_mean(k, DECIMALS_KEYS).strip()} 'decimals' can have: "
                               f"{', '.join(DECIMALS_KEYS)}.".strip())
        column_decimals = {_as_key(k): v for k, v in (decimals.get("columns") or {}).items()}
        row_decimals = {_as_key(k): v for k, v in (decimals.get("rows") or {}).items()}
        decimals = decimals.get("default", 0)
    if not (decimals == "stated" or all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_DECIMALS
                                        for v in [decimals, *column_decimals.values(), *row_decimals.values()])):
        reader.problem(spec.line_of("decimals"), f"{what}: 'decimals' must be a whole number from 0 to {MAX_DECIMALS}, "
                       "'stated' (as written in the data), or {default: 0, columns: {VAK: 1}, rows: {2016: 3}}")
        decimals = 0
    placeholders = {}
    raw = spec.get("placeholders")
    if raw is not None:
        if not isinstance(raw, LineDict):
            reader.problem(spec.line_of("placeholders"), f"{what}: 'placeholders' must map a reason to its text",
                           f"For example {{nil: '—', not_applicable: n.v.t., empty: ''}}; the reasons: "
                           f"{', '.join(PLACEHOLDER_REASONS)}.")
        else:
            for reason, text in raw.items():
                if reason not in PLACEHOLDER_REASONS or not isinstance(text, str):
                    reader.problem(raw.line_of(reason), f"{what}: placeholder '{reason}' is not a reason with a text",
                                   f"The reasons are: {', '.join(PLACEHOLDER_REASONS)}; each with a text ('' for empty).")
                else:
                    placeholders[reason] = text
    missing = reader.get(spec, "missing", str, what, required=False)
    if missing is not None:
        placeholders.setdefault("not_applicable", missing)
    remarks = spec.get("remarks") or []
    if isinstance(remarks, str):
        remarks = [remarks]
    if not isinstance(remarks, list) or not all(isinstance(r, str) for r in remarks):
        reader.problem(spec.line_of("remarks"), f"{what}: 'remarks' must be a text or a list of texts ('Bron: ...')")
        remarks = []
    return dict(
        title=reader.get(spec, "title", str, what, required=False),
        title_notes=_notes(spec.get("title_notes")),
        corner=str(spec.get("corner") or ""),
        corner_notes=_notes(spec.get("corner_notes")),
        decimals=decimals, column_decimals=column_decimals, row_decimals=row_decimals,
        negative=_choice(reader, spec, "negative", NEGATIVE_STYLES, what),
        placeholders=placeholders,
        remarks=tuple(" ".join(r.split()) for r in remarks),
        note_style=_choice(reader, spec, "notes", NOTE_STYLES, what),
        fit=_choice(reader, spec, "fit", FIT_CHOICES, what),
    )


def _budget_table(reader: _Reader, name: str, spec: LineDict, what: str) -> TableSpec | None:
    """The budget's short form (line, years, kinds; rows and columns two of year, line and
    kind; groups of one line's kinds), read into the general form."""
    data = reader.get(spec, "data", str, what)
    years = _axis(reader, spec, "years", _year_keys(reader, spec, what) if "years" in spec else None, "year", what)
    groups = _groups(reader, spec, what) if "groups" in spec else ()
    if groups:
        if any(k in spec for k in ("line", "lines", "kinds", "rows", "columns")):
            reader.problem(spec.line_of("groups"), f"{what}: with 'groups', each group names its line and kinds, "
                           "and the years are the rows", "Leave out line, lines, kinds, rows and columns.")
        lines = tuple({g.key: AxisItem(g.key, g.key) for g in groups}.values())
        kinds = tuple({k.key: k for g in groups for k in g.columns}.values())
    else:
        lines_raw = spec.get("lines", spec.get("line"))
        lines = _axis(reader, spec, "lines" if "lines" in spec else "line", lines_raw, "line", what)
        kinds = _axis(reader, spec, "kinds", spec.get("kinds"), "kind", what)
    rows = _choice(reader, spec, "rows", AXES, what, "year")
    columns = _choice(reader, spec, "columns", AXES, what, "kind")
    for axis_name, items in (("year", years), ("line", lines), ("kind", kinds)):
        if not items:
            reader.problem(spec.line, f"{what}: say which {axis_name}s it shows ('{axis_name}s:')")
    by_axis = {"year": _keyed(years), "line": _keyed(lines), "kind": _keyed(kinds)}
    where = {}
    if rows == columns:
        reader.problem(spec.line_of("columns"), f"{what}: rows and columns must differ (both are {rows!r})")
    elif not groups:
        fixed = next(a for a in AXES if a not in (rows, columns))
        if len(by_axis[fixed]) > 1:
            reader.problem(spec.line, f"{what}: with {rows}s in rows and {columns}s in columns, "
                           f"it can show only one {fixed}", f"Make a table per {fixed}, or choose other rows/columns.")
        where = {fixed: tuple(i.key for i in by_axis[fixed][:1])}
    total_raw = spec.get("total")
    total = None
    if isinstance(total_raw, LineDict):
        label = total_raw.get("label")
        if not isinstance(total_raw.get("line"), str):
            reader.problem(spec.line_of("total"), f"{what}: 'total' must be 'computed' or {{line: <budget line>, label: ...}}")
        else:
            total = Total(total_raw["line"], str(label) if label is not None else None, _notes(total_raw.get("notes")), "line")
    elif total_raw == "computed":
        total = Total(None)
    elif total_raw is not None:
        reader.problem(spec.line_of("total"), f"{what}: 'total' must be 'computed' or {{line: <budget line>, label: ...}}")
    if groups and total is not None and total.stated is not None:
        reader.problem(spec.line_of("total"), f"{what}: a table with groups can only have 'total: computed'")
    unit = _choice(reader, spec, "unit", SCALES, what, "euro")
    common = _common(reader, spec, what)
    if groups:
        return TableSpec(name=name, data=data, rows=Axis("year", by_axis["year"]),
                         columns=Axis("kind", by_axis["kind"]), place=f"line {spec.line}",
                         groups=Axis("line", tuple(replace(g, columns=_keyed(g.columns)) for g in groups)),
                         unit=Unit(scale=unit if unit != "euro" else "units", legacy=unit,
                                   show="caption" if spec.get("show_unit", True) else "none"),
                         total=total, budget=True, **common)
    return TableSpec(name=name, data=data, rows=Axis(rows, by_axis[rows]) if rows else Axis("year"),
                     columns=Axis(columns, by_axis[columns]) if columns else Axis("kind"), place=f"line {spec.line}",
                     where=where, unit=Unit(scale=unit if unit != "euro" else "units", legacy=unit,
                                            show="caption" if spec.get("show_unit", True) else "none"),
                     total=total, budget=True, **common)


def _groups(reader: _Reader, spec: LineDict, what: str) -> tuple[AxisItem, ...]:
    """The budget's column groups: each one line's kinds, under a header that spans them."""
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
        out.append(AxisItem(group["line"], str(group.get("label", group["line"])), _notes(group.get("notes")),
                            columns=kinds))
    return tuple(out)


def _values(reader: _Reader, raw, line: int, what: str, key_name: str, *, groups: bool = False) -> tuple[AxisItem, ...]:
    """The values of an axis, in order: plain values, or {value: ..., label: ..., notes: [...]}."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raw = [raw]
    out = []
    for i, item in enumerate(raw):
        at = raw.line_of(i) if isinstance(raw, LineList) else line
        if isinstance(item, LineDict):
            for key in item:
                if key not in VALUE_KEYS and key != key_name:
                    reader.problem(item.line_of(key), f"{what}: unknown key '{key}' in a value",
                                   f"{did_you_mean(key, (key_name, *VALUE_KEYS)).strip()} A value can have: "
                                   f"{key_name}, {', '.join(k for k in VALUE_KEYS if k != 'value')}.".strip())
            if key_name not in item or isinstance(item[key_name], (dict, list)) or item[key_name] is None:
                reader.problem(at, f"{what}: a value written as a mapping needs '{key_name}:'")
                continue
            decimals = item.get("decimals")
            if decimals is not None and not (isinstance(decimals, int) and 0 <= decimals <= MAX_DECIMALS):
                reader.problem(item.line_of("decimals"), f"{what}: 'decimals' must be a whole number from 0 to {MAX_DECIMALS}")
                decimals = None
            columns = ()
            if "columns" in item:
                if not groups:
                    reader.problem(item.line_of("columns"), f"{what}: only a column group has its own 'columns:'")
                columns = _values(reader, item["columns"], item.line_of("columns"), what, "value")
            key = _as_key(item[key_name])
            label = item.get("label")
            out.append(AxisItem(key, str(label) if label is not None else key, _notes(item.get("notes")),
                                columns=columns, decimals=decimals))
        elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
            out.append(AxisItem(_as_key(item), _as_key(item)))
        else:
            reader.problem(at, f"{what}: {item!r} is not a value", f"Write the value as the data has it, or "
                           f"{{{key_name}: ..., label: ...}}.")
    return tuple(out)


def _general_axis(reader: _Reader, spec: LineDict, key: str, what: str) -> Axis | None:
    """rows: / columns: / groups: as a dimension name, {dimension: ..., values: [...]}, or
    {measures: [...]} (one per column or row); rows may add within: (a dimension of sections)."""
    raw = spec.get(key)
    at = spec.line_of(key)
    if isinstance(raw, str) and raw:
        return Axis(raw)
    if isinstance(raw, LineDict):
        for k in raw:
            if k not in AXIS_KEYS:
                reader.problem(raw.line_of(k), f"{what}: unknown key '{k}' in '{key}'",
                               f"{did_you_mean(k, AXIS_KEYS).strip()} '{key}' can have: {', '.join(AXIS_KEYS)}.".strip())
        if "measures" in raw:
            if "dimension" in raw:
                reader.problem(at, f"{what}: '{key}' takes 'dimension' or 'measures', not both")
            items = _values(reader, raw["measures"], raw.line_of("measures"), what, "measure")
            if not items:
                reader.problem(raw.line_of("measures"), f"{what}: say which measures '{key}' shows")
            return Axis(None, items)
        dimension = raw.get("dimension")
        if not isinstance(dimension, str) or not dimension:
            reader.problem(at, f"{what}: '{key}' needs 'dimension:' (a column of the data) or 'measures:'")
            return None
        within, within_items = raw.get("within"), ()
        if within is not None:
            if key != "rows":
                reader.problem(raw.line_of("within"), f"{what}: only rows can be nested ('within:')")
            if isinstance(within, LineDict):
                within_items = _values(reader, within.get("values"), within.line_of("values"), what, "value")
                within = within.get("dimension")
            if not isinstance(within, str) or not within:
                reader.problem(raw.line_of("within"), f"{what}: 'within' names the dimension of the sections")
                within = None
        return Axis(dimension, _values(reader, raw.get("values"), raw.line_of("values"), what, "value",
                                       groups=key == "groups"), within, within_items)
    reader.problem(at, f"{what}: '{key}' must name a dimension (a column of the data), or be "
                   "{dimension: ..., values: [...]} or {measures: [...]}")
    return None


def _total(reader: _Reader, spec: LineDict, key: str, what: str) -> Total | None:
    raw = spec.get(key)
    if raw is None:
        return None
    if raw == "computed":
        return Total(None)
    if isinstance(raw, LineDict):
        unknown = [k for k in raw if k not in ("computed", "value", "label", "notes", "dimension")]
        if unknown or ("value" in raw) == bool(raw.get("computed")):
            reader.problem(spec.line_of(key), f"{what}: '{key}' must be 'computed', {{computed: true, label: ...}} or "
                           "{value: <the value in the data that states the total>, label: ...}")
            return None
        label = raw.get("label")
        return Total(_as_key(raw["value"]) if "value" in raw else None, str(label) if label is not None else None,
                     _notes(raw.get("notes")), raw.get("dimension"))
    reader.problem(spec.line_of(key), f"{what}: '{key}' must be 'computed' or {{value: <stated total>, label: ...}}")
    return None


def _unit(reader: _Reader, spec: LineDict, what: str) -> Unit:
    raw = spec.get("unit")
    if raw is None:
        return Unit(kind="count", show="none")
    if isinstance(raw, str):
        raw = LineDict({"scale": raw} if raw in SCALE_FACTORS else {"kind": raw})
        raw.line, raw.lines = spec.line_of("unit"), {}
    if not isinstance(raw, LineDict):
        reader.problem(spec.line_of("unit"), f"{what}: 'unit' must be a scale, a kind, or {{currency: GBP, scale: million}}")
        return Unit()
    for k in raw:
        if k not in UNIT_KEYS:
            reader.problem(raw.line_of(k), f"{what}: unknown key '{k}' in 'unit'",
                           f"{did_you_mean(k, UNIT_KEYS).strip()} 'unit' can have: {', '.join(UNIT_KEYS)}.".strip())
    kind = raw.get("kind", "money" if ("currency" in raw or "scale" in raw) else "count")
    if kind not in UNIT_KINDS:
        reader.problem(raw.line_of("kind"), f"{what}: unit '{kind}' is not one drafter knows",
                       f"Use one of {', '.join(UNIT_KINDS)}, or a currency: {{currency: GBP, scale: million}}.")
        kind = "count"
    currency = str(raw.get("currency", "EUR")).upper()
    from babel.numbers import is_currency
    if not is_currency(currency):
        reader.problem(raw.line_of("currency"), f"{what}: '{raw.get('currency')}' is not a currency code",
                       "Write the ISO code of the currency, such as EUR, GBP or USD.")
        currency = "EUR"
    scale = raw.get("scale", "units")
    if scale not in SCALE_FACTORS:
        reader.problem(raw.line_of("scale"), f"{what}: scale {scale!r} is not one drafter knows",
                       f"Use one of {', '.join(k for k in SCALE_FACTORS if k != 'euro')}.")
        scale = "units"
    show = raw.get("show", "none" if kind == "count" else ("cells" if kind == "percent" else "caption"))
    if show not in UNIT_SHOWN:
        reader.problem(raw.line_of("show"), f"{what}: 'show' must be one of {', '.join(UNIT_SHOWN)}, not {show!r}")
        show = "caption"
    if "show_unit" in spec and not spec["show_unit"]:
        show = "none"
    data_scale = raw.get("data_scale", "units")
    if data_scale not in SCALE_FACTORS:
        reader.problem(raw.line_of("data_scale"), f"{what}: data_scale {data_scale!r} is not a scale drafter knows",
                       f"Use one of {', '.join(k for k in SCALE_FACTORS if k != 'euro')}.")
        data_scale = "units"
    text = raw.get("text")
    return Unit(kind=kind, currency=currency, scale="units" if scale == "euro" else scale, show=show,
                data_scale="units" if data_scale == "euro" else data_scale, text=str(text) if text is not None else None)


def _general_table(reader: _Reader, name: str, spec: LineDict, what: str) -> TableSpec | None:
    data = reader.get(spec, "data", str, what)
    rows = _general_axis(reader, spec, "rows", what) if "rows" in spec else None
    columns = _general_axis(reader, spec, "columns", what) if "columns" in spec else None
    if "rows" not in spec or "columns" not in spec:
        reader.problem(spec.line, f"{what}: say what makes its rows and its columns ('rows:' and 'columns:')",
                       "Name a dimension (a column of the data) for each, e.g. rows: department, columns: year.")
    groups = _general_axis(reader, spec, "groups", what) if "groups" in spec else None
    if rows is None or columns is None:
        return None
    axes = [a for a in (rows, columns, groups) if a is not None]
    dims = [a.dimension for a in axes if a.dimension is not None] + ([rows.within] if rows.within else [])
    if len(dims) != len(set(dims)):
        reader.problem(spec.line, f"{what}: rows, columns and groups must each show another dimension")
    if sum(a.measures for a in axes) > 1:
        reader.problem(spec.line, f"{what}: only one of rows, columns and groups can show the measures")
    where = {}
    raw_where = spec.get("where")
    if raw_where is not None:
        if not isinstance(raw_where, LineDict):
            reader.problem(spec.line_of("where"), f"{what}: 'where' must map dimensions to values: {{type: resource}}")
        else:
            for dim, value in raw_where.items():
                values = value if isinstance(value, list) else [value]
                where[str(dim)] = tuple(_as_key(v) for v in values)
                if str(dim) in dims:
                    reader.problem(raw_where.line_of(dim), f"{what}: '{dim}' is shown in the table, so 'where' cannot "
                                   "filter it", f"Choose its values in the axis: {{dimension: {dim}, values: [...]}}.")
    measure = reader.get(spec, "measure", str, what, required=False)
    if measure is not None and any(a.measures for a in axes):
        reader.problem(spec.line_of("measure"), f"{what}: 'measure' and an axis of measures cannot go together",
                       "Leave out 'measure:' (the axis names the measures).")
    text_columns = []
    raw_text = spec.get("text_columns") or []
    for i, item in enumerate(raw_text if isinstance(raw_text, list) else [raw_text]):
        if isinstance(item, str):
            text_columns.append(TextColumn(item, item))
        elif isinstance(item, LineDict) and isinstance(item.get("column"), str):
            for k in item:
                if k not in TEXT_COLUMN_KEYS:
                    reader.problem(item.line_of(k), f"{what}: unknown key '{k}' in a text column",
                                   f"{did_you_mean(k, TEXT_COLUMN_KEYS).strip()} A text column can have: "
                                   f"{', '.join(TEXT_COLUMN_KEYS)}.".strip())
            text_columns.append(TextColumn(item["column"], str(item.get("label", item["column"])), _notes(item.get("notes"))))
        else:
            reader.problem(spec.line_of("text_columns"), f"{what}: a text column is a column of the data, "
                           "or {column: ..., label: ...}")
    total = _total(reader, spec, "total", what)
    column_total = _total(reader, spec, "column_total", what)
    grand_total = _total(reader, spec, "grand_total", what)
    if grand_total is not None and (grand_total.stated is not None or not rows.within):
        reader.problem(spec.line_of("grand_total"), f"{what}: 'grand_total' is the computed sum of nested rows",
                       "Write 'grand_total: computed' (or {computed: true, label: ...}) in a table with "
                       "rows: {dimension: ..., within: ...}; for other tables use 'total:'.")
        grand_total = None
    for t, axis, key in ((total, rows, "total"), (column_total, columns, "column_total")):
        if t is not None and t.dimension is not None and t.dimension != axis.dimension:
            reader.problem(spec.line_of(key), f"{what}: the '{key}' is over '{t.dimension}', which the table does not "
                           f"show as its {'rows' if key == 'total' else 'columns'}",
                           f"Total the dimension of the {'rows' if key == 'total' else 'columns'} "
                           f"({axis.dimension or 'the measures'}), or show '{t.dimension}' there.")
    return TableSpec(name=name, data=data, rows=rows, columns=columns, place=f"line {spec.line}", groups=groups,
                     where=where, measure=measure, text_columns=tuple(text_columns), unit=_unit(reader, spec, what),
                     total=total, column_total=column_total, grand_total=grand_total, **_common(reader, spec, what))


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
        if isinstance(entry, LineDict) and any(k not in shape("block").names for k in entry):
            reader.keys(entry, "block", what)
            continue
        reader.problem(line, f"{what}: a block is one of 'text: ...', 'table: <name>', 'list: [...]' or 'bullets: [...]'")
    return blocks


def _parts(reader: _Reader, answer: LineDict, subquestions: dict[int, str]) -> tuple[AnswerPart, ...]:
    reader.keys(answer, "answer")
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
        reader.keys(item, "part", what)
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


def project_style(register_path: Path) -> HouseStyle:
    """The house style the project file (drafter.toml) above the register sets, checked;
    the plain default when there is none. A wrong value is a DataError naming its line."""
    file = paths.find_project_file(Path(register_path).parent)
    if file is None:
        return HouseStyle()
    changes, problems = {}, []
    for key, value in paths.read_project(file).house_style.items():
        place = paths.house_style_place(file, key)
        allowed = HouseStyle.FIELDS.get(key, ())
        if key not in HouseStyle.FIELDS:
            problems.append(Problem(f"[house_style] has no setting {key!r}", file=display_path(file), place=place,
                                    hint=f"It may set: {', '.join(HouseStyle.FIELDS)}."))
        elif allowed is not None and value not in allowed:
            problems.append(Problem(f"[house_style] {key} must be one of {', '.join(allowed)}, not {value!r}",
                                    file=display_path(file), place=place))
        elif key == "locale":
            try:
                changes[key] = str(parse_locale(value))
            except DrafterError as exc:
                problems.append(Problem(f"[house_style] {exc.problems[0].message}", file=display_path(file),
                                        place=place, hint=exc.problems[0].hint))
        else:
            changes[key] = value
    if problems:
        raise DataError(problems=problems)
    return replace(HouseStyle(), **changes)


def _question(reader: _Reader, raw, line: int, register_style: HouseStyle, path: Path,
              register_layout: Layout = Layout()) -> Question | None:
    if not isinstance(raw, LineDict):
        reader.problem(line, "a question must be a mapping of fields")
        return None
    before = len(reader.problems)
    number = reader.get(raw, "number", int, "question")
    what = f"question {number}" if number is not None else "question"
    reader.keys(raw, "question", what)
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
        reader.keys(minister_raw, "minister", f"{what}, minister")
        name = reader.get(minister_raw, "name", str, f"{what}, minister")
        title = reader.get(minister_raw, "title", str, f"{what}, minister")
        role = reader.get(minister_raw, "role", str, f"{what}, minister", required=False)
        department = reader.get(minister_raw, "department", str, f"{what}, minister", required=False)
        gender = _choice(reader, minister_raw, "gender", ("f", "m"), f"{what}, minister")
        minister = Minister(name or "", title or "", role, department, gender)
    template = reader.get(raw, "template", str, what)
    if template is not None and (Path(template).name != template or not template.endswith(".docx")
                                 or _CONTROL.search(template)):
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
        elif name in RESERVED_NAMES:
            reader.problem(data_raw.key_line(name), f"{what}: a data set cannot be named {name!r}: templates and texts "
                           "already use that name", "Give it another name, e.g. 'budget' or 'cijfers', here and in the "
                           "tags that use it.")
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
    defined = {str(name) for name in tables_raw}  # a table with a mistake is reported once, where it is
    answer = reader.get(raw, "answer", dict, what) or LineDict()
    parts = _parts(reader, answer, subquestions) if answer else ()
    for part in parts:
        for block in part.blocks:
            if block.table is not None and block.table not in defined:
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
    """A file name relative to the register's folder that cannot lead outside it (and holds
    no NUL or other control character, which no file name has)."""
    return (isinstance(file, str) and bool(file) and not _CONTROL.search(file) and not Path(file).is_absolute()
            and ".." not in Path(file).parts)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


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
    reader = _Reader(path)
    if not isinstance(raw, LineDict):
        raise DataError(
            "the register must be a mapping with 'questions:'",
            file=display_path(path),
            hint="Start from the example in data/questions.yaml.",
        )
    reader.keys(raw, "register")
    style = _style(reader, raw, project_style(path), "register")
    layout = _layout(reader, raw, Layout(), "register")
    notes = reader.get(raw, "notes", str, "register", required=False)
    if notes is not None and not _inside_folder(notes):
        reader.problem(raw.line_of("notes"), f"register: notes file {notes!r} must be a file name inside the data folder",
                       "Give a path relative to the register's folder, without '..'.")
        notes = None
    deadlines = _deadlines(reader, raw)
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
                        deadlines=deadlines, layout=layout)
    return register, reader.problems


def _deadlines(reader: _Reader, raw: LineDict) -> DeadlineSettings:
    """The register's ``deadlines:`` (internal_days, closing_days), each mistake at its line."""
    spec = raw.get("deadlines")
    if spec is None:
        return DeadlineSettings()
    example = "deadlines: {internal_days: 5, closing_days: [2026-12-24]}"
    if not isinstance(spec, LineDict):
        reader.problem(raw.line_of("deadlines"), "register: 'deadlines' must be a mapping", f"Write e.g. {example}.")
        return DeadlineSettings()
    for key in spec:
        if key not in ("internal_days", "closing_days"):
            reader.problem(spec.line_of(key), f"register, deadlines: unknown setting {key!r}",
                           "The settings are internal_days and closing_days.")
    days = spec.get("internal_days", DEFAULT_INTERNAL_DAYS)
    if not isinstance(days, int) or isinstance(days, bool) or not 0 <= days < LEGAL_WORKING_DAYS:
        reader.problem(spec.line_of("internal_days"), f"register, deadlines: 'internal_days' must be a whole number "
                       f"from 0 to {LEGAL_WORKING_DAYS - 1}, not {days!r}",
                       "It is how many working days before the legal deadline the administration's draft is due.")
        days = DEFAULT_INTERNAL_DAYS
    closing = spec.get("closing_days") or []
    if not isinstance(closing, list):
        closing = [closing]
    dates = []
    for i, day in enumerate(closing):
        if isinstance(day, dt.date) and not isinstance(day, dt.datetime):
            dates.append(day)
        else:
            line = closing.line_of(i) if isinstance(closing, LineList) else spec.line_of("closing_days")
            reader.problem(line, f"register, deadlines: closing day {day!r} is not a date",
                           "Write each closing day as YYYY-MM-DD, e.g. 2026-12-24.")
    return DeadlineSettings(internal_days=days, closing_days=tuple(sorted(set(dates))))


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

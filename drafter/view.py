"""The answer's view: everything a template shows, computed from the data.

Templates receive these plain objects, never files: the question, the minister, the
numbered answer parts, the tables (cells formatted, note calls numbered) and the data sets
(for figures in texts). Texts in the register and the notes file are rendered here, in the
same strict sandbox as the Word templates, so a figure in a text comes from the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from . import datasets
from .errors import DataError, DrafterError, Problem, display_path
from .formatting import Formatter, parse_locale
from .jinja import FORMATTER_KEY, compile_text
from .notes import Note, NoteSeries, unknown_note
from .register import Question, Register, TableSpec

#: Between a value and its note calls: a non-breaking space keeps them on one line.
NBSP = "\u00a0"


@dataclass(frozen=True)
class Cell:
    value: str  # the formatted figure, placeholder or label ('' when none)
    calls: tuple[Note, ...] = ()
    numeric: bool = False

    @property
    def markers(self) -> str:
        return NBSP.join(n.marker for n in self.calls)

    @property
    def text(self) -> str:
        return NBSP.join(x for x in (self.value, self.markers) if x)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Row:
    label: Cell
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class TableView:
    name: str
    corner: Cell
    columns: tuple[Cell, ...]
    rows: tuple[Row, ...]
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class PartView:
    numbers: tuple[int, ...]
    paragraphs: tuple[str, ...]
    table: TableView | None
    after: tuple[str, ...]

    @property
    def number(self) -> str:
        """'1', or '1 en 3' for a combined answer."""
        if len(self.numbers) == 1:
            return str(self.numbers[0])
        return ", ".join(map(str, self.numbers[:-1])) + " en " + str(self.numbers[-1])

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


@dataclass(frozen=True)
class QuestionView:
    number: int
    zittingsjaar: str
    title: str
    date: str
    asker: str
    introduction: tuple[str, ...]
    subquestions: dict[int, str]


@dataclass
class AnswerView:
    """The whole context of one answer document."""

    question: Question
    formatter: Formatter
    data: dict[str, object]
    context: dict = field(default_factory=dict)

    @property
    def template(self) -> str:
        return self.question.template


class _TextRenderer:
    """Renders texts from the data with the figures of one question."""

    def __init__(self, register: Register, question: Question, context: dict) -> None:
        self.register_file = display_path(register.path)
        self.question = question
        self.context = context

    def render(self, text: str, file: str, place: str, what: str) -> str:
        if "{" not in text:
            return text
        try:
            return compile_text(text).render(self.context)
        except DrafterError as exc:
            problems = [
                Problem(f"{what}: {p.message}" + (f" ({p.file}, {p.place})" if p.file else ""),
                        file=file, place=place, hint=p.hint)
                for p in exc.problems
            ]
            raise DataError(problems=problems) from None
        except TemplateError as exc:
            raise DataError(
                f"{what}: {exc.message or exc}",
                file=file,
                place=place,
                hint="Check the {{ ... }} tags in this text; the README lists the names and filters you can use.",
            ) from None
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise DataError(f"{what}: {exc}", file=file, place=place, hint="Check the {{ ... }} tags in this text.") from None


def load_data(register: Register, question: Question, load=datasets.load_dataset) -> dict[str, object]:
    """Load every data file the question names (with load(name, path)); all problems are reported together."""
    loaded, problems = {}, []
    for name, file in question.data.items():
        try:
            loaded[name] = load(name, register.data_dir / file)
        except DrafterError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems=problems)
    return loaded


def build_table(spec: TableSpec, data: dict, fmt: Formatter, series: NoteSeries, register_file: str) -> TableView:
    source = data.get(spec.data)
    if not isinstance(source, datasets.BudgetData):
        raise DataError(
            f"table '{spec.name}' takes its figures from '{spec.data}', which is not a budget table of this question",
            file=register_file,
            place=spec.place,
            hint=f"Name one of the question's data sets under 'data:' ({', '.join(data) or 'none'}).",
        )
    if not any(k[0] == spec.line for k in source.cells):
        raise DataError(
            f"table '{spec.name}': budget line '{spec.line}' is not in {source.file}",
            file=register_file,
            place=spec.place,
            hint=f"Lines in that file: {', '.join(source.lines())}.",
        )
    source_file = source.file  # shown in messages; worked out once, not per cell
    rows = []
    for year in spec.years:
        cells = []
        for column in spec.columns:
            cell = source.cell(spec.line, year, column.kind)
            if cell is None:
                raise DataError(
                    f"table '{spec.name}' needs budget line '{spec.line}', {year} {column.kind}, which has no row",
                    file=source_file,
                    hint="Add the row (leave the amount empty or write n.v.t. when there is no figure).",
                )
            calls = tuple(series.call(key, f"{source_file}, {cell.place}") for key in cell.notes)
            if cell.status == "value":
                value = fmt.number(cell.amount)
            elif cell.status == "not_applicable":
                value = fmt.not_applicable
            else:
                value = ""
            cells.append(Cell(value, calls, numeric=True))
        rows.append(Row(Cell(str(year)), tuple(cells)))
    return TableView(
        name=spec.name,
        corner=Cell(""),
        columns=tuple(Cell(c.label, numeric=True) for c in spec.columns),
        rows=tuple(rows),
        notes=tuple(series.notes),
    )


def build_view(register: Register, question: Question, notes: datasets.NoteCatalog,
               load=datasets.load_dataset) -> AnswerView:
    """Load the question's data (with load(name, path)) and compute everything its template shows."""
    locale = parse_locale(question.locale, file=display_path(register.path), place=question.place)
    fmt = Formatter(locale=str(locale))
    data = load_data(register, question, load)
    for name, value in data.items():
        if isinstance(value, datasets.SharesData):
            data[name] = value.with_formatter(fmt)
    register_file = display_path(register.path)
    context: dict = {FORMATTER_KEY: fmt, **data}
    texts = _TextRenderer(register, question, context)

    def resolve_note(key: str, used_at: str) -> str:
        if key not in notes.texts:
            raise unknown_note(key, used_at, notes.file, notes.texts)
        return texts.render(notes.texts[key], notes.file, f"line {notes.lines.get(key, 0)}", f"note '{key}'")

    tables = {}
    for name, spec in question.tables.items():
        tables[name] = build_table(spec, data, fmt, NoteSeries(resolve_note), register_file)

    def render_all(items, place, what):
        return tuple(texts.render(t, register_file, place, what) for t in items)

    parts = []
    for part in question.parts:
        what = f"answer part {part.numbers[0]}"
        parts.append(
            PartView(
                numbers=part.numbers,
                paragraphs=render_all(part.text, part.place, what),
                table=tables[part.table] if part.table else None,
                after=render_all(part.after, part.place, what),
            )
        )
    qview = QuestionView(
        number=question.number,
        zittingsjaar=question.zittingsjaar,
        title=question.title,
        date=fmt.date(question.date),
        asker=question.asker,
        introduction=question.introduction,
        subquestions=question.subquestions,
    )
    context.update(
        question=qview,
        minister=question.minister,
        answer={"preamble": render_all(question.preamble, question.place, "preamble"), "parts": parts},
        answers={n: p for p in parts for n in p.numbers},
        tables=tables,
    )
    return AnswerView(question=question, formatter=fmt, data=data, context=context)


def notes_path(register: Register) -> Path | None:
    return register.data_dir / register.notes if register.notes else None

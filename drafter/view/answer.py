"""The answer's view: everything a template shows, computed from the data.

Templates receive these plain objects, never files: the question, the minister, the
numbered answer parts and their blocks, the tables (cells formatted, note calls numbered)
and the data sets (for figures in texts). Texts in the register and the notes file are
rendered here, in the same strict sandbox as the Word templates, so a figure in a text
comes from the data.

The view is built in reading order (answer part by answer part; in a table: title, column
headers, then row by row, left to right), so that notes are numbered as a reader meets them.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError

from drafter.load import datasets, schema
from drafter.load.schema import did_you_mean
from drafter.errors import DataError, DrafterError, Problem, display_path, readable
from drafter.view.figures import recorded_file, FigureCollector, Source, traced
from drafter.view.footnotes import FootnoteCollector
from drafter.view.formatting import Formatter, parse_locale
from drafter.view.jinja import FIGURES_KEY, TYPOGRAPHIC_QUOTES, FOOTNOTES_KEY, FORMATTER_KEY, NOTES_KEY, compile_text
from drafter.view.notes import NBSP, Note, NoteSeries, unknown_note
from drafter.load.register import ASKED_IN, Axis, AxisItem, HouseStyle, Question, Register, TableSpec

#: How a language puts 'to' and 'of' before a minister's title, by the minister's gender
#: (None: when the register does not say; a language that needs it has no None entry). A
#: language not listed takes the Dutch words, as the other fixed words do (formatting.WORDS).
MINISTER_ARTICLES = {
    "nl": {None: ("aan de", "van de")},
    "fr": {"m": ("au", "du"), "f": ("à la", "de la")},
    "en": {None: ("to the", "of the")},
}



@dataclass(unsafe_hash=True)
class Cell:
    """A table's cell. Hashed and compared as a frozen class would be, but not frozen: a table of
    a thousand rows makes thousands, and a frozen class's field-by-field __init__ cost a sixth of
    building its view (a template cannot change an attribute in any case)."""

    text: str  # the value with its note calls: '14.250.000 (2)'
    numeric: bool = False
    total: bool = False  # a figure of a total column
    marked: str = ""  # the same with its figure marked for the Word stage (view/figures)

    def __str__(self) -> str:
        return self.marked or self.text


@dataclass(unsafe_hash=True)
class Row:
    """A table's row; like Cell, not frozen."""

    label: Cell
    cells: tuple[Cell, ...]  # text columns first, then the figures
    total: bool = False
    section: bool = False  # the heading of a section of nested rows: a label, no cells


@dataclass(frozen=True)
class Group:
    """A header over several columns (the first of two header rows)."""

    label: Cell
    span: int  # how many columns it covers

    def __str__(self) -> str:
        return self.label.text


@dataclass(frozen=True)
class TableView:
    name: str
    title: Cell | None
    caption: str  # the unit, stated once: 'bedragen in euro' ('' when hidden)
    corner: Cell
    columns: tuple[Cell, ...]
    rows: tuple[Row, ...]  # the total row, if any, is the last
    notes: tuple[Note, ...]  # the notes printed under the table, in number order
    note_style: str
    groups: tuple[Group, ...] = ()  # headers over several columns, left to right
    lead: int = 0  # how many of the columns are text columns (before the figures, under no group)
    remarks: tuple[str, ...] = ()  # unnumbered notes under the table ('Bron: ...')
    fit: str = "smaller"  # what a table wider than the text does: smaller type or a landscape page

    @property
    def body_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if not r.total)

    @property
    def total(self) -> Row | None:
        return next((r for r in self.rows if r.total), None)


@dataclass(frozen=True)
class BlockView:
    kind: str  # "text", "table", "list" or "bullets"
    text: str = ""
    table: TableView | None = None
    items: tuple[str, ...] = ()
    first: bool = False  # the part's first block: it carries the part's number


@dataclass(frozen=True)
class SubQuestion:
    """A sub-question as the question put it, for layouts that repeat it before its answer."""

    number: int
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class PartView:
    numbers: tuple[int, ...]
    number: str  # '1', or '1 en 3' for a combined answer
    heading: str  # '' or 'Antwoord op vragen 1 en 3'
    blocks: tuple[BlockView, ...]
    notes: tuple[Note, ...]  # notes called in the part's texts, printed after it
    numbered: bool = True  # whether the layout numbers this answer ("1.", "Antwoord 1"): see numbering
    questions: tuple[SubQuestion, ...] = ()  # the sub-questions it answers, in order

    @property
    def combined(self) -> bool:
        return len(self.numbers) > 1

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The texts before the part's first table."""
        out = []
        for b in self.blocks:
            if b.kind != "text":
                break
            out.append(b.text)
        return tuple(out)

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)

    @property
    def table(self) -> TableView | None:
        return next((b.table for b in self.blocks if b.kind == "table"), None)

    @property
    def after(self) -> tuple[str, ...]:
        """The texts after the part's first table."""
        seen, out = False, []
        for b in self.blocks:
            if b.kind == "table":
                if seen:
                    break
                seen = True
            elif seen and b.kind == "text":
                out.append(b.text)
        return tuple(out)


@dataclass(frozen=True)
class AskerView:
    name: str
    party: str | None
    title: str | None  # 'de heer', 'mevrouw'

    def __str__(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name


@dataclass(frozen=True)
class MinisterView:
    """The minister as a template shows them; what a layout needs and the register lacks is an
    error that says which key to add."""

    name: str
    title: str
    given_role: str | None = None
    given_department: str | None = None
    articles: tuple[str, str] | None = None  # ('aan de', 'van de'); None: the language needs the gender

    def _needs(self, key: str, example: str):
        raise DrafterError(f"this layout prints the minister's {key}, which the register does not give",
                           hint=f"Add '{key}: {example}' under the question's 'minister:' in the register.")

    @property
    def role(self) -> str:
        """'Minister', 'Staatssecretaris'."""
        return self.given_role or self._needs("role", "Minister")

    @property
    def department(self) -> str:
        return self.given_department or self._needs("department", "Financiën")

    def _with_article(self, which: int) -> str:
        if self.articles is None:
            raise DrafterError("in this language the words before the minister's title depend on the minister's "
                               "gender ('au ministre', 'à la ministre'), which the register does not give",
                               hint="Add 'gender: f' or 'gender: m' under the question's 'minister:' in the register.")
        return f"{self.articles[which]} {self.title}"

    @property
    def to(self) -> str:
        """'aan de minister van Financiën', 'au ministre des Finances', 'à la ministre de l’Intérieur'."""
        return self._with_article(0)

    @property
    def of(self) -> str:
        """'van de minister van Financiën', 'du ministre des Finances', 'de la ministre de l’Intérieur'."""
        return self._with_article(1)


@dataclass(frozen=True)
class QuestionView:
    number: int
    zittingsjaar: str
    title: str
    date: str
    asker: str  # every asker, 'A, B en C', each with the title before the name
    reference: str  # 'op vraag nr. 4 van 7 oktober 2019 van N.N.'
    introduction: tuple[str, ...]
    subquestions: dict[int, str]
    askers: tuple[AskerView, ...] = ()
    askers_with_party: str = ""  # 'Erkens (VVD)'; 'Bouchallikh, Bromet en Kröger (allen GroenLinks)'
    answered: str = ""  # the date of the answer ('[datum onbekend]' until the register gives it)
    asked_in: str | None = None  # 'N.', 'Fr.': the language the question was put in (Belgian Chamber)
    questions: tuple[SubQuestion, ...] = ()  # the sub-questions in order, each with its number

    @property
    def several(self) -> bool:
        """More than one member asked: 'de leden' rather than 'het lid'."""
        return len(self.askers) > 1


@dataclass
class AnswerView:
    """The whole context of one answer document."""

    question: Question
    formatter: Formatter
    data: dict[str, object]
    context: dict = field(default_factory=dict)


class NoteCalls:
    """Notes called from texts ({{ note("key") }}): numbered in the current answer part's series."""

    def __init__(self) -> None:
        self.series: NoteSeries | None = None
        self.printed: list[Note] = []
        self.where = ""

    def call(self, key: str) -> str:
        if self.series is None:
            raise DrafterError(f"note('{key}') can only be used in the texts of answer parts",
                               hint="Attach notes to table cells in the data, or call note() in a part's text.")
        note, first = self.series.note(key, self.where)
        if first and note.printed:
            self.printed.append(note)
        calls = self.series.calls([note])
        # in running text a call in parentheses follows the word after a (non-breaking) space
        return NBSP + calls if self.series.style == "parentheses" else calls


class _TextRenderer:
    """Renders texts from the data with the figures of one question."""

    def __init__(self, context: dict) -> None:
        self.context = context

    def render(self, text: str, file: str, place: str, what: str) -> str:
        if "{" not in text and "}" not in text:
            return text
        figures, where = self.context.get(FIGURES_KEY), None
        if figures is not None:
            where, figures.where = figures.where, what  # a note rendered inside a text has its own
        try:
            return compile_text(text).render(self.context)
        except DrafterError as exc:
            problems = [
                Problem(f"{what}: {p.message}" + (f" ({', '.join(filter(None, (p.file, p.place)))})" if p.file else ""),
                        file=file, place=place, hint=p.hint)
                for p in exc.problems
            ]
            raise DataError(problems=problems) from None
        except TemplateError as exc:
            quotes = [q for q in TYPOGRAPHIC_QUOTES if q in "".join(re.findall(r"\{[{%].*?[}%]\}", text, re.S))]
            hint = (f"Retype the quotes {' '.join(quotes)} in the tag as straight quotes (\" or ')."
                    if quotes else
                    "Check the {{ ... }} tags in this text; the template guide lists the names and filters you can use.")
            raise DataError(f"{what}: {readable(exc.message or exc)}", file=file, place=place, hint=hint) from None
        except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as exc:
            raise DataError(f"{what}: {readable(exc)}", file=file, place=place, hint="Check the {{ ... }} tags in this text.") from None
        finally:
            if figures is not None:
                figures.where = where


def load_data(register: Register, question: Question, load=datasets.load_dataset) -> dict[str, object]:
    """Load every data file the question names (with load(name, path)); all problems are reported together."""
    loaded, problems = {}, []
    for name, file in question.data.items():
        try:
            loaded[name] = load(name, register.data_dir / file)
            # the answer's figure record names the file as the register does ('budget.csv'), not as
            # this run's working folder shows it: the same inputs give the same bytes, and no
            # folder of the author's machine travels inside the answer
            loaded[name].recorded_file = Path(file).as_posix()
        except DrafterError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems=problems)
    return loaded


@dataclass(frozen=True)
class _Column:
    """A column of a table's figures, as every row meets it (see _TableBuilder.plan)."""

    group: AxisItem | None
    item: AxisItem
    label: str  # as the figure record names it ('2019, VAK'): _TableBuilder.column_of
    key: str
    place: tuple[tuple, str | None]  # its part of a figure's coordinates, and its measure: column_place
    decimals: tuple[int | None, int | None]  # what it says of its figures' decimals: column_decimals
    total: bool  # the column total, the last column
    computed: bool  # a computed column total: the sum of the row's figures


class _TableBuilder:
    """Builds one table from a data set of figures, calling its notes in reading order:
    title, corner, group headers, column headers, then row by row (label, text, figures)."""

    def __init__(self, spec: TableSpec, source: datasets.FiguresData, fmt: Formatter, series: NoteSeries,
                 house: HouseStyle, register_file: str, render_text, figures: FigureCollector | None = None) -> None:
        self.spec, self.source, self.series = spec, source, series
        self.figures = figures  # every figure placed is recorded with its source (view/figures)
        #: a figure recorded as raw = the shown number * scale, in units (a table may show thousands of data in millions)
        self.scale = schema.SCALE_FACTORS[spec.unit.scale]
        self.data_factor = schema.SCALE_FACTORS[spec.unit.data_scale]
        #: the values the table fixes (where: {line: clusters}): the first part of each figure's key
        self.fixed = ", ".join(str(v[0]) for v in spec.where.values() if len(v) == 1)
        self.grand_sources: dict[int, list[Source]] = {}  # per column: the figures of every section (a grand total)
        self.fmt = replace(fmt, negative=spec.negative or house.negative)
        self.register_file = register_file
        self.where = f"{register_file}, table '{spec.name}'"
        self.key_prefix = f"table '{spec.name}', "  # of every figure's key: its place in the table follows
        self.render_text = render_text
        self.house_fit = house.fit
        self.placeholders = {
            "not_applicable": house.missing if house.missing is not None else fmt.not_applicable,
            "nil": fmt.words["placeholder_nil"], "unknown": fmt.words["placeholder_unknown"], "empty": "",
            **spec.placeholders,
        }
        self.writers: dict = {}  # per precision: how the table's figures are written (Formatter.figure_writer)
        self.budget = isinstance(source, datasets.BudgetData)
        self.recorded_file = recorded_file(source)
        self.printed: list[Note] = []
        self.seen_decimals: dict[int, int] = {}  # per column: the most decimals a figure was written with
        self.shown_keys: dict[str, set[str]] = {"rows": set(), "columns": set()}  # what decimals: may name
        self.columns_shown = False  # whether the columns of a row of figures are in shown_keys yet

    # ---- notes
    def calls(self, keys, used_at: str) -> str:
        notes = []
        for key in keys:
            note, first = self.series.note(key, used_at)
            notes.append(note)
            if first and note.printed:
                self.printed.append(note)
        return self.series.calls(notes)

    def labelled(self, label: str, keys, used_at: str, numeric=False, total=False) -> Cell:
        return Cell(self.series.attach(label, self.calls(keys, used_at)) if keys else label, numeric, total)

    # ---- the data
    def problem(self, message: str, hint: str, file: str | None = None, place: str | None = None) -> DataError:
        return DataError(f"table '{self.spec.name}': {message}", file=file or self.register_file,
                         place=place if file else self.spec.place, hint=hint)

    def dimension_word(self, dimension: str) -> str:
        return schema.DIMENSION_WORDS.get(dimension, f"the {dimension}") if self.spec.budget else f"the {dimension}"

    def check_dimension(self, dimension: str) -> None:
        if dimension not in self.source.columns:
            known = [c for c in self.source.columns if c not in schema.SPECIAL_COLUMNS]
            raise self.problem(f"'{dimension}' is not a column of {self.source.file}",
                               f"Name one of its columns: {', '.join(known)}.{did_you_mean(dimension, known)}")

    def check_values(self, dimension: str, keys, indexes) -> None:
        if self.spec.budget and dimension != "line":
            return  # a year or kind without a row: the figure it needs is named (missing_figure)
        present = set(self.source.values(dimension, indexes if not self.spec.budget else None))
        for key in keys:
            if key not in present:
                if self.spec.budget:  # the budget's own words: "budget line 'x' is not in data/budget.csv"
                    raise DataError(f"table '{self.spec.name}': {self.dimension_word(dimension)} '{key}' is not in "
                                    f"{self.source.file}", file=self.register_file, place=self.spec.place,
                                    hint=f"Lines in that file: {', '.join(sorted(present))}.")
                shown = sorted(present)
                raise self.problem(f"{dimension} '{key}' is not in {self.source.file}",
                                   f"Its values there: {', '.join(shown[:30])}{' ...' if len(shown) > 30 else ''}."
                                   f"{did_you_mean(key, shown)}")

    def measure(self) -> str:
        spec = self.spec
        if spec.measure is not None:
            self.check_dimension(spec.measure)
            return spec.measure
        shown = {spec.rows.dimension, spec.rows.within, spec.columns.dimension, *spec.where,
                 spec.groups.dimension if spec.groups else None, *(t.column for t in spec.text_columns)}
        measures = [m for m in self.source.measures() if m not in shown]
        if not measures:
            raise self.problem(f"{self.source.file} has no column of figures besides the ones the table shows",
                               "Name the column of figures with 'measure:'.")
        return measures[0]

    def items(self, axis: Axis, indexes, exclude=()) -> list[AxisItem]:
        """The values an axis shows: those given, or all the data has (in its order)."""
        if axis.measures:
            for item in axis.items:
                self.check_dimension(item.key)
            return list(axis.items)
        self.check_dimension(axis.dimension)
        if axis.items:
            self.check_values(axis.dimension, axis.keys, indexes)
            return list(axis.items)
        return [AxisItem(v, v) for v in self.source.values(axis.dimension, indexes) if v not in exclude]

    def decimals_of(self, figure, row: AxisItem | None, column: AxisItem | None, group: AxisItem | None) -> int:
        if row is not None:
            self.shown_keys["rows"].add(row.key)
        if column is not None:
            self.shown_keys["columns"].add(column.key)
        return self.pick_decimals(figure, self.row_decimals(row), self.column_decimals(column, group))

    def row_decimals(self, row: AxisItem | None) -> tuple[int | None, int | None]:
        """What a row says of its figures' decimals: its own, and what the table's decimals: rows: says."""
        if row is None:
            return None, None
        return row.decimals, self.spec.row_decimals.get(row.key)

    def column_decimals(self, column: AxisItem | None, group: AxisItem | None) -> tuple[int | None, int | None]:
        """What a column (and its group) says: its own (or its group's), and the table's decimals: columns:."""
        own = column.decimals if column is not None else None
        if own is None and group is not None:
            own = group.decimals
        return own, self.spec.column_decimals.get(column.key) if column is not None else None

    def pick_decimals(self, figure, row: tuple[int | None, int | None], column: tuple[int | None, int | None]) -> int:
        """A figure's decimals: the row's own, the column's (or its group's), then the table's for that
        row or that column, then the table's rule (as stated, or one precision)."""
        for decimals in (row[0], column[0], row[1], column[1]):
            if decimals is not None:
                return decimals
        if self.spec.decimals == "stated":
            return figure.decimals if figure is not None else 0
        return self.spec.decimals

    def check_decimals_keys(self) -> None:
        """A row or column that `decimals: {rows: ..., columns: ...}` names but the table does not
        show is a mistake: its figures would silently take the default precision."""
        for side, given in (("columns", self.spec.column_decimals), ("rows", self.spec.row_decimals)):
            shown = sorted(self.shown_keys[side])
            unknown = [key for key in given if key not in self.shown_keys[side]]
            if unknown and shown:
                raise self.problem(
                    f"decimals: {side}: '{unknown[0]}' is not one of the table's {side}",
                    f"Name a {side[:-1]} as the data or the register names it (its value, or the measure's "
                    f"column): {', '.join(shown[:30])}.{did_you_mean(unknown[0], shown)}")

    def value_text(self, figure, decimals: int, amount=None) -> str:
        if amount is None:
            if figure.status != "value":
                return self.placeholders[figure.status]
            amount = figure.value
        writer = self.writers.get(decimals)
        if writer is None:
            writer = self.writers[decimals] = self.fmt.figure_writer(self.spec.unit, decimals)
        return writer(amount)

    # ---- the record of the figures placed (view/figures)
    def source_of(self, index: int, figure: datasets.Figure, ref: str) -> Source:
        part_of = ""
        if self.budget:  # a split of a budget line: the line it is part of
            cell = self.source.cell_at(index)
            part_of = f"{cell.part_of}, {cell.year}, {cell.kind}" if cell.part_of else ""
        return Source(self.recorded_file, figure.place, ref, part_of)

    def figure_cell(self, shown: str, calls: str, raw: float | None, sources, row: str, row_key: str,
                    column: str, column_key: str, section: str, adds: str = "", total: bool = False,
                    place: str | None = None) -> Cell:
        """A figure's cell, recorded (when it shows a value) with the data behind it: one row of the
        data, or the figures a computed total adds up (`adds`: "column", "row" or "all"). `place`:
        where it stands in the table, when the caller has it already."""
        text = self.series.attach(shown, calls) if calls else shown
        if self.figures is None or raw is None or not shown or not sources:
            return Cell(text, True, total)
        if place is None:
            place = ", ".join(filter(None, (self.fixed, section, row_key, column_key)))
        marked = self.figures.record(shown, raw * self.data_factor, self.scale, tuple(sources), self.key_prefix + place,
                                     "total" if adds else "cell", self.spec.name, row, column, row_key, column_key, "",
                                     section, adds)
        return Cell(text, True, total, self.series.attach(marked, calls) if calls else marked)

    @staticmethod
    def column_of(group: AxisItem | None, column: AxisItem) -> tuple[str, str]:
        """A column's label and key as the record names it: with its group's ('2019, VAK')."""
        key = str(column.key) or "total"  # a computed total column has no key in the data
        if group is None:
            return column.label, key
        return f"{group.label}, {column.label}", f"{group.key}, {key}"

    # ---- the table
    def build(self) -> TableView:
        spec, src = self.spec, self.source
        for dim in [*spec.where, *(a.dimension for a in (spec.rows, spec.columns, spec.groups)
                                   if a is not None and a.dimension is not None)] + [spec.rows.within or spec.rows.dimension]:
            if dim is not None and not (spec.budget and dim in ("line", "year", "kind")):
                self.check_dimension(dim)
        where_key = self.where_key = ("where", tuple(sorted(spec.where.items())))
        indexes = src.selections.get(where_key)
        if indexes is None:
            indexes = src.select(spec.where)
            src.selections[where_key] = indexes
        for dim, keys in spec.where.items():
            self.check_values(dim, keys, None)
        measure = None if any(a is not None and a.measures for a in (spec.rows, spec.columns, spec.groups)) \
            else self.measure()
        row_total = spec.total.stated if spec.total is not None else None
        col_total = spec.column_total.stated if spec.column_total is not None else None
        if spec.column_total is not None and spec.groups is not None and spec.groups.measures:
            raise self.problem(
                "a column total would add up different measures (the column groups)",
                "Leave column_total out, or show the measures as rows and give each its own total column.")
        if col_total is not None and spec.groups is not None:
            raise self.problem(
                f"the stated column total '{col_total}' would stand under none of the column groups",
                "With groups, give each group its own total column (list it in the group's 'columns:'), "
                "or use 'column_total: computed'.")
        if spec.budget and row_total is not None and spec.rows.dimension != "line":
            raise DataError(f"table '{spec.name}': a stated total (total: {{line: {row_total}}}) needs budget lines in rows",
                            file=self.register_file, place=spec.place, hint="Use 'rows: line', or 'total: computed'.")
        if spec.budget and row_total is not None:
            self.check_values("line", [row_total], None)
        title = self.labelled(spec.title, spec.title_notes, f"{self.where}, title") if spec.title else None
        corner_text = spec.corner
        if spec.unit.show == "corner":
            unit = self.fmt.unit_text(spec.unit)
            corner_text = f"{corner_text} ({unit})" if corner_text else unit
        corner = self.labelled(corner_text, spec.corner_notes, f"{self.where}, corner")
        # columns: (group item, column item), left to right
        groups_view, flat = [], []
        if spec.groups is not None:
            group_items = self.items(spec.groups, indexes)
            column_items = self.items(spec.columns, indexes) if (spec.columns.items or spec.columns.measures) else None
            for g in group_items:
                own = list(g.columns) if g.columns else None
                if own is not None and not spec.columns.measures:
                    self.check_values(spec.columns.dimension, [c.key for c in own], indexes)
                if own is None:
                    if column_items is not None:
                        own = column_items
                    else:  # the values this group has data for
                        inside = [i for i in indexes if src.records[i].get(spec.groups.dimension) == g.key] \
                            if not spec.groups.measures else indexes
                        own = self.items(spec.columns, inside, exclude=(col_total,))
                flat += [(g, c) for c in own]
            for g in group_items:
                span = sum(1 for gg, _ in flat if gg is g)
                groups_view.append(Group(self.labelled(g.label, g.notes, f"{self.where}, group '{g.label}'", numeric=True),
                                         span))
        else:
            flat = [(None, c) for c in self.items(spec.columns, indexes, exclude=(col_total,))]
        self.computed_column = spec.column_total is not None and col_total is None
        if spec.column_total is not None:
            label = spec.column_total.label if spec.column_total.label is not None else self.fmt.words["total"]
            if col_total is not None:
                self.check_values(spec.columns.dimension, [col_total], indexes)
            flat.append((None, AxisItem(col_total or "", label, spec.column_total.notes)))
        lead = tuple(self.labelled(t.label, t.notes, f"{self.where}, column '{t.column}'") for t in spec.text_columns)
        for t in spec.text_columns:
            self.check_dimension(t.column)
        header_unit = spec.unit.show == "header"
        unit_text = self.fmt.unit_text(spec.unit) if spec.unit.show in ("caption", "header", "corner") else ""
        columns = []
        for index, (g, c) in enumerate(flat):
            label = c.label
            if header_unit and unit_text:
                label = f"{label} {unit_text}" if self.fmt.language == "en" else f"{label} ({unit_text})"
            is_total = spec.column_total is not None and index == len(flat) - 1
            columns.append(self.labelled(label, c.notes, f"{self.where}, column '{c.key}'", numeric=True, total=is_total))
        lookup = self.lookup(indexes, measure, flat)
        self.columns = self.plan(flat, lookup)
        rows = []
        if spec.rows.within:
            self.check_dimension(spec.rows.within)
            sections = spec.rows.within_items or [AxisItem(v, v) for v in src.values(spec.rows.within, indexes)]
            if spec.rows.within_items:
                self.check_values(spec.rows.within, [w.key for w in sections], indexes)
            grand = [None] * len(flat)
            for w in sections:
                rows.append(Row(self.labelled(w.label, w.notes, f"{self.where}, row '{w.key}'"), (), section=True))
                inside = [i for i in indexes if src.records[i].get(spec.rows.within) == w.key]
                rows += self.body(self.items(spec.rows, inside, exclude=(row_total,)), flat, lookup, w, measure, grand)
            if spec.grand_total is not None:  # the sum of every section's rows (not of their totals)
                label = spec.grand_total.label if spec.grand_total.label is not None else self.fmt.words["total"]
                out = [Cell("") for _ in spec.text_columns]
                for index, ((g, c), amount) in enumerate(zip(flat, grand)):
                    decimals = self.decimals_of(None, None, c, g)
                    if spec.decimals == "stated" and c.decimals is None and c.key not in spec.column_decimals:
                        decimals = self.seen_decimals.get(index, 0)
                    column, column_key = self.column_of(g, c)
                    out.append(self.figure_cell(
                        self.value_text(None, decimals, amount) if amount is not None else "", "", amount,
                        self.grand_sources.get(index, ()), row=label, row_key="grand total", column=column,
                        column_key=column_key, section="", adds="all",
                        total=spec.column_total is not None and index == len(flat) - 1))
                rows.append(Row(self.labelled(label, spec.grand_total.notes, f"{self.where}, grand total"),
                                tuple(out), total=True))
        else:
            rows = self.body(self.items(spec.rows, indexes, exclude=(row_total,)), flat, lookup, None, measure)
        self.check_decimals_keys()
        caption = unit_text if spec.unit.show == "caption" else ""
        return TableView(
            name=spec.name, title=title, caption=caption, corner=corner,
            columns=lead + tuple(columns), rows=tuple(rows), notes=tuple(self.printed), note_style=self.series.style,
            groups=tuple(groups_view), lead=len(lead),
            remarks=tuple(self.render_text(r, spec.place, f"table '{spec.name}', remark") for r in spec.remarks),
            fit=spec.fit or self.house_fit,
        )

    def lookup(self, indexes, measure, flat) -> dict:
        """(section, row key, group key, column key) -> (record, measure): each figure's place in the data."""
        spec, src = self.spec, self.source
        axes = [("within", spec.rows.within)] if spec.rows.within else []
        axes += [("row", spec.rows.dimension), ("group", spec.groups.dimension if spec.groups else None),
                 ("column", spec.columns.dimension)]
        dims = [d for _, d in axes if d is not None]
        key = ("lookup", tuple(dims), self.where_key)
        cached = src.selections.get(key)
        if cached is not None:
            return {"dims": [a for a, d in axes if d is not None], "found": cached, "measure": measure}
        found, twice = src.records.keyed(indexes, dims)
        if twice is not None:
            first, i = twice
            r = src.records[i]
            coordinates = tuple(r.get(d, "") for d in dims)
            differ = [c for c in src.columns if c not in dims and c not in schema.SPECIAL_COLUMNS
                      and c not in src.measures() and src.records[first].get(c) != r.get(c)]
            shown = ", ".join(f"{d} '{v}'" for d, v in zip(dims, coordinates))
            raise self.problem(
                f"{src.file} has more than one figure for {shown} ({src.place(first)} and {src.place(i)})",
                (f"They differ in {', '.join(repr(d) for d in differ)}: choose one with 'where: {{{differ[0]}: ...}}', "
                 f"or show '{differ[0]}' as rows, columns or groups." if differ else "Keep one row."))
        src.selections[key] = found
        return {"dims": [a for a, d in axes if d is not None], "found": found, "measure": measure}

    def find(self, lookup, section, row: AxisItem, group, column: AxisItem):
        """A figure's record in the data (None: it has none) and its measure."""
        return self.found(lookup, self.row_place(lookup, section, row), self.column_place(lookup, group, column))

    @staticmethod
    def found(lookup, row_place, column_place):
        """The record and measure of the figure where a row (row_place) and a column meet."""
        measure = column_place[1] if column_place[1] is not None else \
            row_place[1] if row_place[1] is not None else lookup["measure"]
        return lookup["found"].get(row_place[0] + column_place[0]), measure

    def row_place(self, lookup, section, row: AxisItem) -> tuple[tuple, str | None]:
        """A row's part of its figures' coordinates in the data (section, row), and the measure it
        is when the rows are the measures."""
        values = {"within": section.key if section is not None else None, "row": row.key}
        return tuple(values[a] for a in lookup["dims"] if a in values), row.key if self.spec.rows.measures else None

    def column_place(self, lookup, group, column: AxisItem) -> tuple[tuple, str | None]:
        """A column's part of its figures' coordinates (group, column), and the measure it is when
        the columns or the groups are the measures."""
        spec = self.spec
        values = {"group": group.key if group is not None else None, "column": column.key}
        measure = None
        for axis, item in ((spec.columns, column), (spec.groups, group)):
            if axis is not None and axis.measures:
                measure = item.key
        return tuple(values[a] for a in lookup["dims"] if a in values), measure

    def missing_figure(self, parts, measure) -> DataError:
        spec = self.spec
        if spec.budget:
            coords = {spec.rows.dimension: parts["row"], spec.columns.dimension: parts["column"]}
            if spec.groups is not None:
                coords[spec.groups.dimension] = parts["group"]
            coords.update({d: v[0] for d, v in spec.where.items()})
            return DataError(
                f"table '{spec.name}' needs the figure for budget line '{coords.get('line')}', {coords.get('year')} "
                f"{coords.get('kind')}, which has no row", file=self.source.file,
                hint="Add the row (leave the amount empty or write n.v.t. when there is no figure).")
        axes = {"within": spec.rows.within, "row": spec.rows.dimension,
                "group": spec.groups.dimension if spec.groups else None, "column": spec.columns.dimension}
        shown = ", ".join(f"{axes[a]} '{v}'" for a, v in parts.items() if v is not None and axes[a] is not None)
        where = "".join(f", {d} '{v[0]}'" for d, v in spec.where.items() if len(v) == 1)
        return DataError(f"table '{spec.name}' needs the {measure} for {shown}{where}, which has no row",
                         file=self.source.file,
                         hint="Add the row (leave the figure empty, or write a placeholder such as n.v.t. or —, "
                         "when there is none), or leave that value out of the table.")

    def body(self, items, flat, lookup, section, measure, grand=None) -> list[Row]:
        spec = self.spec
        rows, sums = [], [None] * len(flat)
        sources: list[list[Source]] = [[] for _ in flat]  # per column: the figures its total adds up
        col_total = spec.column_total
        unit = self.fmt.unit_text(spec.unit) if spec.unit.show == "rows" else ""
        for item in items:
            text = item.label
            if unit:
                text = f"{text} {unit}" if self.fmt.language == "en" else f"{text} ({unit})"
            label = self.labelled(text, item.notes, f"{self.where}, row '{item.key}'" if item.notes else "")
            rows.append(self.row(label, item, flat, lookup, section, sums, total=False, sources=sources))
        if grand is not None:
            for index, amount in enumerate(sums):
                if amount is not None:
                    grand[index] = (grand[index] or 0) + amount
            for index, found in enumerate(sources):
                self.grand_sources.setdefault(index, []).extend(found)
        if spec.total is not None:
            label_text = spec.total.label if spec.total.label is not None else self.fmt.words["total"]
            if spec.total.stated is None:
                out = list(self.text_cells(None, lookup, section))
                for index, ((g, c), amount) in enumerate(zip(flat, sums)):
                    decimals = self.decimals_of(None, None, c, g)
                    if spec.decimals == "stated" and c.decimals is None and c.key not in spec.column_decimals:
                        decimals = self._stated_sum_decimals(lookup, section, items, flat if
                                                             self.computed_column and index == len(flat) - 1 else [(g, c)])
                    column, column_key = self.column_of(g, c)
                    out.append(self.figure_cell(
                        self.value_text(None, decimals, amount) if amount is not None else "", "", amount,
                        sources[index], row=label_text, row_key="total", column=column, column_key=column_key,
                        section=section.key if section is not None else "", adds="column",
                        total=col_total is not None and index == len(flat) - 1))
                rows.append(Row(self.labelled(label_text, spec.total.notes, f"{self.where}, total"), tuple(out), total=True))
            else:
                stated = AxisItem(spec.total.stated, label_text, spec.total.notes)
                label = self.labelled(label_text, spec.total.notes, f"{self.where}, total")
                rows.append(self.row(label, stated, flat, lookup, section, None, total=True))
        return rows

    def _stated_sum_decimals(self, lookup, section, items, columns) -> int:
        """A computed total of stated figures shows as many decimals as the most precise of them."""
        most = 0
        for item in items:
            for group, column in columns:
                index, measure = self.find(lookup, section, item, group, column)
                if index is not None:
                    most = max(most, self.source.figure(index, measure).decimals)
        return most

    def text_cells(self, item, lookup, section):
        spec, src = self.spec, self.source
        out = []
        if spec.text_columns and item is not None and "by_row" not in lookup:
            by_row: dict = {}
            for i in lookup["found"].values():
                by_row.setdefault(src.records[i].get(spec.rows.dimension), []).append(i)
            lookup["by_row"] = by_row
        for t in spec.text_columns:
            text = ""
            if item is not None:
                found = [src.records[i].get(t.column, "") for i in lookup["by_row"].get(item.key, ())
                         if section is None or src.records[i].get(spec.rows.within) == section.key]
                texts = list(dict.fromkeys(x for x in found if x))
                if len(texts) > 1:
                    raise self.problem(f"the text column '{t.column}' has more than one text for {spec.rows.dimension} "
                                       f"'{item.key}': {', '.join(repr(x) for x in texts[:3])}",
                                       "Give every row of that value the same text.", file=src.file)
                text = texts[0] if texts else ""
            out.append(Cell(text))
        return out

    def plan(self, flat, lookup) -> list[_Column]:
        """The columns of figures as every row meets them, worked out once per table."""
        spec, out = self.spec, []
        for index, (g, c) in enumerate(flat):
            computed = self.computed_column and index == len(flat) - 1
            label, key = self.column_of(g, c)
            out.append(_Column(g, c, label, key, ((), None) if computed else self.column_place(lookup, g, c),
                               self.column_decimals(c, g), spec.column_total is not None and index == len(flat) - 1,
                               computed))
        return out

    def row(self, label, item, flat, lookup, section, sums, total: bool, sources=None) -> Row:
        """A row of figures (total: the stated total's row); `sums` and `sources` gather, per
        column, what a computed total under it adds up."""
        spec, src = self.spec, self.source
        out = self.text_cells(item, lookup, section)
        row_sum, most = None, 0
        row_sources: list[Source] = []
        section_key = section.key if section is not None else ""
        row_label = item.label  # as a reader finds the row (without its note calls)
        row_key = str(item.key)
        if flat:  # what `decimals:` may name (check_decimals_keys)
            if not total:
                self.shown_keys["rows"].add(item.key)
            if not self.columns_shown:
                self.shown_keys["columns"].update(c.key for _, c in flat)
                self.columns_shown = True
        row_decimals = self.row_decimals(item if not total else None)
        row_place = self.row_place(lookup, section, item)
        place = ", ".join(filter(None, (self.fixed, section_key, row_key)))  # a figure's place, but its column
        figure_of, found_at, value_text, pick_decimals, source_of, figure_cell, seen_decimals = (
            src.figure, self.found, self.value_text, self.pick_decimals, self.source_of, self.figure_cell,
            self.seen_decimals)
        for index, column in enumerate(self.columns):
            if column.computed:  # the sum of the row's figures
                decimals = pick_decimals(None, row_decimals, column.decimals)
                if spec.decimals == "stated" and column.item.decimals is None:
                    decimals = most
                if sums is not None and row_sum is not None:
                    sums[index] = (sums[index] or 0) + row_sum
                    if sources is not None:
                        sources[index].extend(row_sources)
                out.append(figure_cell(
                    value_text(None, decimals, row_sum) if row_sum is not None else "", "", row_sum, row_sources,
                    row=row_label, row_key=row_key if not total else "total", column=column.label,
                    column_key=column.key, section=section_key, adds="row", total=True))
                continue
            found, measure = found_at(lookup, row_place, column.place)
            if found is None:
                parts = {"within": section.key if section is not None else None, "row": item.key,
                         "group": column.group.key if column.group is not None else None, "column": column.item.key}
                raise self.missing_figure(parts, measure)
            figure = figure_of(found, measure)
            text = value_text(figure, pick_decimals(figure, row_decimals, column.decimals))
            value = figure.value
            if figure.status == "value":
                row_sum = (row_sum or 0) + value
                if figure.decimals > most:
                    most = figure.decimals
                if not total and figure.decimals >= seen_decimals.get(index, 0):
                    seen_decimals[index] = figure.decimals
                coordinates = f"{place}, {column.key}" if place and column.key else place or column.key
                source = source_of(found, figure, coordinates)
                if not column.total:
                    row_sources.append(source)
                if sums is not None:
                    sums[index] = (sums[index] or 0) + value
                    if sources is not None:
                        sources[index].append(source)
                found_sources = (source,)
            else:
                coordinates, found_sources = None, ()
            adds = "row" if column.total else ("column" if total else "")  # a stated total, as the data gives it
            calls = self.calls(figure.notes, f"{src.file}, {figure.place}") if figure.notes else ""
            out.append(figure_cell(text, calls, value, found_sources, row_label, row_key, column.label, column.key,
                                   section_key, adds, column.total, coordinates))
        return Row(label, tuple(out), total=total)


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while a view is built (and, in the pipeline, while
    its answer is made): a table of a thousand rows makes tens of thousands of objects that all
    live on (its cells and figure records) until the answer is written, and the collector's
    passes over them, triggered by their number, find nothing to free (a tenth of building the
    table, and as much again in each pass after it). The view holds no cycles, so it is freed as
    soon as it is dropped; garbage with cycles made meanwhile is collected once the collector
    runs again."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class _ViewBuilder:
    def __init__(self, register: Register, question: Question, notes: datasets.NoteCatalog, load) -> None:
        self.register, self.question, self.catalog = register, question, notes
        self.house = question.style
        self.register_file = display_path(register.path)
        locale = parse_locale(self.house.locale, file=self.register_file, place=question.place)
        self.fmt = Formatter(locale=str(locale), rounding=self.house.rounding, percent_style=self.house.percent_style,
                             negative=self.house.negative)
        self.data = load_data(register, question, load)
        for name, value in self.data.items():
            if isinstance(value, datasets.SharesData):  # loaded data is shared between answers: bind a copy
                self.data[name] = value.with_formatter(self.fmt)
        self.note_calls = NoteCalls()
        self.footnotes = FootnoteCollector()
        self.figures = FigureCollector()
        self.context: dict = {FORMATTER_KEY: self.fmt, NOTES_KEY: self.note_calls, FOOTNOTES_KEY: self.footnotes,
                              FIGURES_KEY: self.figures,
                              **traced(self.data, self.figures, datasets.FiguresData, datasets.BudgetData,
                                       datasets.SharesData)}
        self.texts = _TextRenderer(self.context)
        self.document_series = self.new_series(self.house.note_style) if self.house.note_numbering == "document" else None
        self.tables: dict[str, TableView] = {}

    def new_series(self, style: str) -> NoteSeries:
        footnote = None
        if style == "footnotes":
            footnote = self.footnote_function()
        return NoteSeries(self.resolve_note, style=style, footnote=footnote)

    def footnote_function(self):
        """Notes in the footnote style become real footnotes; a note called twice is one footnote."""
        return lambda text, key: self.footnotes.add(text, key=f"note:{key}")

    def series_for(self, style: str | None) -> NoteSeries:
        style = style or self.house.note_style
        if self.document_series is not None and style == self.document_series.style:
            return self.document_series
        return self.new_series(style)

    def resolve_note(self, key: str, used_at: str) -> str:
        if key not in self.catalog.texts:
            raise unknown_note(key, used_at, self.catalog.file if self.catalog.path else None, self.catalog.texts)
        language = self.fmt.language
        return self.texts.render(self.catalog.text(key, language), self.catalog.file,
                                 f"line {self.catalog.line(key, language)}", f"note '{key}'")

    def table(self, name: str) -> TableView:
        if name not in self.tables:
            spec = self.question.tables[name]
            source = self.data.get(spec.data)
            if not isinstance(source, datasets.FiguresData):
                raise DataError(
                    f"table '{spec.name}' takes its figures from '{spec.data}', which is not a table of figures of this question",
                    file=self.register_file,
                    place=spec.place,
                    hint=f"Name one of the question's data sets under 'data:' ({', '.join(self.data) or 'none'}).",
                )
            builder = _TableBuilder(spec, source, self.fmt, self.series_for(spec.note_style), self.house,
                                    self.register_file, self.text, self.figures)
            self.tables[name] = builder.build()
        return self.tables[name]

    def text(self, text: str, place: str, what: str) -> str:
        return self.texts.render(text, self.register_file, place, what)

    def part(self, part) -> PartView:
        what = f"answer part {part.numbers[0]}"
        self.note_calls.series = self.document_series or self.new_series(self.house.note_style)
        self.note_calls.printed = []
        self.note_calls.where = f"{self.register_file}, {part.place}"
        blocks = []
        for i, block in enumerate(part.blocks):
            if block.kind == "table":
                blocks.append(BlockView("table", table=self.table(block.table), first=i == 0))
            elif block.kind == "text":
                blocks.append(BlockView("text", text=self.text(block.text, part.place, what), first=i == 0))
            else:
                items = tuple(self.text(t, part.place, what) for t in block.items)
                blocks.append(BlockView(block.kind, items=items, first=i == 0))
        printed = tuple(self.note_calls.printed)
        self.note_calls.series = None
        number = self.fmt.join(part.numbers)
        heading = self.fmt.words["combined"].format(numbers=number) if len(part.numbers) > 1 else ""
        questions = tuple(SubQuestion(n, self.question.subquestions[n]) for n in part.numbers
                          if n in self.question.subquestions)
        return PartView(numbers=part.numbers, number=number, heading=heading, blocks=tuple(blocks), notes=printed,
                        numbered=self.numbered, questions=questions)

    @property
    def numbered(self) -> bool:
        """numbering: auto numbers the answers when the question has several sub-questions or parts."""
        q = self.question
        if q.layout.numbering == "auto":
            return len(q.subquestions) > 1 or len(q.parts) > 1
        return q.layout.numbering == "always"

    def askers_with_party(self, askers) -> str:
        """'Erkens (VVD)'; 'Omtzigt (CDA) en Gesthuizen (SP)'; 'Bouchallikh, Bromet en Kröger (allen GroenLinks)'."""
        words = self.fmt.words
        parties = {a.party for a in askers}
        if len(parties) == 1 and None not in parties and len(askers) > 1:
            shared = words["both"] if len(askers) == 2 else words["all"]
            return f"{self.fmt.join(str(a) for a in askers)} ({shared} {askers[0].party})"
        return self.fmt.join(f"{a} ({a.party})" if a.party else str(a) for a in askers)

    def minister(self) -> MinisterView:
        m = self.question.minister
        articles = MINISTER_ARTICLES.get(self.fmt.language, MINISTER_ARTICLES["nl"])
        return MinisterView(name=m.name, title=m.title, given_role=m.role, given_department=m.department,
                            articles=articles.get(m.gender, articles.get(None)))

    def build(self) -> AnswerView:
        q, fmt = self.question, self.fmt
        preamble = tuple(self.text(t, q.place, "preamble") for t in q.preamble)
        parts = [self.part(p) for p in q.parts]
        for name in q.tables:  # tables the template shows directly, not through a part
            self.table(name)
        date = fmt.date(q.date)
        askers = tuple(AskerView(a.name, a.party, a.title) for a in q.askers)
        asker = fmt.join(str(a) for a in askers)
        qview = QuestionView(
            number=q.number,
            zittingsjaar=q.zittingsjaar,
            title=q.title,
            date=date,
            asker=asker,
            reference=fmt.words["reference"].format(number=q.number, date=date, asker=asker.upper()),
            introduction=q.introduction,
            subquestions=q.subquestions,
            askers=askers,
            askers_with_party=self.askers_with_party(askers),
            answered=fmt.date(q.answered),
            asked_in=ASKED_IN[q.asked_in] if q.asked_in else None,
            questions=tuple(SubQuestion(n, t) for n, t in q.subquestions.items()),
        )
        self.context.update(
            question=qview,
            minister=self.minister(),
            words=fmt.words,
            answer={"preamble": preamble, "parts": parts, "numbered": self.numbered,
                    "repeat_questions": q.layout.repeat_questions},
            answers={n: p for p in parts for n in p.numbers},
            tables=self.tables,
        )
        self.figures.active = False  # until a template renders the view (view/figures)
        # every note is numbered now; the document's series calls back into this builder (resolve_note),
        # a cycle that would keep the view alive after its last reference (collector_paused)
        self.document_series = None
        return AnswerView(question=q, formatter=fmt, data=self.data, context=self.context)


def build_view(register: Register, question: Question, notes: datasets.NoteCatalog,
               load=datasets.load_dataset) -> AnswerView:
    """Load the question's data (with load(name, path)) and compute everything its template shows."""
    with collector_paused():
        return _ViewBuilder(register, question, notes, load).build()


def notes_path(register: Register) -> Path | None:
    return register.data_dir / register.notes if register.notes else None

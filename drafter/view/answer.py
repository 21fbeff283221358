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

from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from drafter.load import datasets
from drafter.errors import DataError, DrafterError, Problem, display_path
from drafter.view.figures import FigureCollector, Source, traced
from drafter.view.footnotes import FootnoteCollector
from drafter.view.formatting import SCALES, Formatter, parse_locale
from drafter.view.jinja import FIGURES_KEY, FOOTNOTES_KEY, FORMATTER_KEY, NOTES_KEY, compile_text
from drafter.view.notes import NBSP, Note, NoteSeries, unknown_note
from drafter.load.register import HouseStyle, Question, Register, TableSpec



@dataclass(frozen=True)
class Cell:
    text: str  # the value with its note calls: '14.250.000 (2)'
    numeric: bool = False
    marked: str = ""  # the same with its figure marked for the Word stage (figures.py)

    def __str__(self) -> str:
        return self.marked or self.text


@dataclass(frozen=True)
class Row:
    label: Cell
    cells: tuple[Cell, ...]
    total: bool = False


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
class PartView:
    numbers: tuple[int, ...]
    number: str  # '1', or '1 en 3' for a combined answer
    heading: str  # '' or 'Antwoord op vragen 1 en 3'
    blocks: tuple[BlockView, ...]
    notes: tuple[Note, ...]  # notes called in the part's texts, printed after it

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
class QuestionView:
    number: int
    zittingsjaar: str
    title: str
    date: str
    asker: str
    reference: str  # 'op vraag nr. 4 van 7 oktober 2019 van N.N.'
    introduction: tuple[str, ...]
    subquestions: dict[int, str]


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
        if "{" not in text:
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
            raise DataError(
                f"{what}: {exc.message or exc}",
                file=file,
                place=place,
                hint="Check the {{ ... }} tags in this text; the template guide lists the names and filters you can use.",
            ) from None
        except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as exc:
            raise DataError(f"{what}: {exc}", file=file, place=place, hint="Check the {{ ... }} tags in this text.") from None
        finally:
            if figures is not None:
                figures.where = where


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


class _TableBuilder:
    """Builds one table from a budget data set, calling its notes in reading order."""

    def __init__(self, spec: TableSpec, source: datasets.BudgetData, fmt: Formatter, series: NoteSeries,
                 house: HouseStyle, register_file: str, figures: FigureCollector | None = None) -> None:
        self.spec, self.source, self.fmt, self.series = spec, source, fmt, series
        self.figures, self.column_sources = figures, {}
        self.register_file = register_file
        self.missing = spec.missing if spec.missing is not None else (
            house.missing if house.missing is not None else fmt.not_applicable)
        self.printed: list[Note] = []

    def calls(self, keys, used_at: str) -> str:
        notes = []
        for key in keys:
            note, first = self.series.note(key, used_at)
            notes.append(note)
            if first and note.printed:
                self.printed.append(note)
        return self.series.calls(notes)

    def labelled(self, label: str, keys, used_at: str, numeric=False) -> Cell:
        return Cell(self.series.attach(label, self.calls(keys, used_at)), numeric=numeric)

    def value(self, cell: datasets.BudgetCell | None, decimals: int, amount=None) -> str:
        if cell is not None and cell.status == "not_applicable":
            return self.missing
        if amount is None and (cell is None or cell.status != "value"):
            return ""
        amount = cell.amount if amount is None else amount
        return self.fmt.scaled(amount, SCALES[self.spec.unit], decimals)

    def selected(self) -> dict[tuple, datasets.BudgetCell]:
        """The cells of this table, by (row key, column key)."""
        spec = self.spec
        total = (spec.total,) if spec.total not in (None, "computed") else ()
        return self.source.select(tuple(i.key for i in spec.lines) + total, tuple(i.key for i in spec.years),
                                  tuple(i.key for i in spec.kinds), spec.rows, spec.columns)

    def column_refs(self):
        """Each column's header item, and how to find its cell for a row: (cell, (line, year, kind))."""
        spec = self.spec
        if spec.groups:
            return [(kind, lambda year, g=g, k=kind: (self.source.cell(g.line, year, k.key), (g.line, year, k.key)))
                    for g in spec.groups for kind in g.kinds]
        cells = self.selected()
        fixed = next(a for a in ("year", "line", "kind") if a not in (spec.rows, spec.columns))
        fixed_key = spec.axis(fixed)[0].key

        def lookup(row_key, col_key):
            parts = {spec.rows: row_key, spec.columns: col_key, fixed: fixed_key}
            return cells.get((row_key, col_key)), (parts["line"], parts["year"], parts["kind"])

        return [(item, lambda row_key, c=item.key: lookup(row_key, c)) for item in spec.axis(spec.columns)]

    def build(self) -> TableView:
        spec, src = self.spec, self.source
        src_file = src.file
        where = f"{self.register_file}, table '{spec.name}'"
        title = self.labelled(spec.title, spec.title_notes, f"{where}, title") if spec.title else None
        groups = tuple(Group(self.labelled(g.label, g.notes, f"{where}, group '{g.label}'", numeric=True), len(g.kinds))
                       for g in spec.groups)
        refs = self.column_refs()
        columns = tuple(self.labelled(i.label, i.notes, f"{where}, column '{i.key}'", numeric=True) for i, _ in refs)
        rows, sums = [], [None] * len(refs)
        for item in spec.axis(spec.rows):
            label = self.labelled(item.label, item.notes, f"{where}, row '{item.key}'")
            out = []
            for index, (col, find) in enumerate(refs):
                cell, (line, year, kind) = find(item.key)
                if cell is None:
                    raise DataError(
                        f"table '{spec.name}' needs the figure for budget line '{line}', {year} {kind}, which has no row",
                        file=src_file,
                        hint="Add the row (leave the amount empty or write n.v.t. when there is no figure).",
                    )
                decimals = spec.row_decimals.get(item.key, spec.column_decimals.get(col.key, spec.decimals))
                text = self.value(cell, decimals)
                if cell.status == "value":
                    sums[index] = (sums[index] or 0) + cell.amount
                out.append(self.figure_cell(text, self.calls(cell.notes, f"{src_file}, {cell.place}"), cell, item, col, index))
            rows.append(Row(label, tuple(out)))
        if spec.total is not None:
            rows.append(self._total([i for i, _ in refs], sums))
        return TableView(
            name=spec.name,
            title=title,
            caption=self.fmt.words[f"unit_{spec.unit}"] if spec.show_unit else "",
            corner=Cell(""),
            columns=columns,
            rows=tuple(rows),
            notes=tuple(self.printed),
            note_style=self.series.style,
            groups=groups,
        )

    def figure_cell(self, text: str, calls: str, cell, row_item, col, index: int, total: bool = False) -> Cell:
        """A figure's cell, recorded with its data row (figures.py) when it shows a value."""
        shown = self.series.attach(text, calls)
        if self.figures is None or cell.status != "value" or not text:
            return Cell(shown, numeric=True)
        part_of = f"{cell.part_of}, {cell.year}, {cell.kind}" if cell.part_of else ""
        source = Source(self.source.file, cell.place, f"{cell.line}, {cell.year}, {cell.kind}", part_of)
        self.column_sources.setdefault(index, []).append(source)
        if total:
            row, row_key = self.spec.total_label or self.fmt.words["total"], "total"
        else:
            row, row_key = row_item.label, str(row_item.key)
        marked = self.figures.add(text, cell.amount, SCALES[self.spec.unit], (source,),
                                  f"table '{self.spec.name}', {source.ref}", kind="total" if total else "cell",
                                  table=self.spec.name, row=row, column=col.label, row_key=row_key,
                                  column_key=str(col.key))
        return Cell(shown, numeric=True, marked=self.series.attach(marked, calls))

    def total_cell(self, text: str, total, col, index: int) -> Cell:
        """A computed total's cell, recorded with the figures it adds up."""
        if self.figures is None or not text:
            return Cell(text, numeric=True)
        label = self.spec.total_label or self.fmt.words["total"]
        return Cell(text, numeric=True, marked=self.figures.add(
            text, total, SCALES[self.spec.unit], tuple(self.column_sources.get(index, ())),
            f"table '{self.spec.name}', total, {col.key}", kind="total", table=self.spec.name, row=label,
            column=col.label, row_key="total", column_key=str(col.key)))

    def _total(self, column_items, sums) -> Row:
        spec = self.spec
        label_text = spec.total_label or self.fmt.words["total"]
        out = []
        if spec.total == "computed":
            for index, (col, total) in enumerate(zip(column_items, sums)):
                decimals = spec.column_decimals.get(col.key, spec.decimals)
                out.append(self.total_cell(self.value(None, decimals, total) if total is not None else "", total, col, index))
            return Row(Cell(label_text), tuple(out), total=True)
        if spec.rows != "line":
            raise DataError(f"table '{spec.name}': a stated total (total: {{line: {spec.total}}}) needs budget lines in rows",
                            file=self.register_file, place=spec.place, hint="Use 'rows: line', or 'total: computed'.")
        cells = self.selected()
        for col in column_items:
            cell = cells.get((spec.total, col.key))
            if cell is None:
                raise DataError(f"table '{spec.name}': the total line '{spec.total}' has no figure for {col.key}",
                                file=self.source.file, hint="Add the row, or use 'total: computed'.")
            decimals = spec.column_decimals.get(col.key, spec.decimals)
            out.append(self.figure_cell(self.value(cell, decimals), self.calls(cell.notes, f"{self.source.file}, {cell.place}"),
                                        cell, None, col, len(out), total=True))
        return Row(Cell(label_text), tuple(out), total=True)


class _ViewBuilder:
    def __init__(self, register: Register, question: Question, notes: datasets.NoteCatalog, load) -> None:
        self.register, self.question, self.catalog = register, question, notes
        self.house = question.style
        self.register_file = display_path(register.path)
        locale = parse_locale(self.house.locale, file=self.register_file, place=question.place)
        self.fmt = Formatter(locale=str(locale), rounding=self.house.rounding, percent_style=self.house.percent_style)
        self.data = load_data(register, question, load)
        for name, value in self.data.items():
            if isinstance(value, datasets.SharesData):  # loaded data is shared between answers: bind a copy
                self.data[name] = value.with_formatter(self.fmt)
        self.note_calls = NoteCalls()
        self.footnotes = FootnoteCollector()
        self.figures = FigureCollector()
        self.context: dict = {FORMATTER_KEY: self.fmt, NOTES_KEY: self.note_calls, FOOTNOTES_KEY: self.footnotes,
                              FIGURES_KEY: self.figures,
                              **traced(self.data, self.figures, datasets.BudgetData, datasets.SharesData)}
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
            if not isinstance(source, datasets.BudgetData):
                raise DataError(
                    f"table '{spec.name}' takes its figures from '{spec.data}', which is not a budget table of this question",
                    file=self.register_file,
                    place=spec.place,
                    hint=f"Name one of the question's data sets under 'data:' ({', '.join(self.data) or 'none'}).",
                )
            known = source.line_names()
            stated_total = [spec.total] if spec.total not in (None, "computed") else []
            for line in [i.key for i in spec.lines] + stated_total:
                if line not in known:
                    raise DataError(f"table '{spec.name}': budget line '{line}' is not in {source.file}",
                                    file=self.register_file, place=spec.place,
                                    hint=f"Lines in that file: {', '.join(sorted(known))}.")
            builder = _TableBuilder(spec, source, self.fmt, self.series_for(spec.note_style), self.house, self.register_file,
                                    self.figures)
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
        return PartView(numbers=part.numbers, number=number, heading=heading, blocks=tuple(blocks), notes=printed)

    def build(self) -> AnswerView:
        q, fmt = self.question, self.fmt
        preamble = tuple(self.text(t, q.place, "preamble") for t in q.preamble)
        parts = [self.part(p) for p in q.parts]
        for name in q.tables:  # tables the template shows directly, not through a part
            self.table(name)
        date = fmt.date(q.date)
        qview = QuestionView(
            number=q.number,
            zittingsjaar=q.zittingsjaar,
            title=q.title,
            date=date,
            asker=q.asker,
            reference=fmt.words["reference"].format(number=q.number, date=date, asker=q.asker.upper()),
            introduction=q.introduction,
            subquestions=q.subquestions,
        )
        self.context.update(
            question=qview,
            minister=q.minister,
            words=fmt.words,
            answer={"preamble": preamble, "parts": parts},
            answers={n: p for p in parts for n in p.numbers},
            tables=self.tables,
        )
        self.figures.active = False  # until a template renders the view (figures.py)
        return AnswerView(question=q, formatter=fmt, data=self.data, context=self.context)


def build_view(register: Register, question: Question, notes: datasets.NoteCatalog,
               load=datasets.load_dataset) -> AnswerView:
    """Load the question's data (with load(name, path)) and compute everything its template shows."""
    return _ViewBuilder(register, question, notes, load).build()


def notes_path(register: Register) -> Path | None:
    return register.data_dir / register.notes if register.notes else None

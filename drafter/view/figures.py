"""Traceable figures: every figure the view formats, with where it came from.

Wherever the view formats a figure from the data (a table cell, a total, a figure in a text
or a note through ``budget.amount(...) | mln(3)`` or ``shares.percent("kmo")``), it asks the
answer's FigureCollector to record it: the value as shown, the raw value, its source (the
data file and row, or the parts of a computed total) and where it stands (the table, row
and column; or the text). A table's cell keeps the figure recorded, which the table built from
it in Word holds in a hidden bookmark (``word/tables``); in a text, the collector returns the
shown text wrapped in a mark: private-use characters that no real text holds, like the
footnote tokens (see footnotes.py), which the Word stage (``word/figure_record``) turns into a
hidden bookmark around the figure. It stores the records in the answer, so that ``drafter
verify`` can later hold the edited answer against the data, figure by figure.

A figure's ``key`` names it the same way in every draft of the same question (table
'kredieten', row 2016, column VAK; or the second ``shares.percent("kmo")`` of answer part 3),
so that an edited answer and a new draft can be compared figure by figure.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


#: A placed figure in rendered text: FIG_OPEN number FIG_SEP shown text FIG_CLOSE.
FIG_OPEN, FIG_SEP, FIG_CLOSE = "\ue004", "\ue005", "\ue006"
MARK_RE = re.compile(FIG_OPEN + r"(\d+)" + FIG_SEP + "([^" + FIG_OPEN + FIG_SEP + FIG_CLOSE + "]*)" + FIG_CLOSE)
_ANY_MARK_CHAR = re.compile("[" + FIG_OPEN + FIG_SEP + FIG_CLOSE + "]")

#: How a figure's shown text relates to its raw value: raw = shown number * scale.
SCALE_PERCENT = 0.01


class FigureKind(StrEnum):
    """What a recorded figure is: a table's cell, a table's total, or a figure in a text."""

    CELL = "cell"
    TOTAL = "total"
    TEXT = "text"


class Totalled(StrEnum):
    """What a total adds up: the figures above it in its column (of its section), those before it
    in its row, or its column's figures in every section (a grand total); NONE: a figure of the data."""

    NONE = ""
    COLUMN = "column"
    ROW = "row"
    ALL = "all"


def mark(figure: Figure) -> str:
    """A figure's shown text in its mark, as rendered text carries it to the Word stage."""
    return f"{FIG_OPEN}{figure.number}{FIG_SEP}{figure.shown}{FIG_CLOSE}"


def strip_marks(text: str) -> str:
    """The text as a reader sees it: the figures without their marks."""
    if FIG_OPEN not in text:
        return text
    return _ANY_MARK_CHAR.sub("", MARK_RE.sub(lambda m: m.group(2), text))


class Source(NamedTuple):
    """One row of a data file behind a figure. A NamedTuple: a large table records thousands, made
    at C speed and without a per-object dict."""

    file: str  # 'data/budget.csv'
    place: str  # 'row 6'
    ref: str = ""  # what the row is: 'clusters, 2016, VAK'; 'kmo'
    part_of: str = ""  # the figure this one is a part of: 'clusters, 2016, VAK' (a split)


def recorded_file(data) -> str:
    """How a figure's record names its data file: as the register does (relative to the register's
    folder), whatever folder drafter runs in; the shown path when the data set came from elsewhere."""
    return getattr(data, "recorded_file", None) or data.file


class Figure(NamedTuple):
    """A figure's record; a NamedTuple, as Source: a large table records thousands, which live
    until its answer is written."""

    number: int  # the collector's number: in the mark, and in the bookmark's name
    key: str  # the same in every draft of the question (see the module's doc)
    kind: str  # a FigureKind (a plain text when read back from an answer)
    shown: str  # as the reader sees it: '14.250.000', '6,750', '45%'
    raw: float  # the value behind it: 14250000, 6750000, 0.45
    scale: float  # raw = the shown number * scale (1, 1000, 1000000, 0.01 for a percentage)
    sources: tuple[Source, ...]  # one row, or the parts of a computed total (or a percentage)
    table: str = ""  # the table's name in the register
    row: str = ""  # its row and column labels, as printed
    column: str = ""
    row_key: str = ""  # and their keys in the data (2016, VAK)
    column_key: str = ""
    where: str = ""  # a text's origin: 'answer part 3', "note 'opsplitsing_2016'"
    section: str = ""  # a table of nested rows: the section (the value of rows.within) it stands in
    adds: str = ""  # a total: what it adds up (Totalled); "" for a figure of the data


class Amount(float):
    """A figure from the data on its way to a filter (``| mln(3)``): a float that knows its source.

    Adding or subtracting amounts keeps the sources of both (a sum written in a text)."""

    sources: tuple[Source, ...] = ()
    expression: str = ""

    def __new__(cls, value, sources: tuple[Source, ...], expression: str):
        made = super().__new__(cls, value)
        made.sources, made.expression = tuple(sources), expression
        return made

    def _combine(self, other, sign: str, value: float):
        if isinstance(other, Amount):
            return Amount(value, self.sources + other.sources, f"{self.expression} {sign} {other.expression}")
        return value

    def __add__(self, other):
        return self._combine(other, "+", float(self) + other)

    def __radd__(self, other):
        if isinstance(other, (int, float)) and other == 0:  # sum([...]) starts at 0
            return self
        return float(other) + float(self)

    def __sub__(self, other):
        return self._combine(other, "-", float(self) - other)


@dataclass
class FigureCollector:
    """The figures of one answer, in the order they were formatted."""

    figures: list[Figure] = field(default_factory=list)
    where: str = ""  # the text being rendered now (set by the view)
    #: Whether figures are recorded now: while the view is built, and while a Word template renders
    #: it (``recording``); a text rendered with the view's context at another time gets plain figures.
    active: bool = True
    _seen: dict[str, int] = field(default_factory=dict, repr=False)

    @contextmanager
    def recording(self, where: str = ""):
        before = self.active, self.where
        self.active, self.where = True, where
        try:
            yield self
        finally:
            self.active, self.where = before

    def add(self, shown: str, raw: float, scale: float, sources, key: str, kind: str = FigureKind.TEXT,
            **place) -> str:
        """Record a figure; returns its shown text with the mark the Word stage turns into a bookmark."""
        if kind == FigureKind.TEXT:
            figure = self.record(shown, raw, scale, tuple(sources), f"{self.where or 'text'}: {key}", kind,
                                 where=self.where, **place)
        else:
            figure = self.record(shown, raw, scale, tuple(sources), key, kind, **place)
        return shown if figure is None else mark(figure)

    def record(self, shown: str, raw: float, scale: float, sources: tuple[Source, ...], key: str, kind: str,
               table: str = "", row: str = "", column: str = "", row_key: str = "", column_key: str = "",
               where: str = "", section: str = "", adds: str = "") -> Figure | None:
        """add, with its figure's full key and its sources as a tuple already (a table's cells);
        returns the figure recorded, or None when there is nothing to record (no shown text, or
        not recording now)."""
        if not shown or not self.active:
            return None
        count = self._seen.get(key, 0) + 1
        self._seen[key] = count
        if count > 1:
            key = f"{key} #{count}"
        # the kinds as the plain texts an answer stores (and reads back)
        figure = Figure(len(self.figures) + 1, key, str(kind), shown, float(raw), float(scale), sources, table, row,
                        column, row_key, column_key, where, section, str(adds))
        self.figures.append(figure)
        return figure

    def get(self, number: int) -> Figure | None:
        if 1 <= number <= len(self.figures):
            return self.figures[number - 1]
        return None

    def text_figure(self, value, shown: str, scale: float, expression: str) -> str:
        """A figure a filter formats: recorded when it comes from the data (an Amount)."""
        if not isinstance(value, Amount) or not value.sources:
            return shown
        return self.add(shown, float(value), scale, value.sources, f"{value.expression} | {expression}")


# --------------------------------------------------------------------------- data sets in texts


class TracedFigures:
    """A data set of figures as texts see it: ``value(...)`` returns an Amount that knows its row."""

    def __init__(self, data) -> None:
        self._data = data

    def value(self, measure: str | None = None, **where):
        figure = self._data.the_figure(measure, **where)
        ref = ", ".join(f"{d} {v}" for d, v in where.items()) + (f", {measure}" if measure else "")
        shown = ", ".join(f"{d}={v!r}" for d, v in where.items())
        expression = f"{self._data.name}.value({f'{measure!r}, ' if measure else ''}{shown})"
        return Amount(figure.value, (Source(recorded_file(self._data), figure.place, ref),), expression)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._data, name)


class TracedBudget(TracedFigures):
    """A budget data set as texts see it: ``amount(...)`` returns an Amount that knows its row."""

    def amount(self, line: str, year: int, kind: str):
        value = self._data.amount(line, year, kind)
        cell = self._data.cell(line, year, kind)
        ref = f"{cell.line}, {cell.year}, {cell.kind}"
        part_of = f"{cell.part_of}, {cell.year}, {cell.kind}" if cell.part_of else ""
        return Amount(value, (Source(recorded_file(self._data), cell.place, ref, part_of),),
                      f'{self._data.name}.amount("{line}", {year}, "{kind}")')


class TracedShares(TracedFigures):
    """A shares data set as texts see it: ``percent(...)`` records the percentage it formats."""

    def __init__(self, data, figures: FigureCollector) -> None:
        self._data, self._figures = data, figures

    def percent(self, category: str, decimals: int = 0) -> str:
        shown = self._data.percent(category, decimals)
        sources = (Source(recorded_file(self._data), self._data.category_place(category), category),)
        return self._figures.add(shown, self._data.fraction(category), SCALE_PERCENT, sources,
                                 f'{self._data.name}.percent("{category}")')

    def fraction(self, category: str):
        return Amount(self._data.fraction(category), (Source(recorded_file(self._data), self._data.category_place(category), category),),
                      f'{self._data.name}.fraction("{category}")')


def traced(data: dict[str, object], figures: FigureCollector, figures_type, budget_type, shares_type) -> dict[str, object]:
    """The data sets as the texts and templates of one answer see them."""
    out = {}
    for name, value in data.items():
        if isinstance(value, budget_type):
            out[name] = TracedBudget(value)
        elif isinstance(value, shares_type):
            out[name] = TracedShares(value, figures)
        elif isinstance(value, figures_type):
            out[name] = TracedFigures(value)
        else:
            out[name] = value
    return out

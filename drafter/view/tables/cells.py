"""Making a table's cells: labels with their note calls, figures written in the table's
style, each figure recorded with the data behind it (view/figures)."""

from __future__ import annotations

from typing import Callable

from drafter.load import schema
from drafter.load.tidy import Figure as DataFigure
from drafter.view.figures import FigureCollector, FigureKind, Source, Totalled, recorded_file
from drafter.view.formatting import Formatter
from drafter.view.notes import Note, NoteSeries
from drafter.view.tables.context import TableContext
from drafter.view.tables.model import Cell


class CellWriter:
    """Writes the cells of one table, calling its notes in the order it is asked to (reading order)."""

    def __init__(self, ctx: TableContext, fmt: Formatter, series: NoteSeries, placeholders: dict[str, str],
                 figures: FigureCollector | None) -> None:
        spec = ctx.spec
        self.ctx, self.fmt, self.series, self.placeholders, self.figures = ctx, fmt, series, placeholders, figures
        #: a figure is recorded as raw = the shown number * scale, in units (a table may show
        #: thousands of data written in millions)
        self.scale = schema.SCALE_FACTORS[spec.unit.scale]
        self.data_factor = schema.SCALE_FACTORS[spec.unit.data_scale]
        self.fixed = ctx.fixed
        self.key_prefix = f"table '{spec.name}', "  # of every figure's key: its place in the table follows
        self.recorded_file = recorded_file(ctx.source)
        self.printed: list[Note] = []  # the notes printed under the table, in number order
        #: per number of decimals: how the table's figures are written (Formatter.figure_writer)
        self._writers: dict[int, Callable[[float], str]] = {}

    # ---- notes
    def calls(self, keys, used_at: str) -> str:
        """The calls to these notes, numbered in the table's series."""
        notes = []
        for key in keys:
            note, first = self.series.note(key, used_at)
            notes.append(note)
            if first and note.printed:
                self.printed.append(note)
        return self.series.calls(notes)

    def labelled(self, label: str, keys, used_at: str, numeric=False, total=False) -> Cell:
        """A header or row label with its note calls."""
        return Cell(self.series.attach(label, self.calls(keys, used_at)) if keys else label, numeric, total)

    # ---- figures
    def value_text(self, figure: DataFigure | None, decimals: int, amount: float | None = None) -> str:
        """A figure as the table writes it (a placeholder when it has no value); or `amount`, a total."""
        if amount is None:
            if figure.status != "value":
                return self.placeholders[figure.status]
            amount = figure.value
        writer = self._writers.get(decimals)
        if writer is None:
            writer = self._writers[decimals] = self.fmt.figure_writer(self.ctx.spec.unit, decimals)
        return writer(amount)

    def source_of(self, index: int, figure: DataFigure, ref: str) -> Source:
        """The row of the data behind a figure; for a split of a budget line, the line it is part of."""
        return Source(self.recorded_file, figure.place, ref, self.ctx.source.split_of(index))

    def figure_cell(self, shown: str, calls: str, raw: float | None, sources, row: str, row_key: str,
                    column: str, column_key: str, section: str, adds: Totalled = Totalled.NONE,
                    total: bool = False, place: str | None = None) -> Cell:
        """A figure's cell, recorded (when it shows a value) with the data behind it: one row of the
        data, or the figures a computed total adds up (`adds`). `place`: where it stands in the
        table, when the caller has it already."""
        series = self.series
        text = series.attach(shown, calls) if calls else shown
        if self.figures is None or raw is None or not shown or not sources:
            return Cell(text, True, total)
        if place is None:
            place = ", ".join(filter(None, (self.fixed, section, row_key, column_key)))
        kind = FigureKind.TOTAL if adds else FigureKind.CELL
        figure = self.figures.record(shown, raw * self.data_factor, self.scale, tuple(sources), self.key_prefix + place,
                                     kind, self.ctx.spec.name, row, column, row_key, column_key, "", section, adds)
        return Cell(text, True, total, figure)

"""Building one table's view from its spec and its data, step by step:

1. axes: the rows of the data it uses, its measure, the values of its rows, columns and groups;
2. the header (title, corner, groups, text columns, columns), its notes called in that order;
3. lookup: where each row and column meets in the data;
4. rows: row by row, left to right, then the totals (rows, with cells and decimals);
5. the caption and the remarks under it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from drafter.load.tidy import FiguresData
from drafter.load.register import AxisItem, HouseStyle, TableSpec
from drafter.view.figures import FigureCollector
from drafter.view.formatting import Formatter
from drafter.view.notes import NoteSeries
from drafter.view.tables import axes
from drafter.view.tables.cells import CellWriter
from drafter.view.tables.context import TableContext
from drafter.view.tables.decimals import Decimals
from drafter.view.tables.lookup import FigureLookup
from drafter.view.tables.model import Group, Row, TableView
from drafter.view.tables.rows import RowMaker, Sums

#: Renders a text of the register (a remark) with the answer's figures: (text, place, what) -> text,
#: `what` naming its origin in the figures' record (view/answer).
RenderText = Callable[[str, str, str], str]


def placeholders(spec: TableSpec, fmt: Formatter, house: HouseStyle) -> dict[str, str]:
    """What a cell without a figure shows, by the reason it has none: the table's, the house's, the language's."""
    return {
        "not_applicable": house.missing if house.missing is not None else fmt.not_applicable,
        "nil": fmt.words["placeholder_nil"], "unknown": fmt.words["placeholder_unknown"], "empty": "",
        **spec.placeholders,
    }


def with_unit(label: str, unit: str, language: str) -> str:
    """A label with the unit after it: 'VAK (duizend euro)', in English 'Spending £m'."""
    return f"{label} {unit}" if language == "en" else f"{label} ({unit})"


def build_table(spec: TableSpec, source: FiguresData, fmt: Formatter, series: NoteSeries, house: HouseStyle,
                register_file: str, render_text: RenderText, figures: FigureCollector | None = None) -> TableView:
    """The view of one table, its notes numbered in `series` in reading order, each figure it
    shows recorded in `figures`."""
    ctx = TableContext(spec, source, register_file)
    fmt = replace(fmt, negative=spec.negative or house.negative)
    cells = CellWriter(ctx, fmt, series, placeholders(spec, fmt, house), figures)
    total_word = fmt.words["total"]

    indexes = axes.selected_rows(ctx)
    measure = axes.measure_of(ctx)
    row_total, col_total = axes.stated_totals(ctx)

    title = cells.labelled(spec.title, spec.title_notes, ctx.at_title()) if spec.title else None
    corner_text = spec.corner
    if spec.unit.show == "corner":
        unit = fmt.unit_text(spec.unit)
        corner_text = f"{corner_text} ({unit})" if corner_text else unit
    corner = cells.labelled(corner_text, spec.corner_notes, ctx.at_corner())

    group_items, flat = axes.figure_columns(ctx, indexes, col_total)
    groups = [Group(cells.labelled(g.label, g.notes, ctx.at_group(g.label), numeric=True),
                    sum(1 for gg, _ in flat if gg is g)) for g in group_items]
    if spec.column_total is not None:
        label = spec.column_total.label if spec.column_total.label is not None else total_word
        flat.append((None, axes.total_column(ctx, col_total, indexes, label)))
    lead = tuple(cells.labelled(t.label, t.notes, ctx.at_column(t.column)) for t in spec.text_columns)
    for t in spec.text_columns:
        ctx.check_dimension(t.column)
    unit_text = fmt.unit_text(spec.unit) if spec.unit.show in ("caption", "line", "header", "corner", "above") else ""
    headers = []
    for index, (g, c) in enumerate(flat):
        label = with_unit(c.label, unit_text, fmt.language) if spec.unit.show == "header" and unit_text else c.label
        headers.append(cells.labelled(label, c.notes, ctx.at_column(c.key), numeric=True,
                                      total=spec.column_total is not None and index == len(flat) - 1))

    lookup = FigureLookup(ctx, indexes, measure)
    decimals = Decimals(ctx)
    columns = axes.plan(flat, lookup, decimals, has_total=spec.column_total is not None,
                        computed_total=spec.column_total is not None and col_total is None)
    maker = RowMaker(cells, lookup, decimals, columns, total_word)
    rows = _rows(ctx, maker, cells, indexes, row_total, len(columns))
    decimals.check_named()

    return TableView(
        name=spec.name, title=title, caption=unit_text if spec.unit.show == "caption" else "", corner=corner,
        columns=lead + tuple(headers), rows=tuple(rows), notes=tuple(cells.printed), note_style=series.style,
        groups=tuple(groups), lead=len(lead),
        remarks=tuple(render_text(r, spec.place, f"table '{spec.name}', remark") for r in spec.remarks),
        unit_row=unit_text if spec.unit.show == "above" else "", unit_line=unit_text if spec.unit.show == "line" else "",
        fit=spec.fit or house.fit,
    )


def _rows(ctx: TableContext, maker: RowMaker, cells: CellWriter, indexes, row_total, width: int) -> list[Row]:
    """The table's rows: one body, or (nested rows) a section heading and body per section, then the grand total."""
    spec, source = ctx.spec, ctx.source
    if not spec.rows.within:
        return maker.body(axes.items(ctx, spec.rows, indexes, exclude=(row_total,)), None)[0]
    ctx.check_dimension(spec.rows.within)
    sections = spec.rows.within_items or [AxisItem(v, v) for v in source.values(spec.rows.within, indexes)]
    if spec.rows.within_items:
        ctx.check_values(spec.rows.within, [w.key for w in sections], indexes)
    rows: list[Row] = []
    grand = Sums.of(width)
    for w in sections:
        heading = cells.labelled(w.label, w.notes, ctx.at_row(w.key))
        inside = [i for i in indexes if source.records[i].get(spec.rows.within) == w.key]
        body, sums = maker.body(axes.items(ctx, spec.rows, inside, exclude=(row_total,)), w)
        if spec.total is not None and spec.total.at == "heading":  # the section's total on its heading
            rows.append(Row(heading, body.pop().cells, section=True))
        else:
            rows.append(Row(heading, (), section=True))
        rows += body
        grand.add_sums(sums)
    if spec.grand_total is not None:  # the sum of every section's rows (not of their totals)
        rows.append(maker.grand_total(grand))
    return rows

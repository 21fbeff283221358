"""Planning a table's axes: the rows of the data it uses, its measure, the values of its rows,
columns and column groups, and the columns of figures every row meets."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.load.register import Axis, AxisItem
from drafter.i18n import _
from drafter.view.tables.context import TableContext


def selected_rows(ctx: TableContext) -> list[int]:
    """The indexes of the data's records the table uses (those `where:` keeps), once every
    dimension the table names is known to be a column of the data."""
    spec = ctx.spec
    named = [*spec.where, *(a.dimension for a in (spec.rows, spec.columns, spec.groups)
                            if a is not None and a.dimension is not None), spec.rows.within or spec.rows.dimension]
    for dim in named:
        # the budget's short form names line, year and kind, which every budget table has
        if dim is not None and not (spec.budget and dim in ("line", "year", "kind")):
            ctx.check_dimension(dim)
    indexes = ctx.source.select(spec.where)
    for dim, keys in spec.where.items():
        ctx.check_values(dim, keys, None)
    return indexes


def measure_of(ctx: TableContext) -> str | None:
    """The column of figures the table shows: the one it names, else the data's first measure
    that no axis shows (None: an axis shows the measures, one per row or column)."""
    spec, source = ctx.spec, ctx.source
    if any(a is not None and a.measures for a in (spec.rows, spec.columns, spec.groups)):
        return None
    if spec.measure is not None:
        ctx.check_dimension(spec.measure)
        return spec.measure
    shown = {spec.rows.dimension, spec.rows.within, spec.columns.dimension, *spec.where,
             spec.groups.dimension if spec.groups else None, *(t.column for t in spec.text_columns)}
    measures = [m for m in source.measures() if m not in shown]
    if not measures:
        raise ctx.problem(_("{file} has no column of figures besides the ones the table shows").format(
                              file=source.named),
                          _("Name the column of figures with 'measure:'."))
    return measures[0]


def stated_totals(ctx: TableContext) -> tuple[str | None, str | None]:
    """The values of the data that state the row total and the column total (None: computed or
    none), refused where such a total cannot stand."""
    spec = ctx.spec
    row_total = spec.total.stated if spec.total is not None else None
    col_total = spec.column_total.stated if spec.column_total is not None else None
    if spec.column_total is not None and spec.groups is not None and spec.groups.measures:
        raise ctx.problem(
            _("a column total would add up different measures (the column groups)"),
            _("Leave column_total out, or show the measures as rows and give each its own total column."))
    if col_total is not None and spec.groups is not None:
        raise ctx.problem(
            _("the stated column total '{total}' would stand under none of the column groups").format(total=col_total),
            _("With groups, give each group its own total column (list it in the group's 'columns:'), "
              "or use 'column_total: computed'."))
    if spec.budget and row_total is not None and spec.rows.dimension != "line":
        raise ctx.problem(_("a stated total (total: {{line: {total}}}) needs budget lines in rows").format(
                              total=row_total),
                          _("Use 'rows: line', or 'total: computed'."))
    if spec.budget and row_total is not None:
        ctx.check_values("line", [row_total], None)
    return row_total, col_total


def items(ctx: TableContext, axis: Axis, indexes, exclude=()) -> list[AxisItem]:
    """The values an axis shows: those given, or all the data has (in its order)."""
    if axis.measures:
        for item in axis.items:
            ctx.check_dimension(item.key)
        return list(axis.items)
    ctx.check_dimension(axis.dimension)
    if axis.items:
        ctx.check_values(axis.dimension, axis.keys, indexes)
        return list(axis.items)
    return [AxisItem(v, v) for v in ctx.source.values(axis.dimension, indexes) if v not in exclude]


def figure_columns(ctx: TableContext, indexes, col_total: str | None
                   ) -> tuple[list[AxisItem], list[tuple[AxisItem | None, AxisItem]]]:
    """The column groups, and the columns of figures left to right as (group, column) pairs
    (a stated column total is left out: it is added last, as the total column)."""
    spec, source = ctx.spec, ctx.source
    if spec.groups is None:
        return [], [(None, c) for c in items(ctx, spec.columns, indexes, exclude=(col_total,))]
    group_items = items(ctx, spec.groups, indexes)
    column_items = items(ctx, spec.columns, indexes) if (spec.columns.items or spec.columns.measures) else None
    flat: list[tuple[AxisItem | None, AxisItem]] = []
    for g in group_items:
        own = list(g.columns) if g.columns else None
        if own is not None and not spec.columns.measures:
            ctx.check_values(spec.columns.dimension, [c.key for c in own], indexes)
        if own is not None and spec.columns.items:
            # a column the group lists without a label or notes of its own keeps those the table's
            # 'columns: values:' give it
            given = {c.key: c for c in spec.columns.items}
            own = [given[c.key] if c.key in given and c.label == c.key and not c.notes else c for c in own]
        if own is None:
            if column_items is not None:
                own = column_items
            else:  # the values this group has data for
                inside = [i for i in indexes if source.records[i].get(spec.groups.dimension) == g.key] \
                    if not spec.groups.measures else indexes
                own = items(ctx, spec.columns, inside, exclude=(col_total,))
        flat += [(g, c) for c in own]
    return group_items, flat


def total_column(ctx: TableContext, col_total: str | None, indexes, label: str) -> AxisItem:
    """The total column, last: the stated one's value in the data, or a computed one ('' key)."""
    spec = ctx.spec
    if col_total is not None:
        ctx.check_values(spec.columns.dimension, [col_total], indexes)
    return AxisItem(col_total or "", label, spec.column_total.notes)


def column_of(group: AxisItem | None, column: AxisItem) -> tuple[str, str]:
    """A column's label and key as the figure record names it: with its group's ('2019, VAK')."""
    key = str(column.key) or "total"  # a computed total column has no key in the data
    if group is None:
        return column.label, key
    return f"{group.label}, {column.label}", f"{group.key}, {key}"


@dataclass(frozen=True)
class Column:
    """A column of a table's figures, as every row meets it (see plan)."""

    group: AxisItem | None
    item: AxisItem
    label: str  # as the figure record names it ('2019, VAK'): column_of
    key: str
    place: tuple[tuple, str | None]  # its part of a figure's coordinates, and its measure: FigureLookup.column_place
    decimals: tuple[int | None, int | None]  # what it says of its figures' decimals: Decimals.of_column
    total: bool  # the column total, the last column
    computed: bool  # a computed column total: the sum of the row's figures


def plan(flat, lookup, decimals, has_total: bool, computed_total: bool) -> list[Column]:
    """The columns of figures as every row meets them, worked out once per table (`has_total`:
    the last is a total column; `computed_total`: one that adds up the row)."""
    out = []
    for index, (g, c) in enumerate(flat):
        last = index == len(flat) - 1
        computed = computed_total and last
        label, key = column_of(g, c)
        out.append(Column(g, c, label, key, ((), None) if computed else lookup.column_place(g, c),
                          decimals.of_column(c, g), has_total and last, computed))
    return out

"""Looking up a table's figures: where each row and column meets in the data."""

from __future__ import annotations

from drafter.errors import DataError
from drafter.i18n import _
from drafter.load import schema
from drafter.load.register import AxisItem
from drafter.view.tables.context import TableContext


class FigureLookup:
    """The records of a table's data by their coordinates: (section, row key, group key, column
    key), as many of them as the table has axes of the data -> the record's index. A row gives
    the first part of a figure's coordinates (row_place), a column the rest (column_place); where
    the rows, columns or groups are the measures, the one that is gives the figure's measure."""

    def __init__(self, ctx: TableContext, indexes: list[int], measure: str | None) -> None:
        spec, source = ctx.spec, ctx.source
        self.ctx, self.measure = ctx, measure
        axes = [("within", spec.rows.within)] if spec.rows.within else []
        axes += [("row", spec.rows.dimension), ("group", spec.groups.dimension if spec.groups else None),
                 ("column", spec.columns.dimension)]
        self.axes = [a for a, d in axes if d is not None]  # which of the coordinates the data has
        self._row_axes = [a for a in self.axes if a in ("within", "row")]
        dims = [d for _, d in axes if d is not None]
        if spec.rows.items and not spec.rows.measures:
            # the records of the rows the table shows (and of its stated total): a large file's
            # other records are never looked up, nor can two of them clash on a cell it shows
            shown = {*spec.rows.keys, *([spec.total.stated] if spec.total is not None and spec.total.stated else [])}
            row_values = source.records.column(spec.rows.dimension)
            indexes = [i for i in indexes if row_values[i] in shown]
        self.found, twice = source.records.keyed(indexes, dims)
        if twice is not None:
            raise self._twice(dims, *twice)
        self._by_row: dict | None = None

    def _twice(self, dims, first: int, second: int) -> DataError:
        """Two records with the same coordinates: the table cannot tell which figure to show."""
        source = self.ctx.source
        r = source.records[second]
        coordinates = tuple(r.get(d, "") for d in dims)
        differ = [c for c in source.columns if c not in dims and c not in schema.SPECIAL_COLUMNS
                  and c not in source.measures() and source.records[first].get(c) != r.get(c)]
        shown = ", ".join(f"{d} '{v}'" for d, v in zip(dims, coordinates))
        return self.ctx.problem(
            _("{file} has more than one figure for {values} ({first} and {second})").format(
                file=source.file, values=shown, first=source.place(first), second=source.place(second)),
            (_("They differ in {columns}: choose one with 'where: {{{column}: ...}}', or show '{column}' as rows, "
               "columns or groups.").format(columns=", ".join(repr(d) for d in differ), column=differ[0])
             if differ else _("Keep one row.")))

    def row_place(self, section: AxisItem | None, row: AxisItem) -> tuple[tuple, str | None]:
        """A row's part of its figures' coordinates (section, row), and the measure it is when
        the rows are the measures."""
        coordinates = tuple(row.key if a == "row" else section.key for a in self._row_axes)
        return coordinates, row.key if self.ctx.spec.rows.measures else None

    def column_place(self, group: AxisItem | None, column: AxisItem) -> tuple[tuple, str | None]:
        """A column's part of its figures' coordinates (group, column), and the measure it is
        when the columns or the groups are the measures."""
        spec = self.ctx.spec
        values = {"group": group.key if group is not None else None, "column": column.key}
        measure = None
        for axis, item in ((spec.columns, column), (spec.groups, group)):
            if axis is not None and axis.measures:
                measure = item.key
        return tuple(values[a] for a in self.axes if a in values), measure

    def at(self, row_place, column_place) -> tuple[int | None, str]:
        """The record (None: the data has none) and the measure of the figure where a row and a
        column meet."""
        measure = column_place[1] if column_place[1] is not None else \
            row_place[1] if row_place[1] is not None else self.measure
        return self.found.get(row_place[0] + column_place[0]), measure

    def find(self, section, row: AxisItem, group, column: AxisItem) -> tuple[int | None, str]:
        return self.at(self.row_place(section, row), self.column_place(group, column))

    def of_row(self, key: str) -> list[int]:
        """The records of the table's figures in one row (by its value), for its text columns."""
        if self._by_row is None:
            records, dimension = self.ctx.source.records, self.ctx.spec.rows.dimension
            self._by_row = {}
            for i in self.found.values():
                self._by_row.setdefault(records[i].get(dimension), []).append(i)
        return self._by_row.get(key, [])

    def missing(self, parts: dict, measure: str) -> DataError:
        """The figure where a row and a column meet has no record: the row to add to the data."""
        spec, source = self.ctx.spec, self.ctx.source
        if spec.budget:
            coords = {spec.rows.dimension: parts["row"], spec.columns.dimension: parts["column"]}
            if spec.groups is not None:
                coords[spec.groups.dimension] = parts["group"]
            coords.update({d: v[0] for d, v in spec.where.items()})
            return DataError(
                _("table '{table}' needs the figure for budget line '{line}', {year} {kind}, which has no row").format(
                    table=spec.name, line=coords.get("line"), year=coords.get("year"), kind=coords.get("kind")),
                file=source.file, place=source.sheet_place,
                hint=_("Add the row (leave the amount empty or write n.v.t. when there is no figure)."))
        axes = {"within": spec.rows.within, "row": spec.rows.dimension,
                "group": spec.groups.dimension if spec.groups else None, "column": spec.columns.dimension}
        shown = ", ".join(f"{axes[a]} '{v}'" for a, v in parts.items() if v is not None and axes[a] is not None)
        where = "".join(f", {d} '{v[0]}'" for d, v in spec.where.items() if len(v) == 1)
        return DataError(_("table '{table}' needs the {measure} for {values}, which has no row").format(
                             table=spec.name, measure=measure, values=shown + where),
                         file=source.file, place=source.sheet_place,
                         hint=_("Add the row (leave the figure empty, or write a placeholder such as n.v.t. or —, "
                                "when there is none), or leave that value out of the table."))

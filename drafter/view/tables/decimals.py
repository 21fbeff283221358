"""How many decimals each figure of a table shows.

A figure's decimals are, in this order: its row's own, its column's (or its group's), the
table's for that row or that column (``decimals: {rows: ..., columns: ...}``), then the
table's rule: a number, or ``stated`` (as written in the data).
"""

from __future__ import annotations

from drafter.i18n import _
from drafter.load.register import AxisItem, TableSpec
from drafter.load.schema import did_you_mean
from drafter.view.tables.context import TableContext

#: What a row or a column says of its figures' decimals: its own, and the table's for it.
Said = tuple[int | None, int | None]


class Decimals:
    def __init__(self, ctx: TableContext) -> None:
        self.ctx = ctx
        self.spec: TableSpec = ctx.spec
        #: per column: the most decimals a figure of the body was written with (a stated total's)
        self.seen: dict[int, int] = {}
        #: the rows and columns the table shows, which `decimals:` may name (check_named)
        self.shown: dict[str, set[str]] = {"rows": set(), "columns": set()}

    def of_row(self, row: AxisItem | None) -> Said:
        if row is None:
            return None, None
        return row.decimals, self.spec.row_decimals.get(row.key)

    def of_column(self, column: AxisItem | None, group: AxisItem | None) -> Said:
        own = column.decimals if column is not None else None
        if own is None and group is not None:
            own = group.decimals
        return own, self.spec.column_decimals.get(column.key) if column is not None else None

    def pick(self, figure, row: Said, column: Said) -> int:
        """A figure's decimals from what its row and its column say, else the table's rule."""
        for decimals in (row[0], column[0], row[1], column[1]):
            if decimals is not None:
                return decimals
        if self.spec.decimals == "stated":
            return figure.decimals if figure is not None else 0
        return self.spec.decimals

    def of_total(self, column: AxisItem, group: AxisItem | None) -> int:
        """A computed total's decimals in a column, before `stated` is worked out."""
        self.shown["columns"].add(column.key)
        return self.pick(None, (None, None), self.of_column(column, group))

    def stated_in(self, column: AxisItem) -> bool:
        """Whether a computed total in this column shows the decimals its figures were written with."""
        return self.spec.decimals == "stated" and column.decimals is None and column.key not in self.spec.column_decimals

    def check_named(self) -> None:
        """A row or column that `decimals: {rows: ..., columns: ...}` names but the table does not
        show is a mistake: its figures would silently take the default precision."""
        for side, given in (("columns", self.spec.column_decimals), ("rows", self.spec.row_decimals)):
            shown = sorted(self.shown[side])
            unknown = [key for key in given if key not in self.shown[side]]
            if unknown and shown:
                listed = ", ".join(shown[:30])
                if side == "columns":
                    message = _("decimals: columns: '{key}' is not one of the table's columns").format(key=unknown[0])
                    hint = _("Name a column as the data or the register names it (its value, or the measure's "
                             "column): {names}.").format(names=listed)
                else:
                    message = _("decimals: rows: '{key}' is not one of the table's rows").format(key=unknown[0])
                    hint = _("Name a row as the data or the register names it (its value, or the measure's "
                             "column): {names}.").format(names=listed)
                raise self.ctx.problem(message, hint + did_you_mean(unknown[0], shown))

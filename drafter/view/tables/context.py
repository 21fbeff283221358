"""What every step of building one table reads: its spec, its data and how it reports a problem."""

from __future__ import annotations

from dataclasses import dataclass

from drafter import places
from drafter.errors import DataError
from drafter.i18n import _
from drafter.load import schema
from drafter.load.tidy import FiguresData
from drafter.load.register import TableSpec
from drafter.load.schema import did_you_mean


@dataclass(frozen=True)
class TableContext:
    spec: TableSpec
    source: FiguresData
    register_file: str  # the register as messages name it

    @property
    def where(self) -> str:
        """The table, as the place a note is called from names it."""
        return f"{self.register_file}, {places.named_table(self.spec.name)}"

    # Places in the table a note is called from, each a whole phrase for its translation.
    def at_title(self) -> str:
        return _("{table}, title").format(table=self.where)

    def at_corner(self) -> str:
        return _("{table}, corner").format(table=self.where)

    def at_group(self, label: str) -> str:
        return _("{table}, group '{group}'").format(table=self.where, group=label)

    def at_column(self, key: str) -> str:
        return _("{table}, column '{column}'").format(table=self.where, column=key)

    def at_row(self, key: str) -> str:
        return _("{table}, row '{row}'").format(table=self.where, row=key)

    def at_total(self) -> str:
        return _("{table}, total").format(table=self.where)

    def at_grand_total(self) -> str:
        return _("{table}, grand total").format(table=self.where)

    @property
    def fixed(self) -> str:
        """The values the table fixes with `where:` (one each): the first part of each figure's key."""
        return ", ".join(str(v[0]) for v in self.spec.where.values() if len(v) == 1)

    def problem(self, message: str, hint: str, file: str | None = None, place: str | None = None) -> DataError:
        """A mistake in the table: at the table in the register, or at a place in a data file."""
        return DataError(f"{places.named_table(self.spec.name)}: {message}", file=file or self.register_file,
                         place=place if file else self.spec.place, hint=hint)

    def check_dimension(self, dimension: str) -> None:
        """A dimension the table names must be a column of its data."""
        if dimension not in self.source.columns:
            known = [c for c in self.source.columns if c not in schema.SPECIAL_COLUMNS]
            raise self.problem(_("'{column}' is not a column of {file}").format(column=dimension, file=self.source.named),
                               _("Name one of its columns: {columns}.").format(columns=", ".join(known))
                               + did_you_mean(dimension, known))

    def check_values(self, dimension: str, keys, indexes) -> None:
        """The values the table names of a dimension must be in its data (in the rows `indexes`)."""
        spec, source = self.spec, self.source
        if spec.budget and dimension != "line":
            return  # a year or kind without a row: the figure it needs is named (lookup.missing_figure)
        present = set(source.values(dimension, indexes if not spec.budget else None))
        for key in keys:
            if key not in present:
                if spec.budget:  # the budget's own words: "budget line 'x' is not in data/budget.csv"
                    raise self.problem(_("budget line '{key}' is not in {file}").format(key=key, file=source.named),
                                       _("Lines in that file: {lines}.").format(lines=", ".join(sorted(present))))
                shown = sorted(present)
                values = ", ".join(shown[:30]) + (" ..." if len(shown) > 30 else "")
                raise self.problem(_("{column} '{key}' is not in {file}").format(column=dimension, key=key,
                                                                                 file=source.named),
                                   _("Its values there: {values}.").format(values=values) + did_you_mean(key, shown))

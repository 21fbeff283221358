"""What every step of building one table reads: its spec, its data and how it reports a problem."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.errors import DataError
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
        return f"{self.register_file}, table '{self.spec.name}'"

    @property
    def fixed(self) -> str:
        """The values the table fixes with `where:` (one each): the first part of each figure's key."""
        return ", ".join(str(v[0]) for v in self.spec.where.values() if len(v) == 1)

    def problem(self, message: str, hint: str, file: str | None = None, place: str | None = None) -> DataError:
        """A mistake in the table: at the table in the register, or at a place in a data file."""
        return DataError(f"table '{self.spec.name}': {message}", file=file or self.register_file,
                         place=place if file else self.spec.place, hint=hint)

    def dimension_word(self, dimension: str) -> str:
        return schema.DIMENSION_WORDS.get(dimension, f"the {dimension}") if self.spec.budget else f"the {dimension}"

    def check_dimension(self, dimension: str) -> None:
        """A dimension the table names must be a column of its data."""
        if dimension not in self.source.columns:
            known = [c for c in self.source.columns if c not in schema.SPECIAL_COLUMNS]
            raise self.problem(f"'{dimension}' is not a column of {self.source.file}",
                               f"Name one of its columns: {', '.join(known)}.{did_you_mean(dimension, known)}")

    def check_values(self, dimension: str, keys, indexes) -> None:
        """The values the table names of a dimension must be in its data (in the rows `indexes`)."""
        spec, source = self.spec, self.source
        if spec.budget and dimension != "line":
            return  # a year or kind without a row: the figure it needs is named (lookup.missing_figure)
        present = set(source.values(dimension, indexes if not spec.budget else None))
        for key in keys:
            if key not in present:
                if spec.budget:  # the budget's own words: "budget line 'x' is not in data/budget.csv"
                    raise DataError(f"table '{spec.name}': {self.dimension_word(dimension)} '{key}' is not in "
                                    f"{source.file}", file=self.register_file, place=spec.place,
                                    hint=f"Lines in that file: {', '.join(sorted(present))}.")
                shown = sorted(present)
                raise self.problem(f"{dimension} '{key}' is not in {source.file}",
                                   f"Its values there: {', '.join(shown[:30])}{' ...' if len(shown) > 30 else ''}."
                                   f"{did_you_mean(key, shown)}")

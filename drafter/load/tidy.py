"""A tidy (or wide) table of figures: any columns as dimensions, a column of figures as the measure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from drafter import places
from drafter.errors import DataError
from drafter.i18n import _
from drafter.load import schema
from drafter.load.records import Records, filled_columns, notes_column
from drafter.load.schema import Status
from drafter.load.tabular import NumberError, RawTable, parse_number, read_figure


class Figure(NamedTuple):
    """One figure of a data set: its value, or why there is none; as it was written. Made when a
    table or a text asks for it (a table of thousands of rows asks for thousands)."""

    value: float | None  # None: no figure (status says why)
    status: Status
    decimals: int  # the decimals it was written with ('912.9' -> 1): a stated figure shown as stated
    notes: tuple[str, ...]
    place: str  # its cell, for messages


_NOTE_SEPARATORS = re.compile(r"[\s,;]+")


def note_keys(text: str) -> tuple[str, ...]:
    """The note keys of a notes cell: separated by spaces, commas or semicolons."""
    return tuple(n for n in _NOTE_SEPARATORS.split(text) if n) if text else ()


def _is_figure(text: str, decimal_comma: bool, point_decimal: bool | None = None) -> bool:
    """Whether a cell holds a figure or a placeholder."""
    if schema.placeholder_reason(text) != Status.VALUE:
        return True
    try:
        parse_number(text, decimal_comma, point_decimal)
    except NumberError:
        return False
    return True


class FiguresData:
    """A tidy table of figures: dimension columns (line, year, kind; or department, period,
    type; anything its author chose) and measure columns (amount, value, count, ...).

    Any column may serve as a dimension; a table names the measure it shows, and only then
    are that column's cells read as figures (each problem with its row and column). A wide
    sheet, with the years (or periods: 1990-91) as column headers, is read as it is kept: its
    period columns become the dimension `year` and the measure `value`.
    """

    def __init__(self, name: str, raw: RawTable, records: Records, places: list[int],
                 value_columns: list[dict[str, str]] | None = None) -> None:
        self.name = name
        self.raw = raw
        self.records = records  # one dict per figure row: column -> text (stripped)
        self._places = places  # the sheet row index of each record
        self._value_columns = value_columns  # wide sheets: measure -> the column its text came from
        self.columns = records.names if records else tuple(raw.frame.columns)

    @property
    def file(self) -> str:
        return self.raw.file

    @property
    def sheet_place(self) -> str | None:
        """The sheet of a workbook the figures are read from ("sheet 'Doelgroep'"), None for a CSV
        file: a message that names the file names the sheet too, since a workbook holds several."""
        return places.sheet(self.raw.sheet) if self.raw.sheet is not None else None

    @property
    def named(self) -> str:
        """The file (and sheet) as a sentence names it: "data/maatwerk.xlsx, sheet 'Doelgroep'"."""
        return f"{self.file}, {self.sheet_place}" if self.sheet_place else self.file

    def place(self, index: int, column: str | None = None) -> str:
        if column is not None and self._value_columns is not None:
            column = self._value_columns[index].get(column, column)
        return self.raw.place(self._places[index], column if column in self.raw.frame.columns else None)

    def values(self, dimension: str, indexes=None) -> list[str]:
        """The values of a dimension, in the order they first appear."""
        column = self.records.column(dimension)
        return list(dict.fromkeys(column if indexes is None else map(column.__getitem__, indexes)))

    def select(self, where: Mapping) -> list[int]:
        """The records whose every dimension in `where` has one of its values (see Records.select)."""
        return self.records.select(where)

    def measures(self) -> list[str]:
        """The columns that can be measures: those with a measure's name (amount, value, ...),
        else those whose every cell is a figure or a placeholder."""
        known = [c for c in schema.MEASURE_NAMES if c in self.columns]
        decimal_comma = self.raw.decimal_comma
        return known or [c for c in self.columns if c not in schema.SPECIAL_COLUMNS
                         and all(_is_figure(text, decimal_comma, self.raw.point_decimal) for text in self.records.column(c))]

    def figure(self, index: int, measure: str) -> Figure:
        """The figure of one record in one measure column; a cell that is not a number is an
        error that names it."""
        text = self.records.get(index, measure)
        place = self.place(index, measure)
        status = schema.placeholder_reason(text)
        value, decimals = None, 0
        if status == Status.VALUE:
            try:
                value, decimals = read_figure(text, self.raw.decimal_comma, self.raw.point_decimal)
            except NumberError as exc:
                raise DataError(
                    _("'{value}' is not a figure: {reason}").format(value=text, reason=exc.reason) if exc.reason
                    else _("'{value}' is not a figure").format(value=text),
                    file=self.file, place=place,
                    hint=exc.hint or _("Write a number (14250000), or a placeholder: {examples}.").format(
                        examples=", ".join(f"'{t}'" for t in schema.PLACEHOLDER_EXAMPLES)),
                ) from exc
        return Figure(value, status, decimals, note_keys(self.records.get(index, "notes")), place)

    def text(self, index: int, column: str) -> str:
        return self.records.get(index, column)

    def split_of(self, index: int) -> str:
        """The figure a record's figure is a part of (a split of a budget line), as a figure's
        record names it: 'clusters, 2016, VAK'; '' when it is a figure of its own."""
        return ""

    def value(self, measure: str | None = None, **where) -> float:
        """The one figure with these dimension values, for a text:
        ``spending.value(department="Education", year="2019–20", type="resource")``."""
        return self.the_figure(measure, **where).value

    def the_figure(self, measure: str | None = None, **where) -> Figure:
        """The one figure value() gives, with its place (a figure with a value, else an error)."""
        measures = self.measures()
        if measure is None and len(measures) > 1:
            raise DataError(_("value() would have to choose between the measures {measures}").format(
                measures=", ".join(measures)), file=self.file,
                hint=_("Name the measure: value(measure='{measure}', ...).").format(measure=measures[0]))
        measure = measure or (measures or [""])[0]
        if measure not in self.columns and measure not in self.measures():
            raise DataError(_("there is no measure '{measure}'").format(measure=measure), file=self.file,
                            hint=_("The columns are: {columns}.").format(columns=", ".join(self.columns)))
        for dim in where:
            if dim not in self.columns:
                raise DataError(_("there is no column '{column}'").format(column=dim), file=self.file,
                                hint=_("The columns are: {columns}.").format(columns=", ".join(self.columns))
                                + schema.did_you_mean(dim, self.columns))
        wanted = {d: schema.house_dash(str(v)) for d, v in where.items()}
        found = self.select({d: (v,) for d, v in wanted.items()})
        shown = ", ".join(f"{d} '{v}'" for d, v in wanted.items())  # the dimensions and values, as written
        if len(found) > 1:
            raise DataError(_("more than one row has {values}").format(values=shown) if shown
                            else _("more than one row has no values"), file=self.file,
                            hint=_("Name a value of every dimension that tells the rows apart."))
        if not found:
            absent = [(d, v) for d, v in wanted.items() if not self.select({d: (v,)})]
            if absent:  # a value no row has: say which values the data has
                d, v = absent[0]
                present = self.values(d, None)
                listed = ", ".join(present[:30]) + (" ..." if len(present) > 30 else "")
                raise DataError(_("no row has {dimension} '{value}'").format(dimension=d, value=v), file=self.file,
                                hint=_("Its values there: {values}.").format(values=listed)
                                + schema.did_you_mean(v, present))
            raise DataError(_("no row has {values}").format(values=shown), file=self.file,
                            hint=_("Each value is in the data, but no row has them together."))
        figure = self.figure(found[0], measure)
        if figure.value is None:
            raise DataError(_("the row with {values} has no figure").format(values=shown) if shown
                            else _("the row with no values has no figure"), file=self.file, place=figure.place,
                            hint=_("Fill in the figure, or do not use it in a text."))
        return figure


_PERIOD_HEADER = re.compile(r"^\d{4}(\s*[-–/]\s*\d{2,4})?$")


def _wide_records(raw: RawTable, periods: list[str]) -> tuple[Records, list[int], list[dict[str, str]]]:
    """A wide sheet's records: one per row and period column, the period as the dimension
    `year` ('1990-91' written with an en dash, as a tidy file writes it) and its cell as `value`."""
    names = list(raw.frame.columns)
    if schema.WIDE_DIMENSION in names or schema.WIDE_MEASURE in names:
        clash = schema.WIDE_DIMENSION if schema.WIDE_DIMENSION in names else schema.WIDE_MEASURE
        raise DataError(_("the columns {periods} are years, so this is a wide sheet, but it also has a column "
                          "'{clash}'").format(periods=", ".join(repr(p) for p in periods), clash=clash),
                        file=raw.file, place=raw.header_place,
                        hint=_("Rename the column '{clash}', or keep the years in one column '{column}' (one row per "
                               "year).").format(clash=clash, column=schema.WIDE_DIMENSION))
    keys = [c for c in names if c not in periods]
    records, places, value_columns = [], [], []
    for index, values in enumerate(zip(*(raw.frame[c] for c in names))):
        row = dict(zip(names, (v.strip() for v in values)))
        if not any(row.values()):
            continue
        for period in periods:
            record = {k: row[k] for k in keys}
            record[schema.WIDE_DIMENSION] = schema.house_dash(period)
            record[schema.WIDE_MEASURE] = row[period]
            records.append(record)
            places.append(index)
            value_columns.append({schema.WIDE_MEASURE: period})
    return Records.of_rows([*keys, schema.WIDE_DIMENSION, schema.WIDE_MEASURE], records), places, value_columns


def load_figures(name: str, raw: RawTable) -> FiguresData:
    """Any tidy or wide table of figures (see FiguresData). Its columns keep the names the file
    gives them (a dimension is its author's word), except the notes column (see notes_column)."""
    raw = notes_column(raw)
    periods = [c for c in raw.frame.columns if _PERIOD_HEADER.match(c)]
    value_columns = None
    if periods:
        records, places, value_columns = _wide_records(raw, periods)
    else:
        columns, places = filled_columns(raw)
        columns = {name: tuple(map(schema.house_dash, cells)) if any("-" in c for c in cells) else cells
                   for name, cells in columns.items()}
        records = Records(columns, len(places))
    if not records:
        raise DataError(_("the table has no rows of figures"), file=raw.file, place=raw.header_place,
                        hint=_("Add a row under the header for each figure (or each line of figures)."))
    return FiguresData(name, raw, records, places, value_columns)

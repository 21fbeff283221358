"""Loading the figures behind an answer: budget tables (CSV/XLSX), shares, YAML data, notes.

Each loader checks its file and reports problems with the file and the place: the row and
column of a CSV or XLSX cell (as Excel shows them), the line of a YAML value. What it
returns is plain data; formatting belongs to the view.
"""

from __future__ import annotations

import copy
import difflib
import math
import operator
import re
from collections.abc import Mapping, Sequence
from itertools import compress, product, repeat
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.load import schema
from drafter.errors import DataError, Problem, display_path
from drafter.load.tabular import NumberError, RawTable, data_file, parse_number, read_table
from drafter.load.yamlfile import LineDict, load_yaml

if TYPE_CHECKING:
    import pandas as pd

KINDS = schema.KINDS
NOT_APPLICABLE_TOKENS = schema.NOT_APPLICABLE_TOKENS
BUDGET_COLUMNS = schema.BUDGET.required
SHARES_COLUMNS = schema.SHARES.required
#: What tells a budget table's rows apart: no two rows have the same line, year and kind.
BUDGET_KEY = ("line", "year", "kind")


def _require_columns(raw: RawTable, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in raw.frame.columns]
    if missing:
        raise DataError(
            f"{what}: the column(s) {', '.join(repr(c) for c in missing)} are missing "
            f"(found: {', '.join(repr(c) for c in raw.frame.columns) or 'none'})",
            file=raw.file,
            place=raw.header_place,
            hint=f"Row {raw.header_row} must name the columns {', '.join(columns)}."
            + "".join(f" Is '{found[0]}' meant to be '{c}'?" for c in missing
                      for found in [difflib.get_close_matches(c, list(raw.frame.columns), n=1, cutoff=0.6)] if found),
        )


def _refuse_misspelt_columns(raw: RawTable, table_schema: schema.TableSchema) -> None:
    """A column named like a known one that is absent ('note' for 'notes') is an error: read
    as an unknown column, its cells (every note call) would vanish from the answer."""
    problems = []
    for column in raw.frame.columns:
        meant = table_schema.meant(column)
        if meant and meant not in raw.frame.columns:
            meaning = table_schema.columns[table_schema.known.index(meant)].meaning
            problems.append(Problem(
                f"{table_schema.what}: the column '{column}' is not one drafter reads, so its cells would be lost",
                file=raw.file, place=f"{raw.header_place}, column '{column}'",
                hint=f"Did you mean '{meant}'? Rename it to '{meant}' if it holds {meaning}; "
                f"the columns drafter reads are {', '.join(table_schema.known)}."))
    if problems:
        raise DataError(problems=problems)


def _shown(text: str, at_most: int = 40) -> str:
    """A cell as a message shows it: a long one cut short."""
    return text if len(text) <= at_most else text[:at_most] + "..."


# --------------------------------------------------------------------------- records, kept as columns


class Records(Sequence):
    """The records of a data set (one dict per figure row: column -> text), kept as columns.

    A file of 100,000 rows of which an answer shows ten is not turned into 100,000 dicts: a
    record is made when it is asked for, and a selection (`select`) runs over the columns.
    `unique`: the records by columns that no two of them share all of (a budget's line, year
    and kind, as its loader checked), through which every record is found without keying
    them again.
    """

    def __init__(self, columns: dict[str, Sequence[str]], length: int, unique: Keyed | None = None) -> None:
        self._columns = columns
        self._length = length
        self._unique = unique

    @classmethod
    def of_rows(cls, names: Sequence[str], rows: list[dict[str, str]]) -> Records:
        """Records from dicts that all have the columns `names`."""
        return cls({n: [r[n] for r in rows] for n in names}, len(rows))

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._columns)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if not -self._length <= index < self._length:
            raise IndexError(index)
        return {name: column[index] for name, column in self._columns.items()}

    def __iter__(self):
        names = tuple(self._columns)
        return (dict(zip(names, values)) for values in zip(*self._columns.values()))

    def get(self, index: int, column: str, default: str = "") -> str:
        """One cell: ``records[index].get(column, default)`` without making the record."""
        found = self._columns.get(column)
        return default if found is None else found[index]

    def column(self, name: str) -> list[str]:
        """Every record's text in one column ('' where it has none)."""
        found = self._columns.get(name)
        return [""] * self._length if found is None else found

    def select(self, where: Mapping) -> list[int]:
        """The indexes of the records whose every column in `where` has one of its values:
        ``[i for i, r in enumerate(records) if all(r.get(d, "") in v for d, v in where.items())]``."""
        indexes = None
        for dim, values in where.items():
            try:
                values = frozenset(values)
            except TypeError:  # an unhashable value: the values as given
                pass
            column, contains = self.column(dim), values.__contains__
            if indexes is None:  # every record (a table of one year of a budget file): no list of flags
                every = isinstance(values, frozenset) and values.issuperset(column)
                indexes = list(range(self._length)) if every else list(compress(range(self._length), map(contains, column)))
            else:
                indexes = [i for i in indexes if contains(column[i])]
        return list(range(self._length)) if indexes is None else indexes

    def keyed(self, indexes: list[int], dims: Sequence[str]) -> tuple[Mapping[tuple, int], tuple[int, int] | None]:
        """The records at these indexes by their texts in `dims` (coordinates -> index), and the
        first two indexes that share coordinates (None when none do)."""
        every = indexes == list(range(self._length))
        through = self._through_unique(dims) if every else None
        if through is not None:
            return through, None
        columns = [self.column(d) for d in dims]
        if not every:
            columns = [[c[i] for i in indexes] for c in columns]
        found = Keyed(tuple(dims), columns, indexes)
        if len(found) < len(indexes):  # the first repeat, in the order of the indexes
            seen: dict[tuple, int] = {}
            for j, i in enumerate(indexes):
                first = seen.setdefault(tuple(c[j] for c in columns), i)
                if first != i:
                    return seen, (first, i)
        return found, None

    def _through_unique(self, dims: Sequence[str]) -> Mapping[tuple, int] | None:
        """Every record by its texts in `dims`, when they tell the records apart: `dims` hold the
        unique columns but those that have one text in every record (None otherwise)."""
        if self._unique is None or not dims or len(set(dims)) < len(dims):
            return None
        fixed = {}
        for name in self._unique.names:
            if name not in dims:
                texts = set(self.column(name))
                if len(texts) != 1:
                    return None
                fixed[name] = texts.pop()
        return _Through(self, self._unique, tuple(dims), fixed)


#: Between the texts of one record's coordinates, where they are kept as one text: no cell of a
#: data file holds it (tabular replaces control characters by a space).
_JOIN = "\x00"
_MISSING = object()


class _Lookup(Mapping):
    """A mapping whose `get` does the looking up (a key it does not find is a KeyError, as in a dict)."""

    def get(self, key, default=None):
        raise NotImplementedError

    def __getitem__(self, key) -> int:
        found = self.get(key, _MISSING)
        if found is _MISSING:
            raise KeyError(key)
        return found

    def __contains__(self, key) -> bool:
        return self.get(key, _MISSING) is not _MISSING


class Keyed(_Lookup):
    """Records by their texts in some columns: coordinates (a tuple of texts, one per column)
    -> the record's index; where coordinates repeat, the last index (as a dict of them).

    No tuple is kept for a record: 100,000 tuples (a large data file) cost their making and
    make each collection of the garbage collector go over them again. When every column but
    one has a few texts (a budget's year and kind beside its lines), the records are kept in
    parts, one for each combination of those texts, by their text in the one column; else
    by their texts joined into one text (tuples only where a text holds the joining character).
    """

    def __init__(self, names: tuple[str, ...], columns: Sequence[Sequence[str]], indexes: Sequence[int]) -> None:
        self.names = names
        self._columns, self._indexes = columns, indexes
        self._width = len(columns)
        self._plain: dict[tuple, int] | None = None
        texts = _parted(columns)
        self._outer = list(texts)
        self._inner = [j for j in range(self._width) if j not in texts]
        self._joined = len(self._inner) > 1 and not any(_JOIN in "".join(columns[j]) for j in self._inner)
        if texts:
            self._parts = _parts(columns, indexes, texts, self._inner[0])
        else:
            self._parts = {(): dict(zip(self._keys(), indexes))}
        self._length = sum(map(len, self._parts.values()))

    def _keys(self):
        """Every record's coordinates as they are kept (no parts)."""
        if self._width == 0:
            return [()] * len(self._indexes)
        if self._width == 1:
            return self._columns[0]
        return map(_JOIN.join, zip(*self._columns)) if self._joined else zip(*self._columns)

    def _kept(self, coordinates):
        """The coordinates in a part as they are kept there (_MISSING: no record can have them)."""
        if len(self._inner) == 1:
            return coordinates[self._inner[0]]
        if self._joined:
            try:
                kept = _JOIN.join(coordinates)
            except TypeError:  # not all texts
                return _MISSING
            return kept if kept.count(_JOIN) == self._width - 1 else _MISSING
        return coordinates

    def get(self, coordinates, default=None):
        hash(coordinates)  # what is unhashable is refused as by a dict
        if not isinstance(coordinates, tuple) or len(coordinates) != self._width:
            return default
        part = self._parts.get(tuple(coordinates[j] for j in self._outer))
        kept = _MISSING if part is None else self._kept(coordinates)
        return default if kept is _MISSING else part.get(kept, default)

    def _repeats(self) -> bool:
        return self._length < len(self._indexes)

    def _as_dict(self) -> dict[tuple, int]:
        """The dict of tuples itself, in its order (made when a Keyed with repeats is gone through)."""
        if self._plain is None:
            keys = zip(*self._columns) if self._width else [()] * len(self._indexes)
            self._plain = dict(zip(keys, self._indexes))
        return self._plain

    def __iter__(self):
        if self._repeats():
            return iter(self._as_dict())
        return zip(*self._columns) if self._width else iter([()] * self._length)

    def __len__(self) -> int:
        return self._length

    def values(self):
        return self._as_dict().values() if self._repeats() else self._indexes


#: Columns with at most this many combinations of texts are parts of a Keyed (each part takes
#: a few passes over the column).
_FEW_PARTS = 8


def _parted(columns: Sequence[Sequence[str]]) -> dict[int, set[str]]:
    """The columns a Keyed is kept in parts of, with their texts: all but the one with the most
    texts, when they have few combinations of texts (none: it is not)."""
    if len(columns) < 2:
        return {}
    texts = [set(c) for c in columns]
    inner = max(range(len(columns)), key=lambda j: len(texts[j]))
    outer = {j: texts[j] for j in range(len(columns)) if j != inner}
    return outer if math.prod(map(len, outer.values())) <= _FEW_PARTS else {}


def _parts(columns, indexes, outer: dict[int, set[str]], inner: int) -> dict[tuple, _Part]:
    """The records by their texts in the `outer` columns (a combination a part), each part by
    their texts in the `inner` column."""
    flags = [{t: None if len(ts) == 1 else list(map(operator.eq, columns[j], repeat(t))) for t in ts}
             for j, ts in outer.items()]
    parts = {}
    for combination in product(*outer.values()):
        masks = [f[t] for f, t in zip(flags, combination) if f[t] is not None]
        mask = masks[0] if len(masks) == 1 else list(map(all, zip(*masks))) if masks else None
        if mask is None:
            parts[combination] = _Part(tuple(columns[inner]), tuple(indexes))
        elif any(mask):
            parts[combination] = _Part(tuple(compress(columns[inner], mask)), tuple(compress(indexes, mask)))
    return parts


#: Looked up this many times, a part of a Keyed is made a dict of its texts.
_SCANS = 16


class _Part:
    """One part of a Keyed: its records' texts in the one column and their indexes. A look-up
    is a pass over the texts (at C speed) until a dict of them pays: an answer looks up a few
    figures of a large file. With a text twice, a dict at once (the last index, as a dict)."""

    def __init__(self, texts: tuple[str, ...], indexes: tuple[int, ...]) -> None:
        self._texts, self._indexes = texts, indexes
        self._length = len(set(texts))
        self._found = None if self._length == len(texts) else dict(zip(texts, indexes))
        self._scans = 0

    def __len__(self) -> int:
        return self._length

    def get(self, text, default=None):
        if self._found is None:
            self._scans += 1
            if self._scans <= _SCANS:
                try:
                    return self._indexes[self._texts.index(text)]
                except ValueError:
                    return default
            self._found = dict(zip(self._texts, self._indexes))
        return self._found.get(text, default)


class _Through(_Lookup):
    """Every record by its texts in `dims`, found in a Keyed of columns that tell the records
    apart: those of them not in `dims` have one text in every record (`fixed`)."""

    def __init__(self, records: Records, unique: Keyed, dims: tuple[str, ...], fixed: dict[str, str]) -> None:
        self._records, self._unique, self._dims, self._fixed = records, unique, dims, fixed
        self._others = [(j, records.column(d)) for j, d in enumerate(dims) if d not in unique.names]

    def get(self, coordinates, default=None):
        hash(coordinates)  # what is unhashable is refused as by a dict
        if not isinstance(coordinates, tuple) or len(coordinates) != len(self._dims):
            return default
        given = dict(zip(self._dims, coordinates))
        index = self._unique.get(tuple(given[n] if n in given else self._fixed[n] for n in self._unique.names))
        if index is None or not all(column[index] == coordinates[j] for j, column in self._others):
            return default
        return index

    def __iter__(self):
        return zip(*(self._records.column(d) for d in self._dims))

    def __len__(self) -> int:
        return len(self._records)

    def values(self):
        return range(len(self._records))


#: The white space of ASCII, which str.strip takes off.
_ASCII_SPACES = tuple(c for c in map(chr, range(128)) if c.isspace())


def _stripped(cells: list[str]) -> list[str]:
    """The cells stripped: the list itself when none holds white space (looked for at once)."""
    joined = "".join(cells)
    if joined.isascii() and not any(map(joined.__contains__, _ASCII_SPACES)):
        return cells
    return list(map(str.strip, cells))


def _filled_rows(raw: RawTable) -> tuple[dict[str, tuple[str, ...]], Sequence[int]]:
    """A table's columns, every cell stripped, and the indexes of its rows that are not blank.

    A column is a tuple, not a list: the garbage collector goes over a list's items at each
    of its collections, over a tuple of texts once (and then no more), and the columns of a
    large file live as long as the process."""
    columns = {n: tuple(_stripped(raw.frame[n].tolist())) for n in raw.frame.columns}
    length = len(raw.frame)
    if not columns or any("" not in c for c in columns.values()):  # a column with no empty cell: no blank row
        return columns, range(length) if columns else []
    return columns, [i for i, values in enumerate(zip(*columns.values())) if any(values)]


def _keep(columns: dict[str, tuple[str, ...]], rows: Sequence[int], length: int) -> dict[str, tuple[str, ...]]:
    """The columns cut to these rows."""
    if len(rows) == length:
        return columns
    return {n: tuple(map(c.__getitem__, rows)) for n, c in columns.items()}


# --------------------------------------------------------------------------- figures: the one model


@dataclass(frozen=True)
class Figure:
    """One figure of a data set: its value, or why there is none; as it was written."""

    value: float | None  # None: no figure (status says why)
    status: str  # "value", or one of schema.PLACEHOLDER_REASONS ("not_applicable", "nil", "unknown", "empty")
    decimals: int  # the decimals it was written with ('912.9' -> 1): a stated figure shown as stated
    notes: tuple[str, ...]
    place: str  # its cell, for messages


def stated_decimals(text: str, decimal_comma: bool) -> int:
    """The decimals a figure was written with: '912.9' -> 1, '14.250.000' (comma file) -> 0."""
    t = re.sub(r"[^\d.,]", "", text)
    mark = "," if decimal_comma else "."
    if not decimal_comma and "." not in t and re.fullmatch(r"\d+,\d{1,2}|\d+,\d{4,}", t):
        mark = ","  # '6,75' in a point file can only be decimal
    if mark not in t or (mark == "." and re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", t)):
        return 0
    return len(t.rsplit(mark, 1)[1])


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
        self._figures: dict[tuple[int, str], Figure] = {}
        #: what tables worked out from these records (rows kept, where each figure is), by the
        #: question they asked: the answers of a batch mostly show the same tables
        self.selections: dict[tuple, object] = {}
        self.columns = records.names if records else tuple(raw.frame.columns)

    @property
    def file(self) -> str:
        return self.raw.file

    def place(self, index: int, column: str | None = None) -> str:
        if column is not None and self._value_columns is not None:
            column = self._value_columns[index].get(column, column)
        return self.raw.place(self._places[index], column if column in self.raw.frame.columns else None)

    def values(self, dimension: str, indexes=None) -> list[str]:
        """The values of a dimension, in the order they first appear."""
        column = self.records.column(dimension)
        every = indexes is None or indexes == list(range(len(column)))
        return list(dict.fromkeys(column if every else map(column.__getitem__, indexes)))

    def select(self, where: Mapping) -> list[int]:
        """The records whose every dimension in `where` has one of its values (see Records.select)."""
        return self.records.select(where)

    def measures(self) -> list[str]:
        """The columns that can be measures: those with a measure's name (amount, value, ...),
        else those whose every cell is a figure or a placeholder."""
        known = [c for c in schema.MEASURE_NAMES if c in self.columns]
        return known or [c for c in self.columns if c not in schema.SPECIAL_COLUMNS and self._numeric(c)]

    def _numeric(self, column: str) -> bool:
        key = ("numeric", column)
        if key not in self._figures:
            def figure(text: str) -> bool:
                if schema.placeholder_reason(text) != "value":
                    return True
                try:
                    parse_number(text, self.raw.decimal_comma)
                    return True
                except NumberError:
                    return False
            self._figures[key] = all(map(figure, self.records.column(column)))
        return self._figures[key]

    def figure(self, index: int, measure: str) -> Figure:
        """The figure of one record in one measure column; a cell that is not a number is an
        error that names it."""
        key = (index, measure)
        found = self._figures.get(key)
        if found is None:
            text = self.records.get(index, measure)
            place = self.place(index, measure)
            notes = tuple(n for n in re.split(r"[\s,;]+", self.records.get(index, "notes")) if n)
            status = schema.placeholder_reason(text)
            value, decimals = None, 0
            if status == "value":
                try:
                    value = parse_number(text, self.raw.decimal_comma)
                except NumberError as exc:
                    raise DataError(
                        f"'{text}' is not a figure" + (f": {exc.reason}" if exc.reason else ""),
                        file=self.file, place=place,
                        hint=exc.hint or "Write a number (14250000), or a placeholder: "
                        + ", ".join(f"'{t}'" for t in schema.PLACEHOLDER_EXAMPLES) + ".",
                    ) from None
                decimals = stated_decimals(text, self.raw.decimal_comma)
            found = Figure(value, status, decimals, notes, place)
            self._figures[key] = found
        return found

    def text(self, index: int, column: str) -> str:
        return self.records.get(index, column)

    def value(self, measure: str | None = None, **where) -> float:
        """The one figure with these dimension values, for a text:
        ``spending.value(department="Education", year="2019–20", type="resource")``."""
        return self.the_figure(measure, **where).value

    def the_figure(self, measure: str | None = None, **where) -> Figure:
        """The one figure value() gives, with its place (a figure with a value, else an error)."""
        measure = measure or (self.measures() or [""])[0]
        if measure not in self.columns and measure not in self.measures():
            raise DataError(f"there is no measure '{measure}'", file=self.file,
                            hint=f"The columns are: {', '.join(self.columns)}.")
        for dim in where:
            if dim not in self.columns:
                raise DataError(f"there is no column '{dim}'", file=self.file,
                                hint=f"The columns are: {', '.join(self.columns)}.{schema.did_you_mean(dim, self.columns)}")
        wanted = {d: str(v) for d, v in where.items()}
        found = self.select({d: (v,) for d, v in wanted.items()})
        shown = ", ".join(f"{d} '{v}'" for d, v in wanted.items()) or "no values"
        if len(found) != 1:
            raise DataError(f"{'no row has' if not found else 'more than one row has'} {shown}", file=self.file,
                            hint="Name a value of every dimension that tells the rows apart.")
        figure = self.figure(found[0], measure)
        if figure.value is None:
            raise DataError(f"the row with {shown} has no figure", file=self.file, place=figure.place,
                            hint="Fill in the figure, or do not use it in a text.")
        return figure


_PERIOD_HEADER = re.compile(r"^\d{4}(\s*[-–/]\s*\d{2,4})?$")


def load_figures(name: str, raw: RawTable) -> FiguresData:
    """Any tidy or wide table of figures (see FiguresData)."""
    names = list(raw.frame.columns)
    periods = [c for c in names if _PERIOD_HEADER.match(c)]
    records, places, value_columns = [], [], None
    if periods:
        rows = list(zip(*(raw.frame[c] for c in names)))
        if schema.WIDE_DIMENSION in names or schema.WIDE_MEASURE in names:
            clash = schema.WIDE_DIMENSION if schema.WIDE_DIMENSION in names else schema.WIDE_MEASURE
            raise DataError(f"the columns {', '.join(repr(p) for p in periods)} are years, so this is a wide sheet, "
                            f"but it also has a column '{clash}'", file=raw.file, place=raw.header_place,
                            hint=f"Rename the column '{clash}', or keep the years in one column '{schema.WIDE_DIMENSION}' "
                            "(one row per year).")
        value_columns = []
        keys = [c for c in names if c not in periods]
        for index, values in enumerate(rows):
            row = dict(zip(names, (v.strip() for v in values)))
            if not any(row.values()):
                continue
            for period in periods:
                record = {k: row[k] for k in keys}
                record[schema.WIDE_DIMENSION] = period.replace("-", "–") if re.fullmatch(r"\d{4}-\d{2}", period) else period
                record[schema.WIDE_MEASURE] = row[period]
                records.append(record)
                places.append(index)
                value_columns.append({schema.WIDE_MEASURE: period})
        records = Records.of_rows([*keys, schema.WIDE_DIMENSION, schema.WIDE_MEASURE], records)
    else:
        columns, places = _filled_rows(raw)
        records = Records(_keep(columns, places, len(raw.frame)), len(places))
    if not records:
        raise DataError("the table has no rows of figures", file=raw.file, place=raw.header_place,
                        hint="Add a row under the header for each figure (or each line of figures).")
    return FiguresData(name, raw, records, places, value_columns)


# --------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class BudgetCell:
    line: str
    year: int
    kind: str
    amount: float | None  # None: no figure (status tells why)
    status: str  # "value", "not_applicable" or "empty"
    notes: tuple[str, ...]
    part_of: str | None
    place: str


@dataclass(frozen=True)
class BudgetColumns:
    """A budget table's rows that passed its checks, as columns (one tuple per field, one
    entry per row in the file's order); a BudgetCell is made of a row when it is asked for."""

    lines: Sequence[str]
    years: Sequence[int]
    year_texts: Sequence[str]  # str(year) of each
    kinds: Sequence[str]
    amounts: Sequence[float | None]
    statuses: Sequence[str]
    notes: Sequence[str] | None  # the notes cells (None: no notes column)
    part_of: Sequence[str] | None  # the part_of cells (None: no part_of column)
    rows: Sequence[int]  # the sheet row index of each
    keys: Keyed  # (line, year text, kind) -> its index


class BudgetCells(Mapping):
    """(line, year, kind) -> BudgetCell, in the file's order: the cells of a budget table."""

    def __init__(self, data: BudgetData) -> None:
        self._data = data
        self._columns = data.columns_of_cells

    def _index(self, key) -> int | None:
        hash(key)  # what is unhashable is refused as by a dict
        if isinstance(key, tuple) and len(key) == 3 and not isinstance(key[1], str):
            try:
                year = int(key[1])
            except (TypeError, ValueError, OverflowError):
                return None
            if year == key[1]:  # 2016 and 2016.0 alike, as a dict of (line, year, kind) finds them
                return self._columns.keys.get((key[0], str(year), key[2]))
        return None

    def __getitem__(self, key) -> BudgetCell:
        index = self._index(key)
        if index is None:
            raise KeyError(key)
        return self._data.cell_at(index)

    def __contains__(self, key) -> bool:
        return self._index(key) is not None

    def __iter__(self):
        c = self._columns
        return zip(c.lines, c.years, c.kinds)  # no two rows alike: the keys in the file's order

    def __len__(self) -> int:
        return len(self._columns.keys)


class BudgetData(FiguresData):
    """Budget figures: figures over the dimensions line, year and kind (VAK/VEK), measure
    amount, with the budget's own checks (kinds, years, splits)."""

    def __init__(self, name: str, raw: RawTable, cells: BudgetColumns) -> None:
        self.columns_of_cells = cells
        self.cells = BudgetCells(self)
        self._made: dict[int, BudgetCell] = {}
        super().__init__(name, raw, Records(dict(zip(BUDGET_KEY, (cells.lines, cells.year_texts, cells.kinds))),
                                            len(cells.rows), unique=cells.keys), cells.rows)
        self._figures: dict[int, Figure] = {}  # by record, as figure() gives them
        self._frame: pd.DataFrame | None = None

    def cell_at(self, index: int) -> BudgetCell:
        """The cell of one record (the records are the cells, in the file's order)."""
        found = self._made.get(index)
        if found is None:
            c = self.columns_of_cells
            notes = tuple(n for n in re.split(r"[\s,;]+", c.notes[index]) if n) if c.notes is not None else ()
            part_of = (c.part_of[index] or None) if c.part_of is not None else None
            found = BudgetCell(c.lines[index], c.years[index], c.kinds[index], c.amounts[index], c.statuses[index],
                               notes, part_of, self.raw.place(c.rows[index]))
            self._made[index] = found
        return found

    def split_cells(self) -> list[BudgetCell]:
        """The cells with a part_of (the splits of a line), in the file's order."""
        part_of = self.columns_of_cells.part_of or ()
        return list(map(self.cell_at, compress(range(len(part_of)), part_of)))

    def noted_cells(self) -> list[BudgetCell]:
        """The cells with notes, in the file's order."""
        notes = self.columns_of_cells.notes or ()
        return list(map(self.cell_at, compress(range(len(notes)), notes)))

    def measures(self) -> list[str]:
        return ["amount"]

    def figure(self, index: int, measure: str) -> Figure:
        if measure != "amount":
            raise DataError(f"a budget table has the measure 'amount', not '{measure}'", file=self.file,
                            hint="Leave 'measure:' out of the table, or write 'measure: amount'.")
        found = self._figures.get(index)
        if found is None:  # made once: the answers that show a budget line share its figures
            c = self.cell_at(index)
            status = "value" if c.status == "value" else c.status
            decimals = 0
            if c.amount is not None and not float(c.amount).is_integer():
                decimals = len(repr(c.amount).split(".")[1])
            found = self._figures[index] = Figure(c.amount, status, decimals, c.notes, c.place)
        return found

    def frame(self) -> pd.DataFrame:
        """The figures as a tidy DataFrame (line, year, kind, amount, status, notes, cell)."""
        if self._frame is None:
            import pandas as pd  # where data is read: status and verify read none

            self._frame = pd.DataFrame(
                [
                    {"line": c.line, "year": c.year, "kind": c.kind, "amount": c.amount, "status": c.status,
                     "notes": c.notes, "cell": c}
                    for c in self.cells.values()
                ],
                columns=["line", "year", "kind", "amount", "status", "notes", "cell"],
            )
        return self._frame

    def cell(self, line: str, year: int, kind: str) -> BudgetCell | None:
        return self.cells.get((line, int(year), kind))

    def lines(self) -> list[str]:
        return sorted(set(self.columns_of_cells.lines))

    def amount(self, line: str, year: int, kind: str) -> float:
        """The amount of one cell; a missing or non-numeric cell is an error that says which."""
        cell = self.cell(line, year, kind)
        if cell is None:
            raise DataError(
                f"no row for budget line '{line}', year {year}, kind {kind}",
                file=self.file,
                hint=f"Add that row, or check the name (lines here: {', '.join(self.lines())}).",
            )
        if cell.amount is None:
            raise DataError(
                f"budget line '{line}', year {year}, kind {kind} has no amount",
                file=self.file,
                place=cell.place,
                hint="Fill in the amount, or do not use this figure in a text.",
            )
        return cell.amount


def _budget_year(text: str) -> int | None:
    """The year a budget row's year cell holds, or None when it holds none."""
    try:
        year = int(float(text.replace(",", ".")))
        if not schema.FIRST_YEAR <= year <= schema.LAST_YEAR or float(text.replace(",", ".")) != year:
            return None
    except (ValueError, OverflowError):  # OverflowError: '1e400' is infinity
        return None
    return year


def _digits(texts: list[str], most: int) -> bool:
    """Every text is 1 to `most` ASCII digits (checked for the whole column at once)."""
    joined = "".join(texts)
    return joined.isascii() and joined.isdigit() and "" not in texts and max(map(len, texts)) <= most


def _budget_years(texts: Sequence[str]) -> tuple[tuple[int | None, ...], Sequence[str]]:
    """_budget_year of every cell of a column, and each year as a text ('2016'); a column of
    four-digit years in one go."""
    distinct = list(set(texts))  # a few years: each looked at once, and one int each, not one a row
    if _digits(distinct, 4) and len("".join(distinct)) == 4 * len(distinct):
        numbers = {text: int(text) for text in distinct}
        if schema.FIRST_YEAR <= min(numbers.values()) and max(numbers.values()) <= schema.LAST_YEAR:
            return tuple(map(numbers.__getitem__, texts)), texts
    years = tuple(map(_budget_year, texts))
    return years, tuple(map(str, years))


#: An amount of plain digits, which parse_number reads as float() does (in either kind of file).
_PLAIN_AMOUNT = re.compile(r"[0-9]{1,15}")


def _budget_amount(text: str, decimal_comma: bool) -> tuple[float | None, str] | NumberError:
    """(amount, status) of an amount cell, or the NumberError that says why it is none."""
    if _PLAIN_AMOUNT.fullmatch(text):
        return float(text), "value"
    if text.lower() in NOT_APPLICABLE_TOKENS:
        return None, "not_applicable"
    if not text:
        return None, "empty"
    try:
        return parse_number(text, decimal_comma), "value"
    except NumberError as exc:
        return exc


class _PlainAmounts(Sequence):
    """A column of amounts of plain digits, each read when its cell is made (an answer shows
    a few of a large file's)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, index: int) -> float:
        return float(self._texts[index])


def _budget_amounts(texts: Sequence[str], decimal_comma: bool) -> tuple[Sequence, Sequence[str], dict[int, NumberError]]:
    """_budget_amount of every cell of a column, as the amounts, their statuses and the
    errors by row; a column of plain amounts in one go."""
    if _digits(texts, 15):
        return _PlainAmounts(texts), ("value",) * len(texts), {}
    amounts, statuses, errors = [], [], {}
    for j, text in enumerate(texts):
        found = _budget_amount(text, decimal_comma)
        if isinstance(found, NumberError):
            errors[j], found = found, (None, "")
        amounts.append(found[0])
        statuses.append(found[1])
    return tuple(amounts), tuple(statuses), errors


def load_budget(name: str, raw: RawTable) -> BudgetData:
    """A budget table, every row checked; all problems are reported together, row by row.

    The cells are checked column by column (a column of plain years or amounts at once);
    only when a check fails are the rows gone through one by one for the messages."""
    _require_columns(raw, BUDGET_COLUMNS, "budget table")
    _refuse_misspelt_columns(raw, schema.BUDGET)
    columns, rows = _filled_rows(raw)
    columns = _keep(columns, rows, len(raw.frame))
    lines, kind_texts = columns["line"], columns["kind"]
    years, year_texts = _budget_years(columns["year"])
    amounts, statuses, errors = _budget_amounts(columns["amount"], raw.decimal_comma)
    kinds = kind_texts if set(kind_texts) <= set(KINDS) else tuple(map(str.upper, kind_texts))
    valid = "" not in lines and None not in years and set(kinds) <= set(KINDS) and not errors
    keys = Keyed(BUDGET_KEY, [lines, year_texts, kinds], range(len(rows))) if valid else Keyed((), [], ())
    if len(keys) < len(rows):  # a problem, or a row twice
        raise DataError(problems=_budget_problems(raw, rows, columns, years, kinds, errors))
    return BudgetData(name, raw, BudgetColumns(lines, years, year_texts, kinds, amounts, statuses,
                                               columns.get("notes"), columns.get("part_of"), rows, keys))


def _budget_problems(raw: RawTable, rows, columns, years, kinds, errors) -> list[Problem]:
    """What is wrong with a budget table's rows, row by row (in each row: line, year, kind,
    amount; then a row that repeats an earlier one)."""
    problems: list[Problem] = []
    first: dict[tuple[str, int, str], int] = {}

    def bad(index, column, message, hint):
        problems.append(Problem(message, file=raw.file, place=raw.place(index, column), hint=hint))

    for j, index in enumerate(rows):
        line, year_text, kind, error = columns["line"][j], columns["year"][j], columns["kind"][j], errors.get(j)
        ok = True
        if not line:
            bad(index, "line", "the budget line is empty", "Name the budget line (e.g. clusters).")
            ok = False
        if years[j] is None:
            bad(index, "year", f"'{_shown(year_text)}' is not a year", "Write the year as four digits, e.g. 2016.")
            ok = False
        if kinds[j] not in KINDS:
            bad(index, "kind", f"'{kind}' is not a budget kind", f"Use one of {', '.join(KINDS)}.")
            ok = False
        if error is not None:
            bad(index, "amount",
                f"'{_shown(columns['amount'][j])}' is not an amount" + (f": {error.reason}" if error.reason else ""),
                error.hint or "Write a number (14250000), 'n.v.t.' when it does not apply, or leave it empty.")
            ok = False
        if not ok:
            continue
        key = (line, years[j], kinds[j])
        if key in first:
            bad(index, None, f"budget line '{line}', {years[j]} {kinds[j]} appears twice "
                f"(first at {raw.place(first[key])})", "Keep one row.")
            continue
        first[key] = index
    return problems


# --------------------------------------------------------------------------- shares


class SharesData(FiguresData):
    """Shares of a whole by category (e.g. support by company size): figures with one
    dimension (the categories) and the measure share; percentages are computed."""

    def __init__(self, name: str, raw: RawTable, shares: dict[str, float], labels: dict[str, str],
                 places: dict[str, str] | None = None) -> None:
        columns, rows = _filled_rows(raw)
        super().__init__(name, raw, Records(_keep(columns, rows, len(raw.frame)), len(rows)), rows)
        self.shares = shares
        self.labels = labels
        self.places = places or {}  # category -> its row ('row 3'), for traced figures
        self.formatter = None  # a document's: see with_formatter

    def with_formatter(self, formatter) -> SharesData:
        """A copy that formats for one document; the loaded data itself is shared between answers."""
        bound = copy.copy(self)
        bound.formatter = formatter
        return bound

    @property
    def file(self) -> str:
        return self.raw.file

    @property
    def total(self) -> float:
        return sum(self.shares.values())

    def fraction(self, category: str) -> float:
        if category not in self.shares:
            raise DataError(
                f"there is no category '{category}'",
                file=self.file,
                hint=f"The categories are: {', '.join(self.shares)}.",
            )
        return self.shares[category] / self.total

    def percent(self, category: str, decimals: int = 0) -> str:
        return self.formatter.percent(self.fraction(category), decimals)

    def category_place(self, category: str) -> str:
        """The row of a category's share ('row 3'), for traced figures (view/figures)."""
        return self.places.get(category, "")


def load_shares(name: str, raw: RawTable) -> SharesData:
    _require_columns(raw, SHARES_COLUMNS, "shares table")
    _refuse_misspelt_columns(raw, schema.SHARES)
    key_column = next((c for c in raw.frame.columns if c not in ("share", "label")), None)
    if key_column is None:
        raise DataError("shares table: no column names the categories", file=raw.file, place=raw.header_place,
                        hint="Add a first column such as 'size' with the category keys.")
    problems, shares, labels, places = [], {}, {}, {}
    for index, row in enumerate(raw.frame.to_dict("records")):
        key = row[key_column].strip()
        if not key:
            continue
        if key in shares:
            problems.append(Problem(f"the category '{key}' appears twice", file=raw.file,
                                    place=raw.place(index, key_column), hint="Keep one row per category."))
            continue
        if key.casefold() in schema.TOTAL_WORDS or row.get("label", "").strip().casefold() in schema.TOTAL_WORDS:
            problems.append(Problem(f"'{key}' is a total, not a category: it would count every share twice",
                                    file=raw.file, place=raw.place(index, key_column),
                                    hint="Remove the total row; drafter computes the percentages from the categories."))
            continue
        try:
            value = parse_number(row["share"], raw.decimal_comma)
            if value < 0:
                raise ValueError
        except ValueError as exc:
            reason = f": {exc.reason}" if getattr(exc, "reason", None) else ""
            problems.append(Problem(f"'{_shown(row['share'])}' is not a share{reason}", file=raw.file,
                                    place=raw.place(index, "share"), hint="Write a positive number, e.g. 45."))
            continue
        shares[key] = value
        labels[key] = row.get("label", key)
        places[key] = raw.place(index)
    if problems:
        raise DataError(problems=problems)
    if not shares or sum(shares.values()) == 0:
        raise DataError("shares table: the shares add up to zero", file=raw.file, hint="Fill in the shares.")
    return SharesData(name, raw, shares, labels, places)


# --------------------------------------------------------------------------- YAML data


class RecordData:
    """Structured data from YAML (e.g. evaluation measures), read with attribute access."""

    def __init__(self, name: str, path: Path, content: LineDict) -> None:
        self.name = name
        self.path = path
        self._content = content

    @property
    def file(self) -> str:
        return display_path(self.path)

    def __getattr__(self, key):
        content = self.__dict__.get("_content")
        if content is None or key.startswith("_"):
            raise AttributeError(key)
        if key in content:
            return _wrap(content[key])
        if key == "text" and "measures" in content:
            return self.text_of_measures()
        raise AttributeError(key)

    def text_of_measures(self) -> str:
        """The summary and every measure's text, as one paragraph."""
        parts = [self._content.get("summary", "")]
        for i, m in enumerate(self._content.get("measures") or []):
            if not isinstance(m, dict) or not isinstance(m.get("text"), str):
                raise DataError("every measure needs a 'text'", file=self.file,
                                place=f"line {self._content['measures'].line_of(i)}")
            parts.append(m["text"])
        return " ".join(" ".join(p.split()) for p in parts if p)


class _Record(dict):
    def __getattr__(self, key):
        try:
            return _wrap(self[key])
        except KeyError:
            raise AttributeError(key) from None


def _wrap(value):
    if isinstance(value, dict):
        return _Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    if isinstance(value, str):
        return " ".join(value.split())
    return value


# --------------------------------------------------------------------------- notes


@dataclass(frozen=True)
class NoteCatalog:
    """Note texts by key (a Jinja2 text each), from the register's notes file.

    A note is one text for every language, or a text per language (nl, fr, en, ...): an
    answer takes the text in its own language.
    """

    path: Path | None
    texts: dict[str, str | dict[str, str]]
    lines: dict[str, int]  # key -> the line of its text (of its first text, with several languages)
    language_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, language) -> line

    @property
    def file(self) -> str:
        return display_path(self.path) if self.path else "(no notes file)"

    def text(self, key: str, language: str) -> str:
        """The note's text for an answer in this language (the key must exist)."""
        text = self.texts[key]
        if isinstance(text, str):
            return text
        if language not in text:
            raise DataError(
                f"the note '{key}' has no text in the answer's language ({language})",
                file=self.file,
                place=f"line {self.lines.get(key, 0)}",
                hint=f"Add '{language}: ...' under '{key}:' (it has: {', '.join(text)}).",
            )
        return text[language]

    def line(self, key: str, language: str) -> int:
        """The line of the note's text in this language (for messages)."""
        return self.language_lines.get((key, language), self.lines.get(key, 0))

    def variants(self):
        """(key, line, text) for every text of every note, to check them all."""
        for key, text in self.texts.items():
            if isinstance(text, str):
                yield key, self.lines.get(key, 0), text
            else:
                yield from ((key, self.line(key, lang), t) for lang, t in text.items())


def _note_text(value):
    """A note's text, or its texts by language; None when it is neither."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}", k) and isinstance(v, str) for k, v in value.items()
    ):
        return {k: " ".join(v.split()) for k, v in value.items()}
    return None


def load_notes(path: Path | None) -> NoteCatalog:
    if path is None:
        return NoteCatalog(None, {}, {})
    raw = load_yaml(path)
    if raw is None:
        return NoteCatalog(path, {}, {})
    if not isinstance(raw, LineDict):
        raise DataError("the notes file must map keys to texts (key: text)", file=display_path(path))
    problems, texts, language_lines = [], {}, {}
    for key, value in raw.items():
        text = _note_text(value)
        if isinstance(value, LineDict):
            language_lines.update({(key, lang): value.line_of(lang) for lang in value})
        if not isinstance(key, str) or text is None:
            problems.append(Problem(f"note {key!r} must be a key with a text, or with a text per language",
                                    file=display_path(path), place=f"line {raw.line_of(key)}",
                                    hint="Write 'key: text', or 'key:' with lines such as 'nl: ...' and 'fr: ...' under it."))
        else:
            texts[key] = text
    if problems:
        raise DataError(problems=problems)
    return NoteCatalog(path, texts, dict(raw.lines), language_lines)


# --------------------------------------------------------------------------- dispatch


class DatasetCache:
    """Data sets loaded once and reused while their file is unchanged (same size and time).

    Answers of one register mostly share their data files: a batch reads each file once per
    process, not once per answer. What it returns must be treated as read-only.
    """

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, Path], tuple[tuple[int, int], object]] = {}

    def load(self, name: str, path: Path):
        try:
            st = data_file(path).stat()  # budget.xlsx#Begroting is read from budget.xlsx
        except OSError:
            return load_dataset(name, path)  # which says what is wrong with the file
        stamp = (st.st_mtime_ns, st.st_size)
        found = self._loaded.get((name, path))
        if found is None or found[0] != stamp:
            found = (stamp, load_dataset(name, path))
            self._loaded[(name, path)] = found
        return found[1]


def load_dataset(name: str, path: Path):
    """Load one data file named in the register: budget or shares table, or YAML records."""
    if path.suffix.lower() in (".yaml", ".yml"):
        content = load_yaml(path)
        if not isinstance(content, LineDict):
            raise DataError("the file must hold a mapping (key: value lines)", file=display_path(path))
        return RecordData(name, path, content)
    raw = read_table(path)
    columns = set(raw.frame.columns)
    if set(BUDGET_COLUMNS) <= columns:
        return load_budget(name, raw)
    if set(SHARES_COLUMNS) <= columns:
        return load_shares(name, raw)
    if len(set(BUDGET_COLUMNS) & columns) >= 3:  # a budget table with a column missing or misspelt
        return load_budget(name, raw)
    return load_figures(name, raw)

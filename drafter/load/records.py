"""A data file's rows as records: the columns it must have, its cells stripped, its blank rows left out."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from drafter.errors import DataError, Problem
from drafter.i18n import _, ngettext
from drafter.load import schema
from drafter.load.tabular import RawTable


def english_columns(raw: RawTable, table_schema: schema.TableSchema) -> RawTable:
    """raw with its Dutch column names (jaar, bedrag, ...) read as the English ones the
    table's schema names; a column already named in English keeps its name."""
    present = {str(c).strip().lower() for c in raw.frame.columns}
    renamed = {}
    for column in raw.frame.columns:
        english = schema.DUTCH_COLUMNS.get(str(column).strip().lower())
        if english in table_schema.known and english not in present and english not in renamed.values():
            renamed[column] = english
    if not renamed:
        return raw
    letters = {renamed.get(k, k): v for k, v in raw.letters.items()} if raw.letters is not None else None
    return replace(raw, frame=raw.frame.rename(columns=renamed), letters=letters)


def require_columns(raw: RawTable, columns: tuple[str, ...], what: str) -> None:
    """The columns a kind of table must have; a missing one is named with its likely misspelling."""
    missing = [c for c in columns if c not in raw.frame.columns]
    if missing:
        found = ", ".join(repr(c) for c in raw.frame.columns)
        if found:
            message = ngettext("{what}: the column(s) {columns} are missing (found: {found})",
                               "{what}: the column(s) {columns} are missing (found: {found})", len(missing))
        else:
            message = ngettext("{what}: the column(s) {columns} are missing (found: none)",
                               "{what}: the column(s) {columns} are missing (found: none)", len(missing))
        raise DataError(
            message.format(what=what, columns=", ".join(repr(c) for c in missing), found=found),
            file=raw.file,
            place=raw.header_place,
            hint=_("Row {row} must name the columns {columns}.").format(row=raw.header_row, columns=", ".join(columns))
            + "".join(" " + _("Is '{found}' meant to be '{column}'?").format(found=close[0], column=c) for c in missing
                      for close in [difflib.get_close_matches(c, list(raw.frame.columns), n=1, cutoff=0.6)] if close),
        )


def refuse_misspelt_columns(raw: RawTable, table_schema: schema.TableSchema) -> None:
    """A column named like a known one that is absent ('note' for 'notes') is an error: read
    as an unknown column, its cells (every note call) would vanish from the answer."""
    problems = []
    for column in raw.frame.columns:
        meant = table_schema.meant(column)
        if meant and meant not in raw.frame.columns:
            meaning = _(table_schema.columns[table_schema.known.index(meant)].meaning)
            problems.append(Problem(
                _("{what}: the column '{column}' is not one drafter reads, so its cells would be lost").format(
                    what=_(table_schema.what), column=column),
                file=raw.file, place=raw.header_column_place(column),
                hint=_("Did you mean '{meant}'? Rename it to '{meant}' if it holds {meaning}; the columns drafter "
                       "reads are {columns}.").format(meant=meant, meaning=meaning,
                                                      columns=", ".join(table_schema.known))))
    if problems:
        raise DataError(problems=problems)


#: How a person may name the notes column of any data file: the one column drafter reads
#: whatever kind of table it is, so its Dutch names apply everywhere (docs/templates.md).
NOTES_NAMES = ("notes", "noten", "noot")


def notes_column(raw: RawTable) -> RawTable:
    """raw with its notes column named 'notes', however it is written ('Notes', 'noten'). A
    column that was clearly meant to be it ('note', 'notities') is refused, and so is a second
    one: read as a dimension, its note keys would vanish from the answer without a word."""
    named = [c for c in raw.frame.columns if str(c).strip().lower() in NOTES_NAMES]
    meant = [c for c in raw.frame.columns if c not in named
             and difflib.get_close_matches(str(c).strip().lower(), NOTES_NAMES, n=1, cutoff=0.75)]
    problems = [Problem(_("the column '{column}' looks like the notes column but is not read as it, so its note "
                          "keys would be lost").format(column=c), file=raw.file, place=raw.header_column_place(c),
                        hint=_("Rename it to 'notes' if it holds the note keys of a row's figures (separated by "
                               "spaces), or give it a name that does not look like it."))
                for c in meant]
    if len(named) > 1:
        problems.append(Problem(
            _("the columns {columns} would both be the notes column").format(
                columns=", ".join(f"'{c}'" for c in named)),
            file=raw.file, place=raw.header_column_place(named[1]),
            hint=_("Keep one column 'notes' with the note keys, and move the keys of the other into it.")))
    if problems:
        raise DataError(problems=problems)
    if not named or named[0] == "notes":
        return raw
    renamed = {named[0]: "notes"}
    letters = {renamed.get(k, k): v for k, v in raw.letters.items()} if raw.letters is not None else None
    return replace(raw, frame=raw.frame.rename(columns=renamed), letters=letters)


def shown(text: str, at_most: int = 40) -> str:
    """A cell as a message shows it: a long one cut short."""
    return text if len(text) <= at_most else text[:at_most] + "..."


def filled_columns(raw: RawTable) -> tuple[dict[str, tuple[str, ...]], list[int]]:
    """A table's columns cut to its rows that are not blank, every cell stripped; and the
    index in the file of each of those rows (for messages that name a row)."""
    columns = {name: list(map(str.strip, raw.frame[name].tolist())) for name in raw.frame.columns}
    rows = [i for i, cells in enumerate(zip(*columns.values())) if any(cells)]
    if len(rows) < len(raw.frame):
        columns = {name: [cells[i] for i in rows] for name, cells in columns.items()}
    return {name: tuple(cells) for name, cells in columns.items()}, rows


class Records(Sequence):
    """The records of a data set (one dict per figure row: column -> text), kept as columns.

    A file of 100,000 rows of which an answer shows ten is not turned into 100,000 dicts: a
    record is made when it is asked for, and a selection (`select`) runs over the columns.
    """

    def __init__(self, columns: dict[str, Sequence[str]], length: int) -> None:
        self._columns = columns
        self._length = length

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

    def column(self, name: str) -> Sequence[str]:
        """Every record's text in one column ('' where it has none)."""
        found = self._columns.get(name)
        return ("",) * self._length if found is None else found

    def select(self, where: Mapping) -> list[int]:
        """The indexes of the records whose every column in `where` has one of its values."""
        indexes: Sequence[int] = range(self._length)
        for dim, values in where.items():
            column = self.column(dim)
            indexes = [i for i in indexes if column[i] in values]
        return list(indexes)

    def keyed(self, indexes: Sequence[int], dims: Sequence[str]) -> tuple[dict[tuple, int], tuple[int, int] | None]:
        """The records at these indexes by their texts in `dims` (coordinates -> index), and the
        first two indexes that share coordinates (None when none do)."""
        columns = [list(map(self.column(d).__getitem__, indexes)) for d in dims]
        keys = list(zip(*columns)) if columns else [()] * len(indexes)
        found = dict(zip(keys, indexes))
        if len(found) == len(keys):
            return found, None
        seen: dict[tuple, int] = {}  # two records share coordinates: the first two, for the message
        for key, i in zip(keys, indexes):
            first = seen.setdefault(key, i)
            if first != i:
                return seen, (first, i)
        return found, None

"""A budget table: figures over the dimensions line, year and kind (VAK/VEK), measure amount,
every row checked (each problem at its row and column), no two rows of the same line, year and kind."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from drafter.errors import DataError, Problem
from drafter.i18n import _
from drafter.load import schema
from drafter.load.records import Records, english_columns, filled_columns, refuse_misspelt_columns, require_columns, shown
from drafter.load.schema import KINDS, Status
from drafter.load.tabular import NumberError, RawTable, parse_number
from drafter.load.tidy import Figure, FiguresData, note_keys

if TYPE_CHECKING:
    import pandas as pd

#: What tells a budget table's rows apart: no two rows have the same line, year and kind.
BUDGET_KEY = ("line", "year", "kind")


@dataclass(frozen=True)
class BudgetCell:
    line: str
    year: int
    kind: str
    amount: float | None  # None: no figure (status tells why)
    status: Status  # VALUE, NOT_APPLICABLE or EMPTY
    notes: tuple[str, ...]
    part_of: str | None
    place: str


@dataclass(frozen=True)
class BudgetColumns:
    """A budget table's rows, as columns (one entry per row in the file's order): a BudgetCell
    is made of a row when it is asked for, as an answer shows a few rows of a large file."""

    lines: Sequence[str]
    years: Sequence[int]
    kinds: Sequence[str]
    amounts: Sequence[float | None]
    statuses: Sequence[Status]
    notes: Sequence[str] | None  # the notes cells (None: no notes column)
    part_of: Sequence[str] | None  # the part_of cells (None: no part_of column)
    rows: Sequence[int]  # the sheet row index of each


class BudgetCells(Mapping):
    """(line, year, kind) -> BudgetCell, in the file's order: the cells of a budget table."""

    def __init__(self, data: BudgetData) -> None:
        self._data = data

    @cached_property
    def _keys(self) -> dict[tuple[str, int, str], int]:
        """(line, year, kind) -> the row's index; made when a cell is first looked up by its key
        (a text's budget.amount(...)), which a table never does."""
        c = self._data.columns_of_cells
        return dict(zip(zip(c.lines, c.years, c.kinds), range(len(c.lines))))

    def __getitem__(self, key) -> BudgetCell:
        return self._data.cell_at(self._keys[key])

    def __contains__(self, key) -> bool:
        return key in self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


class BudgetData(FiguresData):
    """Budget figures: figures over the dimensions line, year and kind (VAK/VEK), measure
    amount, with the budget's own checks (kinds, years, splits)."""

    def __init__(self, name: str, raw: RawTable, cells: BudgetColumns) -> None:
        self.columns_of_cells = cells
        self.cells = BudgetCells(self)
        year_texts = tuple(map(str, cells.years))
        super().__init__(name, raw, Records(dict(zip(BUDGET_KEY, (cells.lines, year_texts, cells.kinds))),
                                            len(cells.rows)), list(cells.rows))

    def cell_at(self, index: int) -> BudgetCell:
        """The cell of one record (the records are the cells, in the file's order)."""
        c = self.columns_of_cells
        notes = note_keys(c.notes[index]) if c.notes is not None else ()
        part_of = (c.part_of[index] or None) if c.part_of is not None else None
        return BudgetCell(c.lines[index], c.years[index], c.kinds[index], c.amounts[index], c.statuses[index],
                          notes, part_of, self.raw.place(c.rows[index]))

    def split_cells(self) -> list[BudgetCell]:
        """The cells with a part_of (the splits of a line), in the file's order."""
        part_of = self.columns_of_cells.part_of or ()
        return [self.cell_at(i) for i, text in enumerate(part_of) if text]

    def noted_cells(self) -> list[BudgetCell]:
        """The cells with notes, in the file's order."""
        notes = self.columns_of_cells.notes or ()
        return [self.cell_at(i) for i, text in enumerate(notes) if text]

    def measures(self) -> list[str]:
        return ["amount"]

    def figure(self, index: int, measure: str) -> Figure:
        if measure != "amount":
            raise DataError(_("a budget table has the measure 'amount', not '{measure}'").format(measure=measure),
                            file=self.file, hint=_("Leave 'measure:' out of the table, or write 'measure: amount'."))
        c = self.columns_of_cells
        amount = c.amounts[index]
        decimals = 0
        if amount is not None and not float(amount).is_integer():
            decimals = len(repr(amount).split(".")[1])
        notes = note_keys(c.notes[index]) if c.notes is not None else ()
        return Figure(amount, c.statuses[index], decimals, notes, self.raw.place(c.rows[index]))

    def split_of(self, index: int) -> str:
        c = self.columns_of_cells
        part_of = c.part_of[index] if c.part_of is not None else ""
        return f"{part_of}, {c.years[index]}, {c.kinds[index]}" if part_of else ""

    def frame(self) -> pd.DataFrame:
        """The figures as a tidy DataFrame (line, year, kind, amount, status, notes, cell)."""
        import pandas as pd  # where data is read: status and verify read none

        return pd.DataFrame(
            [{"line": c.line, "year": c.year, "kind": c.kind, "amount": c.amount, "status": c.status,
              "notes": c.notes, "cell": c} for c in self.cells.values()],
            columns=["line", "year", "kind", "amount", "status", "notes", "cell"],
        )

    def cell(self, line: str, year: int, kind: str) -> BudgetCell | None:
        return self.cells.get((line, int(year), kind))

    def lines(self) -> list[str]:
        return sorted(set(self.columns_of_cells.lines))

    def amount(self, line: str, year: int, kind: str) -> float:
        """The amount of one cell; a missing or non-numeric cell is an error that says which."""
        cell = self.cell(line, year, kind)
        if cell is None:
            raise DataError(
                _("no row for budget line '{line}', year {year}, kind {kind}").format(line=line, year=year, kind=kind),
                file=self.file,
                hint=_("Add that row, or check the name (lines here: {lines}).").format(lines=", ".join(self.lines())),
            )
        if cell.amount is None:
            raise DataError(
                _("budget line '{line}', year {year}, kind {kind} has no amount").format(line=line, year=year, kind=kind),
                file=self.file,
                place=cell.place,
                hint=_("Fill in the amount, or do not use this figure in a text."),
            )
        return cell.amount


def budget_year(text: str) -> int | None:
    """The year a budget row's year cell holds ('2016', '2016.0'), or None when it holds none."""
    try:
        number = float(text.replace(",", "."))
        year = int(number)
    except (ValueError, OverflowError):  # OverflowError: '1e400' is infinity
        return None
    return year if schema.FIRST_YEAR <= year <= schema.LAST_YEAR and number == year else None


def budget_amount(text: str, decimal_comma: bool, point_decimal: bool | None = None) -> tuple[float | None, Status]:
    """(amount, status) of an amount cell; NumberError when it is neither a number nor a placeholder.
    point_decimal: what the register's locale says a point is ('1,250' in a comma-separated file)."""
    if text.isdigit() and text.isascii() and len(text) <= 15:  # plain digits, most cells: well below MAX_FIGURE
        return float(text), Status.VALUE
    if text.lower() in schema.NOT_APPLICABLE_TOKENS:
        return None, Status.NOT_APPLICABLE
    if not text:
        return None, Status.EMPTY
    return parse_number(text, decimal_comma, point_decimal), Status.VALUE


def _amounts(texts, decimal_comma: bool,
             point_decimal: bool | None = None) -> tuple[list[float | None], list[Status], dict[int, NumberError]]:
    """budget_amount of every cell of a column: the amounts, their statuses, and the errors by row."""
    amounts, statuses, errors = [], [], {}
    for j, text in enumerate(texts):
        try:
            amount, status = budget_amount(text, decimal_comma, point_decimal)
        except NumberError as exc:
            amount, status, errors[j] = None, Status.EMPTY, exc
        amounts.append(amount)
        statuses.append(status)
    return amounts, statuses, errors


def load_budget(name: str, raw: RawTable) -> BudgetData:
    """A budget table, every row checked; all problems are reported together, row by row (in
    each row: line, year, kind, amount; then a row that repeats an earlier one).

    Each check runs once over a whole column (pandas' comparisons, membership and duplicate
    search); the messages are then written for the rows a check found wrong."""
    import pandas as pd  # where data is read: status and verify read none

    raw = english_columns(raw, schema.BUDGET)
    require_columns(raw, schema.BUDGET.required, _(schema.BUDGET.what))
    refuse_misspelt_columns(raw, schema.BUDGET)
    columns, rows = filled_columns(raw)
    lines, year_texts, kind_texts, amount_texts = (columns[c] for c in ("line", "year", "kind", "amount"))
    years_of = {text: budget_year(text) for text in set(year_texts)}  # a file of many rows has a few years
    years = [years_of[text] for text in year_texts]
    kinds = list(map(str.upper, kind_texts))  # 'vak' is VAK
    amounts, statuses, errors = _amounts(amount_texts, raw.decimal_comma, raw.point_decimal)
    checked = pd.DataFrame({"line": lines, "year": years, "kind": kinds}, dtype=object)
    wrong = pd.DataFrame({"line": checked["line"].eq(""), "year": checked["year"].isna(),
                          "kind": ~checked["kind"].isin(KINDS), "amount": checked.index.isin(list(errors))})
    sound = checked[~wrong.any(axis=1)]
    repeated = sound.duplicated(keep="first")  # a row whose line, year and kind an earlier sound row has
    problems: list[Problem] = []
    if wrong.any(axis=None) or repeated.any():
        first = sound.index.to_series().groupby([sound["line"], sound["year"], sound["kind"]]).transform("first")
        twice = dict(zip(sound.index[repeated], first[repeated]))
        for j in sorted({*wrong.index[wrong.any(axis=1)], *twice}):
            problems += _row_problems(raw, rows, j, wrong.loc[j], twice.get(j), columns, kinds, years, errors)
    if problems:
        raise DataError(problems=problems)
    return BudgetData(name, raw, BudgetColumns(lines, years, kinds, amounts, statuses, columns.get("notes"),
                                               columns.get("part_of"), rows))


def _row_problems(raw: RawTable, rows, j: int, wrong, first: int | None, columns, kinds, years, errors) -> list[Problem]:
    """What is wrong with one row of a budget table, in the order of its columns; or the earlier
    row (`first`) it repeats."""
    def bad(column, message, hint):
        return Problem(message, file=raw.file, place=raw.place(rows[j], column), hint=hint)

    if first is not None:
        return [bad(None, _("budget line '{line}', {year} {kind} appears twice (first at {first})").format(
            line=columns["line"][j], year=years[j], kind=kinds[j], first=raw.place(rows[first])), _("Keep one row."))]
    out = []
    if wrong["line"]:
        out.append(bad("line", _("the budget line is empty"), _("Name the budget line (e.g. clusters).")))
    if wrong["year"]:
        out.append(bad("year", _("'{value}' is not a year").format(value=shown(columns["year"][j])),
                       _("Write the year as four digits, e.g. 2016.")))
    if wrong["kind"]:
        out.append(bad("kind", _("'{value}' is not a budget kind").format(value=columns["kind"][j]),
                       _("Use one of {choices}.").format(choices=", ".join(KINDS))))
    if wrong["amount"]:
        error = errors[j]
        value = shown(columns["amount"][j])
        message = (_("'{value}' is not an amount: {reason}").format(value=value, reason=error.reason) if error.reason
                   else _("'{value}' is not an amount").format(value=value))
        out.append(bad("amount", message, error.hint
                       or _("Write a number (14250000), 'n.v.t.' when it does not apply, or leave it empty.")))
    return out

"""A table as the register describes it: what makes its rows, columns and groups, its unit,
totals, decimals and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter import places

#: Keys of a table that mark the budget's short form.
BUDGET_KEYS = ("line", "lines", "years", "kinds")


@dataclass(frozen=True)
class AxisItem:
    """One value of a dimension as a table shows it: its key in the data, label and notes."""

    key: str  # the value as the data holds it (a year as text: '2016', '1990–91')
    label: str
    notes: tuple[str, ...] = ()
    columns: tuple["AxisItem", ...] = ()  # a column group's own columns (empty: the table's)
    decimals: int | None = None  # precision of this row's or column's figures
    summed: bool = True  # False: its figures are not parts of a sum (percentages, averages): no total adds them


@dataclass(frozen=True)
class Axis:
    """What makes a table's rows, columns or column groups: one dimension of the data (its
    values in the order and with the labels given; all of them when none are given), or the
    measures (one per column or row). Rows may be nested: each value of `within` is a
    section with the rows of its own values under it."""

    dimension: str | None  # None: the measures
    items: tuple[AxisItem, ...] = ()
    within: str | None = None
    within_items: tuple[AxisItem, ...] = ()

    @property
    def measures(self) -> bool:
        return self.dimension is None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(i.key for i in self.items)


@dataclass(frozen=True)
class Unit:
    """What a table's figures are, and where the unit is stated."""

    kind: str = "money"  # one of schema.UNIT_KINDS
    currency: str = "EUR"
    scale: str = "units"  # one of schema.SCALE_FACTORS: what the answer shows
    data_scale: str = "units"  # the scale the data is written in ('148.7' for £148.7 billion: billion)
    show: str = "caption"  # one of schema.UNIT_SHOWN
    text: str | None = None  # the unit in the register's own words ('£000'), instead of drafter's
    legacy: str | None = None  # the budget's short form (euro, thousand, million): its Dutch captions


@dataclass(frozen=True)
class Total:
    """A total row (or column): stated in the data (the value of the axis's dimension that
    holds it, shown as stated, never recomputed) or computed (the sum of the figures shown)."""

    stated: str | None  # None: computed
    label: str | None = None
    notes: tuple[str, ...] = ()
    dimension: str | None = None  # the dimension the stated value belongs to, when the register names it
    at: str = "below"  # with nested rows, 'heading': each section's total on its heading row, its rows below


@dataclass(frozen=True)
class TextColumn:
    """A column of text beside the figures (a description per row), from a column of the data."""

    column: str
    label: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableSpec:
    """A table of figures from one data set: rows, columns and column groups each from a
    dimension of the data (or its measures), filtered with `where`."""

    name: str
    data: str
    rows: Axis
    columns: Axis
    line: int  # where it is defined in the register
    groups: Axis | None = None
    where: dict = field(default_factory=dict)  # dimension -> the values kept
    measure: str | None = None  # None: the data set's (amount, value, count)
    title: str | None = None
    title_notes: tuple[str, ...] = ()
    corner: str = ""
    corner_notes: tuple[str, ...] = ()
    text_columns: tuple[TextColumn, ...] = ()
    unit: Unit = Unit(legacy="euro")
    decimals: int | str = 0  # or "stated": as written in the data
    column_decimals: dict = field(default_factory=dict)
    row_decimals: dict = field(default_factory=dict)
    negative: str | None = None
    placeholders: dict = field(default_factory=dict)  # reason -> text
    total: Total | None = None
    column_total: Total | None = None
    grand_total: Total | None = None  # with nested rows: the sum of every section's rows, last
    remarks: tuple[str, ...] = ()  # unnumbered notes under the table ('Bron: ...')
    note_style: str | None = None
    fit: str | None = None
    budget: bool = False  # written in the budget's short form (line, years, kinds)

    @property
    def place(self) -> str:
        return places.line(self.line)


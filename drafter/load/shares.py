"""A shares table: shares of a whole by category (e.g. support by company size), from which
the answer computes percentages."""

from __future__ import annotations

import copy

from drafter.errors import DataError, Problem
from drafter.i18n import _
from drafter.load import schema
from drafter.load.records import Records, english_columns, filled_columns, refuse_misspelt_columns, require_columns, shown
from drafter.load.tabular import RawTable, parse_number
from drafter.load.tidy import FiguresData


class SharesData(FiguresData):
    """Shares of a whole by category (e.g. support by company size): figures with one
    dimension (the categories) and the measure share; percentages are computed."""

    def __init__(self, name: str, raw: RawTable, shares: dict[str, float], labels: dict[str, str],
                 places: dict[str, str] | None = None) -> None:
        columns, rows = filled_columns(raw)
        super().__init__(name, raw, Records(columns, len(rows)), rows)
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
                _("there is no category '{category}'").format(category=category),
                file=self.file,
                hint=_("The categories are: {categories}.").format(categories=", ".join(self.shares)),
            )
        return self.shares[category] / self.total

    def percent(self, category: str, decimals: int = 0) -> str:
        return self.formatter.percent(self.fraction(category), decimals)

    def category_place(self, category: str) -> str:
        """The row of a category's share ('row 3'), for traced figures (view/figures)."""
        return self.places.get(category, "")


def load_shares(name: str, raw: RawTable) -> SharesData:
    raw = english_columns(raw, schema.SHARES)
    require_columns(raw, schema.SHARES.required, _(schema.SHARES.what))
    refuse_misspelt_columns(raw, schema.SHARES)
    key_column = next((c for c in raw.frame.columns if c not in ("share", "label")), None)
    if key_column is None:
        raise DataError(_("shares table: no column names the categories"), file=raw.file, place=raw.header_place,
                        hint=_("Add a first column such as 'size' with the category keys."))
    problems, shares, labels, places = [], {}, {}, {}
    for index, row in enumerate(raw.frame.to_dict("records")):
        key = row[key_column].strip()
        if not key:
            continue
        if key in shares:
            problems.append(Problem(_("the category '{category}' appears twice").format(category=key), file=raw.file,
                                    place=raw.place(index, key_column), hint=_("Keep one row per category.")))
            continue
        if key.casefold() in schema.TOTAL_WORDS or row.get("label", "").strip().casefold() in schema.TOTAL_WORDS:
            problems.append(Problem(_("'{category}' is a total, not a category: it would count every share twice")
                                    .format(category=key), file=raw.file, place=raw.place(index, key_column),
                                    hint=_("Remove the total row; drafter computes the percentages from the "
                                           "categories.")))
            continue
        try:
            value = parse_number(row["share"], raw.decimal_comma, raw.point_decimal)
            if value < 0:
                raise ValueError
        except ValueError as exc:
            reason = getattr(exc, "reason", None)
            value = shown(row["share"])
            message = (_("'{value}' is not a share: {reason}").format(value=value, reason=reason) if reason
                       else _("'{value}' is not a share").format(value=value))
            problems.append(Problem(message, file=raw.file, place=raw.place(index, "share"),
                                    hint=_("Write a positive number, e.g. 45.")))
            continue
        shares[key] = value
        labels[key] = row.get("label", key)
        places[key] = raw.place(index)
    if problems:
        raise DataError(problems=problems)
    if not shares or sum(shares.values()) == 0:
        raise DataError(_("shares table: the shares add up to zero"), file=raw.file, hint=_("Fill in the shares."))
    return SharesData(name, raw, shares, labels, places)

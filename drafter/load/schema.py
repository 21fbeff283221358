"""What each kind of data file must hold: its columns, their types and allowed values.

The one source of truth for these facts: the loaders (`datasets`) enforce them, `drafter
check` uses them to point out a column name with a typo, and the README lists them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from drafter.errors import DrafterError
from drafter.i18n import N_, _

#: The budget kinds an answer can show: vastleggingskrediet and vereffeningskrediet.
KINDS = ("VAK", "VEK")
#: Years a budget row may have.
FIRST_YEAR, LAST_YEAR = 1900, 2200
#: What a civil servant types in an amount cell when a figure does not apply.
NOT_APPLICABLE_TOKENS = frozenset({"n.v.t.", "nvt", "n.v.t", "n/a"})
#: A row of a shares table named like this is a total, not a category.
TOTAL_WORDS = frozenset({"total", "totaal", "som", "sum", "totaal generaal"})
#: Parts may differ from the amount they split by this fraction of it (rounding), no more.
SPLIT_TOLERANCE = 0.005


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    kind: str  # what a cell holds, as the README says it
    meaning: str  # marked with N_: a message translates it with _() where it shows it


@dataclass(frozen=True)
class TableSchema:
    what: str  # how a message names such a table, marked with N_ (translated where shown)
    columns: tuple[Column, ...]
    #: a column of another name holds the row keys (the shares table's categories)
    key_column: bool = False

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def known(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def meant(self, name: str) -> str | None:
        """The known column a name was probably meant to be ('amout' -> 'amount'), if any."""
        if name in self.known:
            return None
        close = difflib.get_close_matches(name.replace(" ", "_"), self.known, n=1, cutoff=0.75)
        return close[0] if close else None


#: The Dutch names a data file's columns may have, for the English names drafter reads (the
#: one table of them: the budget and shares tables take either; docs/templates.md lists them).
DUTCH_COLUMNS = {
    "begrotingslijn": "line",
    "lijn": "line",
    "jaar": "year",
    "soort": "kind",
    "bedrag": "amount",
    "deel_van": "part_of",
    "noot": "notes",
    "noten": "notes",
    "aandeel": "share",
    "omschrijving": "label",
}


BUDGET = TableSchema(
    N_("budget table"),
    (
        Column("line", True, "text", N_("the budget line, e.g. clusters")),
        Column("year", True, f"a year ({FIRST_YEAR}-{LAST_YEAR})", N_("the budget year")),
        Column("kind", True, " or ".join(KINDS), N_("the kind of credit")),
        Column("amount", True, "an amount, 'n.v.t.' or empty", N_("the figure in euro")),
        Column("part_of", False, "a budget line", N_("this amount is a part of that line's amount (same year and kind)")),
        Column("notes", False, "note keys", N_("the notes that explain this cell, separated by spaces")),
    ),
)

SHARES = TableSchema(
    N_("shares table"),
    (
        Column("share", True, "a number of 0 or more", N_("the share of the category (percentages are computed)")),
        Column("label", False, "text", N_("how the category is named in the answer")),
    ),
    key_column=True,
)


#: The largest figure an answer may hold (a thousand billion billion is no budget): a
#: 400-digit amount would otherwise become infinity and print as "NaN%".
MAX_FIGURE = 10**18

#: The most decimals a figure may show.
MAX_DECIMALS = 10

# --------------------------------------------------------------------------- figures (the general model)

#: Columns of a figures table that are never dimensions or measures.
SPECIAL_COLUMNS = ("notes", "part_of")
#: Columns a table takes as its measure when it names none (the first that the data has).
MEASURE_NAMES = ("amount", "value", "count", "share")
#: A wide sheet (years as column headers) is read as the dimension 'year' and the measure 'value'.
_FINANCIAL_YEAR = re.compile(r"(\d{2})(\d{2})\s*-\s*(\d{2})")


def house_dash(value: str) -> str:
    """A financial year written with a hyphen ('1990-91') as the house writes it, with an en dash
    ('1990–91'); any other text as it is. One rule for every place a value is read (a long sheet's
    cells, a wide sheet's headers, the register's values, value() in a text), so that either way of
    typing it finds the other. A month such as '2016-01' is not a financial year: it stays."""
    if "-" not in value:
        return value
    found = _FINANCIAL_YEAR.fullmatch(value.strip())
    if found is None or (int(found[2]) + 1) % 100 != int(found[3]):
        return value
    return f"{found[1]}{found[2]}–{found[3]}"


WIDE_DIMENSION, WIDE_MEASURE = "year", "value"

#: Why a cell has no figure, and what its author types for it. Each reason has a placeholder
#: in the answer (the table's `placeholders:`), by default the language's (see view.formatting).
PLACEHOLDER_TOKENS = {
    "not_applicable": frozenset({"n.v.t.", "nvt", "n.v.t", "n/a", "s.o."}),
    "nil": frozenset({"—", "–", "-", "nil"}),
    "unknown": frozenset({"..", "…", "...", "onbekend", "unknown", "n.b."}),
}
PLACEHOLDER_EXAMPLES = ("n.v.t.", "—", "..")


class Status(StrEnum):
    """Whether a cell holds a figure, else why it has none (each reason has its placeholder)."""

    VALUE = "value"
    NOT_APPLICABLE = "not_applicable"
    NIL = "nil"
    UNKNOWN = "unknown"
    EMPTY = "empty"


PLACEHOLDER_REASONS = tuple(s.value for s in Status if s is not Status.VALUE)


def placeholder_reason(text: str) -> Status:
    """VALUE for a figure, else why there is none: 'n.v.t.' -> NOT_APPLICABLE, '—' -> NIL."""
    t = text.strip().lower()
    if not t:
        return Status.EMPTY
    for reason, tokens in PLACEHOLDER_TOKENS.items():
        if t in tokens:
            return Status(reason)
    return Status.VALUE


#: The keys a table in the register may have: the one list, for the register's reader, its
#: messages ("the keys that exist") and the template guide. The last four are the budget's
#: short form (line, years, kinds: see docs/templates.md), read into the general form.
TABLE_KEYS = (
    "data", "measure", "rows", "columns", "groups", "where", "corner", "corner_notes", "title", "title_notes",
    "text_columns", "unit", "show_unit", "decimals", "negative", "missing", "placeholders", "total",
    "column_total", "grand_total", "remarks", "notes", "fit",
    "line", "lines", "years", "kinds",
)
#: How messages about a budget name its dimensions.
DIMENSION_WORDS = {"line": "budget line", "year": "year", "kind": "kind"}
#: Keys of one axis (rows:, columns:, groups:) written as a mapping.
AXIS_KEYS = ("dimension", "values", "within", "measures")
#: Keys of one value of an axis.
VALUE_KEYS = ("value", "label", "notes", "columns", "decimals", "sum")
#: Keys of a text column written as a mapping, and of decimals written as a mapping.
TEXT_COLUMN_KEYS = ("column", "label", "notes")
DECIMALS_KEYS = ("default", "columns", "rows")
#: Keys of a unit written as a mapping.
UNIT_KEYS = ("currency", "scale", "data_scale", "kind", "show", "text")
#: Units that are not money: what the figures count.
UNIT_KINDS = ("money", "count", "percent", "persons", "fte")
#: Where a table states its unit: once in the caption, in the corner (the first header cell),
#: in the header of each figure column, in each row's label, in every cell ('£466m'), or nowhere.
UNIT_SHOWN = ("caption", "line", "corner", "header", "above", "rows", "cells", "none")
#: Scales, and the figure they divide by.
SCALE_FACTORS = {"units": 1, "euro": 1, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: How a negative figure is written: -1.234, −1.234 (a real minus sign) or (1.234).
NEGATIVE_STYLES = ("hyphen", "minus", "parentheses")
#: What a wide table does when its columns do not fit the text width at the normal size.
FIT_CHOICES = ("smaller", "landscape")


def did_you_mean(name, known) -> str:
    """' Did you mean 'title'?' for a misspelt key, or ''."""
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return " " + _("Did you mean '{name}'?").format(name=close[0]) if close else ""


def parse_locale(name: str, *, file: str | None = None, place: str | None = None):
    """A Babel locale (babel.Locale) from ``nl_BE`` (or ``nl-BE``), or a clear error."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(str(name).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise DrafterError(
            _("unknown locale {name}").format(name=repr(name)),
            file=file,
            place=place,
            hint=_("Use a language and country code, such as nl_BE, nl_NL, fr_BE or en_GB."),
        ) from exc

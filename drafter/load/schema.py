"""What each kind of data file must hold: its columns, their types and allowed values.

The one source of truth for these facts: the loaders (`datasets`) enforce them, `drafter
check` uses them to point out a column name with a typo, and the README lists them.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from drafter.errors import DrafterError

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
    meaning: str


@dataclass(frozen=True)
class TableSchema:
    what: str
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


BUDGET = TableSchema(
    "budget table",
    (
        Column("line", True, "text", "the budget line, e.g. clusters"),
        Column("year", True, f"a year ({FIRST_YEAR}-{LAST_YEAR})", "the budget year"),
        Column("kind", True, " or ".join(KINDS), "the kind of credit"),
        Column("amount", True, "an amount, 'n.v.t.' or empty", "the figure in euro"),
        Column("part_of", False, "a budget line", "this amount is a part of that line's amount (same year and kind)"),
        Column("notes", False, "note keys", "the notes that explain this cell, separated by spaces"),
    ),
)

SHARES = TableSchema(
    "shares table",
    (
        Column("share", True, "a number of 0 or more", "the share of the category (percentages are computed)"),
        Column("label", False, "text", "how the category is named in the answer"),
    ),
    key_column=True,
)


#: The largest figure an answer may hold (a thousand billion billion is no budget): a
#: 400-digit amount would otherwise become infinity and print as "NaN%".
MAX_FIGURE = 10**18

#: The most decimals a figure may show.
MAX_DECIMALS = 10


def parse_locale(name: str, *, file: str | None = None, place: str | None = None) -> "Locale":
    """A Babel locale from ``nl_BE`` (or ``nl-BE``), or a clear error."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(str(name).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise DrafterError(
            f"unknown locale {name!r}",
            file=file,
            place=place,
            hint="Use a locale Babel knows, such as nl_BE, nl_NL, fr_BE or en_GB.",
        ) from None

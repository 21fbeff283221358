"""Number, percentage and date formatting: the one place that knows the house style.

Babel gives each locale's separators (nl_BE: 14.250.000 and 6,750). Babel rounds half to
even; people expect half up (12,5% -> 13%), so values are rounded here with ``decimal``
before Babel formats them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import NumberPattern, parse_pattern

from drafter.errors import DrafterError
from drafter.load.schema import MAX_DECIMALS, parse_locale  # noqa: F401 - the register checks them too

ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}

DEFAULT_LOCALE = "nl_BE"

#: The words a document needs, per language: the one place for them.
WORDS = {
    "nl": {
        "unknown_date": "[datum onbekend]",
        "not_applicable": "n.v.t.",
        "percent": "procent",
        "answer": "ANTWOORD",
        "reference": "op vraag nr. {number} van {date} van {asker}",
        "combined": "Antwoord op vragen {numbers}",
        "and": "en",
        "total": "Totaal",
        "unit_euro": "bedragen in euro",
        "unit_thousand": "bedragen x 1.000 euro",
        "unit_million": "bedragen in miljoen euro",
    },
    "fr": {
        "unknown_date": "[date inconnue]",
        "not_applicable": "s.o.",
        "percent": "pour cent",
        "answer": "RÉPONSE",
        "reference": "à la question n° {number} du {date} de {asker}",
        "combined": "Réponse aux questions {numbers}",
        "and": "et",
        "total": "Total",
        "unit_euro": "montants en euros",
        "unit_thousand": "montants en milliers d’euros",
        "unit_million": "montants en millions d’euros",
    },
    "en": {
        "unknown_date": "[date unknown]",
        "not_applicable": "n/a",
        "percent": "per cent",
        "answer": "ANSWER",
        "reference": "to question no. {number} of {date} by {asker}",
        "combined": "Answer to questions {numbers}",
        "and": "and",
        "total": "Total",
        "unit_euro": "amounts in euro",
        "unit_thousand": "amounts in thousands of euro",
        "unit_million": "amounts in millions of euro",
    },
}
#: Amount scales: divisor and the caption word that states the scale once per table.
SCALES = {"euro": 1, "thousand": 1_000, "million": 1_000_000}
PERCENT_STYLES = ("symbol", "word")


@lru_cache(maxsize=64)
def _locale(locale: str) -> Locale:
    return Locale.parse(locale)


@lru_cache(maxsize=256)
def _number_pattern(decimals: int) -> NumberPattern:
    """Babel's number pattern, parsed once per precision: parsing it costs 30 times more
    than formatting a figure with it."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


@lru_cache(maxsize=64)
def _percent_spacer(locale: str) -> str:
    """The locale's own percent layout: '45%' in nl_BE, '45 %' in fr_BE."""
    pattern = _locale(locale).percent_formats[None].pattern
    return "\u00a0" if ("\u00a0%" in pattern or " %" in pattern) else ""


@dataclass(frozen=True)
class Formatter:
    """Formats figures for one document in one house style."""

    locale: str = DEFAULT_LOCALE
    rounding: str = "half_up"
    percent_style: str = "symbol"  # "symbol": 45%   "word": 45 procent

    @property
    def language(self) -> str:
        return self.locale.split("_")[0]

    @property
    def words(self) -> dict[str, str]:
        """The document's fixed words in its language (Dutch when the language has none)."""
        return WORDS.get(self.language, WORDS["nl"])

    def join(self, items) -> str:
        """['1', '3'] -> '1 en 3'; ['1', '2', '4'] -> '1, 2 en 4'."""
        items = [str(i) for i in items]
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.words['and']} " + items[-1]

    def _round(self, value, decimals: int) -> Decimal:
        quantum = Decimal(1).scaleb(-decimals)
        return Decimal(str(value)).quantize(quantum, rounding=ROUNDING[self.rounding])

    def number(self, value, decimals: int = 0) -> str:
        """14250000 -> '14.250.000'; (6.75, 3) -> '6,750'."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError("no value to format")
        if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= MAX_DECIMALS:
            raise ValueError(f"{decimals!r} decimals: a figure shows 0 to {MAX_DECIMALS} decimals")
        rounded = self._round(value, decimals)
        return _number_pattern(decimals).apply(rounded, _locale(self.locale), decimal_quantization=False)

    def scaled(self, value, scale: float, decimals: int) -> str:
        return self.number(Decimal(str(value)) / Decimal(str(scale)), decimals)

    def percent(self, fraction, decimals: int = 0) -> str:
        """0.45 -> '45%' (or '45 procent' in the word style)."""
        figure = self.number(Decimal(str(fraction)) * 100, decimals)
        if self.percent_style == "word":
            return f"{figure} {self.words['percent']}"
        return f"{figure}{_percent_spacer(self.locale)}%"

    def date(self, value: dt.date | None) -> str:
        """date(2019, 9, 20) -> '20 september 2019'; None -> '[datum onbekend]'."""
        if value is None:
            return self.words["unknown_date"]
        return format_date(value, format="long", locale=_locale(self.locale))

    @property
    def not_applicable(self) -> str:
        return self.words["not_applicable"]

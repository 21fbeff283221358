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

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_decimal

from .errors import DrafterError

DEFAULT_LOCALE = "nl_BE"

#: What an unknown date reads as in a document.
UNKNOWN_DATE = {"nl": "[datum onbekend]", "fr": "[date inconnue]", "en": "[date unknown]"}
#: What "not applicable" reads as, per language.
NOT_APPLICABLE = {"nl": "n.v.t.", "fr": "s.o.", "en": "n/a"}
#: "percent" written out, for house styles that say "45 procent".
PERCENT_WORD = {"nl": "procent", "fr": "pour cent", "en": "per cent"}

ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


def parse_locale(name: str, *, file: str | None = None, place: str | None = None) -> Locale:
    """A Babel locale from ``nl_BE`` (or ``nl-BE``), or a clear error."""
    try:
        return Locale.parse(str(name).replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise DrafterError(
            f"unknown locale {name!r}",
            file=file,
            place=place,
            hint="Use a locale Babel knows, such as nl_BE, nl_NL, fr_BE or en_GB.",
        ) from None


@dataclass(frozen=True)
class Formatter:
    """Formats figures for one document in one house style."""

    locale: str = DEFAULT_LOCALE
    rounding: str = "half_up"
    percent_style: str = "symbol"  # "symbol": 45%   "word": 45 procent

    @property
    def language(self) -> str:
        return self.locale.split("_")[0]

    def _round(self, value, decimals: int) -> Decimal:
        quantum = Decimal(1).scaleb(-decimals)
        return Decimal(str(value)).quantize(quantum, rounding=ROUNDING[self.rounding])

    def number(self, value, decimals: int = 0) -> str:
        """14250000 -> '14.250.000'; (6.75, 3) -> '6,750'."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError("no value to format")
        rounded = self._round(value, decimals)
        pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
        return format_decimal(rounded, format=pattern, locale=self.locale, decimal_quantization=False)

    def scaled(self, value, scale: float, decimals: int) -> str:
        return self.number(Decimal(str(value)) / Decimal(str(scale)), decimals)

    def percent(self, fraction, decimals: int = 0) -> str:
        """0.45 -> '45%' (or '45 procent' in the word style)."""
        figure = self.number(Decimal(str(fraction)) * 100, decimals)
        if self.percent_style == "word":
            return f"{figure} {PERCENT_WORD.get(self.language, 'procent')}"
        pattern = Locale.parse(self.locale).percent_formats[None].pattern
        # The locale's own percent layout: '45%' in nl_BE, '45 %' in fr_BE.
        spacer = "\u00a0" if ("\u00a0%" in pattern or " %" in pattern) else ""
        return f"{figure}{spacer}%"

    def date(self, value: dt.date | None) -> str:
        """date(2019, 9, 20) -> '20 september 2019'; None -> '[datum onbekend]'."""
        if value is None:
            return UNKNOWN_DATE.get(self.language, UNKNOWN_DATE["en"])
        return format_date(value, format="long", locale=self.locale)

    @property
    def not_applicable(self) -> str:
        return NOT_APPLICABLE.get(self.language, NOT_APPLICABLE["en"])

"""Dutch (and other) number, percentage and date formats, rounding half up."""

import datetime as dt
from decimal import Decimal

import pytest

from drafter.errors import DrafterError
from drafter.view.formatting import Formatter, parse_locale


@pytest.mark.parametrize(
    "locale, number, decimals, date, percent",
    [
        ("nl_BE", "14.250.000", "6,750", "20 september 2019", "45%"),
        ("nl_NL", "14.250.000", "6,750", "20 september 2019", "45%"),
        ("fr_BE", "14\u202f250\u202f000", "6,750", "20 septembre 2019", "45\u00a0%"),
        ("en_GB", "14,250,000", "6.750", "20 September 2019", "45%"),
    ],
)
def test_locales(locale, number, decimals, date, percent):
    f = Formatter(locale)
    assert f.number(14250000) == number
    assert f.scaled(6750000, 1_000_000, 3) == decimals
    assert f.date(dt.date(2019, 9, 20)) == date
    assert f.percent(0.45) == percent


def test_rounding_half_up_by_default_half_even_on_request():
    assert Formatter().percent(0.125) == "13%"
    assert Formatter().number(2.5) == "3"
    assert Formatter(rounding="half_even").percent(0.125) == "12%"
    assert Formatter(rounding="half_even").number(2.5) == "2"


def test_percent_in_words_and_unknown_date():
    assert Formatter(percent_style="word").percent(0.45) == "45 procent"
    assert Formatter("en_GB", percent_style="word").percent(0.45) == "45 per cent"
    assert Formatter().date(None) == "[datum onbekend]"
    assert Formatter().join([1, 2, 4]) == "1, 2 en 4"


def test_missing_value_is_refused_not_printed_as_nan():
    with pytest.raises(ValueError):
        Formatter().number(float("nan"))


def test_unknown_locale_is_a_clear_error():
    with pytest.raises(DrafterError) as exc:
        parse_locale("xx_YY", file="data/questions.yaml", place="line 3")
    assert "unknown locale 'xx_YY'" in str(exc.value) and "line 3" in str(exc.value)
    assert str(parse_locale("nl-BE")) == "nl_BE"


# ---- the way a figure is written (formatting._digits_of) gives exactly what Babel gives

_LOCALES = ("nl_BE", "fr_BE", "en_GB", "de_DE", "de_CH", "hi_IN", "ar_EG")  # hi_IN groups its own pattern 2 by 2
_VALUES = (0, -0.0, 0.0, 1, -1, 7, 12, 999, 1000, -1000, 1234, 99999, 100000, 14250000, -14250000, 10**15, 10**18,
           -(10**18), 999_999_999_999_999_999, 0.5, 1.5, 2.5, -2.5, -0.5, 0.125, -0.125, 0.0625, 1.005, 2.675, 1.0005,
           12.345, 6.75, 0.45, 0.004, -0.004, 0.0004, 123456.789, -98765.4321, 1e-10, 0.3333333333333333,
           123456789012345.67, 9999.9995, 4.4999, 0.995, -0.995, Decimal("1234.5"), Decimal("-0.005"),
           Decimal("1E+3"), Decimal("2.50000"), Decimal("-12345678.9051"))


def _babel_digits(pattern, locale: str):
    """Babel writing the figure with its own pattern."""
    from babel import Locale

    where = Locale.parse(locale)
    return lambda figure: pattern.apply(figure, where, decimal_quantization=False)


def _everything(locale: str) -> list:
    from drafter.load.register import Unit

    out = []
    units = [Unit("money", "EUR", "units", "units", "caption"), Unit("money", "GBP", "million", "units", "cells"),
             Unit("money", "EUR", "thousand", "units", "cells"), Unit("percent", show="cells"),
             Unit("count", scale="thousand", data_scale="million")]
    for style in (("half_up", "symbol", "hyphen"), ("half_even", "word", "minus"), ("half_up", "word", "parentheses")):
        f = Formatter(locale, *style)
        for value in _VALUES:
            for decimals in (0, 1, 2, 3, 10):
                row = []
                for call in (lambda: f.number(value, decimals), lambda: f.percent(value, decimals),
                             lambda: f.scaled(value, 1_000_000, decimals),
                             *(lambda u=u: f.figure(value, u, decimals) for u in units)):
                    try:
                        row.append(call())
                    except (ValueError, ArithmeticError) as exc:
                        row.append(type(exc).__name__)
                out.append((style, value, decimals, row))
    return out


@pytest.mark.parametrize("locale", _LOCALES)
def test_fast_digits_are_babels_digits(locale, monkeypatch):
    from drafter.view import formatting

    fast = _everything(locale)
    monkeypatch.setattr(formatting, "_digits_of", _babel_digits)
    assert fast == _everything(locale)
    assert any("." in str(r[-1]) or "," in str(r[-1]) for r in fast)


def test_a_pattern_the_fast_path_does_not_cover_is_written_by_babel():
    from babel import Locale
    from babel.numbers import parse_pattern
    from drafter.view.formatting import _digits_of

    for text in ("#,##,##0.00", "#,##0.00 'x'", "0000.0", "#,##0%"):
        pattern = parse_pattern(text)
        for value in (Decimal("0.00"), Decimal("1234567.89"), Decimal("12.50")):
            assert _digits_of(pattern, "hi_IN")(value) == pattern.apply(value, Locale.parse("hi_IN"),
                                                                         decimal_quantization=False)


# ---- the way of writing a whole figure (Formatter._whole_figure_writer) gives what the general way gives

_WHOLE = (0.0, -0.0, 1.0, -1.0, 999.0, 1000.0, -1000.0, 14250000.0, -14250000.0, 1e15, -1e15, 2.0**53 - 1,
          -(2.0**53 - 1), 2.0**53, -(2.0**53), 2.0**53 + 2, 1e16, 1e17, 1e18, -1e18, 1e19, 0.5, 1.5, -2.5, 0.4999999,
          123456.789, float("inf"), float("-inf"), float("nan"), 7, -7, 10**18, True, Decimal("12"), "12")


def _whole_everything(locale: str) -> list:
    from drafter.load.register import Unit

    units = [Unit("money", "EUR", "units", "units", "caption"), Unit("money", "EUR", "thousand", "thousand", "cells"),
             Unit("money", "GBP", "million", "million", "cells"), Unit("count", scale="thousand", data_scale="thousand"),
             Unit("fte", show="header"), Unit("money", "EUR", "thousand", "units", "caption")]
    out = []
    for style in (("half_up", "symbol", "hyphen"), ("half_even", "word", "minus"), ("half_up", "word", "parentheses")):
        f = Formatter(locale, *style)
        for unit in units:
            write = f.figure_writer(unit, 0)
            for value in _WHOLE:
                try:
                    out.append((style, unit, value, write(value)))
                except (ValueError, ArithmeticError, TypeError) as exc:
                    out.append((style, unit, value, type(exc).__name__, str(exc)))
    return out


@pytest.mark.parametrize("locale", ("nl_BE", "fr_BE", "en_GB", "de_CH", "hi_IN"))
def test_whole_figures_are_written_as_the_general_way_writes_them(locale, monkeypatch):
    fast = _whole_everything(locale)
    monkeypatch.setattr(Formatter, "_whole_figure_writer", lambda self, general: general)
    assert fast == _whole_everything(locale)
    assert any(r[-1] == "14.250.000" for r in fast) or locale != "nl_BE"

"""Dutch (and other) number, percentage and date formats, rounding half up."""

import datetime as dt

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

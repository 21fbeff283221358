"""Number, percentage and date formatting: the one place that knows the house style.

Babel gives each locale's separators (nl_BE: 14.250.000 and 6,750). Babel rounds half to
even; people expect half up (12,5% -> 13%), so values are rounded here with ``decimal``
before Babel formats them. A table formats thousands of figures, so the way Babel writes a
rounded figure is derived once per Formatter and precision from Babel's own pattern and
symbols (``_digits_of``), and Babel itself writes the figures of any pattern it does not cover.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from functools import cached_property

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, get_currency_name, get_currency_symbol, get_decimal_symbol, get_group_symbol, parse_pattern

from drafter.i18n import _
from drafter.load.schema import MAX_DECIMALS, MAX_FIGURE, SCALE_FACTORS, parse_locale  # noqa: F401 - the register checks them too

ROUNDING = {"half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}

DEFAULT_LOCALE = "nl_BE"

#: The words a document needs, per language: the one place for them.
WORDS = {
    "nl": {
        "unknown_date": "[datum onbekend]",
        "answer_to_write": "[antwoord nog te schrijven]",  # an answer part no one has written yet: a gap
        "not_applicable": "n.v.t.",
        "percent": "procent",
        "answer": "ANTWOORD",
        "file_answer": "antwoord",  # the words of a file name ({answer}, {question})
        "file_question": "vraag",
        "both": "beiden",  # two askers of one party: (beiden VVD)
        "all": "allen",  # three or more: (allen GroenLinks)
        "reference": "op vraag nr. {number} van {date} van {asker}",
        "combined": "Antwoord op vragen {numbers}",
        # the first page of a bundle of answers for signature (drafter bundle)
        "bundle_title": "Antwoorden ter ondertekening",
        "bundle_count": {"one": "1 antwoord", "other": "{count} antwoorden"},
        "bundle_columns": ("Vraag", "Vraagsteller", "Titel"),
        # a referring answer, to the coordinated answer of another minister (by that minister's gender)
        "refers": {None: "Ik verwijs naar het antwoord van minister {name} op vraag nr. {number} "
                         "(zittingsjaar {zittingsjaar})."},
        "and": "en",
        "total": "Totaal",
        "unit_euro": "bedragen in euro",
        "unit_thousand": "bedragen x 1.000 euro",
        "unit_million": "bedragen in miljoen euro",
        "unit_money": {"units": "bedragen in {name}", "thousand": "bedragen x 1.000 {name}",
                       "million": "bedragen in miljoen {name}", "billion": "bedragen in miljard {name}"},
        "unit_cell": {"units": "{symbol}\u00a0{figure}", "thousand": "{symbol}\u00a0{figure}\u00a0dzd",
                      "million": "{symbol}\u00a0{figure}\u00a0mln", "billion": "{symbol}\u00a0{figure}\u00a0mld"},
        "unit_count": {"units": "", "thousand": "x 1.000", "million": "x 1 miljoen", "billion": "x 1 miljard"},
        "unit_persons": "aantal personen",
        "unit_fte": "VTE",
        "unit_percent": "in procent",
        "placeholder_nil": "—",
        "placeholder_unknown": "..",
        # the fixed sentences of the other parliaments' layouts, filled in by view/answer.HeaderLines
        # (a dict: by the number of askers); the headings before a repeated sub-question and its answer
        "question_heading": "Vraag",
        "answer_heading": "Antwoord",
        "clerk_title": "De griffier van de commissie",
        "header": {
            "tweede_kamer_question": {
                "one": "Vragen van het lid {askers_with_party} {minister_to} over {title} (ingezonden {date}).",
                "other": "Vragen van de leden {askers_with_party} {minister_to} over {title} (ingezonden {date})."},
            "tweede_kamer_answer": "Antwoord van {minister_role} {minister_name} ({minister_department}) "
                                   "(ontvangen {answered}).",
            "chamber_question": "Vraag nr. {number} van {asker} van {date} ({asked_in}) {minister_to}:",
            "chamber_answer": "Antwoord {minister_of} van {answered}, op de vraag nr. {number} van {asker} "
                              "van {date} ({asked_in}):",
            # a committee's list of questions and answers (Tweede Kamer, Lijst van vragen en antwoorden)
            "list_dossier": "{dossier} {title}",
            "list_title": "Nr. {number} LIJST VAN VRAGEN EN ANTWOORDEN",
            "list_adopted": "Vastgesteld {date}",
            "list_put": "{committee} heeft een aantal vragen voorgelegd {minister_to} {subject}.",
            "list_answered": "De {minister_role} heeft deze vragen beantwoord bij brief van {answered}. Vragen en "
                             "antwoorden zijn hierna afgedrukt.",
            "list_chair": "De voorzitter van de commissie, {chair}",
            "list_clerk": "{clerk_title}, {clerk}",
        },
    },
    "fr": {
        "unknown_date": "[date inconnue]",
        "answer_to_write": "[réponse à rédiger]",  # an answer part no one has written yet: a gap
        "not_applicable": "s.o.",
        "percent": "pour cent",
        "answer": "RÉPONSE",
        "file_answer": "reponse",
        "file_question": "question",
        "both": "tous deux",
        "all": "tous",
        "reference": "à la question n° {number} du {date} de {asker}",
        "combined": "Réponse aux questions {numbers}",
        "bundle_title": "Réponses à signer",
        "bundle_count": {"one": "1 réponse", "other": "{count} réponses"},
        "bundle_columns": ("Question", "Auteur", "Titre"),
        "refers": {None: "Je renvoie à la réponse du ministre {name} à la question n° {number} (session {zittingsjaar}).",
                   "f": "Je renvoie à la réponse de la ministre {name} à la question n° {number} (session {zittingsjaar})."},
        "and": "et",
        "total": "Total",
        "unit_euro": "montants en euros",
        "unit_thousand": "montants en milliers d’euros",
        "unit_million": "montants en millions d’euros",
        "unit_money": {"units": "montants en {name}", "thousand": "montants en milliers {of}{name}",
                       "million": "montants en millions {of}{name}", "billion": "montants en milliards {of}{name}"},
        "unit_cell": {"units": "{figure}\u00a0{symbol}", "thousand": "{figure}\u00a0k{symbol}",
                      "million": "{figure}\u00a0M{symbol}", "billion": "{figure}\u00a0Md{symbol}"},
        "unit_count": {"units": "", "thousand": "en milliers", "million": "en millions", "billion": "en milliards"},
        "unit_persons": "nombre de personnes",
        "unit_fte": "ETP",
        "unit_percent": "en pour cent",
        "placeholder_nil": "—",
        "placeholder_unknown": "..",
        "question_heading": "Question",
        "answer_heading": "Réponse",
        "clerk_title": "Le greffier de la commission",
        "header": {
            "tweede_kamer_question": {
                "one": "Questions du membre {askers_with_party} {minister_to} sur {title} (déposées le {date}).",
                "other": "Questions des membres {askers_with_party} {minister_to} sur {title} (déposées le {date})."},
            "tweede_kamer_answer": "Réponse de {minister_role} {minister_name} ({minister_department}) "
                                   "(reçue le {answered}).",
            "chamber_question": "Question n° {number} de {asker} du {date} ({asked_in}) {minister_to}\u00a0:",
            "chamber_answer": "Réponse {minister_of} du {answered}, à la question n° {number} de {asker} "
                              "du {date} ({asked_in})\u00a0:",
            "list_dossier": "{dossier} {title}",
            "list_title": "N° {number} LISTE DE QUESTIONS ET RÉPONSES",
            "list_adopted": "Arrêtée le {date}",
            "list_put": "{committee} a soumis un certain nombre de questions {minister_to} {subject}.",
            "list_answered": "Il a été répondu à ces questions par lettre du {answered}. Les questions et les "
                             "réponses sont reproduites ci-après.",
            "list_chair": "Le président de la commission, {chair}",
            "list_clerk": "{clerk_title}, {clerk}",
        },
    },
    "en": {
        "unknown_date": "[date unknown]",
        "answer_to_write": "[answer to be written]",  # an answer part no one has written yet: a gap
        "not_applicable": "n/a",
        "percent": "per cent",
        "answer": "ANSWER",
        "file_answer": "answer",
        "file_question": "question",
        "both": "both",
        "all": "all",
        "reference": "to question no. {number} of {date} by {asker}",
        "combined": "Answer to questions {numbers}",
        "bundle_title": "Answers for signature",
        "bundle_count": {"one": "1 answer", "other": "{count} answers"},
        "bundle_columns": ("Question", "Asked by", "Title"),
        "refers": {None: "I refer to the answer of Minister {name} to question no. {number} ({zittingsjaar})."},
        "and": "and",
        "total": "Total",
        "unit_euro": "amounts in euro",
        "unit_thousand": "amounts in thousands of euro",
        "unit_million": "amounts in millions of euro",
        "unit_money": {"units": "{symbol}", "thousand": "{symbol}000", "million": "{symbol} million",
                       "billion": "{symbol} billion"},
        "unit_cell": {"units": "{symbol}{figure}", "thousand": "{symbol}{figure}k", "million": "{symbol}{figure}m",
                      "billion": "{symbol}{figure}bn"},
        "unit_count": {"units": "", "thousand": "thousands", "million": "millions", "billion": "billions"},
        "unit_persons": "number of persons",
        "unit_fte": "FTE",
        "unit_percent": "per cent",
        "placeholder_nil": "—",
        "placeholder_unknown": "..",
        "question_heading": "Question",
        "answer_heading": "Answer",
        "clerk_title": "The clerk of the committee",
        "header": {
            "tweede_kamer_question": {
                "one": "Questions from member {askers_with_party} {minister_to} about {title} (submitted {date}).",
                "other": "Questions from members {askers_with_party} {minister_to} about {title} (submitted {date})."},
            "tweede_kamer_answer": "Answer from {minister_role} {minister_name} ({minister_department}) "
                                   "(received {answered}).",
            "chamber_question": "Question no. {number} from {asker} of {date} ({asked_in}) {minister_to}:",
            "chamber_answer": "Answer {minister_of} of {answered}, to question no. {number} from {asker} "
                              "of {date} ({asked_in}):",
            "list_dossier": "{dossier} {title}",
            "list_title": "No. {number} LIST OF QUESTIONS AND ANSWERS",
            "list_adopted": "Adopted {date}",
            "list_put": "{committee} has put a number of questions {minister_to} {subject}.",
            "list_answered": "The {minister_role} answered these questions by letter of {answered}. The questions "
                             "and answers are printed below.",
            "list_chair": "The chair of the committee, {chair}",
            "list_clerk": "{clerk_title}, {clerk}",
        },
    },
}
#: Amount scales: divisor and the caption word that states the scale once per table.
SCALES = {"euro": 1, "thousand": 1_000, "million": 1_000_000}
PERCENT_STYLES = ("symbol", "word")
#: A figure in a text: digits with the locale's separators (spaces too, as fr_BE groups them).
_NUMBER = re.compile(r"[-\u2212]?\d(?:[\d.,\u00a0\u202f ]*\d)?")


#: Whole floats of a smaller size are exact, and so is Python's text of them ('14250000.0').
_EXACT_WHOLE = 2**53
#: The quantum a figure of 0 to MAX_DECIMALS decimals is rounded to: 1, 0.1, 0.01, ...
_QUANTA = tuple(Decimal(1).scaleb(-decimals) for decimals in range(MAX_DECIMALS + 1))


def _number_pattern(decimals: int) -> NumberPattern:
    """Babel's number pattern of a figure with this many decimals."""
    return parse_pattern("#,##0" + ("." + "0" * decimals if decimals > 0 else ""))


def _digits_of(pattern: NumberPattern, locale: str):
    """A function that writes a rounded figure (a Decimal >= 0 with exactly the pattern's
    decimals) as ``pattern.apply(figure, locale, decimal_quantization=False)`` does.

    For a plain pattern ('#,##0', '#,##0.00': no prefix, suffix, scale or exponent, groups of
    three) that is Python's own grouping with the locale's symbols put in, one call instead of
    Babel's dozen. Babel itself writes any other pattern, and the figures of a locale whose
    symbols hold a quote: Babel drops quoted stretches from what it wrote (de_CH's 1'234'567
    comes out as 1234567)."""
    decimals = pattern.frac_prec[0]
    group = get_group_symbol(locale, numbering_system="latn")
    decimal = get_decimal_symbol(locale, numbering_system="latn")
    plain = (pattern.grouping == (3, 3) and pattern.int_prec[0] == 1 and pattern.frac_prec == (decimals, decimals)
             and pattern.prefix[0] == "" and pattern.suffix[0] == "" and pattern.scale == 0
             and not pattern.exp_prec and "@" not in pattern.pattern and "'" not in pattern.pattern + group + decimal)
    if not plain:
        where = Locale.parse(locale)
        return lambda figure: pattern.apply(figure, where, decimal_quantization=False)
    spec = f",.{decimals}f"
    if (group, decimal) == (",", "."):
        return lambda figure: format(figure, spec)
    if decimals == 0:
        return lambda figure: format(figure, spec).replace(",", group)
    # three replaces cost less than one str.translate; NUL holds the group marks while '.' changes
    return lambda figure: format(figure, spec).replace(",", "\0").replace(".", decimal).replace("\0", group)


def words_of(locale: str) -> dict[str, str]:
    """The fixed words of a document in this locale's language (Dutch when the language has none)."""
    return WORDS.get(locale.split("_")[0], WORDS["nl"])


@dataclass(frozen=True)
class Formatter:
    """Formats figures for one document in one house style."""

    locale: str = DEFAULT_LOCALE
    rounding: str = "half_up"
    percent_style: str = "symbol"  # "symbol": 45%   "word": 45 procent
    negative: str = "hyphen"  # -1.234; "minus": −1.234 (U+2212); "parentheses": (1.234)
    #: per number of decimals: how this locale writes a rounded figure (_digits_of). Parsing
    #: Babel's pattern costs many times more than writing a figure with it, and a table writes
    #: many figures in a few precisions.
    _digits: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def _locale(self) -> Locale:
        return Locale.parse(self.locale)

    @cached_property
    def _percent_spacer(self) -> str:
        """The locale's own percent layout: '45%' in nl_BE, '45 %' in fr_BE."""
        pattern = self._locale.percent_formats[None].pattern
        return "\u00a0" if ("\u00a0%" in pattern or " %" in pattern) else ""

    def _digits_writer(self, decimals: int):
        """How this locale writes a rounded figure with this many decimals (see _digits_of)."""
        found = self._digits.get(decimals)
        if found is None:
            found = self._digits[decimals] = _digits_of(_number_pattern(decimals), self.locale)
        return found

    @property
    def language(self) -> str:
        return self.locale.split("_")[0]

    @property
    def words(self) -> dict[str, str]:
        """The document's fixed words in its language (Dutch when the language has none)."""
        return words_of(self.locale)

    def join(self, items) -> str:
        """['1', '3'] -> '1 en 3'; ['1', '2', '4'] -> '1, 2 en 4'."""
        items = [str(i) for i in items]
        if len(items) < 2:
            return "".join(items)
        return ", ".join(items[:-1]) + f" {self.words['and']} " + items[-1]

    def number(self, value, decimals: int = 0) -> str:
        """14250000 -> '14.250.000'; (6.75, 3) -> '6,750'."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise ValueError(_("no value to format"))
        return self.number_writer(decimals)(value)

    def number_writer(self, decimals: int):
        """number(value, decimals) as a function of a value that is not None or NaN (number checks
        that first), worked out once for the many figures of a table: the precision checked, the
        locale's way of writing figures looked up."""
        if isinstance(decimals, bool) or not isinstance(decimals, int) or not 0 <= decimals <= MAX_DECIMALS:
            raise ValueError(_("{decimals} decimals: a figure shows 0 to {most} decimals").format(
                decimals=repr(decimals), most=MAX_DECIMALS))
        quantum, rounding, written = _QUANTA[decimals], ROUNDING[self.rounding], self._rounded_writer(decimals)
        return lambda value: written(_figure(value).quantize(quantum, rounding=rounding))

    def _rounded_writer(self, decimals: int):
        """How a figure already rounded to `decimals` (a Decimal of exactly that many) is written."""
        digits, negative = self._digits_writer(decimals), self.negative

        def write(rounded: Decimal) -> str:
            text = digits(abs(rounded))
            if rounded >= 0:
                return text
            return {"hyphen": f"-{text}", "minus": f"\u2212{text}", "parentheses": f"({text})"}[negative]

        return write

    def figure(self, value, unit, decimals: int) -> str:
        """A figure of a table in its unit (a view.Unit): scaled; in the cell as the unit says
        ('£466m', '45%'), or bare when the unit is stated once elsewhere."""
        return self.figure_writer(unit, decimals)(value)

    def figure_writer(self, unit, decimals: int):
        """figure(value, unit, decimals) as a function of the value, worked out once for a column."""
        data_scale, scale = Decimal(SCALE_FACTORS[unit.data_scale]), Decimal(SCALE_FACTORS[unit.scale])
        if unit.show == "cells" and unit.kind == "percent":
            return lambda value: self.percent(Decimal(str(value)) * data_scale / scale / 100, decimals)
        number = self.number_writer(decimals)

        def general(value) -> str:
            return number(Decimal(str(value)) * data_scale / scale)

        scaled = self._whole_figure_writer(general) if decimals == 0 and data_scale == scale else general
        if unit.show != "cells" or unit.kind != "money":
            return scaled
        cell, symbol = self.words["unit_cell"][unit.scale], self.currency_symbol(unit.currency)

        def write(value) -> str:
            figure, sign = scaled(value), ""
            if figure.startswith(("-", "\u2212")):
                sign, figure = figure[0], figure[1:]
            return sign + cell.format(symbol=symbol, figure=figure)

        return write

    def _whole_figure_writer(self, general):
        """`general` (a figure's writer) for figures shown in the data's own scale with no
        decimals, as most of a table's are: a whole float (below 2**53, where it and its text
        are exact) is its rounded figure already, Decimal(int(value)), without the general
        way's text, Decimal arithmetic and rounding."""
        written = self._rounded_writer(0)

        def write(value) -> str:
            if type(value) is float and value.is_integer() and -_EXACT_WHOLE < value < _EXACT_WHOLE:
                return written(Decimal(int(value)))
            return general(value)

        return write

    def currency_symbol(self, code: str) -> str:
        return get_currency_symbol(code, locale=self.locale)

    def unit_text(self, unit) -> str:
        """The unit stated once: 'bedragen x 1.000 euro', '£ million', 'aantal personen'."""
        if unit.text is not None:
            return unit.text
        if unit.legacy is not None:
            return self.words[f"unit_{unit.legacy}"]
        if unit.kind == "money":
            name = get_currency_name(unit.currency, count=2, locale=self.locale)
            of = "d’" if name[:1].lower() in "aeiouéèh" else "de "
            return self.words["unit_money"][unit.scale].format(name=name, symbol=self.currency_symbol(unit.currency), of=of)
        if unit.kind == "count":
            return self.words["unit_count"][unit.scale]
        scale = self.words["unit_count"][unit.scale]
        return " ".join(t for t in (self.words[f"unit_{unit.kind}"], scale) if t)

    def scaled(self, value, scale: float, decimals: int) -> str:
        return self.number(_figure(value) / Decimal(str(scale)), decimals)

    def percent(self, fraction, decimals: int = 0) -> str:
        """0.45 -> '45%' (or '45 procent' in the word style)."""
        figure = self.number(_figure(fraction) * 100, decimals)
        if self.percent_style == "word":
            return f"{figure} {self.words['percent']}"
        return f"{figure}{self._percent_spacer}%"

    def parse(self, text: str) -> float | None:
        """The number a figure shows, read back in this locale: '14.250.000' -> 14250000.0,
        '6,750' -> 6.75, '45%' and '45 procent' -> 45.0; None when the text holds no number."""
        found = _NUMBER.search(text or "")
        if found is None:
            return None
        figure = found.group(0).strip()
        group, decimal = get_group_symbol(self.locale), get_decimal_symbol(self.locale)
        for space in (" ", "\u00a0", "\u202f", group):
            figure = figure.replace(space, "")
        try:
            return float(figure.replace(decimal, ".").replace("\u2212", "-"))
        except ValueError:
            return None

    def decimals_of(self, text: str) -> int:
        """How many decimals a shown figure has: '6,750' -> 3."""
        found = _NUMBER.search(text or "")
        decimal = get_decimal_symbol(self.locale)
        if found is None or decimal not in found.group(0):
            return 0
        return len(found.group(0).rsplit(decimal, 1)[1])

    def date(self, value: dt.date | None) -> str:
        """date(2019, 9, 20) -> '20 september 2019'; None -> '[datum onbekend]'."""
        if value is None:
            return self.words["unknown_date"]
        return format_date(value, format="long", locale=self._locale)

    @property
    def not_applicable(self) -> str:
        return self.words["not_applicable"]


def _figure(value) -> Decimal:
    """A figure to format, as a Decimal; a text, a yes/no value, NaN or infinity is a ValueError
    that says so (never Python's decimal.InvalidOperation)."""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        shown = str(value)
        raise ValueError(_("{value} is not a figure, so it cannot be formatted as one").format(value=repr(shown[:40])))
    figure = value if type(value) is Decimal else Decimal(str(value))  # a Decimal's text is exactly itself
    if not figure.is_finite():
        raise ValueError(_("the figure is not a number (NaN or infinity)"))
    if abs(figure) > _MAX_FIGURE:
        raise ValueError(_("a figure of {digits} digits is far larger than any amount").format(
            digits=len(str(int(figure)))))
    return figure


_MAX_FIGURE = Decimal(MAX_FIGURE)  # a Decimal compares with a Decimal at a third of the cost of an int

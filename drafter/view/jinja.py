"""The one Jinja2 environment: sandboxed, strict, with the house-style filters.

Used for Word templates and for the texts in the register and the notes file alike.
- Sandboxed: a template cannot reach Python internals, files or the environment. Jinja2's
  sandbox blocks attributes starting with '_' and changes to lists and dicts; drafter's own
  policy (`_DrafterSandbox`) adds that only drafter's own objects and plain values (texts,
  numbers, dates, lists, mappings) can be looked into, so a data set's file path or its
  pandas frame cannot be used to read or write files; that huge powers or repeated texts
  are refused; and that Jinja2's `lipsum` and the `safe` filter (raw XML) are gone.
- Strict: an undefined name, a missing attribute or a None value is an error, never a
  blank in an answer.
- Filters format figures through the document's Formatter (found in the context).
- ``footnote(text)`` puts a real Word footnote where it is called (see footnotes.py).
"""

from __future__ import annotations

import datetime as dt
import types
from decimal import Decimal
from functools import lru_cache
from pathlib import PurePath

from jinja2 import StrictUndefined, Template, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from drafter.errors import DrafterError
from drafter.ooxml import INVALID_XML_CHARS
from drafter.view.figures import SCALE_PERCENT

#: The context variable that holds the document's Formatter.
FORMATTER_KEY = "fmt"
#: The context variable that holds the answer's FootnoteCollector. Not a name a template
#: or a data set can have (those are letters, digits and _), so nothing can hide it.
FOOTNOTES_KEY = "drafter.footnotes"
#: The context variable that holds the answer's note calls (view.NoteCalls), for note().
NOTES_KEY = "drafter.notes"
#: The context variable that holds the answer's FigureCollector: the filters record each
#: figure from the data they format (see figures.py).
FIGURES_KEY = "drafter.figures"


def _finalize(value):
    if value is None:
        raise DrafterError(
            "a value in the template is empty (None)",
            hint="Fill in the data, or test for it in the template with {% if ... %}.",
        )
    # A control character pasted from Excel would make the document invalid XML.
    if isinstance(value, Markup):
        return Markup(INVALID_XML_CHARS.sub("", value))
    if isinstance(value, (int, float, Decimal)):
        return value
    return INVALID_XML_CHARS.sub("", str(value))


def _formatter(context):
    return context[FORMATTER_KEY]


def _traced(context, value, shown: str, scale: float, expression: str) -> str:
    """The shown figure, marked and recorded when it comes from the data (figures.py)."""
    figures = context.get(FIGURES_KEY)
    return figures.text_figure(value, shown, scale, expression) if figures is not None else shown


@pass_context
def _num(context, value, decimals: int = 0):
    return _traced(context, value, _formatter(context).number(value, decimals), 1, f"num({decimals})")


@pass_context
def _mln(context, value, decimals: int = 1):
    return _traced(context, value, _formatter(context).scaled(value, 1_000_000, decimals), 1_000_000, f"mln({decimals})")


@pass_context
def _thousands(context, value, decimals: int = 0):
    return _traced(context, value, _formatter(context).scaled(value, 1_000, decimals), 1_000, f"thousands({decimals})")


@pass_context
def _pct(context, fraction, decimals: int = 0):
    return _traced(context, fraction, _formatter(context).percent(fraction, decimals), SCALE_PERCENT, f"pct({decimals})")


@pass_context
def _date(context, value):
    return _formatter(context).date(value)


FILTERS = {"num": _num, "mln": _mln, "thousands": _thousands, "pct": _pct, "date": _date}


@pass_context
def _footnote(context, text, key=None):
    """A footnote at this place: returns the placeholder the finish pass turns into one."""
    collector = context.get(FOOTNOTES_KEY)
    if collector is None:
        raise DrafterError("footnote() cannot be used here", hint="Footnotes belong in the text of an answer.")
    return collector.add(text, key=key)


@pass_context
def _note(context, key):
    """A call to the note with this key, numbered in the current answer part's series."""
    calls = context.get(NOTES_KEY)
    if calls is None:
        raise DrafterError(f"note('{key}') cannot be used here",
                           hint="Call note() in the text of an answer part, or attach the note to a cell in the data.")
    return calls.call(key)


GLOBALS = {"footnote": _footnote}
#: Only texts from the data call notes; a Word template prints them.
TEXT_GLOBALS = {"note": _note}


#: Plain values whose attributes (methods such as str.upper, dict.items) a template may use.
_PLAIN = (str, int, float, bool, Decimal, dt.date, dt.time, tuple, list, dict, set, frozenset, range)
#: Packages whose objects a template may look into: drafter's view and data, Jinja2's loop.
_OWN_PACKAGES = ("drafter", "jinja2", "markupsafe")
#: Limits on what one expression may compute, so that a template cannot hang drafter.
MAX_EXPONENT = 100
MAX_BASE = 10**100
MAX_REPEAT = 100_000


def _own(obj) -> bool:
    return isinstance(obj, _PLAIN) or type(obj).__module__.split(".")[0] in _OWN_PACKAGES


class _DrafterSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, narrowed to what an answer needs (see the module's doc)."""

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj, attr, value) -> bool:
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if not _own(obj):  # e.g. a pandas frame, a path, a file
            return False
        return not isinstance(value, (PurePath, types.ModuleType, type))

    def call_binop(self, context, operator, left, right):
        if operator == "**":
            if _number(right) and abs(right) > MAX_EXPONENT or _number(left) and abs(left) > MAX_BASE:
                raise SecurityError(f"the power {left!r} ** {right!r} is too large to compute")
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_REPEAT:
                    raise SecurityError(f"repeating a {type(seq).__name__} {times} times makes it too long")
        return super().call_binop(context, operator, left, right)


def _number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _make(autoescape: bool) -> ImmutableSandboxedEnvironment:
    env = _DrafterSandbox(
        undefined=StrictUndefined,
        autoescape=autoescape,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    env.filters.pop("safe", None)  # would put a value into the document as raw XML
    env.globals.pop("lipsum", None)  # no use in an answer; a known template-injection gadget
    return env


@lru_cache(maxsize=None)
def xml_environment() -> ImmutableSandboxedEnvironment:
    """For Word templates: values are escaped, so '&', '<' and '>' stay text."""
    return _make(autoescape=True)


@lru_cache(maxsize=None)
def text_environment() -> ImmutableSandboxedEnvironment:
    """For texts in the data (register, notes): plain text, escaped later by the Word template."""
    env = _make(autoescape=False)
    env.globals.update(TEXT_GLOBALS)
    return env


@lru_cache(maxsize=4096)
def compile_text(text: str) -> Template:
    """A text from the data (register, notes), compiled once: a batch renders the same texts many times."""
    return text_environment().from_string(text)

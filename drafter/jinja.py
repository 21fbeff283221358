"""The one Jinja2 environment: sandboxed, strict, with the house-style filters.

Used for Word templates and for the texts in the register and the notes file alike.
- Sandboxed: a template cannot reach Python internals, files or the environment.
- Strict: an undefined name, a missing attribute or a None value is an error, never a
  blank in an answer.
- Filters format figures through the document's Formatter (found in the context).
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import StrictUndefined, Template, pass_context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import DrafterError

#: The context variable that holds the document's Formatter.
FORMATTER_KEY = "fmt"


def _finalize(value):
    if value is None:
        raise DrafterError(
            "a value in the template is empty (None)",
            hint="Fill in the data, or test for it in the template with {% if ... %}.",
        )
    return value


def _formatter(context):
    return context[FORMATTER_KEY]


@pass_context
def _num(context, value, decimals: int = 0):
    return _formatter(context).number(value, decimals)


@pass_context
def _mln(context, value, decimals: int = 1):
    return _formatter(context).scaled(value, 1_000_000, decimals)


@pass_context
def _thousands(context, value, decimals: int = 0):
    return _formatter(context).scaled(value, 1_000, decimals)


@pass_context
def _pct(context, fraction, decimals: int = 0):
    return _formatter(context).percent(fraction, decimals)


@pass_context
def _date(context, value):
    return _formatter(context).date(value)


FILTERS = {"num": _num, "mln": _mln, "thousands": _thousands, "pct": _pct, "date": _date}


def _make(autoescape: bool) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=autoescape,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    return env


@lru_cache(maxsize=None)
def xml_environment() -> ImmutableSandboxedEnvironment:
    """For Word templates: values are escaped, so '&', '<' and '>' stay text."""
    return _make(autoescape=True)


@lru_cache(maxsize=None)
def text_environment() -> ImmutableSandboxedEnvironment:
    """For texts in the data (register, notes): plain text, escaped later by the Word template."""
    return _make(autoescape=False)


@lru_cache(maxsize=4096)
def compile_text(text: str) -> Template:
    """A text from the data (register, notes), compiled once: a batch renders the same texts many times."""
    return text_environment().from_string(text)

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
import functools
import math
import re
import threading
import types
from decimal import Decimal
from pathlib import PurePath

from collections.abc import Iterable

from jinja2 import (Environment, StrictUndefined, Template, TemplateSyntaxError, Undefined, nodes, pass_context,
                    pass_environment)
from jinja2.compiler import CodeGenerator
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from drafter.errors import DrafterError, library_text, object_word
from drafter.i18n import N_, _
from drafter.load.schema import MAX_FIGURE
from drafter.oxml import INVALID_XML_CHARS
from drafter.view.figures import SCALE_PERCENT

#: The context variable that holds the document's Formatter.
FORMATTER_KEY = "fmt"
#: The context variable that holds the answer's FootnoteCollector. Not a name a template
#: or a data set can have (those are letters, digits and _), so nothing can hide it.
#: The quotes Word types as you write, which a tag cannot hold ("..." and '...' it can).
TYPOGRAPHIC_QUOTES = "„“”‚‘’«»‹›"

FOOTNOTES_KEY = "drafter.footnotes"
#: The context variable that holds the answer's note calls (view.NoteCalls), for note().
NOTES_KEY = "drafter.notes"
#: The context variable that holds the answer's FigureCollector: the filters record each
#: figure from the data they format (see figures.py).
FIGURES_KEY = "drafter.figures"


def _finalize(value):
    """What a tag prints: only plain values (texts, numbers, dates) and drafter's own objects
    that say how they print (a table cell); never Python's description of an object."""
    if value is None:
        raise DrafterError(_("a value the template prints is empty"), hint=_empty_hint())
    # A control character pasted from Excel would make the document invalid XML.
    if isinstance(value, Markup):
        return Markup(INVALID_XML_CHARS.sub("", value))
    if isinstance(value, bool):
        raise DrafterError(_("a tag prints the yes/no value {value}, not a text").format(value=value),
                           hint=_("Test it with {% if ... %} and write the words you want in each case."))
    if isinstance(value, (int, float, Decimal)):
        if isinstance(value, (float, Decimal)) and not value.is_finite():
            raise DrafterError(_("a tag prints a figure that is not a number ({value})").format(value=value),
                               hint=_("Check the figures it is computed from: one is too large or missing."))
        if abs(value) > MAX_FIGURE:
            raise DrafterError(_("a tag prints a figure of {digits} digits, far larger than any amount").format(
                                   digits=len(str(int(value)))),
                               hint=_("Check the figures it is computed from."))
        return value
    if isinstance(value, str):
        return INVALID_XML_CHARS.sub("", value)
    if isinstance(value, (dt.date, dt.time)):
        return str(value)
    what = _not_printable(value)
    if what:
        raise DrafterError(_("a tag prints {what}, not a text or a figure").format(what=what),
                           hint=_(_NOT_PRINTABLE_HINT))
    return INVALID_XML_CHARS.sub("", str(value))


def _empty_hint() -> str:
    return _("Fill in the data, or test for it in the template with {% if ... %}.")


def _tag_name(node) -> str | None:
    """How a template writes the value a tag prints ('question.asked_in', "answers[1].text",
    'a.party'), for a message about it; None for a value that is computed (a ~ b, a filter's)."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        owner = _tag_name(node.node)
        return f"{owner}.{node.attr}" if owner else None
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        owner = _tag_name(node.node)
        return f"{owner}[{node.arg.value!r}]" if owner else None
    return None


def _named(name: str, value):
    """The value of the tag {{ name }}: an empty one (None) is an error that names the tag, so a
    person knows which key of the register or which data to fill in."""
    if value is None:
        raise DrafterError(_("the template prints {tag}, which is empty for this question")
                           .format(tag="{{ " + name + " }}"), hint=_empty_hint())
    return value


#: A brace a Word template's tag prints is written as a character reference, which XML reads
#: as the brace: the rendered part's own markers ('{_{' for a literal '{{', a paragraph's
#: '{#- drafterloc N #}') are then only where the template has them, and are never taken
#: out of a text from the register or the data.
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def _finalize_xml(value):
    """_finalize, for Word templates: the value escaped as autoescape would, its braces as references."""
    value = _finalize(value)
    if isinstance(value, str) and ("{" in value or "}" in value):  # Markup is a str too
        return Markup(str(value if isinstance(value, Markup) else escape(value)).translate(_BRACES))
    return value


def _as_text_problem(value) -> str | None:
    """What a value is, in words, when turning it into text would write Python's notation
    (None, True, inf, <... object at 0x...>) instead of a text or a figure; None when it is a
    plain value. An undefined name is its own error."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()
    if value is None:
        return _("an empty value (None)")
    if isinstance(value, bool):
        return _("the yes/no value {value}").format(value=value)
    if isinstance(value, float) and not math.isfinite(value) or isinstance(value, Decimal) and not value.is_finite():
        return _("a figure that is not a number ({value})").format(value=value)
    if isinstance(value, (str, int, float, Decimal, dt.date, dt.time)):
        return None
    return _not_printable(value)


def _text_part(value, how: str = "'~'"):
    """value, which `how` (~, |string, a format) turns into text: refused (SecurityError) when
    that would write Python's description of an object, never a text of the answer."""
    what = _as_text_problem(value)
    if what:
        raise SecurityError(_("{how} turns {what} into text, which would put Python's description of it in the "
                              "answer; print one of its fields (minister.name) or a figure (budget.amount(...)|num)")
                            .format(how=how, what=what))
    return value


def _format_arguments(spec: str, values, how: str) -> None:
    """A printf or str.format spec and the values it formats: no repr conversion (%r, {!r}),
    and every value plain."""
    if _REPR_SPEC.search(spec):
        raise SecurityError(_("{how} asks for Python's notation of a value (%r, {{!r}}); write the value itself")
                            .format(how=how))
    for value in values:
        _text_part(value, how)


def _values_of(args, kwargs) -> list:
    """The values a format fills in: its arguments, a tuple's items, a mapping's values."""
    out = list(kwargs.values())
    for arg in args:
        if isinstance(arg, tuple):
            out.extend(arg)
        elif isinstance(arg, dict):
            out.extend(arg.values())
        else:
            out.append(arg)
    return out


#: A conversion to Python's notation in a format: %r or %a, {!r} or {!a}.
_REPR_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[ra]|\{[^{}]*![ra][^{}]*\}")


_NOT_PRINTABLE_HINT = N_("Call a method or function with its parentheses (shares.percent(\"kmo\")), "
                         "print one field of an object (minister.name), or loop over a list with {% for %}.")


def _not_printable(value) -> str | None:
    """How a value that must not be printed is told, or None when it may be."""
    name = getattr(value, "__name__", None) or getattr(value, "_name", None)
    name = repr(name) if isinstance(name, str) else None
    if isinstance(value, (types.MethodType, types.BuiltinMethodType)) or type(value).__name__ == "method-wrapper":
        return (_("a method ({name}) without calling it").format(name=name) if name
                else _("a method without calling it"))
    if type(value).__name__ == "Macro":
        return (_("a macro ({name}) without calling it").format(name=name) if name
                else _("a macro without calling it"))
    if isinstance(value, type) or callable(value):
        return (_("a function ({name}) without calling it").format(name=name) if name
                else _("a function without calling it"))
    if isinstance(value, (list, tuple, set, frozenset, range)):
        return _("a whole list")
    if isinstance(value, dict):
        return _("a whole mapping")
    if type(value).__str__ is object.__str__:  # an object that does not say how it prints
        if type(value).__module__.startswith("drafter."):
            return _("a whole {what} (an object)").format(what=object_word(type(value)))
        return _("an object")
    return None


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
        raise DrafterError(_("footnote() cannot be used here"), hint=_("Footnotes belong in the text of an answer."))
    return collector.add(text, key=key)


@pass_context
def _note(context, key):
    """A call to the note with this key, numbered in the current answer part's series."""
    calls = context.get(NOTES_KEY)
    if calls is None:
        raise DrafterError(_("note('{key}') cannot be used here").format(key=key),
                           hint=_("Call note() in the text of an answer part, or attach the note to a cell in the "
                                  "data."))
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


_EXACT_PLAIN = frozenset(_PLAIN)
#: At most this many (type, attribute) answers are kept by an environment (_DrafterSandbox.safe_by_type).
_MAX_SAFE_BY_TYPE = 4096


def _checked_by_type(kind: type) -> bool:
    return kind in _EXACT_PLAIN or kind.__module__.startswith("drafter.")


class _NoFolding(CodeGenerator):
    """Jinja2 prints a constant tag ({{ [1, 2] }}, {{ 1e400 }}) when it compiles it, escaped
    before `finalize` sees it; here every tag is printed at render time, through `finalize`,
    and a text built with ~ is bounded."""

    def visit_Const(self, node, frame):
        if isinstance(node.value, float) and not math.isfinite(node.value):
            self.fail(_("a number in this tag is too large to write down"), node.lineno)
        super().visit_Const(node, frame)

    def visit_Concat(self, node, frame):
        """a ~ b: the text it builds is bounded (doubling a text in a loop fills the memory), and
        each piece must be a plain value (an object would be joined as Python describes it)."""
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            join = "markup_join"
        else:
            join = "str_join"
        self.write(f"environment.drafter_text_budget({join}((")
        for arg in node.nodes:
            self.write("environment.drafter_text_part(")
            self.visit(arg, frame)
            self.write("), ")
        self.write(")))")

    def _output_child_pre(self, node, frame, finalize):
        super()._output_child_pre(node, frame, finalize)
        name = _tag_name(node)
        if name is not None:  # the value goes through _named before finalize sees it
            self.write(f"environment.drafter_named({name!r}, ")

    def _output_child_post(self, node, frame, finalize):
        if _tag_name(node) is not None:
            self.write(")")
        super()._output_child_post(node, frame, finalize)

    def _output_child_to_const(self, node, frame, finalize):
        if not isinstance(node, nodes.TemplateData):
            raise nodes.Impossible()
        return super()._output_child_to_const(node, frame, finalize)


#: What one render (a Word template, or one text of the register or the notes) may do, so
#: that a template cannot hang drafter or fill its memory: loop steps in all, characters in
#: a text it builds, widths it pads to, digits of a number it computes.
MAX_LOOP_STEPS = 200_000
MAX_TEXT = 1_000_000
MAX_WIDTH = 1_000
MAX_DIGITS = 4_000
#: The filter every {% for %} loop's list goes through (added when a template is read).
LOOP_FILTER = "drafter_counted_loop"


class _Budget(threading.local):
    """The loop steps of the render under way in this thread (a render inside a render, such
    as a note's text rendered while a text calls it, counts against the outer one's)."""

    depth = 0
    steps = 0


class _BudgetedTemplate(Template):
    """A template whose render counts its loop steps from zero."""

    def render(self, *args, **kwargs):
        budget = self.environment.budget
        if budget.depth == 0:
            budget.steps = 0
        budget.depth += 1
        try:
            return super().render(*args, **kwargs)
        except RecursionError as exc:
            raise _at_first_tag(SecurityError(_("a macro or loop calls itself too deeply")), exc) from exc
        except MemoryError as exc:
            raise _at_first_tag(SecurityError(_("the tag needs more memory than an answer can have")), exc) from exc
        finally:
            budget.depth -= 1


def _at_first_tag(error: Exception, cause: BaseException) -> Exception:
    """The error, with the template line where the runaway call started (`template_line`)."""
    tb = cause.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            error.template_line = tb.tb_lineno
            break
        tb = tb.tb_next
    return error


@pass_environment
def _counted(environment, iterable):
    budget = environment.budget
    for item in iterable:
        budget.steps += 1
        if budget.steps > MAX_LOOP_STEPS:
            raise SecurityError(_("the loops take more than {steps} steps, far more than an answer needs").format(
                steps=f"{MAX_LOOP_STEPS:,}"))
        yield item


def _replace_budget(text, old, new) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        if len(text) + (text.count(old) if old else len(text) + 1) * len(new) > MAX_TEXT:
            raise SecurityError(_("the replacement builds a text of more than {characters} characters").format(
                characters=f"{MAX_TEXT:,}"))


def _text_budget(value):
    if isinstance(value, str) and len(value) > MAX_TEXT:
        raise SecurityError(_("the tag builds a text of more than {characters} characters").format(
            characters=f"{MAX_TEXT:,}"))
    return value


class _DrafterSandbox(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox, narrowed to what an answer needs (see the module's doc)."""

    intercepted_binops = frozenset({"*", "**", "+", "//", "%"})
    code_generator_class = _NoFolding
    template_class = _BudgetedTemplate
    drafter_text_budget = staticmethod(_text_budget)
    drafter_text_part = staticmethod(_text_part)
    drafter_named = staticmethod(_named)

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.budget = _Budget()
        #: (type, attribute) -> whether a template may read that attribute of an object of that
        #: type, before the value read is looked at: a table's template reads the same few
        #: attributes of thousands of cells. Only for types whose objects cannot pass for
        #: another type (Python's plain values, drafter's own classes): for them every check but
        #: the value's depends on nothing but the type and the name (Jinja2's
        #: is_internal_attribute and modifies_known_mutable look at isinstance only; _own at the type).
        self.safe_by_type: dict[tuple[type, str], bool] = {}

    def _parse(self, source, name, filename):
        """Every {% for %} loop counts its steps against the render's budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, LOOP_FILTER, [], [], None, None, lineno=loop.iter.lineno)
        return tree

    def call(self, __context, __obj, *args, **kwargs):
        # a str method, or the sandbox's wrapper of str.format (which keeps it as __wrapped__)
        owner = getattr(__obj, "__self__", None)
        if owner is None:
            owner = getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
        if isinstance(owner, str):
            name = getattr(__obj, "__name__", "")
            if name in ("format", "format_map") and _WIDE_SPEC.search(owner):
                raise _too_wide(owner)
            if name in ("format", "format_map"):
                _format_arguments(owner, _values_of(args, kwargs), f"{name}()")
            if any(isinstance(a, int) and a > MAX_WIDTH for a in (*args, *kwargs.values())):
                raise SecurityError(_("{function}() with a width above {width} makes the text too long").format(
                    function=name, width=f"{MAX_WIDTH:,}"))
            if name == "replace" and len(args) >= 2:
                _replace_budget(owner, *args[:2])
        return _text_budget(super().call(__context, __obj, *args, **kwargs))


    def is_safe_attribute(self, obj, attr, value) -> bool:
        kind = type(obj)
        safe = self.safe_by_type.get((kind, attr))
        if safe is None:
            safe = self._safe_attribute_of(obj, attr, value)
            if _checked_by_type(kind):
                if len(self.safe_by_type) >= _MAX_SAFE_BY_TYPE:
                    self.safe_by_type.clear()
                self.safe_by_type[(kind, attr)] = safe
        return safe and not isinstance(value, (PurePath, types.ModuleType, type))

    def _safe_attribute_of(self, obj, attr, value) -> bool:
        """The checks of an attribute that look at the object, not at the value read."""
        if not super().is_safe_attribute(obj, attr, value):
            return False
        return _own(obj)  # not e.g. a pandas frame, a path, a file

    def call_binop(self, context, operator, left, right):
        if _number(left) and _number(right) and isinstance(left, int) and isinstance(right, int) \
                and operator == "*" and left.bit_length() + right.bit_length() > MAX_DIGITS * 3.33:
            raise SecurityError(_("the product {left} × {right} is too large to compute").format(
                left=_digits(left), right=_digits(right)))
        if operator == "**":
            if _number(right) and abs(right) > MAX_EXPONENT or _number(left) and abs(left) > MAX_BASE:
                raise SecurityError(_("the power {left} ** {right} is too large to compute").format(
                    left=repr(left), right=repr(right)))
        elif operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_REPEAT:
                    raise SecurityError(
                        (_("repeating a text {times} times makes it too long") if isinstance(seq, str)
                         else _("repeating a list {times} times makes it too long")).format(times=times))
        elif operator == "%" and isinstance(left, str) and _WIDE_SPEC.search(left):
            raise _too_wide(left)
        if operator == "%" and isinstance(left, str):
            _format_arguments(left, _values_of((right,), {}), "'%'")
        elif operator == "+" and isinstance(left, (list, tuple)) and isinstance(right, (list, tuple)) \
                and len(left) + len(right) > MAX_REPEAT:
            raise SecurityError(_("joining these lists makes a list of more than {items} items").format(
                items=f"{MAX_REPEAT:,}"))
        return _text_budget(super().call_binop(context, operator, left, right))


def _digits(value: int) -> str:
    return _("(a number of about {digits} digits)").format(digits=int(value.bit_length() * 0.30103) + 1)


def _too_wide(spec: str) -> SecurityError:
    return SecurityError(_("the format {format} pads to a width above {width}").format(
        format=repr(spec[:40]), width=f"{MAX_WIDTH:,}"))


#: A width or precision of four digits or more in a format ('%0999999999d', '{:>99999}').
_WIDE_SPEC = re.compile(r"\{[^{}]*:[^{}\d]*\d{4,}[^{}]*\}|%[-+ #0]*(\d{4,}|\d*\.\d{4,})[diouxXeEfFgGcrsa]")


def _bounded(name: str, filter_function):
    """A Jinja2 filter whose width arguments and result are bounded."""

    @functools.wraps(filter_function)
    def bounded(value, *args, **kwargs):
        if any(isinstance(a, int) and not isinstance(a, bool) and a > MAX_WIDTH for a in (*args, *kwargs.values())):
            raise SecurityError(_("|{filter} with a width above {width} makes the text too long").format(
                filter=name, width=f"{MAX_WIDTH:,}"))
        if name == "format" and isinstance(value, str) and _WIDE_SPEC.search(value):
            raise _too_wide(value)
        if name == "replace" and len(args) >= 2:
            _replace_budget(value, *args[:2])
        return _text_budget(filter_function(value, *args, **kwargs))

    return bounded


#: Filters that turn their value (join: its items; format: the values it fills in; xmlattr:
#: the mapping's values) into text: an object there would be written as Python describes it.
_TEXT_FILTERS = ("string", "format", "join", "upper", "lower", "title", "capitalize", "trim", "striptags",
                 "wordcount", "center", "indent", "truncate", "wordwrap", "replace", "e", "escape", "forceescape",
                 "urlencode", "urlize", "xmlattr", "tojson", "filesizeformat")


def _plain_input(name: str, filter_function):
    """A Jinja2 filter that refuses to turn a value that is not plain into text."""
    how = f"|{name}"

    @functools.wraps(filter_function)
    def plain(*args, **kwargs):
        # a filter's value is its first argument after those Jinja2 passes (an environment, a context)
        index = next((i for i, a in enumerate(args) if not isinstance(a, (Environment, Context, EvalContext))),
                     len(args))
        value, rest = (args[index], args[index + 1:]) if index < len(args) else (None, ())
        if name == "format" and isinstance(value, str):
            _format_arguments(value, _values_of(rest, kwargs), how)
        elif name == "join" and isinstance(value, Iterable) and not isinstance(value, str):
            items = list(value)  # once: an iterator is used up by looking at it
            for item in items:
                _text_part(item, how)
            args = (*args[:index], items, *rest)
        elif name in ("xmlattr", "tojson") and isinstance(value, dict):
            for item in value.values():
                _text_part(item, how)
        else:
            _text_part(value, how)
        return filter_function(*args, **kwargs)

    return plain


def _no_pprint(value, *args, **kwargs):
    """|pprint writes Python's notation of a value (quotes, brackets, None): never an answer's text."""
    raise SecurityError(_("|pprint writes Python's notation of a value, not a text for an answer; print the value "
                          "itself, or one of its fields"))


def _number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _make(autoescape: bool) -> ImmutableSandboxedEnvironment:
    env = _DrafterSandbox(
        undefined=StrictUndefined,
        autoescape=autoescape,
        finalize=_finalize_xml if autoescape else _finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    for name in ("center", "indent", "format", "wordwrap", "truncate", "join", "replace"):
        env.filters[name] = _bounded(name, env.filters[name])
    for name in _TEXT_FILTERS:
        env.filters[name] = _plain_input(name, env.filters[name])
    env.filters["pprint"] = _no_pprint
    env.filters[LOOP_FILTER] = _counted
    env.globals.update(GLOBALS)
    env.filters.pop("safe", None)  # would put a value into the document as raw XML
    env.globals.pop("lipsum", None)  # no use in an answer; a known template-injection gadget
    return env


def xml_environment() -> ImmutableSandboxedEnvironment:
    """An environment for Word templates: values are escaped, so '&', '<' and '>' stay text.
    A template compiled in it keeps it (as its `environment`)."""
    return _make(autoescape=True)


def text_environment() -> ImmutableSandboxedEnvironment:
    """An environment for texts in the data (register, notes): plain text, escaped later by the Word template."""
    env = _make(autoescape=False)
    env.globals.update(TEXT_GLOBALS)
    return env


#: A tag's end, and the start it needs: outside a tag, in a text from the data, it is a tag
#: whose start was lost (a brace deleted), which Jinja2 would print as text.
_TAG_ENDS = {"}}": "{{", "%}": "{%", "#}": "{#"}


class TextCompiler:
    """The texts of a register and its notes file, compiled in one text environment, each once
    for the run that owns it (a Generator, a check): a batch renders the same note texts in
    many answers, and check compiles a text to check it before the view renders it."""

    def __init__(self) -> None:
        self.environment = text_environment()
        self._compiled: dict[str, Template] = {}

    def compile(self, text: str) -> Template:
        found = self._compiled.get(text)
        if found is None:
            found = self._compiled[text] = compile_text(text, self.environment)
        return found


def compile_text(text: str, env: ImmutableSandboxedEnvironment | None = None) -> Template:
    """A text from the data (register, notes), compiled (in `env`, else in a text environment of
    its own). A tag's end with no start before it is a syntax error, as in a Word template (word/lint)."""
    env = env or text_environment()
    template = env.from_string(text)
    if any(end in text for end in _TAG_ENDS):
        raw = False
        for line, kind, value in env.lex(text):
            raw = kind == "raw_begin" or (raw and kind != "raw_end")  # {% raw %} text is printed as it is
            found = [end for end in _TAG_ENDS if end in value] if kind == "data" and not raw else ()
            if found:
                raise TemplateSyntaxError(_("a stray {token}: no tag was opened before it; open it with "
                                            "{opener}, or remove it").format(token=repr(found[0]),
                                                                             opener=repr(_TAG_ENDS[found[0]])), line)
    return template


def syntax_error_text(message: str) -> str:
    """A syntax error (or an undefined name) of Jinja2 in the language in use: its own words in English, the catalog's
    sentence in another language (errors.library_text, which knows the messages of Jinja2 a person meets)."""
    return library_text(message)

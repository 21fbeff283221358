"""A Word template's tags checked before anything is rendered: nothing typed may vanish.

docxtpl's tag preparation works on the document's XML: a tag that is not closed in its
paragraph swallows everything up to the next closing braces (paragraphs included), and a
{%p %}, {%tr %} or {%tc %} tag replaces its whole paragraph, row or cell, with any text a
person typed beside it. Jinja2 itself reports an unclosed {% if %} at the end of the
document. So before preparation each paragraph is read as a person sees it, and after
preparation the template's text is compared with what is left:

- braces: a '{{', '{%' or '{#' that its paragraph does not close, or a stray '}}' / '%}';
- blocks: {% if %}, {% for %}, ... left open (reported where they open), or an end without
  its start (where it stands);
- quotes: the typographic quotes Word types as you write („“ ” ‚‘ ’ « ») inside a tag;
- {%p %} / {%tr %} / {%tc %} (and {{p }}, {{tr }}, {{tc }}) sharing its paragraph, row or
  cell with other text;
- any text outside tags that preparation would drop.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from drafter.errors import Problem
from drafter.i18n import _
from drafter.oxml import markup
#: The quotes Word's AutoCorrect types; Jinja2 needs straight ones (" and '): one list, for
#: templates and texts alike.
from drafter.view.jinja import TYPOGRAPHIC_QUOTES
_DELIMITER = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
#: Statements that need an end tag, and what closes them.
_BLOCKS = {"if": "endif", "for": "endfor", "macro": "endmacro", "call": "endcall", "filter": "endfilter",
           "with": "endwith", "block": "endblock", "raw": "endraw", "autoescape": "endautoescape",
           "set": "endset"}
_MIDDLES = {"elif": ("if",), "else": ("if", "for")}
_STATEMENT = re.compile(r"^\{%-?\s*(?:(p|tr|tc|r)\s+)?(\w+)(.*?)-?%\}$", re.DOTALL)
_STRUCTURE = re.compile(r"^\{[{%]-?\s*(p|tr|tc)\s")
_WORD = re.compile(r"\w+")
#: The main document's part as the template's code names it; shown as `part_shown` says.
DOCUMENT = "the document"


def part_shown(part: str) -> str:
    """A part of the template as a message names it: 'the document', or its file name in the
    package (word/header1.xml)."""
    return _("the document") if part == DOCUMENT else part


def where(part: str, place: str) -> str:
    """A paragraph's place in a part of the template: the place alone in the main document."""
    return place if part == DOCUMENT else f"{part}, {place}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph as a person sees it: where it is, its text, and the text of its row and cell."""

    place: str
    text: str
    cell_text: str | None = None
    row_text: str | None = None


def lint(paragraphs: list[Paragraph], file: str, part: str) -> list[Problem]:
    """Every tag mistake of a part's paragraphs, each at its paragraph."""
    problems: list[Problem] = []

    def problem(place: str, message: str, hint: str) -> None:
        """message: a whole sentence ('template tag error: ...'), translated."""
        problems.append(Problem(message, file=file, place=where(part, place), hint=hint))

    open_blocks: list[tuple[str, str]] = []  # (statement, place)
    for para in paragraphs:
        tags = _braces(para, problem)
        for tag in tags:
            quote = next((q for q in TYPOGRAPHIC_QUOTES if q in tag), None)
            if quote:
                problem(para.place, _("template tag error: the tag {tag} holds the typographic quote {quote}").format(
                            tag=repr(tag), quote=repr(quote)),
                        _("Word typed it while you wrote: retype the quotes in the tag as straight quotes (\" or '), "
                          "or switch off 'straight quotes with smart quotes' in Word's AutoCorrect options."))
            _blocks(tag, para.place, open_blocks, problem)
            _structure_alone(tag, para, problem)
    for statement, place in open_blocks:
        problem(place, _("template tag error: the {{% {statement} %}} that starts here is never closed").format(
                    statement=statement),
                _("Add {{% {end} %}} (or {{%p {end} %}} in a paragraph of its own) where the block ends.").format(
                    end=_BLOCKS[statement]))
    return problems


def _braces(para: Paragraph, problem) -> list[str]:
    """The paragraph's complete tags; unclosed or stray delimiters are problems."""
    tags, opened, start = [], None, 0
    for m in _DELIMITER.finditer(para.text):
        token = m.group(0)
        if opened is None:
            if token in _OPENERS:
                opened, start = token, m.start()
            else:
                problem(para.place, _("template tag error: a stray {token}: no tag was opened before it in this "
                                      "paragraph").format(token=repr(token)),
                        _("Remove it, or open the tag with {opener}.").format(
                            opener="{{" if token == "}}" else "{%" if token == "%}" else "{#"))
        elif token == _OPENERS[opened]:
            tags.append(para.text[start:m.end()])
            opened = None
        elif token in _OPENERS:
            problem(para.place, _("template tag error: a {opened} is not closed before the next {token}").format(
                        opened=repr(opened), token=repr(token)),
                    _("Close it with {closer}: a tag begins and ends in one paragraph.").format(
                        closer=repr(_OPENERS[opened])))
            opened, start = token, m.start()
    if opened is not None:
        shown = para.text[start:start + 60]
        problem(para.place, _("template tag error: the tag {tag} is not closed in this paragraph").format(
                    tag=repr(shown)),
                _("End it with {closer} (two braces: a single '}}' is text); a tag begins and ends "
                  "in one paragraph, or it takes the text after it with it.").format(closer=repr(_OPENERS[opened])))
    return tags


def _blocks(tag: str, place: str, open_blocks: list, problem) -> None:
    m = _STATEMENT.match(tag)
    if not m or tag.startswith("{{"):
        return
    word, rest = m.group(2), m.group(3)
    if word == "set" and "=" in rest:
        return  # {% set x = ... %} needs no end; {% set x %}...{% endset %} does
    if word in _BLOCKS:
        open_blocks.append((word, place))
    elif word.startswith("end") and word[3:] in _BLOCKS:
        if open_blocks and open_blocks[-1][0] == word[3:]:
            open_blocks.pop()
        elif open_blocks:
            statement, opened_at = open_blocks[-1]
            problem(place, _("template tag error: {{% {word} %}} here, but the block open at this point is the "
                             "{{% {statement} %}} of {place}").format(word=word, statement=statement, place=opened_at),
                    _("Close that block with {{% {end} %}} first.").format(end=_BLOCKS[statement]))
            open_blocks.pop()
        else:
            problem(place, _("template tag error: {{% {word} %}} without a {{% {start} %}} before it").format(
                        word=word, start=word[3:]),
                    _("Remove it, or add the {{% {start} ... %}} where the block starts.").format(start=word[3:]))
    elif word in _MIDDLES and not (open_blocks and open_blocks[-1][0] in _MIDDLES[word]):
        problem(place, _("template tag error: {% else %} outside an {% if %} or {% for %}") if word == "else"
                else _("template tag error: {{% {word} %}} outside an {{% if %}}").format(word=word),
                _("Put it between the {% if ... %} and its {% endif %}."))


def _structure_alone(tag: str, para: Paragraph, problem) -> None:
    """docxtpl replaces the whole paragraph (p), row (tr) or cell (tc) by such a tag."""
    m = _STRUCTURE.match(tag)
    if not m:
        return
    kind = m.group(1)
    scope = {"p": para.text, "tr": para.row_text, "tc": para.cell_text}[kind]
    if scope is None:
        if kind == "tr":
            problem(para.place, _("template tag error: the tag {tag} is a row tag outside a table").format(tag=repr(tag)),
                    _("Use {%p ... %} outside tables, {%tr ... %} only inside a table row."))
        else:
            problem(para.place, _("template tag error: the tag {tag} is a cell tag outside a table").format(tag=repr(tag)),
                    _("Use {%p ... %} outside tables, {%tc ... %} only inside a table cell."))
        return
    other = _TAG.sub(" ", scope).split()
    if other:
        text = repr(" ".join(other)[:60])
        if kind == "p":
            problem(para.place, _("template tag error: the tag {tag} shares its paragraph with other text ({text}), "
                                  "which would be dropped").format(tag=repr(tag), text=text),
                    _("Give the tag a paragraph of its own, and move the text to another."))
        elif kind == "tr":
            problem(para.place, _("template tag error: the tag {tag} shares its table row with other text ({text}), "
                                  "which would be dropped").format(tag=repr(tag), text=text),
                    _("Give the tag a table row of its own, and move the text to another."))
        else:
            problem(para.place, _("template tag error: the tag {tag} shares its table cell with other text ({text}), "
                                  "which would be dropped").format(tag=repr(tag), text=text),
                    _("Give the tag a table cell of its own, and move the text to another."))


def dropped(paragraphs: list[Paragraph], prepared_xml: str, file: str, part: str) -> list[Problem]:
    """Text a person typed outside tags that the prepared template no longer holds."""
    after = Counter(_words(markup.texts(prepared_xml)))
    problems = []
    before = Counter()
    for para in paragraphs:
        words = _words(para.text)
        before.update(words)
        lost = [w for w in dict.fromkeys(words) if before[w] > after[w]]
        if lost:
            problems.append(Problem(
                _("template tag error: text of this paragraph would be dropped when the tags are prepared "
                  "({text})").format(text=repr(" ".join(lost)[:60])),
                file=file, place=where(part, para.place),
                hint=_("Look for a tag around it that is not closed, or a {%p %}, {%tr %} or {%tc %} tag beside it.")))
            for w in lost:
                after[w] = before[w]  # reported once
    return problems


def _words(text: str) -> list[str]:
    return _WORD.findall(_TAG.sub(" ", text))

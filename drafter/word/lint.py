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
        where = place if part == "the document" else f"{part}, {place}"
        problems.append(Problem(f"template tag error: {message}", file=file, place=where, hint=hint))

    open_blocks: list[tuple[str, str]] = []  # (statement, place)
    for para in paragraphs:
        tags = _braces(para, problem)
        for tag in tags:
            quote = next((q for q in TYPOGRAPHIC_QUOTES if q in tag), None)
            if quote:
                problem(para.place, f"the tag {tag!r} holds the typographic quote {quote!r}",
                        "Word typed it while you wrote: retype the quotes in the tag as straight quotes (\" or '), "
                        "or switch off 'straight quotes with smart quotes' in Word's AutoCorrect options.")
            _blocks(tag, para.place, open_blocks, problem)
            _structure_alone(tag, para, problem)
    for statement, place in open_blocks:
        problem(place, f"the {{% {statement} %}} that starts here is never closed",
                f"Add {{% {_BLOCKS[statement]} %}} (or {{%p {_BLOCKS[statement]} %}} in a paragraph of its own) "
                "where the block ends.")
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
                problem(para.place, f"a stray {token!r}: no tag was opened before it in this paragraph",
                        f"Remove it, or open the tag with {'{{' if token == '}}' else '{%' if token == '%}' else '{#'}.")
        elif token == _OPENERS[opened]:
            tags.append(para.text[start:m.end()])
            opened = None
        elif token in _OPENERS:
            problem(para.place, f"a {opened!r} is not closed before the next {token!r}",
                    f"Close it with {_OPENERS[opened]!r}: a tag begins and ends in one paragraph.")
            opened, start = token, m.start()
    if opened is not None:
        shown = para.text[start:start + 60]
        problem(para.place, f"the tag {shown!r} is not closed in this paragraph",
                f"End it with {_OPENERS[opened]!r} (two braces: a single '}}' is text); a tag begins and ends "
                "in one paragraph, or it takes the text after it with it.")
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
            statement, where = open_blocks[-1]
            problem(place, f"{{% {word} %}} here, but the block open at this point is the {{% {statement} %}} "
                    f"of {where}", f"Close that block with {{% {_BLOCKS[statement]} %}} first.")
            open_blocks.pop()
        else:
            problem(place, f"{{% {word} %}} without a {{% {word[3:]} %}} before it",
                    f"Remove it, or add the {{% {word[3:]} ... %}} where the block starts.")
    elif word in _MIDDLES and not (open_blocks and open_blocks[-1][0] in _MIDDLES[word]):
        problem(place, f"{{% {word} %}} outside an {{% if %}}" + (" or {% for %}" if word == "else" else ""),
                "Put it between the {% if ... %} and its {% endif %}.")


def _structure_alone(tag: str, para: Paragraph, problem) -> None:
    """docxtpl replaces the whole paragraph (p), row (tr) or cell (tc) by such a tag."""
    m = _STRUCTURE.match(tag)
    if not m:
        return
    kind = m.group(1)
    scope = {"p": para.text, "tr": para.row_text, "tc": para.cell_text}[kind]
    if scope is None:
        problem(para.place, f"the tag {tag!r} is a {'row' if kind == 'tr' else 'cell'} tag outside a table",
                f"Use {{%p ... %}} outside tables, {{%{kind} ... %}} only inside a table {'row' if kind == 'tr' else 'cell'}.")
        return
    other = _TAG.sub(" ", scope).split()
    if other:
        what = {"p": "paragraph", "tr": "table row", "tc": "table cell"}[kind]
        problem(para.place, f"the tag {tag!r} shares its {what} with other text ({' '.join(other)[:60]!r}), "
                "which would be dropped", f"Give the tag a {what} of its own, and move the text to another.")


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
            where = para.place if part == "the document" else f"{part}, {para.place}"
            problems.append(Problem(
                f"template tag error: text of this paragraph would be dropped when the tags are prepared ({' '.join(lost)[:60]!r})",
                file=file, place=where,
                hint="Look for a tag around it that is not closed, or a {%p %}, {%tr %} or {%tc %} tag beside it."))
            for w in lost:
                after[w] = before[w]  # reported once
    return problems


def _words(text: str) -> list[str]:
    return _WORD.findall(_TAG.sub(" ", text))

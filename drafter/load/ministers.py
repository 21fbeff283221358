"""A question put to several ministers: one coordinated answer, a referring answer for each other.

The parliament sends the same question to every minister it names, each under a number of its
own. One minister gives the coordinated answer (gecoördineerd antwoord); each of the others
gives a referring answer (verwijzend antwoord: "Ik verwijs naar het antwoord van ..."). A
register entry names the other ministers under ``other_ministers:``, each with their number
(and, when it differs, the layout and language of their answer), and says under
``coordinator:`` who coordinates, by number or by name.

The register is read into one Question per minister's copy: the coordinated one carries the
entry's answer, tables and data; each referring one carries only whom it refers to. So every
command sees every copy as a question of its own, with its own number, file and deadline:
``answer -q 312``, ``batch``, ``check`` and ``status`` need nothing more.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, replace

from drafter import paths
from drafter.errors import shown
from drafter.i18n import _
from drafter.load.fields import FieldReader
from drafter.load.questions import Copy, Minister, Question
from drafter.load.style import read_style
from drafter.load.yamlfile import LineDict, LineList

MINISTER_FIELDS = ("name", "title", "role", "department", "gender")


@dataclass(frozen=True)
class OtherMinister:
    """One entry of ``other_ministers:``."""

    minister: Minister
    number: int
    template: str | None
    locale_item: LineDict  # the entry itself, for its house style (locale)
    line: int
    answered: dt.date | None = None  # when this minister's answer went out: each copy is sent on its own


def same_name(a: str, b: str) -> bool:
    """Two names of one person: compared without case, accents and word order."""
    def key(name: str) -> list[str]:
        plain = unicodedata.normalize("NFKD", name)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        return sorted(plain.casefold().split())

    return key(a) == key(b)


def _other_ministers(reader: FieldReader, raw: LineDict, what: str) -> list[OtherMinister] | None:
    items = raw.get("other_ministers")
    if items is None:
        return None
    if not isinstance(items, LineList) or not items:
        reader.problem(raw.line_of("other_ministers"), _(
            "{what}: 'other_ministers' must be a list of ministers, each with name, title and number").format(what=what))
        return []
    out = []
    for i, item in enumerate(items):
        line = items.line_of(i)
        if not isinstance(item, LineDict):
            reader.problem(line, _("{what}: each of 'other_ministers' is a minister with name, title and number, "
                                   "not {value}").format(what=what, value=shown(item)))
            continue
        where = _("{what}, other minister {index}").format(what=what, index=i + 1)
        before = len(reader.problems)
        reader.keys(item, "other_minister", where)
        values = {key: reader.field(item, "other_minister", key, where) for key in MINISTER_FIELDS}
        number = reader.field(item, "other_minister", "number", where)
        template = reader.field(item, "other_minister", "template", where)
        answered = reader.field(item, "other_minister", "answered", where)
        if template is not None and (not template.endswith(".docx") or "/" in template or "\\" in template):
            reader.problem(item.line_of("template"), _("{what}: template {template!r} must be the name of a .docx "
                                                       "file in answer_templates/").format(what=where, template=template),
                           _("Give the file name only, e.g. 'algemeen.docx'."))
        if len(reader.problems) > before:
            continue
        minister = Minister(values["name"] or "", values["title"] or "", values["role"], values["department"],
                            values["gender"])
        out.append(OtherMinister(minister, number, template, item, line, answered))
    return out


def _coordinator(reader: FieldReader, raw: LineDict, copies: list[tuple[Minister, int, int]], what: str) -> int | None:
    """Which of the copies (minister, number, line) coordinates: its index, or None (noted)."""
    value = raw.get("coordinator")
    line = raw.line_of("coordinator")
    listed = ", ".join(f"{m.name} ({number})" for m, number, _line in copies)
    if value is None:
        reader.problem(raw.line, _(
            "{what} was put to several ministers, but the entry does not say which one coordinates: the referring "
            "answers would refer to no coordinated answer").format(what=what),
            _("Add 'coordinator:' with the number (or the name) of the minister who gives the coordinated answer: "
              "one of {ministers}.").format(ministers=listed))
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        found = [i for i, (_m, number, _line) in enumerate(copies) if number == value]
    elif isinstance(value, str) and value.strip():
        found = [i for i, (m, _number, _line) in enumerate(copies) if same_name(m.name, value)]
        if len(found) > 1:
            reader.problem(line, _("{what}: the coordinator {value!r} names several of the question's ministers")
                           .format(what=what, value=value),
                           _("Name the coordinator by the number of their copy: one of {ministers}.")
                           .format(ministers=listed))
            return None
    else:
        found = []
    if not found:
        reader.problem(line, _("{what}: the coordinator {value!r} is not among the question's ministers")
                       .format(what=what, value=value),
                       _("Name one of them, by number or by name: {ministers}.").format(ministers=listed))
        return None
    return found[0]


def copies(reader: FieldReader, raw: LineDict, question: Question) -> list[Question]:
    """The question as the register's entry gives it, one Question per minister's copy: the
    question itself when it was put to one minister."""
    what = question.label
    if "coordinator" in raw and "other_ministers" not in raw:
        reader.problem(raw.line_of("coordinator"), _(
            "{what}: 'coordinator' names who coordinates among several ministers, but the entry has no "
            "'other_ministers'").format(what=what),
            _("List the other ministers the question was put to under 'other_ministers:', or remove 'coordinator:'."))
        return []
    before = len(reader.problems)
    others = _other_ministers(reader, raw, what)
    if others is None:
        return [question]
    everyone = [(question.minister, question.number, question.line)] + [(o.minister, o.number, o.line) for o in others]
    chosen = _coordinator(reader, raw, everyone, what)
    if chosen is None or len(reader.problems) > before:
        return []
    coordinator, number, line = everyone[chosen]
    coordinated = Copy(coordinator, number, question.zittingsjaar)
    referring = [i for i in range(len(everyone)) if i != chosen]
    # the entry's `answered:` is its own minister's copy's; another's is in its item of other_ministers
    answered = [question.answered] + [o.answered for o in others]
    out = [replace(question, minister=coordinator, number=number, line=line, answered=answered[chosen],
                   referred_by=tuple(Copy(everyone[i][0], everyone[i][1], question.zittingsjaar) for i in referring))]
    for i in referring:
        minister, copy_number, copy_line = everyone[i]
        other = others[i - 1] if i > 0 else None  # the entry's own minister has no entry of its own
        style, template = question.style, paths.GENERAL_TEMPLATE
        if other is not None:
            style = read_style(reader, other.locale_item, question.style,
                               _("{what}, minister {name}").format(what=what, name=minister.name))
            template = other.template or template
        out.append(replace(question, minister=minister, number=copy_number, line=copy_line, answered=answered[i],
                           template=template,
                           style=style, data={}, tables={}, preamble=(), parts=(), refers_to=coordinated,
                           referred_by=()))
    if len(reader.problems) > before:
        return []
    return out

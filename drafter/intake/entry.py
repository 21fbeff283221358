"""A question from a source as the register's entry, and why a second entry for the same
question is refused (the differences between the register and the source, field by field)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter import places
from drafter.errors import DataError, Problem, display_path
from drafter.i18n import N_, _, date_text
from drafter.intake.question import NewQuestion, field_name, sub_question_name
from drafter.load.register import UNKNOWN_PERSON
from drafter.load.yamlfile import LineDict
from drafter.view.formatting import WORDS
from drafter.write.register import Existing

UNKNOWN_COMMENT = N_("not in the source: fill in when known")
#: What a new entry's answer parts say until someone writes them: one per sub-question, so the
#: draft has the numbered answers to fill in (in the register, or in Word).
ANSWER_PLACEHOLDER = WORDS["nl"]["answer_to_write"]


def _short(value) -> str:
    text = " ".join(str(value).split()) if value is not None else _("nothing")
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _texts(value) -> str:
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    return " ".join(" ".join(str(v).split()) for v in items)


def _date(value):
    """A date as a person reads it; anything else (a text the register holds) as it is."""
    return date_text(value) if isinstance(value, dt.date) else value


def differences(existing: LineDict, q: NewQuestion) -> list[str]:
    """What the source says otherwise than the register's entry, field by field."""
    minister = existing.get("minister") if isinstance(existing.get("minister"), dict) else {}
    subq = existing.get("subquestions") if isinstance(existing.get("subquestions"), dict) else {}
    pairs = [
        (field_name("date"), _date(existing.get("date")), _date(q.date)),
        (field_name("asker"), existing.get("asker"), q.asker),
        (field_name("minister: title"), minister.get("title"), q.minister_title),
        (field_name("title"), existing.get("title"), q.title),
        (field_name("introduction"), _texts(existing.get("introduction")), " ".join(q.introduction)),
    ]
    for n in sorted(set(subq) | set(q.subquestions), key=str):
        pairs.append((sub_question_name(n), _texts(subq.get(n)) or None, q.subquestions.get(n)))
    out = []
    for name, old, new in pairs:
        same = (" ".join(str(old).split()) == " ".join(str(new).split())) if old is not None and new is not None \
            else old == new
        if not same:
            out.append(_("{field}: {register} in the register, {source} in the source").format(
                field=name, register=_short(old), source=_short(new)))
    return out


def refuse_duplicate(register: Path, existing: Existing, q: NewQuestion) -> DataError:
    diffs = differences(existing.entry, q)
    if diffs:
        message = _("question {number} of {year} (minister {minister}) from {source} is already in the register; "
                    "differences: {differences}")
    else:
        message = _("question {number} of {year} (minister {minister}) from {source} is already in the register; "
                    "the source says the same")
    return DataError(problems=[Problem(
        message.format(number=q.number, year=q.zittingsjaar, minister=q.minister_name, source=q.source,
                       differences="; ".join(diffs)),
        file=display_path(register), place=places.line(existing.line),
        hint=_("drafter never overwrites an entry: change it by hand if the source is newer, or correct the number."))])


def new_entry(q: NewQuestion, template: str):
    """The register entry for q, as round-trip YAML (unknown facts marked with a comment)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    entry = CommentedMap()
    entry["zittingsjaar"] = q.zittingsjaar
    entry["number"] = q.number
    entry["date"] = q.date
    entry["asker"] = q.asker
    minister = CommentedMap()
    minister["name"] = q.minister_name
    minister["title"] = q.minister_title
    entry["minister"] = minister
    entry["title"] = q.title
    entry["template"] = template
    if q.opendata_id is not None:
        entry["opendata"] = q.opendata_id
    if q.introduction:
        entry["introduction"] = LiteralScalarString("\n\n".join(q.introduction))
    subquestions = CommentedMap()
    for n, text in q.subquestions.items():
        subquestions[n] = text
    entry["subquestions"] = subquestions
    answer = CommentedMap()
    parts = CommentedSeq()
    for n in q.subquestions:
        part = CommentedMap()
        part["number"] = n
        part["text"] = ANSWER_PLACEHOLDER
        parts.append(part)
    if not parts:
        parts.fa.set_flow_style()
    answer["parts"] = parts
    entry["answer"] = answer
    for mapping, key in ((entry, "date"), (entry, "asker"), (minister, "name"), (minister, "title"),
                         (entry, "title"), (entry, "zittingsjaar")):
        if mapping[key] in (None, UNKNOWN_PERSON):
            mapping.yaml_add_eol_comment(_(UNKNOWN_COMMENT), key)
    if not q.subquestions:
        entry.yaml_add_eol_comment(_("none found in the source: add them as 1: ..., 2: ..."), "subquestions")
    entry.yaml_add_eol_comment(_("the sub-answers: see docs/templates.md"), "answer")
    return entry



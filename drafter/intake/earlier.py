"""A new question's entry that starts from an earlier answer (``drafter intake ... --from 2019-2020/4``).

"The same question as last year, with this year's figures": the new entry takes the earlier
entry's data sets, its tables with their years moved on (``load/based_on``: one rule for
both), its template (unless one was chosen) and its answer's texts, and records where they
came from (``based_on: 2019-2020/4``). An earlier part whose sub-question the new question
does not have is left out and said; a new sub-question the earlier answer did not answer gets
the placeholder part. The texts are copied as they are, tags and all: drafter fills in this
year's figures when it drafts, and the person reads the words.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from drafter.errors import DataError, display_path
from drafter import paths
from drafter import places
from drafter.i18n import _
from drafter.load import based_on
from drafter.load.yamlfile import LineDict, load_yaml


@dataclass(frozen=True)
class Earlier:
    """The earlier question's entry as the register holds it."""

    reference: str  # '2019-2020/4'
    zittingsjaar: str
    entry: LineDict


def find_earlier(register, reference: str, minister: str | None = None) -> Earlier:
    """The register's entry of the question `reference` names ('2019-2020/4'); when several
    ministers' questions have that number, the one put to `minister`."""
    ref = based_on.parse(reference)
    shown = display_path(register)
    if ref is None:
        raise DataError(_("--from {value!r} does not name a question").format(value=reference),
                        hint=_("Name the earlier question as zittingsjaar/number, e.g. --from 2019-2020/4."))
    raw = load_yaml(register)
    items = raw.get("questions") if isinstance(raw, LineDict) else None
    found = [item for item in items or () if isinstance(item, LineDict)
             and (str(item.get("zittingsjaar")), item.get("number")) == ref]
    if len(found) > 1 and minister:
        found = [item for item in found if isinstance(item.get("minister"), dict)
                 and " ".join(str(item["minister"].get("name", "")).split()).casefold()
                 == " ".join(minister.split()).casefold()] or found
    if not found:
        raise DataError(_("there is no question {reference} in the register to start from").format(
            reference=reference.strip()), file=shown,
            hint=_("Name a question of this register as zittingsjaar/number, e.g. --from 2019-2020/4."))
    if len(found) > 1:
        raise DataError(_("several questions of the register are {reference}, put to different ministers").format(
            reference=reference.strip()), file=shown, place=places.line(found[0].line),
            hint=_("Start from one by hand: copy its answer into the new entry."))
    return Earlier(f"{ref[0]}/{ref[1]}", ref[0], found[0])


def _as_written(register, earlier: Earlier):
    """The earlier entry as ruamel.yaml reads it: its texts keep their style and folds, its
    comments stay with them when copied."""
    from drafter.files import read_bytes
    from drafter.load.yamlfile import MAX_YAML_BYTES
    from drafter.write.register import yaml_writer

    document = yaml_writer().load(read_bytes(register, MAX_YAML_BYTES).decode("utf-8-sig"))
    return next(item for item in document["questions"]
                if str(item.get("zittingsjaar")) == earlier.zittingsjaar and item.get("number") == earlier.entry["number"]
                and item.lc.line + 1 == earlier.entry.line)


def _copied(value):
    """A deep copy of a value of the earlier entry without its comments: a comment belongs where
    it was written (the one after an entry's last line introduces the next entry)."""
    out = copy.deepcopy(value)

    def clear(node) -> None:
        ca = getattr(node, "ca", None)
        if ca is not None:
            ca.items.clear()
            ca.comment = None
            ca.end = []
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            clear(child)

    clear(out)
    return out


def _moved(tables, years: int):
    """A copy of an entry's tables (as ruamel.yaml reads them) with their years moved on."""
    moved = _copied(tables)
    for spec in moved.values():
        if isinstance(spec, dict) and "years" in spec:
            value = spec["years"]
            if isinstance(value, list):
                for i, year in enumerate(value):
                    value[i] = based_on.moved_years(year, years)
            else:
                spec["years"] = based_on.moved_years(value, years)
    return moved


def _numbers(part) -> tuple:
    number = part.get("number") if isinstance(part, dict) else None
    return tuple(number) if isinstance(number, list) else (number,)


def start_from(entry, register, earlier: Earlier, zittingsjaar: str, subquestions: dict, template_chosen: bool,
               placeholder: str) -> list[str]:
    """Fill the new entry (ruamel's mapping, as intake made it) from the earlier one in the
    register; what was taken and left out, in lines for the person."""
    old = _as_written(register, earlier)
    years = based_on.years_between(earlier.zittingsjaar, zittingsjaar)
    said = []
    if not template_chosen and isinstance(old.get("template"), str):
        entry["template"] = old["template"]
    if "data" in old:  # where the register's entries have them: data after the template, tables after the sub-questions
        entry.insert(list(entry).index("template") + 1, "data", _copied(old["data"]))
    if "tables" in old:
        entry.insert(list(entry).index("subquestions") + 1, "tables", _moved(old["tables"], years))
    if "tables" in old and years:
        said.append(_("the tables' years moved on by {years} year(s), as in the earlier question's tables")
                    .format(years=years))
    answer = old.get("answer")
    parts = answer.get("parts") if isinstance(answer, dict) else None
    if isinstance(parts, list):
        kept, answered = [], set()
        for part in parts:
            numbers = _numbers(part)
            if subquestions and not all(n in subquestions for n in numbers):
                said.append(_("answer part {number} of {reference} was left out: the new question has no "
                              "sub-question {number}").format(number=", ".join(map(str, numbers)),
                                                              reference=earlier.reference))
                continue
            kept.append(part)
            answered.update(numbers)
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        new_parts = [_copied(part) for part in kept]

        for n in subquestions:
            if n not in answered:
                part = CommentedMap()
                part["number"], part["text"] = n, placeholder
                new_parts.append(part)
                said.append(_("sub-question {number} is new: its answer part says {placeholder}").format(
                    number=n, placeholder=placeholder))
        new_parts.sort(key=lambda p: min(n for n in _numbers(p) if isinstance(n, int)))
        reshaped = len(kept) != len(parts) or len(new_parts) != len(kept)
        if reshaped and not template_chosen and entry.get("template") not in (None, paths.GENERAL_TEMPLATE):
            # a layout made for the earlier question may name its answers one by one (answers[3]);
            # the general template answers any number of sub-questions
            said.append(_("the earlier template {template} was made for the earlier question's answers; the new "
                          "question has other sub-questions, so it gets the general template {general} "
                          "(choose another with --template)").format(template=entry["template"],
                                                                       general=paths.GENERAL_TEMPLATE))
            entry["template"] = paths.GENERAL_TEMPLATE
        new_answer = CommentedMap((k, _copied(v)) for k, v in answer.items() if k != "parts")
        new_answer["parts"] = CommentedSeq(new_parts)
        entry["answer"] = new_answer
    entry.insert(list(entry).index("template") + 1, "based_on", earlier.reference)
    entry.yaml_add_eol_comment(_("data, tables and texts taken from this question"), "based_on")
    said.append(_("the texts are those of {reference}, as they are: read them and change what this year "
                  "says otherwise").format(reference=earlier.reference))
    return said

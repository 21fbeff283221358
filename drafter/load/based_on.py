"""An earlier answer as a starting point: ``based_on: 2019-2020/4``.

The same question comes back next year ("the same as last year, with this year's figures").
An entry that names the earlier question under ``based_on:`` takes from it what it does not
give itself: its data sets (``data:``), its tables (``tables:``, their years moved on by the
years between the two zittingsjaren), its answer's texts (``answer:``) and its template. What
the entry gives itself is its own. ``drafter intake --from`` writes such an entry, with the
earlier texts and tables copied into it so that they can be changed there.

How the years move, by the number of years n between the zittingsjaren: a range
(``years: 2014-2018``) keeps its first year and ends n years later (2014-2019: a series
"year by year since 2014" grows); a single year or a list of years moves by n
(``years: [2016]`` becomes ``[2017]``). Texts are taken as they are.
"""

from __future__ import annotations

import re

from drafter.errors import shown
from drafter.i18n import _
from drafter.load.fields import FieldReader
from drafter.load.yamlfile import LineDict, LineList

REFERENCE = re.compile(r"^\s*(\d{4})-(\d{4})\s*/\s*(\d+)\s*$")
#: What an entry may take from the question it is based on.
INHERITED = ("template", "data", "tables", "answer")
_RANGE = re.compile(r"^\s*(\d{4})\s*-\s*(\d{4})\s*$")


def parse(value) -> tuple[str, int] | None:
    """'2019-2020/4' as (zittingsjaar, number); None when it is not written so."""
    m = REFERENCE.match(str(value)) if isinstance(value, str) else None
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        return None
    return f"{m.group(1)}-{m.group(2)}", int(m.group(3))


def years_between(earlier: str, later: str) -> int:
    """How many years lie between two zittingsjaren ('2019-2020', '2020-2021': 1)."""
    return int(str(later)[:4]) - int(str(earlier)[:4])


def _copy(mapping: LineDict, **changes) -> LineDict:
    out = LineDict(mapping)
    out.line, out.lines = mapping.line, dict(mapping.lines)
    out.key_lines = dict(getattr(mapping, "key_lines", {}))
    out.update(changes)
    return out


def moved_years(value, n: int):
    """A table's ``years:`` moved on by n years (see the module's doc); as it was when it is
    not a range, a year or a list of years (the table reader says what is wrong with it)."""
    if isinstance(value, str):
        m = _RANGE.match(value)
        return f"{m.group(1)}-{int(m.group(2)) + n}" if m else value
    if isinstance(value, int) and not isinstance(value, bool):
        return value + n
    if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        out = LineList(v + n for v in value)
        out.line, out.lines = getattr(value, "line", 0), list(getattr(value, "lines", []))
        return out
    return value


def moved_tables(tables, n: int):
    """The tables of an entry with their years moved on by n years."""
    if not isinstance(tables, LineDict) or n == 0:
        return tables
    out = _copy(tables)
    for name, spec in tables.items():
        if isinstance(spec, LineDict) and "years" in spec:
            out[name] = _copy(spec, years=moved_years(spec["years"], n))
    return out


def resolve(reader: FieldReader, items: list) -> list:
    """The register's question entries with what each takes from the question it is based on
    filled in; an entry whose ``based_on`` cannot be followed is noted, and left as it is."""
    by_key: dict[tuple[str, int], list] = {}
    for item in items:
        if isinstance(item, LineDict):
            by_key.setdefault((str(item.get("zittingsjaar")), item.get("number")), []).append(item)
    resolved: dict[int, LineDict] = {}

    def follow(item: LineDict, seen: tuple[int, ...]) -> LineDict:
        if id(item) in resolved:
            return resolved[id(item)]
        value = item.get("based_on")
        if value is None:
            return item
        what = _("question {number}").format(number=item.get("number"))
        line = item.line_of("based_on")
        ref = parse(value)
        if ref is None:
            reader.problem(line, _("{what}: 'based_on' must name the earlier question as zittingsjaar/number, "
                                   "like 2019-2020/4, not {value}").format(what=what, value=shown(value)))
            return item
        found = by_key.get(ref, [])
        if len(found) > 1:  # several ministers' questions of that number: the one of this minister
            mine = [f for f in found if _minister_name(f) == _minister_name(item)]
            found = mine if len(mine) == 1 else found
        if not found:
            message = _("{what} is based on question {ref}, which is not in the register")
        elif len(found) > 1:
            message = _("{what} is based on question {ref}, which several ministers' questions have as their number")
        elif found[0] is item:
            message = _("{what} cannot be based on itself ({ref})")
        else:
            message = None
        if message is not None:
            reader.problem(line, message.format(what=what, ref=str(value).strip()),
                           _("Name an earlier question of this register as zittingsjaar/number, e.g. "
                             "based_on: 2019-2020/4."))
            return item
        if id(found[0]) in seen:
            reader.problem(line, _("{what}: 'based_on' goes round in a circle ({ref})").format(
                what=what, ref=str(value).strip()), _("Base each question on an earlier one only."))
            return item
        earlier = follow(found[0], seen + (id(item),))
        n = years_between(ref[0], str(item.get("zittingsjaar")))
        changes = {key: (moved_tables(earlier[key], n) if key == "tables" else earlier[key])
                   for key in INHERITED if key not in item and key in earlier}
        out = _copy(item, **changes)
        for key in changes:  # a problem in what it took is reported where that stands
            out.lines[key] = earlier.line_of(key)
        resolved[id(item)] = out
        return out

    return [follow(item, ()) if isinstance(item, LineDict) else item for item in items]


def _minister_name(item: LineDict) -> str:
    minister = item.get("minister")
    return " ".join(str(minister.get("name", "")).split()).casefold() if isinstance(minister, dict) else ""

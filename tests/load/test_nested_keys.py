"""Every mapping of the register, at every depth, refuses a key it does not have: a misspelt
key inside a table's kinds, a value of its rows or a group is not silently ignored."""

from __future__ import annotations

import copy

import pytest
import yaml

from drafter.load import keys
from drafter.load.register import read_register

#: A register with at least one of every mapping the declaration has (the test below proves it).
REGISTER = """\
locale: nl_BE
deadlines: {internal_days: 5, closing_days: [2020-07-21]}
questions:
  - zittingsjaar: 2019-2020
    number: 4
    askers:
      - {name: A. Lid, party: Partij, title: Vlaams Parlementslid}
    minister: {name: N.N., title: minister}
    committee: {name: De commissie}
    other_ministers:
      - {name: B. Minister, title: minister, number: 7}
    coordinator: 4
    title: Steun
    template: algemeen.docx
    data: {budget: budget.csv, spending: spending.csv}
    subquestions: {1: 'Hoeveel?'}
    tables:
      budget_form:
        data: budget
        rows: line
        columns: kind
        line: {line: clusters, label: Clusters}
        lines:
          - {line: ibn, label: IBN, notes: [a]}
        years: [{year: 2016, label: '2016'}]
        kinds: [{kind: VAK, label: VAK budget, notes: [a]}]
        total: {line: clusters, label: Totaal}
      budget_groups:
        data: budget
        years: 2016-2017
        groups:
          - {label: Clusters, line: clusters, kinds: [{kind: VAK, label: VAK}], notes: [a]}
      general:
        data: spending
        rows: {dimension: line, values: [{value: a1, label: A1, notes: [a], decimals: 1, sum: true}], within: {dimension: group, values: [{value: A, label: Groep A}]}}
        columns: {measures: [{measure: fte, label: Staff, notes: [a], decimals: 1, sum: false}]}
        groups: {dimension: type, values: [{value: x, label: X, columns: [{value: fte, label: F}]}]}
        text_columns: [{column: name, label: Name, notes: [a]}]
        unit: {currency: EUR, scale: million, data_scale: units, kind: money, show: caption, text: m}
        decimals: {default: 1, columns: {fte: 2}, rows: {a1: 0}}
        placeholders: {not_applicable: n.v.t., nil: '-', unknown: '..', empty: ''}
        total: {value: all, label: Totaal, notes: [a], dimension: line, at: below}
        column_total: {computed: true, label: Totaal}
        grand_total: {computed: true, label: Alles}
    answer:
      preamble: Vooraf.
      parts:
        - number: 1
          blocks:
            - text: Zoveel.
"""


def _declared(name: str) -> keys.Shape:
    return keys.SHAPES.get(name) or keys.PARTS[name]


def _reachable() -> set[str]:
    """Every mapping the declaration says a register can hold, from its top down."""
    found, todo = set(), ["register"]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        found.add(name)
        for key in _declared(name).keys:
            todo += [n for n in (key.shape, key.part, key.items) if n in keys.SHAPES or n in keys.PARTS]
    return found


def _mappings(value, name: str, at: tuple = ()):
    """(where, shape) for every mapping of a register's value, following the declaration."""
    yield at, name
    for key in _declared(name).keys:
        if key.name not in value:
            continue
        inner, here = value[key.name], (*at, key.name)
        if key.kind == keys.SHAPE:
            yield from _mappings(inner, key.shape, here)
        elif key.kind == keys.LIST:
            for i, item in enumerate(inner):
                yield from _mappings(item, key.shape, (*here, i))
        elif key.kind == keys.MAP and key.shape in keys.SHAPES:
            for sub, item in inner.items():
                yield from _mappings(item, key.shape, (*here, sub))
        elif isinstance(inner, dict) and key.part:
            yield from _mappings(inner, key.part, here)
        elif isinstance(inner, list) and key.items:
            for i, item in enumerate(inner):
                if isinstance(item, dict):
                    yield from _mappings(item, key.items, (*here, i))


MAPPINGS = list(_mappings(yaml.safe_load(REGISTER), "register"))


def _problems(tmp_path, text: str):
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    return read_register(path)[1]


def test_the_register_above_is_sound_and_holds_every_mapping_of_the_declaration(tmp_path):
    assert _problems(tmp_path, REGISTER) == []
    assert {name for _, name in MAPPINGS} == _reachable()
    assert {"budget_kind", "budget_line", "budget_group", "value", "measure", "unit", "asker"} <= _reachable()


@pytest.mark.parametrize(("at", "name"), MAPPINGS, ids=[".".join(map(str, at)) or "register" for at, _ in MAPPINGS])
def test_every_mapping_refuses_a_misspelt_key_at_its_line(tmp_path, at, name):
    register = yaml.safe_load(REGISTER)
    mapping = register
    for step in at:
        mapping = mapping[step]
    mapping["lable"] = "x"
    text = yaml.safe_dump(register, sort_keys=False, allow_unicode=True, default_flow_style=False)
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.lstrip(" -").startswith("lable:"))
    problems = [p for p in _problems(tmp_path, text) if "unknown key 'lable'" in p.message]
    assert [p.place for p in problems] == [f"line {line}"], (name, text)
    shape = _declared(name)
    hint = problems[0].hint
    assert ("Did you mean 'label'?" in hint) == ("label" in shape.names)
    assert hint.endswith(f"The keys here are: {', '.join(shape.names)}.")

"""The register's editor as other commands call it (set a key, change or replace an entry): the
entry's own lines change, every other line of the register stays byte for byte, comments
inside the entry are kept, and a change it cannot make is a message naming the register."""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest
import yaml

from drafter.errors import DataError
from drafter.load.register import load_register
from drafter.write.register import Which, edit_entry, replace_entry, set_key
from tests.conftest import ROOT

Q4 = Which("2019-2020", 4, "N.N.")


@pytest.fixture
def register(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "questions.yaml"


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """The lines old loses and new gains."""
    lost, gained = [], []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("- "):
            lost.append(line[2:])
        elif line.startswith("+ "):
            gained.append(line[2:])
    return lost, gained


def entry_span(text: str, number: int) -> range:
    """The lines (from 0) of the example register's entry with this number."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("  - zittingsjaar:")]
    first = next(i for i in starts if lines[i + 1] == f"    number: {number}")
    following = [i for i in starts if i > first]
    return range(first, following[0] if following else len(lines))


def test_set_key_adds_a_line_at_the_end_of_the_entry_and_nothing_else(register):
    old = register.read_text(encoding="utf-8")
    line = set_key(register, Q4, "answered", dt.date(2026, 5, 4))
    new = register.read_text(encoding="utf-8")
    assert changed_lines(old, new) == ([], ["    answered: 2026-05-04"])
    span = entry_span(new, 4)
    assert line == span.start + 1
    assert new.splitlines().index("    answered: 2026-05-04") in span  # inside question 4's entry
    assert load_register(register).find(4, "2019-2020").answered == dt.date(2026, 5, 4)


def test_set_key_changes_the_value_on_its_line_and_keeps_its_comment(register):
    old = register.read_text(encoding="utf-8")
    set_key(register, Q4, "asker", "Jan Peeters: lid")
    lost, gained = changed_lines(old, register.read_text(encoding="utf-8"))
    assert lost == ["    asker: N.N.               # the source does not name the member who asked"]
    assert gained == ["    asker: 'Jan Peeters: lid'               # the source does not name the member who asked"]
    assert load_register(register).find(4, "2019-2020").asker == "Jan Peeters: lid"


def test_set_key_twice_with_the_same_value_changes_nothing_the_second_time(register):
    set_key(register, Q4, "answered", dt.date(2026, 5, 4))
    once = register.read_bytes()
    set_key(register, Q4, "answered", dt.date(2026, 5, 4))
    assert register.read_bytes() == once


def test_edit_entry_changes_only_that_entry_and_keeps_its_comments(register):
    old = register.read_text(encoding="utf-8")

    def new_text(entry):
        entry["answer"]["parts"][1]["text"] = "Een nieuwe tekst: met een dubbele punt\ten een tab."

    line = edit_entry(register, Q4, new_text)
    new = register.read_text(encoding="utf-8")
    span = entry_span(old, 4)
    old_lines, new_lines = old.splitlines(), new.splitlines()
    assert new_lines[:span.start] == old_lines[:span.start]  # everything before the entry, and after it
    assert new_lines[len(new_lines) - (len(old_lines) - span.stop):] == old_lines[span.stop:]
    assert line == span.start + 1
    assert "  - zittingsjaar: 2019-2020   # inferred: the answer awaits the final 2019 figures" in new_lines
    q = load_register(register).find(4, "2019-2020")
    assert q.parts[1].blocks[0].text == "Een nieuwe tekst: met een dubbele punt\ten een tab."
    others = [x for x in yaml.safe_load(new)["questions"] if x["number"] != 4]
    assert others == [x for x in yaml.safe_load(old)["questions"] if x["number"] != 4]


def test_replace_entry_sets_and_removes_keys(register):
    old = load_register(register).find(4, "2019-2020")

    def without_preamble(entry):
        return {k: v for k, v in entry.items() if k != "date"} | {"asker": "An De Vos"}

    from drafter.write.register import yaml_writer

    text = register.read_text(encoding="utf-8")
    span = entry_span(text, 4)
    [current] = yaml_writer().load("\n".join(text.splitlines()[span.start:span.stop]) + "\n")
    replace_entry(register, Q4, without_preamble(current))
    new = load_register(register).find(4, "2019-2020")
    assert new.asker == "An De Vos" and new.date is None and old.asker == "N.N."
    [raw_old] = [x for x in yaml.safe_load(text)["questions"] if x["number"] == 4]
    [raw_new] = [x for x in yaml.safe_load(register.read_text(encoding="utf-8"))["questions"] if x["number"] == 4]
    assert raw_new == {k: v for k, v in raw_old.items() if k != "date"} | {"asker": "An De Vos"}
    assert "    date: null" not in "\n".join(register.read_text(encoding="utf-8").splitlines()[span.start:span.stop])


def test_an_entry_that_is_not_there(register):
    before = register.read_bytes()
    with pytest.raises(DataError) as caught:
        set_key(register, Which("2019-2020", 99), "answered", dt.date(2026, 5, 4))
    [problem] = caught.value.problems
    assert problem.file.endswith("questions.yaml")
    assert problem.message == "there is no question 99 (2019-2020) in the register"
    assert register.read_bytes() == before


def test_a_number_for_several_ministers_needs_the_minister(register):
    text = register.read_text(encoding="utf-8")
    span = entry_span(text, 4)
    lines = text.splitlines(keepends=True)
    copy = "".join(lines[span.start:span.stop]).replace("      name: N.N.\n", "      name: Jo Brouns\n", 1)
    register.write_text(text + copy, encoding="utf-8")
    before = register.read_bytes()
    with pytest.raises(DataError) as caught:
        set_key(register, Which("2019-2020", 4), "answered", dt.date(2026, 5, 4))
    assert caught.value.problems[0].message.startswith("question 4 (2019-2020) is in the register for several "
                                                       "ministers (lines 10, ")
    assert register.read_bytes() == before
    set_key(register, Which("2019-2020", 4, "jo  brouns"), "answered", dt.date(2026, 5, 4))
    answered = {q.minister.name: q.answered for q in load_register(register).questions if q.number == 4}
    assert answered == {"N.N.": None, "Jo Brouns": dt.date(2026, 5, 4)}


def test_set_key_on_another_minister_s_copy_goes_into_its_item_of_other_ministers(tmp_path):
    """A question put to several ministers: copy 87 is the item of `other_ministers:`, so its key
    goes there (below its number, in the item's indent), and the entry's own keys stay as they were."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    register = tmp_path / "data" / "several-ministers.yaml"
    old = register.read_text(encoding="utf-8")
    line = set_key(register, Which("2019-2020", 87, "N.N."), "answered", dt.date(2024, 3, 1),
                   after=("answered", "date", "number"))
    new = register.read_text(encoding="utf-8")
    assert changed_lines(old, new) == ([], ["        answered: 2024-03-01"])
    lines = new.splitlines()
    below = lines.index("        answered: 2024-03-01")
    assert lines[below - 1] == "        number: 87"
    assert lines[line - 1] == "  - zittingsjaar: 2019-2020"
    answered = {q.number: q.answered for q in load_register(register).questions}
    assert answered == {11: None, 312: None, 87: dt.date(2024, 3, 1)}

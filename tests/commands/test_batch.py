"""batch's pure parts: question numbers and ranges, the selection, the plan of a run."""

from __future__ import annotations

import dataclasses

import pytest

from drafter.commands.batch import Numbers, Selection, parse_numbers, plan
from drafter.errors import DrafterError
from drafter.load.register import load_register
from drafter.write.output import Status


def test_numbers_and_ranges():
    numbers = parse_numbers("4, 7-9")
    assert [n for n in range(1, 12) if n in numbers] == [4, 7, 8, 9]
    assert str(numbers) == "4,7-9" and numbers
    assert str(parse_numbers(" 12 - 12 ")) == "12"
    assert not Numbers()


def test_a_huge_range_is_not_spelt_out():
    numbers = parse_numbers("1-1000000000")
    assert 999_999_999 in numbers and 1_000_000_001 not in numbers
    assert numbers.unmatched({4}) == []
    assert numbers.unmatched(set()) == ["1-1000000000"]


def test_the_numbers_asked_for_and_not_found():
    """A single number the register lacks is not found; a range is, when the register has any number within it."""
    assert parse_numbers("4,7-9").unmatched({4, 8}) == []
    assert parse_numbers("4,7-9").unmatched({8}) == ["4"]
    assert parse_numbers("4,7-9,12").unmatched({4}) == ["7-9", "12"]


@pytest.mark.parametrize("text, piece", [("4,x", "x"), ("9-7", "9-7"), ("", ""), ("4,,5", ""), ("-3", "-3"),
                                         ("1.5", "1.5")])
def test_what_is_not_a_number_or_a_range_says_how_to_write_it(text, piece):
    with pytest.raises(DrafterError) as caught:
        parse_numbers(text, "--numbers")
    (problem,) = caught.value.problems
    assert problem.message == f"--numbers {text!r}: {piece!r} is not a number or a range of numbers"
    assert problem.hint == "Write numbers and ranges separated by commas, e.g. --numbers 4,7-9."


def test_a_selection_matches_what_it_names_and_what_the_register_does_not_say():
    chosen = Selection(years=frozenset({"2019-2020"}), numbers=parse_numbers("4-5"),
                       templates=frozenset({"bedrijfsclusters.docx"}), ministers=frozenset({"Jo Brouns"}))
    assert chosen.matches("2019-2020", 4, "bedrijfsclusters.docx", "Jo Brouns")
    assert not chosen.matches("2020-2021", 4, "bedrijfsclusters.docx", "Jo Brouns")
    assert not chosen.matches("2019-2020", 6, "bedrijfsclusters.docx", "Jo Brouns")
    assert not chosen.matches("2019-2020", 4, "algemeen.docx", "Jo Brouns")
    assert not chosen.matches("2019-2020", 4, "bedrijfsclusters.docx", "Hilde Crevits")
    assert chosen.matches(None, None, None, None)  # a broken question is selected, so its problem is shown
    assert Selection().matches("2020-2021", 99, "x.docx", "y")


def test_a_selection_describes_itself():
    assert Selection().describe() == "all questions"
    chosen = Selection(years=frozenset({"2020-2021", "2019-2020"}), numbers=parse_numbers("4,7-9"),
                       ministers=frozenset({"Jo Brouns"}))
    assert chosen.describe() == "zittingsjaar 2019-2020, 2020-2021; numbers 4,7-9; minister Jo Brouns"
    assert chosen.as_dict() == {"years": ["2019-2020", "2020-2021"], "numbers": "4,7-9", "templates": [],
                                "ministers": ["Jo Brouns"]}
    assert "ministers" not in Selection().as_dict()


def _register(project):
    return load_register(project / "data" / "questions.yaml", lenient=True)


def test_a_plan_holds_the_selected_questions_in_the_register_s_order(project):
    reg = _register(project)
    everything = plan(reg, Selection())
    assert everything.questions == reg.questions and everything.failed == () and everything.warnings == ()
    assert everything.total == len(reg.questions)
    assert plan(reg, Selection(numbers=parse_numbers("5,4"))).questions == (reg.find(4), reg.find(5))


def test_a_plan_with_a_number_the_register_does_not_have_is_an_error(project):
    """A mistyped number stops the run before anything is made, rather than the others made without it."""
    with pytest.raises(DrafterError) as caught:
        plan(_register(project), Selection(numbers=parse_numbers("4,77")))
    (problem,) = caught.value.problems
    assert problem.message == "the register has no question 77; nothing was written"
    assert problem.file == "data/questions.yaml" and "--question" in problem.hint
    with pytest.raises(DrafterError) as caught:
        plan(_register(project), Selection(years=frozenset({"2019-2020"}), numbers=parse_numbers("4,77,1028")))
    assert caught.value.problems[0].message == ("the register has no questions 77, 1028 in zittingsjaar 2019-2020; "
                                                "nothing was written")
    assert plan(_register(project), Selection(numbers=parse_numbers("4-9"))).warnings == ()  # 9 is within a range


def test_a_plan_of_nothing_is_an_error_that_lists_the_register(project):
    with pytest.raises(DrafterError) as caught:
        plan(_register(project), Selection(numbers=parse_numbers("77")))
    (problem,) = caught.value.problems
    assert problem.message.startswith("no question in the register matches numbers 77; the register has: 4 (")
    assert problem.hint == "Check --question, --year, --minister and --template."


def test_two_questions_for_one_file_the_second_fails(project):
    reg = _register(project)
    first = reg.find(4)
    twin = dataclasses.replace(reg.find(5), title=first.title, number=first.number, line=99)
    planned = plan(dataclasses.replace(reg, questions=(first, twin)), Selection())
    assert planned.questions == (first,)
    (failed,) = planned.failed
    assert failed.status == Status.FAILED and failed.number == first.number
    assert failed.problems[0].message.startswith(f"{twin.label} would be written to the same file as {first.label}")
    assert failed.problems[0].place == "line 99"

"""check's look at a text of the register or the notes before anything is rendered."""

from __future__ import annotations

from drafter.commands.check import text_problems


def test_a_text_without_tags_or_with_sound_tags_has_no_problem():
    assert text_problems("Circa 45% van de steun.", "data/questions.yaml", "line 4", "preamble") == []
    assert text_problems("{{ question.number }} en {{ 1000 | mln(1) }}", "data/questions.yaml", "line 4",
                         "preamble") == []


def test_a_broken_tag_or_an_unknown_filter_is_a_problem_at_the_text_s_place():
    (problem,) = text_problems("Zie {{ tabel.totaal ", "data/questions.yaml", "line 40", "answer part 2")
    assert (problem.file, problem.place, problem.severity) == ("data/questions.yaml", "line 40", "error")
    assert problem.message.startswith("answer part 2: ")
    assert problem.hint.startswith("Check the {{ ... }} tags in this text")
    (unknown,) = text_problems("{{ 5 | miljoen }}", "data/notes.yaml", "line 3", "note 'x'")
    assert unknown.message == "note 'x': No filter named 'miljoen'."

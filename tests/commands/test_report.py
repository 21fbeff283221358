"""How problems are told: one line each for people, one JSON document for tools."""

from __future__ import annotations

import io
import json

from drafter.commands.report import format_problem, print_problems, problems_json, summary_line
from drafter.errors import WARNING, Problem

ERROR_PROBLEM = Problem("unknown key 'titel'", file="data/questions.yaml", place="line 12", hint="Write title.")
WARNING_PROBLEM = Problem("the splits do not add up", file="data/budget.csv", place="row 6", severity=WARNING)


def test_a_problem_in_one_line():
    assert format_problem(ERROR_PROBLEM) == "error: data/questions.yaml, line 12: unknown key 'titel'. Write title."
    stream = io.StringIO()
    print_problems([ERROR_PROBLEM, WARNING_PROBLEM], stream)
    assert stream.getvalue().splitlines() == [format_problem(ERROR_PROBLEM),
                                              "warning: data/budget.csv, row 6: the splits do not add up"]


def test_problems_as_json():
    out = json.loads(problems_json([ERROR_PROBLEM, WARNING_PROBLEM], {"questions": 1}))
    assert out == {"errors": 1, "warnings": 1, "checked": {"questions": 1}, "problems": [
        {"severity": "error", "file": "data/questions.yaml", "place": "line 12", "message": "unknown key 'titel'",
         "hint": "Write title."},
        {"severity": "warning", "file": "data/budget.csv", "place": "row 6", "message": "the splits do not add up",
         "hint": None}]}
    assert "checked" not in json.loads(problems_json([]))


def test_check_s_summary_line():
    checked = {"questions": 1, "data_files": 3, "templates": 2}
    assert summary_line([], checked) == "no problems in 1 question, 3 data files, 2 templates"
    assert summary_line([ERROR_PROBLEM, WARNING_PROBLEM, WARNING_PROBLEM], checked) == \
        "1 error, 2 warnings in 1 question, 3 data files, 2 templates"

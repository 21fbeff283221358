"""One way to report problems, for every command: text for people, JSON for tools."""

from __future__ import annotations

import json
import sys

from .errors import ERROR, Problem


def format_problem(problem: Problem) -> str:
    return f"{problem.severity}: {problem}"


def print_problems(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(format_problem(problem), file=stream)


def problems_json(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if p.severity == ERROR)
    return json.dumps(
        {"errors": errors, "warnings": len(problems) - errors, "problems": [p.as_dict() for p in problems]},
        ensure_ascii=False,
        indent=2,
    )

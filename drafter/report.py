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


def problems_json(problems: list[Problem], checked: dict | None = None) -> str:
    errors = sum(1 for p in problems if p.severity == ERROR)
    out = {"errors": errors, "warnings": len(problems) - errors}
    if checked is not None:
        out["checked"] = checked
    out["problems"] = [p.as_dict() for p in problems]
    return json.dumps(out, ensure_ascii=False, indent=2)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(problems: list[Problem], checked: dict) -> str:
    """'2 errors, 1 warning in 1 question, 3 data files, 1 template'."""
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    found = "no problems" if not problems else f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    scope = ", ".join(_count(checked[k], w) for k, w in
                      (("questions", "question"), ("data_files", "data file"), ("templates", "template")))
    return f"{found} in {scope}"

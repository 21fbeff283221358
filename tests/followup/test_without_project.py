"""status with --register and --output but no project: the templates are needed only to
check an answer without gaps (is it ready?); when they cannot be found, status says so and
what to give, instead of calling such an answer a draft."""

from __future__ import annotations

import json

import docx

from tests.followup.helpers import TODAY, drafter, keep_questions, set_date, snapshot


def _status(project, *more: str):
    return drafter("status", "--format", "json", "--today", TODAY, "--register", str(project / "data" / "questions.yaml"),
                   "--output", str(project / "out"), *more)


def _states(result) -> dict[int, tuple[str, int | None]]:
    return {r["number"]: (r["state"], r["gaps"]) for r in json.loads(result.stdout)["questions"]}


def test_status_without_a_project(project):
    assert not (project / "drafter.toml").exists()
    keep_questions(project, {5, 6})
    set_date(project, 5, "2024-03-01")
    made = drafter("answer", "-q", "5", "--register", "data/questions.yaml", "--templates", "answer_templates",
                   "--output", "out")
    assert made.exit_code == 0, made.output
    # the draft still shows gaps: no check is needed, so no templates either
    result = _status(project)
    assert result.exit_code == 0, result.output
    assert _states(result) == {5: ("draft", 3), 6: ("no draft", None)}

    (answer,) = (project / "out").glob("antwoord-2019-2020-vraag-5-*.docx")
    document = docx.Document(str(answer))  # a person fills in every placeholder in Word
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("N.N.", "Jo Brouns")
    document.save(str(answer))
    before = snapshot(project)
    refused = _status(project)
    assert refused.exit_code == 1 and "Traceback" not in refused.output
    assert refused.stdout == ""
    assert refused.stderr == (
        "error: data/questions.yaml: 1 answer has no gap left; whether it is ready, check tells against its "
        "template, and the templates cannot be found: the register is in no drafter project. Give the templates' "
        "folder with --templates, or the project with --project.\n")
    assert snapshot(project) == before
    given = _status(project, "--templates", str(project / "answer_templates"))
    assert given.exit_code == 0, given.output
    assert _states(given) == {5: ("ready", 0), 6: ("no draft", None)}

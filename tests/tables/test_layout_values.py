"""A layout that prints a value the register does not give names the value and the key to add."""

from __future__ import annotations

import re

from ..conftest import assert_refused, copy_project, run_cli


def test_the_chamber_layout_names_the_language_a_question_was_put_in(tmp_path):
    project = copy_project(tmp_path)
    register = project / "data" / "published.yaml"
    register.write_text(re.sub(r"(\n    template: )\S+", r"\g<1>kamer.docx", register.read_text(encoding="utf-8")),
                        encoding="utf-8")
    before = register.read_bytes()
    result = run_cli("answer", "--question", "155240", "--register", str(register),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert_refused(result, project, "kamer.docx", "paragraph",
                   "the register does not say in which language the question was put (asked_in)",
                   "Add 'asked_in: nl' (or fr, de) to the question in the register.")
    assert "None" not in result.stderr and register.read_bytes() == before

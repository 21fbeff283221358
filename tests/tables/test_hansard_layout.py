"""The Hansard written-answer layout (hansard.docx) answers every example question of the
English register: the title as a heading of its own, the member, the question with its number
in brackets, the minister, then the answer with its tables; valid and rendered."""

from __future__ import annotations

import re

import docx
import yaml
from docx.oxml.ns import qn

from drafter.oxml.paragraph import text_of

from ..conftest import copy_project, pdf_text, render_pdfs, run_cli, validate_docx


def test_every_english_example_question_in_the_hansard_layout(tmp_path):
    project = copy_project(tmp_path / "project")
    register = project / "data" / "published.yaml"
    register.write_text(re.sub(r"(\n    template: )\S+", r"\g<1>hansard.docx", register.read_text(encoding="utf-8")),
                        encoding="utf-8")
    questions = yaml.safe_load(register.read_text(encoding="utf-8"))["questions"]
    made = []
    for q in questions:
        out = tmp_path / f"out{q['number']}"
        result = run_cli("answer", "--question", str(q["number"]), "--register", str(register),
                         "--templates", str(project / "answer_templates"), "--output", str(out))
        assert result.exit_code == 0, result.output
        path = next(out.glob("*.docx"))
        made.append(path)
        texts = [" ".join(text_of(p).split()) for p in docx.Document(str(path)).element.body.iterchildren(qn("w:p"))
                 if text_of(p).strip()]
        asked = [" ".join(t.split()) for t in q["subquestions"].values()]
        assert texts[:2] == [q["title"], q["asker"]]
        assert texts[2:2 + len(asked)] == asked[:-1] + [f"{asked[-1]} [{q['number']}]"]
        assert texts[2 + len(asked)] == q["minister"]["name"]
        assert "ANSWER" not in texts and "1." not in texts  # no Flemish header, no number of a single answer
        validate_docx(path)
    render_pdfs(made, tmp_path)
    for path, q in zip(made, questions):
        assert q["title"] in pdf_text(tmp_path / (path.stem + ".pdf"))

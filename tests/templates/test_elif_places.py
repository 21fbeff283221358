"""A template error in an {%p elif %} paragraph, or in the branch under it, is placed at that
paragraph of the template (not the one before it)."""

from __future__ import annotations

import docx
import pytest

from ..conftest import assert_refused, copy_project, run_cli

ELIF = '{%p elif block.kind == "text" and not part.numbered %}'


@pytest.mark.parametrize("offset, new, message", [
    (0, "{%p elif block.kind.nosuch() %}", "has no attribute 'nosuch'"),   # the elif's own condition
    (1, "{{ block.text.nosuch() }}", "'str' has no attribute 'nosuch'"),   # the first paragraph of its branch
])
def test_an_error_in_an_elif_branch_is_placed_at_its_paragraph(tmp_path, offset, new, message):
    project = copy_project(tmp_path)
    path = project / "answer_templates" / "algemeen.docx"
    document = docx.Document(str(path))
    at = next(i for i, p in enumerate(document.paragraphs) if p.text == ELIF) + offset
    paragraph = document.paragraphs[at]
    paragraph.runs[0].text = new
    for run in paragraph.runs[1:]:
        run.text = ""
    document.save(str(path))
    result = run_cli("answer", "--question", "14959", "--register", str(project / "data" / "published.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert_refused(result, project, f"algemeen.docx, paragraph {at + 1} ('{new}')", message)

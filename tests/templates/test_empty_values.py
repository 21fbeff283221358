"""A tag whose value is empty for a question is an error that names the tag and the template's
paragraph, so a person knows what to fill in (the register's key, or a test in the template)."""

from __future__ import annotations

import docx

from ..conftest import assert_refused, copy_project, run_in


def test_an_empty_value_names_the_tag_and_the_paragraph(tmp_path):
    project = copy_project(tmp_path)
    path = project / "answer_templates" / "bedrijfsclusters.docx"
    document = docx.Document(str(path))
    paragraph = document.paragraphs[1]  # the minister's title
    paragraph.runs[0].text = "{{ question.askers[0].party }}"  # question 4's asker has no party
    for run in paragraph.runs[1:]:
        run.text = ""
    document.save(str(path))
    result = run_in(project, "answer", "--question", "4")
    assert_refused(result, project, "bedrijfsclusters.docx, paragraph 2 ('{{ question.askers[0].party }}')",
                   "the template prints {{ question.askers[0].party }}, which is empty for this question",
                   "test for it in the template with {% if ... %}")

"""What counts as an edit, and which files drafter may replace."""

from __future__ import annotations

import zipfile

from .conftest import files_in, run_cli, run_in


def rewrite_part(path, name, change):
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_an_edit_in_a_footnote_only_is_an_edit(project):
    assert run_in(project, "answer", "-q", "8").exit_code == 0
    (answer,) = (project / "out").glob("*.docx")
    rewrite_part(answer, "word/footnotes.xml", lambda x: x.replace("pagina 9.".encode(), "pagina 9 en 10.".encode()))
    edited = answer.read_bytes()
    result = run_in(project, "answer", "-q", "8")
    assert result.exit_code == 0, result.output
    assert "was edited since drafter made it and was left alone" in result.stdout
    assert answer.read_bytes() == edited
    assert len(files_in(project / "out")) == 2


def test_an_unedited_answer_is_replaced_when_the_data_change(project):
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    csv = project / "data" / "budget.csv"
    csv.write_text(csv.read_text().replace("45800000", "45900000"))
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0 and "replaced the earlier, unedited draft" in result.stdout
    assert len(files_in(project / "out")) == 1


def test_the_answer_to_another_question_is_not_replaced(project):
    target = project / "out" / "antwoord.docx"
    common = ["--register", str(project / "data" / "questions.yaml"), "--templates", str(project / "answer_templates"),
              "--output", str(target)]
    assert run_cli("answer", "-q", "5", *common).exit_code == 0
    first = target.read_bytes()
    result = run_cli("answer", "-q", "4", *common)
    assert result.exit_code == 1
    assert "holds drafter's answer to another question, not to 2019-2020/4" in result.stderr
    assert target.read_bytes() == first

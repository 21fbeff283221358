"""A committee's list of questions and answers (Tweede Kamer, Lijst van vragen en antwoorden):
Kamerstuk 36 100, nr. 4 drafted from data/committee-lists.yaml with lijst-van-vragen.docx,
compared paragraph by paragraph with the published text kept beside this file."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.word import styles

from ..conftest import assert_refused, copy_project, pdf_text, render_pdf, run_cli, validate_docx

PUBLISHED = Path(__file__).parent / "tweede-kamer-lijst-36100-4.txt"


def published() -> list[str]:
    lines = PUBLISHED.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def _answer(project: Path):
    return run_cli("answer", "--question", "4", "--register", str(project / "data" / "committee-lists.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"))


def _draft(project: Path) -> Path:
    result = _answer(project)
    assert result.exit_code == 0, result.output
    (made,) = (project / "out").glob("*.docx")
    return made


@pytest.fixture(scope="module")
def committee_list(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("list"))
    return _draft(project)


def test_the_list_is_the_published_text(committee_list):
    assert committee_list.name == "lijst-2021-2022-4-financieel-jaarverslag-van-het-rijk-2021.docx"
    got = [(p.style.name, p.text) for p in docx.Document(str(committee_list)).paragraphs]
    # the stored copy stops at question 2: its answer is the register's gap, to be written
    assert [text for _, text in got] == published() + ["[antwoord nog te schrijven]"]
    assert [style for style, _ in got] == [
        styles.ANSWER_REFERENCE, styles.ANSWER_TITLE, *[styles.ANSWER_TEXT] * 5,
        styles.QUESTION_HEADING, styles.QUESTION_TEXT, styles.ANSWER_TEXT, styles.ANSWER_TEXT,
        styles.QUESTION_HEADING, styles.QUESTION_TEXT, styles.ANSWER_TEXT,
    ]
    validate_docx(committee_list)


def test_the_list_renders_in_libreoffice(committee_list, tmp_path):
    text = " ".join(pdf_text(render_pdf(committee_list, tmp_path)).split())
    assert "Nr. 4 LIJST VAN VRAGEN EN ANTWOORDEN Vastgesteld 9 juni 2022" in text
    assert "Vraag 1 Waarom neemt de Algemene Rekenkamer" in text


def test_the_list_says_which_committee_key_it_needs(tmp_path):
    project = copy_project(tmp_path)
    register = project / "data" / "committee-lists.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("      chair: Sneller\n", ""), encoding="utf-8")
    result = _answer(project)
    assert_refused(result, project, "lijst-van-vragen.docx, paragraph 6 ('{{ question.header.list_chair }}')",
                   "this layout prints the committee's chair, which the register does not give",
                   "Add 'chair: Sneller' under the question's 'committee:' in the register.")


def test_a_committee_key_the_register_does_not_know_is_refused_at_its_line(tmp_path):
    project = copy_project(tmp_path)
    register = project / "data" / "committee-lists.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("      clerk: Schukkink\n", "      griffier: Schukkink\n"), encoding="utf-8")
    line = text[:text.index("      clerk: Schukkink")].count("\n") + 1
    result = _answer(project)
    assert_refused(result, project, f"committee-lists.yaml, line {line}", "griffier")

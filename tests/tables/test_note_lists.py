"""The notes under a table are labelled as the house style says, apart from how they are called:
the published plain '1 text' list under raised calls, or '(1)', or a raised 1."""

from __future__ import annotations

import docx
import pytest

from drafter.word import styles

from ..conftest import copy_project, run_cli, validate_docx


def drafted(tmp_path, note_list: str | None):
    project = copy_project(tmp_path)
    register = project / "data" / "published.yaml"
    text = register.read_text(encoding="utf-8")
    if note_list is not None:
        text = text.replace("note_style: superscript ", f"note_list: {note_list}\nnote_style: superscript ", 1)
    register.write_text(text, encoding="utf-8")
    result = run_cli("answer", "--question", "22539", "--register", str(register),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    path = next((project / "out").glob("*.docx"))
    validate_docx(path)
    document = docx.Document(str(path))
    calls = [r.text for c in document.tables[0]._cells for p in c.paragraphs for r in p.runs
             if r.style is not None and r.style.name == styles.NOTE_REFERENCE]
    notes = [p for p in document.paragraphs if p.style.name == styles.TABLE_NOTE]
    raised_labels = [any(r.style is not None and r.style.name == styles.NOTE_REFERENCE for r in p.runs) for p in notes]
    return calls, [p.text for p in notes], raised_labels


@pytest.mark.parametrize("note_list, first, raised", [
    (None, "1\tAdjusted for classification changes.", True),  # as called: a raised 1
    ("plain", "1\tAdjusted for classification changes.", False),
    ("parentheses", "(1)\tAdjusted for classification changes.", False),
])
def test_the_list_under_the_table_is_labelled_apart_from_the_calls(tmp_path, note_list, first, raised):
    calls, notes, raised_labels = drafted(tmp_path, note_list)
    assert calls == ["1", "2"]  # the calls stay raised
    assert notes[0] == first and raised_labels == [raised, raised]

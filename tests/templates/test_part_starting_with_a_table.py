"""An answer part that starts with a table: its number stands before the table's caption on
one line ("2.<tab>Clustersteun 2016 (VAK) (bedragen in miljoen euro)"), in the style of the
other parts' numbers, never alone on a line above it; a table without a caption keeps the
number on a line of its own, as a list does."""

from __future__ import annotations

import docx
import pytest

from drafter.word import styles

from ..conftest import copy_project, render_pdf, run_in, validate_docx
from ..test_layouts import edit_register


def _answer(tmp_path, template: str, blocks: list, numbering: str = "auto", caption: bool = True) -> docx.Document:
    project = copy_project(tmp_path)

    def change(questions):
        q = questions[5]
        q["tables"]["bedrijfssteun"]["show_unit"] = caption  # its only caption is its unit
        q.update(template=template, numbering=numbering, asked_in="nl")
        q["answer"]["parts"][0]["blocks"] = blocks

    edit_register(project, change)
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 0, result.output
    (made,) = (project / "out").glob("*.docx")
    validate_docx(made)
    return made


def _body(path):
    """The body's paragraphs and tables in order: (style, text) or ('table', first row's texts)."""
    d = docx.Document(str(path))
    out = []
    for element in d.element.body.iterchildren():
        if element.tag.endswith("}p"):
            p = docx.text.paragraph.Paragraph(element, d)
            out.append((p.style.name, p.text))
        elif element.tag.endswith("}tbl"):
            out.append(("table", [c.text for c in docx.table.Table(element, d).rows[0].cells]))
    return out


@pytest.mark.parametrize("template", ["algemeen.docx", "kamer.docx", "hansard.docx"])
def test_the_number_stands_on_the_captions_line(tmp_path, template):
    made = _answer(tmp_path, template, [{"table": "opsplitsing"}, {"text": "Zo was het verdeeld."}])
    body = _body(made)
    at = next(i for i, (style, text) in enumerate(body) if text == "1.\tClustersteun 2016 (VAK) (bedragen in miljoen euro)")
    assert body[at][0] == styles.ANSWER_NUMBER
    assert body[at + 1] == ("table", ["", "VAK"])
    assert ("Answer Number", "1.") not in body and (styles.TABLE_CAPTION, "Clustersteun 2016 (VAK) (bedragen in miljoen euro)") not in body
    assert (styles.ANSWER_CONTINUATION, "Zo was het verdeeld.") in body


def test_a_table_without_caption_keeps_the_number_on_its_own_line(tmp_path):
    made = _answer(tmp_path, "algemeen.docx", [{"table": "bedrijfssteun"}], caption=False)
    body = _body(made)
    at = body.index((styles.ANSWER_NUMBER, "1."))
    assert body[at + 1][0] == "table"
    assert body.count((styles.ANSWER_NUMBER, "1.")) == 1


def test_a_single_unnumbered_part_starting_with_a_table_keeps_its_caption(tmp_path):
    made = _answer(tmp_path, "algemeen.docx", [{"table": "opsplitsing"}], numbering="never")
    body = _body(made)
    assert (styles.TABLE_CAPTION, "Clustersteun 2016 (VAK) (bedragen in miljoen euro)") in body
    assert not any(text.startswith("1.") for _, text in body if isinstance(text, str))


def test_the_numbered_caption_renders(tmp_path):
    made = _answer(tmp_path, "algemeen.docx", [{"table": "opsplitsing"}])
    from ..conftest import pdf_text
    text = " ".join(pdf_text(render_pdf(made, tmp_path)).split())
    assert "1. Clustersteun 2016 (VAK) (bedragen in miljoen euro)" in text


def _cell_styles(path) -> list[list[str]]:
    """The style of each cell's paragraphs, row by row, of the answer's first table."""
    table = docx.Document(str(path)).tables[0]
    return [[p.style.name for c in row.cells for p in c.paragraphs] for row in table.rows]


@pytest.mark.parametrize("template", ["algemeen.docx", "kamer.docx"])
def test_the_tables_own_cells_keep_their_styles(tmp_path, template):
    """Only the caption's line takes the part number's style: a figure's cell stays a table's
    number (right-aligned, the table's size), a label a table's text."""
    numbered = _cell_styles(_answer(tmp_path / "numbered", template, [{"table": "opsplitsing"}]))
    plain = _cell_styles(_answer(tmp_path / "plain", template, [{"text": "Zo:"}, {"table": "opsplitsing"}]))
    assert numbered == plain
    body = [style for row in numbered[1:] for style in row]
    assert styles.TABLE_NUMBER in body and styles.ANSWER_NUMBER not in body

"""Six answers from real published written answers (House of Commons, Hansard), each drafted
with the general template and one {{p table() }}: every caption, header cell, label, figure,
note call and note text is compared with the published text kept in tests/published/."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.oxml.paragraph import style_of, text_of
from drafter.word import styles

from .conftest import copy_project, pdf_text, render_pdfs, run_cli, validate_docx

PUBLISHED = Path(__file__).parent / "published"

#: question number in data/published.yaml -> (kept text, first and last words of the table in it)
EXAMPLES = {
    22539: ("cash-planning-1998.txt", "Year ahead control aggregates", "as published in the Pre-Budget Report."),
    14959: ("unallocated-provision-2002.txt", "2001–02 departmental unallocated provision", "revenue expenditure only."),
    416: ("overseas-aid-1989.txt", "Year Current prices", "1988 1,540 798"),
    741: ("receipts-1988.txt", "Receipts which offset programme expenditure1", "(Cm. 288)."),
    157: ("information-services-1980.txt", "Salaries Expenses", "1979–80 £348,000 £21,000"),
    1: ("employment-costs-1993.txt", "1991·92 £ million", "817·6 |"),
}


def normalized(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\t", " ").split())


def published_table(number: int) -> str:
    """The table as the kept text prints it, cell after cell."""
    name, first, last = EXAMPLES[number]
    text = (PUBLISHED / name).read_text(encoding="utf-8")
    start = text.index(first)
    segment = text[start:text.index(last, start) + len(last)]
    if number == 1:  # the page's own typography: two halves under one header, a raised decimal point
        segment = segment.replace("1991·92", "1991–92").replace("·", ".").replace("|", " ")
        header = "1991–92 £ million"
        segment = segment[:segment.index(header) + len(header)] + segment[segment.index(header) + len(header):].replace(header, "")
    return normalized(segment)


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("published"))
    made = {}
    for number in EXAMPLES:
        result = run_cli("answer", "--question", str(number), "--register", str(project / "data" / "published.yaml"),
                         "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
        assert result.exit_code == 0, result.output
        made[number] = next((project / "out").glob(f"antwoord-*-vraag-{number}-*.docx"))
    return made


def drafted_table(path: Path) -> str:
    """The caption, every cell of the table (a merged cell once), the notes and remarks under it."""
    document = docx.Document(str(path))
    body = document.element.body
    tbl = body.find(qn("w:tbl"))
    parts = []
    caption = tbl.getprevious()
    if caption is not None and document.styles.element.xpath(
            f"w:style[@w:styleId='{caption.find(qn('w:pPr')).find(qn('w:pStyle')).get(qn('w:val'))}']/w:name/@w:val"
    ) == [styles.TABLE_CAPTION]:
        parts.append(text_of(caption))
    for tr in tbl.findall(qn("w:tr")):
        for tc in tr.findall(qn("w:tc")):
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            if merge is not None and merge.get(qn("w:val")) != "restart":
                continue  # the lower part of a cell merged down: its text is the upper part's
            parts.append(text_of(tc))
    following = tbl.getnext()
    note_id = document.styles[styles.TABLE_NOTE].style_id
    while following is not None and style_of(following) == note_id:
        parts.append(text_of(following))
        following = following.getnext()
    return normalized(" ".join(p for p in parts if p))


@pytest.mark.parametrize("number", list(EXAMPLES))
def test_every_cell_label_note_and_caption_as_published(answers, number):
    assert drafted_table(answers[number]) == published_table(number)


@pytest.mark.parametrize("number", list(EXAMPLES))
def test_valid_office_open_xml(answers, number):
    validate_docx(answers[number])


def test_note_calls_are_raised_and_notes_follow_reading_order(answers):
    document = docx.Document(str(answers[14959]))
    raised = [r.text for p in document.paragraphs + [p for c in document.tables[0]._cells for p in c.paragraphs]
              for r in p.runs if r.style is not None and r.style.name == styles.NOTE_REFERENCE]
    assert raised[:2] == ["1", "2"]  # the column header's note first, then the row label's
    notes = [p.text for p in document.paragraphs if p.style.name == styles.TABLE_NOTE]
    assert notes[0].startswith("1\tThis is the forecast outturn") and notes[1].startswith("2\tThis is the total")


def test_a_table_of_ten_columns_fits_the_text_width(answers):
    document = docx.Document(str(answers[741]))
    tbl = document.tables[0]._tbl
    widths = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / 635  # EMU -> twips
    assert len(widths) == 10 and sum(widths) <= text_width
    sizes = {r.get(qn("w:val")) for r in tbl.iter(qn("w:sz"))}
    assert sizes and all(int(s) < 22 for s in sizes)  # the type stepped down from the normal 11 pt


def test_all_render_in_libreoffice(answers, tmp_path):
    render_pdfs(answers.values(), tmp_path)
    for number, path in answers.items():
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists(), f"question {number} did not render"
        text = normalized(pdf_text(pdf))
        assert {22539: "1990–91 New Planning Total 179.0 1.0", 14959: "Total 432,750 2,750",
                416: "1981 1,062 798", 741: "Property Services Agency 74 639 664 679 659 636 610 663 690",
                157: "1976–77 £316,000 £20,000", 1: "Cabinet Office etc. 3.1"}[number] in text
        assert re.search(r"\bANSWER\b", text)

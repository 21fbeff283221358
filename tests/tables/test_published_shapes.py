"""Two more real published answers (House of Commons written answers, Hansard), each drafted with
a stock template (the general one; the Hansard layout) and one {{p table() }}: a table with three header rows (its unit on a row
of its own over the whole table, a row of column groups, a row of columns) and a table of text
columns only (dates and names). Every row of the table, every paragraph of the answer and every
note under the table is compared with the published text kept in tests/published/."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from drafter.oxml.paragraph import text_of

from ..conftest import copy_project, pdf_text, render_pdfs, run_cli, validate_docx

PUBLISHED = Path(__file__).parent.parent / "published"

#: question number in data/published.yaml -> the kept text
EXAMPLES = {583: "health-boards-scotland-1991.txt", 155240: "ministerial-meetings-2001.txt"}


def kept(number: int) -> list[str]:
    """The kept text's body: its lines without the research header and the features line."""
    lines = (PUBLISHED / EXAMPLES[number]).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def published_table(number: int) -> list[list[str]]:
    """The table's rows as the kept text prints them: each row's cells that hold a text, left to right.
    In the Health Boards answer the unit line ('£'000s') just above the table is its first row."""
    lines = kept(number)
    start = next(i for i, line in enumerate(lines) if " | " in line)
    if number == 583:
        start -= 1  # the unit's own line
    end = next(i for i in range(start + 1, len(lines) + 1) if i == len(lines) or not lines[i].strip())
    return [[c.strip() for c in line.split("|") if c.strip()] for line in lines[start:end]]


def drafted_table(path: Path) -> list[list[str]]:
    """The drafted table's rows: each row's cells that hold a text, left to right. A header merged
    down over several rows shows its text at the bottom (vAlign bottom): it is counted on the lowest
    row it covers, as it is seen."""
    tbl = docx.Document(str(path)).element.body.find(qn("w:tbl"))
    grid: list[list[tuple[str, str | None]]] = []
    for tr in tbl.findall(qn("w:tr")):
        row = []
        for tc in tr.findall(qn("w:tc")):
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            row.append((text_of(tc), None if merge is None else (merge.get(qn("w:val")) or "continue")))
        grid.append(row)
    for r, row in enumerate(grid):  # move a merged header's text down to the last row it covers
        for c, (text, merge) in enumerate(row):
            if merge == "restart":
                last = r
                while last + 1 < len(grid) and grid[last + 1][c][1] == "continue":
                    last += 1
                row[c] = ("", merge)
                grid[last][c] = (text, "continue")
    return [[text for text, _ in row if text.strip()] for row in grid]


def paragraphs(path: Path) -> list[str]:
    """The answer's paragraphs after its heading ('to question no. ...'), table rows left out."""
    body = docx.Document(str(path)).element.body
    texts = [text_of(p) for p in body.iterchildren(qn("w:p"))]
    start = next(i for i, t in enumerate(texts) if t.startswith("to question no.")) + 1
    return [" ".join(t.split()) for t in texts[start:] if t.strip()]


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("published-shapes"))
    made = {}
    for number in EXAMPLES:
        result = run_cli("answer", "--question", str(number), "--register", str(project / "data" / "published.yaml"),
                         "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
        assert result.exit_code == 0, result.output
        made[number] = next((project / "out").glob(f"antwoord-*-vraag-{number}-*.docx"))
    return made


@pytest.mark.parametrize("number", list(EXAMPLES))
def test_every_row_and_cell_as_published(answers, number):
    assert drafted_table(answers[number]) == published_table(number)


def test_three_header_rows_the_unit_across_the_whole_table(answers):
    tbl = docx.Document(str(answers[583])).tables[0]._tbl
    trs = tbl.findall(qn("w:tr"))
    assert [tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for tr in trs[:4]] == [True, True, True, False]
    unit_cells = trs[0].findall(qn("w:tc"))
    grid = tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol"))
    assert len(unit_cells) == 1 and unit_cells[0].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}").get(qn("w:val")) == str(len(grid))
    spans = [tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") for tc in trs[1].findall(qn("w:tc"))]
    assert [int(s.get(qn("w:val"))) if s is not None else 1 for s in spans] == [1, 3, 3, 3]


def test_the_answer_paragraphs_and_notes_as_published(answers):
    health = kept(583)
    assert paragraphs(answers[583]) == [health[health.index("£'000s") - 2]] + [
        line for line in health[health.index("Notes:"):] if line.strip()]
    # the Hansard layout: the page heading, then every paragraph as the page prints it
    header = (PUBLISHED / EXAMPLES[155240]).read_text(encoding="utf-8")
    title = header[header.index("# Title: ") + len("# Title: "):].split(" (")[0]
    meetings = [line for line in kept(155240) if line.strip() and " | " not in line]
    body = docx.Document(str(answers[155240])).element.body
    drafted = [" ".join(text_of(p).split()) for p in body.iterchildren(qn("w:p")) if text_of(p).strip()]
    assert drafted == [title] + meetings


@pytest.mark.parametrize("number", list(EXAMPLES))
def test_valid_office_open_xml(answers, number):
    validate_docx(answers[number])


def test_render_in_libreoffice(answers, tmp_path):
    render_pdfs(answers.values(), tmp_path)
    texts = {n: " ".join(pdf_text(tmp_path / (p.stem + ".pdf")).split()) for n, p in answers.items()}
    assert "1989–90 2,453,199 2,037,676 2,643,322" in texts[583]
    assert "20 March 2001 Mike O'Brien meeting with Gerry Steinberg MP" in texts[155240]


def test_verify_names_a_column_by_its_headers_not_by_the_unit_row(answers, tmp_path):
    """A figure changed by hand in the Health Boards table is named by its group and column; the
    unit row over the whole table names no column."""
    import zipfile

    drafted = answers[583]
    edited = tmp_path / drafted.name
    with zipfile.ZipFile(drafted) as src, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"1,739,554", b"1,739,555", 1)
            out.writestr(item, data)
    result = run_cli("verify", str(edited), "--register", str(drafted.parent.parent / "data" / "published.yaml"))
    assert result.exit_code == 1, result.output
    assert ('table 1, row "1985–86", column "Revenue expenditure, Cash terms": changed by hand from 1,739,554 '
            "to 1,739,555") in result.output


def test_a_unit_line_of_its_own_right_aligned_over_the_table(tmp_path):
    """`unit: {show: line}`: the caption, then the unit alone on a right-aligned line, then the table."""
    project = copy_project(tmp_path)
    register = project / "data" / "published.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("unit: {currency: GBP, scale: billion, data_scale: billion}",
                                     "unit: {currency: GBP, scale: billion, data_scale: billion, show: line}"),
                        encoding="utf-8")
    result = run_cli("answer", "--question", "22539", "--register", str(register),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    path = next((project / "out").glob("*.docx"))
    validate_docx(path)
    tbl = docx.Document(str(path)).element.body.find(qn("w:tbl"))
    unit, caption = tbl.getprevious(), tbl.getprevious().getprevious()
    assert text_of(caption) == "Year ahead control aggregates and amount by which outturn differed"
    assert text_of(unit) == "£ billion"
    assert unit.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "right"

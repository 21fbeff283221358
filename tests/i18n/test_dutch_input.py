"""Dutch in: the budget and shares tables read with Dutch column names give the same answer."""

from __future__ import annotations

import io

import docx
import openpyxl

from ..conftest import assert_refused, run_in

ANSWER_4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
DUTCH_HEADER = "begrotingslijn,jaar,soort,bedrag,deel_van,noot"


def _answer(project) -> bytes:
    result = run_in(project, "answer", "-q", "4", "--force")
    assert result.exit_code == 0, result.output
    return (project / "out" / ANSWER_4).read_bytes()


def test_budget_csv_and_shares_with_dutch_column_names_give_the_same_answer(project):
    english = _answer(project)
    budget = project / "data" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].strip() == "line,year,kind,amount,part_of,notes"
    budget.write_text(DUTCH_HEADER + "\n" + "".join(lines[1:]), encoding="utf-8")
    shares = project / "data" / "support_by_size.csv"
    header, *rest = shares.read_text(encoding="utf-8").splitlines(keepends=True)
    shares.write_text(header.replace("share", "aandeel").replace("label", "omschrijving") + "".join(rest),
                      encoding="utf-8")
    (project / "out" / ANSWER_4).unlink()
    assert _answer(project) == english


def test_budget_workbook_with_dutch_column_names(project):
    english = _answer(project)
    book = openpyxl.load_workbook(project / "data" / "budget.xlsx")
    sheet = book.worksheets[0]
    dutch = dict(zip("line year kind amount part_of notes".split(), DUTCH_HEADER.split(",")))
    header_row = next(r for r in sheet.iter_rows(min_row=1, max_row=10) if any(c.value == "year" for c in r))
    for cell in header_row:
        if cell.value in dutch:
            cell.value = dutch[cell.value].upper() if cell.value == "year" else dutch[cell.value]
    book.save(project / "data" / "budget.xlsx")
    register = project / "data" / "questions.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("budget: budget.csv", "budget: budget.xlsx"),
                        encoding="utf-8")
    (project / "out" / ANSWER_4).unlink()
    assert _texts(_answer(project)) == _texts(english)  # the bytes name the file the figures came from


def _texts(answer: bytes):
    document = docx.Document(io.BytesIO(answer))
    return ([p.text for p in document.paragraphs],
            [[c.text for c in row.cells] for table in document.tables for row in table.rows])


def test_a_missing_dutch_column_is_named_in_the_file_s_words(project):
    budget = project / "data" / "budget.csv"
    lines = budget.read_text(encoding="utf-8").splitlines(keepends=True)
    budget.write_text("begrotingslijn,jaar,soort,bedraag,deel_van,noot\n" + "".join(lines[1:]), encoding="utf-8")
    result = run_in(project, "answer", "-q", "4")
    assert_refused(result, project, "budget.csv", "row 1", "'amount'")

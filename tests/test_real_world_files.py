"""The files offices really have are read as meant: the answer's table is the seed's, every time."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.load.tabular import NumberError, parse_number

from . import breakage as b
from . import seed
from .conftest import run_in
from .test_bad_input import check_in
from .test_seed_answer import norm

ANSWER = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"


def table_of_the_answer(project: Path) -> list[list[str]]:
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 0, result.output
    document = docx.Document(str(project / "out" / ANSWER))
    return [[norm(c.text) for c in row.cells] for row in document.tables[0].rows]


def check_warnings(project: Path) -> list[str]:
    """check's warnings about the data (not the placeholders every example question shows)."""
    result = check_in(project)
    assert result.exit_code == 0, result.output
    return [line for line in result.stdout.splitlines()
            if line.startswith("warning: ") and "the draft shows placeholders" not in line]


def _belgian(rows):
    """What Belgian Excel shows and writes: thousands points, euro signs, accents in a label."""
    for row in rows[1:]:
        if row[3].isdigit():
            row[3] = f"€ {int(row[3]):,}".replace(",", ".")
    rows.append(["kmo-portefeuille (éénmalig)", "2016", "VAK", "1.234,5", "", ""])


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_belgian_excel_csv(project, encoding):
    b.write_semicolon_budget(project, _belgian, encoding)
    raw = (project / b.BUDGET).read_bytes()
    assert b";" in raw and (b"\x80" in raw if encoding == "cp1252" else raw.startswith(b"\xef\xbb\xbf"))
    assert table_of_the_answer(project) == seed.TABLE
    assert check_warnings(project) == []
    from drafter.load.datasets import load_dataset

    data = load_dataset("budget", project / b.BUDGET)
    assert data.cell("kmo-portefeuille (éénmalig)", 2016, "VAK").amount == 1234.5
    assert data.cell("clusters", 2016, "VAK").amount == 14250000


def test_excel_sep_line_and_blank_rows_keep_excel_row_numbers(project):
    rows = b.budget_rows(project)
    text = "sep=,\n" + "\n".join(",".join(r) for r in rows[:4]) + "\n\n" + "\n".join(",".join(r) for r in rows[4:]) + "\n"
    (project / b.BUDGET).write_text(text, encoding="utf-8")
    assert table_of_the_answer(project) == seed.TABLE
    # a mistake is placed on the row Excel shows: line 10 of the file
    b.replace_in(project, b.BUDGET, "58000000", "58 mio")
    assert text.replace("58000000", "58 mio").splitlines()[9].endswith("58 mio,,")
    result = check_in(project)
    assert "error: data/budget.csv, row 10, column 'amount': '58 mio' is not an amount" in result.stdout


def test_tab_separated_text(project):
    rows = b.budget_rows(project)
    (project / b.BUDGET).write_text("\n".join("\t".join(r) for r in rows) + "\n", encoding="utf-8")
    assert table_of_the_answer(project) == seed.TABLE


def test_trailing_separators_on_every_row_are_harmless(project):
    rows = b.budget_rows(project)
    text = ",".join(rows[0]) + "\n" + "".join(",".join(r) + ",,\n" for r in rows[1:])
    (project / b.BUDGET).write_text(text, encoding="utf-8")
    assert table_of_the_answer(project) == seed.TABLE


def test_column_names_in_capitals_and_with_spaces(project):
    b.replace_in(project, b.BUDGET, "line,year,kind,amount,part_of,notes", "Line , Year,KIND,Amount,part_of,Notes")
    assert table_of_the_answer(project) == seed.TABLE


def test_workbook_with_several_sheets_and_the_sheet_named(project):
    b.workbook(project, sheets=("Toelichting", "Begroting"))
    b.use_data_file(project, "budget", b.WORKBOOK + "#Begroting")
    assert table_of_the_answer(project) == seed.TABLE
    assert check_warnings(project) == []


def test_workbook_with_several_sheets_read_first_with_a_warning(project):
    b.workbook(project, sheets=("Begroting", "Toelichting"))
    b.use_data_file(project, "budget", b.WORKBOOK)
    assert table_of_the_answer(project) == seed.TABLE
    assert check_warnings(project) == [
        "warning: data/begroting.xlsx: the workbook has 2 sheets ('Begroting', 'Toelichting'); drafter reads the "
        "first, 'Begroting'. Name the sheet in the register to be sure: 'begroting.xlsx#Begroting'."]


def test_workbook_whose_first_sheet_is_not_the_figures_says_how_to_name_the_sheet(project):
    b.workbook(project, sheets=("Toelichting", "Begroting"))
    b.use_data_file(project, "budget", b.WORKBOOK)
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 1
    assert "error: data/begroting.xlsx, sheet 'Toelichting', row 1: the file has a header row but no rows" in result.stderr
    assert "e.g. 'begroting.xlsx#Begroting'" in result.stderr


def test_merged_cells_take_the_value_of_their_top_left_cell(project):
    # the budget line 'clusters' typed once for its first four rows (A2:A5), merged down
    def merge_lines(path):
        import openpyxl

        book = openpyxl.load_workbook(path)
        sheet = book["Begroting"]
        for row in range(3, 6):
            sheet.cell(row=row, column=1).value = None
        sheet.merge_cells("A2:A5")
        book.save(path)

    merge_lines(b.workbook(project))
    b.use_data_file(project, "budget", b.WORKBOOK)
    assert table_of_the_answer(project) == seed.TABLE
    assert check_warnings(project) == [
        "warning: data/begroting.xlsx, sheet 'Begroting', cells A2:A5: the cells A2:A5 are merged; each of them is read "
        "as 'clusters'. Unmerge them in Excel and fill in every cell, so that each row stands on its own."]


def test_a_computed_formula_is_read_as_its_value(project):
    # Excel stores a formula with its last result; openpyxl writes none, so write the result in too
    path = b.workbook(project)
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = next(n for n in parts if n.startswith("xl/worksheets/sheet"))
    xml = parts[sheet].decode()
    start = xml.index('<c r="D6"')
    end = xml.index("</c>", start) + 4
    parts[sheet] = (xml[:start] + '<c r="D6"><f>D12+D13</f><v>14250000</v></c>' + xml[end:]).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    b.use_data_file(project, "budget", b.WORKBOOK)
    assert table_of_the_answer(project) == seed.TABLE


@pytest.mark.parametrize(
    "text, decimal_comma, value",
    [
        ("14250000", True, 14250000), ("14.250.000", True, 14250000), ("6,75", True, 6.75),
        ("1.234,5", True, 1234.5), ("€ 58.000.000", True, 58000000), ("-12", True, -12),
        ("14 250 000", True, 14250000), ("14\u00a0250\u00a0000", True, 14250000), ("58000000 EUR", True, 58000000),
        ("14250000", False, 14250000), ("6.75", False, 6.75), ("14,250,000", False, 14250000),
        ("1,234.5", False, 1234.5), ("6,75", False, 6.75), ("1.234,5", False, 1234.5), ("14.250.000", False, 14250000),
    ],
)
def test_numbers_as_people_and_excel_write_them(text, decimal_comma, value):
    assert parse_number(text, decimal_comma) == value


@pytest.mark.parametrize(
    "text, decimal_comma, reason",
    [
        ("6.75", True, "can be read two ways"), ("14,250", False, "decimal mark or a thousands separator"),
        ("1,425E+07", True, "scientific notation"), ("1.4E7", False, "scientific notation"),
        ("58 miljoen", True, None), ("", True, None), ("1.2.3", False, None), ("12,5%", True, None),
    ],
)
def test_numbers_that_are_refused(text, decimal_comma, reason):
    with pytest.raises(NumberError) as caught:
        parse_number(text, decimal_comma)
    assert caught.value.reason == reason or (reason and reason in caught.value.reason)


def test_a_csv_with_cr_only_line_endings_reads_like_any_other(project):
    """Excel for Mac's "CSV (Macintosh)" ends lines with CR only: it was an internal error."""
    path = project / b.BUDGET
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r"))
    assert b"\n" not in path.read_bytes()
    assert table_of_the_answer(project) == seed.TABLE
    assert check_warnings(project) == []

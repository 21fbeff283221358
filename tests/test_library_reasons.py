"""Under --lang nl, what another library says (Jinja2, Python, the system, openpyxl, lxml,
csv) reaches the person in Dutch: a known message as the catalog's sentence, an unknown one
only after a Dutch sentence saying what happened. And data files that are not a bare table
(a title above it, a quote left open) get a message that says so."""

from __future__ import annotations

import errno
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from drafter.write import output
from tests import breakage as b
from tests.conftest import files_in, run_cli, run_in

ANSWER_4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
TEXT = 'Circa {{ shares.percent("kmo") }} van de steun'


def _nl(project: Path, *args: str):
    return run_in(project, "--lang", "nl", *args)


def _errors(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.startswith("fout:")]


@pytest.mark.parametrize("text, dutch", [
    ('Circa {{ shares.percent("kmo") van de steun', "hier hoort 'einde van de tag (}})', maar er staat 'van'"),
    ("{% if 1 %}x", "Onverwacht einde van het sjabloon"),
    ("{% if %}x{% endif %}", "hier hoort een waarde, maar er staat 'einde van de tag'"),
    ("{{ 1/0 }}", "een deling door nul"),
    ("{% for i in range(100000000) %}x{% endfor %}", "een tag mag hoogstens 100000 stappen tellen"),
    ('{{ "a".__class__ }}', "een tag mag '__class__' niet gebruiken"),
])
def test_check_and_answer_say_a_tag_error_of_a_register_text_in_the_same_dutch(project, text, dutch):
    b.replace_in(project, b.REGISTER, TEXT, text)
    checked, answered = _nl(project, "check"), _nl(project, "answer", "-q", "4")
    assert checked.exit_code == answered.exit_code == 1
    check_line = next(line for line in _errors(checked) if "antwoorddeel 3" in line)
    answer_line = next(line for line in _errors(answered) if "antwoorddeel 3" in line)
    assert dutch in check_line and check_line == answer_line
    for english in ("expected", "Unexpected", "division", "Range too big", "unsafe"):
        assert english not in check_line
    assert files_in(project / "out") == []


def test_a_syntax_error_in_a_word_table_cell_is_said_in_dutch(project):
    b.set_cell(project, 0, 2, 1, "{{ foo( }}")
    for args in (("check",), ("answer", "-q", "4")):
        result = _nl(project, *args)
        assert result.exit_code == 1
        assert "tabel 1, rij 3, cel 2" in result.output and "hier hoort ')', maar er staat '}'" in result.output
        assert "unexpected" not in result.output


@pytest.mark.parametrize("day, dutch", [("2020-13-45", "maand 13 bestaat niet"),
                                        ("2020-02-30", "februari 2020 heeft maar 29 dagen"),
                                        ("2019-04-00", "dag 0 bestaat niet")])
def test_an_impossible_date_says_why_in_dutch(project, day, dutch):
    b.replace_in(project, b.REGISTER, "    date: null ", f"    date: {day}")
    result = _nl(project, "check")
    assert result.exit_code == 1
    assert f"'{day}' is geen datum ({dutch})" in result.output
    assert "must be in" not in result.output and "out of range" not in result.output


def _xlsx_says(project, dutch: str, *absent: str) -> None:
    result = _nl(project, "check")
    line = next(line for line in _errors(result) if "data/budget.xlsx" in line)
    assert dutch in line, line
    for english in ("There is no item", "File contains", *absent):
        assert english not in line


def test_an_excel_file_that_is_something_else_is_said_in_dutch(project):
    xlsx = project / "data" / "budget.xlsx"
    with zipfile.ZipFile(xlsx, "w") as package:  # a zip, but no workbook in it
        package.writestr("notes.txt", "hi")
    _xlsx_says(project, "het pakket heeft geen onderdeel [Content_Types].xml")
    xlsx.write_bytes((project / "answer_templates" / "algemeen.docx").read_bytes())
    _xlsx_says(project, "dit is een Word-document, geen Excel-werkmap")
    # what Excel saves when a password is set: an OLE file holding the encrypted package
    xlsx.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le") + bytes(64))
    _xlsx_says(project, "de werkmap is beveiligd met een wachtwoord", "zip")


def test_a_template_cut_off_in_its_xml_says_where_in_dutch(project):
    path = project / b.TEMPLATE
    with zipfile.ZipFile(path) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in parts:
            package.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    result = _nl(project, "answer", "-q", "4")
    assert result.exit_code == 1
    assert "geen welgevormde XML (het breekt af of is beschadigd op regel" in result.output
    assert "Couldn't find" not in result.output and "Premature" not in result.output


@pytest.mark.parametrize("code, dutch", [(errno.EROFS, "de schijf of map is alleen-lezen"),
                                         (errno.EACCES, "u hebt er geen toegang toe"),
                                         (errno.ENOSPC, "de schijf is vol"),
                                         (errno.EPROTO, "het systeem meldt: " + os.strerror(errno.EPROTO))])
def test_a_folder_that_cannot_be_written_says_why_in_dutch(project, monkeypatch, code, dutch):
    def refuse(folder, name, data):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(output, "staged", refuse)
    result = _nl(project, "answer", "-q", "4")
    assert result.exit_code == 1
    assert f"kan niet schrijven in de uitvoermap ({dutch})" in result.output, result.output
    assert files_in(project / "out") == []


def test_an_answer_another_program_holds_busy_says_close_it_in_word(project, monkeypatch):
    assert _nl(project, "answer", "-q", "4", "--date", "2019-10-01").exit_code == 0
    target = project / "out" / ANSWER_4
    before = target.read_bytes()
    real_replace = output.os.replace

    def busy(src, dst):
        if Path(dst) == target:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", busy)
    result = _nl(project, "answer", "-q", "4", "--date", "2019-10-02")
    assert result.exit_code == 1
    assert "Sluit het in Word en voer de opdracht opnieuw uit." in result.output
    assert "busy" not in result.output
    assert target.read_bytes() == before


def test_a_csv_cell_beyond_the_field_limit_is_said_in_dutch(project):
    b.replace_in(project, b.SHARES, "kmo’s", "x" * 140_000)
    result = _nl(project, "check")
    assert "data/support_by_size.csv, rij 2: geen correct CSV-bestand (een cel is langer dan 131072 tekens)" \
        in result.output
    assert "field larger" not in result.output


# --------------------------------------------------------------------------- tables with something above them

def _budget_with(project, *top: str) -> None:
    path = project / b.BUDGET
    path.write_text("".join(line + "\n" for line in top) + path.read_text(encoding="utf-8"), encoding="utf-8")


@pytest.mark.parametrize("top", [("",), (",,,,,",), ("", ";;;")])
def test_blank_rows_above_a_csv_table_are_skipped(project, top):
    _budget_with(project, *top)
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert (project / "out" / ANSWER_4).exists()


def test_figures_below_skipped_blank_rows_are_named_at_their_own_row(project):
    _budget_with(project, ",,,,,", "")
    b.replace_in(project, b.BUDGET, "clusters,2016,VAK,14250000", "clusters,2016,VAK,veel")
    rows = (project / b.BUDGET).read_text(encoding="utf-8").splitlines()
    row = rows.index("clusters,2016,VAK,veel,,opsplitsing_2016") + 1
    result = run_in(project, "check")
    assert result.exit_code == 1
    assert f"data/budget.csv, row {row}, column 'amount'" in result.output, result.output


def test_a_title_above_a_csv_table_names_the_row_of_the_column_names(project):
    _budget_with(project, "Begroting 2019 (bron: VLAIO)")
    result = _nl(project, "check")
    assert result.exit_code == 1
    assert ("fout: data/budget.csv: de kolomnamen staan op rij 2; de rij erboven ('Begroting 2019 (bron: VLAIO)') "
            "hoort niet bij de tabel. Verwijder rij 1, boven de kolomnamen.") in _errors(result)
    assert not [line for line in _errors(result) if "questions.yaml" in line]  # the register is not blamed


def test_a_title_above_an_excel_table_names_the_row_of_the_column_names(project):
    xlsx = project / "data" / "budget.xlsx"
    book = openpyxl.load_workbook(xlsx)
    sheet = book.worksheets[0]
    sheet.insert_rows(1, 2)
    sheet["A1"] = "Begroting 2019 (bron: VLAIO)"
    book.save(xlsx)
    result = _nl(project, "check")
    assert result.exit_code == 1
    line = next(line for line in _errors(result) if "data/budget.xlsx" in line)
    assert "de kolomnamen staan op rij 3; de 2 rijen erboven ('Begroting 2019 (bron: VLAIO)', ...)" in line
    assert "Verwijder de rijen 1 tot 2, boven de kolomnamen." in line
    assert "geen naam" not in result.output


def test_a_quote_left_open_in_a_csv_is_named_at_its_row(project):
    b.replace_in(project, b.SHARES, "kmo,kmo’s,45", 'kmo,"kmo’s,45')
    result = _nl(project, "check")
    assert result.exit_code == 1
    line = next(line for line in _errors(result) if "support_by_size.csv" in line)
    assert line.startswith('fout: data/support_by_size.csv, rij 2: een aanhalingsteken (") wordt niet gesloten')
    assert "geen aandeel" not in result.output


def test_a_text_over_two_lines_in_a_quoted_cell_is_read(project):
    b.replace_in(project, b.SHARES, "kmo,kmo’s,45", 'kmo,"kleine en\nmiddelgrote ondernemingen",45')
    assert run_in(project, "check").exit_code == 0


# --------------------------------------------------------------------------- the wrong kind of path

def test_templates_given_as_a_file_is_said_to_be_a_file(project):
    result = run_cli("--lang", "nl", "check", "--register", str(project / b.REGISTER), "--templates",
                     str(project / b.BUDGET))
    assert result.exit_code == 1
    assert "is een bestand, geen map" in result.output and "bestaat niet" not in result.output


def test_a_word_document_given_as_the_register_is_said_to_be_one(project):
    result = run_cli("--lang", "nl", "check", "--register", str(project / "answer_templates" / "algemeen.docx"),
                     "--templates", str(project / "answer_templates"))
    assert result.exit_code == 1
    assert "dit is een Word-document, geen YAML-tekstbestand" in result.output and "UTF-8" not in result.output


@pytest.mark.parametrize("path", [r"C:\Users\jan\budget.xlsx", r"\\server\share\budget.xlsx", "C:budget.xlsx"])
def test_a_windows_absolute_path_is_refused_like_any_absolute_path(project, path):
    b.replace_in(project, b.REGISTER, "      budget: budget.csv", f"      budget: '{path}'")
    result = run_in(project, "check")
    assert result.exit_code == 1
    assert "must be a file name inside the data folder" in result.output
    assert "not found" not in result.output


def test_a_word_template_tag_the_sandbox_refuses_is_said_in_dutch(project):
    b.set_paragraph(project, 16, "{{ ''.__class__.__mro__ }}")
    result = _nl(project, "answer", "-q", "4")
    assert result.exit_code == 1
    assert "een tag mag '__class__' niet gebruiken" in result.output and "unsafe" not in result.output

"""drafter status under nl: Dutch headers and state words in text, CSV and XLSX; JSON keeps its
English keys and codes."""

from __future__ import annotations

import csv
import io
import json

import openpyxl

from ..conftest import run_cli, run_in

TODAY = ("--today", "2019-11-04")


def test_text_csv_and_xlsx_in_dutch_json_unchanged(project, tmp_path):
    text = run_in(project, "status", "--lang", "nl", *TODAY)
    assert text.exit_code == 0, text.output
    header = text.stdout.splitlines()[0].split()
    assert header[:6] == ["termijn", "intern", "rest", "stand", "leemtes", "signaal"]
    assert "geen ontwerp" in text.stdout and "no draft" not in text.stdout

    made = run_in(project, "status", "--lang", "nl", "--format", "csv", *TODAY)
    rows = list(csv.reader(io.StringIO(made.stdout.lstrip("\ufeff")), delimiter=";"))  # a BOM, for Excel
    # headers as a person writes them, one word for each thing, as the text list says it
    assert rows[0][:13] == ["zittingsjaar", "nummer", "titel", "vraagsteller", "minister", "gesteld", "termijn",
                            "interne termijn", "resterende werkdagen", "stand", "leemtes", "te laat", "intern te laat"]
    states = {row[rows[0].index("stand")] for row in rows[1:]}
    assert "geen ontwerp" in states and not states & {"no draft", "draft", "sent"}

    book = tmp_path / "opvolging.xlsx"
    assert run_in(project, "status", "--lang", "nl", "--format", "xlsx", "--to", str(book), *TODAY).exit_code == 0
    sheet = openpyxl.load_workbook(book).worksheets[0]
    assert sheet.title == "Opvolging"
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(r for r in cells if "stand" in r)
    assert header_row == rows[0]
    again = run_in(project, "status", "--lang", "nl", "--format", "xlsx", "--to", str(book), *TODAY)
    assert again.exit_code == 0, again.output  # its own list, unchanged: written again without --force
    assert any("geen ontwerp" in r for r in cells)

    english = json.loads(run_in(project, "status", "--format", "json", *TODAY).stdout)
    dutch = json.loads(run_in(project, "status", "--lang", "nl", "--format", "json", *TODAY).stdout)
    assert dutch["questions"][0].keys() == english["questions"][0].keys()
    assert "internal_due" in dutch["questions"][0] and "state" in dutch["questions"][0]
    assert [q["state"] for q in dutch["questions"]] == [q["state"] for q in english["questions"]]
    assert "no draft" in {q["state"] for q in dutch["questions"]}  # the English code, in every language


def test_dates_in_the_list_as_a_belgian_writes_them_json_keeps_iso(project):
    """The text list and its summary write dates day-first under nl (21/11/2019), ISO in English;
    JSON keeps ISO whatever the language."""
    dutch = run_in(project, "status", "--lang", "nl", *TODAY).stdout
    english = run_in(project, "status", *TODAY).stdout
    assert "op 04/11/2019;" in dutch.splitlines()[-1] and "2019-11-04" not in dutch
    assert "on 2019-11-04;" in english.splitlines()[-1]
    due = json.loads(run_in(project, "status", "--lang", "nl", "--format", "json", *TODAY).stdout)["questions"]
    assert any(question["due"] for question in due)
    for question in due:
        if question["due"]:
            year, month, day = question["due"].split("-")
            assert f"{day}/{month}/{year}" in dutch and question["due"] in english


def test_one_word_for_each_state_in_the_help_as_in_the_list():
    """The help names the states and flags with the words the list, its headers and its summary use."""
    status_help = " ".join(run_cli("status", "--help", "--lang", "nl").stdout.split())
    assert ("Standen: geen ontwerp, ontwerp, bewerkt, cijfers nakijken, bijgehouden wijzigingen, klaar, verzonden, "
            "fout; te laat en intern te laat staan ernaast.") in status_help
    sent_help = " ".join(run_cli("sent", "--help", "--lang", "nl").stdout.split())
    assert "status toont de vraag daarna als verzonden" in sent_help and "verstuurd" not in sent_help

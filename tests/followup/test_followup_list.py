"""The follow-up list a cabinet can trust: an output folder with an answer in every state --
gaps left, edited with a house marker, ready, sent (with its PDF), late, a PDF refused for
its gaps, an entry the register cannot read -- and `drafter status` in text, JSON, CSV and
XLSX, compared row by row with what is true. The deadlines were counted by hand (internal
deadline: 5 working days before the legal one; Easter Monday 1 April 2024 is no working day)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from drafter.commands.status import COLUMNS
from tests.conftest import validate_docx
from tests.followup.helpers import REGISTER, TODAY, drafter, fake_soffice, make_project

#: What the register says of the broken entry's date: a date as a person writes it, not as YAML reads it.
#: A date nobody can read: there is no 31 April (28 april 2026, as a person writes it, is read)
BROKEN_DATE = "31 april 2026"
SENT = "2024-03-18"


def _fill_in(path: Path, replacements: dict[str, str]) -> None:
    """A person's edit in Word (python-docx saves it): each placeholder replaced by what is known."""
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            for old, new in replacements.items():
                run.text = run.text.replace(old, new)
    document.save(str(path))


def _answer(project: Path, number: int) -> Path:
    (found,) = (project / "out").glob(f"antwoord-2019-2020-vraag-{number}-*.docx")
    return found


@pytest.fixture(scope="module")
def followup(tmp_path_factory):
    """The project with the Flemish examples and question 10 (its date broken); out/ as the
    weeks have left it. Made once: the tests only read it."""
    import os

    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("followup"))
    here = Path.cwd()
    os.chdir(project)
    try:
        make_project(project, numbers=(4, 5, 6, 7, 8, 10))
        soffice = fake_soffice(project)
        # batch --pdf: every draft shows gaps, so no PDF is made, each refusal says which gaps
        made = drafter("batch", "--question", "5-8", "--pdf", "--soffice", str(soffice), "--jobs", "1")
        # a person fills in question 5 in Word: no gap left, check clean: ready
        _fill_in(_answer(project, 5), {"N.N.": "Jo Brouns"})
        # question 6: edited, and the administration marks a figure to look up with the house's XXX
        six = docx.Document(str(_answer(project, 6)))
        six.add_paragraph("XXX: de cijfers van 2019 navragen bij VLAIO.")
        six.save(str(_answer(project, 6)))
        # question 7: its PDF (made as it is, gaps allowed) went out, and a person records the day
        pdf = drafter("answer", "-q", "7", "--pdf", "--allow-gaps", "--soffice", str(soffice))
        sent = drafter("sent", "-q", "7", "--date", SENT)
        # and someone types a date in the register as a person writes it, which YAML does not read as a date
        register = project / REGISTER
        register.write_text(register.read_text(encoding="utf-8").replace(
            "number: 10\n    date: null", f"number: 10\n    date: {BROKEN_DATE}"), encoding="utf-8")
        yield project, made, pdf, sent
    finally:
        os.chdir(here)


def test_a_pdf_of_an_answer_with_gaps_is_refused_and_says_which(followup):
    project, made, _, _ = followup
    assert made.exit_code == 1, made.output
    refusals = [line for line in made.stderr.splitlines() if "so no PDF is made" in line]
    assert len(refusals) == 4
    five = _answer(project, 5).name  # the refusal names the answer and every gap's place
    assert (f"error: out/{five}: question 5 (2019-2020): the answer still has 3 gaps to fill "
            f"in: 'N.N.' at paragraph 1, paragraph 2, paragraph 4, so no PDF is made; its .docx is written. Fill them "
            f"in (in the register, or in the answer in Word), or add --allow-gaps for a PDF of the draft as it is."
            ) in refusals
    manifest = json.loads(next((project / "out").glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    assert [(a["question"]["number"], a["pdf"], len(a["gaps"])) for a in manifest["answers"]] == [
        (5, None, 3), (6, None, 3), (7, None, 3), (8, None, 3)]
    assert manifest["answers"][0]["gaps"][0] == {"text": "N.N.", "kind": "person", "place": 'paragraph 1, "N.N."'}


def test_sent_is_recorded_in_the_register(followup):
    project, _, pdf, sent = followup
    assert pdf.exit_code == 0, pdf.output
    assert sent.exit_code == 0, sent.output
    line = (project / REGISTER).read_text(encoding="utf-8").splitlines().index(f"    answered: {SENT}") + 1
    assert sent.stdout == f"data/questions.yaml, line {line}: question 7 (2019-2020) recorded as sent on {SENT}\n"


def expected(project: Path) -> list[dict]:
    """The follow-up list as it must be, row by row: the entry that cannot be read first, then by
    legal deadline."""
    from drafter.load.register import load_register

    reg = load_register(project / REGISTER, lenient=True)
    title = {q.number: q.title for q in reg.questions}
    (broken,) = reg.rejected
    manifest = json.loads(next((project / "out").glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    batch_time = manifest["started"]
    n_n = "'N.N.' at paragraph 1, paragraph 2, paragraph 4"

    def row(number, asked, due, internal, left, state, gaps, late, overdue, message, sent=None, pdf=False,
            drafted=batch_time):
        has_file = state not in ("no draft", "error")
        file = _answer(project, number).name if has_file else None
        return {"zittingsjaar": "2019-2020", "number": number, "title": title.get(number),
                "asker": None if state == "error" else "N.N.", "minister": "N.N.", "asked": asked, "due": due,
                "internal_due": internal, "days_left": left, "state": state, "gaps": gaps, "late": late,
                "overdue_internally": overdue, "sent": sent, "file": file,
                "pdf": file.replace(".docx", ".pdf") if pdf else None, "drafted": drafted if has_file else None,
                "message": message}

    return [
        {**row(10, None, None, None, None, "error", None, False, False,
               f"data/questions.yaml, line {broken.line + 2}: question 10: 'date': '{BROKEN_DATE}' is not a day of the "
               f"calendar. Write the date as 28/04/2026, 28 april 2026 or 2026-04-28."), "title": "Clusterbeleid - Vastleggings- en "
                                                                       "vereffeningskredieten"},
        row(8, "2024-02-12", "2024-03-11", "2024-03-04", -7, "draft", 3, True, True, f"3 gaps to fill in: {n_n}"),
        row(7, "2024-02-20", "2024-03-19", "2024-03-12", None, "sent", None, False, False, "", sent=SENT, pdf=True),
        row(6, "2024-02-26", "2024-03-25", "2024-03-18", 3, "edited", 4, False, True,
            f"4 gaps to fill in: {n_n}; 'XXX' at paragraph {len(docx.Document(_answer(project, 6)).paragraphs)}"),
        row(5, "2024-03-01", "2024-03-29", "2024-03-22", 7, "ready", 0, False, False, ""),
        row(4, None, None, None, None, "no draft", None, False, False, "", drafted=None),
    ]


def status(*args: str):
    return drafter("status", "--today", TODAY, *args)


def test_json(followup):
    project = followup[0]
    result = status("--format", "json")
    assert result.exit_code == 1  # an entry cannot be read: listed, and the exit code says so
    assert result.stderr.startswith("error: data/questions.yaml, line ")
    assert result.stderr.endswith("error: 1 question cannot be read; it is listed with state error\n")
    data = json.loads(result.stdout)
    assert data["today"] == TODAY
    assert data["questions"] == expected(project)


def test_csv_read_back_with_the_csv_module_under_semicolons(followup):
    project = followup[0]
    result = status("--format", "csv")
    assert result.exit_code == 1
    assert result.stdout.startswith("\ufeff")  # Excel reads the file as UTF-8
    table = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"), newline=""), delimiter=";"))
    assert table[0] == list(COLUMNS)
    assert len(table) == 1 + len(expected(project))
    for got, want in zip(table[1:], expected(project)):
        shown = ["" if v is None else ("yes" if v else "no") if isinstance(v, bool) else str(v) for v in want.values()]
        assert got == shown


def test_xlsx_read_back_with_openpyxl(followup, tmp_path):
    project = followup[0]
    target = tmp_path / "opvolging.xlsx"
    result = status("--format", "xlsx", "--to", str(target))
    assert result.exit_code == 1
    assert f"wrote {target}: 6 questions" in result.stdout
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == 1 + len(expected(project))
    for got, want in zip(rows[1:], expected(project)):
        for name, value in zip(COLUMNS, got):
            wanted = want[name]
            if name in ("asked", "due", "internal_due", "sent") and wanted is not None:
                assert value == dt.datetime.fromisoformat(wanted), name  # a real date
            else:
                assert value == (wanted if wanted != "" else None), (name, value)
    assert sheet["L3"].value is True and sheet["L3"].data_type == "b"  # late, a real yes/no value


def test_text_for_people(followup):
    project = followup[0]
    result = status()
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["due", "internal", "left", "state", "gaps", "flag", "year", "nr", "title", "asker",
                                "minister", "pdf"]
    want = expected(project)
    assert len(lines) == 2 + len(want)
    for line, row in zip(lines[1:-1], want):
        cells = re.split(r"\s{2,}", line.strip())
        flag = "late" if row["late"] else "overdue internally" if row["overdue_internally"] else None
        assert cells[:2] == [row["due"] or "unknown", row["internal_due"] or "unknown"]
        shown = [str(row["days_left"]) if row["days_left"] is not None else None, row["state"],
                 str(row["gaps"]) if row["gaps"] is not None else None, flag, row["zittingsjaar"], str(row["number"])]
        assert cells[2:2 + len([s for s in shown if s])] == [s for s in shown if s], line
        assert line.endswith("  PDF") == bool(row["pdf"])
    assert lines[-1] == (f"drafter status: 6 questions, 1 late, 1 overdue internally, 1 that cannot be read, on "
                         f"{TODAY}; 'left' counts working days to the legal deadline")


def test_every_answer_in_the_folder_is_still_valid_office_open_xml(followup):
    for number in (5, 6, 7, 8):
        validate_docx(_answer(followup[0], number))


def test_selections_keep_what_cannot_be_read(followup):
    def numbers(*args):
        return [r["number"] for r in json.loads(status("--format", "json", *args).stdout)["questions"]]

    assert numbers("--late") == [10, 8]
    assert numbers("--year", "2019-2020") == [10, 8, 7, 6, 5, 4]
    assert numbers("--year", "2023-2024") == []  # what the broken entry does say (its year) selects it

"""`drafter status` in every format, against an output folder with answers as a batch leaves
them: no draft, drafts with their gaps, one edited since drafted, one with a PDF beside it, and
the late and internally overdue flags. The deadlines were counted by hand. (The follow-up list
with every state, sent and ready and error among them: tests/followup/.)"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from tests.conftest import run_cli

TODAY = "2024-03-20"
DATES = {5: "2024-03-01", 6: "2024-02-26", 7: "2024-02-20", 8: "2024-02-12"}  # question 4: no date
#: (number, asked, due, internal_due, days_left, state, late, overdue internally), sorted by deadline;
#: internal_days 5. Each draft shows its gaps: N.N. for the minister's name and title and the asker
#: (question 8 names its minister: only twice).
EXPECTED = [
    (8, "2024-02-12", "2024-03-11", "2024-03-04", -7, "draft", True, True),  # a draft, past its deadline
    (7, "2024-02-20", "2024-03-19", "2024-03-12", -1, "draft", True, True),  # a PDF beside it is not an answer sent
    (6, "2024-02-26", "2024-03-25", "2024-03-18", 3, "edited", False, True),
    (5, "2024-03-01", "2024-03-29", "2024-03-22", 7, "draft", False, False),  # Easter Monday is 1 April 2024
    (4, None, None, None, None, "no draft", False, False),
]
MINISTER = "Jo Brouns"  # question 8's; the others' is N.N.


#: The questions the states above were counted for: the register's other examples (another
#: parliament's layouts, other zittingsjaren) are left out of this project copy.
FLEMISH_EXAMPLES = {4, 5, 6, 7, 8}


def _only_the_flemish_examples(text: str) -> str:
    head, *entries = re.split(r"(?m)^(?=  - zittingsjaar:)", text)
    kept = [e for e in entries if int(re.search(r"(?m)^    number: (\d+)", e).group(1)) in FLEMISH_EXAMPLES]
    return head + "".join(kept)


@pytest.fixture
def answers(project) -> Path:
    """The project's register with dates, and out/ with an answer in every state."""
    register = project / "data" / "questions.yaml"
    text = _only_the_flemish_examples(register.read_text(encoding="utf-8"))
    for number, date in DATES.items():
        text, n = re.subn(rf"(number: {number}\n    date: )null", rf"\g<1>{date}", text)
        assert n == 1
    text, n = re.subn(r"(number: 8\n(?:.*\n){3}      name: )N\.N\.", rf"\g<1>{MINISTER}", text)
    assert n == 1
    register.write_text(text, encoding="utf-8")
    result = run_cli("batch", "--numbers", "5-8", "--jobs", "1", "--register", str(register),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    out = project / "out"
    made = {int(re.search(r"-vraag-(\d+)-", p.name).group(1)): p for p in out.glob("*.docx")}
    assert sorted(made) == [5, 6, 7, 8]
    edited = docx.Document(made[6])
    edited.add_paragraph("Aangevuld door de administratie.")
    edited.save(made[6])
    pdf = made[7].with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4\n% the answer as it went out\n")
    later = made[7].stat().st_mtime + 60
    os.utime(pdf, (later, later))
    return project


def status(project: Path, *args: str):
    return run_cli("status", *args, "--today", TODAY, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"))


def expected_rows(project: Path) -> list[dict]:
    from drafter.load.register import load_register

    reg = load_register(project / "data" / "questions.yaml")
    rows = []
    for number, asked, due, internal, left, state, late, overdue in EXPECTED:
        q = reg.find(number)
        has_file = state != "no draft"
        file = next((p.name for p in (project / "out").glob(f"*-vraag-{number}-*.docx")), None) if has_file else None
        rows.append({
            "zittingsjaar": "2019-2020", "number": number, "title": q.title, "asker": "N.N.",
            "minister": MINISTER if number == 8 else "N.N.", "asked": asked, "due": due, "internal_due": internal,
            "days_left": left, "state": state, "gaps": (2 if number == 8 else 3) if has_file else None, "late": late,
            "overdue_internally": overdue, "sent": None, "file": file,
            "pdf": file.replace(".docx", ".pdf") if number == 7 else None,
        })
    return rows


def test_json_has_every_row_in_deadline_order(answers):
    result = status(answers, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == TODAY
    got = data["questions"]
    drafted = [row.pop("drafted") for row in got]
    assert [row.pop("message") for row in got[:4]] == [
        "2 gaps to fill in: 'N.N.' at paragraph 2, paragraph 4"] + [
        "3 gaps to fill in: 'N.N.' at paragraph 1, paragraph 2, paragraph 4"] * 3
    assert got[4].pop("message") == ""
    assert got == expected_rows(answers)
    manifest = json.loads(next((answers / "out").glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    assert drafted == [manifest["started"]] * 4 + [None]  # from the manifest of the run that wrote them


def test_csv_reads_back_as_the_rows(answers):
    result = status(answers, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeffzittingsjaar;number;")  # Excel under nl_BE: ';' and a byte-order mark
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff")), delimiter=";"))
    expected = expected_rows(answers)
    assert [r["number"] for r in rows] == [str(e["number"]) for e in expected]
    for row, want in zip(rows, expected):
        for key, value in want.items():
            shown = "" if value is None else ("yes" if value else "no") if isinstance(value, bool) else str(value)
            assert row[key] == shown, (key, row)


def test_xlsx_reads_back_with_dates_and_numbers(answers, tmp_path):
    target = tmp_path / "opvolging.xlsx"
    result = status(answers, "--format", "xlsx", "--to", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote opvolging.xlsx: 5 questions\n"
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[:13] == ["zittingsjaar", "number", "title", "asker", "minister", "asked", "due", "internal_due",
                           "days_left", "state", "gaps", "late", "overdue_internally"]
    expected = expected_rows(answers)
    assert sheet.max_row == len(expected) + 1
    for row, want in zip(sheet.iter_rows(min_row=2, values_only=True), expected):
        got = dict(zip(header, row))
        for key, value in want.items():
            if key in ("asked", "due", "internal_due") and value is not None:
                assert got[key] == dt.datetime.fromisoformat(value), key  # a real date cell
            else:
                assert got[key] == value, (key, got)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:R6"


def test_text_for_people(answers):
    result = status(answers)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["due", "internal", "left", "state", "gaps", "flag", "year", "nr", "title", "asker",
                                "minister", "pdf"]
    body = lines[1:-1]
    assert [re.search(r"2019-2020\s+(\d+)", line).group(1) for line in body] == ["8", "7", "6", "5", "4"]
    for line, (number, asked, due, internal, left, state, late, overdue) in zip(body, EXPECTED):
        assert line.split()[:2] == [due or "unknown", internal or "unknown"]
        assert f"  {state}  " in line
        if left is not None:
            assert re.search(rf"\s{left}\s+{state}", line)
        flag = "late" if late else "overdue internally" if overdue else None
        assert (flag is None) or f"  {flag}  " in line
        assert line.endswith("  PDF") == (number == 7)
    assert lines[-1].startswith(f"drafter status: 5 questions, 2 late, 1 overdue internally, 0 that cannot be read, "
                                f"on {TODAY}")


def test_selections(answers):
    def numbers(*args):
        result = status(answers, "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return [row["number"] for row in json.loads(result.stdout)["questions"]]

    assert numbers("--late") == [8, 7]
    assert numbers("--minister", "jo brouns") == [8]
    assert numbers("--year", "2019-2020") == [8, 7, 6, 5, 4]
    assert numbers("--year", "2023-2024") == []


def test_the_house_settings_change_the_deadlines(answers):
    register = answers / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("locale: nl_BE\n", "locale: nl_BE\ndeadlines: {internal_days: 2, "
                                     "closing_days: [2024-03-28]}\n", 1), encoding="utf-8")
    rows = {r["number"]: r for r in json.loads(status(answers, "--format", "json").stdout)["questions"]}
    assert rows[5]["due"] == "2024-04-02"  # 28 March closed and Easter Monday: two days later
    assert rows[5]["internal_due"] == "2024-03-27"  # two working days before 2 April: 29 and 27 March
    assert rows[6]["internal_due"] == "2024-03-21"


def test_xlsx_needs_a_file_and_a_folder_that_exists(answers, tmp_path):
    result = status(answers, "--format", "xlsx")
    assert result.exit_code == 1 and "needs a file" in result.stderr and "--to" in result.stderr
    result = status(answers, "--format", "csv", "--to", str(tmp_path / "geen" / "lijst.csv"))
    assert result.exit_code == 1 and "the folder for the list does not exist" in result.stderr
    assert "Traceback" not in result.output
    result = run_cli("status", "--today", "gisteren", "--register", str(answers / "data" / "questions.yaml"))
    assert result.exit_code == 1 and "is not a date" in result.stderr


def test_status_without_an_output_folder(project):
    result = run_cli("status", "--format", "json", "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "nergens"))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["questions"]
    today = dt.date.today().isoformat()
    # nothing drafted: "no draft", late once the legal deadline has passed; "sent" when the register
    # gives the answer's date (the Tweede Kamer example), and then never late
    assert [(row["state"], row["late"]) for row in rows] == [
        ("sent", False) if row["number"] == 1028 else ("no draft", bool(row["due"] and row["due"] < today))
        for row in rows]
    assert {row["state"] for row in rows if row["number"] in FLEMISH_EXAMPLES} == {"no draft"}


def test_a_question_whose_answer_date_is_known_is_sent_not_late(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    text, n = re.subn(r"(number: 5\n    date: )null", r"\g<1>2024-03-01\n    answered: 2024-03-28", text)
    assert n == 1
    register.write_text(text, encoding="utf-8")
    result = run_cli("status", "--format", "json", "--today", "2024-06-03", "--register", str(register),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    rows = {r["number"]: r for r in json.loads(result.stdout)["questions"]}
    assert rows[5]["due"] == "2024-03-29" and rows[5]["state"] == "sent" and rows[5]["sent"] == "2024-03-28"
    assert rows[5]["late"] is False and rows[5]["overdue_internally"] is False

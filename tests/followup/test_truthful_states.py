"""The follow-up list says `ready` only of an answer that may go out as it is: not of one whose
figures no longer match the data (the data changed since, or a figure typed over by hand), nor
of one that still holds tracked changes; `bundle` refuses the latter, `update` leaves a sent
answer alone unless told, and `sent` says what was worth a second look."""

from __future__ import annotations

import csv
import io
import json
import os

import docx
import pytest
from openpyxl import load_workbook

from tests.followup.helpers import REGISTER, TODAY, drafter, entries, make_project, snapshot

BUDGET = "data/budget.csv"
OLD_ROW, NEW_ROW = "clusters,2018,VAK,58000000,,", "clusters,2018,VAK,58100000,,"


@pytest.fixture
def ready(project):
    """Question 8 with every name in the register, so its draft has no gap: `ready`."""
    make_project(project, numbers=(8,))
    register = project / REGISTER
    head, items = entries(register.read_text(encoding="utf-8"))
    items = [e.replace("asker: N.N.", "asker: An Peeters").replace("name: N.N.", "name: Jo Brouns")
             .replace("title: N.N.", "title: Vlaams minister van Economie") for e in items]
    register.write_text(head + "".join(items), encoding="utf-8")
    made = drafter("answer", "-q", "8")
    assert made.exit_code == 0, made.output
    assert _rows(project)[8]["state"] == "ready"
    return project


def _answer(project):
    return next(p for p in (project / "out").glob("*-vraag-8-*.docx") if "-backup-" not in p.name)


def _rows(project, *args):
    result = drafter("status", "--format", "json", "--today", TODAY, *args)
    return {r["number"]: r for r in json.loads(result.stdout)["questions"]}


def _change_data(project):
    """The budget's 2018 VAK figure corrected after the answer was written."""
    budget = project / BUDGET
    text = budget.read_text(encoding="utf-8")
    assert OLD_ROW in text
    budget.write_text(text.replace(OLD_ROW, NEW_ROW), encoding="utf-8")
    later = _answer(project).stat().st_mtime + 60
    os.utime(budget, (later, later))


def test_an_unedited_answer_whose_data_changed_is_not_ready_in_any_format(ready, tmp_path):
    _change_data(ready)
    row = _rows(ready)[8]
    assert row["state"] == "figures to check"
    assert "58.000.000" in row["message"] and "58.100.000" in row["message"]
    text = drafter("status", "--today", TODAY)
    assert "figures to check" in text.stdout
    assert "drafter verify" in text.stdout and "drafter update" in text.stdout
    table = list(csv.reader(io.StringIO(drafter("status", "--format", "csv", "--today", TODAY).stdout.lstrip("\ufeff")),
                            delimiter=";"))
    assert table[1][table[0].index("state")] == "figures to check"
    dutch = drafter("--lang", "nl", "status", "--today", TODAY)
    assert "cijfers nakijken" in dutch.stdout and "drafter verify zegt welke" in dutch.stdout
    workbook = tmp_path / "list.xlsx"
    assert drafter("status", "--format", "xlsx", "--to", str(workbook), "--today", TODAY).exit_code == 0
    sheet = load_workbook(workbook).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("state") + 1).value == "figures to check"


def test_a_figure_typed_over_by_hand_is_not_ready(ready):
    answer = _answer(ready)
    document = docx.Document(answer)
    runs = [r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
            if r.text == "58.000.000"]
    assert runs
    runs[0].text = "58.500.000"
    document.save(answer)
    row = _rows(ready)[8]
    assert row["state"] == "figures to check"
    assert "58.500.000" in row["message"]


def test_tracked_changes_left_by_update_are_shown_and_refused_for_signature(ready):
    _change_data(ready)
    updated = drafter("update", "-q", "8")
    assert updated.exit_code == 0, updated.output
    row = _rows(ready)[8]
    assert row["state"] == "tracked changes"
    assert "by drafter" in row["message"] and "accepted or rejected" in row["message"]
    assert "accept or reject them in Word" in drafter("status", "--today", TODAY).stdout
    before = snapshot(ready / "out")
    refused = drafter("bundle", "-q", "8")
    assert refused.exit_code == 1
    assert _answer(ready).name in refused.stderr and "Accept or reject them in Word" in refused.stderr
    assert "Traceback" not in refused.output
    assert snapshot(ready / "out") == before  # no bundle written


def test_update_leaves_a_sent_answer_alone_unless_told(ready):
    answer = _answer(ready)
    edited = docx.Document(answer)
    edited.add_paragraph("Aangevuld door het kabinet.")
    edited.save(answer)
    assert drafter("sent", "-q", "8", "--date", "2024-03-08").exit_code == 0
    _change_data(ready)
    before = answer.read_bytes()
    refused = drafter("update", "-q", "8")
    assert refused.exit_code == 1
    assert "recorded as sent on 2024-03-08" in refused.stderr and "--even-if-sent" in refused.stderr
    assert answer.read_bytes() == before
    batch = drafter("batch", "--update", "-q", "8", "--jobs", "1", "--format", "json")
    assert batch.exit_code == 0, batch.output
    record = json.loads(batch.stdout[batch.stdout.index("{"):])["answers"][0]
    assert record["status"] == "sent"
    assert "recorded as sent on 2024-03-08" in record["message"] and "--even-if-sent" in record["message"]
    assert answer.read_bytes() == before
    told = drafter("update", "-q", "8", "--even-if-sent")
    assert told.exit_code == 0, told.output
    assert answer.read_bytes() != before


def test_sent_warns_of_gaps_and_notes_a_late_answer(project):
    make_project(project, numbers=(5, 8))
    assert drafter("batch", "-q", "5,8", "--jobs", "1").exit_code == 0
    gaps = drafter("sent", "-q", "5", "--date", "2024-03-18")
    assert gaps.exit_code == 0
    assert "warning:" in gaps.stderr and "still has 3 gaps to fill in" in gaps.stderr
    assert "answered: 2024-03-18" in (project / REGISTER).read_text(encoding="utf-8")  # recorded all the same
    late = drafter("sent", "-q", "8", "--date", "2024-03-18")  # due 2024-03-11
    assert late.exit_code == 0
    assert "question 8 (2019-2020) went out 5 working days after its legal deadline (2024-03-11)" in late.stdout
    on_time = drafter("sent", "-q", "5", "--date", "2024-03-18")  # already recorded: nothing new to say
    assert "deadline" not in on_time.output

"""The small things a cabinet trips over: a question number the register lacks, the time an
answer was drafted, the permissions of a new project's files."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest

from tests.conftest import files_in
from tests.followup.helpers import REGISTER, TODAY, drafter, make_project


def test_batch_with_a_number_the_register_lacks_writes_nothing(project):
    make_project(project)
    result = drafter("batch", "--question", "4,99")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == ("error: data/questions.yaml: the register has no question 99; nothing was written. "
                             "Correct --question, or leave out the numbers the register does not have.\n")
    assert files_in(project / "out") == []


def test_drafted_is_the_time_of_the_run_that_wrote_the_file_on_disk(project):
    make_project(project)
    assert drafter("batch", "--question", "5-6", "--jobs", "1").exit_code == 0
    (manifest,) = (project / "out").glob("drafter-manifest-*.json")
    record = json.loads(manifest.read_text(encoding="utf-8"))
    record["started"] = "2024-03-01T09:00:00"  # the batch ran weeks ago
    manifest.write_text(json.dumps(record), encoding="utf-8")
    register = project / REGISTER  # then the text of answer 5 changed, and `answer` made it again
    register.write_text(register.read_text(encoding="utf-8").replace(
        "De clustersteun van 2016 was als volgt verdeeld:", "De clustersteun van 2016 was zo verdeeld:"),
        encoding="utf-8")
    answered = drafter("answer", "-q", "5")
    assert answered.exit_code == 0 and "replaced the earlier, unedited draft" in answered.stdout
    rows = {r["number"]: r for r in json.loads(drafter("status", "--format", "json", "--today", TODAY).stdout)
            ["questions"]}
    (five,) = (project / "out").glob("*-vraag-5-*.docx")
    assert rows[5]["drafted"] == dt.datetime.fromtimestamp(five.stat().st_mtime).isoformat(timespec="seconds")
    assert rows[6]["drafted"] == "2024-03-01T09:00:00"  # written by the batch, and not since
    assert rows[4]["drafted"] is None  # never drafted


@pytest.mark.skipif(os.name == "nt", reason="a umask is a POSIX notion")
@pytest.mark.parametrize("umask, mode", [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_init_writes_files_with_the_user_s_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        result = drafter("init", str(tmp_path / "p"), "--quiet")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    files = [p for p in (tmp_path / "p").rglob("*") if p.is_file()]
    assert files and {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}


def test_an_answer_that_cannot_be_read_is_a_row_with_state_error(project):
    make_project(project)
    assert drafter("batch", "--question", "5-6", "--jobs", "1").exit_code == 0
    (five,) = (project / "out").glob("*-vraag-5-*.docx")
    five.write_bytes(b"PK\x03\x04 half a zip")  # a copy that broke off
    result = drafter("status", "--format", "json", "--today", TODAY)
    assert result.exit_code == 1 and "Traceback" not in result.output
    rows = json.loads(result.stdout)["questions"]
    assert [(r["number"], r["state"]) for r in rows] == [(5, "error"), (8, "no draft"), (7, "no draft"),
                                                         (6, "draft"), (4, "no draft")]
    assert rows[0]["message"] == (f"out/{five.name}: the document is damaged: its zip package is incomplete (cut off "
                                  "while it was copied or saved?). Open it in Word; if Word repairs it, save it and "
                                  "verify again.")
    assert rows[0]["late"] is False and rows[0]["file"] == five.name
    assert result.stderr.splitlines() == [f"error: {rows[0]['message']}",
                                          "error: 1 question cannot be read; it is listed with state error"]

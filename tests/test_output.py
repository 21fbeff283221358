"""What counts as an edit, and which files drafter may replace."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import zipfile

import pytest

from .conftest import files_in, run_cli, run_in


def rewrite_part(path, name, change):
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[name] = change(parts[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def test_an_edit_in_a_footnote_only_is_an_edit(project):
    assert run_in(project, "answer", "-q", "8").exit_code == 0
    (answer,) = (project / "out").glob("*.docx")
    rewrite_part(answer, "word/footnotes.xml", lambda x: x.replace("pagina 9.".encode(), "pagina 9 en 10.".encode()))
    edited = answer.read_bytes()
    result = run_in(project, "answer", "-q", "8")
    assert result.exit_code == 0, result.output
    assert "was edited since drafter made it and was left alone" in result.stdout
    assert answer.read_bytes() == edited
    assert len(files_in(project / "out")) == 2


def test_an_unedited_answer_is_replaced_when_the_data_change(project):
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    csv = project / "data" / "budget.csv"
    csv.write_text(csv.read_text().replace("45800000", "45900000"))
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0 and "replaced the earlier, unedited draft" in result.stdout
    assert len(files_in(project / "out")) == 1


def _sent_and_changed(project):
    """Question 4 drafted, recorded as sent, then its data changed: the answer on disk is as it went out."""
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    (answer,) = (project / "out").glob("*.docx")
    sent = run_cli("sent", "-q", "4", "--date", "15/01/2020", "--register", str(project / "data" / "questions.yaml"))
    assert sent.exit_code == 0, sent.output
    csv = project / "data" / "budget.csv"
    csv.write_text(csv.read_text().replace("45800000", "45900000"))
    return answer, answer.read_bytes()


@pytest.mark.parametrize("command", [["answer", "-q", "4"], ["batch", "-q", "4"]])
def test_an_answer_recorded_as_sent_is_kept_as_it_went_out(project, command):
    """Not edited since drafter made it, but sent: a new draft goes beside it, as beside an edited one."""
    answer, as_sent = _sent_and_changed(project)
    result = run_in(project, *command)
    assert result.exit_code == 0, result.output
    assert answer.read_bytes() == as_sent
    (beside,) = [n for n in files_in(project / "out") if n.endswith(".docx") and n != answer.name]
    assert beside.endswith("-nieuwe-versie.docx")
    if command[0] == "answer":
        assert f"{answer.name} is the answer sent on 2020-01-15 and was left alone" in result.stdout
        assert "drafter update -q 4 --even-if-sent" in result.stdout


def test_force_keeps_the_answer_as_sent_as_a_backup(project):
    answer, as_sent = _sent_and_changed(project)
    result = run_in(project, "answer", "-q", "4", "--force")
    assert result.exit_code == 0, result.output
    assert "the answer sent on 2020-01-15 was kept as" in result.stdout
    (backup,) = [n for n in files_in(project / "out") if "backup" in n]
    assert (project / "out" / backup).read_bytes() == as_sent and answer.read_bytes() != as_sent


def test_the_answer_to_another_question_is_not_replaced(project):
    target = project / "out" / "antwoord.docx"
    common = ["--register", str(project / "data" / "questions.yaml"), "--templates", str(project / "answer_templates"),
              "--output", str(target)]
    assert run_cli("answer", "-q", "5", *common).exit_code == 0
    first = target.read_bytes()
    result = run_cli("answer", "-q", "4", *common)
    assert result.exit_code == 1
    assert "holds drafter's answer to another question, not to 2019-2020/4" in result.stderr
    assert target.read_bytes() == first


def _add_custom_property(data: bytes) -> bytes:
    prop = ('<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="9" name="Behandelaar">'
            '<vt:lpwstr>Ayşe Peeters</vt:lpwstr></property></Properties>')
    return data.replace(b"</Properties>", prop.encode())


def test_an_edit_in_a_custom_property_only_is_an_edit(project):
    """File > Properties > Custom in Word: kept, with or without --force (then after a backup)."""
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    (answer,) = (project / "out").glob("*.docx")
    rewrite_part(answer, "docProps/custom.xml", _add_custom_property)
    edited = answer.read_bytes()
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert "was edited since drafter made it and was left alone" in result.stdout
    assert answer.read_bytes() == edited
    forced = run_in(project, "answer", "-q", "4", "--force")
    assert forced.exit_code == 0 and "the edited file was kept as" in forced.stdout
    (backup,) = (project / "out").glob("*-backup-*.docx")
    assert backup.read_bytes() == edited


def test_drafters_own_record_is_not_an_edit(project):
    """Its own properties hold the fingerprint; an answer made again from unchanged data is up to date."""
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    again = run_in(project, "answer", "-q", "4")
    assert again.exit_code == 0 and "is up to date" in again.stdout


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_answers_are_written_with_the_users_umask(project, umask, mode):
    old = os.umask(umask)
    try:
        result = run_in(project, "answer", "-q", "4")
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    (answer,) = (project / "out").glob("*.docx")
    assert stat.S_IMODE(answer.stat().st_mode) == mode


@pytest.mark.skipif(os.name == "nt", reason="Windows has no flock: there a temporary file is removed when stale")
def test_stale_part_files_of_earlier_runs_are_removed(project):
    """kill -9 leaves a hidden .part file; the next run removes it at once, not a live writer's
    (one that holds its lock) nor another program's."""
    out = project / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out / f".antwoord-2019-2020-vraag-4-x.docx.{dead.pid}.k3j4.part"
    live = out / f".antwoord-2019-2020-vraag-5-x.docx.{os.getppid()}.a1b2.part"
    foreign = out / ".video.mp4.part"
    for path in (stale, live, foreign):
        path.write_bytes(b"half")
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time\n"
                               "f = open(sys.argv[1], 'rb'); fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True)\n"
                               "time.sleep(60)", str(live)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert run_in(project, "answer", "-q", "4").exit_code == 0
        assert not stale.exists()
        assert live.exists() and foreign.exists()
    finally:
        holder.kill()
        holder.wait()
    assert run_in(project, "answer", "-q", "4").exit_code == 0  # its writer is gone now
    assert not live.exists() and foreign.exists()
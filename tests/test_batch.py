"""`drafter batch`: many answers, spread over processes, never a lost edit or a broken file."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

from benchmarks.bench_batch import multiply_register
from drafter import oxml
from drafter.oxml import opc
from drafter.oxml.paragraph import text_of
from drafter.commands.batch import parse_numbers
from drafter.errors import DataError
from drafter.write.output import ownership
from drafter.paths import answer_file_name
from drafter.pipeline import Generator
from drafter.load.register import load_register

from .conftest import files_in, need_libreoffice, pdf_text, run_cli, run_in, validate_docx

TITLE = "Bedrijfsclusters - Subsidies"
YEARS = ("2019-2020", "2020-2021")


def name(number: int) -> str:
    """The answer file of copy `number` of the example question (see multiply_register)."""
    return answer_file_name(YEARS[(number - 1) % 2], number, TITLE)


def register_of(project: Path, count: int) -> Path:
    register = project / "data" / "questions.yaml"
    multiply_register(register, count, YEARS)
    return register


def batch(project: Path, *args: str):
    return run_in(project, "batch", *args)


def run_into(project: Path, output: Path, *args: str):
    """`drafter` with the project copy's register and templates, writing into output."""
    return run_cli(*args, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(output))


def manifest_of(result) -> dict:
    """The manifest the run names at the end of its output."""
    found = re.search(r"^manifest: (\S+)$", result.stdout, re.M)
    assert found, result.stdout
    return json.loads(Path(found.group(1)).read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answers_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("antwoord-*.docx"))


def edit_in_word(path: Path, text: str = "Aangepast door de administratie.") -> bytes:
    """What a civil servant does: open the answer, add a sentence, save."""
    document = docx.Document(str(path))
    document.paragraphs[4].add_run(" " + text)
    document.save(str(path))
    return path.read_bytes()


def expected_bytes(project: Path, numbers, created=None) -> dict[str, bytes]:
    """The answers made in this process, one by one, without writing anything."""
    reg = load_register(project / "data" / "questions.yaml")
    generator = Generator(reg, project / "answer_templates", created=created)
    return {name(n): generator.generate(reg.find(n)).data for n in numbers}


# --------------------------------------------------------------------------- selection and manifest


def test_batch_writes_every_answer_and_a_manifest_that_matches_the_disk(project):
    register_of(project, 6)
    result = batch(project, "--jobs", "2")
    assert result.exit_code == 0, result.output
    out = project / "out"
    assert answers_in(out) == sorted(name(n) for n in range(1, 7))
    assert re.search(r"│ written\s+│\s+6 │", result.stdout), result.stdout

    manifest = manifest_of(result)
    assert manifest["state"] == "finished" and manifest["counts"] == {"written": 6}
    assert Path(manifest["folder"]) == out.resolve()
    assert [(a["question"]["zittingsjaar"], a["question"]["number"]) for a in manifest["answers"]] == sorted(
        (YEARS[(n - 1) % 2], n) for n in range(1, 7))
    data = project / "data"
    for entry in manifest["answers"]:
        written = out / entry["file"]
        assert entry["status"] == "written"
        assert entry["sha256"] == sha256(written) and entry["size"] == written.stat().st_size
        inputs = entry["inputs"]
        assert inputs["template"] == {"file": str((project / "answer_templates" / "bedrijfsclusters.docx").resolve()),
                                      "sha256": sha256(project / "answer_templates" / "bedrijfsclusters.docx")}
        assert inputs["register"]["sha256"] == sha256(data / "questions.yaml")
        assert inputs["notes"]["sha256"] == sha256(data / "notes.yaml")
        assert {k: (Path(v["file"]).name, v["sha256"]) for k, v in inputs["data"].items()} == {
            "budget": ("budget.csv", sha256(data / "budget.csv")),
            "shares": ("support_by_size.csv", sha256(data / "support_by_size.csv")),
            "evaluation": ("evaluation.yaml", sha256(data / "evaluation.yaml")),
        }
        # the example question names no date, asker or minister: the draft says so
        assert [w["severity"] for w in entry["warnings"]] == ["warning"]
        assert "placeholders" in entry["warnings"][0]["message"]
    validate_docx(out / name(1))
    assert len(docx.Document(str(out / name(6))).tables) == 1


def test_selection_by_year_numbers_and_template(project):
    register = register_of(project, 10)
    shutil.copy(project / "answer_templates" / "bedrijfsclusters.docx", project / "answer_templates" / "kort.docx")
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("template: bedrijfsclusters.docx", "template: kort.docx", 2), encoding="utf-8")

    result = batch(project, "--year", "2019-2020", "--numbers", "1-6,9,12")  # no question 12: nothing is made
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert ("error: data/questions.yaml: the register has no question 12 in zittingsjaar 2019-2020; nothing was "
            "written") in result.stderr
    assert files_in(project / "out") == []
    result = batch(project, "--year", "2019-2020", "--numbers", "1-6,9")  # a range: the numbers the register has
    assert result.exit_code == 0, result.output
    assert answers_in(project / "out") == sorted(name(n) for n in (1, 3, 5, 9))
    assert "no question" not in result.stderr

    shutil.rmtree(project / "out")
    result = batch(project, "--template", "kort.docx")
    assert result.exit_code == 0, result.output
    assert answers_in(project / "out") == sorted(name(n) for n in (1, 2))
    assert manifest_of(result)["options"]["selection"] == {"years": [], "numbers": "", "templates": ["kort.docx"]}


def test_a_selection_that_matches_nothing_is_one_clear_message(project):
    result = batch(project, "--year", "2030-2031")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "no question in the register matches zittingsjaar 2030-2031" in result.stderr
    assert "4 (2019-2020, bedrijfsclusters.docx)" in result.stderr
    assert files_in(project / "out") == []


def test_numbers_are_read_like_a_person_writes_them(project):
    numbers = parse_numbers("4,7-9")
    assert [n for n in range(12) if n in numbers] == [4, 7, 8, 9]
    assert str(numbers) == "4,7-9" and numbers.unmatched({4, 8}) == [] and numbers.unmatched({8}) == ["4"]
    assert 999_999_999 in parse_numbers("1-1000000000")  # ranges are not expanded
    assert str(parse_numbers(" 12 , 3 - 4 ")) == "3-4,12"
    result = batch(project, "--numbers", "4,9-7")
    assert result.exit_code == 1
    assert "--numbers '4,9-7': '9-7' is not a number or a range of numbers" in result.stderr
    assert "--numbers 4,7-9" in result.stderr and "Traceback" not in result.output
    assert files_in(project / "out") == []


# --------------------------------------------------------------------------- reproducible


def test_identical_inputs_give_identical_bytes(project):
    register_of(project, 4)
    first = run_in(project, "batch", "--jobs", "2")
    assert first.exit_code == 0, first.output
    second = run_into(project, project / "again", "batch", "--jobs", "1")
    assert second.exit_code == 0, second.output
    names = answers_in(project / "out")
    assert names == answers_in(project / "again") and len(names) == 4
    for file_name in names:
        assert (project / "out" / file_name).read_bytes() == (project / "again" / file_name).read_bytes()
    # `drafter answer` makes the same bytes as the batch
    single = run_into(project, project / "single", "answer", "--question", "3")
    assert single.exit_code == 0, single.output
    assert (project / "single" / name(3)).read_bytes() == (project / "out" / name(3)).read_bytes()
    assert (project / "out" / name(3)).read_bytes() == expected_bytes(project, [3])[name(3)]
    # a second batch finds every answer up to date and touches nothing
    before = {n: (project / "out" / n).stat().st_mtime_ns for n in names}
    third = run_in(project, "batch")
    assert third.exit_code == 0 and manifest_of(third)["counts"] == {"unchanged": 4}
    assert {n: (project / "out" / n).stat().st_mtime_ns for n in names} == before


def test_an_explicit_date_is_the_only_date_and_gives_the_same_bytes_each_time(project):
    register_of(project, 2)
    for folder in ("a", "b"):
        result = run_into(project, project / folder, "batch", "--date", "2019-10-21")
        assert result.exit_code == 0, result.output
    a, b = project / "a" / name(1), project / "b" / name(1)
    assert a.read_bytes() == b.read_bytes()
    assert docx.Document(str(a)).core_properties.created.isoformat() == "2019-10-21T00:00:00+00:00"
    with zipfile.ZipFile(a) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


# --------------------------------------------------------------------------- edits


def test_an_edited_answer_survives_a_new_batch(project):
    register_of(project, 3)
    assert batch(project).exit_code == 0
    edited = edit_in_word(project / "out" / name(2))
    assert ownership(project / "out" / name(2)) == "edited"

    result = batch(project, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert (project / "out" / name(2)).read_bytes() == edited
    newer = project / "out" / name(2).replace(".docx", "-nieuwe-versie.docx")
    assert newer.read_bytes() == expected_bytes(project, [2])[name(2)]
    assert "was edited since drafter made it and was left alone" in result.stdout
    assert newer.name in result.stdout
    entry = next(a for a in manifest_of(result)["answers"] if a["question"]["number"] == 2)
    assert (entry["status"], entry["file"], entry["kept"]) == ("beside", newer.name, name(2))
    assert entry["sha256"] == sha256(newer)
    assert manifest_of(result)["counts"] == {"beside": 1, "unchanged": 2}


def test_force_keeps_a_backup_of_the_edited_answer_then_replaces_it(project):
    register_of(project, 3)
    assert batch(project).exit_code == 0
    edited = edit_in_word(project / "out" / name(2))

    result = batch(project, "--force")
    assert result.exit_code == 0, result.output
    assert (project / "out" / name(2)).read_bytes() == expected_bytes(project, [2])[name(2)]
    backups = sorted((project / "out").glob("*-backup-*.docx"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert backups[0].name.startswith(name(2)[:-5] + "-backup-")
    entry = next(a for a in manifest_of(result)["answers"] if a["question"]["number"] == 2)
    assert (entry["status"], entry["backup"]) == ("backed-up", backups[0].name)
    assert not list((project / "out").glob("*nieuwe-versie*"))


def test_answer_command_keeps_edits_too(project):
    target = project / "out" / "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    draft = target.read_bytes()
    edited = edit_in_word(target)

    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == edited
    newer = target.with_name(target.stem + "-nieuwe-versie.docx")
    assert newer.read_bytes() == draft and "was left alone" in result.stdout

    result = run_in(project, "answer", "-q", "4", "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() == draft
    backup = next((project / "out").glob("*-backup-*.docx"))
    assert backup.read_bytes() == edited and backup.name in result.stdout


# --------------------------------------------------------------------------- bad input


def test_a_failing_question_does_not_stop_the_others(project):
    register = register_of(project, 4)
    budget = project / "data" / "budget.csv"
    (project / "data" / "budget_q3.csv").write_text(
        budget.read_text(encoding="utf-8").replace("58000000", "58 miljoen", 1), encoding="utf-8")
    text = register.read_text(encoding="utf-8")
    parts = text.split("- zittingsjaar:")
    parts[3] = parts[3].replace("budget: budget.csv", "budget: budget_q3.csv")  # question 3
    register.write_text("- zittingsjaar:".join(parts), encoding="utf-8")

    result = batch(project, "--jobs", "2")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert answers_in(project / "out") == sorted(name(n) for n in (1, 2, 4))
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == ["error: question 3 (2019-2020): data/budget_q3.csv, row 8, column 'amount': '58 miljoen' "
                      "is not an amount. Write a number (14250000), 'n.v.t.' when it does not apply, or leave it empty."]
    assert re.search(r"│ failed\s+│\s+1 │", result.stdout)
    manifest = manifest_of(result)
    assert manifest["counts"] == {"failed": 1, "written": 3}
    failed = next(a for a in manifest["answers"] if a["status"] == "failed")
    assert failed["question"]["number"] == 3 and failed["file"] is None
    assert failed["problems"][0]["file"] == "data/budget_q3.csv" and failed["problems"][0]["place"] == "row 8, column 'amount'"


def test_a_question_the_register_cannot_read_fails_alone(project):
    register = register_of(project, 3)
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("\n  number: 2\n", "\n  number: twee\n", 1), encoding="utf-8")
    line = text[: text.index("\n  number: 2\n")].count("\n") + 2

    result = batch(project)
    assert result.exit_code == 1
    assert answers_in(project / "out") == sorted(name(n) for n in (1, 3))
    assert f"data/questions.yaml, line {line}: question: 'number' must be a whole number, not 'twee'" in result.stderr
    # `drafter answer` still refuses a register with a mistake in it
    single = run_into(project, project / "single", "answer", "-q", "1")
    assert single.exit_code == 1 and "not 'twee'" in single.stderr


def test_a_question_in_the_register_twice_is_drafted_neither_time(project):
    register = register_of(project, 3)
    text = register.read_text(encoding="utf-8")
    head, first, second, third = text.split("- zittingsjaar:")
    # copy 3 of the example gets the number of copy 1, in the same zittingsjaar
    third = third.replace("\n  number: 3\n", "\n  number: 1\n", 1)
    text = "- zittingsjaar:".join([head, first, second, third])
    register.write_text(text, encoding="utf-8")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("- zittingsjaar:")]
    lines = [starts[0], starts[2]]

    result = batch(project)
    assert result.exit_code == 1
    assert answers_in(project / "out") == [name(2)]
    message = (f"data/questions.yaml, line {lines[1]}: question 1 of 2019-2020 (minister N.N.) is in the register "
               f"twice, at line {lines[0]} and at line {lines[1]}")
    assert result.stderr.count(message) == 1, result.stderr
    manifest = manifest_of(result)
    assert manifest["counts"] == {"failed": 1, "written": 1}
    assert [a["question"]["number"] for a in manifest["answers"] if a["status"] == "failed"] == [1]
    # check says the same, and so does answer
    checked = run_in(project, "check")
    assert checked.exit_code == 1 and message in checked.stdout + checked.stderr
    single = run_into(project, project / "single", "answer", "-q", "1")
    assert single.exit_code == 1 and message in single.stderr and not (project / "single").exists()


def test_two_questions_that_would_share_a_file_name_are_not_written_over_each_other(project):
    register = register_of(project, 2)
    text = register.read_text(encoding="utf-8")
    head, first, second = text.split("- zittingsjaar:")
    # the same number and title to another minister: a different question, the same file name
    second = second.replace("2020-2021", "2019-2020", 1).replace("\n  number: 2\n", "\n  number: 1\n", 1)
    second = second.replace("name: N.N.", "name: Jo Brouns", 1)
    register.write_text("- zittingsjaar:".join([head, first, second]), encoding="utf-8")
    line = text.count("\n", 0, text.rindex("- zittingsjaar:")) + 1

    result = batch(project, "--jobs", "2")
    assert result.exit_code == 1
    assert answers_in(project / "out") == [name(1)]
    assert (f"error: question 1 (2019-2020): data/questions.yaml, line {line}: question 1 (2019-2020) would be "
            f"written to the same file as question 1 (2019-2020) (line 4): {name(1)}") in result.stderr


def test_a_broken_notes_file_stops_the_batch_before_anything_is_written(project):
    register_of(project, 3)
    (project / "data" / "notes.yaml").write_text("- a list\n- not notes\n", encoding="utf-8")
    result = batch(project, "--jobs", "2")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "error: data/notes.yaml: the notes file must map keys to texts (key: text)"]
    assert files_in(project / "out") == []


def test_an_output_folder_that_cannot_be_written_is_one_message(project):
    register_of(project, 3)
    (project / "a-file").write_text("not a folder")
    result = run_into(project, project / "a-file" / "answers", "batch")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        "error: a-file/answers: cannot create the output folder (a part of the path is a file, not a folder). "
        "Choose another folder with --output."]


def test_a_full_disk_fails_each_answer_and_leaves_nothing_half_written(project, monkeypatch):
    register_of(project, 3)
    real_fsync = os.fsync

    def full_for_answers(fd):
        if os.path.basename(os.readlink(f"/proc/self/fd/{fd}")).startswith(".antwoord-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    if not Path("/proc/self/fd").exists():
        pytest.skip("needs /proc to tell the answers' temporary files")
    monkeypatch.setattr(os, "fsync", full_for_answers)
    result = batch(project, "--jobs", "1")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 3
    assert all("cannot write in the output folder (the disk is full)" in e for e in errors)
    assert answers_in(project / "out") == []
    assert [p.name for p in (project / "out").iterdir() if not p.name.startswith("drafter-manifest-")] == []
    assert manifest_of(result)["counts"] == {"failed": 3}


def test_pdf_without_libreoffice_is_a_clear_message_before_any_work(project, monkeypatch):
    empty = project / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = batch(project, "--pdf")
    assert result.exit_code == 1
    assert "LibreOffice is not installed, so no PDF can be made" in result.stderr
    assert files_in(project / "out") == []


# --------------------------------------------------------------------------- crashes and company


def _start_batch(project: Path, output: Path, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "drafter", "batch", "--register", str(project / "data" / "questions.yaml"),
           "--templates", str(project / "answer_templates"), "--output", str(output), *extra]
    # as from a terminal: a run started under nohup (SIGHUP ignored) or in a shell's background
    # (SIGINT ignored) rightly leaves that signal alone, so the test gives both their defaults
    return subprocess.Popen(cmd, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                            preexec_fn=_signals_as_from_a_terminal)


def _signals_as_from_a_terminal() -> None:
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _gone(group: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False


def assert_whole_answers(folder: Path, expected: dict[str, bytes], validate: bool = True) -> list[str]:
    """Every .docx is a complete answer, byte for byte the one an uninterrupted run makes."""
    names = answers_in(folder)
    for file_name in names:
        path = folder / file_name
        assert path.read_bytes() == expected[file_name], file_name
        assert len(docx.Document(str(path)).paragraphs) > 10
        assert ownership(path) == "unedited"
        if validate:
            validate_docx(path)
    for path in folder.iterdir():
        assert path.suffix != ".docx" or path.name in expected, f"unexpected {path.name}"
        if path.name.startswith("drafter-manifest-"):
            json.loads(path.read_text(encoding="utf-8"))  # whole, whatever the moment
    return names


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX signals")
def test_a_killed_batch_leaves_only_whole_valid_documents(project):
    total = 400
    register_of(project, total)
    expected = expected_bytes(project, range(1, total + 1))
    out = project / "out"
    proc = _start_batch(project, out, "--jobs", "2")
    try:
        deadline = time.monotonic() + 60
        while len(list(out.glob("antwoord-*.docx"))) < 100:
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the batch wrote nothing within 60 s"
            time.sleep(0.002)
        os.kill(proc.pid, signal.SIGKILL)  # drafter itself, mid-run, as `kill -9` does
        proc.wait()
        assert _gone(proc.pid), "worker processes outlived the killed batch"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    made = assert_whole_answers(out, expected)
    print(f"killed after {len(made)} of {total} answers; left: {sorted(p.name for p in out.glob('.*'))}")
    assert 100 <= len(made) < total, f"the batch was not killed mid-run ({len(made)} of {total} answers)"

    # the next run completes the work and leaves what is already there untouched
    result = batch(project, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert assert_whole_answers(out, expected, validate=False) == sorted(expected)
    manifest = manifest_of(result)
    assert manifest["counts"] == {"unchanged": len(made), "written": total - len(made)}
    assert all(a["sha256"] == sha256(out / a["file"]) for a in manifest["answers"])


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX signals")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_ends_the_run_cleanly_and_says_so_in_the_manifest(project, jobs):
    total = 400
    register_of(project, total)
    expected = expected_bytes(project, range(1, total + 1))
    out = project / "out"
    proc = _start_batch(project, out, "--jobs", jobs)
    try:
        while len(list(out.glob("antwoord-*.docx"))) < 50:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.002)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C on a terminal does: every process of the group
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, (stdout, stderr)
    assert b"Traceback" not in stderr
    assert b"interrupted: the answers above were made; no half-written file is left behind" in stdout
    made = assert_whole_answers(out, expected, validate=False)
    assert 50 <= len(made) < total
    manifest = json.loads(next(out.glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    assert manifest["state"] == "interrupted" and manifest["finished"]
    assert sorted(a["file"] for a in manifest["answers"]) == made  # every answer written is in it
    assert all(a["sha256"] == sha256(out / a["file"]) for a in manifest["answers"])


def test_two_runs_at_the_same_time_do_not_corrupt_each_other(project):
    total = 150
    register_of(project, total)
    expected = expected_bytes(project, range(1, total + 1))
    out = project / "out"
    runs = [_start_batch(project, out, "--jobs", "1") for _ in range(2)]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    assert assert_whole_answers(out, expected, validate=False) == sorted(expected)
    manifests = sorted(out.glob("drafter-manifest-*.json"))
    assert len(manifests) == 2  # each run keeps its own
    counts = [json.loads(m.read_text(encoding="utf-8"))["counts"] for m in manifests]
    assert sum(c.get("written", 0) for c in counts) == total  # each answer written once
    assert all(set(c) <= {"written", "unchanged"} for c in counts)


def test_pdf_beside_each_answer(project):
    need_libreoffice()
    register_of(project, 2)
    result = batch(project, "--pdf", "--allow-gaps", "--jobs", "2")  # the example answers have gaps (N.N., no date)
    assert result.exit_code == 0, result.output
    for n in (1, 2):
        pdf = project / "out" / name(n).replace(".docx", ".pdf")
        assert f"op vraag nr. {n} van [datum onbekend]" in " ".join(pdf_text(pdf).split())
    assert [a["pdf"] for a in manifest_of(result)["answers"]] == [name(n).replace(".docx", ".pdf") for n in (1, 2)]


# --------------------------------------------------------------------------- what makes it fast


def test_a_long_lived_generator_sees_a_changed_data_file(project):
    reg = load_register(project / "data" / "questions.yaml")
    generator = Generator(reg, project / "answer_templates")
    q = reg.find(4)

    def text(data: bytes) -> str:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return text_of(oxml.parse(archive.read(opc.MAIN_DOCUMENT)))

    assert "58.000.000" in text(generator.generate(q).data)
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace("58000000", "59000000"), encoding="utf-8")
    os.utime(budget, ns=(time.time_ns(), time.time_ns() + 10**9))
    after = text(generator.generate(q).data)
    assert "59.000.000" in after and "58.000.000" not in after


def test_the_plan_holds_the_selected_questions_of_the_register(project):
    from drafter.commands.batch import Selection, plan

    register_of(project, 12)
    reg = load_register(project / "data" / "questions.yaml", lenient=True)
    everything = plan(reg, Selection())
    assert everything.questions == reg.questions and everything.failed == () and everything.total == 12
    assert plan(reg, Selection(numbers=parse_numbers("7"))).questions == (reg.find(7),)


def test_the_fast_yaml_reader_keeps_every_line(project):
    import yaml

    from drafter.load import yamlfile

    if yamlfile._FastLoader is None:
        pytest.skip("PyYAML without libyaml")
    text = (project / "data" / "questions.yaml").read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=yamlfile._FastLoader)
    slow = yaml.load(text, Loader=yamlfile._Loader)
    assert fast == slow

    def lines(node):
        if isinstance(node, dict):
            return (node.line, node.lines, [lines(v) for v in node.values()])
        if isinstance(node, list):
            return (node.line, node.lines, [lines(v) for v in node])
        return None

    assert lines(fast) == lines(slow)
    assert fast["questions"][0].line_of("template") == text[: text.index("template:")].count("\n") + 1


STREAMED = [
    "", "# only a comment\n", "---\n", "a: 1\nb: [1, 2, {c: d}]\n",
    "x: &A {p: 1, q: [2]}\ny: *A\nz: [*A, *A]\n",  # aliases: the same value, at the anchor's line
    "d: 2019-10-07\nt: 2019-10-07 10:00:00\nb: [yes, No, true, FALSE, on, ~, null, 1.5, 0x10, '5', !!str 7]\n",
    "k: &K key\n*K : v\n", "- a\n- - b\n  - c\n- {}\n- []\n", "a: |\n  multi\n  line\nb: >\n  folded\n",
]
#: What the streaming reader leaves to PyYAML's loader (which reads them, or says what is wrong).
NOT_STREAMED = [
    "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2\n", "!!set {a, b}\n", "a: 1\n---\nb: 2\n", "r: &r [*r]\n",
    "a: 1\na: 2\n", "? [1]\n: 2\n",
]


def test_the_streaming_yaml_reader_gives_what_the_loader_gives(project):
    """yamlfile._stream builds values from libyaml's events without the node tree of the
    whole file: the same values, types, lines and key lines as the loader's."""
    import yaml

    from drafter.load import yamlfile

    if yamlfile._FastLoader is None:
        pytest.skip("PyYAML without libyaml")

    def shape(value):
        if isinstance(value, dict):
            return (type(value), value.line, value.lines, value.key_lines, [(k, shape(v)) for k, v in value.items()])
        if isinstance(value, list):
            return (type(value), value.line, value.lines, [shape(v) for v in value])
        return (type(value), value)

    files = [project / "data" / name for name in ("questions.yaml", "notes.yaml", "evaluation.yaml")]
    for text in [f.read_text(encoding="utf-8") for f in files] + STREAMED:
        streamed = yamlfile._stream(text)
        assert shape(streamed) == shape(yaml.load(text, Loader=yamlfile._FastLoader)), text
    aliased = yamlfile._stream(STREAMED[4])
    assert aliased["y"] is aliased["x"] and aliased["z"][1] is aliased["x"]
    for text in NOT_STREAMED:
        with pytest.raises(yamlfile._NotPlain):
            yamlfile._stream(text)
    path = project / "data" / "merged.yaml"
    path.write_text(NOT_STREAMED[0], encoding="utf-8")
    assert yamlfile.load_yaml(path) == {"base": {"x": 1}, "m": {"x": 1, "y": 2}}
    path.write_text("d: 2019-13-45\n", encoding="utf-8")
    with pytest.raises(DataError, match="not a date"):
        yamlfile.load_yaml(path)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_end_the_run_like_ctrl_c(project, signum):
    """`kill <pid>` or a closed terminal: the manifest is finished as 'interrupted', not left 'running'."""
    total = 300
    register_of(project, total)
    out = project / "out"
    proc = _start_batch(project, out, "--jobs", "2")
    try:
        while len(list(out.glob("antwoord-*.docx"))) < 30:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.002)
        os.kill(proc.pid, signum)  # the drafter process only, as `kill` does
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, (stdout, stderr)
    assert b"Traceback" not in stderr
    manifest = json.loads(next(out.glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    assert manifest["state"] == "interrupted" and manifest["finished"]
    assert sorted(a["file"] for a in manifest["answers"]) == answers_in(out)
    assert _gone(proc.pid)


def test_a_full_disk_when_the_manifest_is_written_is_a_message(project, monkeypatch):
    """ENOSPC at the manifest's last write: the answers are made, one message says what is missing, exit 1."""
    from drafter.write import manifest as manifests

    real = manifests.replace_file

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(manifests, "replace_file", full)
    register_of(project, 3)
    result = batch(project, "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
    assert re.search(r"error: out/drafter-manifest-\d{8}-\d{6}\.json: cannot write the manifest of the run "
                     r"\(the disk is full\)", result.stderr), result.stderr
    assert len(answers_in(project / "out")) == 3
    assert real is not full


def test_a_full_disk_for_an_answer_fails_that_answer_only(project, monkeypatch):
    from drafter.write import output

    real = output.staged

    def full_for_question_2(folder, name, data):
        if "vraag-2-" in name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(folder, name, data)

    monkeypatch.setattr(output, "staged", full_for_question_2)
    register_of(project, 3)
    result = batch(project, "--jobs", "1")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert "cannot write in the output folder (the disk is full)" in result.stderr
    manifest = json.loads(next((project / "out").glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    assert manifest["state"] == "finished"
    assert sorted(a["status"] for a in manifest["answers"]) == ["failed", "written", "written"]


def test_batch_prints_the_warnings_grouped_by_answer(project):
    register_of(project, 2)
    result = batch(project, "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("2 answer(s) have warnings, a person should look:")
    assert lines[start + 1].strip().startswith("question 1 (")
    assert "warning: data/questions.yaml, line " in lines[start + 2] and "placeholders" in lines[start + 2]

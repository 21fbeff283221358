"""The register as a shared file: twenty intakes started at once all land; a register that is a
symbolic link is changed at its target; a read-only or locked register is refused with a
message; and whatever the register's layout (the questions not the last block, a block
scalar keeping its newlines, a document-end marker, no questions yet, CRLF), the new entry is
the only difference: the old text stays byte for byte."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
import time

import pytest

from drafter.load.register import load_register
from tests.conftest import ROOT
from tests.hostile.intake_support import QUESTION, assert_refused, header_lines, intake, snapshot


def question_text(number: int, title: str = "Clusterbeleid - Evaluatie") -> str:
    q = dict(QUESTION, number=number)
    return "\n".join(header_lines(q)) + f"\n\n{title} {number}\n\nDe inleiding.\n\n1. De vraag?\n"


def only_inserted(old: str, new: str) -> list[str]:
    """The lines new adds to old; fails when new changes or removes any of old's."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(keepends=True), b=new.splitlines(keepends=True),
                                      autojunk=False)
    added = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        assert tag in ("equal", "insert"), f"{tag}: {old.splitlines()[i1:i2]} -> {new.splitlines()[j1:j2]}"
        if tag == "insert":
            added += new.splitlines(keepends=True)[j1:j2]
    return added


def test_twenty_intakes_at_the_same_moment_all_land(project, tmp_path):
    register = project / "data" / "questions.yaml"
    old = register.read_text(encoding="utf-8")
    sources = []
    for n in range(201, 221):
        source = tmp_path / f"vraag-{n}.txt"
        source.write_text(question_text(n), encoding="utf-8")
        sources.append(source)
    command = [sys.executable, "-m", "drafter", "intake", "--register", str(register),
               "--templates", str(project / "answer_templates")]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = [subprocess.Popen(command + [str(s)], cwd=project, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for s in sources]
    results = [(run.wait(timeout=600), run.stderr.read()) for run in runs]
    for run in runs:
        run.stdout.close()
        run.stderr.close()
    assert [code for code, _err in results] == [0] * 20, [err for code, err in results if code]
    numbers = sorted(q.number for q in load_register(register).questions if q.zittingsjaar == "2023-2024")
    assert numbers == list(range(201, 221))
    new = register.read_text(encoding="utf-8")
    assert new.startswith(old)  # the old register, byte for byte, then the twenty entries
    assert sum(line.startswith("  - zittingsjaar: 2023-2024") for line in only_inserted(old, new)) == 20
    assert not [p for p in register.parent.iterdir() if p.name.endswith(".part")]


def test_five_intakes_of_one_question_at_once_add_it_once(project, tmp_path):
    register = project / "data" / "questions.yaml"
    source = tmp_path / "vraag.txt"
    source.write_text(question_text(301), encoding="utf-8")
    command = [sys.executable, "-m", "drafter", "intake", str(source), "--register", str(register),
               "--templates", str(project / "answer_templates")]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = _at_once(command, project, env, 5)
    assert sorted(r.returncode for r in runs) == [0, 1, 1, 1, 1]
    assert all("is already in the register" in r.stderr for r in runs if r.returncode)
    assert [q.number for q in load_register(register).questions].count(301) == 1


def _at_once(command, cwd, env, count):
    runs = [subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(count)]
    out = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=600)
        out.append(subprocess.CompletedProcess(command, run.returncode, stdout, stderr))
    return out


def test_a_symlinked_register_is_changed_at_its_target(project, tmp_path):
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    register = project / "data" / "questions.yaml"
    target = shared / "questions.yaml"
    register.rename(target)
    register.symlink_to(target)
    old = target.read_text(encoding="utf-8")
    source = tmp_path / "vraag.txt"
    source.write_text(question_text(147), encoding="utf-8")
    result = intake(project, str(source))
    assert result.exit_code == 0, result.output
    assert register.is_symlink() and register.resolve() == target.resolve()  # still the link, to the same file
    assert only_inserted(old, target.read_text(encoding="utf-8"))[1] == "  - zittingsjaar: 2023-2024\n"
    assert load_register(register).find(147, "2023-2024").title == "Clusterbeleid - Evaluatie 147"
    assert not [p for p in shared.iterdir() if p.name.endswith(".part")]


def test_a_read_only_register_is_refused(project, tmp_path):
    register = project / "data" / "questions.yaml"
    source = tmp_path / "vraag.txt"
    source.write_text(question_text(147), encoding="utf-8")
    register.chmod(0o444)
    try:
        before = snapshot(project)
        assert_refused(intake(project, str(source)), project, before,
                       "data/questions.yaml: the register is read-only, so drafter does not change it; nothing was "
                       "written", "Make the file writable")
    finally:
        register.chmod(0o644)


def test_a_read_only_target_of_a_symlinked_register_is_refused(project, tmp_path):
    target = tmp_path / "elders.yaml"
    register = project / "data" / "questions.yaml"
    register.rename(target)
    register.symlink_to(target)
    target.chmod(0o444)
    source = tmp_path / "vraag.txt"
    source.write_text(question_text(147), encoding="utf-8")
    try:
        before = snapshot(tmp_path)
        assert_refused(intake(project, str(source)), tmp_path, before, "elders.yaml: the register is read-only")
    finally:
        target.chmod(0o644)


def test_a_register_another_drafter_keeps_locked_is_refused_after_waiting(project, tmp_path, monkeypatch):
    from drafter.write import register as editor

    monkeypatch.setattr(editor, "LOCK_SECONDS", 1.0)
    register = project / "data" / "questions.yaml"
    lock = register.with_name(".questions.yaml.lock")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time, filelock\n"
        f"with filelock.FileLock({str(lock)!r}):\n"
        "    print('held', flush=True)\n"
        "    time.sleep(30)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        source = tmp_path / "vraag.txt"
        source.write_text(question_text(147), encoding="utf-8")
        before = snapshot(project)
        started = time.monotonic()
        assert_refused(intake(project, str(source)), project, before,
                       "data/questions.yaml: another drafter has been changing the register for 1 seconds; nothing "
                       "was written", ".questions.yaml.lock")
        assert time.monotonic() - started < 10
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


# --- the register's layouts: the entry is the only difference


LAYOUTS = {
    "questions-not-last": lambda text: _settings_last(text),
    "keep-block-scalar-last": lambda text: _last_text_kept(text, "\n\n\n"),
    "keep-block-scalar-at-the-end-of-the-file": lambda text: _last_text_kept(text, ""),
    "document-end-marker": lambda text: text.rstrip("\n") + "\n...\n# na het einde van het register\n",
    "windows-line-endings-and-byte-order-mark": lambda text: "\ufeff" + text.replace("\n", "\r\n"),
    "no-final-line-break": lambda text: text.rstrip("\n"),
    "quotes-and-colons": lambda text: text.replace("    title: Bedrijfsclusters - Subsidies\n",
                                                   "    title: 'Bedrijfsclusters: Subsidies'   # quoted\n"),
}


def _last_text_kept(text: str, blank_lines: str) -> str:
    """The register's last text as a block scalar that keeps its line breaks (|+)."""
    last = "          after: De definitieve cijfers voor 2019 moeten nog verwerkt worden.\n"
    assert text.endswith(last)
    return text[: -len(last)] + "          after: |+\n            De definitieve cijfers voor 2019\n" \
        "            moeten nog verwerkt worden.\n" + blank_lines


def _settings_last(text: str) -> str:
    settings = "locale: nl_BE\nnotes: notes.yaml            # note texts, by key\n"
    assert settings in text
    return text.replace(settings, "") + '\n# the house settings, last\nlocale: "nl_BE"\nnotes: \'notes.yaml\'  # kept\n'


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_the_entry_is_the_only_difference_whatever_the_layout(project, tmp_path, layout):
    register = project / "data" / "questions.yaml"
    old_bytes = LAYOUTS[layout](register.read_text(encoding="utf-8")).encode("utf-8")
    register.write_bytes(old_bytes)
    before = load_register(register)
    source = tmp_path / "vraag.txt"
    source.write_text(question_text(147), encoding="utf-8")
    result = intake(project, str(source))
    assert result.exit_code == 0, result.output
    new_bytes = register.read_bytes()
    assert new_bytes.startswith(b"\xef\xbb\xbf") == old_bytes.startswith(b"\xef\xbb\xbf")
    old, new = old_bytes.decode("utf-8-sig"), new_bytes.decode("utf-8-sig")
    if layout != "no-final-line-break":
        added = only_inserted(old, new)
    else:  # the last line gets its line break, then the entry follows
        added = only_inserted(old + "\n", new)
    assert [line for line in added if line.strip()][0].rstrip("\r\n") == "  - zittingsjaar: 2023-2024"
    if "\r\n" in old:
        assert "\n" not in new.replace("\r\n", "")
    after = load_register(register)
    assert after.questions[:-1] == before.questions  # every question as it was, its texts to the byte
    assert (after.questions[-1].number, after.questions[-1].title) == (147, "Clusterbeleid - Evaluatie 147")
    assert after.style == before.style and after.notes == before.notes


def test_a_register_whose_questions_are_in_brackets_is_refused(project, tmp_path):
    register = project / "data" / "questions.yaml"
    register.write_text("locale: nl_BE\nquestions: [{zittingsjaar: 2019-2020, number: 4, title: x, "
                        "template: algemeen.docx}]\n", encoding="utf-8")
    source = tmp_path / "vraag.txt"
    source.write_text(question_text(147), encoding="utf-8")
    before = snapshot(project)
    result = intake(project, str(source))
    assert_refused(result, project, before, "data/questions.yaml: the questions are written as one list in brackets "
                   "([...]); the register was not changed")
    assert ".part" not in result.stderr and "/tmp" not in result.stderr.replace(str(project), "")

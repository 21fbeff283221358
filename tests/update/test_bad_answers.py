"""Broken, foreign and hostile answers given to `update` and `verify`: one message naming the file
and the place, exit 1, no traceback and no Python names, and nothing written or changed (every
file of the project compared byte for byte before and after); a pipe or a bomb refused at once;
a record damaged by hand read in bounded time.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.oxml import opc

from ..conftest import run_cli, run_in
from ..word.test_edited import NAMES
from .test_update import new_data

ANSWER = NAMES[4]
RECORD = "customXml/item1.xml"
PYTHON_NAMES = re.compile(r"Traceback|internal error|Error\b|<[a-z_.]+ object at|\bdatetime\.|BytesIO|\bNone\b")


def snapshot(project: Path) -> dict[str, bytes]:
    return {str(p.relative_to(project)): p.read_bytes() for p in sorted(project.rglob("*"))
            if p.is_file() and not p.is_symlink() and "lo-profile" not in p.parts}


def assert_refused(result, before: dict[str, bytes], project: Path, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert not PYTHON_NAMES.search(result.output), result.output
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in {result.stderr!r}"
    assert snapshot(project) == before


def rewrite(path: Path, part: str, change) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[part] = change(parts[part])
    path.write_bytes(opc.write_zip(parts))


@pytest.fixture
def answer(project) -> Path:
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    new_data(project)
    return project / "out" / ANSWER


def update(project: Path, *extra: str):
    return run_in(project, "update", "-q", "4", *extra)


def verify(project: Path, path: Path):
    return run_cli("verify", str(path), "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"))


# --------------------------------------------------------------------------- files that are no answer of drafter's


def test_a_docx_drafter_did_not_make(project, answer):
    document = docx.Document()
    document.add_paragraph("Een antwoord, zelf getypt.")
    document.save(str(answer))
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   f"error: out/{ANSWER}: drafter did not make this file (it has no record of drafter's), so it "
                   "cannot be updated")


@pytest.mark.parametrize("damage, needle", [
    (lambda data: data[: len(data) // 2], "the document is damaged: its zip package is incomplete"),
    (lambda data: b"", "not a Word document (.docx): the file is not a zip package"),
    (lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64,
     "the document is protected with a password"),
    (lambda data: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "this is an old Word or Office file (.doc)"),
    (lambda data: "Geachte,\nhier is het antwoord.".encode("utf-8"), "not a Word document (.docx)"),
], ids=["truncated", "empty", "password", "old-doc", "text"])
def test_a_file_that_is_no_readable_docx(project, answer, damage, needle):
    answer.write_bytes(damage(answer.read_bytes()))
    before = snapshot(project)
    assert_refused(update(project), before, project, f"error: out/{ANSWER}: {needle}")
    checked = verify(project, answer)
    assert checked.exit_code == 1 and needle in checked.stdout and not PYTHON_NAMES.search(checked.output)


def test_an_answer_of_another_question(project, answer):
    assert run_in(project, "answer", "-q", "5").exit_code == 0
    other = project / "out" / NAMES[5]
    before = snapshot(project)
    assert_refused(update(project, str(other)), before, project,
                   f"error: out/{NAMES[5]}: this is drafter's answer to question 2019-2020/5, not to 2019-2020/4. "
                   "Give the answer to question 2019-2020/4")


def test_no_answer_yet(project):
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   f"error: out/{ANSWER}: there is no answer to update here. Make the answer first with drafter "
                   "answer -q 4")


def test_an_answer_made_before_figures_were_recorded(project, answer):
    with zipfile.ZipFile(answer) as z:
        parts = {n: z.read(n) for n in z.namelist() if not n.startswith("customXml/")}
    answer.write_bytes(opc.write_zip(parts))
    before = snapshot(project)
    assert_refused(update(project), before, project, "drafter made this answer before it recorded where its figures "
                                                     "stand, so they cannot be updated")


# --------------------------------------------------------------------------- what a person did that update cannot follow


def test_a_table_whose_row_a_person_deleted(project, answer):
    d = docx.Document(str(answer))
    tr = d.tables[0].rows[4]._tr  # 2017
    tr.getparent().remove(tr)
    d.save(str(answer))
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   f"error: out/{ANSWER}, table 1: table 1 was restructured since drafter made it (it had 6 rows, now 5), "
                   "so the new figures cannot be placed in it. Undo that change in Word")


def test_a_table_whose_cells_a_person_merged(project, answer):
    d = docx.Document(str(answer))
    table = d.tables[0]
    table.cell(1, 1).merge(table.cell(1, 2))  # 2014: n.v.t. and n.v.t. in one cell
    d.save(str(answer))
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   f"error: out/{ANSWER}, table 1: table 1 was restructured since drafter made it (row 2 had 3 cells, now 2)")


def test_a_register_entry_changed_since_the_answer_was_drafted(project, answer):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    text = text.replace("    tables:\n      kredieten:\n        data: budget\n        line: clusters\n        years: 2014-2018",
                        "    tables:\n      overzicht:\n        data: budget\n        line: clusters\n        years: 2014-2018", 1)
    text = text.replace("          table: kredieten\n          after: De definitieve",
                        "          table: overzicht\n          after: De definitieve", 1)
    register.write_text(text, encoding="utf-8")
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   "error: data/questions.yaml, line 10: question 4 (2019-2020): the answer out/"
                   f"{ANSWER} shows the table 'kredieten', which the register's entry no longer has (it has "
                   "'overzicht'); the entry was changed since the answer was drafted")


def test_an_answer_open_in_word(project, answer):
    lock = answer.with_name("~$" + ANSWER[2:])
    lock.write_bytes(b"Ayse Peeters")
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   f"error: out/{ANSWER}: this answer is open in another program (Word?), so it cannot be replaced; "
                   "nothing was written. Close it in Word, then run again.")


def test_a_rename_windows_refuses_because_word_holds_the_file(project, answer, monkeypatch):
    from drafter.write import output

    def refuse(src, dst):
        error = PermissionError(13, "Access is denied")
        error.winerror = 32  # ERROR_SHARING_VIOLATION: another program has the file open
        raise error

    monkeypatch.setattr(output.os, "replace", refuse)
    before = snapshot(project)
    assert_refused(update(project), before, project, "this answer is open in another program (Word?)")
    assert not [p for p in (project / "out").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_a_damaged_record(project, answer):
    rewrite(answer, RECORD, lambda data: data.replace(b'raw="14250000.0"', b'raw="veertien"'))
    before = snapshot(project)
    assert_refused(update(project), before, project,
                   "its figure record has a damaged entry (note 'opsplitsing_2016': budget.amount(\"clusters\", 2016, "
                   "\"VAK\") | mln(3)), so its figures cannot be updated safely")


def test_a_pipe_given_as_the_answer_is_refused_at_once(project, answer):
    fifo = project / "out" / "wacht.docx"
    os.mkfifo(fifo)
    before = snapshot(project)
    started = time.monotonic()
    assert_refused(update(project, str(fifo)), before, project, "error: out/wacht.docx: this is not a file but a pipe")
    checked = verify(project, fifo)
    assert checked.exit_code == 1 and "this is not a file but a pipe" in checked.stdout
    assert time.monotonic() - started < 30


def test_a_folder_given_as_the_answer(project, answer):
    before = snapshot(project)
    assert_refused(update(project, str(project / "data")), before, project, "error: data: this is a folder")


# --------------------------------------------------------------------------- hostile records and documents, for verify too


def _record(change):
    return lambda answer: rewrite(answer, RECORD, change)


HOSTILE = {
    "figure number in superscript digits": _record(lambda d: d.replace(b'n="4"', "n=\"\u00b2\"".encode())),
    "figure number of 5000 digits": _record(lambda d: d.replace(b'n="4"', b'n="' + b"9" * 5000 + b'"')),
    "figure number twice": _record(lambda d: d.replace(b'n="7"', b'n="4"')),
    "cell not three numbers": _record(lambda d: d.replace(b'cell="0 3 1"', b'cell="nul drie een"')),
    "cell of huge numbers": _record(lambda d: d.replace(b'cell="0 3 1"', b'cell="0 3 ' + b"9" * 400 + b'"')),
    "position not a number": _record(lambda d: d.replace(b'at="9"', b'at="negen"')),
    "raw value missing": _record(lambda d: d.replace(b' raw="0.45"', b"")),
    "scale not a number": _record(lambda d: d.replace(b'scale="0.01"', b'scale="honderdste"')),
    "record not XML": _record(lambda d: d[:200]),
    "record of another root": _record(lambda d: d.replace(b"<figures ", b"<cijfers ").replace(b"</figures>", b"</cijfers>")),
    "question id of superscript digits": lambda a: rewrite(a, "docProps/custom.xml", lambda d: d.replace(
        b"2019-2020/4", "2019-2020/\u2074".encode())),
    "question id of 5000 digits": lambda a: rewrite(a, "docProps/custom.xml", lambda d: d.replace(
        b"2019-2020/4", b"2019-2020/" + b"4" * 5000)),
    "question id without a year": lambda a: rewrite(a, "docProps/custom.xml", lambda d: d.replace(
        b"2019-2020/4", b"../../4")),
    "question id negative": lambda a: rewrite(a, "docProps/custom.xml", lambda d: d.replace(
        b"2019-2020/4", b"2019-2020/-4")),
    "document truncated": lambda a: rewrite(a, "word/document.xml", lambda d: d[: len(d) // 2]),
    "document with entities": lambda a: rewrite(a, "word/document.xml", lambda d: d.replace(
        b"?>", b'?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>', 1).replace(b"ANTWOORD", b"&c;")),
    "styles not XML": lambda a: rewrite(a, "word/styles.xml", lambda d: b"<w:styles"),
}


#: Damage that verify need not report: the figure it touches is still found by its bookmark.
HARMLESS = {"position not a number"}


@pytest.mark.parametrize("damage", sorted(HOSTILE), ids=sorted(HOSTILE))
def test_a_hostile_answer_is_reported_by_verify_and_refused_by_update(project, answer, damage):
    HOSTILE[damage](answer)
    before = snapshot(project)
    checked = verify(project, answer)
    assert checked.exit_code == 1 or damage in HARMLESS, checked.output
    assert not PYTHON_NAMES.search(checked.output), checked.output
    assert snapshot(project) == before
    result = update(project)
    assert not PYTHON_NAMES.search(result.output), result.output
    if damage in HARMLESS:
        assert result.exit_code == 0, result.output
        return
    assert_refused(result, before, project, "error: ")
    assert result.stderr.startswith(("error: out/", "error: data/questions.yaml")), result.stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(project, answer):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(answer) as original:
            for name in original.namelist():
                z.writestr(name, original.read(name))
        z.writestr("word/media/image1.png", b"\0" * (150 * 1024 * 1024))
    answer.write_bytes(buffer.getvalue())
    before = snapshot(project)
    started = time.monotonic()
    assert_refused(update(project), before, project, "a zip bomb?")
    checked = verify(project, answer)
    assert checked.exit_code == 1 and "a zip bomb?" in checked.stdout
    assert time.monotonic() - started < 60


def test_tens_of_thousands_of_unclosed_bookmarks_are_read_in_linear_time(project, answer):
    marks = "".join(f'<w:bookmarkStart w:id="{i}" w:name="_DrafterFig{i}"/>' for i in range(100, 40100))
    texts = "".join(f"<w:r><w:t>{i}</w:t></w:r>" for i in range(40000))
    rewrite(answer, "word/document.xml", lambda d: d.replace(b"<w:body>", f"<w:body><w:p>{marks}{texts}</w:p>".encode(), 1))
    started = time.monotonic()
    checked = verify(project, answer)
    assert checked.exit_code == 1 and not PYTHON_NAMES.search(checked.output)
    assert time.monotonic() - started < 30


def test_an_answer_changed_while_update_ran_is_not_replaced(tmp_path):
    from drafter.errors import OutputError
    from drafter.write.output import update_file

    answer = tmp_path / "antwoord.docx"
    answer.write_bytes(b"saved in Word meanwhile")
    with pytest.raises(OutputError, match="the answer changed while drafter updated it; nothing was written"):
        update_file(answer, b"as read", b"updated")
    assert answer.read_bytes() == b"saved in Word meanwhile" and sorted(tmp_path.iterdir()) == [answer]
    backup = update_file(answer, b"saved in Word meanwhile", b"updated")
    assert answer.read_bytes() == b"updated" and backup.read_bytes() == b"saved in Word meanwhile"
    assert backup.name.startswith("antwoord-backup-")

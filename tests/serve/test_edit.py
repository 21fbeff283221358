"""Saving typed texts into the register: only that entry changes, a changed entry is never
overwritten unseen (both versions come back), the register is never half written, and every
writer waits for the register's lock."""

from __future__ import annotations

import threading
import time

import pytest
from filelock import FileLock

from drafter.errors import DataError
from drafter.load.register import load_register
from drafter.serve import edit
from drafter.write import register as register_file


def question_4(project):
    return load_register(project / "data/questions.yaml").find(4, "2019-2020")


def typed(q, part: int, text: str) -> edit.Texts:
    texts = edit.texts_of(q)
    before, after = texts.parts[part]
    return edit.Texts(texts.preamble, {**texts.parts, part: (text, after)})


def test_a_save_changes_only_that_part_of_that_entry(project):
    path = project / "data/questions.yaml"
    before = path.read_text(encoding="utf-8")
    q = question_4(project)
    text = "Het antwoord: zie\thieronder."
    saved = edit.save_texts(path, 4, "2019-2020", "N.N.", typed(q, 1, text), edit.entry_hash(path, q))
    assert isinstance(saved, edit.Saved) and saved.changed
    after_text = path.read_text(encoding="utf-8")
    now = question_4(project)
    assert [b.text for b in now.parts[1].blocks] == [text]
    assert [p.blocks for i, p in enumerate(now.parts) if i != 1] == [p.blocks for i, p in enumerate(q.parts) if i != 1]
    # every line outside the part is as it was, comments too
    old_lines, new_lines = before.splitlines(), after_text.splitlines()
    first = next(i for i, (a, b) in enumerate(zip(old_lines, new_lines)) if a != b)
    assert old_lines[:first] == new_lines[:first]
    tail = len(old_lines) - first - 8  # part 2 spans at most 8 lines in the example
    assert old_lines[-tail:] == new_lines[-tail:]
    assert "# Register of written questions" in after_text
    others = load_register(path).questions
    assert [x for x in others if x.number != 4] == [x for x in load_register(path).questions if x.number != 4]


def test_an_entry_changed_since_the_page_showed_it_is_not_overwritten(project):
    path = project / "data/questions.yaml"
    q = question_4(project)
    shown = edit.entry_hash(path, q)
    # a colleague saves part 1 first
    assert edit.save_texts(path, 4, "2019-2020", "N.N.", typed(q, 0, "Hun versie."), shown).changed
    theirs = path.read_bytes()
    mine = typed(q, 0, "Mijn versie.")
    result = edit.save_texts(path, 4, "2019-2020", "N.N.", mine, shown)
    assert isinstance(result, edit.Conflict)
    assert path.read_bytes() == theirs  # nothing written
    assert result.theirs.parts[0][0] == "Hun versie." and result.mine.parts[0][0] == "Mijn versie."
    # choosing mine: saved against the entry as it is now
    again = edit.save_texts(path, 4, "2019-2020", "N.N.", mine, result.hash_now)
    assert isinstance(again, edit.Saved) and again.changed
    assert [b.text for b in question_4(project).parts[0].blocks][0] == "Mijn versie."


def test_a_change_between_the_check_and_the_rename_is_caught(project, monkeypatch):
    path = project / "data/questions.yaml"
    q = question_4(project)
    shown = edit.entry_hash(path, q)
    real = register_file.with_answer_texts

    def someone_writes_meanwhile(*args, **kwargs):
        out = real(*args, **kwargs)
        text = path.read_text(encoding="utf-8").replace("De definitieve cijfers voor 2019", "De cijfers voor 2019")
        path.write_text(text, encoding="utf-8")
        return out

    monkeypatch.setattr(register_file, "with_answer_texts", someone_writes_meanwhile)
    result = edit.save_texts(path, 4, "2019-2020", "N.N.", typed(q, 1, "Mijn tekst."), shown)
    assert isinstance(result, edit.Conflict)
    assert "De cijfers voor 2019" in path.read_text(encoding="utf-8")
    assert "Mijn tekst." not in path.read_text(encoding="utf-8")


def test_a_writer_waits_for_the_lock_and_gives_up_with_a_message(project, monkeypatch):
    path = project / "data/questions.yaml"
    q = question_4(project)
    lock = FileLock(str(path.with_name(f".{path.name}.lock")))
    before = path.read_bytes()
    monkeypatch.setattr(register_file, "LOCK_SECONDS", 0.5)
    with lock:
        with pytest.raises(DataError) as caught:
            edit.save_texts(path, 4, "2019-2020", "N.N.", typed(q, 1, "Tekst."), edit.entry_hash(path, q))
    assert "another drafter has been changing the register" in str(caught.value.problems[0])
    assert path.read_bytes() == before
    # a lock released within the wait: the writer goes on
    monkeypatch.setattr(register_file, "LOCK_SECONDS", 10)
    held = threading.Event()

    def colleague():  # another writer holds the lock half a second
        with FileLock(str(path.with_name(f".{path.name}.lock"))):
            held.set()
            time.sleep(0.5)

    writer = threading.Thread(target=colleague)
    writer.start()
    held.wait(10)
    started = time.monotonic()
    saved = edit.save_texts(path, 4, "2019-2020", "N.N.", typed(q, 1, "Tekst."), edit.entry_hash(path, q))
    assert saved.changed and time.monotonic() - started >= 0.3
    writer.join()


def test_a_part_emptied_or_a_text_the_register_cannot_read_is_refused(project):
    path = project / "data/questions.yaml"
    q = question_4(project)
    before = path.read_bytes()
    with pytest.raises(DataError):
        edit.save_texts(path, 4, "2019-2020", "N.N.", typed(q, 1, "  \n "), edit.entry_hash(path, q))
    assert path.read_bytes() == before

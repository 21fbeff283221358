"""Saving typed texts into the register: only that entry changes, a changed entry is never
overwritten unseen (both versions come back), the register is never half written, and every
writer waits for the register's lock."""

from __future__ import annotations

import html
import re
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
    """The page's texts of q with the text before part's table (the part's first lines) retyped."""
    texts = edit.texts_of(q)
    lines = texts.parts[part].split("\n")
    table = next((i for i, line in enumerate(lines) if edit.TABLE_LINE.fullmatch(line)), len(lines))
    return edit.Texts(texts.preamble, {**texts.parts, part: "\n".join([text] + lines[table:])})


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
    assert result.theirs.parts[0].startswith("Hun versie.") and result.mine.parts[0].startswith("Mijn versie.")
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


def test_every_part_of_the_example_reads_back_from_the_page_as_the_register_holds_it(project):
    for register in ("questions.yaml", "several-ministers.yaml"):
        for q in load_register(project / "data" / register).questions:
            for part in q.parts:
                assert edit.typed_blocks(edit.part_text(part)) == edit.pairs_of(part), (q.label, part.line)


def test_a_paragraph_that_looks_like_a_list_stays_a_paragraph():
    from drafter.load.questions import AnswerPart, Block, BlockKind

    part = AnswerPart((1,), (Block(BlockKind.TEXT, text="- 5% minder dan vorig jaar"),
                             Block(BlockKind.TEXT, text="[table: x]"), Block(BlockKind.TEXT, text="2019. Een jaar"),
                             Block(BlockKind.BULLETS, items=("a", "b")), Block(BlockKind.BULLETS, items=("c",)),
                             Block(BlockKind.LIST, items=("d",))), line=1)
    text = edit.part_text(part)
    assert text.splitlines()[:3] == ["\\- 5% minder dan vorig jaar", "\\[table: x]", "\\2019. Een jaar"]
    assert edit.typed_blocks(text) == edit.pairs_of(part)


BLOCKS_BY_HAND = """        - number: [2, 3]
          blocks:
            - text: Eerst een zin met {figure} euro.
            - table: bedrijfssteun
            - list:
                - eerste punt
                - tweede punt
            - bullets:
                - een
                - twee
            - text: "Slot: met een dubbele punt."
"""


def test_blocks_typed_in_the_page_draft_the_answer_typed_by_hand_in_the_register(project, tmp_path):
    from docx2python import docx2python

    from tests.serve.server import example_project
    from tests.serve.test_pages import drafter, in_process

    by_hand = example_project(tmp_path / "by-hand")
    client = in_process(project, page_size=100)
    page = client.get("/q/2019-2020/5").text
    figure = re.search(r'<option value="([^"]*amount\(&#34;clusters&#34;, 2016, &#34;VAK&#34;\)[^"]*)"', page).group(1)
    figure = figure.replace("&#34;", '"').replace("&#39;", "'")
    typed_text = (f"Eerst een zin met {figure} euro.\n[table: bedrijfssteun]\n1. eerste punt\n2. tweede punt\n\n"
                  "- een\n- twee\nSlot: met een dubbele punt.")
    fields = {k: html.unescape(v) for k, v in re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>',
                                                        page)}
    fields["part-1-text"] = typed_text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    shown = re.search(r'name="entry_hash" value="([^"]+)"', page).group(1)
    saved = client.post("/q/2019-2020/5/save", data={**fields, "csrf": csrf, "minister": "N.N.", "entry_hash": shown},
                        headers={"origin": "http://127.0.0.1"})
    assert saved.status_code == 200 and "Saved in the register." in saved.text, saved.text[:3000]
    # the same blocks typed by hand in the other project's register
    path = by_hand / "data/questions.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line == "        - number: [2, 3]\n" and i > 140)
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].strip())
    lines[start:end] = [BLOCKS_BY_HAND.replace("{figure}", figure)]
    path.write_text("".join(lines), encoding="utf-8")
    page_q = load_register(project / "data/questions.yaml").find(5, "2019-2020")
    hand_q = load_register(path).find(5, "2019-2020")
    assert page_q.parts == hand_q.parts
    for folder in (project, by_hand):
        done = drafter(folder, "answer", "-q", "5")
        assert done.returncode == 0, done.stderr
    from_page, from_hand = (next((f / "output").glob("*.docx")) for f in (project, by_hand))
    with docx2python(str(from_page)) as a, docx2python(str(from_hand)) as b:
        assert a.body == b.body and a.footnotes == b.footnotes
        paragraphs = [p for p in a.text.split("\n") if p.strip()]
    assert any(p.startswith("Eerst een zin met ") and "euro." in p for p in paragraphs)
    assert "Slot: met een dubbele punt." in paragraphs and any("tweede punt" in p for p in paragraphs)

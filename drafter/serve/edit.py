"""The texts typed in the page, written into the register: never a lost edit, never half a file.

The page shows a question's entry with a fingerprint of it (`entry_hash`: the entry's values,
not its layout). Saving compares that fingerprint with the entry as it is on disk now: when
someone changed the entry since the page showed it (a colleague's page, a command, a text
editor), nothing is written and the person sees both versions and chooses (`Conflict`). Else
the new texts are put into the register by write/register (only that entry's parts change,
every other byte stays) and written under the register's lock, after reading the new file
back; a change that lands between the comparison and the rename is caught there too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.files import read_bytes
from drafter.i18n import _
from drafter.load.questions import BlockKind, Question
from drafter.load.register import load_register
from drafter.load.yamlfile import MAX_YAML_BYTES
from drafter.write import register as register_file


@dataclass(frozen=True)
class Texts:
    """What the page lets a person type for one question: the preamble and, per answer part (by
    its index), the text before its table and the text after it. A line is a paragraph."""

    preamble: str
    parts: dict[int, tuple[str, str]]


def editable(part) -> bool:
    """Whether an answer part is in the short form the page edits (texts, at most one table)."""
    kinds = [b.kind for b in part.blocks]
    return all(k in (BlockKind.TEXT, BlockKind.TABLE) for k in kinds) and kinds.count(BlockKind.TABLE) <= 1


def texts_of(q: Question) -> Texts:
    parts = {}
    for i, part in enumerate(q.parts):
        if not editable(part):
            continue
        kinds = [b.kind for b in part.blocks]
        cut = kinds.index(BlockKind.TABLE) if BlockKind.TABLE in kinds else len(kinds)
        parts[i] = ("\n".join(b.text for b in part.blocks[:cut]), "\n".join(b.text for b in part.blocks[cut + 1:]))
    return Texts("\n".join(q.preamble), parts)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a typed text: one a line, empty lines dropped (as the register reads them)."""
    return [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]


def entry_hash(register: Path, q: Question) -> str:
    """A fingerprint of q's entry as the register holds it now: its values, whatever their layout."""
    found = register_file.find_entry(register, q.zittingsjaar, q.number, q.minister.name)
    value = found.entry if found is not None else None
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Saved:
    changed: bool
    entry: str  # the entry's text as the register now holds it


@dataclass(frozen=True)
class Conflict:
    """The entry changed since the page showed it: what it holds now, beside what was typed."""

    theirs: Texts
    mine: Texts
    hash_now: str


def _blocks(q: Question, i: int, before: str, after: str) -> list[tuple[str, object]]:
    part = q.parts[i]
    table = next((b.table for b in part.blocks if b.kind == BlockKind.TABLE), None)
    blocks: list[tuple[str, object]] = [("text", p) for p in paragraphs(before)]
    if table is not None:
        blocks.append(("table", table))
    return blocks + [("text", p) for p in paragraphs(after)]


def save_texts(register_path: Path, number: int, zittingsjaar: str, minister: str, typed: Texts,
               shown_hash: str) -> Saved | Conflict:
    """Write the typed texts into the question's entry, when the entry is still as the page showed
    it (`shown_hash`); else nothing is written and the Conflict says what the entry holds now."""
    register = load_register(register_path, lenient=True)
    q = register.find(number, zittingsjaar, minister)
    now = entry_hash(register.path, q)
    if now != shown_hash:
        return Conflict(texts_of(q), typed, now)
    current = texts_of(q)
    changed_parts = {}
    for i, (before, after) in typed.parts.items():
        if i not in current.parts:
            raise DataError(_("{question}: answer part {index} cannot be edited in the page").format(
                question=q.label, index=i + 1), file=display_path(register.path), place=q.place,
                hint=_("Edit it in the register."))
        if (paragraphs(before), paragraphs(after)) != (paragraphs(current.parts[i][0]), paragraphs(current.parts[i][1])):
            blocks = _blocks(q, i, before, after)
            if not blocks:
                raise DataError(_("{question}: answer part {index} would have no text left").format(
                    question=q.label, index=i + 1), file=display_path(register.path), place=q.parts[i].place,
                    hint=_("Type the answer's text, or a dash if the part is to stay empty for now."))
            changed_parts[i] = blocks
    preamble = paragraphs(typed.preamble) if paragraphs(typed.preamble) != list(q.preamble) else None
    if not changed_parts and preamble is None:
        return Saved(False, "")
    original = read_bytes(register.path, MAX_YAML_BYTES)
    data, entry, changed = register_file.with_answer_texts(register.path, q, changed_parts, preamble)
    if changed:
        try:
            register_file.write_register(register.path, data, original)
        except DataError:
            # changed by someone else between reading and writing: show what is there now
            again = load_register(register_path, lenient=True).find(number, zittingsjaar, minister)
            hash_again = entry_hash(register.path, again)
            if hash_again != shown_hash:
                return Conflict(texts_of(again), typed, hash_again)
            raise
    return Saved(changed, entry)

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
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.files import read_bytes
from drafter.i18n import _
from drafter.load.budget import BudgetData
from drafter.load.questions import BlockKind, Question
from drafter.load.register import load_register
from drafter.load.shares import SharesData
from drafter.load.yamlfile import MAX_YAML_BYTES
from drafter.write import register as register_file


@dataclass(frozen=True)
class Texts:
    """What the page lets a person type for one question: the preamble and, per answer part (by
    its index), the part's blocks typed as plain text (`part_text`)."""

    preamble: str
    parts: dict[int, str]


#: How a part's blocks are typed in the page, one a line: a table by its name from the
#: question's `tables:`, on a line of its own; a bulleted list's items each after a dash; a
#: numbered list's items each after its number; every other line a paragraph. An empty line
#: ends a list (two lists in a row are two lists). A paragraph that would read as one of these
#: starts with a backslash, which is not part of its text.
TABLE_LINE = re.compile(r"\[table:\s*(?P<name>[^\]]*?)\s*\]")
BULLET_LINE = re.compile(r"[-\u2022]\s+(?P<item>\S.*)")
NUMBERED_LINE = re.compile(r"\d+[.)]\s+(?P<item>\S.*)")
ESCAPE = "\\"


def table_line(name: str) -> str:
    return f"[table: {name}]"


def _escaped(text: str) -> str:
    """A paragraph typed so that it reads back as a paragraph, whatever it starts with."""
    if text.startswith(ESCAPE) or TABLE_LINE.fullmatch(text) or BULLET_LINE.fullmatch(text) \
            or NUMBERED_LINE.fullmatch(text):
        return ESCAPE + text
    return text


def pairs_of(part) -> list[tuple[str, object]]:
    """An answer part's blocks as the register editor takes them: (kind, text, table name or items)."""
    out: list[tuple[str, object]] = []
    for b in part.blocks:
        if b.kind == BlockKind.TEXT:
            out.append(("text", b.text))
        elif b.kind == BlockKind.TABLE:
            out.append(("table", b.table))
        else:
            out.append((b.kind.value, list(b.items)))
    return out


def part_text(part) -> str:
    """An answer part's blocks as the page shows them to type (see TABLE_LINE)."""
    lines: list[str] = []
    previous = None
    for kind, value in pairs_of(part):
        if kind in ("list", "bullets") and previous in ("list", "bullets"):
            lines.append("")  # two lists in a row stay two lists
        if kind == "text":
            lines.append(_escaped(value))
        elif kind == "table":
            lines.append(table_line(value))
        elif kind == "bullets":
            lines += [f"- {item}" for item in value]
        else:
            lines += [f"{n}. {item}" for n, item in enumerate(value, start=1)]
        previous = kind
    return "\n".join(lines)


def typed_blocks(text: str) -> list[tuple[str, object]]:
    """The blocks of a part's typed text (see TABLE_LINE), as the register editor takes them."""
    blocks: list[tuple[str, object]] = []
    open_list: str | None = None  # the kind of the list the last line added to
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.strip()
        if not line:
            open_list = None
            continue
        if line.startswith(ESCAPE):
            blocks.append(("text", line[len(ESCAPE):].strip()))
            open_list = None
            continue
        table = TABLE_LINE.fullmatch(line)
        bullet = BULLET_LINE.fullmatch(line)
        numbered = NUMBERED_LINE.fullmatch(line)
        if table:
            blocks.append(("table", table.group("name")))
            open_list = None
        elif bullet or numbered:
            kind = "bullets" if bullet else "list"
            item = " ".join((bullet or numbered).group("item").split())  # as the register reads an item
            if open_list == kind:
                blocks[-1][1].append(item)
            else:
                blocks.append((kind, [item]))
            open_list = kind
        else:
            blocks.append(("text", line))
            open_list = None
    return [(kind, value) for kind, value in blocks if kind != "text" or value]


def note_tags(keys) -> list[tuple[str, str]]:
    """The notes a text may call, as (key, tag to insert): each note of the notes file, then a
    note whose text is typed in the tag itself (key '')."""
    return [(key, f'{{{{ note("{key}") }}}}') for key in sorted(keys)] + [("", '{{ footnote("") }}')]


def texts_of(q: Question) -> Texts:
    return Texts("\n".join(q.preamble), {i: part_text(part) for i, part in enumerate(q.parts)})


def figure_tags(data: dict) -> list[tuple[str, str]]:
    """The figures a text may name, as (what a person picks it by, the tag to insert): each share of
    a shares table, each amount of a budget (by line, year and kind), from the question's data
    sets as loaded."""
    tags = []
    for name, found in data.items():
        if isinstance(found, SharesData):
            tags += [(f"{name}: {key}", f'{{{{ {name}.percent("{key}") }}}}') for key in found.shares]
        elif isinstance(found, BudgetData):
            c = found.columns_of_cells
            tags += [(f"{name}: {line}, {year}, {kind}", f'{{{{ {name}.amount("{line}", {year}, "{kind}") | num }}}}')
                     for line, year, kind in dict.fromkeys(zip(c.lines, c.years, c.kinds))]
    return tags


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

    @property
    def preamble_differs(self) -> bool:
        return paragraphs(self.theirs.preamble) != paragraphs(self.mine.preamble)

    def differs(self, index: int) -> bool:
        """Whether answer part `index` reads otherwise in the register than as typed (a browser
        sends its lines with \\r\\n: the blocks are compared, not the characters)."""
        return typed_blocks(self.theirs.parts.get(index, "")) != typed_blocks(self.mine.parts.get(index, ""))


def save_texts(register_path: Path, number: int, zittingsjaar: str, minister: str, typed: Texts,
               shown_hash: str) -> Saved | Conflict:
    """Write the typed texts into the question's entry, when the entry is still as the page showed
    it (`shown_hash`); else nothing is written and the Conflict says what the entry holds now."""
    register = load_register(register_path, lenient=True)
    q = register.find(number, zittingsjaar, minister)
    now = entry_hash(register.path, q)
    if now != shown_hash:
        return Conflict(texts_of(q), typed, now)
    changed_parts = {}
    for i, text in typed.parts.items():
        if not 0 <= i < len(q.parts):
            raise DataError(_("{question}: there is no answer part {index}").format(question=q.label, index=i + 1),
                            file=display_path(register.path), place=q.place, hint=_("Reload the page."))
        blocks = typed_blocks(text)
        if blocks == pairs_of(q.parts[i]):
            continue
        if not blocks:
            raise DataError(_("{question}: answer part {index} would have no text left").format(
                question=q.label, index=i + 1), file=display_path(register.path), place=q.parts[i].place,
                hint=_("Type the answer's text, or a dash if the part is to stay empty for now."))
        unknown = [value for kind, value in blocks if kind == "table" and value not in q.tables]
        if unknown:
            raise DataError(_("{question}: answer part {index} names the table {name}, which the question does not "
                              "define").format(question=q.label, index=i + 1, name=unknown[0]),
                            file=display_path(register.path), place=q.parts[i].place,
                            hint=_("The question's tables are: {names}. Insert one with the button, or define it "
                                   "under tables: in the register.").format(names=", ".join(q.tables) or "-"))
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

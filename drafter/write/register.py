"""The register's editor: an entry added without touching anything else in the file.

A new entry is written with ruamel.yaml (round-trip YAML) in the register's own indent, and
added after the last question: every comment, the order of the entries and their layout
stay as they are, byte for byte. The new file is read back with drafter's own register reader
before it replaces the old one (a temporary name, then a rename), so the register is whole at
all times, and it is not written when someone changed the file meanwhile. `drafter intake`
adds its questions here, and `drafter sent` sets an entry's `answered:` here (one line changed
or added); every command that writes the register should.
"""

from __future__ import annotations

import codecs
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataError, Problem, display_path
from drafter.files import read_bytes
from drafter.load.register import read_register
from drafter.load.yamlfile import MAX_YAML_BYTES, LineDict, load_yaml
from drafter.write.output import remove_stale, staged


def yaml_writer():
    """ruamel.yaml as the register is written: its indent, one line per value, null as null."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # one line per value: no folding, no trailing spaces
    yaml.representer.add_representer(
        type(None), lambda rep, _value: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return yaml


def _same_minister(a: object, b: str) -> bool:
    return " ".join(str(a or "").split()).casefold() == " ".join(b.split()).casefold()


@dataclass(frozen=True)
class Existing:
    line: int
    entry: LineDict


def find_entry(register: Path, zittingsjaar: str, number: int, minister: str) -> Existing | None:
    """The register's entry with this zittingsjaar, number and minister (by name, ignoring case
    and spaces), if there is one."""
    raw = load_yaml(register)
    items = raw.get("questions") if isinstance(raw, LineDict) else None
    for i, item in enumerate(items or []):
        if not isinstance(item, LineDict):
            continue
        if str(item.get("zittingsjaar")) != str(zittingsjaar):
            continue
        named = item.get("minister")
        copies = [(named, item.get("number"))]
        others = item.get("other_ministers")  # the same question's copies for other ministers
        copies += [(other, other.get("number")) for other in others or () if isinstance(other, dict)]
        for who, copy_number in copies:
            name = who.get("name") if isinstance(who, dict) else None
            if copy_number == number and _same_minister(name, minister):
                return Existing(items.line_of(i), item)
    return None


def entry_text(entry, indent: int = 2) -> str:
    """The entry as it will appear in the register: a list item at `indent` columns."""
    buffer = io.StringIO()
    yaml_writer().dump([entry], buffer)
    lines = buffer.getvalue().splitlines()
    shift = indent - 2
    if shift > 0:
        lines = [(" " * shift + line) if line else line for line in lines]
    elif shift < 0:
        lines = [line[-shift:] if line.startswith(" " * -shift) else line for line in lines]
    return "\n".join(lines) + "\n"


def _item_indent(text: str, raw: LineDict) -> int | None:
    """The column of the '-' of the register's questions, when they are the file's last block."""
    items = raw.get("questions")
    if not items or list(raw)[-1] != "questions" or not getattr(items, "lines", None):
        return None
    line = text.splitlines()[items.lines[0] - 1]
    m = re.match(r"^(\s*)-\s", line)
    return len(m.group(1)) if m else None


def with_entry(register: Path, entry) -> tuple[bytes, int]:
    """The register's bytes with the entry added after the last question, and the entry's first
    line. The file's own line endings (LF or CRLF) and byte-order mark are kept."""
    data = _bytes_of(register)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    original = data[len(bom):].decode("utf-8")
    newline = "\r\n" if "\r\n" in original else "\n"
    raw = load_yaml(register)
    if not isinstance(raw, LineDict):
        raise DataError("the register must be a mapping with 'questions:'", file=display_path(register),
                        hint="Start from the example in data/questions.yaml.")
    indent = _item_indent(original, raw)
    if indent is not None:
        base = original.rstrip("\r\n") + newline * 2
        line = base.count("\n") + 1
        text = base + entry_text(entry, indent).replace("\n", newline)
    elif "questions" not in raw or not raw.get("questions"):
        # no questions yet: the key (again) at the end, with this entry as the first
        kept = re.sub(r"(?m)^questions:.*(\r?\n)?", "", original).rstrip("\r\n")
        base = (kept + newline * 2 if kept else "") + "questions:" + newline
        line = base.count("\n") + 1
        text = base + entry_text(entry, 2).replace("\n", newline)
    else:
        # questions is not the file's last block: a full round trip, which keeps comments and order
        yaml = yaml_writer()
        document = yaml.load(original)
        document["questions"].append(entry)
        buffer = io.StringIO()
        yaml.dump(document, buffer)
        text = buffer.getvalue()
        line = len(text.splitlines()) - len(entry_text(entry).splitlines()) + 1
    return bom + text.encode("utf-8"), line


def with_value(register: Path, original: bytes, entry: Existing, key: str, value: str,
               after: tuple[str, ...]) -> tuple[bytes, int]:
    """The register's bytes (`original`, as read) with one plain value of an entry set, and the
    value's line: where the entry has the key, its value is replaced on its line (a comment
    after it kept); else a line `key: value` is added below the first of the keys `after` the
    entry has, in the entry's own indent. Every other byte stays as it is. An entry not written
    one key a line (a flow mapping) is written again by a round trip, which keeps comments."""
    bom = codecs.BOM_UTF8 if original.startswith(codecs.BOM_UTF8) else b""
    text = original[len(bom):].decode("utf-8")
    lines = re.split(r"(?<=\n)", text)  # by '\n' only, as the lines of YAML's marks are counted
    item = entry.entry
    if key in item:
        number = item.key_line(key)
        found = _plain_line(lines, number, key) if number == item.line_of(key) else None
        if found is not None:
            head, _, tail = found
            lines[number - 1] = head + value + tail
            return bom + "".join(lines).encode("utf-8"), number
    else:
        below = next((k for k in after if k in item), None)
        number = item.line_of(below) if below is not None else 0
        found = _plain_line(lines, number, below) if below is not None and number == item.key_line(below) else None
        if found is not None:
            head = found[0]
            indent = len(head) - len(head.lstrip(" -"))  # the column of the key, after a list item's '- '
            newline = "\r\n" if lines[number - 1].endswith("\r\n") else "\n"
            if not lines[number - 1].endswith("\n"):  # the file's last line
                lines[number - 1] += newline
            lines.insert(number, " " * indent + f"{key}: {value}" + newline)
            return bom + "".join(lines).encode("utf-8"), number + 1
    return _round_trip_value(bom, text, entry, key, value)


def _plain_line(lines: list[str], number: int, key: str) -> tuple[str, str, str] | None:
    """A line that holds `key: value` and nothing else but a comment, split into what comes
    before the value, the value and what comes after it (its comment, its line ending)."""
    if not 0 < number <= len(lines):
        return None
    m = re.match(rf"^(\s*(?:-\s+)?{re.escape(key)}:[ \t]*)([^#\r\n{{}}\[\]]*?)([ \t]*(?:#[^\r\n]*)?\r?\n?)$",
                 lines[number - 1])
    return (m.group(1), m.group(2), m.group(3)) if m else None


def _round_trip_value(bom: bytes, text: str, entry: Existing, key: str, value: str) -> tuple[bytes, int]:
    """The register with the entry's value set by ruamel.yaml's round trip (comments, order and quotes kept)."""
    yaml = yaml_writer()
    yaml.preserve_quotes = True
    document = yaml.load(text)
    for item in document["questions"]:
        if (str(item.get("zittingsjaar")) == str(entry.entry.get("zittingsjaar"))
                and item.get("number") == entry.entry.get("number")
                and _same_minister((item.get("minister") or {}).get("name"),
                                   str((entry.entry.get("minister") or {}).get("name")))):
            item[key] = yaml.load(value)
            break
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return bom + buffer.getvalue().encode("utf-8"), entry.line


def write_register(register: Path, data: bytes, original: bytes) -> None:
    """Replace the register with data, whole at once, after reading the new text back: a
    register that drafter could no longer read is never written, nor one that changed since
    it was read (`original`: another intake at the same time)."""
    remove_stale(register.parent)  # what an intake killed on its way left
    try:
        with register_lock(register), staged(register.parent, register.name, data) as tmp:
            _, before = read_register(register)
            _, after = read_register(tmp)
            known = {(p.message, p.hint) for p in before}
            new = [p for p in after if (p.message, p.hint) not in known]
            if new:
                raise DataError(problems=[Problem(
                    f"the new entry would not be read correctly ({p.message}); the register was not changed",
                    file=display_path(register), hint="Add the question by hand; please report this.") for p in new])
            try:
                os.chmod(tmp, register.stat().st_mode & 0o777)  # the register keeps who may read and write it
            except OSError:  # a file system without modes (a network share): the new file keeps the usual ones
                pass
            if _bytes_of(register) != original:
                raise DataError("the register was changed by someone else while drafter was adding the question; "
                                "it was left as they wrote it", file=display_path(register),
                                hint="Run drafter intake again.")
            os.replace(tmp, register)
    except OSError as exc:
        raise _cannot_write(register, exc) from exc


#: How long a writer waits for another one (a colleague's page, a command) to finish writing the register.
LOCK_TIMEOUT = 15


def register_lock(register: Path):
    """The lock every writer of the register holds while it compares the file with what it read
    and replaces it (a file beside the register: the writers may be on several machines that
    share the folder). Waiting longer than LOCK_TIMEOUT is a DataError."""
    from contextlib import contextmanager

    from filelock import FileLock, Timeout

    @contextmanager
    def held():
        lock = FileLock(str(register.with_name(f".{register.name}.lock")), timeout=LOCK_TIMEOUT)
        try:
            lock.acquire()
        except Timeout as exc:
            raise DataError("the register is being written by someone else", file=display_path(register),
                            hint="Try again in a moment.") from exc
        try:
            yield
        finally:
            lock.release()

    return held()


def _bytes_of(register: Path) -> bytes:
    """The register's bytes, read the safe way (a FIFO or a file grown too large put there since
    it was loaded is refused, not waited on)."""
    return read_bytes(register, MAX_YAML_BYTES)


def _cannot_write(register: Path, exc: OSError) -> DataError:
    return DataError(f"cannot write the register ({exc.strerror})", file=display_path(register),
                     hint="Check that the file and its folder are writable and the disk is not full.")


# --------------------------------------------------------------------------- an entry's answer texts


def _lines_of(register: Path) -> tuple[bytes, str, list[str]]:
    data = _bytes_of(register)
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    text = data[len(bom):].decode("utf-8")
    return bom, "\r\n" if "\r\n" in text else "\n", text.splitlines(keepends=True)


def _trimmed_end(lines: list[str], start: int, end: int) -> int:
    """The last line (from 1) of a value that spans lines start..end, without the blank and
    comment-only lines at its end (they belong to what follows)."""
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _dumped(value, indent: int, newline: str) -> str:
    """A mapping or a list item (``[mapping]``) as ruamel.yaml writes it, at `indent` columns."""
    buffer = io.StringIO()
    yaml_writer().dump(value, buffer)
    return "".join((" " * indent + line if line.strip() else line) + newline
                   for line in buffer.getvalue().splitlines())


#: A text longer than this is written folded over lines of about this width, as the register's own are.
FOLD_WIDTH = 90


def _readable(text: str):
    """A text as the register writes it: a long one folded (``>-``) at spaces into lines of about
    FOLD_WIDTH characters, so that it reads as the entries written by hand; a short one, or one
    that folding would change (spaces at its ends, two spaces in a row, a line break), as it is."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if (len(text) <= FOLD_WIDTH or text != text.strip() or "  " in text or "\n" in text or "\t" in text
            or any(c in text for c in "\r\x85\u2028\u2029")):
        return text
    folded = FoldedScalarString(text)
    inside_tags = {i for m in re.finditer(r"\{\{.*?\}\}|\{%.*?%\}", text, re.S) for i in range(*m.span())}
    positions, line_start = [], 0
    for i, c in enumerate(text):  # never inside a tag: a person reads a tag whole
        if (c == " " and i - line_start > FOLD_WIDTH - 10 and text[i + 1:i + 2] not in ("", " ")
                and i not in inside_tags):
            positions.append(i)
            line_start = i + 1
    folded.fold_pos = positions
    return folded


def _paragraphs_of(value) -> list[str]:
    """A register text's paragraphs, as the register's reader reads them (load/fields.texts)."""
    return [p.strip() for p in str(value).split("\n") if p.strip()]


def _written_as(part) -> dict[str, object]:
    """The texts of an answer part as the register writes them (ruamel's scalars, their style and
    folds kept), by the paragraph each is, where one scalar is one paragraph."""
    out: dict[str, object] = {}
    values = []
    for key in ("text", "after"):
        value = part.get(key) if hasattr(part, "get") else None
        values += value if isinstance(value, list) else [value] if value is not None else []
    for block in (part.get("blocks") or []) if hasattr(part, "get") else []:
        if hasattr(block, "get"):
            value = block.get("text")
            values += value if isinstance(value, list) else [value] if value is not None else []
    for value in values:
        if isinstance(value, str) and len(_paragraphs_of(value)) == 1:
            out.setdefault(_paragraphs_of(value)[0], value)
    return out


def _part_map(number, blocks: list[tuple[str, object]], written=None):
    """An answer part as the register writes it: number, then text / table / after when its blocks
    fit that short form (texts, at most one table, texts) and `written` (the part as it was
    written) was not a list of blocks, else a list of blocks. A text the part had is written as it
    was (its style, its folds), a new one folded when it is long."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    before_texts = _written_as(written) if written is not None else {}

    def readable(text: str):
        return before_texts.get(text) or _readable(text)

    part = CommentedMap()
    if isinstance(number, list):
        numbers = CommentedSeq(number)
        numbers.fa.set_flow_style()
        part["number"] = numbers
    else:
        part["number"] = number
    kinds = [kind for kind, _value in blocks]
    short = (all(k in ("text", "table") for k in kinds) and kinds.count("table") <= 1
             and not (written is not None and "blocks" in written))
    if short:
        cut = kinds.index("table") if "table" in kinds else len(kinds)
        before = [v for k, v in blocks[:cut]]
        after = [v for k, v in blocks[cut + 1:]]
        if before:
            part["text"] = readable(before[0]) if len(before) == 1 else CommentedSeq(map(readable, before))
        if "table" in kinds:
            part["table"] = blocks[cut][1]
        if after:
            part["after"] = readable(after[0]) if len(after) == 1 else CommentedSeq(map(readable, after))
        return part
    items = CommentedSeq()
    for kind, value in blocks:
        block = CommentedMap()
        block[kind] = CommentedSeq(value) if isinstance(value, list) else readable(value) if kind == "text" else value
        items.append(block)
    part["blocks"] = items
    return part


def with_answer_texts(register: Path, question, parts: dict[int, list[tuple[str, object]]],
                      preamble: list[str] | None) -> tuple[bytes, str, bool]:
    """The register's bytes with the answer parts `parts` (by index: their blocks as (kind, value))
    and the preamble (None: as it is) of the question's entry rewritten; every other line as it
    was, byte for byte. Also the entry's text as it then reads, and whether anything changed."""
    bom, newline, lines = _lines_of(register)
    existing = find_entry(register, question.zittingsjaar, question.number, question.minister.name)
    if existing is None:
        raise DataError(f"question {question.number} of {question.zittingsjaar} is no longer in the register",
                        file=display_path(register), hint="Run the command again.")
    raw = load_yaml(register)
    items = raw["questions"]
    index = next(i for i in range(len(items)) if items.line_of(i) == existing.line)
    entry = existing.entry
    entry_end = _trimmed_end(lines, existing.line, items.line_of(index + 1) - 1 if index + 1 < len(items) else len(lines))
    answer = entry.get("answer")
    replacements = []  # (first line, last line, new text), lines from 1
    if not isinstance(answer, LineDict):  # the entry takes its answer from the question it is based on
        if parts or preamble is not None:
            whole = {i: blocks for i, blocks in parts.items()}
            from ruamel.yaml.comments import CommentedMap, CommentedSeq

            new_answer = CommentedMap()
            if preamble or (preamble is None and question.preamble):
                kept = preamble if preamble is not None else list(question.preamble)
                new_answer["preamble"] = _readable(kept[0]) if len(kept) == 1 else CommentedSeq(map(_readable, kept))
            new_answer["parts"] = CommentedSeq(
                _part_map(list(p.numbers) if len(p.numbers) > 1 else p.numbers[0],
                          whole.get(i) or [(b.kind.value, b.table if b.kind.value == "table" else
                                            (list(b.items) if b.items else b.text)) for b in p.blocks])
                for i, p in enumerate(question.parts))
            column = len(lines[existing.line - 1]) - len(lines[existing.line - 1].lstrip(" -"))
            replacements.append((entry_end + 1, entry_end, _dumped({"answer": new_answer}, column, newline)))
    else:
        raw_parts = answer.get("parts")
        as_written = yaml_writer().load("".join(lines))["questions"][index]["answer"]["parts"]
        bounds = sorted({entry.key_line(k) for k in entry} | {answer.key_line(k) for k in answer}
                        | {entry_end + 1})
        for i, blocks in sorted(parts.items()):
            start = raw_parts.line_of(i)
            following = raw_parts.line_of(i + 1) - 1 if i + 1 < len(raw_parts) else \
                min(b for b in bounds if b > start) - 1
            end = _trimmed_end(lines, start, min(following, entry_end))
            column = len(lines[start - 1]) - len(lines[start - 1].lstrip(" "))
            item = raw_parts[i]
            # a list item is written with its dash two columns in (the register's indent): at column - 2
            replacements.append((start, end, _dumped([_part_map(item.get("number"), blocks, as_written[i])],
                                                      max(column - 2, 0), newline)))
        if preamble is not None:
            from ruamel.yaml.comments import CommentedSeq

            value = None if not preamble else _readable(preamble[0]) if len(preamble) == 1 else \
                CommentedSeq(map(_readable, preamble))
            key_line = answer.key_line("parts")
            column = len(lines[key_line - 1]) - len(lines[key_line - 1].lstrip(" "))
            text = _dumped({"preamble": value}, column, newline) if value is not None else ""
            if "preamble" in answer:
                start = answer.key_line("preamble")
                end = _trimmed_end(lines, start, min(b for b in bounds if b > start) - 1)
                replacements.append((start, end, text))
            else:
                replacements.append((key_line, key_line - 1, text))
    new_lines = list(lines)
    for start, end, text in sorted(replacements, key=lambda r: r[0], reverse=True):
        new_lines[start - 1:end] = text.splitlines(keepends=True)
    shift = sum(len(t.splitlines()) - (e - s + 1) for s, e, t in replacements)
    entry_text_now = "".join(new_lines[existing.line - 1:entry_end + shift])
    data = bom + "".join(new_lines).encode("utf-8")
    return data, entry_text_now, data != bom + "".join(lines).encode("utf-8")

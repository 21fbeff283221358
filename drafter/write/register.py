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
from drafter.load.register import read_register
from drafter.load.yamlfile import LineDict, load_yaml
from drafter.write.output import temp_file


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
        named = item.get("minister")
        name = named.get("name") if isinstance(named, dict) else None
        if (str(item.get("zittingsjaar")) == str(zittingsjaar) and item.get("number") == number
                and _same_minister(name, minister)):
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
    data = register.read_bytes()
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
    try:
        tmp = temp_file(register.parent, register.name, data)
    except OSError as exc:
        raise _cannot_write(register, exc) from exc
    try:
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
        if register.read_bytes() != original:
            raise DataError("the register was changed by someone else while drafter was adding the question; "
                            "it was left as they wrote it", file=display_path(register),
                            hint="Run drafter intake again.")
        os.replace(tmp, register)
    except OSError as exc:
        raise _cannot_write(register, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)


def _cannot_write(register: Path, exc: OSError) -> DataError:
    return DataError(f"cannot write the register ({exc.strerror})", file=display_path(register),
                     hint="Check that the file and its folder are writable and the disk is not full.")

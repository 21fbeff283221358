"""Adding a question to the register without touching anything else in the file.

The new entry is written with ruamel.yaml (round-trip YAML) in the register's own indent,
and added after the last question: every comment, the order of the entries and their layout
stay as they are, byte for byte. An entry with the same zittingsjaar, minister and number is
never overwritten. The new file is read back with drafter's own register reader before it
replaces the old one (a temporary name, then a rename), so the register is whole at all times.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import tempfile
from pathlib import Path

from dataclasses import dataclass
from drafter.errors import DataError, Problem, display_path
from drafter.intake.question import NewQuestion
from drafter.load.register import UNKNOWN_PERSON, read_register
from drafter.load.yamlfile import LineDict, load_yaml

UNKNOWN_COMMENT = "not in the source: fill in when known"
#: What a new entry's answer parts say until someone writes them: one per sub-question, so the
#: draft has the numbered answers to fill in (in the register, or in Word).
ANSWER_PLACEHOLDER = "[antwoord nog te schrijven]"


def _yaml():
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


def find_existing(register: Path, q: NewQuestion) -> Existing | None:
    """The register's entry with q's zittingsjaar, minister and number, if there is one."""
    raw = load_yaml(register)
    items = raw.get("questions") if isinstance(raw, LineDict) else None
    for i, item in enumerate(items or []):
        if not isinstance(item, LineDict):
            continue
        minister = item.get("minister")
        name = minister.get("name") if isinstance(minister, dict) else None
        if (str(item.get("zittingsjaar")) == str(q.zittingsjaar) and item.get("number") == q.number
                and _same_minister(name, q.minister_name)):
            return Existing(items.line_of(i), item)
    return None


def _short(value) -> str:
    text = " ".join(str(value).split()) if value is not None else "nothing"
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _texts(value) -> str:
    if value is None:
        return ""
    items = value if isinstance(value, list) else [value]
    return " ".join(" ".join(str(v).split()) for v in items)


def differences(existing: LineDict, q: NewQuestion) -> list[str]:
    """What the source says otherwise than the register's entry, field by field."""
    minister = existing.get("minister") if isinstance(existing.get("minister"), dict) else {}
    subq = existing.get("subquestions") if isinstance(existing.get("subquestions"), dict) else {}
    pairs = [
        ("date", existing.get("date"), q.date),
        ("asker", existing.get("asker"), q.asker),
        ("minister title", minister.get("title"), q.minister_title),
        ("title", existing.get("title"), q.title),
        ("introduction", _texts(existing.get("introduction")), " ".join(q.introduction)),
    ]
    for n in sorted(set(subq) | set(q.subquestions), key=str):
        pairs.append((f"sub-question {n}", _texts(subq.get(n)) or None, q.subquestions.get(n)))
    out = []
    for name, old, new in pairs:
        same = (" ".join(str(old).split()) == " ".join(str(new).split())) if old is not None and new is not None \
            else old == new
        if not same:
            out.append(f"{name}: {_short(old)} in the register, {_short(new)} in the source")
    return out


def refuse_duplicate(register: Path, existing: Existing, q: NewQuestion) -> DataError:
    diffs = differences(existing.entry, q)
    said = ("; differences: " + "; ".join(diffs)) if diffs else "; the source says the same"
    return DataError(problems=[Problem(
        f"question {q.number} of {q.zittingsjaar} (minister {q.minister_name}) from {q.source} is already in the "
        f"register{said}",
        file=display_path(register), place=f"line {existing.line}",
        hint="drafter never overwrites an entry: change it by hand if the source is newer, "
             "or correct the number.")])


def new_entry(q: NewQuestion, template: str):
    """The register entry for q, as round-trip YAML (unknown facts marked with a comment)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString

    entry = CommentedMap()
    entry["zittingsjaar"] = q.zittingsjaar
    entry["number"] = q.number
    entry["date"] = q.date
    entry["asker"] = q.asker
    minister = CommentedMap()
    minister["name"] = q.minister_name
    minister["title"] = q.minister_title
    entry["minister"] = minister
    entry["title"] = q.title
    entry["template"] = template
    if q.opendata_id is not None:
        entry["opendata"] = q.opendata_id
    if q.introduction:
        entry["introduction"] = LiteralScalarString("\n\n".join(q.introduction))
    subquestions = CommentedMap()
    for n, text in q.subquestions.items():
        subquestions[n] = text
    entry["subquestions"] = subquestions
    answer = CommentedMap()
    parts = CommentedSeq()
    for n in q.subquestions:
        part = CommentedMap()
        part["number"] = n
        part["text"] = ANSWER_PLACEHOLDER
        parts.append(part)
    if not parts:
        parts.fa.set_flow_style()
    answer["parts"] = parts
    entry["answer"] = answer
    for mapping, key in ((entry, "date"), (entry, "asker"), (minister, "name"), (minister, "title"),
                         (entry, "title"), (entry, "zittingsjaar")):
        if mapping[key] in (None, UNKNOWN_PERSON):
            mapping.yaml_add_eol_comment(UNKNOWN_COMMENT, key)
    if not q.subquestions:
        entry.yaml_add_eol_comment("none found in the source: add them as 1: ..., 2: ...", "subquestions")
    entry.yaml_add_eol_comment("the sub-answers: see docs/templates.md", "answer")
    return entry


def entry_text(entry, indent: int = 2) -> str:
    """The entry as it will appear in the register: a list item at `indent` columns."""
    buffer = io.StringIO()
    _yaml().dump([entry], buffer)
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
        yaml = _yaml()
        document = yaml.load(original)
        document["questions"].append(entry)
        buffer = io.StringIO()
        yaml.dump(document, buffer)
        text = buffer.getvalue()
        line = len(text.splitlines()) - len(entry_text(entry).splitlines()) + 1
    return bom + text.encode("utf-8"), line


def write_register(register: Path, data: bytes, original: bytes) -> None:
    """Replace the register with data, whole at once, after reading the new text back: a
    register that drafter could no longer read is never written, nor one that changed since
    it was read (`original`: another intake at the same time)."""
    folder = register.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{register.name}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _, before = read_register(register)
        _, after = read_register(tmp)
        known = {(p.message, p.hint) for p in before}
        new = [p for p in after if (p.message, p.hint) not in known]
        if new:
            raise DataError(problems=[Problem(
                f"the new entry would not be read correctly ({p.message}); the register was not changed",
                file=display_path(register), hint="Add the question by hand; please report this.") for p in new])
        try:
            os.chmod(tmp, register.stat().st_mode & 0o777)
        except OSError:
            pass
        if register.read_bytes() != original:
            raise DataError("the register was changed by someone else while drafter was adding the question; "
                            "it was left as they wrote it", file=display_path(register),
                            hint="Run drafter intake again.")
        os.replace(tmp, register)
    except OSError as exc:
        raise DataError(f"cannot write the register ({exc.strerror})", file=display_path(register),
                        hint="Check that the file and its folder are writable and the disk is not full.") from None
    finally:
        tmp.unlink(missing_ok=True)

"""The register's editor: entries added and changed without touching anything else in the file.

The register is a file people edit by hand and share (on a network folder, through a symbolic
link to a colleague's copy), so every change drafter makes follows the same rules:

- The change is made on the text, line by line: a new entry is inserted after the last
  question (before whatever follows the list: other keys, their comments, a document-end
  marker ``...``); a key is set on its own line; an entry's lines are replaced. Every other
  byte stays as it was: comments, quotes, block scalars (``|+`` included), line endings (LF
  or CRLF), a byte-order mark.
- The new text is read back before it is written: it must hold the same values as the old
  text plus the change, and drafter's register reader must find no new problem in it.
  Otherwise nothing is written and the message says why.
- One writer at a time: a lock file beside the register (``.questions.yaml.lock``) is held
  while the file is read, changed and replaced, so that intakes started at the same moment
  each add their entry to the file the one before wrote. A person saving the file by hand
  takes no lock: a change made meanwhile is seen (the bytes differ) and the edit is made
  again on the new text.
- The file is replaced whole (a temporary file in its folder, then a rename) and keeps its
  permissions. A register that is a symbolic link is changed at its target, so every link
  to it sees the change; a read-only register is refused.

Other commands call `append_entry`, `set_key`, `edit_entry` and `replace_entry` with the
register's path; each returns the line of the entry it wrote. `appended`, `key_set` and
`entry_edited` do the same on a text and write nothing (for --dry-run). `collect` makes a new
text itself (`with_answer_texts`: an entry's answer parts rewritten, every other line kept) and
writes it with `write_register`, by the same rules.
"""

from __future__ import annotations

import codecs
import dataclasses
import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from drafter.errors import DataError, DrafterError, Problem, display_path, readable
from drafter.i18n import _
from drafter.load.register import read_register
from drafter.load.yamlfile import LineDict, load_yaml
from drafter.files import read_bytes
from drafter.load.yamlfile import MAX_YAML_BYTES
from drafter.write.output import staged

#: How long a change waits for another drafter that holds the register's lock: an intake
#: holds it for well under a second, so this is only reached when something hangs.
LOCK_SECONDS = 120.0
#: How often an edit is made again when a person saved the file while drafter changed it.
ATTEMPTS = 5
#: Line breaks as YAML counts lines (PyYAML and libyaml alike).
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
#: The end of a YAML document ("..."): what follows it is no longer the register's.
_DOCUMENT_END = re.compile(r"^\.\.\.(?:\s|#|$)")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_writer():
    """ruamel.yaml as the register is written: its indent, one line per value, null as null."""
    from ruamel.yaml import YAML

    writer = YAML()
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = 4096  # one line per value: no folding, no trailing spaces
    writer.preserve_quotes = True
    writer.representer.add_representer(
        type(None), lambda rep, _value: rep.represent_scalar("tag:yaml.org,2002:null", "null"))
    return writer


def _same_minister(a: object, b: str) -> bool:
    return " ".join(str(a or "").split()).casefold() == " ".join(b.split()).casefold()


def _minister_name(item) -> object:
    named = item.get("minister") if isinstance(item, dict) else None
    return named.get("name") if isinstance(named, dict) else None


def _holds(item, zittingsjaar: str, number: int, minister: str) -> bool:
    """Whether the entry is this question for this minister: as its own number, or as one of the
    copies of a question put to several ministers (other_ministers, each with its own number)."""
    if not isinstance(item, dict) or str(item.get("zittingsjaar")) != str(zittingsjaar):
        return False
    copies = [(item.get("minister"), item.get("number"))]
    others = item.get("other_ministers")
    copies += [(other, other.get("number")) for other in others or () if isinstance(other, dict)]
    return any(copy_number == number and _same_minister(who.get("name") if isinstance(who, dict) else None, minister)
               for who, copy_number in copies)


@dataclass(frozen=True)
class Which:
    """An entry of the register: its zittingsjaar and number, and the minister's name when the
    number is in the register for several ministers (compared without case and spaces)."""

    zittingsjaar: str
    number: int
    minister: str | None = None

    def matches(self, item) -> bool:
        return (isinstance(item, dict) and str(item.get("zittingsjaar")) == str(self.zittingsjaar)
                and item.get("number") == self.number
                and (self.minister is None or _same_minister(_minister_name(item), self.minister)))


@dataclass(frozen=True)
class Existing:
    line: int
    entry: dict


def find_entry(register: Path, zittingsjaar: str, number: int, minister: str) -> Existing | None:
    """The register's entry with this zittingsjaar, number and minister (by name, ignoring case
    and spaces), if there is one."""
    raw = load_yaml(register)
    items = raw.get("questions") if isinstance(raw, LineDict) else None
    which = Which(str(zittingsjaar), number, minister)
    for i, item in enumerate(items or []):
        if isinstance(item, LineDict) and _holds(item, str(zittingsjaar), number, minister):
            return Existing(items.line_of(i), item)
    return None


def entry_text(entry, indent: int = 2) -> str:
    """The entry as it will appear in the register: a list item whose '-' is at `indent` columns."""
    buffer = io.StringIO()
    yaml_writer().dump([entry], buffer)
    return _shifted(buffer.getvalue(), indent - 2)


def _mapping_text(mapping, indent: int) -> str:
    """A mapping's keys as they appear in an entry whose keys start at `indent` columns."""
    buffer = io.StringIO()
    yaml_writer().dump(mapping, buffer)
    return _shifted(buffer.getvalue(), indent)


def _shifted(text: str, shift: int) -> str:
    """text with every line moved `shift` columns right (left when negative). Lines are split at
    line feeds only: a text may hold other line-breaking characters inside its quotes."""
    lines = text.removesuffix("\n").split("\n")
    if shift > 0:
        lines = [(" " * shift + line) if line else line for line in lines]
    elif shift < 0:
        lines = [line[-shift:] if line.startswith(" " * -shift) else line for line in lines]
    return "\n".join(lines) + "\n"


# --- the text: its lines, where the questions are, and what a change must leave as it was


@dataclass(frozen=True)
class Edit:
    """A register's text after a change, the line (from 1) where the changed entry starts, and
    (for a key set) the line of that key."""

    text: str
    line: int
    key_line: int | None = None


def _lines(text: str) -> list[str]:
    """The text's lines, each with its own line break, as YAML numbers them."""
    lines, start = [], 0
    for m in _BREAK.finditer(text):
        lines.append(text[start:m.end()])
        start = m.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _newline(text: str) -> str:
    """The register's own line break: CRLF when its lines end so, else LF."""
    return "\r\n" if "\r\n" in text else "\n"


def _blank(line: str) -> bool:
    return not line.strip()


def _comment_at_or_left_of(line: str, column: int) -> bool:
    """A comment line that starts at or left of column (one that belongs to what follows)."""
    stripped = line.lstrip(" ")
    return stripped.startswith("#") and len(line) - len(stripped) <= column


def _values(text: str):
    """The text's values as YAML reads them (for comparing before and after a change)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def _plain(value):
    """A value made with ruamel.yaml (CommentedMap, ...) as the register's reader will see it."""
    return _values(entry_text(value))[0]


class _Refused(Exception):
    """A change this register's layout cannot take: the reason, for a person."""


@dataclass(frozen=True)
class _Layout:
    """Where things are in a register's text (lines counted from 0)."""

    lines: list[str]
    root: yaml.Node | None
    key: yaml.Node | None  # the 'questions' key
    value: yaml.Node | None  # its value
    items: list[yaml.Node]  # its entries
    dash: int  # the column of the entries' '-'
    end: int  # the line where what follows the list starts (another key, '...', the end)

    def dash_line(self, i: int) -> int:
        """The line of entry i's '-' (its first key may stand on the next line)."""
        line = self.items[i].start_mark.line
        while line > 0 and not self.lines[line][self.dash:].startswith("-"):
            line -= 1
        return line

    def content_end(self, start: int, end: int) -> int:
        """The line after an entry's last line: blank lines and comments at or left of the
        entries' '-' before `end` belong to what follows."""
        while end > start + 1 and (_blank(self.lines[end - 1])
                                   or _comment_at_or_left_of(self.lines[end - 1], self.dash)):
            end -= 1
        return end

    def span(self, i: int) -> tuple[int, int]:
        """Entry i's lines: from its '-' to its last line."""
        start = self.dash_line(i)
        following = self.dash_line(i + 1) if i + 1 < len(self.items) else self.end
        return start, self.content_end(start, following)


def _layout(text: str) -> _Layout:
    lines = _lines(text)
    try:
        root = yaml.compose(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _Refused(_("the register is not valid YAML")) from exc
    if root is not None and not isinstance(root, yaml.MappingNode):
        raise _Refused(_("the register is not a mapping with 'questions:'"))
    key = value = following = None
    pairs = root.value if root is not None else []
    for n, (k, v) in enumerate(pairs):
        if isinstance(k, yaml.ScalarNode) and k.value == "questions":
            key, value = k, v
            following = pairs[n + 1][0] if n + 1 < len(pairs) else None
    items: list[yaml.Node] = []
    dash = 2
    if isinstance(value, yaml.SequenceNode):
        if value.flow_style and value.value:
            raise _Refused(_("the questions are written as one list in brackets ([...])"))
        items = list(value.value)
        if items:
            dash = value.start_mark.column
    elif value is not None and not (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")):
        raise _Refused(_("'questions:' holds no list"))
    if following is not None:
        end = following.start_mark.line
    else:  # the list is the file's last value: it ends at a document marker, else at the file's end
        after = value.end_mark.line if value is not None else (root.end_mark.line if root is not None else 0)
        end = next((n for n in range(after, len(lines)) if _DOCUMENT_END.match(lines[n])), len(lines))
    return _Layout(lines, root, key, value, items, dash, end)


def _joined(lines: list[str], at: int, new: str, newline: str, *, blank_before: bool) -> str:
    """The lines with `new` inserted before line `at`."""
    before = lines[:at]
    if before and not before[-1].endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
        before = before[:-1] + [before[-1] + newline]
    separator = newline if blank_before and before and not _blank(before[-1]) else ""
    return "".join(before) + separator + new.replace("\n", newline) + "".join(lines[at:])


def _first_kept(candidates, keeps: Callable[[str], bool], what: str) -> str:
    """The first candidate text that keeps every value as it was; else the change is refused."""
    for text in candidates:
        if keeps(text):
            return text
    raise _Refused(what)


def _split_questions(data) -> tuple[dict, list]:
    data = data if isinstance(data, dict) else {}
    return {k: v for k, v in data.items() if k != "questions"}, list(data.get("questions") or [])


def _keeps(rest: dict, questions: list) -> Callable[[str], bool]:
    """Whether a new text holds these values: the register's settings and these questions."""

    def keeps(new_text: str) -> bool:
        try:
            return _split_questions(_values(new_text)) == (rest, questions)
        except (yaml.YAMLError, ValueError):  # not YAML, or a value (a date) it cannot hold
            return False

    return keeps


def appended(text: str, entry, *, refuse: Callable[[Existing], Exception] | None = None) -> Edit:
    """The register's text with entry added after its last question. `refuse` makes the
    exception raised when the register holds an entry with the same zittingsjaar, number
    and minister already (None: no such check)."""
    layout = _layout(text)
    old = _values(text)
    rest, questions = _split_questions(old)
    if refuse is not None:
        zittingsjaar, number = str(entry.get("zittingsjaar")), entry.get("number")
        minister = str(_minister_name(entry) or "")
        for i, item in enumerate(questions):
            if _holds(item, zittingsjaar, number, minister):
                raise refuse(Existing(layout.dash_line(i) + 1, item))
    newline = _newline(text)
    lines = layout.lines
    keeps = _keeps(rest, questions + [_plain(entry)])
    if layout.key is None:  # no questions yet, nor the key: both at the end
        at = layout.end
        while at > 0 and _blank(lines[at - 1]):
            at -= 1
        new = "questions:\n" + entry_text(entry, 2)
        candidates = [_joined(lines, at, new, newline, blank_before=True),
                      _joined(lines, at, new, newline, blank_before=False)]
        text_out = _first_kept(candidates, keeps, _("adding 'questions:' here would change other values of the "
                                                    "register"))
        return Edit(text_out, _line_of_entry(text_out, len(questions)))
    new = entry_text(entry, layout.dash)
    if not layout.items:  # 'questions:', 'questions: []' or 'questions: null': the key's value becomes the list
        k = layout.key.start_mark.line
        value_line = lines[k]
        if layout.value is not None and layout.value.start_mark.line == k:
            start, end = layout.value.start_mark.column, layout.value.end_mark.column
            value_line = value_line[:start].rstrip(" ") + value_line[end:]
        lines = lines[:k] + [value_line] + lines[k + 1:]
        at = max(k + 1, layout.content_end(k, layout.end))
        candidates = [_joined(lines, at, new, newline, blank_before=False)]
    else:
        last = len(layout.items) - 1
        start, at = layout.span(last)
        blanks = at
        while blanks < layout.end and _blank(lines[blanks]):
            blanks += 1
        candidates = [_joined(lines, at, new, newline, blank_before=True),
                      _joined(lines, at, new, newline, blank_before=False),
                      _joined(lines, blanks, new, newline, blank_before=False),
                      _joined(lines, blanks, new, newline, blank_before=True)]
    text_out = _first_kept(candidates, keeps, _("adding the entry here would change other values of the register"))
    return Edit(text_out, _line_of_entry(text_out, len(questions)))


def _line_of_entry(text: str, i: int) -> int:
    layout = _layout(text)
    return layout.dash_line(i) + 1


def _located(layout: _Layout, data, which: Which, *, copies: bool = True) -> tuple[int, int | None]:
    """Where `which` is among the register's entries: the entry's position, and the position of
    the item of its `other_ministers:` when `which` is another minister's copy of the question
    (None: the entry's own number). Without `copies`, only the entries' own numbers count."""
    entries = (data or {}).get("questions") or []
    found: list[tuple[int, int | None]] = [(i, None) for i, item in enumerate(entries) if which.matches(item)]
    if copies and (which.minister is not None or not found):
        for i, item in enumerate(entries):
            if not isinstance(item, dict) or str(item.get("zittingsjaar")) != str(which.zittingsjaar):
                continue
            others = item.get("other_ministers")
            for j, other in enumerate(others if isinstance(others, list) else ()):
                if (isinstance(other, dict) and other.get("number") == which.number
                        and (which.minister is None or _same_minister(other.get("name"), which.minister))):
                    found.append((i, j))
    if not found:
        raise DataError(_("there is no question {number} ({zittingsjaar}) in the register").format(
            number=which.number, zittingsjaar=which.zittingsjaar),
            hint=_("Check the number and the zittingsjaar."))
    if len(found) > 1:
        lines = ", ".join(str(_mapping_node(layout, i, j).start_mark.line + 1 if j is not None
                              else layout.dash_line(i) + 1) for i, j in found)
        raise DataError(_("question {number} ({zittingsjaar}) is in the register for several ministers (lines "
                          "{lines})").format(number=which.number, zittingsjaar=which.zittingsjaar, lines=lines),
                        hint=_("Name the minister (--minister)."))
    return found[0]


def _index(layout: _Layout, data, which: Which) -> int:
    """The position of `which` among the register's entries, by the entry's own number."""
    return _located(layout, data, which, copies=False)[0]


def _mapping_node(layout: _Layout, i: int, j: int | None) -> yaml.Node:
    """The node of entry i, or of the item j of its `other_ministers:`."""
    item = layout.items[i]
    if j is None:
        return item
    others = next(v for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == "other_ministers")
    return others.value[j]


def _line_after(lines: list[str], node: yaml.Node) -> int:
    """The line (from 0) after a value's last line: blank and comment lines at its end belong
    to what follows."""
    end = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
    while end > node.start_mark.line + 1 and (_blank(lines[end - 1]) or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _with_key(questions: list, i: int, j: int | None, key: str, value) -> list:
    """The register's questions as they must read after `key: value` is set in entry i (or its
    item j of `other_ministers:`)."""
    entry = dict(questions[i])
    if j is None:
        entry[key] = value
    else:
        others = list(entry["other_ministers"])
        others[j] = dict(others[j]) | {key: value}
        entry["other_ministers"] = others
    return questions[:i] + [entry] + questions[i + 1:]


def key_set(text: str, which: Which, key: str, value, *, after: tuple[str, ...] = ()) -> Edit:
    """The register's text with `key: value` set in the entry `which`, or in its item of
    `other_ministers:` when `which` is another minister's copy of the question: on the key's
    own line when it has one (its comment kept), else as a new line below the first of the keys
    `after` it has, else at its end. A mapping written in braces is written again by a round
    trip of that entry only (comments and quotes kept)."""
    layout = _layout(text)
    old = _values(text)
    rest, questions = _split_questions(old)
    i, j = _located(layout, old, which)
    node = _mapping_node(layout, i, j)
    keeps = _keeps(rest, _with_key(questions, i, j, key, _values(_mapping_text({key: value}, 0))[key]))

    newline = _newline(text)
    lines = layout.lines
    start, end = layout.span(i)
    candidates = []
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        if j is not None and node.value:
            end = _line_after(lines, node.value[-1][1])
        indent = node.value[0][0].start_mark.column if node.value else layout.dash + 2
        dumped = _mapping_text({key: value}, 0)
        for k, v in node.value:
            if not (isinstance(k, yaml.ScalarNode) and k.value == key):
                continue
            single = dumped.count("\n") == 1 and dumped.startswith(f"{key}: ")
            if single and isinstance(v, yaml.ScalarNode) and v.start_mark.line == v.end_mark.line == k.start_mark.line:
                line = lines[v.start_mark.line]
                changed = line[:v.start_mark.column] + dumped[len(key) + 2:].rstrip("\n") + line[v.end_mark.column:]
                candidates.append("".join(lines[:v.start_mark.line] + [changed] + lines[v.start_mark.line + 1:]))
            following = next((kk.start_mark.line for kk, _v in node.value if kk.start_mark.line > k.start_mark.line),
                             end)
            stop = layout.content_end(k.start_mark.line, following) if following != end else end
            replacement = _shifted(dumped, indent).replace("\n", newline)
            candidates.append("".join(lines[:k.start_mark.line]) + replacement + "".join(lines[stop:]))
            break
        else:
            values = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}
            below = next((values[name] for name in after if name in values), None)
            for at in dict.fromkeys(([_line_after(lines, below)] if below is not None else []) + [end]):
                candidates.append(_joined(lines, at, _shifted(dumped, indent), newline, blank_before=False))

    def change(entry) -> None:
        (entry if j is None else entry["other_ministers"][j])[key] = value

    candidates.append(_entry_rewritten(layout, i, change, newline))
    text_out = _first_kept(candidates, keeps, _("setting '{key}' here would change other values of the register")
                           .format(key=key))
    written = _layout(text_out)
    key_line = next(k.start_mark.line + 1 for k, _v in _mapping_node(written, i, j).value
                    if isinstance(k, yaml.ScalarNode) and k.value == key)
    return Edit(text_out, start + 1, key_line)


def _entry_rewritten(layout: _Layout, i: int, change: Callable, newline: str) -> str:
    """The register's text with entry i read by ruamel.yaml, changed in place by `change` and
    written again (its comments and quotes kept); every other line as it was."""
    start, end = layout.span(i)
    lines = layout.lines
    own = _shifted("".join(lines[start:end]).replace("\r\n", "\n"), 2 - layout.dash)
    writer = yaml_writer()
    loaded = writer.load(own)  # the list of one entry: a comment after the entry's last value is the list's
    change(loaded[0])
    buffer = io.StringIO()
    writer.dump(loaded, buffer)
    new = _shifted(buffer.getvalue(), layout.dash - 2)
    return "".join(lines[:start]) + new.replace("\n", newline) + "".join(lines[end:])


def entry_edited(text: str, which: Which, change: Callable) -> Edit:
    """The register's text with the entry `which` changed by `change`, a function that changes
    the entry in place (a ruamel.yaml CommentedMap: its comments and quotes are kept). Only
    that entry's lines are written anew."""
    layout = _layout(text)
    old = _values(text)
    rest, questions = _split_questions(old)
    i = _index(layout, old, which)
    changed = {}

    def remember(entry) -> None:
        change(entry)
        changed["entry"] = entry

    candidate = _entry_rewritten(layout, i, remember, _newline(text))
    keeps = _keeps(rest, questions[:i] + [_plain(changed["entry"])] + questions[i + 1:])
    text_out = _first_kept([candidate], keeps, _("changing this entry would change other values of the register"))
    return Edit(text_out, layout.span(i)[0] + 1)


# --- the file: one writer at a time, the text read again under the lock, written whole


def _target(register: Path) -> Path:
    """The file to change: the register, or the file its symbolic link leads to."""
    shown = display_path(register)
    target = Path(os.path.realpath(register))
    try:
        st = target.stat()
    except OSError as exc:
        raise DataError(_("cannot read the register ({reason})").format(reason=readable(exc)), file=shown,
                        hint=_("Check that the file exists and that you may read it.")) from exc
    if not stat.S_ISREG(st.st_mode):
        raise DataError(_("the register is not a regular file"), file=shown,
                        hint=_("Give the register's file (questions.yaml)."))
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise DataError(_("the register is read-only, so drafter does not change it; nothing was written"),
                        file=display_path(target),  # the file to make writable: where a link leads
                        hint=_("Make the file writable (or ask who keeps it to), then run again."))
    if not os.access(target.parent, os.W_OK):
        raise DataError(_("the register's folder cannot be written, so drafter cannot replace the register; "
                          "nothing was written"), file=display_path(target.parent),
                        hint=_("Check that you may write in this folder."))
    return target


def _lock(target: Path):
    from filelock import FileLock

    return FileLock(str(target.with_name(f".{target.name}.lock")), timeout=LOCK_SECONDS)


def _decoded(data: bytes, shown: str) -> tuple[bytes, str]:
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        return bom, data[len(bom):].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(_("the register is not UTF-8 text"), file=shown,
                        hint=_("Save it as UTF-8 (in most editors: 'Save as', encoding UTF-8).")) from exc


def change_register(register: Path, make: Callable[[str], Edit]) -> Edit:
    """Change the register: `make` gets its current text and gives the new one (as `appended`,
    `key_set` or `entry_edited` do). The rules are this module's: under the lock, read back,
    written whole; a DataError naming the register when the change cannot be made."""
    from filelock import Timeout

    shown = display_path(register)
    target = _target(register)

    def made(data: bytes) -> tuple[Edit, bytes]:
        bom, text = _decoded(data, shown)
        try:
            edit = make(text)
        except DrafterError as exc:  # a message without a file is about this register
            if all(p.file for p in exc.problems):
                raise
            raise DataError(problems=[dataclasses.replace(p, file=p.file or shown) for p in exc.problems]) from exc
        except _Refused as exc:
            raise DataError(_("{reason}; the register was not changed").format(reason=exc), file=shown,
                            hint=_("Make the change by hand, or report the register's layout to the drafter "
                                   "maintainers.")) from exc
        return edit, bom + edit.text.encode("utf-8")

    # made once before the lock, so that a change that cannot be made leaves no lock file behind
    first = _read(target, shown)
    edit, new = made(first)
    try:
        with _lock(target):
            for _attempt in range(ATTEMPTS):
                data = _read(target, shown)
                if data != first:  # another drafter or a person changed it meanwhile: again, on their text
                    first = data
                    edit, new = made(data)
                if _replace(register, target, new, data):
                    return edit
                first = b""
    except Timeout as exc:
        raise DataError(_("another drafter has been changing the register for {seconds:g} seconds; nothing was "
                          "written").format(seconds=LOCK_SECONDS), file=shown,
                        hint=_("Wait until it is done and run again; if none runs, remove the file {lock}.").format(
                            lock=display_path(target.with_name(f".{target.name}.lock")))) from exc
    except PermissionError as exc:  # the lock file cannot be made: the folder is read-only to this user
        raise _cannot_write(register, exc) from exc
    raise DataError(_("the register keeps being changed while drafter writes it; nothing was written"), file=shown,
                    hint=_("Wait until whoever edits it has saved it, then run again."))


def write_register(register: Path, data: bytes, original: bytes) -> None:
    """Replace the register with `data`, a new text made from its bytes `original` (as
    `with_answer_texts` makes it), by this module's rules (lock, read back, written whole, a link
    changed at its target). Refused when the register is no longer `original`: the new text was
    made from what someone else has since changed."""
    shown = display_path(register)
    _bom, text = _decoded(data, shown)
    _bom, was = _decoded(original, shown)

    def make(current: str) -> Edit:
        if current != was:
            raise DataError(_("the register was changed by someone else while drafter was changing it; it was left "
                              "as they wrote it"), file=shown, hint=_("Run the command again."))
        return Edit(text, 1)

    change_register(register, make)


def _read(target: Path, shown: str) -> bytes:
    """The register's bytes, read the safe way (a FIFO or a file grown too large put there since
    it was loaded is refused, not waited on)."""
    return read_bytes(target, MAX_YAML_BYTES, what=_("register"))


def _replace(register: Path, target: Path, data: bytes, original: bytes) -> bool:
    """Put data in place of the register, read back first; False when the file is no longer
    `original` (a person saved it meanwhile: the change is to be made again)."""
    try:
        with staged(target.parent, target.name, data) as tmp:
            _read_back(register, target, tmp)
            try:
                os.chmod(tmp, target.stat().st_mode & 0o777)  # the register keeps who may read and write it
            except OSError:  # a file system without modes (a network share): the new file keeps the usual ones
                pass
            if _read(target, display_path(register)) != original:
                return False
            os.replace(tmp, target)
            return True
    except OSError as exc:
        raise _cannot_write(register, exc) from exc


def _read_back(register: Path, target: Path, tmp: Path) -> None:
    """drafter's register reader must find no problem in the new text that the old one did
    not have. Problems name the register, never the temporary file."""
    shown = display_path(register)

    def named(problems: list[Problem]) -> list[Problem]:
        return [dataclasses.replace(p, file=shown) for p in problems]

    _, before = read_register(target)
    try:
        _, after = read_register(tmp)
    except DrafterError as exc:
        raise DataError(problems=[dataclasses.replace(p, file=shown, message=_(
            "the changed register could not be read ({problem}); the register was not changed").format(
            problem=p.message)) for p in exc.problems]) from exc
    known = {(p.message, p.hint) for p in before}
    new = [p for p in named(after) if (p.message, p.hint) not in known]
    if new:
        raise DataError(problems=[dataclasses.replace(p, message=_(
            "the changed entry would not be read correctly ({problem}); the register was not changed").format(
            problem=p.message), hint=_("Make the change by hand; please report this.")) for p in new])


def _cannot_write(register: Path, exc: OSError) -> DataError:
    return DataError(_("cannot write the register ({reason})").format(reason=readable(exc)),
                     file=display_path(register),
                     hint=_("Check that the file and its folder are writable and the disk is not full."))


def append_entry(register: Path, entry, *, refuse: Callable[[Existing], Exception] | None = None) -> int:
    """Add entry after the register's last question; its line. `refuse` as in `appended`: the
    check is made on the text under the lock, so two intakes of one question add it once."""
    return change_register(register, lambda text: appended(text, entry, refuse=refuse)).line


def set_key(register: Path, which: Which, key: str, value, *, after: tuple[str, ...] = ()) -> int:
    """Set `key: value` in the entry `which`, or in its item of `other_ministers:` for another
    minister's copy (e.g. ``answered: 2026-05-04``), placed as `key_set` places it; the entry's
    line. (`change_register` with `key_set` gives the key's line too.)"""
    return change_register(register, lambda text: key_set(text, which, key, value, after=after)).line


def edit_entry(register: Path, which: Which, change: Callable) -> int:
    """Change the entry `which` in place with `change` (see `entry_edited`); the entry's line."""
    return change_register(register, lambda text: entry_edited(text, which, change)).line


def replace_entry(register: Path, which: Which, entry) -> int:
    """Give the entry `which` the keys and values of `entry` (a mapping): keys it no longer
    has are removed, the comments of the keys it keeps stay. The entry's line."""

    def change(old) -> None:
        for key in [k for k in old if k not in entry]:
            del old[key]
        for key, value in entry.items():
            old[key] = value

    return edit_entry(register, which, change)


# --------------------------------------------------------------------------- an entry's answer texts


def _lines_of(register: Path) -> tuple[bytes, str, list[str]]:
    data = _read(register, display_path(register))
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
        raise DataError(_("question {number} of {zittingsjaar} is no longer in the register").format(
                            number=question.number, zittingsjaar=question.zittingsjaar),
                        file=display_path(register), hint=_("Run the command again."))
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

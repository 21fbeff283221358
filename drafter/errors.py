"""The one exceptions module.

Every mistake a user can make (in the register, a data file, a template, on the command
line) is raised as a :class:`DrafterError` carrying one or more :class:`Problem` objects.
A problem names the file, the place in it, what is wrong and what to do. The CLI prints
problems; it never shows a traceback for them.
"""

from __future__ import annotations

import contextvars
import errno
import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

from drafter.i18n import N_, _, ngettext


class Severity(StrEnum):
    ERROR = "error"  # the answer cannot be made as it should (exit code 1)
    WARNING = "warning"  # the answer is made; a person should look


ERROR, WARNING = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Problem:
    message: str
    file: str | None = None
    place: str | None = None
    hint: str | None = None
    severity: Severity = ERROR

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.place:
                where += f", {self.place}"
            where += ": "
        elif self.place:
            where = f"{self.place}: "
        text = f"{where}{self.message}"
        if self.hint:
            text += ("" if text.endswith((".", "?", "!")) else ".") + f" {self.hint}"
        return text

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "place": self.place,
            "message": self.message,
            "hint": self.hint,
        }


class DrafterError(Exception):
    """A user's mistake: one or more problems, each with its file and place."""

    def __init__(
        self,
        message: str | None = None,
        *,
        file: str | Path | None = None,
        place: str | None = None,
        hint: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        if problems is None:
            problems = [
                Problem(
                    message=message or _("unknown problem"),
                    file=display_path(file) if file is not None else None,
                    place=place,
                    hint=hint,
                )
            ]
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class DataError(DrafterError):
    """A data file (register, figures, notes) is missing, malformed or inconsistent."""


class TemplateProblem(DrafterError):
    """A Word template is missing, corrupt or has a tag mistake."""


class OutputError(DrafterError):
    """The answer cannot be written where it should go."""


#: The folder file names are shown from when it is not the working folder: `drafter serve`
#: shows the project's files as the command line does in the project's folder, whatever folder
#: the server was started in, and never a folder outside the project (its page may be read by
#: others than the person who started it). None: the working folder, as a command shows them.
_shown_from: contextvars.ContextVar[Path | None] = contextvars.ContextVar("drafter_shown_from", default=None)


@contextmanager
def paths_shown_from(folder: Path) -> Iterator[None]:
    """Inside the block, name files relative to `folder`, and a file outside it by its name alone."""
    token = _shown_from.set(folder.resolve())
    try:
        yield
    finally:
        _shown_from.reset(token)


def display_path(path: str | Path) -> str:
    """A path as the user should read it: relative to the working folder when inside it (to the
    project's folder, under `paths_shown_from`); a web address (https://...) as it is."""
    if isinstance(path, str) and "://" in path:
        return path
    p = Path(path)
    base = _shown_from.get()
    if base is not None and not p.is_absolute():
        p = base / p  # named from the project already (a message passes on a file it was given)
    try:
        # the folder resolved, the name as it is: a link is named where it is, not where it leads
        full = p.resolve() if p.name in ("", ".", "..") else p.parent.resolve() / p.name
        return str(full.relative_to(base if base is not None else Path.cwd().resolve()))
    except ValueError:  # not inside the working folder (the project's)
        return p.name if base is not None else str(p)
    except (OSError, RuntimeError):  # the working folder was removed, a folder of the path cannot be
        return p.name if base is not None else str(p)  # looked at, or its links go round in a circle


def shown(value, limit: int = 80) -> str:
    """A value read from a file, as a message shows it to a person: a text in quotes, a date as
    2019-10-07 (with its time, when it has one), true/false, null; a mapping or a list said in
    words ("a mapping with the keys name, party", "a list of 2 items"), since its notation
    ({'name': ...}) reads as a programmer's; never Python's own notation (datetime.date(2019,
    10, 7), None, <... object at 0x...>). At most `limit` characters."""
    if isinstance(value, dict):
        if not value:
            return _("an empty mapping")
        names = ", ".join(f"'{k}'" for k in value)
        names = names if len(names) <= limit else names[: limit - 3] + "..."
        return ngettext("a mapping with the key {keys}", "a mapping with the keys {keys}", len(value)).format(
            keys=names)
    if isinstance(value, (list, tuple)):
        if not value:
            return _("an empty list")
        return ngettext("a list of {count} item", "a list of {count} items", len(value)).format(count=len(value))
    text = _shown(value, limit, 0)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _shown(value, limit: int, depth: int) -> str:
    import datetime as dt

    if depth > 4:
        return "..."
    if isinstance(value, str):
        text = value[: limit + 1]
        return f"'{text}'" if text.isprintable() and "'" not in text else repr(text)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value) if abs(value) < 10**30 else _("a number of {digits} digits").format(digits=len(str(int(value))))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        items, size = [], 0
        for key, item in value.items():
            items.append(f"{_shown(key, limit, depth + 1)}: {_shown(item, limit, depth + 1)}")
            size += len(items[-1])
            if size > limit:
                break
        return "{" + ", ".join(items) + "}"
    if isinstance(value, (list, tuple)):
        items, size = [], 0
        for item in value:
            items.append(_shown(item, limit, depth + 1))
            size += len(items[-1])
            if size > limit:
                break
        return "[" + ", ".join(items) + "]"
    return _("a value of another kind")


_PYTHON_OBJECT = re.compile(r"'(?:\w+\.)*(\w+?)(?:View)? object'")


def readable(error) -> str:
    """An error of another library (Jinja2, Python, the system, openpyxl, lxml, csv) as a person
    reads it, in the language in use: a message this module knows (`_LIBRARY_MESSAGES`, the
    system's reasons by errno) is the catalog's sentence; another is the library's own text,
    which the message around it introduces ("cannot write the answer ({reason})"). "'drafter.view.
    answer.QuestionView object' has no attribute 'titel'" becomes "'question' has no attribute
    'titel'"; Python's exception names (KeyError, InvalidOperation) are left out."""
    if isinstance(error, OSError) and error.errno is not None:
        return system_reason(error)
    message = getattr(error, "message", None)  # Jinja2's errors: their message without the line
    text = message if isinstance(message, str) and message else str(error)
    if isinstance(error, KeyError) and error.args:
        text = str(error.args[0])
        known = library_text(text)
        text = known if known != text else _("there is no {key!r}").format(key=error.args[0])
    else:
        text = library_text(text)
    return _PYTHON_OBJECT.sub(lambda m: "'" + _object_word(m.group(1)) + "'", text)


#: The system's reasons a file cannot be read or written (an OSError's errno), as the catalog
#: says them; another errno is shown with the system's own words (`system_reason`).
_SYSTEM_REASONS = MappingProxyType({
    code: words for name, words in (
        ("EACCES", N_("you have no permission for it")),
        ("EPERM", N_("the system does not permit it")),
        ("EROFS", N_("the disk or folder is read-only")),
        ("EBUSY", N_("the file is in use by another program")),
        ("ETXTBSY", N_("the file is in use by another program")),
        ("ENOSPC", N_("the disk is full")),
        ("EDQUOT", N_("your share of the disk is used up")),
        ("ENOENT", N_("the file or folder does not exist")),
        ("EEXIST", N_("a file of that name exists already")),
        ("EISDIR", N_("it is a folder, not a file")),
        ("ENOTDIR", N_("a part of the path is a file, not a folder")),
        ("ENAMETOOLONG", N_("the name is longer than the system allows")),
        ("ENOTEMPTY", N_("the folder is not empty")),
        ("EIO", N_("the disk could not be read or written")),
        ("EMFILE", N_("too many files are open")),
        ("ENFILE", N_("too many files are open")),
        ("EXDEV", N_("the file cannot be moved to another disk")),
        ("ELOOP", N_("a link leads round in a circle")),
        ("EINVAL", N_("the name or the request is not valid on this system")),
        ("EAGAIN", N_("the file is locked by another program")),
    ) if (code := getattr(errno, name, None)) is not None})

#: The errnos of a file another program holds open or locked, and Windows' own error numbers
#: (OSError.winerror) for one.
_IN_USE = tuple(code for name in ("EBUSY", "ETXTBSY", "EAGAIN") if (code := getattr(errno, name, None)) is not None)
_WINDOWS_LOCKED = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def system_reason(error: OSError) -> str:
    """Why the system refused to read or write a file, in the language in use: a known errno as the
    catalog says it; another with the system's own words after a sentence that says they are."""
    if getattr(error, "winerror", None) in _WINDOWS_LOCKED:
        return _(_SYSTEM_REASONS[errno.EBUSY])
    words = _SYSTEM_REASONS.get(error.errno)
    if words:
        return _(words)
    return _("the system reports: {reason}").format(reason=error.strerror or error)


def file_in_use(error: BaseException) -> bool:
    """Whether the system refused a file because another program (Word, Excel) holds it."""
    return isinstance(error, OSError) and (
        getattr(error, "winerror", None) in _WINDOWS_LOCKED
        or error.errno in _IN_USE)


#: Jinja2's words for the tokens its syntax errors name, translated where they are shown.
_TOKEN_WORDS = MappingProxyType({"end of print statement": N_("end of print statement"),
                                 "end of statement block": N_("end of statement block"),
                                 "end of template": N_("end of template")})

#: The messages of other libraries a person meets (Jinja2's syntax and sandbox errors, Python's
#: arithmetic, zip packages, openpyxl, csv): the library's English wording (kept as it is in English),
#: each as a whole sentence of the catalog. Another message is shown as the library wrote it.
_LIBRARY_MESSAGES = (
    (re.compile(r"Encountered unknown tag '(?P<tag>[^']*)'\.$"), N_("Encountered unknown tag '{tag}'.")),
    (re.compile(r"No filter named '(?P<name>[^']*)'\.$"), N_("No filter named '{name}'.")),
    (re.compile(r"expected token '(?P<expected>[^']*)', got '(?P<got>[^']*)'$"),
     N_("expected token '{expected}', got '{got}'")),
    (re.compile(r"unexpected '(?P<token>[^']*)'$"), N_("unexpected '{token}'")),
    (re.compile(r"unexpected '(?P<token>[^']*)', expected '(?P<expected>[^']*)'$"),
     N_("unexpected '{token}', expected '{expected}'")),
    (re.compile(r"unexpected char (?P<char>.+) at (?P<position>\d+)$"), N_("unexpected char {char} at {position}")),
    (re.compile(r"Expected an expression, got '(?P<got>[^']*)'$"), N_("Expected an expression, got '{got}'")),
    (re.compile(r"expected name or number$"), N_("expected name or number")),
    (re.compile(r"'(?P<name>[^']*)' is undefined$"), N_("'{name}' is undefined")),
    (re.compile(r"(?P<object>'[^']*') has no attribute '(?P<attribute>[^']*)'$"),
     N_("{object} has no attribute '{attribute}'")),
    (re.compile(r"(?P<object>[\w.]+ object) has no element (?P<element>.+)$"), N_("{object} has no element {element}")),
    (re.compile(r"Unexpected end of template\. Jinja was looking for the following tags: (?P<tags>.+)\. "
                r"The innermost block that needs to be closed is '(?P<block>[^']*)'\.$", re.DOTALL),
     N_("Unexpected end of template. Jinja was looking for the following tags: {tags}. The innermost block that "
        "needs to be closed is '{block}'.")),
    (re.compile(r"Range too big\. The sandbox blocks ranges larger than MAX_RANGE \((?P<limit>\d+)\)\.$"),
     N_("the range is too long: a tag may count at most {limit} steps")),
    (re.compile(r"access to attribute '(?P<attribute>[^']*)' of '(?P<object>[^']*)' object is unsafe\.?$"),
     N_("a tag may not use '{attribute}': it is not a name of the data")),
    (re.compile(r"(?:float |integer |decimal )?(?:division|modulo) by zero$|division impossible$"),
     N_("a division by zero")),
    (re.compile(r"There is no item named '(?P<part>[^']*)' in the archive$"),
     N_("the package has no part {part}")),
    (re.compile(r"File contains no valid workbook part$"), N_("the package holds no workbook")),
    (re.compile(r"field larger than field limit \((?P<limit>\d+)\)$"),
     N_("a cell is longer than {limit} characters")),
)


def library_text(message: str) -> str:
    """A message of another library in the language in use: its own words in English, the catalog's
    sentence in another language (the tokens it names, such as 'end of print statement', too);
    a message `_LIBRARY_MESSAGES` does not know stays as it is."""
    for pattern, sentence in _LIBRARY_MESSAGES:
        m = pattern.match(message)
        if m:
            found = {key: _(_TOKEN_WORDS[value]) if value in _TOKEN_WORDS else value
                     for key, value in m.groupdict().items()}
            if "tags" in found:  # "'elif' or 'else' or 'endif'", its 'or' in the language in use
                found["tags"] = functools.reduce(lambda a, b: _("{first} or {second}").format(first=a, second=b),
                                                 re.findall(r"'[^']*'", found["tags"]))
            return _(sentence).format(**found)
    return message


#: How messages name drafter's objects that a template or a text can reach (marked with N_,
#: translated where shown). Another class is named as a template names it ('question' for a
#: QuestionView): that is a name the template's author writes, the same in every language.
_OBJECT_WORDS = MappingProxyType({"dict": N_("a mapping"), "FiguresData": N_("data set"), "BudgetData": N_("data set"),
                                  "SharesData": N_("data set"), "RecordsData": N_("data set"),
                                  "RecordData": N_("data set"), "TracedFigures": N_("data set"),
                                  "TracedBudget": N_("data set"), "TracedShares": N_("data set"),
                                  "NoteCatalog": N_("notes")})


def _object_word(name: str) -> str:
    words = _OBJECT_WORDS.get(name)
    return _(words) if words else name.lower()


def object_word(kind: type) -> str:
    """How a message names an object of one of drafter's classes: 'data set', 'question' (a
    QuestionView), 'minister'."""
    return _object_word(kind.__name__.removesuffix("View") if kind.__name__ not in _OBJECT_WORDS else kind.__name__)

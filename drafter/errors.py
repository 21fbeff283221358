"""The one exceptions module.

Every mistake a user can make (in the register, a data file, a template, on the command
line) is raised as a :class:`DrafterError` carrying one or more :class:`Problem` objects.
A problem names the file, the place in it, what is wrong and what to do. The CLI prints
problems; it never shows a traceback for them.
"""

from __future__ import annotations

import contextvars
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
    """An error of Jinja2 or Python as a person can read it: "'drafter.view.answer.QuestionView
    object' has no attribute 'titel'" becomes "'question' has no attribute 'titel'"; Python's
    exception names (KeyError, InvalidOperation) are left out."""
    text = str(error)
    if isinstance(error, KeyError) and error.args:
        text = _("there is no {key!r}").format(key=error.args[0])
    return _PYTHON_OBJECT.sub(lambda m: "'" + _object_word(m.group(1)) + "'", text)


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

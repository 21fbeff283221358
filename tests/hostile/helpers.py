"""What every hostile or broken input case asserts, and the tools to make and run one.

A case breaks one thing in a private copy of the example project (data/, answer_templates/,
drafter.toml, an empty output/), runs one drafter command in it, and asserts: the exit
code; one error line naming the file and the place, saying what is wrong; no traceback and
no Python in any message (no `<... object at 0x...>`, no `datetime.`, no `SomethingError:`);
and the project tree byte for byte as it was (a FIFO, a link, a folder by their kind).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import stat
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..conftest import ROOT, run_cli

#: How long a refusal may take, hostile input included (a FIFO must never be waited on).
LIMIT_SECONDS = 20

#: What no message may hold: Python's description of an object, its dates, an exception's
#: name, a traceback.
PYTHON_IN_MESSAGES = re.compile(r"<[\w.]+ object at 0x[0-9a-f]+>|\bobject at 0x|datetime\.|\b\w*Error:|Traceback")


def no_python_in(output: str) -> None:
    found = PYTHON_IN_MESSAGES.search(output)
    assert found is None, f"Python in a message ({found.group()!r}):\n{output}"


def copy_project(folder: Path) -> Path:
    """The example project: its drafter.toml, data/, answer_templates/ and an empty output/."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "answer_templates", folder / "answer_templates")
    shutil.copy(ROOT / "drafter.toml", folder / "drafter.toml")
    (folder / "output").mkdir()
    return folder


def snapshot(folder: Path) -> dict[str, tuple]:
    """Every entry under folder, hidden ones too, by its kind: a file by its bytes' SHA-256 and
    mode, a link by its target, a folder, a FIFO (never opened)."""
    seen = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            st = path.lstat()
            key = str(path.relative_to(folder))
            if stat.S_ISLNK(st.st_mode):
                seen[key] = ("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                seen[key] = ("folder",)
            elif stat.S_ISREG(st.st_mode):
                seen[key] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), stat.S_IMODE(st.st_mode))
            else:
                seen[key] = ("special", stat.S_IFMT(st.st_mode))
    return seen


@contextmanager
def time_limit(seconds: int = LIMIT_SECONDS):
    """Fail, rather than hang, when the command does not end in time (a FIFO waited on)."""
    def expired(signum, frame):
        raise TimeoutError(f"drafter did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def at_line(file: str, needle: str, nth: int = 1) -> Callable[[Path], str]:
    """'line N' of the nth line holding needle in file of the project copy (after the break)."""
    def place(project: Path) -> str:
        seen = 0
        lines = (project / file).read_text(encoding="utf-8", errors="replace").splitlines()
        for number, line in enumerate(lines, start=1):
            if needle in line:
                seen += 1
                if seen == nth:
                    return f"line {number}"
        raise AssertionError(f"{needle!r} is not in {file}")
    return place


@dataclass(frozen=True)
class Case:
    id: str
    breaks: Callable[[Path], None]  # changes the project copy
    command: tuple[str, ...]  # drafter's arguments, run in the project copy
    file: str | None  # the file the error line names first (None: a message about an option)
    place: str | Callable[[Path], str] | None  # the place it names (a prefix), or None
    says: tuple[str, ...]  # what the error line says
    exit_code: int = 1
    extra: Callable[[Path], tuple[str, ...]] = field(default=lambda project: ())  # arguments needing the copy's path

    def where(self, project: Path) -> str | None:
        return self.place(project) if callable(self.place) else self.place


def error_line(output: str, case: Case, project: Path) -> str:
    """The error line the case expects: 'error: FILE, PLACE: ...' (or 'error: FILE: ...'), saying all it must."""
    place = case.where(project)
    if case.file is None:
        prefix = "error: "
    else:
        prefix = f"error: {case.file}, {place}" if place else f"error: {case.file}"
    lines = [line.strip() for line in output.splitlines() if line.strip().startswith(prefix)]
    assert lines, f"no error line starting with {prefix!r} in:\n{output}"
    matching = [line for line in lines if all(s in line for s in case.says)]
    assert matching, f"no line {prefix!r}... says {case.says!r}:\n{output}"
    return matching[0]


def run_case(case: Case, project: Path) -> None:
    """Break the copy, run the command, and assert what every case must hold."""
    case.breaks(project)
    before = snapshot(project)
    with time_limit():
        result = run_cli(*case.command, *case.extra(project))
    output = result.stdout + result.stderr
    assert result.exit_code == case.exit_code, output
    assert "internal error" not in output
    no_python_in(output)
    error_line(output, case, project)
    assert snapshot(project) == before, "a file was written or changed"

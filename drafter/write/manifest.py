"""The manifest of a run: what drafter wrote, from which files, and how each answer went.

One JSON file per run in the output folder, ``drafter-manifest-YYYYMMDD-HHMMSS.json``
(``-2``, ``-3`` when two runs start in the same second: each run keeps its own). It is
written when the run starts (state "running") and again when it ends ("finished", or
"interrupted" after Ctrl-C); a run killed outright leaves it at "running". Every write is
whole: a temporary name, then a rename.

Per answer it records the question, the status, the file written with its SHA-256, the
gaps it still shows, the register, template, data and notes files it was made from with
their SHA-256, and the warnings and problems. File names of answers are relative to the manifest's folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from drafter import __version__
from drafter.errors import OutputError, Problem, display_path, readable
from drafter.i18n import _
from drafter.word.gaps import Gap
from drafter.write.output import Status, replace_file, write_new

#: Changes when the layout of the JSON changes in a way readers must know about.
MANIFEST_VERSION = 1
PREFIX = "drafter-manifest-"


class RunState(StrEnum):
    """The state of a run, as its manifest records it."""

    RUNNING = "running"  # started; a run killed outright (kill -9) stays here
    FINISHED = "finished"
    INTERRUPTED = "interrupted"  # Ctrl-C, SIGTERM or SIGHUP: the answers made so far are listed


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class FileHashes:
    """SHA-256 of input files, worked out once while a file keeps its size and time."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[tuple[int, int], str]] = {}

    def of(self, path: Path) -> str:
        st = os.stat(path)
        stamp = (st.st_mtime_ns, st.st_size)
        known = self._known.get(path)
        if known is None or known[0] != stamp:
            known = (stamp, sha256_file(path))
            self._known[path] = known
        return known[1]


class Role(StrEnum):
    """What an input file is to an answer (the keys of a manifest's "inputs")."""

    REGISTER = "register"
    TEMPLATE = "template"
    DATA = "data"
    NOTES = "notes"


@dataclass(frozen=True)
class InputFile:
    role: Role
    path: Path
    sha256: str
    name: str | None = None  # a data set's name in the register


def _inputs_dict(inputs: tuple[InputFile, ...]) -> dict:
    """{"register": {file, sha256}, "template": ..., "data": {name: {file, sha256}}, "notes": ...}"""
    out: dict = {}
    for item in inputs:
        entry = {"file": str(item.path.resolve()), "sha256": item.sha256}
        if item.role == Role.DATA:
            out.setdefault("data", {})[item.name] = entry
        else:
            out[item.role] = entry
    return out


@dataclass(frozen=True)
class AnswerRecord:
    """What became of one question in a run."""

    label: str  # "question 4 (2019-2020)", for people
    zittingsjaar: str | None
    number: int | None
    title: str | None
    status: Status
    file: Path | None = None  # the file written (with "beside": the new draft)
    sha256: str | None = None
    size: int | None = None
    kept: Path | None = None  # "beside": the edited answer, left alone
    backup: Path | None = None  # "backed-up": the copy of the edited answer
    inputs: tuple[InputFile, ...] = ()
    warnings: tuple[Problem, ...] = ()
    problems: tuple[Problem, ...] = ()  # why it failed
    message: str = ""  # one line for people
    pdf: Path | None = None
    trace: str | None = None  # with --debug: the traceback of a bug; never in the manifest
    gaps: tuple[Gap, ...] = ()  # what the answer written still shows to be filled in

    def as_dict(self) -> dict:
        def name(path: Path | None) -> str | None:
            return None if path is None else path.name

        return {
            "question": {"zittingsjaar": self.zittingsjaar, "number": self.number, "title": self.title},
            "status": self.status,
            "file": name(self.file),
            "sha256": self.sha256,
            "size": self.size,
            "kept": name(self.kept),
            "backup": name(self.backup),
            "pdf": name(self.pdf),
            "gaps": [gap.as_dict() for gap in self.gaps],
            "inputs": _inputs_dict(self.inputs),
            "warnings": [p.as_dict() for p in self.warnings],
            "problems": [p.as_dict() for p in self.problems],
            "message": self.message,
        }


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


class Manifest:
    """The manifest file of one run, rewritten whole as the run goes."""

    def __init__(self, folder: Path, started: dt.datetime, options: dict) -> None:
        self.folder = folder
        self.started = started
        self.options = options
        self.path: Path | None = None

    def as_dict(self, records: list[AnswerRecord], state: RunState, finished: dt.datetime | None) -> dict:
        counts: dict[str, int] = {}
        for record in records:
            counts[record.status] = counts.get(record.status, 0) + 1
        return {
            "manifest_version": MANIFEST_VERSION,
            "drafter": __version__,
            "state": state,
            "started": _stamp(self.started),
            "finished": None if finished is None else _stamp(finished),
            "folder": str(self.folder.resolve()),
            "options": self.options,
            "counts": dict(sorted(counts.items())),
            "answers": [r.as_dict() for r in records],
        }

    def write(self, records: list[AnswerRecord], state: RunState, finished: dt.datetime | None = None) -> Path:
        data = json.dumps(self.as_dict(records, state, finished), ensure_ascii=False, indent=2).encode("utf-8") + b"\n"
        name = self.folder / f"{PREFIX}{self.started:%Y%m%d-%H%M%S}.json"
        try:
            if self.path is None:
                self.path = write_new(name, data)
            else:
                replace_file(self.path, data)
        except OSError as exc:  # a full disk, a folder that became read-only
            raise OutputError(_("cannot write the manifest of the run ({reason})").format(reason=readable(exc)),
                              file=display_path(self.path or name),
                              hint=_("Free some space on the disk (or check the folder's permissions); "
                                     "the answers listed above were written.")) from exc
        return self.path

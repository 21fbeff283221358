"""The project the server shows, kept loaded while its files are unchanged on disk.

Reading the register and compiling its texts is most of the time of a page; the server keeps
the register it read and the Generator made for it (which keeps its templates and data sets
while their files are unchanged), and reads them again only when a file of the project has
changed since (its modification time or size): the register and the files beside it, the
templates. A write through the page changes the register, so the next request reads it again.

The follow-up list's rows (status's rows) are kept the same way: they depend on the register,
the templates, the answers in the output folder and today's date, and nothing else; computing
them for thousands of questions (each answer's file name, its deadlines, a look in the output
folder) takes about a second, so they are computed again only when one of those changed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.commands import status as st
from drafter.load.register import Register, load_register
from drafter.pipeline import Generator


def _stamp(folders: tuple[Path, ...], files: tuple[Path, ...]) -> tuple:
    """What identifies the project's files as they are now: each file's name, modification time
    and size, in the folders and their subfolders (a data file may sit in `cijfers 2019/`) and the
    files given."""
    out = []
    for folder in folders:
        if not folder.is_dir():  # a folder that is gone or unreadable: its files count as changed
            out.append((str(folder), None, None))
        for root, _dirs, names in os.walk(folder, onerror=lambda exc: out.append((str(exc.filename), None, None))):
            for name in names:
                path = os.path.join(root, name)
                try:
                    st = os.stat(path)
                except OSError:
                    out.append((path, None, None))
                else:
                    out.append((path, st.st_mtime_ns, st.st_size))
    for file in files:
        try:
            st = file.stat()
            out.append((str(file), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(file), None, None))
    return tuple(sorted(out, key=lambda x: x[0]))


@dataclass(frozen=True)
class Loaded:
    register: Register
    generator: Generator
    stamp: tuple


@dataclass(frozen=True)
class FollowUpRows:
    """status's rows for the whole register, and what they were computed from."""

    rows: tuple[st.Row, ...]
    key: tuple  # the project's stamp, the output folder's, the day


class ProjectFiles:
    """One project, read when first asked for and again whenever its files changed."""

    def __init__(self, project: paths.Project) -> None:
        self.project = project
        self._loaded: Loaded | None = None
        self._lock = threading.Lock()  # two requests at once read the project once
        self._rows: FollowUpRows | None = None
        self._rows_lock = threading.Lock()  # two requests at once compute the rows once

    def stamp(self) -> tuple:
        p = self.project
        return _stamp((p.register.parent, p.templates), (p.register,) + ((p.file,) if p.file else ()))

    def loaded(self) -> Loaded:
        """The register (lenient: an entry that cannot be read is in `rejected`) and its Generator,
        as the files are now. Raises a DrafterError when the register cannot be read at all."""
        with self._lock:
            stamp = self.stamp()
            if self._loaded is None or self._loaded.stamp != stamp:
                register = load_register(self.project.register, lenient=True)
                self._loaded = Loaded(register, Generator(register, self.project.templates), stamp)
            return self._loaded

    def status_rows(self, today) -> list[st.Row]:
        """`drafter status`'s rows for every entry of the register (unselected), as the register,
        the templates and the answers in the output folder are now, counted from `today`."""
        with self._rows_lock:
            loaded = self.loaded()
            key = (loaded.stamp, _stamp((self.project.output,), ()), today)
            if self._rows is None or self._rows.key != key:
                rows = st.status_rows(loaded.register, self.project.output, today, self.project.templates)
                self._rows = FollowUpRows(tuple(rows), key)
            return list(self._rows.rows)

"""The project the server shows, kept loaded while its files are unchanged on disk.

Reading the register and compiling its texts is most of the time of a page; the server keeps
the register it read and the Generator made for it (which keeps its templates and data sets
while their files are unchanged), and reads them again only when a file of the project has
changed since (its modification time or size): the register and the files beside it, the
templates. A write through the page changes the register, so the next request reads it again.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.load.register import Register, load_register
from drafter.pipeline import Generator


def _stamp(folders: tuple[Path, ...], files: tuple[Path, ...]) -> tuple:
    """What identifies the project's files as they are now: each file's name, modification time
    and size, in the folders (not below) and the files given."""
    out = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_file():
                        st = entry.stat()
                        out.append((entry.path, st.st_mtime_ns, st.st_size))
        except OSError:  # a folder that is gone or unreadable: its files count as changed
            out.append((str(folder), None, None))
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


class ProjectFiles:
    """One project, read when first asked for and again whenever its files changed."""

    def __init__(self, project: paths.Project) -> None:
        self.project = project
        self._loaded: Loaded | None = None
        self._lock = threading.Lock()  # two requests at once read the project once

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

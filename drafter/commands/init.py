"""`drafter init`: a new project folder, made from the example project that comes with drafter.

The example is the checkout's own project -- its drafter.toml, data/ (register, data,
notes) and answer_templates/ -- which the wheel carries as package data in
``drafter/example/`` (see setup.py). Run from a checkout, the checkout itself is the example.
The new project gets an empty output folder. Nothing that exists is replaced: a folder that
already holds any of the files is refused before anything is written, and the files are
copied under temporary names and renamed into place.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from drafter import paths
from drafter.errors import DataError, OutputError, display_path
from drafter.files import check_path
from drafter.i18n import _
from drafter.write.output import link_new, staged

#: What a project folder holds, as in the example: the project file and these folders.
EXAMPLE_FOLDERS = ("data", "answer_templates")
#: Files of the example that are not copied (caches, editors' leftovers).
SKIPPED = ("__pycache__", "*.pyc", ".~lock.*", "~$*", ".DS_Store", "Thumbs.db")


@dataclass(frozen=True)
class NewProject:
    root: Path
    files: tuple[Path, ...]


def example_folder() -> Path:
    """Where the example project is: in the installed package, or (in a checkout) the checkout."""
    packaged = resources.files("drafter") / "example"
    if packaged.is_dir() and (packaged / paths.PROJECT_FILE).is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / paths.PROJECT_FILE).is_file() and all((checkout / f).is_dir() for f in EXAMPLE_FOLDERS):
        return checkout
    raise DataError("the example project is missing from this installation of drafter",
                    hint="Reinstall drafter from its wheel (pipx install --force ...).")


def example_files(example: Path) -> list[Path]:
    """The example's files, relative to it: the project file, then data/ and answer_templates/."""
    ignore = shutil.ignore_patterns(*SKIPPED)
    found = [Path(paths.PROJECT_FILE)]
    for folder in EXAMPLE_FOLDERS:
        for dirpath, dirnames, filenames in os.walk(example / folder):
            skipped = ignore(dirpath, dirnames + filenames)
            dirnames[:] = sorted(d for d in dirnames if d not in skipped)
            for name in sorted(filenames):
                if name not in skipped:
                    found.append((Path(dirpath) / name).relative_to(example))
    return found


def create_project(folder: Path) -> NewProject:
    """Copy the example into folder (made if need be) and add an empty output folder."""
    folder = Path(folder)
    check_path(folder, OutputError, what=_("the folder"))  # a name longer than the system allows
    problem = paths.windows_path_problem(folder.resolve())
    if problem and os.name == "nt":
        raise OutputError(f"this folder cannot be used on Windows: {problem}", file=display_path(folder),
                          hint="Choose a shorter folder name without reserved names or special characters.")
    if folder.exists() and not folder.is_dir():
        raise OutputError("this is a file, not a folder", file=display_path(folder),
                          hint="Give the name of a new or an existing folder.")
    example = example_folder()
    files = example_files(example)
    root = folder.resolve()
    taken = [f for f in files if (root / f).exists()]
    if taken:
        shown = ", ".join(f.as_posix() for f in taken[:5]) + (" ..." if len(taken) > 5 else "")
        raise OutputError(f"this folder already holds files of a project ({shown}); nothing was written",
                          file=display_path(folder),
                          hint="Choose an empty or new folder: drafter init never replaces a file.")
    output = paths.read_project(example / paths.PROJECT_FILE).output.relative_to(example.resolve())
    written: list[Path] = []
    try:
        for rel in files:
            written.append(_copy(example / rel, root / rel))
        (root / output).mkdir(parents=True, exist_ok=True)
    except OutputError:
        for path in written:  # leave no half-made project behind
            path.unlink(missing_ok=True)
        raise
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise OutputError(f"cannot write the project ({exc.strerror})", file=display_path(exc.filename or folder),
                          hint="Check that the folder is writable and the disk is not full.") from exc
    return NewProject(root, tuple(written))


def _copy(source: Path, target: Path) -> Path:
    """source's bytes at target, whole, only if target is still free."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with staged(target.parent, target.name, source.read_bytes()) as tmp:
        if not link_new(tmp, target):
            raise OutputError("this file appeared while drafter made the project; it is left alone",
                              file=display_path(target), hint="Choose an empty or new folder.")
    return target

"""Looking at a file the user named, with one clear message for every way it can be wrong."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.errors import DataError, display_path


def stat_file(path: Path, error=DataError, missing_hint: str = "Check the file name and folder.",
              what: str = "file") -> os.stat_result:
    """The file's stat; a missing file, a folder or an unreadable path is `error` naming it."""
    shown = display_path(path)
    try:
        st = path.stat()
    except FileNotFoundError as exc:
        raise error(f"{what} not found", file=shown, hint=missing_hint) from exc
    except NotADirectoryError as exc:
        raise error(f"{what} not found: a part of its path is a file, not a folder", file=shown,
                    hint=missing_hint) from exc
    except OSError as exc:
        raise error(f"cannot read the file ({exc.strerror})", file=shown,
                    hint="Check that the file exists and that you may read it.") from exc
    if stat.S_ISDIR(st.st_mode):
        raise error("this is a folder, not a file", file=shown, hint="Name a file in it instead.")
    return st


#: Windows' attribute for a hidden file (FILE_ATTRIBUTE_HIDDEN).
_HIDDEN = 0x2


def hide(path: Path) -> None:
    """Hide a temporary file: its name starts with a dot, which hides it on macOS and Linux;
    Windows needs the file's hidden attribute as well. Best effort: a file system that has
    no such attribute leaves it visible, and it is removed soon anyway."""
    if os.name != "nt":
        return
    import ctypes

    try:
        ctypes.windll.kernel32.SetFileAttributesW(str(path), _HIDDEN)
    except (AttributeError, OSError):
        pass


def office_lock_files(path: Path) -> list[Path]:
    """The lock files Word (~$name.docx) and LibreOffice (.~lock.name#) keep beside a document
    they have open; those that exist."""
    name = path.name
    word = "~$" + (name[2:] if len(Path(name).stem) > 7 else name)  # Word drops the first two letters of long names
    candidates = [path.with_name(word), path.with_name(f".~lock.{name}#")]
    return [c for c in candidates if c.exists()]


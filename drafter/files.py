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



def read_limited(path: Path, limit: int, *, what: str = "file", too_large: str | None = None,
                 error=DataError) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. The file is opened without waiting
    and looked at once open: a named pipe (FIFO), a device or a socket is an error at once,
    never a read that waits forever; a larger file is refused before it is read (and a file
    that grows while it is read, at the limit)."""
    from drafter.i18n import _

    shown = display_path(path)
    st = stat_file(path, error, what=what)
    not_regular = error(_("this is not a regular file (a pipe, a device or a socket), so drafter does not read it"),
                        file=shown, hint=_("Give a file saved on disk."))
    if not stat.S_ISREG(st.st_mode):
        raise not_regular
    too_big = error(_("the file is larger than {mb} MB").format(mb=max(1, limit // (1024 * 1024))), file=shown,
                    hint=too_large or _("Check that this is the right file."))
    if st.st_size > limit:
        raise too_big
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise error(_("cannot read the file ({reason})").format(reason=exc.strerror), file=shown,
                    hint=_("Check that the file exists and that you may read it.")) from exc
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced by a pipe since it was looked at
            raise not_regular
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise error(_("cannot read the file ({reason})").format(reason=exc.strerror), file=shown,
                        hint=_("Check that the file exists and that you may read it.")) from exc
    if len(data) > limit:
        raise too_big
    return data

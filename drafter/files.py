"""Opening a file the user named, the one safe way, with one clear message for every way it can be wrong.

Every file drafter reads (the register, data files, notes, templates, drafter.toml, a
manifest) is read through `read_bytes` or `open_regular`:

- only a regular file is read: a named pipe (FIFO), a device, a socket or a folder is an
  error at once. The file is opened without blocking (opening a FIFO for reading would wait
  for a writer for ever) and judged by what was opened (fstat), not by a look before;
- its size is checked before a byte is read, and no more than the limit is read even when
  the file grows meanwhile;
- `inside` keeps a file within its folder when links are followed: a data file that is a
  link to a file elsewhere (~/.ssh/id_rsa, /etc/passwd) is refused;
- a path the system cannot look at (a name longer than it allows) is an error naming it.

Decompression is bounded where it happens (oxml/opc for zip packages), XML is parsed without
DTDs or entities (oxml's parser), YAML and JSON within a depth (load/yamlfile, `parse_json`).
"""

from __future__ import annotations

import errno
import json
import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

from drafter import places
from drafter.errors import DataError, display_path, readable
from drafter.i18n import N_, _

#: Limits of a path: a file name (one component) and a whole path, on Linux, macOS and Windows
#: (in bytes of the file system's encoding, UTF-8 here).
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4095
#: The deepest JSON drafter reads (a manifest, an open-data record nests a few levels).
MAX_JSON_DEPTH = 64

#: Opening flags: no waiting for a FIFO's writer, no terminal taken over, not inherited by
#: LibreOffice or a worker (those that do not exist on a system are 0 there).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


_FOLDER = N_("a folder")
#: What is not a regular file, and how a message says it (translated where it is shown).
_KINDS = ((stat.S_ISDIR, _FOLDER), (stat.S_ISFIFO, N_("a named pipe (FIFO)")),
          (stat.S_ISCHR, N_("a device")), (stat.S_ISBLK, N_("a device")), (stat.S_ISSOCK, N_("a socket")))


def _kind_of(mode: int) -> str | None:
    """What a file that is not a regular file is (an untranslated text of _KINDS); None for a
    regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((words for test, words in _KINDS if test(mode)), N_("not an ordinary file"))


def path_problem(path: Path) -> str | None:
    """Why the system cannot look at this path at all (a name or path longer than it allows),
    or None. Pure path logic: nothing is touched."""
    text = os.fsencode(str(path))
    if len(text) > MAX_PATH_BYTES:
        return _("the path is {length} bytes long; the system allows at most {limit}").format(
            length=len(text), limit=MAX_PATH_BYTES)
    for part in Path(path).parts:
        size = len(os.fsencode(part))
        if size > MAX_NAME_BYTES:
            return _("the name {name!r} is {length} bytes long; a file or folder name may have at most {limit}").format(
                name=part[:40] + "...", length=size, limit=MAX_NAME_BYTES)
    return None


def check_path(path: Path, error=DataError, what: str | None = None) -> None:
    """Raise `error` when the system cannot look at path (see `path_problem`)."""
    problem = path_problem(path)
    if problem:
        shown = display_path(path)
        raise error(_("{what} cannot be used: {problem}").format(what=what or _("this path"), problem=problem),
                    file=shown[:80] + ("..." if len(shown) > 80 else ""), hint=_("Choose a shorter name."))


def _os_error(exc: OSError, path: Path, error, what: str, missing_hint: str):
    shown = display_path(path)
    if isinstance(exc, FileNotFoundError):
        return error(_("{what} not found").format(what=what), file=shown, hint=missing_hint)
    if isinstance(exc, NotADirectoryError):
        return error(_("{what} not found: a part of its path is a file, not a folder").format(what=what), file=shown,
                     hint=missing_hint)
    if exc.errno == errno.ELOOP:
        return error(_("the file is a link that leads round in a circle"), file=shown,
                     hint=_("Replace the link by the file itself."))
    if exc.errno == errno.ENAMETOOLONG:
        return error(_("the name is longer than the system allows"), file=shown[:120], hint=_("Choose a shorter name."))
    return error(_("cannot read the file ({reason})").format(reason=readable(exc)), file=shown,
                 hint=_("Check that the file exists and that you may read it."))


def stat_file(path: Path, error=DataError, missing_hint: str | None = None,
              what: str | None = None) -> os.stat_result:
    """The file's stat (links followed); a missing file, a folder, a pipe or a device, or an
    unreadable path is `error` naming it. what: how a message names the file, translated
    (default: "file"); missing_hint: what to do when it is not found, translated."""
    what, missing_hint = _named(what, missing_hint)
    check_path(path, error)
    try:
        st = path.stat()
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        if isinstance(exc, ValueError):
            raise error(_("{what} not found").format(what=what), file=display_path(path), hint=missing_hint) from exc
        raise _os_error(exc, path, error, what, missing_hint) from exc
    kind = _kind_of(st.st_mode)
    if kind is not None:
        raise _not_a_file(path, kind, error)
    return st


def _not_a_file(path: Path, kind: str | None, error):
    """kind: what the path is, a text of _KINDS (None: a folder)."""
    if kind is None or kind == _FOLDER:
        return error(_("this is a folder, not a file"), file=display_path(path), hint=_("Name a file in it instead."))
    return error(_("this is {kind}, not a file; drafter reads only ordinary files").format(kind=_(kind)),
                 file=display_path(path), hint=_("Save the content as a file and name that file."))


@contextmanager
def open_regular(path: Path, *, error=DataError, what: str | None = None,
                 missing_hint: str | None = None) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """A regular file opened for reading, with its stat: a FIFO, a device, a socket or a folder
    is `error` at once (never a wait), judged by what was opened."""
    what, missing_hint = _named(what, missing_hint)
    path = Path(path)
    check_path(path, error)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError as exc:  # Windows cannot open a folder as a file
        raise _not_a_file(path, _FOLDER, error) from exc
    except PermissionError as exc:
        if path.is_dir():  # Windows says "access denied" for a folder
            raise _not_a_file(path, _FOLDER, error) from exc
        raise _os_error(exc, path, error, what, missing_hint) from exc
    except OSError as exc:
        raise _os_error(exc, path, error, what, missing_hint) from exc
    except ValueError as exc:  # a NUL in the name: no file has one
        raise error(_("{what} not found").format(what=what), file=display_path(path), hint=missing_hint) from exc
    try:
        st = os.fstat(fd)
        kind = _kind_of(st.st_mode)
        if kind is not None:
            raise _not_a_file(path, kind, error)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # a regular file: reads are whole again
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle, st


def _named(what: str | None, missing_hint: str | None) -> tuple[str, str]:
    """How a message names the file and what to do when it is missing: the caller's words (in
    the language in use), else the general ones. A word a caller marked with N_ is translated
    here; one already translated is left as it is (the catalog has no such msgid)."""
    return (_(what) if what else _("file"),
            missing_hint if missing_hint else _("Check the file name and folder."))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def read_bytes(path: Path, limit: int, *, error=DataError, what: str | None = None,
               missing_hint: str | None = None, too_large_hint: str | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (see `open_regular`); a larger
    file is `error` before it is read."""
    what, missing_hint = _named(what, missing_hint)
    hint = too_large_hint or _("Split it or remove what does not belong in it.")
    with open_regular(path, error=error, what=what, missing_hint=missing_hint) as (handle, st):
        if st.st_size > limit:
            raise error(_("the file is too large ({size} MB; at most {limit} MB)").format(
                size=_megabytes(st.st_size), limit=_megabytes(limit)), file=display_path(path), hint=hint)
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise _os_error(exc, Path(path), error, what, missing_hint) from exc
    if len(data) > limit:  # it grew while it was read
        raise error(_("the file is too large (more than {limit} MB)").format(limit=_megabytes(limit)),
                    file=display_path(path), hint=hint)
    return data


def inside(path: Path, folder: Path, *, error=DataError, what: str | None = None) -> Path:
    """path with its links followed, which must still be inside folder (links followed too):
    a link in the data folder to a file elsewhere is `error`. Returns the resolved path."""
    what = _named(what, None)[0]
    path, folder = Path(path), Path(folder)
    check_path(path, error)
    try:
        real = path.resolve()
        home = folder.resolve()
    except RuntimeError as exc:  # a circle of links (before Python 3.13)
        raise error(_("the file is a link that leads round in a circle"), file=display_path(path),
                    hint=_("Replace the link by the file itself.")) from exc
    except OSError as exc:
        raise _os_error(exc, path, error, what, _("Check the file name and folder.")) from exc
    if real != home and home not in real.parents:
        raise error(_("this {what} is a link to a file outside its folder ({target}); drafter reads only files "
                      "inside the folder {folder}").format(what=what, target=real, folder=display_path(folder)),
                    file=display_path(path),
                    hint=_("Copy the file into the folder instead of linking to it."))
    return real


def json_depth(text: str) -> tuple[int, int]:
    """The deepest nesting of arrays and objects in a JSON text, and the offset where it is
    first reached; counted in one pass, before a parser would recurse that deep."""
    depth = deepest = where = 0
    in_string = escaped = False
    for offset, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, where = depth, offset
        elif char in "]}":
            depth -= 1
    return deepest, where


def parse_json(text: str, *, file: str, max_depth: int = MAX_JSON_DEPTH, error=DataError):
    """A JSON text's value; nesting deeper than max_depth or text that is not JSON is `error`
    naming the file and line."""
    deepest, where = json_depth(text)
    if deepest > max_depth:
        raise error(_("the values are nested {depth} levels deep; drafter reads at most {limit}").format(
            depth=deepest, limit=max_depth), file=file, place=places.line(text.count("\n", 0, where) + 1),
            hint=_("This is no file drafter or the parliament writes; check where it comes from."))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(_("this is not valid JSON ({reason})").format(reason=exc.msg), file=file,
                    place=places.line_column(exc.lineno, exc.colno),
                    hint=_("Check where it comes from.")) from exc
    except RecursionError as exc:  # defensive: depth is counted above
        raise error(_("the values are nested too deeply"), file=file) from exc


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


def lock(fd: int, *, wait: bool) -> bool:
    """Take the exclusive advisory lock of an open file (flock): with wait, block until it is
    free; without, False at once when another process holds it. A process's locks go when
    it ends, however it ends (kill -9 too): that is how a live writer is told from a dead
    one. Where there are no such locks (Windows), True: there a file open in another
    process cannot be removed, which protects it in the same way."""
    try:
        import fcntl
    except ImportError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True


def office_lock_files(path: Path) -> list[Path]:
    """The lock files Word (~$name.docx) and LibreOffice (.~lock.name#) keep beside a document
    they have open; those that exist."""
    name = path.name
    word = "~$" + (name[2:] if len(Path(name).stem) > 7 else name)  # Word drops the first two letters of long names
    candidates = [path.with_name(word), path.with_name(f".~lock.{name}#")]
    return [c for c in candidates if c.exists()]

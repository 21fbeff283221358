"""Writing answers safely: whole files only, and never over a person's edits.

- Every file is written under a hidden temporary name in the target folder (`staged`),
  flushed to disk, then renamed into place, so a crash (even kill -9) leaves no partial
  .docx. The writer holds the temporary file's lock; the next run removes those whose lock
  nobody holds (`remove_stale`): what a killed run left, never a live writer's.
- A file at an answer's place is read only when it is a plain file (never a FIFO), within
  a size limit.
- A new file is linked into place only if the name is still free, so two runs at the same
  time cannot overwrite each other.
- An existing answer is replaced only when drafter made it and nobody changed it since: the
  fingerprint drafter records in the document's custom properties still matches its text.
  An edited answer is left alone and the new draft goes beside it ("...-nieuwe-versie.docx");
  with force, the edited file is first kept as a backup. An answer recorded as sent is kept
  the same way, edited or not: it is the answer as it went out. A file drafter did not make is
  never replaced.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Iterator

from drafter.errors import OutputError, display_path, file_in_use, readable
from drafter.files import hide, lock, office_lock_files, read_bytes
from drafter.i18n import _, date_text
from drafter.oxml import opc
from drafter.word.fingerprint import FINGERPRINT, read_recorded


class Status(StrEnum):
    """What became of an answer: the values are those of the manifest and the JSON output."""

    WRITTEN = "written"  # a new file
    REPLACED = "replaced"  # an unedited earlier draft replaced
    UNCHANGED = "unchanged"  # the same bytes were there already
    BESIDE = "beside"  # the existing file was edited: the new draft is written beside it
    BACKED_UP = "backed-up"  # force: the edited file was kept as a backup, then replaced
    UPDATED = "updated"  # update: the new figures written into the edited answer as tracked changes, after a backup
    LEFT = "left"  # update: nothing written, but the new data changes figures a person must change by hand or look at
    UP_TO_DATE = "up-to-date"  # update: an edited answer the new data changes nothing in, left as the person has it
    SENT = "sent"  # update: nothing written, as the edited answer is recorded as sent (answered:) and stays as it went out
    FAILED = "failed"  # not written: the answer could not be made (a batch's record says why)


class Ownership(StrEnum):
    """Whose a file at an answer's place is."""

    UNEDITED = "unedited"  # drafter made it, and nobody changed it since
    EDITED = "edited"  # drafter made it, and someone changed it since
    OTHER = "other"  # drafter's answer to another question
    FOREIGN = "foreign"  # not drafter's: no record of drafter's, or not a Word file drafter can read


TEMP_SUFFIX = ".part"
BESIDE_TAG = "nieuwe-versie"
#: The names drafter gives the copies beside an answer: the new draft beside an edited answer, the
#: backup of an answer it replaced ('...-backup-20261206-204921.docx'), each perhaps numbered.
_COPY_NAME = re.compile(rf"-(?:{BESIDE_TAG}|backup-\d{{8}}-\d{{6}})(?:-\d+)?$")


def is_copy(path: Path) -> bool:
    """Whether drafter named this file as a new draft beside an edited answer, or as a backup of an
    answer: not a question's current answer."""
    return bool(_COPY_NAME.search(path.stem))



@dataclass(frozen=True)
class WriteResult:
    path: Path
    status: Status
    backup: Path | None = None
    existing: Path | None = None  # with BESIDE: the edited (or sent) file that was kept
    sent: dt.date | None = None  # the existing file was kept as the answer sent on this date

    @property
    def message(self) -> str:
        shown = display_path(self.path)
        if self.status == Status.WRITTEN:
            return _("wrote {file}").format(file=shown)
        if self.status == Status.REPLACED:
            return _("wrote {file} (replaced the earlier, unedited draft)").format(file=shown)
        if self.status == Status.UNCHANGED:
            return _("{file} is up to date (nothing changed)").format(file=shown)
        if self.status == Status.BESIDE and self.sent is not None:
            return _("{sent_file} is the answer sent on {date} and was left alone; the new draft is {file}").format(
                sent_file=display_path(self.existing), date=date_text(self.sent), file=shown)
        if self.status == Status.BESIDE:
            return _("{edited} was edited since drafter made it and was left alone; the new draft is {file}").format(
                edited=display_path(self.existing), file=shown)
        if self.sent is not None:
            return _("wrote {file}; the answer sent on {date} was kept as {backup}").format(
                file=shown, date=date_text(self.sent), backup=display_path(self.backup))
        return _("wrote {file}; the edited file was kept as {backup}").format(file=shown,
                                                                              backup=display_path(self.backup))


def ownership(path: Path, question: str | None = None) -> Ownership:
    """Whose the file at path is; OTHER: drafter's answer to another question than `question`."""
    try:
        data = read_bytes(path, MAX_EXISTING_BYTES, error=OutputError)
    except OutputError:  # a file drafter cannot read (or no plain file) is not one it made
        return Ownership.FOREIGN
    return _ownership_of(data, question)


def _ownership_of(data: bytes, question: str | None = None) -> Ownership:
    """Whose a file of these bytes is (see `ownership`)."""
    try:
        recorded = read_recorded(data)
    except opc.PackageError:  # no zip is no answer drafter made
        return Ownership.FOREIGN
    if recorded.current is None or not recorded.properties.get(FINGERPRINT):
        return Ownership.FOREIGN
    if question is not None and recorded.question != question:
        return Ownership.OTHER
    return Ownership.UNEDITED if recorded.unchanged else Ownership.EDITED


def _question_of(data: bytes) -> str | None:
    """The question a new draft answers, from its record (None: bytes that are no answer of drafter's)."""
    try:
        return read_recorded(data).question
    except opc.PackageError:  # bytes that are no zip package are no answer of drafter's
        return None


def _umask() -> int:
    """The process's umask (os.umask can only be read by setting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


#: Whether a temporary file is kept open (and locked) while it waits to be moved into place.
#: Windows cannot rename a file that is open; there a file open in another process cannot be
#: removed either, so the lock is not needed while it is written.
_HELD_OPEN = os.name != "nt"


@contextmanager
def staged(folder: Path, name: str, data: bytes) -> Iterator[Path]:
    """data in a hidden temporary file beside its target, for the block to move into place
    (os.replace, `link_new`); removed after the block when it is still there.

    The file has the mode any program gives a new file (0666 less the user's umask:
    colleagues on a shared folder can open it), and this process holds its lock (files.lock)
    while the block runs: `remove_stale` tells a live writer's file from one a process left
    when it was killed (kill -9, a crash, a power cut) by that lock, on this computer and on
    others that share the folder."""
    while True:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=folder)
        try:
            lock(fd, wait=True)  # a cleaner may hold it for an instant, taking it for a dead writer's
            if os.fstat(fd).st_nlink == 0:  # ... and removed it: start again with another
                os.close(fd)
                continue
        except BaseException:
            os.close(fd)
            raise
        break
    path = Path(tmp)
    try:
        hide(path)
        with os.fdopen(os.dup(fd), "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~_umask())
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not _HELD_OPEN:
            os.close(fd)
            fd = -1
        yield path
    finally:
        path.unlink(missing_ok=True)
        if fd >= 0:
            os.close(fd)


#: A temporary file's name: '.', its target's name, the writing process's id, mkstemp's letters, '.part'.
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
#: Where there are no locks (Windows), a temporary file is removed when it is this old: a
#: writer renames its file into place within seconds.
STALE_SECONDS = 60


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files (.antwoord-....part) that runs ended by kill -9 or a crash
    left in folder: those whose lock no live process holds. Returns what was removed.
    `check_folder` does it once for a run."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if _TEMP_NAME.match(entry.name) and _remove_if_abandoned(Path(entry.path)):
            removed.append(Path(entry.path))
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    """Remove a temporary file whose writer has ended; False when a live writer holds it, or
    when it is no plain file drafter left."""
    if not _HELD_OPEN:
        try:
            st = path.lstat()
            if not stat.S_ISREG(st.st_mode) or time.time() - st.st_mtime < STALE_SECONDS:
                return False
            path.unlink()
        except OSError:  # open in another process, or gone already
            return False
        return True
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:  # gone already, a link, or not ours to open
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not lock(fd, wait=False):
            return False  # a live writer's
        now = path.lstat()
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return False  # replaced meanwhile by another file of that name
        path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)  # the lock goes with it


def link_new(tmp: Path, target: Path) -> bool:
    """Put tmp (a `staged` file beside target) at target only if target does not exist; False if it does."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links (SMB, exFAT): rename the whole file into place.
        # Never a partial file; only a run that creates the same name in the same instant
        # could be replaced, where a link would have refused.
        if target.exists():
            return False
        os.replace(tmp, target)
    return True


def _numbered(target: Path, tag: str | None, n: int) -> Path:
    """target-tag.docx, target-tag-2.docx, ...; without a tag: target.docx, target-2.docx, ..."""
    pieces = [target.stem] + ([tag] if tag else []) + ([str(n)] if n > 1 else [])
    return target.with_name("-".join(pieces) + target.suffix)


def _free_name(target: Path, tag: str) -> Path:
    n = 1
    while _numbered(target, tag, n).exists():
        n += 1
    return _numbered(target, tag, n)


def write_new(target: Path, data: bytes) -> Path:
    """Write a new file, whole, at target or (when that name is taken) at target-2, -3, ...

    Never replaces a file; returns the path written. For files drafter names itself (the
    manifest of a run), so two runs at the same time each keep their own.
    """
    with staged(target.parent, target.name, data) as tmp:
        n = 1
        while not link_new(tmp, _numbered(target, None, n)):
            n += 1
        return _numbered(target, None, n)


def replace_file(target: Path, data: bytes) -> None:
    """Replace a file drafter wrote earlier in this run, whole at once (temporary name, then rename)."""
    with staged(target.parent, target.name, data) as tmp:
        os.replace(tmp, target)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(_("cannot create the output folder ({reason})").format(reason=readable(exc)),
                          file=display_path(folder), hint=_("Choose another folder with --output.")) from exc


def _cannot_write(folder: Path, exc: OSError) -> OutputError:
    return OutputError(_("cannot write in the output folder ({reason})").format(reason=readable(exc)),
                       file=display_path(folder),
                       hint=_("Check that the folder is writable and the disk is not full, or use --output."))


#: Windows' errors for a file another program holds open: access denied, sharing and lock violation.
LOCKED_WINERRORS = (5, 32, 33)


def is_locked(exc: OSError, target: Path) -> bool:
    """Whether a refusal to replace target means another program has it open: Windows refuses
    to replace a file Word has open; elsewhere the office lock file beside it tells."""
    if file_in_use(exc):  # EBUSY (a locked file on a network share, a mount), Windows' sharing violation
        return True
    if not isinstance(exc, PermissionError):
        return False
    return os.name == "nt" or getattr(exc, "winerror", None) in LOCKED_WINERRORS or bool(office_lock_files(target))


def locked_error(target: Path) -> OutputError:
    return OutputError(_("this answer is open in another program (Word?), so it cannot be replaced; nothing was "
                         "written"), file=display_path(target), hint=_("Close it in Word, then run again."))


def check_folder(folder: Path) -> None:
    """Before a run writes in folder: make it, remove what earlier runs left half-written
    (`remove_stale`), and raise an OutputError now if nothing can be written there."""
    _make_folder(folder)
    remove_stale(folder)
    try:
        with staged(folder, "drafter-check", b""):
            pass
    except OSError as exc:
        raise _cannot_write(folder, exc) from exc


def write_answer(target: Path, data: bytes, *, force: bool = False, now: dt.datetime | None = None,
                 sent: dt.date | None = None) -> WriteResult:
    """Write an answer at target, by the rules in this module's docstring (call `check_folder`
    for its folder once before a run's first answer); sent: the date the question's answer was
    recorded as sent, which keeps the file there as an edited one is kept."""
    folder = target.parent
    _make_folder(folder)
    placing = False  # an OSError before the answer is placed: nothing can be written in the folder
    try:
        with staged(folder, target.name, data) as tmp:
            placing = True
            return _place(tmp, target, data, force, now, sent)
    except OSError as exc:
        if not placing:
            raise _cannot_write(folder, exc) from exc
        if is_locked(exc, target):
            raise locked_error(target) from exc
        raise _cannot_write_answer(target, exc) from exc


def _cannot_write_answer(target: Path, exc: OSError) -> OutputError:
    return OutputError(_("cannot write the answer ({reason})").format(reason=readable(exc)), file=display_path(target),
                       hint=_("Check that the folder is writable and the disk is not full."))


#: The largest file drafter reads at an answer's place (to compare it, or keep it as a backup):
#: an answer is tens of kilobytes, one with pictures a few megabytes.
MAX_EXISTING_BYTES = 200 * 1024 * 1024


def _existing(target: Path) -> bytes | None:
    """The bytes of the file at an answer's place; None when there is none (any more). One
    that is no plain file (a FIFO, a folder, a device) is never read, and never replaced."""
    try:
        return read_bytes(target, MAX_EXISTING_BYTES, error=OutputError)
    except OutputError as exc:
        if not os.path.lexists(target):
            return None
        raise OutputError(_("a file of this name exists and is no document drafter can read; it is not replaced"),
                          file=display_path(target),
                          hint=_("Move or rename that file, or choose another folder with --output.")) from exc


def _place(tmp: Path, target: Path, data: bytes, force: bool, now: dt.datetime | None,
           sent: dt.date | None) -> WriteResult:
    for _attempt in range(10):  # another run may create or remove the file meanwhile
        if link_new(tmp, target):
            return WriteResult(target, Status.WRITTEN)
        existing = _existing(target)
        if existing is None:
            continue  # removed meanwhile
        if existing == data:
            return WriteResult(target, Status.UNCHANGED)
        question = _question_of(data)
        state = _ownership_of(existing, question)
        if state == Ownership.OTHER:
            raise OutputError(
                _("this file holds drafter's answer to another question, not to {question}; it is not "
                  "replaced").format(question=question),
                file=display_path(target),
                hint=_("Give this answer its own file name or folder with --output."),
            )
        kept = state == Ownership.EDITED or (state == Ownership.UNEDITED and sent is not None)
        if state == Ownership.UNEDITED and not kept:
            os.replace(tmp, target)
            return WriteResult(target, Status.REPLACED)
        if kept and force:
            stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
            backup = _keep_backup(target, stamp)
            os.replace(tmp, target)
            return WriteResult(target, Status.BACKED_UP, backup=backup, sent=sent)
        if state == Ownership.FOREIGN:
            raise OutputError(
                _("a file of this name exists and drafter did not make it; it is not replaced"),
                file=display_path(target),
                hint=_("Move or rename that file, or choose another folder with --output."),
            )
        # edited or sent, no force: the new draft goes beside it
        beside = _beside(target, data)
        if beside is None:
            continue
        return _write_beside(tmp, beside, data, target, sent)
    raise _keeps_changing(target)


def _keeps_changing(target: Path) -> OutputError:
    return OutputError(_("the file keeps changing while drafter writes it"), file=display_path(target),
                       hint=_("Wait for the other run to finish and try again."))


def update_file(target: Path, read: bytes, data: bytes, now: dt.datetime | None = None) -> Path:
    """Replace an answer a person edited with its updated bytes, safely: refused while an office
    program has it open (its lock file beside it) or when it changed since it was ``read``; a
    backup of it first (...-backup-<date>-<time>.docx), then the new bytes under a temporary
    name renamed into place. Returns the backup. On any failure nothing is left changed."""
    if office_lock_files(target):
        raise locked_error(target)
    now_bytes = read_bytes(target, MAX_EXISTING_BYTES, error=OutputError, what=_("the answer"),
                           missing_hint=_("Check that the file is still there, then run again."))
    if now_bytes != read:
        raise OutputError(_("the answer changed while drafter updated it; nothing was written"),
                          file=display_path(target), hint=_("Save and close it in Word, then run again."))
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    backup = None
    staging = True  # an OSError while the new bytes are staged: nothing can be written in the folder
    try:
        with staged(target.parent, target.name, data) as tmp:
            staging = False
            backup = _keep_backup(target, stamp)
            os.replace(tmp, target)
    except OSError as exc:
        if staging:
            raise _cannot_write(target.parent, exc) from exc
        if backup is not None:
            backup.unlink(missing_ok=True)  # the answer was not replaced: no backup of it either
        if is_locked(exc, target):
            raise locked_error(target) from exc
        raise OutputError(_("cannot write the answer ({reason})").format(reason=readable(exc)),
                          file=display_path(target),
                          hint=_("Check that the folder is writable and the disk is not full.")) from exc
    return backup


def _keep_backup(target: Path, stamp: str) -> Path:
    """A second name for the edited file (a hard link: whole at once, nothing copied), else a copy."""
    while True:
        backup = _free_name(target, f"backup-{stamp}")
        try:
            os.link(target, backup)
            return backup
        except FileExistsError:
            continue  # another run took that name meanwhile
        except OSError:
            break  # no hard links here: copy it under a temporary name first
    edited = _existing(target)
    if edited is None:
        raise _keeps_changing(target)
    with staged(target.parent, backup.name, edited) as copy:
        while not link_new(copy, backup):
            backup = _free_name(target, f"backup-{stamp}")
    return backup


def _beside(target: Path, data: bytes) -> Path | None:
    n = 1
    while n < 1000:
        candidate = _numbered(target, BESIDE_TAG, n)
        if not candidate.exists():
            return candidate
        existing = _existing(candidate)
        if existing is None or existing == data or _ownership_of(existing, _question_of(data)) == Ownership.UNEDITED:
            return candidate
        n += 1
    return None


def _write_beside(tmp: Path, beside: Path, data: bytes, existing: Path, sent: dt.date | None) -> WriteResult:
    # _beside chose a free name, or one holding these bytes or an unedited draft
    if not link_new(tmp, beside) and _existing(beside) != data:
        os.replace(tmp, beside)
    return WriteResult(beside, Status.BESIDE, existing=existing, sent=sent)

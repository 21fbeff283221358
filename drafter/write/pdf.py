"""PDF copies of answers through LibreOffice, many documents per LibreOffice call."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PureWindowsPath

from drafter.errors import DrafterError, Problem, display_path, readable
from drafter.i18n import _
from drafter.write.output import replace_file

#: LibreOffice's command names, in the order tried on the PATH.
SOFFICE_NAMES = ("soffice", "libreoffice")
#: The environment variable that names LibreOffice's program (like --soffice).
SOFFICE_VARIABLE = "DRAFTER_SOFFICE"
#: At most this many documents per LibreOffice call.
CHUNK = 200
#: Starting LibreOffice (with a profile of its own) costs about as much as converting this
#: many answers: with fewer, one call converts them all.
MIN_PER_CALL = 10


def usual_places(system: str | None = None, environ: dict | None = None) -> list[Path]:
    """Where LibreOffice's installers put its program, on Windows, macOS and Linux."""
    system = system or platform.system()
    environ = os.environ if environ is None else environ
    if system == "Windows":
        roots = [environ.get(name) for name in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
        roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
        found = []
        for root in dict.fromkeys(r for r in roots if r):
            found.append(PureWindowsPath(root, "LibreOffice", "program", "soffice.exe"))
        if environ.get("LOCALAPPDATA"):  # an installation for this user only
            found.append(PureWindowsPath(environ["LOCALAPPDATA"], "Programs", "LibreOffice", "program", "soffice.exe"))
        return [Path(p) if os.name == "nt" else p for p in found]
    if system == "Darwin":
        home = Path(environ.get("HOME", "~")).expanduser()
        return [Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
                home / "Applications/LibreOffice.app/Contents/MacOS/soffice"]
    # Linux: a distribution's package puts soffice on the PATH; libreoffice.org's own
    # packages install in /opt/libreofficeX.Y, the snap in /snap/bin.
    return sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True) + [Path("/snap/bin/libreoffice")]


def install_hint(system: str | None = None) -> str:
    """How to get LibreOffice on this system, or to tell drafter where it is."""
    system = system or platform.system()
    if system in ("Windows", "Darwin"):
        return _("Install it from libreoffice.org (or: {command}), or give its program with --soffice (or the "
                 "environment variable {variable}), or leave out --pdf.").format(
            command="winget install TheDocumentFoundation.LibreOffice" if system == "Windows"
            else "brew install --cask libreoffice", variable=SOFFICE_VARIABLE)
    return _("Install it (Debian/Ubuntu: {debian}; Fedora: {fedora}), or give its program with --soffice (or the "
             "environment variable {variable}), or leave out --pdf.").format(
        debian="sudo apt-get install libreoffice-writer-nogui", fedora="sudo dnf install libreoffice-writer",
        variable=SOFFICE_VARIABLE)


def find_soffice(given: str | Path | None = None, environ: dict | None = None) -> str | None:
    """LibreOffice's program: given (--soffice), else $DRAFTER_SOFFICE, else on the PATH,
    else at its usual install places. A given program that is not there is an error."""
    environ = os.environ if environ is None else environ
    for source, value in (("--soffice", given), (SOFFICE_VARIABLE, environ.get(SOFFICE_VARIABLE))):
        if value:
            path = Path(value)
            if path.is_dir():  # the installation folder: its program is inside
                for inner in ("program/soffice.exe", "program/soffice", "Contents/MacOS/soffice"):
                    if (path / inner).is_file():
                        return str(path / inner)
            found = shutil.which(str(value))
            if found:
                return found
            raise DrafterError(_("{option} {value}: LibreOffice's program is not there").format(option=source,
                                                                                                 value=value),
                               hint=_("Give the full path of soffice (soffice.exe on Windows), "
                                      "or of LibreOffice's installation folder."))
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    for place in usual_places(environ=environ):
        if isinstance(place, Path) and place.is_file() and os.access(place, os.X_OK):
            return str(place)
    return None


def require_soffice(given: str | Path | None = None) -> str:
    """LibreOffice's program, or the error that says how to install it."""
    soffice = find_soffice(given)
    if soffice is None:
        raise DrafterError(_("LibreOffice is not installed, so no PDF can be made"), hint=install_hint())
    return soffice


def _chunks(documents: list[Path], jobs: int) -> list[list[Path]]:
    """Documents of one folder per call; enough calls to keep `jobs` LibreOffices busy, each
    with at least MIN_PER_CALL documents (and at most CHUNK)."""
    by_folder: dict[Path, list[Path]] = {}
    for doc in documents:
        by_folder.setdefault(doc.parent, []).append(doc)
    out = []
    for docs in by_folder.values():
        calls = max(1, min(jobs, len(docs) // MIN_PER_CALL), -(-len(docs) // CHUNK))
        size = -(-len(docs) // calls)
        out.extend(docs[i : i + size] for i in range(0, len(docs), size))
    return out


def _convert_chunk(soffice: str, chunk: list[Path], timeout: float) -> tuple[dict[Path, Path], list[Problem]]:
    made: dict[Path, Path] = {}
    # Each call has its own LibreOffice profile, so calls can run side by side.
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as work:
        work_dir = Path(work)
        out_dir = work_dir / "out"
        cmd = [soffice, f"-env:UserInstallation={(work_dir / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, chunk)]
        why = _("LibreOffice could not convert this answer to PDF")
        try:
            done = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, check=False)
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            if said:
                why = _("LibreOffice could not convert this answer to PDF (it exited with {code}: {said})").format(
                    code=done.returncode, said=said[-1][:200])
            elif done.returncode:
                why = _("LibreOffice could not convert this answer to PDF (it exited with {code})").format(
                    code=done.returncode)
        except subprocess.TimeoutExpired:
            why = _("LibreOffice did not convert this answer to PDF within {seconds} s").format(
                seconds=f"{timeout:.0f}")  # what it finished is kept
        for doc in chunk:
            pdf = out_dir / (doc.stem + ".pdf")
            # soffice exits 0 even when it could not load a file: the PDF must be there
            if pdf.exists() and pdf.stat().st_size > 0:
                target = doc.with_suffix(".pdf")
                try:  # through a locked temporary file beside it, which a later run cleans if this one is killed
                    replace_file(target, pdf.read_bytes())
                except OSError as exc:  # a full disk: this PDF is a problem, the others go on
                    why = _("the PDF could not be written beside the answer ({reason})").format(
                        reason=readable(exc))
                    continue
                made[doc] = target
    problems = [
        Problem(why, file=display_path(doc),
                hint=_("Open it in LibreOffice to see what is wrong with it; the .docx itself is written."))
        for doc in chunk if doc not in made
    ]
    return made, problems


def convert(documents: list[Path], jobs: int = 1, timeout: float = 600,
            soffice: str | None = None) -> tuple[dict[Path, Path], list[Problem]]:
    """Write NAME.pdf beside each NAME.docx, `jobs` LibreOffice calls at a time.

    Returns the PDFs made (by document) and a problem for each document that was not
    converted; one failure does not stop the others.
    """
    soffice = soffice or require_soffice()
    made: dict[Path, Path] = {}
    problems: list[Problem] = []
    chunks = _chunks(documents, max(1, jobs))
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(chunks)))) as pool:
        for chunk_made, chunk_problems in pool.map(lambda c: _convert_chunk(soffice, c, timeout), chunks):
            made.update(chunk_made)
            problems.extend(chunk_problems)
    # A LibreOffice that starts with a new profile while another one starts can end without
    # converting (seen once, on a machine where LibreOffice had just been installed): each
    # document it left is tried once more, alone, before it is reported.
    again = [doc for doc in documents if doc not in made]
    if again:
        problems = []
        for doc in again:
            doc_made, doc_problems = _convert_chunk(soffice, [doc], timeout)
            made.update(doc_made)
            problems.extend(doc_problems)
    return made, problems


def convert_to_pdf(documents: list[Path], timeout: float = 600, soffice: str | None = None) -> list[Path]:
    """Write NAME.pdf beside each NAME.docx; returns the PDFs made. Errors name the file."""
    made, problems = convert(documents, timeout=timeout, soffice=soffice)
    if problems:
        raise DrafterError(problems=problems)
    return list(made.values())

"""PDF copies of answers through LibreOffice, many documents per LibreOffice call."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from drafter.errors import DrafterError, Problem, display_path

#: LibreOffice's command names, in the order tried.
SOFFICE_NAMES = ("soffice", "libreoffice")
#: At most this many documents per LibreOffice call.
CHUNK = 200
#: Starting LibreOffice (with a profile of its own) costs about as much as converting this
#: many answers: fewer per call, and one call converts them all (issue 14: a few answers,
#: one call).
MIN_PER_CALL = 10


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_soffice() -> str:
    """LibreOffice's command, or the error that says how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise DrafterError(
            "LibreOffice is not installed, so no PDF can be made",
            hint="Install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or leave out --pdf.",
        )
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
        why = "LibreOffice could not convert this answer to PDF"
        try:
            subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            why = f"LibreOffice did not convert this answer to PDF within {timeout:.0f} s"  # what it finished is kept
        for doc in chunk:
            pdf = out_dir / (doc.stem + ".pdf")
            # soffice exits 0 even when it could not load a file: the PDF must be there
            if pdf.exists() and pdf.stat().st_size > 0:
                target = doc.with_suffix(".pdf")
                tmp = target.with_name(f".{target.name}.{work_dir.name}.part")
                shutil.move(str(pdf), tmp)
                tmp.replace(target)
                made[doc] = target
    problems = [
        Problem(why, file=display_path(doc),
                hint="Open it in LibreOffice to see what is wrong with it; the .docx itself is written.")
        for doc in chunk if doc not in made
    ]
    return made, problems


def convert(documents: list[Path], jobs: int = 1, timeout: float = 600) -> tuple[dict[Path, Path], list[Problem]]:
    """Write NAME.pdf beside each NAME.docx, `jobs` LibreOffice calls at a time.

    Returns the PDFs made (by document) and a problem for each document that was not
    converted; one failure does not stop the others.
    """
    soffice = require_soffice()
    made: dict[Path, Path] = {}
    problems: list[Problem] = []
    chunks = _chunks(documents, max(1, jobs))
    with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(chunks)))) as pool:
        for chunk_made, chunk_problems in pool.map(lambda c: _convert_chunk(soffice, c, timeout), chunks):
            made.update(chunk_made)
            problems.extend(chunk_problems)
    return made, problems


def convert_to_pdf(documents: list[Path], timeout: float = 600) -> list[Path]:
    """Write NAME.pdf beside each NAME.docx; returns the PDFs made. Errors name the file."""
    made, problems = convert(documents, timeout=timeout)
    if problems:
        raise DrafterError(problems=problems)
    return list(made.values())

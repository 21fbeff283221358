"""PDF copies of answers through LibreOffice, many documents per LibreOffice call."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import DrafterError, display_path

#: LibreOffice's command names, in the order tried.
SOFFICE_NAMES = ("soffice", "libreoffice")
#: How many documents one LibreOffice call converts.
CHUNK = 200


def find_soffice() -> str | None:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert_to_pdf(documents: list[Path], timeout: float = 600) -> list[Path]:
    """Write NAME.pdf beside each NAME.docx; returns the PDFs made. Errors name the file."""
    soffice = find_soffice()
    if soffice is None:
        raise DrafterError(
            "LibreOffice is not installed, so no PDF can be made",
            hint="Install it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui) or leave out --pdf.",
        )
    made = []
    by_folder: dict[Path, list[Path]] = {}
    for doc in documents:
        by_folder.setdefault(doc.parent, []).append(doc)
    for folder, docs in by_folder.items():
        for start in range(0, len(docs), CHUNK):
            chunk = docs[start : start + CHUNK]
            with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as work:
                work_dir = Path(work)
                profile = (work_dir / "profile").as_uri()
                out_dir = work_dir / "out"
                cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                       "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, chunk)]
                try:
                    subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, check=False)
                except subprocess.TimeoutExpired:
                    raise DrafterError(f"LibreOffice did not finish converting within {timeout:.0f} s",
                                       file=display_path(folder), hint="Try again with fewer answers.") from None
                missing = []
                for doc in chunk:
                    pdf = out_dir / (doc.stem + ".pdf")
                    if pdf.exists() and pdf.stat().st_size > 0:
                        target = doc.with_suffix(".pdf")
                        tmp = target.with_name(f".{target.name}.part")
                        shutil.move(str(pdf), tmp)
                        tmp.replace(target)
                        made.append(target)
                    else:
                        missing.append(doc)
                if missing:
                    raise DrafterError(
                        "LibreOffice could not convert " + ", ".join(display_path(d) for d in missing),
                        hint="Open the file in LibreOffice to see what is wrong with it.",
                    )
    return made

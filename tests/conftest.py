"""Shared fixtures: a private copy of the project's data and templates, the CLI, and the
checks every generated document must pass (Office Open XML validation, LibreOffice)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.commands.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT.parent / "shared" / "seed"
IN_CI = os.environ.get("CI", "").lower() == "true"
# The tests read drafter's English, whatever language this machine's user speaks (LANGUAGE is
# the strongest of the variables drafter reads); the tests of other languages ask for theirs.
os.environ["LANGUAGE"] = "en"


def copy_project(folder: Path) -> Path:
    """A copy of data/ and answer_templates/ in folder, with an empty out/ for answers."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "answer_templates", folder / "answer_templates")
    (folder / "out").mkdir()
    return folder


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A copy of the project's data and templates that a test may change; output goes to out/."""
    monkeypatch.chdir(tmp_path)
    return copy_project(tmp_path)


def assert_refused(result, project: Path, *needles: str) -> None:
    """The command failed with exit 1, its messages hold every needle, and nothing was written."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, f"{needle!r} not in {result.stderr!r}"
    assert files_in(project / "out") == []


def run_cli(*args: str):
    """Run drafter in-process; returns click's Result (exit_code, stdout, stderr)."""
    return CliRunner().invoke(app, list(args))


def run_in(project: Path, *args: str):
    """`drafter` with the project copy's register, templates and out/ folder."""
    return run_cli(
        *args,
        "--register", str(project / "data" / "questions.yaml"),
        "--templates", str(project / "answer_templates"),
        "--output", str(project / "out"),
    )


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def validate_docx(path: Path) -> None:
    """Fail unless the Office Open XML validator finds no errors."""
    from openxml_audit import OpenXmlValidator

    result = OpenXmlValidator().validate(str(path))
    errors = [str(e) for e in result.errors]
    assert result.is_valid, f"{path.name} is not valid Office Open XML: {errors[:10]}"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def need_libreoffice() -> str:
    found = soffice()
    if found is None:
        if IN_CI:
            pytest.fail("LibreOffice is required in CI (.ci/run installs it)")
        pytest.skip("LibreOffice is not installed")
    return found


def render_pdf(docx: Path, out_dir: Path) -> Path:
    """Render with LibreOffice headless; fail if no PDF comes out (soffice exits 0 anyway)."""
    exe = need_libreoffice()
    profile = (out_dir / "lo-profile").as_uri()
    subprocess.run(
        [exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
        check=False, capture_output=True, timeout=180,
    )
    pdf = out_dir / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"LibreOffice did not render {docx.name}"
    return pdf


def render_pdfs(docs, out_dir: Path) -> None:
    """Render several documents in one LibreOffice call (each test checks its PDFs came out)."""
    exe = need_libreoffice()
    profile = (out_dir / "profile").as_uri()
    subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(out_dir), *map(str, docs)], capture_output=True, timeout=300, check=False)


def pdf_text(pdf: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        if IN_CI:
            pytest.fail("pdftotext (poppler-utils) is required in CI")
        pytest.skip("pdftotext is not installed")
    return subprocess.run([exe, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout

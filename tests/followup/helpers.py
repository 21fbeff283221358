"""A project for the follow-up list's tests: the example questions with dates, a project file
that names the house's gap markers, and a stand-in for LibreOffice where only the PDF's
existence matters."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from tests.conftest import run_cli

#: The day the tests count from, and the dates the Flemish examples were asked (question 4: none).
TODAY = "2024-03-20"
DATES = {5: "2024-03-01", 6: "2024-02-26", 7: "2024-02-20", 8: "2024-02-12"}
PROJECT_FILE = '[paths]\noutput = "out"\n\n[check]\ngap_markers = ["XXX", "[invullen]"]\n'
REGISTER = Path("data") / "questions.yaml"


def entries(text: str) -> tuple[str, list[str]]:
    """The register's text before its first entry, and its entries' texts."""
    head, *items = re.split(r"(?m)^(?=  - zittingsjaar:)", text)
    return head, items


def number_of(entry: str) -> int:
    return int(re.search(r"(?m)^    number: (\d+)", entry).group(1))


def keep_questions(project: Path, numbers: set[int]) -> None:
    """The register with only these questions (their entries untouched)."""
    path = project / REGISTER
    head, items = entries(path.read_text(encoding="utf-8"))
    path.write_text(head + "".join(e for e in items if number_of(e) in numbers), encoding="utf-8")


def set_date(project: Path, number: int, date: str) -> None:
    path = project / REGISTER
    text, n = re.subn(rf"(number: {number}\n    date: )null", rf"\g<1>{date}", path.read_text(encoding="utf-8"))
    assert n == 1
    path.write_text(text, encoding="utf-8")


def make_project(project: Path, numbers=(4, 5, 6, 7, 8)) -> Path:
    """The project copy as a project (drafter.toml, output in out/), with these questions and dates."""
    (project / "drafter.toml").write_text(PROJECT_FILE, encoding="utf-8")
    keep_questions(project, set(numbers))
    for number, date in DATES.items():
        if number in numbers:
            set_date(project, number, date)
    return project


def fake_soffice(folder: Path) -> Path:
    """A program that does what drafter asks of LibreOffice -- a PDF per .docx in --outdir -- in
    no time; for tests of which answers get a PDF, not of what LibreOffice makes of them."""
    program = folder / "fake-soffice"
    program.write_text('#!/bin/sh\nout=.\nwhile [ $# -gt 0 ]; do\n  case "$1" in\n    --outdir) shift; out="$1";;\n'
                       '    *.docx) mkdir -p "$out"; printf "%%PDF-1.4 stand-in" > "$out/$(basename "$1" .docx).pdf";;\n'
                       '  esac\n  shift\ndone\n', encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def drafter(*args: str):
    """drafter in the project (the current folder: the project fixture changes into it)."""
    return run_cli(*args)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its bytes, to compare before and after."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def needs_posix() -> bool:
    return os.name != "nt"

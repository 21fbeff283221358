"""Output on any console, and exit codes that tell a user's mistake from a bug."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from . import breakage as b
from .conftest import files_in, run_in


def _drafter(project: Path, *args: str, encoding: str = "cp1252") -> subprocess.CompletedProcess:
    """drafter as its own process on a console that is not UTF-8 (Windows' cp1252)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0"}
    options = ["--register", str(project / "data" / "questions.yaml"), "--templates", str(project / "answer_templates")]
    if args[0] != "check":
        options += ["--output", str(project / "out")]
    return subprocess.run([sys.executable, "-m", "drafter", *args, *options], cwd=project, env=env,
                          capture_output=True, timeout=120)


NAMES = "Ayşe Öztürk → Łukasz"  # none of ş, →, Ł is in cp1252 (or Latin-1)


@pytest.mark.parametrize("command", [["check"], ["answer", "--question", "4"], ["batch", "--jobs", "1"]])
def test_a_mistake_with_non_latin_names_is_reported_on_a_cp1252_console(project, command):
    b.replace_in(project, b.REGISTER, "    title: Bedrijfsclusters - Subsidies\n",
                 f"    title: Bedrijfsclusters - Subsidies\n    {NAMES.split()[0]}: {NAMES}\n")
    result = _drafter(project, *command)
    out = (result.stdout + result.stderr).decode("cp1252")
    assert result.returncode == 1, out
    assert "Traceback" not in out and "internal error" not in out
    assert "unknown key 'Ayse', so what it holds would be lost" in out
    if command[0] != "batch":
        assert files_in(project / "out") == []


@pytest.mark.parametrize("command", [["check"], ["answer", "--question", "4"], ["batch", "--jobs", "1"]])
def test_answers_with_non_latin_names_are_made_on_a_cp1252_console(project, command):
    b.replace_in(project, b.REGISTER, "    asker: N.N.", f"    asker: {NAMES}")
    b.replace_in(project, b.REGISTER, "    title: Bedrijfsclusters - Subsidies", "    title: Bedrijfsclusters → Subsidies")
    result = _drafter(project, *command)
    out = (result.stdout + result.stderr).decode("cp1252")
    assert result.returncode == 0, out
    assert "Traceback" not in out
    if command[0] != "check":
        import docx

        made = [p for p in (project / "out").glob("antwoord-*vraag-4-*.docx")]
        assert len(made) == 1
        assert "AYŞE ÖZTÜRK → ŁUKASZ" in "\n".join(p.text for p in docx.Document(str(made[0])).paragraphs)


def test_an_internal_error_has_its_own_exit_code(project, monkeypatch):
    """1: the user's mistake, 2: a usage error (Click), 3: a bug in drafter."""
    from drafter.pipeline import Generator

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(Generator, "generate", broken)
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("internal error: RuntimeError: a bug")
    assert run_in(project, "answer", "--no-such-option").exit_code == 2
    assert files_in(project / "out") == []

"""Output on a console that is not UTF-8 (cp1252, cp850, PYTHONIOENCODING): what it cannot show
is written as the nearest it can, never a crash, and names stay recognisable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.commands.console import nearest

from ..conftest import files_in


def test_nearest():
    assert nearest("Ayşe Öztürk → Łukasz", "cp1252") == "Ayse Öztürk -> Lukasz"
    assert nearest("Ayşe Öztürk → Łukasz", "ascii") == "Ayse Ozturk -> Lukasz"
    assert nearest("€ 中", "cp850") == "EUR ?"


def _drafter(cwd: Path, *args: str, encoding: str, language: str = "en") -> tuple[int, str]:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0", "LANGUAGE": language}
    done = subprocess.run([sys.executable, "-m", "drafter", *args], cwd=cwd, env=env, capture_output=True,
                          timeout=120)
    return done.returncode, (done.stdout + done.stderr).decode(encoding)


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_a_file_name_with_s_cedilla_and_an_arrow_is_named_recognisably(project, encoding):
    bad = project / "data" / "Ayşe → budget.csv"
    bad.write_text("line,year,kind\nclusters,2014,VAK\n", encoding="utf-8")
    register = project / "data" / "questions.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("budget: budget.csv", "budget: Ayşe → budget.csv"),
                        encoding="utf-8")
    code, out = _drafter(project, "answer", "-q", "4", "--register", str(register), "--templates",
                         str(project / "answer_templates"), "--output", str(project / "out"), encoding=encoding)
    assert code == 1, out
    assert "Traceback" not in out and "internal error" not in out
    assert "Ayse -> budget.csv" in out
    assert files_in(project / "out") == []


@pytest.mark.parametrize("encoding", ["cp1252", "cp850"])
def test_dutch_help_and_a_usage_error_on_a_windows_console(tmp_path, encoding):
    code, out = _drafter(tmp_path, "--help", encoding=encoding, language="nl")
    assert code == 0 and "Gebruik:" in out and "Opdrachten:" in out
    code, out = _drafter(tmp_path, "answer", "-q", "4", "--output", "uitvoer→map", "--qestion", encoding=encoding,
                         language="nl")
    assert code == 2 and "fout: Optie --qestion bestaat niet" in out and "Traceback" not in out

"""An instant start: commands that read no data or templates do not import what reads them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
sys.argv = ["drafter"] + {args!r}
from drafter.commands.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""
#: What costs start-up and is needed only where data (pandas, openpyxl) or templates (lxml,
#: docxtpl) are read; rich and pydantic are never needed.
HEAVY = ("pandas", "numpy", "openpyxl", "lxml", "docxtpl", "docx", "rich", "pydantic", "yaml", "babel")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["answer", "--help"], ["check", "--help"],
                                  ["batch", "--help"]])
def test_help_and_version_load_only_the_command_line(args):
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
                          capture_output=True, text=True, timeout=60)
    loaded = proc.stderr.rsplit("LOADED=", 1)[1].strip()
    assert loaded == "", f"drafter {' '.join(args)} imported {loaded}"
    assert "Usage: drafter" in proc.stdout or proc.stdout.startswith("drafter ")


@pytest.mark.parametrize("args", [["status"], ["verify"]])
def test_commands_that_read_no_data_do_not_import_pandas(tmp_path, args):
    made = subprocess.run([sys.executable, "-m", "drafter", "init", str(tmp_path / "project"), "--quiet"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=("pandas", "numpy"))],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path / "project")
    assert proc.stderr.rsplit("LOADED=", 1)[1].strip() == "", f"drafter {' '.join(args)} imported pandas"


def test_drafter_run_from_a_zip_drafts_the_same_answer(tmp_path):
    """A zipped drafter (zipapp, shiv, pex) drafts the same answers as one installed in a folder."""
    import zipfile

    archive = tmp_path / "drafter.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted((ROOT / "drafter").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                z.write(path, path.relative_to(ROOT).as_posix())
    code = ("import sys\nfrom pathlib import Path\nimport drafter\nfrom drafter.load.register import load_register\n"
            "from drafter.pipeline import Generator\n"
            f"reg = load_register(Path({str(ROOT / 'data' / 'questions.yaml')!r}))\n"
            f"gen = Generator(reg, Path({str(ROOT / 'answer_templates')!r}), "
            "created=__import__('datetime').datetime(2026, 1, 1))\n"
            "print(drafter.__file__, file=sys.stderr)\n"
            "sys.stdout.buffer.write(b''.join(gen.generate(q).data for q in reg.questions))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    outputs = []
    for where in (str(archive), str(ROOT)):
        proc = subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONPATH": where,
                              "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}, cwd=tmp_path, capture_output=True,
                              timeout=180)
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        assert proc.stderr.decode().startswith(where)  # the drafter of that place
        outputs.append(proc.stdout)
    assert outputs[0] and outputs[0] == outputs[1]

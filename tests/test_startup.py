"""An instant start: commands that read no data or templates do not import what reads them."""

from __future__ import annotations

import subprocess
import sys

import pytest

PROBE = """
import sys
sys.argv = ["drafter"] + {args!r}
from drafter.cli import main
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

"""A batch killed outright (kill -9) at a random moment, again and again: whatever the moment,
the next run leaves no temporary file behind, and no worker outlives the run that started it.

The moments cover the whole run: drafter's start (before any worker), the workers' start
(forked in the first half second), answers being written, the manifest being written. The
workers end with drafter (the kernel kills them when it dies, on Linux); a temporary file a
killed writer left holds no lock any more, and the next run removes it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.bench_batch import multiply_register

from ..conftest import run_in

KILLS = 20
QUESTIONS = 100
YEARS = ("2019-2020", "2020-2021")

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="workers end with drafter by the kernel's parent-death signal (Linux)")


def _start(project: Path) -> subprocess.Popen:
    """drafter batch in a session of its own, so that its workers can be found by it."""
    return subprocess.Popen(
        [sys.executable, "-m", "drafter", "batch", "--jobs", "2", "--register", str(project / "data" / "questions.yaml"),
         "--templates", str(project / "answer_templates"), "--output", str(project / "out")],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def _alive_in_session(session: int) -> list[int]:
    """The processes of a session that are still running (a zombie has ended: it only waits
    to be reaped by whoever adopted it)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        state, sid = fields[0], int(fields[3])
        if sid == session and state not in ("Z", "X"):
            alive.append(int(entry.name))
    return alive


def _wait_until_none_alive(session: int, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while True:
        alive = _alive_in_session(session)
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.02)


def _part_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def _wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the batch did not get there"
        time.sleep(0.005)


def test_a_batch_killed_at_random_moments_leaves_no_part_file_and_no_worker(project):
    multiply_register(project / "data" / "questions.yaml", QUESTIONS, YEARS)
    out = project / "out"
    moments = random.Random(2024)
    phases = []
    for kill in range(KILLS):
        for answer in out.glob("antwoord-*.docx"):  # each run has answers to write again
            answer.unlink()
        proc = _start(project)
        # a quarter while drafter starts, half in the first half second of its workers (when they
        # start, forked), a quarter while the answers are written
        phase = ("start", "workers", "workers", "writing")[kill % 4]
        if phase == "workers":
            _wait_for(lambda: len(_alive_in_session(proc.pid)) > 1 or proc.poll() is not None)
        elif phase == "writing":
            _wait_for(lambda: any(out.glob("antwoord-*.docx")) or proc.poll() is not None)
        delay = moments.uniform(0.0, 1.0) if phase == "start" else moments.uniform(0.0, 0.5)
        time.sleep(delay)
        if proc.poll() is None:  # (a run may have finished first)
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        written = len(list(out.glob("antwoord-*.docx")))
        phases.append((phase, round(delay, 2), written))
        survivors = _wait_until_none_alive(proc.pid)
        for pid in survivors:  # do not leave them running, whatever the verdict
            os.kill(pid, signal.SIGKILL)
        assert not survivors, f"kill {kill} ({phase}, after {delay:.2f} s): workers {survivors} outlived drafter"

        result = run_in(project, "batch", "--jobs", "2")  # the next run
        assert result.exit_code == 0, result.output
        assert _part_files(out) == [], f"kill {kill} ({phase}, after {delay:.2f} s): the next run left temporary files"
        assert not _alive_in_session(proc.pid)
    print("kills (phase, seconds after it began, answers written by then):", phases)
    assert sum(0 < written < QUESTIONS for _, _, written in phases) >= 3, "no kill landed while answers were written"


def test_the_temporary_file_of_a_killed_writer_is_removed_by_the_next_run(project):
    """A writer killed while its answer waits under a temporary name (the moment a kill of a
    batch rarely hits: it lasts milliseconds) leaves a file without a lock; the next run
    removes it, while a live writer's stays."""
    out = project / "out"
    writer = ("import sys, time\nfrom pathlib import Path\nfrom drafter.write.output import staged\n"
              "with staged(Path(sys.argv[1]), sys.argv[2], b'half an answer'):\n"
              "    print('staged', flush=True)\n    time.sleep(120)\n")
    killed, live = (subprocess.Popen([sys.executable, "-c", writer, str(out), name], stdout=subprocess.PIPE, text=True)
                    for name in ("antwoord-a.docx", "antwoord-b.docx"))
    try:
        assert killed.stdout.readline().strip() == "staged" and live.stdout.readline().strip() == "staged"
        killed.kill()
        killed.wait()
        assert len(_part_files(out)) == 2
        assert run_in(project, "answer", "-q", "4").exit_code == 0
        (left,) = _part_files(out)
        assert left.startswith(".antwoord-b.docx.")
    finally:
        live.kill()
        live.wait()
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    assert _part_files(out) == []

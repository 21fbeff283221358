"""The worker processes of batch and check: how many, and that each keeps its object for every task."""

from __future__ import annotations

import multiprocessing
import os
import sys

import pytest

from drafter import places
from drafter.commands import workers
from drafter.commands.workers import Pool, default_jobs, processes
from drafter.errors import DrafterError


def test_the_number_of_processes():
    assert default_jobs() >= 1
    assert processes(None) == default_jobs()
    assert processes(3) == 3
    with pytest.raises(DrafterError, match="--jobs 0: a run needs at least one process"):
        processes(0)


class Tally:
    """A worker object: made once per worker process, it counts the tasks it was given."""

    def __init__(self, start: int) -> None:
        self.count = start

    def add(self, n: int) -> tuple[int, int, int]:
        self.count += 1
        return os.getpid(), self.count, n * n


def test_each_worker_process_keeps_the_one_object_it_made():
    pool = Pool(2, Tally, 100)
    try:
        results = [pool.submit(Tally.add, n).result() for n in range(12)]
    finally:
        pool.shutdown()
    assert [square for _, _, square in results] == [n * n for n in range(12)]
    pids = {pid for pid, _, _ in results}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    for pid in pids:  # each process counted its own tasks on from 100: the same object each time
        counts = [count for p, count, _ in results if p == pid]
        assert counts == list(range(101, 101 + len(counts)))


@pytest.mark.parametrize("args, said", [(["check", "--lang", "nl"], "regel 0"), (["check"], "line 0")])
def test_a_spawned_worker_speaks_the_run_s_language(args, said, monkeypatch, tmp_path):
    """A worker that starts afresh (spawned, as on Windows and macOS) does not inherit the context
    drafter chose its language in: it is told the language."""
    monkeypatch.chdir(tmp_path)  # no drafter.toml here: only --lang, or the tests' LANGUAGE=en, decides
    monkeypatch.setattr(workers, "worker_context", lambda: multiprocessing.get_context("spawn"))
    monkeypatch.setattr(sys, "argv", ["drafter", *args])
    pool = workers.Pool(1, int)  # the worker object is int() == 0
    try:
        assert pool.submit(places.line).result(timeout=120) == said
    finally:
        pool.shutdown()

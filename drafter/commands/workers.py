"""The worker processes of `batch` and `check`: how many, how they start, how they end.

A `Pool` starts `jobs` processes; each makes one worker object when it starts (a batch's
Worker with its Generator, check's question checker) and keeps it for every task it is
given, so templates, notes and data files are read once per process. On Linux the
processes are forked: they start with what drafter has read already.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Callable

from drafter import i18n
from drafter.errors import DrafterError
from drafter.i18n import _


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def processes(jobs: int | None) -> int:
    """--jobs: the processes a run uses (by default the cores); fewer than one is a mistake."""
    if jobs is not None and jobs < 1:
        raise DrafterError(_("--jobs {jobs}: a run needs at least one process").format(jobs=jobs),
                           hint=_("Give --jobs 1 or more."))
    return jobs or default_jobs()


def worker_context():
    """fork where it is safe (Linux): the workers start with what drafter has read; elsewhere
    the platform's own way, which starts them afresh."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def forks() -> bool:
    return worker_context().get_start_method() == "fork"


_PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>


def end_with_parent(parent: int) -> None:
    """Let the kernel kill this worker when drafter itself ends, however it ends (kill -9
    too), so that no worker goes on writing answers for a run nobody waits for. Linux only;
    elsewhere a worker ends when it finds its task queue closed."""
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # a C library without prctl: no such guarantee here
            pass
    if os.getppid() != parent:  # drafter ended before this worker could ask
        os._exit(1)


def run_language() -> str | None:
    """The language a worker must speak when it starts afresh (not forked, as on Windows): it
    does not inherit the context drafter chose its language in, so its messages would be English.
    None where workers are forked: they start with drafter's own context, its language included."""
    if forks():
        return None
    from drafter.commands.language import language_of  # --lang, drafter.toml's, the environment's

    return language_of(sys.argv[1:], os.environ)


def _start(parent: int, make: Callable, args: tuple, language: str | None = None) -> None:
    """ProcessPoolExecutor's initializer: Ctrl-C is left to drafter itself, which stops the
    run cleanly; the worker ends with drafter and speaks its language; then it makes its worker
    object."""
    if language is not None:
        i18n.use(language)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for name in ("SIGTERM", "SIGHUP"):  # drafter's "like Ctrl-C" is not for its workers
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    end_with_parent(parent)
    _this_process.append(make(*args))


def _call(method: Callable, *args):
    """A task: a method of this process's worker object."""
    return method(_this_process[0], *args)


#: This worker process's one worker object (none in drafter's own process).
_this_process: list = []  # a module slot: ProcessPoolExecutor's initializer can hand a task nothing else


class Pool:
    """`jobs` worker processes, each with the object make(*args) made when it started; call
    `shutdown` in any case (queued tasks are dropped, running ones finish)."""

    def __init__(self, jobs: int, make: Callable, *args) -> None:
        self._executor = ProcessPoolExecutor(max_workers=jobs, mp_context=worker_context(), initializer=_start,
                                             initargs=(os.getpid(), make, args, run_language()))

    def submit(self, method: Callable, *args) -> Future:
        """method(the worker object, *args) in a worker process."""
        return self._executor.submit(_call, method, *args)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

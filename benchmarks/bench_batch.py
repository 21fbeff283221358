"""Benchmark: `drafter batch` over 1,000 questions, against plain docxtpl, in one run.

Run it from the project folder once drafter is set up (`scripts/dev` makes .venv/):

    .venv/bin/python benchmarks/bench_batch.py            # 1,000 questions, --jobs = the cores
    .venv/bin/python benchmarks/bench_batch.py --count 200 --jobs 1

What it does:
1. writes the example data and templates to a temporary folder, with a register of COUNT
   questions made from the example question (numbers 1..COUNT, two zittingsjaren);
2. times `drafter batch` over it as its own command, whole command included (start-up,
   register, answers, manifest); then runs it again into another folder to measure its
   peak memory (sampling would slow the timed run): the largest single process (its
   maximum resident set, from getrusage) and all of its processes together (the sum of
   their proportional set size, sampled every 20 ms from /proc; shared pages counted once);
3. in this process, renders the same template with plain docxtpl the way docxtpl is used:
   `DocxTemplate(path)` once, then `render(context)` and `save(BytesIO)` per answer, with
   the context drafter's view builds; and drafter's own per-answer cost measured the same
   way (`Generator.generate`: data, view, render, finishing, zip; bytes in memory).

The targets are checked at the end: 1,000 answers in under 15 s, a per-answer cost
below docxtpl's, peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
YEARS = ("2019-2020", "2020-2021")
#: The targets for 1,000 questions: the whole command within 15 s, each answer ahead of
#: docxtpl's (as bench.py's), all processes together under 300 MB.
TARGET_SECONDS = 15.0
TARGET_RATIO = 1.0
TARGET_MB = 300.0


def multiply_register(register: Path, count: int, years: tuple[str, ...] = YEARS) -> None:
    """Rewrite a register so that it holds `count` copies of its first question.

    Copy n has number n and zittingsjaar years[(n - 1) % len(years)]; all else is the same.
    """
    raw = yaml.safe_load(register.read_text(encoding="utf-8"))
    example = raw["questions"][0]
    raw["questions"] = [
        dict(copy.deepcopy(example), number=n, zittingsjaar=years[(n - 1) % len(years)])  # deep: no YAML aliases
        for n in range(1, count + 1)
    ]
    register.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def make_project(folder: Path, count: int) -> Path:
    """The example data and templates in folder, with a register of `count` questions; returns the register."""
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "answer_templates", folder / "answer_templates")
    register = folder / "data" / "questions.yaml"
    multiply_register(register, count)
    return register


# --------------------------------------------------------------------------- memory of a process tree


def _children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out.extend(int(c) for c in fh.read().split())
    except OSError:
        pass
    return out


def _memory_kb(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in kB; (0, 0) once it is gone."""
    pss = rss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith("Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    return pss, rss


class TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and all its descendants; keeps the peak."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0  # summed PSS
        self.peak_rss_kb = 0  # summed RSS: counts pages the processes share once per process
        self.peak_processes = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            tree, todo = [], [self.pid]
            while todo:
                pid = todo.pop()
                tree.append(pid)
                todo.extend(_children(pid))
            sizes = [_memory_kb(pid) for pid in tree]
            total = sum(pss for pss, _ in sizes)
            if total > self.peak_kb:
                self.peak_kb, self.peak_processes = total, len(tree)
            self.peak_rss_kb = max(self.peak_rss_kb, sum(rss for _, rss in sizes))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()


# --------------------------------------------------------------------------- the measurements


def drafter_command() -> list[str]:
    script = Path(sys.executable).with_name("drafter")
    return [str(script)] if script.exists() else [sys.executable, "-m", "drafter"]


def _run_batch(folder: Path, register: Path, out: Path, jobs: int, sampler: TreeMemory | None = None) -> float:
    cmd = drafter_command() + ["batch", "--register", str(register), "--templates", str(folder / "answer_templates"),
                               "--output", str(out), "--jobs", str(jobs)]
    return timed_process(cmd, cwd=folder, sampler=sampler)


def timed_process(cmd: list[str], cwd: Path | None = None, env: dict | None = None,
                  sampler: TreeMemory | None = None) -> float:
    """The wall time of a command (a batch), its memory sampled meanwhile; a failure ends the benchmark."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if sampler is not None:
        sampler.pid = proc.pid
        sampler.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - start
    if sampler is not None:
        sampler.stop()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd[-8:])} failed ({proc.returncode}):\n{stdout.decode()}\n{stderr.decode()}")
    return wall


def time_batch(folder: Path, register: Path, jobs: int) -> dict:
    """Two runs into fresh folders: one timed, one with its memory sampled (sampling costs time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _run_batch(folder, register, folder / "out", jobs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    made = len(list((folder / "out").glob("antwoord-*.docx")))
    sampler = TreeMemory(0) if sys.platform.startswith("linux") else None
    _run_batch(folder, register, folder / "out-memory", jobs, sampler)
    return {
        "wall": wall,
        "answers": made,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,  # kB on Linux
        "tree_pss_mb": sampler.peak_kb / 1024 if sampler else None,
        "tree_processes": sampler.peak_processes if sampler else None,
        "tree_rss_mb": sampler.peak_rss_kb / 1024 if sampler else None,
    }


def time_in_process(register: Path, folder: Path, count: int) -> dict:
    """Per-answer cost in one warm process: plain docxtpl, and drafter's Generator, same template."""
    from docxtpl import DocxTemplate

    from drafter.pipeline import Generator, template_path
    from drafter.load.register import load_register
    from drafter.view.answer import build_view

    reg = load_register(register)
    questions = reg.questions[:count]
    generator = Generator(reg, folder / "answer_templates")
    template = template_path(questions[0], folder / "answer_templates")
    context = build_view(reg, questions[0], generator.notes, generator.datasets.load).context

    doc = DocxTemplate(str(template))  # prepared once, rendered many times: how docxtpl is used

    def docxtpl_once() -> None:
        doc.render(context, autoescape=True)  # autoescape: the texts hold '&'
        doc.save(io.BytesIO())

    for _ in range(5):  # warm-up, for both
        docxtpl_once()
        generator.generate(questions[0])
    start = time.perf_counter()
    for _ in questions:
        docxtpl_once()
    docxtpl_s = (time.perf_counter() - start) / len(questions)
    start = time.perf_counter()
    for q in questions:
        generator.generate(q)
    drafter_s = (time.perf_counter() - start) / len(questions)
    return {"docxtpl": docxtpl_s, "drafter": drafter_s, "n": len(questions)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="questions in the register (default 1000)")
    parser.add_argument("--jobs", type=int, default=None, help="drafter batch --jobs (default: the cores)")
    parser.add_argument("--renders", type=int, default=300,
                        help="answers rendered in-process by docxtpl and by drafter for the per-answer cost (default 300)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from drafter.commands.workers import default_jobs

    jobs = args.jobs or default_jobs()
    folder = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    try:
        register = make_project(folder, args.count)
        batch = time_batch(folder, register, jobs)  # first: getrusage(CHILDREN) then sees only drafter
        per = time_in_process(register, folder, min(args.renders, args.count))
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)

    n = batch["answers"]
    ratio = per["drafter"] / per["docxtpl"]
    peak_mb = batch["tree_pss_mb"] if batch["tree_pss_mb"] is not None else batch["max_rss_mb"]
    rows = [
        ("answers written", f"{n}", ""),
        ("processes (--jobs)", f"{jobs}", f"{os.cpu_count()} cores here"),
        ("wall time, whole command", f"{batch['wall']:.2f} s", f"target < {TARGET_SECONDS:.0f} s for 1,000"),
        ("answers per second", f"{n / batch['wall']:.0f}", "whole command"),
        ("wall time per answer", f"{batch['wall'] / n * 1000:.2f} ms", "whole command / answers"),
        ("CPU time per answer", f"{batch['cpu'] / n * 1000:.2f} ms", "all processes, start-up included"),
        ("drafter per answer, 1 process", f"{per['drafter'] * 1000:.2f} ms", f"Generator.generate, {per['n']} answers"),
        ("docxtpl per answer, 1 process", f"{per['docxtpl'] * 1000:.2f} ms", "render + save(BytesIO), same template"),
        ("ratio drafter / docxtpl", f"{ratio:.2f}", f"target < {TARGET_RATIO}"),
        ("peak memory, all processes", "n/a" if batch["tree_pss_mb"] is None else f"{batch['tree_pss_mb']:.0f} MB",
         f"sum of PSS over {batch['tree_processes']} processes" if batch["tree_pss_mb"] else "needs Linux /proc"),
        ("peak memory, largest process", f"{batch['max_rss_mb']:.0f} MB", "max RSS (getrusage)"),
        ("(RSS summed over processes)", "n/a" if batch["tree_rss_mb"] is None else f"{batch['tree_rss_mb']:.0f} MB",
         "counts the pages they share once per process"),
    ]
    width = max(len(r[0]) for r in rows)
    vwidth = max(len(r[1]) for r in rows)
    print(f"drafter batch benchmark: {args.count} questions")
    for label, value, note in rows:
        print(f"  {label:<{width}}  {value:>{vwidth}}  {note}")
    checks = [
        ("time", args.count < 1000 or batch["wall"] < TARGET_SECONDS),
        ("per-answer ratio", ratio < TARGET_RATIO),
        ("memory", peak_mb < TARGET_MB),
    ]
    print("targets: " + ", ".join(f"{name} {'met' if ok else 'NOT met'}" for name, ok in checks))
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())

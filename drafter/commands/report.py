"""One way to report problems, for every command: text for people, JSON for tools; and a
batch's summary and progress bar."""

from __future__ import annotations

import json
import sys
import time

from drafter.errors import ERROR, Problem, display_path


def format_problem(problem: Problem) -> str:
    return f"{problem.severity}: {problem}"


def print_problems(problems: list[Problem], stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems:
        print(format_problem(problem), file=stream)


def problems_json(problems: list[Problem], checked: dict | None = None) -> str:
    errors = sum(1 for p in problems if p.severity == ERROR)
    out = {"errors": errors, "warnings": len(problems) - errors}
    if checked is not None:
        out["checked"] = checked
    out["problems"] = [p.as_dict() for p in problems]
    return json.dumps(out, ensure_ascii=False, indent=2)


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(problems: list[Problem], checked: dict) -> str:
    """'2 errors, 1 warning in 1 question, 3 data files, 1 template'."""
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    found = "no problems" if not problems else f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
    scope = ", ".join(_count(checked[k], w) for k, w in
                      (("questions", "question"), ("data_files", "data file"), ("templates", "template")))
    return f"{found} in {scope}"


# --------------------------------------------------------------------------- batch

# A batch's statuses come from the write stage, which loads the XML layer: problems are printed without it.


def batch_results() -> tuple[tuple[str, str, str], ...]:
    """How a batch's results are told in its summary: status, word, what it means."""
    from drafter.i18n import _
    from drafter.write.output import Status

    return (
        (Status.WRITTEN, "written", "new answers"),
        (Status.REPLACED, "replaced", "earlier drafts nobody had edited since: replaced"),
        (Status.UNCHANGED, "skipped", "up to date: the same draft was there already"),
        (Status.BESIDE, "kept edits", "edited since drafter made them: left alone, the new draft is beside them"),
        (Status.BACKED_UP, "backed up", "edited, but --force: a backup was kept, then the answer replaced"),
        (Status.UPDATED, "updated", "edited since drafter made them: the new figures written in as tracked changes, "
                                    "after a backup"),
        (Status.LEFT, _("to look at"), _("edited since drafter made them: nothing was written, but the new data "
                                         "changes figures you must change by hand or look at (below)")),
        (Status.FAILED, "failed", "not made: see the errors above"),
    )


#: At most this many answers are listed one by one in the summary; the manifest has all.
DETAIL_ROWS = 25


class BatchProgress:
    """A progress bar on a terminal (nothing otherwise), redrawn by the caller: no thread of its own."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self._progress = None
        self._task = None
        self._drawn = 0.0

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(
                TextColumn("drafting answers"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(file=sys.stdout), auto_refresh=False, transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("answers", total=self.total)
        return self

    def advance(self, _record=None) -> None:
        if self._progress is None:
            return
        self._progress.advance(self._task)
        now = time.monotonic()
        if now - self._drawn > 0.1:
            self._progress.refresh()
            self._drawn = now

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()


def print_batch_problems(result, debug: bool = False) -> None:
    """The errors of the answers that failed (and of the PDFs not made), on standard error."""
    for record in result.records:
        for problem in record.problems:
            print(f"{problem.severity}: {record.label}: {problem}", file=sys.stderr)
        if debug and record.trace:
            print(record.trace, file=sys.stderr)
    print_problems(result.pdf_problems)
    print_problems(result.pdf_gaps)
    print_problems(result.run_problems)


def print_batch_summary(result, selection: str, jobs: int, debug: bool = False) -> None:
    """The errors of the failed answers, then a table of what was written, skipped and failed, and why."""
    from rich.console import Console
    from rich.table import Table

    from drafter.write.manifest import RunState
    from drafter.write.output import Status

    print_batch_problems(result, debug)
    console = Console(file=sys.stdout, highlight=False)
    console.print(f"{len(result.records)} answers ({selection}) in {result.seconds:.1f} s, {jobs} process(es)",
                  markup=False)
    table = Table()
    table.add_column("result")
    table.add_column("answers", justify="right")
    table.add_column("why")
    results = batch_results()
    for status, word, why in results:
        count = result.count(status)
        if count:
            table.add_row(word, str(count), why)
    if result.pdf_problems:
        table.add_row("no PDF", str(len(result.pdf_problems)), "LibreOffice could not convert them: see above")
    if result.pdf_gaps:
        from drafter.i18n import _

        table.add_row(_("no PDF"), str(len(result.pdf_gaps)), _("gaps to fill in first: see above (or --allow-gaps)"))
    console.print(table)
    words = {status: word for status, word, _ in results}
    notable = [r for r in result.records
               if r.status in (Status.BESIDE, Status.BACKED_UP, Status.UPDATED, Status.LEFT, Status.FAILED)]
    if notable:
        console.print("answers that need a look:")
        for record in notable[:DETAIL_ROWS]:
            console.print(f"  {record.label}: {words[record.status]}: {record.message}", soft_wrap=True, markup=False)
        if len(notable) > DETAIL_ROWS:
            console.print(f"... and {len(notable) - DETAIL_ROWS} more: see the manifest")
    warned = [r for r in result.records if r.warnings]
    if warned:
        console.print(f"{len(warned)} answer(s) have warnings, a person should look:", markup=False)
        for record in warned:
            console.print(f"  {record.label}:", markup=False, soft_wrap=True)
            for problem in record.warnings:
                console.print(f"    {format_problem(problem)}", markup=False, soft_wrap=True)
    if result.state == RunState.INTERRUPTED:
        console.print("interrupted: the answers above were made; no half-written file is left behind")
    if result.manifest is not None and not result.run_problems:
        console.print(f"manifest: {display_path(result.manifest)}", markup=False, soft_wrap=True)
    elif result.manifest is not None:
        console.print(f"manifest: {display_path(result.manifest)} (not finished: see the error above)",
                      markup=False, soft_wrap=True)

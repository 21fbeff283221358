"""One way to report problems, for every command: text for people, JSON for tools; and a
batch's summary and progress bar."""

from __future__ import annotations

import json
import sys
import time

from drafter.errors import ERROR, Problem, display_path
from drafter.i18n import N_, _, ngettext


def format_problem(problem: Problem) -> str:
    if problem.severity == ERROR:
        return _("error: {problem}").format(problem=problem)
    return _("warning: {problem}").format(problem=problem)


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


def summary_line(problems: list[Problem], checked: dict) -> str:
    """'2 errors, 1 warning in 1 question, 3 data files, 1 template'."""
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    counts = {
        "questions": ngettext("{count} question", "{count} questions", checked["questions"]).format(
            count=checked["questions"]),
        "data_files": ngettext("{count} data file", "{count} data files", checked["data_files"]).format(
            count=checked["data_files"]),
        "templates": ngettext("{count} template", "{count} templates", checked["templates"]).format(
            count=checked["templates"]),
    }
    if not problems:
        return _("no problems in {questions}, {data_files}, {templates}").format(**counts)
    return _("{errors}, {warnings} in {questions}, {data_files}, {templates}").format(
        errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
        warnings=ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings), **counts)


# --------------------------------------------------------------------------- batch

# A batch's statuses come from the write stage, which loads the XML layer: problems are printed without it.


def batch_results() -> tuple[tuple[str, str, str], ...]:
    """How a batch's results are told in its summary: status, word, what it means (in the
    language in use)."""
    from drafter.write.output import Status

    return tuple((status, _(word), _(why)) for status, word, why in (
        (Status.WRITTEN, N_("written"), N_("new answers")),
        (Status.REPLACED, N_("replaced"), N_("earlier drafts nobody had edited since: replaced")),
        (Status.UNCHANGED, N_("skipped"), N_("up to date: the same draft was there already")),
        (Status.BESIDE, N_("kept edits"), N_("edited since drafter made them: left alone, the new draft is beside them")),
        (Status.BACKED_UP, N_("backed up"), N_("edited, but --force: a backup was kept, then the answer replaced")),
        (Status.UPDATED, N_("updated"), N_("edited since drafter made them: the new figures written in as tracked "
                                            "changes, after a backup")),
        (Status.LEFT, N_("to look at"), N_("edited since drafter made them: nothing was written, but the new data "
                                           "changes figures you must change by hand or look at (below)")),
        (Status.UP_TO_DATE, N_("up to date"), N_("edited since drafter made them: the new data changes no figure "
                                                  "drafter placed; left as they are")),
        (Status.SENT, N_("left as sent"), N_("recorded as sent: left as it went out (--even-if-sent writes the new "
                                             "figures in all the same)")),
        (Status.FAILED, N_("failed"), N_("not made: see the errors above")),
    ))


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
                TextColumn(_("drafting answers")), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
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
            text = (_("error: {question}: {problem}") if problem.severity == ERROR
                    else _("warning: {question}: {problem}"))
            print(text.format(question=record.label, problem=problem), file=sys.stderr)
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
    console.print(ngettext("{count} answer ({selection}) in {seconds} s, {jobs} process(es)",
                           "{count} answers ({selection}) in {seconds} s, {jobs} process(es)",
                           len(result.records)).format(count=len(result.records), selection=selection,
                                                       seconds=f"{result.seconds:.1f}", jobs=jobs),
                  markup=False)
    table = Table()
    table.add_column(_("result"))
    table.add_column(_("answers"), justify="right")
    table.add_column(_("why"))
    results = batch_results()
    for status, word, why in results:
        count = result.count(status)
        if count:
            table.add_row(word, str(count), why)
    if result.pdf_problems:
        table.add_row(_("no PDF"), str(len(result.pdf_problems)), _("LibreOffice could not convert them: see above"))
    if result.pdf_gaps:
        table.add_row(_("no PDF"), str(len(result.pdf_gaps)), _("gaps to fill in first: see above (or --allow-gaps)"))
    console.print(table)
    words = {status: word for status, word, _why in results}
    notable = [r for r in result.records
               if r.status in (Status.BESIDE, Status.BACKED_UP, Status.UPDATED, Status.LEFT, Status.SENT, Status.FAILED)]
    if notable:
        console.print(_("answers that need a look:"), markup=False)
        for record in notable[:DETAIL_ROWS]:
            if record.status == Status.UPDATED:  # its message starts by saying it was updated
                console.print(f"  {record.label}: {record.message}", soft_wrap=True, markup=False)
            else:
                console.print(f"  {record.label}: {words[record.status]}: {record.message}", soft_wrap=True,
                              markup=False)
        if len(notable) > DETAIL_ROWS:
            console.print(_("... and {count} more: see the manifest").format(count=len(notable) - DETAIL_ROWS),
                          markup=False)
    warned = [r for r in result.records if r.warnings]
    if warned:
        console.print(ngettext("{count} answer has warnings, a person should look:",
                               "{count} answer(s) have warnings, a person should look:", len(warned)).format(
            count=len(warned)), markup=False)
        for record in warned:
            console.print(f"  {record.label}:", markup=False, soft_wrap=True)
            for problem in record.warnings:
                console.print(f"    {format_problem(problem)}", markup=False, soft_wrap=True)
    if result.state == RunState.INTERRUPTED:
        console.print(_("interrupted: the answers above were made; no half-written file is left behind"),
                      markup=False)
    if result.manifest is not None and not result.run_problems:
        console.print(_("manifest: {file}").format(file=display_path(result.manifest)), markup=False, soft_wrap=True)
    elif result.manifest is not None:
        console.print(_("manifest: {file} (not finished: see the error above)").format(
            file=display_path(result.manifest)),
                      markup=False, soft_wrap=True)

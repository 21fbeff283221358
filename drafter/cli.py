"""The command line: `drafter answer`, `drafter batch`, `drafter check`.

Only arguments and reporting live here; the work is done by the pipeline modules. A
user's mistake is reported as problems (file, place, what to do) with exit code 1, never
as a traceback (`--debug` shows one).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

# The rest of drafter is imported by the commands that use it, when they run: `drafter --help`
# loads no more than typer (pandas, lxml and docxtpl only where data and templates are read).

app = typer.Typer(
    add_completion=False,
    rich_markup_mode=None,  # plain help: rich costs 0.1 s of start-up (issue 14)
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help="Drafts editable Word answers to written parliamentary questions from data and Word templates.",
)

RegisterOption = typer.Option(None, "--register", help="The register of questions (default: data/questions.yaml).")
TemplatesOption = typer.Option(None, "--templates", help="The folder of Word templates (default: answer_templates/).")
DebugOption = typer.Option(False, "--debug", help="Show a Python traceback on errors (for developers).")
DateOption = typer.Option(
    None, "--date", help="Date recorded in the documents' properties (YYYY-MM-DD); default: none, so output is reproducible."
)


def _show_version(value: bool) -> None:
    if value:
        from drafter import __version__

        print(f"drafter {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help="Show drafter's version and exit."),
) -> None:
    """Drafts editable Word answers to written parliamentary questions from data and Word templates."""


def _run(debug: bool, work) -> None:
    """Run a command's work: problems are reported, never shown as a traceback."""
    import traceback

    from drafter.errors import DrafterError
    from drafter.report import print_problems

    try:
        code = work()
    except DrafterError as exc:
        if debug:
            traceback.print_exc()
        print_problems(exc.problems)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:
        print("interrupted; no half-written file is left behind", file=sys.stderr)
        raise typer.Exit(130) from None
    except typer.Exit:
        raise
    except Exception as exc:  # a bug in drafter, not the user's mistake
        if debug:
            traceback.print_exc()
        print(f"internal error: {type(exc).__name__}: {exc} (run again with --debug for details, "
              "and report it to the drafter maintainers)", file=sys.stderr)
        raise typer.Exit(2) from None
    raise typer.Exit(code or 0)


def _created(date: Optional[str]) -> Optional[dt.datetime]:
    import datetime as dt

    from drafter.errors import DrafterError

    if date is None:
        return None
    try:
        return dt.datetime.combine(dt.date.fromisoformat(date), dt.time())
    except ValueError:
        raise DrafterError(f"--date {date!r} is not a date", hint="Write it as YYYY-MM-DD, e.g. 2019-10-07.") from None


@app.command()
def answer(
    question: int = typer.Option(..., "--question", "-q", help="The question's number in the register."),
    year: Optional[str] = typer.Option(None, "--year", help="The zittingsjaar (e.g. 2019-2020), when the number is in several."),
    minister: Optional[str] = typer.Option(None, "--minister", help="The minister's name, when the question was put to several."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Folder (or .docx file) for the answer (default: output/)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace an answer edited since drafter made it, after keeping a backup."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF beside the answer (needs LibreOffice)."),
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    date: Optional[str] = DateOption,
    debug: bool = DebugOption,
) -> None:
    """Draft the answer to one question."""

    def work():
        from drafter.errors import display_path
        from drafter.report import print_problems
        from drafter.write.output import write_answer
        from drafter.pipeline import Generator
        from drafter.load.register import load_register

        created = _created(date)
        if pdf:
            from drafter.write.pdf import require_soffice

            require_soffice()  # before anything is written
        reg = load_register(register)
        q = reg.find(question, year, minister)
        draft = Generator(reg, templates, created=created).generate(q)
        target = _target(output, draft.file_name)
        result = write_answer(target, draft.data, force=force)
        print(result.message)
        print_problems(list(draft.warnings))
        if pdf:
            from drafter.write.pdf import convert_to_pdf

            for made in convert_to_pdf([result.path]):
                print(f"wrote {display_path(made)}")
        return 0

    _run(debug, work)


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def check(
    question: Optional[int] = typer.Option(None, "--question", "-q", help="Check only this question (default: all)."),
    year: Optional[str] = typer.Option(None, "--year", help="Only the questions of this zittingsjaar (e.g. 2019-2020)."),
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    report_format: ReportFormat = typer.Option(ReportFormat.text, "--format", help="text for people, json for tools."),
    debug: bool = DebugOption,
) -> None:
    """Check the register, the data, the notes and the templates; write nothing.

    Reports every problem found, each with its file and place. Exit code 0 when there are no
    errors (warnings allowed), 1 when there are errors.
    """

    def work():
        from drafter.check import check_project
        from drafter.report import format_problem, problems_json, summary_line

        result = check_project(register, templates, question, year)
        if report_format is ReportFormat.json:
            print(problems_json(result.problems, result.summary))
        else:
            for problem in result.problems:
                print(format_problem(problem))
            print(f"drafter check: {summary_line(result.problems, result.summary)}")
        return 1 if result.errors else 0

    _run(debug, work)


@app.command()
def batch(
    year: Optional[list[str]] = typer.Option(
        None, "--year", help="Only questions of this zittingsjaar (e.g. 2019-2020); repeat for several."),
    numbers: Optional[str] = typer.Option(None, "--numbers", help="Only these question numbers, e.g. 4,7-9."),
    template: Optional[list[str]] = typer.Option(
        None, "--template", help="Only questions answered with this template (e.g. bedrijfsclusters.docx); repeat for several."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Folder for the answers (default: output/)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Processes to use (default: the machine's cores)."),
    force: bool = typer.Option(False, "--force", help="Replace answers edited since drafter made them, after keeping a backup of each."),
    pdf: bool = typer.Option(False, "--pdf", help="Also write a PDF beside each answer (needs LibreOffice)."),
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    date: Optional[str] = DateOption,
    debug: bool = DebugOption,
) -> None:
    """Draft the answers of all questions in the register, or of those selected.

    A failing question does not stop the others; the exit code is 1 when any failed. A
    manifest of the run (drafter-manifest-....json) is written in the output folder.
    """

    def work():
        from drafter import batch as batches
        from drafter import paths
        from drafter.errors import DrafterError
        from drafter.report import print_problems
        from drafter.report import BatchProgress, print_batch_summary

        created = _created(date)
        folder = output if output is not None else paths.OUTPUT_DIR
        if folder.suffix.lower() == ".docx":
            raise DrafterError(f"--output {folder}: a batch writes many answers, so --output must be a folder",
                               hint="Give a folder, e.g. --output antwoorden/.")
        selection = batches.Selection(
            years=frozenset(year or ()),
            numbers=batches.parse_numbers(numbers) if numbers is not None else batches.Numbers(),
            templates=frozenset(template or ()),
        )
        reg = batches.read_register(register)  # in a process of its own: see there
        plan = batches.plan(reg, selection)
        print_problems(list(plan.warnings))
        workers = jobs or batches.default_jobs()
        settings = batches.Settings(output=folder, templates_dir=templates, created=created, force=force, debug=debug)
        options = {
            "register": str(reg.path.resolve()),
            "templates": str((templates or paths.TEMPLATES_DIR).resolve()),
            "selection": selection.as_dict(),
            "force": force, "pdf": pdf, "date": date, "jobs": workers,
        }
        with BatchProgress(plan.total, enabled=sys.stdout.isatty()) as progress:
            result = batches.run(plan, settings, jobs=workers, pdf=pdf, options=options, on_record=progress.advance)
        print_batch_summary(result, selection.describe(), workers, debug=debug)
        if result.state == batches.INTERRUPTED:
            return 130
        return 1 if result.failed else 0

    _run(debug, work)


def _target(output: Optional[Path], file_name: str) -> Path:
    from drafter import paths

    if output is None:
        return paths.OUTPUT_DIR / file_name
    if output.suffix.lower() == ".docx":
        return output
    return output / file_name


def main() -> None:
    app()


if __name__ == "__main__":
    main()

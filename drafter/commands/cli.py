"""The command line (`drafter init`, `answer`, `update`, `check`, `batch`, `verify`, `sent`, ...): the one place
of its Typer application, options, help texts, printing and exit codes; `main` runs it.

Only arguments and reporting live here; the work is done by the command modules beside this
one, which return results. A user's mistake is reported as problems (file, place, what to
do) with exit code 1, never as a traceback (`--debug` shows one, with the error beneath it).
Every command takes the same options for the same things: --project, --question, --year,
--minister, --quiet, --verbose, and --format json where it reports.
"""

import datetime as dt
import os
import sys
import traceback
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup

from drafter import i18n  # light: gettext only
from drafter.commands.language import language_of
from drafter.i18n import N_, _, date_text

# drafter itself is imported by the commands that use it, when they run: `drafter --help` loads
# no more than Typer, and pandas, the XML parser and docxtpl are loaded only where data and templates are read.


def _check_language(ctx, param, value: Optional[str]) -> Optional[str]:
    if value is not None and i18n.spoken(value) is None:
        raise typer.BadParameter(_("drafter does not speak {language!r}; choose one of {languages}").format(
            language=value, languages=", ".join(i18n.languages())))
    return value


def _language_option() -> typer.core.TyperOption:
    return typer.core.TyperOption(
        param_decls=["--lang"], metavar=N_("LANGUAGE"), expose_value=False, callback=_check_language,
        help=N_("The language to speak in this run: nl, fr or en. Default: the project's (language in "
                "drafter.toml), else the system's."))


def _translate_help(command) -> None:
    """The help texts of command (and of its subcommands) in the language in use: they are
    written in English where the command is defined, before the language is known."""
    for name in ("help", "short_help", "epilog"):
        text = getattr(command, name, None)
        if text:
            setattr(command, name, _(text))
    # the usage line's placeholders too: "drafter intake [OPTIES] {BRON}"
    command.options_metavar = _(USAGE_OPTIONS) if command.options_metavar else command.options_metavar
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = _(USAGE_COMMAND)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = _(param.help)
        if param.metavar:  # "" (a flag's) stays empty: gettext's "" is the catalog's header
            param.metavar = _(param.metavar)
    for sub in getattr(command, "commands", {}).values():
        _translate_help(sub)


#: The usage line's placeholders that Click and Typer write in English.
USAGE_OPTIONS, USAGE_COMMAND = N_("[OPTIONS]"), N_("COMMAND [ARGS]...")


#: Click's usage error (that of the Click Typer uses: its own since Typer 0.28, else click's).
UsageError = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


class SpokenUsageError(UsageError):
    """A usage error (an unknown option, a missing value) said in drafter's language, as
    Click lays it out: the usage line, where to find help, then the error."""

    def show(self, file=None) -> None:
        from drafter.commands.click_words import usage_message

        stream = sys.stderr if file is None else file
        if self.ctx is not None:
            print(self.ctx.get_usage(), file=stream)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                print(_("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]), file=stream)
            print(file=stream)
        print(_("Error: {message}").format(message=usage_message(self.format_message())), file=stream)


def _spoken(exc):
    """exc as a SpokenUsageError, if it is a usage error that Click would show in English."""
    if isinstance(exc, UsageError) and type(exc).show is UsageError.show:
        spoken = SpokenUsageError(exc.format_message(), exc.ctx)
        spoken.exit_code = exc.exit_code
        return spoken
    return None


class _NoTypeNames:
    """Help without type names: a flag (--force, --help, --install-completion) shows none.
    Every command takes --lang, and says Click's words in drafter's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.params.append(_language_option())

    def make_context(self, *args, **kwargs):
        try:
            return super().make_context(*args, **kwargs)
        except UsageError as exc:
            spoken = _spoken(exc)
            if spoken is None:
                raise
            raise spoken from exc

    def invoke(self, ctx):  # a group's: no command, or no such command
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            spoken = _spoken(exc)
            if spoken is None:
                raise
            raise spoken from exc

    def format_usage(self, ctx, formatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None and option.help:
            option.help = _(option.help)
        return option

    def get_params(self, ctx):
        params = super().get_params(ctx)
        for param in params:
            if getattr(param, "is_flag", False) and param.metavar is None:
                param.metavar = ""
            elif param.param_type_name == "argument":  # its name (FOLDER) says enough
                param.display_type_rich = lambda ctx: None
        return params


class Command(_NoTypeNames, TyperCommand):
    pass


class Group(_NoTypeNames, TyperGroup):
    def main(self, args=None, *rest, **kwargs):
        """Run drafter in its language: Click's words, the help and the messages."""
        from drafter.commands.click_words import speak_for_click
        from drafter.commands.console import any_console

        any_console()
        given = list(sys.argv[1:] if args is None else args)
        with i18n.speaking(language_of(given, os.environ)):
            speak_for_click()
            _translate_help(self)
            return super().main(args, *rest, **kwargs)


app = typer.Typer(
    cls=Group,
    add_completion=True,
    rich_markup_mode=None,  # plain help, so that printing it does not load rich
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    help=N_("Drafts editable Word answers to written parliamentary questions from data and Word templates."),
)

#: The help of Typer's own options --install-completion and --show-completion (typer/completion.py), for the
#: catalog: `_translate_help` translates them with the others.
COMPLETION_HELP = (
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)

# Options shared by the commands: one name, one help text for one thing. A flag's metavar ""
# keeps type names such as <bool> out of the help.
ProjectOption = typer.Option(
    None, "--project", metavar=N_("FOLDER"),
    help=N_("The project folder. Default: the environment variable DRAFTER_HOME, else the first folder holding "
         "drafter.toml, from here upwards."))
RegisterOption = typer.Option(None, "--register", metavar=N_("FILE"),
                              help=N_("The register of questions. Default: the project's (data/questions.yaml)."))
TemplatesOption = typer.Option(None, "--templates", metavar=N_("FOLDER"),
                               help=N_("The folder of Word templates. Default: the project's (answer_templates/)."))
QuestionOption = typer.Option(..., "--question", "-q", metavar=N_("NUMBER"), help=N_("The question's number in the register."))
YearOption = typer.Option(None, "--year", metavar=N_("ZITTINGSJAAR"),
                          help=N_("The zittingsjaar (e.g. 2019-2020), when the number is in several."))
MinisterOption = typer.Option(None, "--minister", metavar=N_("NAME"),
                              help=N_("The minister's name, when the question was put to several."))
ForceOption = typer.Option(False, "--force", metavar="",
                           help=N_("Replace an answer edited since drafter made it, after keeping a backup."))
PdfOption = typer.Option(False, "--pdf", metavar="", help=N_("Also write a PDF beside each answer (needs LibreOffice)."))
AllowGapsOption = typer.Option(False, "--allow-gaps", metavar="",
                               help=N_("With --pdf: also make a PDF of an answer that still has gaps to fill in."))
EvenIfSentOption = typer.Option(
    False, "--even-if-sent", metavar="",
    help=N_("Change an answer the register records as sent (answered:) all the same; without it, such an answer is left as it went out."))
SofficeOption = typer.Option(
    None, "--soffice", metavar=N_("FILE"),
    help=N_("LibreOffice's program, for --pdf. Default: the environment variable DRAFTER_SOFFICE, the PATH, "
         "then its usual install places."))
DebugOption = typer.Option(False, "--debug", metavar="", help=N_("Show a Python traceback on errors (for developers)."))
QuietOption = typer.Option(False, "--quiet", metavar="", help=N_("Print errors only."))
VerboseOption = typer.Option(False, "--verbose", metavar="", help=N_("Also say which project, register, templates and folders are used."))
DateOption = typer.Option(
    None, "--date", metavar=N_("DATE"),
    help=N_("Date recorded in the documents' properties (dd/mm/yyyy or yyyy-mm-dd). Default: none, so the same "
            "inputs give the same bytes."))


class ReportFormat(str, Enum):
    text = "text"
    json = "json"


FormatOption = typer.Option(ReportFormat.text, "--format", metavar="text|json", help=N_("text for people, json for tools."))


def _show_version(value: bool) -> None:
    if value:
        from drafter import __version__

        print(f"drafter {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", metavar="", is_eager=True, callback=_show_version,
                                 help=N_("Show drafter's version and exit.")),
) -> None:
    """Drafts editable Word answers to written parliamentary questions from data and Word templates."""


class Say:
    """What a command prints besides its errors: nothing with --quiet, more with --verbose;
    with --format json, one JSON document on standard output instead."""

    def __init__(self, quiet: bool, verbose: bool, as_json: bool = False) -> None:
        if quiet and verbose:
            from drafter.errors import DrafterError

            raise DrafterError(_("--quiet and --verbose contradict each other"), hint=_("Give one of them."))
        self.quiet, self.verbose, self.as_json = quiet, verbose, as_json

    def info(self, text: str) -> None:
        if not self.quiet and not self.as_json:
            print(text)

    def detail(self, text: str) -> None:
        if self.verbose:
            print(text, file=sys.stderr)

    def warnings(self, problems) -> None:
        if not self.quiet and not self.as_json:
            from drafter.commands.report import print_problems

            print_problems(list(problems))

    def project(self, project) -> None:  # a drafter.paths.Project
        from drafter.errors import display_path

        self.detail(_("project: {path}").format(path=display_path(project.file or project.root)))
        self.detail(_("register: {path}").format(path=display_path(project.register)))
        self.detail(_("templates: {path}").format(path=display_path(project.templates)))
        self.detail(_("output: {path}").format(path=display_path(project.output)))

    def json(self, data: dict) -> None:
        import json

        print(json.dumps(data, ensure_ascii=False, indent=2))


#: Exit codes: 0 done, 1 the user's mistake (problems were printed), 2 a usage error (as
#: Click gives it: an unknown option, a missing value), 3 an internal error (a bug in drafter),
#: 130 interrupted (Ctrl-C, SIGTERM, SIGHUP).
EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 1, 2, 3, 130


def _terminate_like_ctrl_c() -> None:
    """SIGTERM (kill, a logout) and SIGHUP (a closed terminal) end a run as Ctrl-C does:
    temporary files removed, a batch's manifest finished as 'interrupted'."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def interrupt(signum, frame):
        handler = signal.getsignal(signal.SIGINT)  # a batch takes Ctrl-C between two answers
        if callable(handler):
            handler(signal.SIGINT, frame)
        else:
            raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) in (signal.SIG_DFL, None):
            signal.signal(number, interrupt)


def _run(debug: bool, work, as_json: bool = False) -> None:
    """Run a command's work and end with its exit code: problems are reported, never shown as
    a traceback (--debug shows one, with the error beneath drafter's own)."""
    from drafter.errors import DrafterError
    from drafter.commands.report import print_problems, problems_json

    _terminate_like_ctrl_c()
    try:
        code = work() or 0
    except DrafterError as exc:
        if debug:
            traceback.print_exc()
        if as_json:
            print(problems_json(exc.problems))
        else:
            print_problems(exc.problems)
        code = EXIT_PROBLEMS
    except KeyboardInterrupt:
        print(_("interrupted; no half-written file is left behind"), file=sys.stderr)
        code = EXIT_INTERRUPTED
    except typer.Exit:
        raise
    except Exception as exc:  # a bug in drafter, not the user's mistake
        if debug:
            traceback.print_exc()
        print(_("internal error: {kind}: {error} (run again with --debug for details, and report it to the drafter "
                "maintainers)").format(kind=type(exc).__name__, error=exc), file=sys.stderr)
        code = EXIT_INTERNAL
    raise typer.Exit(code)


def _created(date: Optional[str]) -> Optional[dt.datetime]:
    if date is None:
        return None
    from drafter.load.dates import option_date

    return dt.datetime.combine(option_date("--date", date, dt.date(2019, 10, 7)), dt.time())


@app.command(cls=Command, help=N_("""Make a new project: the example that comes with drafter, or (--empty) one of your own.

Without --empty: the example project, to try drafter: seven example questions with their data, notes and templates.
Then run `drafter check` and `drafter answer -q 4` in it.

With --empty: the house style (drafter.toml), the Word templates and a register without questions, for your own.
Then add questions with `drafter intake`.

Both have an output folder and drafter.toml; nothing that is already there is replaced."""))
def init(
    folder: Path = typer.Argument(Path("."), metavar=N_("FOLDER"), show_default=False,
                                  help=N_("The folder for the new project. Default: the current folder.")),
    empty: bool = typer.Option(False, "--empty", metavar="",
                               help=N_("A project to start your own follow-up list: the house style and the templates, "
                                    "and a register without questions (an example entry in comments).")),
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    report_format: ReportFormat = FormatOption,
    debug: bool = DebugOption,
) -> None:
    as_json = report_format is ReportFormat.json

    def work():
        from drafter.errors import display_path
        from drafter.commands.init import create_project

        say = Say(quiet, verbose, as_json)
        made = create_project(folder, empty=empty)
        for path in made.files:
            say.detail(_("wrote {file}").format(file=display_path(path)))
        if as_json:
            say.json({"project": str(made.root), "files": [str(p.relative_to(made.root)) for p in made.files]})
        here = made.root == Path.cwd().resolve()
        if empty:
            say.info(_("made an empty drafter project in {folder} ({count} files): the house style, the templates "
                       "and a register without questions").format(folder=display_path(made.root),
                                                                   count=len(made.files)))
            say.info(_("next: drafter intake <the question's open-data id, or its document>") if here else
                     _('next: cd "{folder}", then drafter intake <the question\'s open-data id, or its document>')
                     .format(folder=display_path(made.root)))
            return 0
        say.info(_("made a drafter project in {folder} ({count} files)").format(folder=display_path(made.root),
                                                                                count=len(made.files)))
        say.info(_("next: drafter check and drafter answer -q 4") if here else
                 _('next: cd "{folder}", then drafter check and drafter answer -q 4').format(
                     folder=display_path(made.root)))
        return 0

    _run(debug, work, as_json)


@app.command(cls=Command, help=N_("Draft the answer to one question."))
def answer(
    question: int = QuestionOption,
    year: Optional[str] = YearOption,
    minister: Optional[str] = MinisterOption,
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar=N_("PATH"),
        help=N_("Folder (or .docx file) for the answer. Default: the project's output folder.")),
    force: bool = ForceOption,
    pdf: bool = PdfOption,
    allow_gaps: bool = AllowGapsOption,
    soffice: Optional[Path] = SofficeOption,
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    date: Optional[str] = DateOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    report_format: ReportFormat = FormatOption,
    debug: bool = DebugOption,
) -> None:
    as_json = report_format is ReportFormat.json

    def work():
        from drafter import paths
        from drafter.commands import answer as answers
        from drafter.commands.verify import carry_over_text
        from drafter.errors import display_path

        say = Say(quiet, verbose, as_json)
        created = _created(date)
        where = paths.locate(project, register=register, templates=templates, output=output)
        say.project(where)
        office = None
        if pdf:
            from drafter.write.pdf import require_soffice

            office = require_soffice(soffice)  # before anything is written
            say.detail(_("LibreOffice: {program}").format(program=office))
        made = answers.answer(where, question, year, minister, output_given=output is not None, created=created,
                              force=force, for_pdf=pdf and not allow_gaps)
        written = made.written
        say.info(written.message)
        if made.carry_over or made.paragraphs:
            say.info(carry_over_text(written.existing, list(made.carry_over), made.paragraphs))
        if made.carry_over and written.sent is not None:
            say.info(_("or write the new figures into the answer as sent, as tracked changes: drafter update -q "
                       "{number} --even-if-sent").format(number=made.question.number))
        elif made.carry_over:
            say.info(_("or write the new figures into your edited answer as tracked changes: drafter update -q "
                       "{number}").format(number=made.question.number))
        say.warnings(made.draft.warnings)
        made_pdf = answers.pdf(made, office) if pdf else []
        for path in made_pdf:
            say.info(_("wrote {file}").format(file=display_path(path)))
        if as_json:
            q = made.question
            say.json({
                "question": {"zittingsjaar": q.zittingsjaar, "number": q.number, "title": q.title},
                "status": written.status,
                "file": str(written.path),
                "kept": str(written.existing) if written.existing else None,
                "backup": str(written.backup) if written.backup else None,
                "pdf": str(made_pdf[0]) if made_pdf else None,
                "gaps": [gap.as_dict() for gap in made.draft.gaps],
                "problems": [p.as_dict() for p in made.draft.warnings],
            })
        return 0

    _run(debug, work, as_json)


@app.command(cls=Command, help=N_("""Write the new figures into an edited answer, as tracked changes you accept or reject in Word.

Every figure drafter placed whose value changed, notes that changed, and tables whose shape the
new data changes; your text, comments and own tracked changes stay. A backup is kept first."""))
def update(
    question: int = QuestionOption,
    answer_file: Optional[Path] = typer.Argument(
        None, metavar=N_("[ANSWER.docx]"), show_default=False,
        help=N_("The edited answer. Default: the question's answer in the output folder.")),
    year: Optional[str] = YearOption,
    minister: Optional[str] = MinisterOption,
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar=N_("PATH"),
        help=N_("Folder (or .docx file) of the answer. Default: the project's output folder.")),
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    even_if_sent: bool = EvenIfSentOption,
    report_format: ReportFormat = FormatOption,
    debug: bool = DebugOption,
) -> None:
    as_json = report_format is ReportFormat.json

    def work():
        from drafter import paths
        from drafter.commands.update import describe, update as update_answer

        say = Say(quiet, verbose, as_json)
        where = paths.locate(project, register=register, templates=templates, output=output)
        say.project(where)
        made = update_answer(where, question, year, minister, answer=answer_file, output_given=output is not None,
                             even_if_sent=even_if_sent)
        for line in describe(made):
            say.info(line)
        say.warnings(made.warnings)
        if as_json:
            say.json(made.as_dict())
        return 0

    _run(debug, work, as_json)


@app.command(cls=Command, help=N_("""Check the register, the data, the notes and the templates; write nothing but, with --annotate, annotated copies.

Reports every problem found, each with its file and place.
Exit code 0 when there are no errors (warnings allowed), 1 when there are errors."""))
def check(
    question: Optional[int] = typer.Option(None, "--question", "-q", metavar=N_("NUMBER"),
                                           help=N_("Check only this question. Default: all.")),
    year: Optional[str] = typer.Option(None, "--year", metavar=N_("ZITTINGSJAAR"),
                                       help=N_("Only the questions of this zittingsjaar (e.g. 2019-2020).")),
    minister: Optional[str] = MinisterOption,
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    annotate: bool = typer.Option(False, "--annotate", metavar="",
                                  help=N_("Also write a copy of each template and workbook with problems, with a comment "
                                  "at each problem (in the output folder's opmerkingen/, or --output's).")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar=N_("FOLDER"),
                                          help=N_("With --annotate: the folder for the copies (they go in its opmerkingen/).")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N",
                                       help=N_("Processes to use. Default: the machine's cores.")),
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    report_format: ReportFormat = FormatOption,
    debug: bool = DebugOption,
) -> None:
    as_json = report_format is ReportFormat.json

    def work():
        from drafter import paths
        from drafter.commands.check import check_project
        from drafter.commands.report import format_problem, problems_json, summary_line
        from drafter.commands.workers import processes
        from drafter.errors import ERROR

        say = Say(quiet, verbose, as_json)
        workers = processes(jobs)
        where = paths.locate(project, register=register, templates=templates, output=output, writes=annotate)
        say.project(where)
        result = check_project(where.register, where.templates, question, year, minister, jobs=workers)
        if as_json:
            print(problems_json(result.problems, result.summary))
        else:
            for problem in result.problems:
                if problem.severity == ERROR or not quiet:
                    print(format_problem(problem))
            say.info(_("drafter check: {summary}").format(summary=summary_line(result.problems, result.summary)))
        if annotate:
            from drafter.commands.check import ANNOTATED_FOLDER, annotate_project

            for line in annotate_project(result.problems, where.output / ANNOTATED_FOLDER):
                if as_json:
                    print(line, file=sys.stderr)
                else:
                    say.info(line)
        return 1 if result.errors else 0

    _run(debug, work, as_json)


@app.command(cls=Command, help=N_("""Draft the answers of all questions in the register, or of those selected.

A failing question does not stop the others; the exit code is 1 when any failed.
A manifest of the run (drafter-manifest-....json) is written in the output folder."""))
def batch(
    question: Optional[str] = typer.Option(
        None, "--question", "-q", metavar=N_("NUMBERS"),
        help=N_("Only these question numbers, e.g. 4,7-9. Default: all.")),
    numbers: Optional[str] = typer.Option(None, "--numbers", hidden=True, help=N_("The former name of --question.")),
    year: Optional[list[str]] = typer.Option(
        None, "--year", metavar=N_("ZITTINGSJAAR"), help=N_("Only questions of this zittingsjaar (e.g. 2019-2020); repeat for several.")),
    minister: Optional[list[str]] = typer.Option(
        None, "--minister", metavar=N_("NAME"), help=N_("Only questions put to this minister; repeat for several.")),
    template: Optional[list[str]] = typer.Option(
        None, "--template", metavar=N_("FILE"),
        help=N_("Only questions answered with this template (e.g. bedrijfsclusters.docx); repeat for several.")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar=N_("FOLDER"),
                                          help=N_("Folder for the answers. Default: the project's output folder.")),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", metavar="N",
                                       help=N_("Processes to use. Default: the machine's cores.")),
    force: bool = typer.Option(False, "--force", metavar="",
                               help=N_("Replace answers edited since drafter made them, after keeping a backup of each.")),
    update: bool = typer.Option(False, "--update", metavar="",
                                help=N_("Write the new figures into answers edited since drafter made them, as tracked "
                                        "changes (after a backup of each), instead of a new draft beside them.")),
    even_if_sent: bool = EvenIfSentOption,
    pdf: bool = PdfOption,
    allow_gaps: bool = AllowGapsOption,
    soffice: Optional[Path] = SofficeOption,
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    date: Optional[str] = DateOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    report_format: ReportFormat = FormatOption,
    debug: bool = DebugOption,
) -> None:
    as_json = report_format is ReportFormat.json

    def work():
        from drafter import paths
        from drafter.commands import batch as batches
        from drafter.commands.report import BatchProgress, print_batch_problems, print_batch_summary
        from drafter.commands.workers import processes
        from drafter.errors import DrafterError
        from drafter.write.manifest import RunState

        say = Say(quiet, verbose, as_json)
        created = _created(date)
        workers = processes(jobs)
        where = paths.locate(project, register=register, templates=templates, output=output)
        say.project(where)
        if where.output.suffix.lower() == ".docx":
            raise DrafterError(_("--output {path}: a batch writes many answers, so --output must be a folder").format(
                path=where.output), hint=_("Give a folder, e.g. --output antwoorden/."))
        office = None
        if pdf:
            from drafter.write.pdf import require_soffice

            office = require_soffice(soffice)
        chosen = question if question is not None else numbers
        selection = batches.Selection(
            years=frozenset(year or ()),
            numbers=(batches.parse_numbers(chosen, "--question" if question is not None else "--numbers")
                     if chosen is not None else batches.Numbers()),
            templates=frozenset(template or ()),
            ministers=frozenset(minister or ()),
        )
        plan = batches.read_plan(where.register, selection)
        say.warnings(plan.warnings)
        if update and force:
            raise DrafterError(_("--update and --force contradict each other: an edited answer is either updated "
                                 "or replaced"), hint=_("Give one of them."))
        settings = batches.Settings(output=where.output, templates_dir=where.templates, created=created, force=force,
                                    debug=debug, soffice=office, allow_gaps=allow_gaps, update=update,
                                    even_if_sent=even_if_sent)
        options = {
            "register": str(plan.register.path.resolve()),
            "templates": str(where.templates.resolve()),
            "selection": selection.as_dict(),
            "force": force, "update": update, "pdf": pdf, "allow_gaps": allow_gaps, "date": date, "jobs": workers,
        }
        show_bar = sys.stdout.isatty() and not quiet and not as_json
        with BatchProgress(plan.total, enabled=show_bar) as progress:
            result = batches.run(plan, settings, jobs=workers, pdf=pdf, options=options, on_record=progress.advance)
        if as_json:
            print(result.manifest.read_text(encoding="utf-8"))
            from drafter.commands.report import print_problems

            # what the manifest does not hold (PDFs not made, the manifest itself), on the error output
            print_problems(result.pdf_problems + result.pdf_gaps + result.run_problems)
        elif quiet:
            print_batch_problems(result, debug=debug)
        else:
            print_batch_summary(result, selection.describe(), workers, debug=debug)
        if result.state == RunState.INTERRUPTED:
            return EXIT_INTERRUPTED
        return 1 if result.failed else 0

    _run(debug, work, as_json)


@app.command(cls=Command, help=N_("Add a written question to the register, from the parliament's open data or its document."))
def intake(
    source: str = typer.Argument(..., metavar=N_("SOURCE"), help=N_("The parliament's open-data id or URL of the question, a saved record "
                                 "(.json), or the question document (.docx, .pdf, .txt).")),
    template: Optional[str] = typer.Option(None, "--template", metavar=N_("FILE"), help=N_("The template to answer it with. Default: "
                                           "that of the latest question on the same subject to the same minister, "
                                           "else algemeen.docx.")),
    document: Optional[Path] = typer.Option(None, "--document", metavar=N_("FILE"), help=N_("With an open-data record: its question "
                                            "document, when it cannot be fetched.")),
    service: Optional[str] = typer.Option(None, "--service", metavar="URL", help=N_("The open-data service's address (default: "
                                          "$DRAFTER_OPENDATA_URL, else https://ws.vlpar.be/e/opendata).")),
    dry_run: bool = typer.Option(False, "--dry-run", metavar="", help=N_("Print the entry and its deadlines; change nothing.")),
    start_from: Optional[str] = typer.Option(
        None, "--from", metavar=N_("ZITTINGSJAAR/NUMBER"),
        help=N_("Start the answer from an earlier question's (e.g. 2019-2020/4): its data, its tables with the "
               "years moved on, its template and its texts.")),
    date: Optional[str] = typer.Option(
        None, "--date", metavar=N_("DATE"),
        help=N_("The question's date (dd/mm/yyyy or yyyy-mm-dd), when its source does not give it.")),
    year: Optional[str] = typer.Option(
        None, "--year", metavar=N_("ZITTINGSJAAR"),
        help=N_("The question's zittingsjaar (e.g. 2020-2021), when its source gives neither it nor the date: the "
                "question is taken in with its date unknown.")),
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    debug: bool = DebugOption,
) -> None:

    def work():
        from drafter import paths
        from drafter.commands.intake import describe, files_of, intake as add_question

        from drafter.load.dates import option_date

        say = Say(quiet, verbose)
        day = option_date("--date", date, dt.date.today()) if date is not None else None  # the options first
        where = paths.locate(project, register=register, templates=templates, writes=False)
        say.project(where)
        files = files_of(where.register, where.templates)
        result = add_question(source, files, template=template, document=document, service=service,
                              dry_run=dry_run, start_from=start_from, date=day, zittingsjaar=year)
        for line in describe(result, files.register):
            if dry_run:
                print(line)  # the entry is what was asked for, even with --quiet
            else:
                say.info(line)
        say.warnings(result.warnings)
        return 0

    _run(debug, work)


@app.command(cls=Command, help=N_("""Record that the answer to a question was sent: 'answered:' in the register.

Only that line of the register changes; status then shows the question as sent."""))
def sent(
    question: int = QuestionOption,
    date: Optional[str] = typer.Option(None, "--date", metavar=N_("DATE"),
                                       help=N_("The day the answer was sent (dd/mm/yyyy or yyyy-mm-dd). Default: "
                                               "today.")),
    year: Optional[str] = YearOption,
    minister: Optional[str] = MinisterOption,
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    debug: bool = DebugOption,
) -> None:

    def work():
        from drafter import paths
        from drafter.commands.sent import parse_date, record_sent
        from drafter.errors import display_path

        say = Say(quiet, verbose)
        today = dt.date.today()
        day = parse_date(date, today)  # the option first, then the files
        where = paths.locate(project, register=register, writes=False, templates_used=False)
        say.project(where)
        done = record_sent(where.register, question, year, minister, day, today, output=where.output)
        shown = display_path(done.register)
        if done.changed:
            say.info(_("{file}, line {line}: {question} recorded as sent on {date}").format(
                file=shown, line=done.line, question=done.question.label, date=date_text(done.date)))
            for notice in done.notices:
                say.info(notice)
            say.warnings(done.warnings)
        else:
            say.info(_("{file}, line {line}: {question} was recorded as sent on {date} already; nothing changed").format(
                file=shown, line=done.line, question=done.question.label, date=date_text(done.date)))
        return 0

    _run(debug, work)


class StatusFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


@app.command(cls=Command, help=N_("""Every question with its deadlines and the state of its answer, sorted by deadline.

States: no draft, draft, edited, figures to check, tracked changes, ready, sent, error; late and overdue internally are flags beside them.
Exit code 1 when an entry of the register, or an answer, cannot be read (it is listed all the same)."""))
def status(
    year: Optional[list[str]] = typer.Option(None, "--year", metavar=N_("ZITTINGSJAAR"), help=N_("Only this zittingsjaar (e.g. 2023-2024); repeat for several.")),
    minister: Optional[str] = typer.Option(None, "--minister", metavar=N_("NAME"), help=N_("Only the questions put to this minister (name as in the register).")),
    late: bool = typer.Option(False, "--late", metavar="", help=N_("Only the questions past their legal deadline and not sent.")),
    status_format: StatusFormat = typer.Option(StatusFormat.text, "--format", metavar="text|json|csv|xlsx", help=N_("text, json, csv or xlsx.")),
    to: Optional[Path] = typer.Option(None, "--to", metavar=N_("FILE"), help=N_("Write the list to this file (needed with --format xlsx).")),
    force: bool = typer.Option(False, "--force", metavar="",
                               help=N_("With --to: replace a file that is not a follow-up list drafter wrote, or one changed since.")),
    csv_separator: Optional[str] = typer.Option(
        None, "--csv-separator", metavar=";|,|tab",
        help=N_("The separator of --format csv. Default: the one Excel uses under the project's locale (; for nl_BE and fr_BE, , for en_GB).")),
    today: Optional[str] = typer.Option(None, "--today", metavar=N_("DATE"), help=N_(
        "Count working days left from this day (dd/mm/yyyy or yyyy-mm-dd; default: today).")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar=N_("FOLDER"),
                                          help=N_("The folder of the answers. Default: the project's output folder.")),
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    debug: bool = DebugOption,
) -> None:

    def work():
        from drafter import paths
        from drafter.commands import status as st
        from drafter.commands.report import print_problems
        from drafter.errors import DrafterError, display_path
        from drafter.i18n import ngettext

        say = Say(quiet, verbose)
        day = st.parse_today(today)  # the options first, then the files
        if status_format is StatusFormat.xlsx and to is None:
            raise DrafterError(_("--format xlsx writes a workbook, so it needs a file"),
                               hint=_("Add --to follow-up.xlsx (or another name)."))
        # the templates are needed only to check an answer that has no gap left (is it ready?):
        # without a project or --templates, check looks for them then, from the register's folder
        where = paths.locate(project, register=register, templates=templates, output=output, templates_used=False)
        say.project(where)
        known = where.templates if templates is not None or where.file is not None else None
        if to is not None:
            st.check_target(to, st.project_inputs(where.register, where.file, where.templates), force)
        found = st.status(where.register, where.output, day, set(year or ()), minister, late, known)
        for rejected in found.rejected:  # each is a row with state error; say why in full
            print_problems(list(rejected.problems))
        rows = found.rows
        for row in rows:  # an answer that cannot be read: a row with state error too
            if row.state == st.State.ERROR and row.file is not None:
                print(_("error: {problem}").format(problem=row.message), file=sys.stderr)
        if status_format is StatusFormat.xlsx:
            data = st.as_xlsx(rows)
        elif status_format is StatusFormat.json:
            data = st.as_json(rows, day).encode("utf-8")
        elif status_format is StatusFormat.csv:
            data = st.as_csv(rows, st.parse_separator(csv_separator, found.locale)).encode("utf-8")
        else:
            data = st.as_text(rows, day).encode("utf-8")
        if to is not None:
            st.save(to, data)
            say.info(ngettext("wrote {file}: {count} question", "wrote {file}: {count} questions", len(rows)).format(
                file=display_path(to), count=len(rows)))
        else:
            sys.stdout.write(data.decode("utf-8"))
        if found.errors:
            print(ngettext("error: {count} question cannot be read; it is listed with state error",
                           "error: {count} questions cannot be read; they are listed with state error",
                           found.errors).format(count=found.errors), file=sys.stderr)
        return 1 if found.errors else 0

    _run(debug, work)


@app.command(cls=Command, help=N_("""Hold edited answers against their data, figure by figure; write nothing.

Per figure: as drafted, changed by hand, the data has changed since, or removed; and the tables' totals as they now stand.
Exit code 0 when every figure matches the current data, 1 when not."""))
def verify(
    answers: Optional[list[Path]] = typer.Argument(
        None, metavar=N_("[ANSWER.docx|FOLDER]..."), show_default=False,
        help=N_("Answers (.docx) to verify, or folders holding them. Default: the project's output folder.")),
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    report_format: ReportFormat = FormatOption,
    debug: bool = DebugOption,
) -> None:
    as_json = report_format is ReportFormat.json

    def work():
        from drafter import paths
        from drafter.commands.verify import json_report, text_report, verify_answers

        say = Say(quiet, verbose, as_json)
        where = paths.locate(project, register=register, templates=templates, writes=False)
        say.project(where)
        reports, skipped = verify_answers(list(answers) if answers else [where.output], where.register,
                                          where.templates)
        if as_json:
            print(json_report(reports, skipped))
        else:
            text = text_report(reports, quiet=quiet, skipped=skipped)
            if text:
                print(text)
        return 0 if all(r.ok for r in reports) else 1

    _run(debug, work, as_json)


@app.command(cls=Command, help=N_("Read the texts written in Word in an answer back into the register's entry."))
def collect(
    question: int = QuestionOption,
    year: Optional[str] = YearOption,
    minister: Optional[str] = MinisterOption,
    file: Optional[Path] = typer.Option(None, "--file", metavar=N_("ANSWER.docx"),
                                        help=N_("The edited answer. Default: the question's answer in the output "
                                               "folder.")),
    dry_run: bool = typer.Option(False, "--dry-run", metavar="",
                                 help=N_("Print the entry as it would be; change nothing.")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar=N_("FOLDER"),
                                          help=N_("The folder of the answers. Default: the project's output folder.")),
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    templates: Optional[Path] = TemplatesOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    debug: bool = DebugOption,
) -> None:

    def work():
        from drafter import paths
        from drafter.commands.collect import collect as collect_texts
        from drafter.errors import display_path

        say = Say(quiet, verbose)
        where = paths.locate(project, register=register, templates=templates, output=output, writes=False)
        say.project(where)
        made = collect_texts(where, question, year, minister, file=file, dry_run=dry_run)
        say.warnings(made.notes)
        if dry_run:
            print(_("{question} in {register} would read (--dry-run: nothing written):").format(
                question=made.question.label, register=display_path(made.register)))
            print(made.entry.rstrip("\n"))
        elif made.written:
            say.info(_("collected {what} from {answer} into {register}").format(
                what=", ".join(made.changed), answer=display_path(made.answer), register=display_path(made.register)))
        else:
            say.info(_("{answer}: its answer's texts are those of the register; nothing to collect").format(
                answer=display_path(made.answer)))
        return 0

    _run(debug, work)


@app.command(cls=Command, help=N_("Join answers into one Word file for signature: a first page listing them, each answer from a new page."))
def bundle(
    question: Optional[str] = typer.Option(None, "--question", "-q", metavar=N_("NUMBERS"),
                                           help=N_("Only the answers to these questions, e.g. 4,5,8 or 4-8.")),
    year: Optional[list[str]] = typer.Option(None, "--year", metavar=N_("ZITTINGSJAAR"),
                                             help=N_("Only questions of this zittingsjaar; repeat for several.")),
    date: Optional[str] = typer.Option(None, "--date", metavar=N_("DATE"),
                                       help=N_("Only the answers the register dates this day (answered:), as "
                                               "dd/mm/yyyy or yyyy-mm-dd; the first page says the day.")),
    state: Optional[str] = typer.Option(None, "--state", metavar=N_("STATE"),
                                        help=N_("Only the answers in this state, as drafter status shows it.")),
    to: Optional[Path] = typer.Option(None, "--to", metavar=N_("FILE"),
                                      help=N_("The .docx to write (never over an existing file). Default: a new file in "
                                             "the output folder's ter-ondertekening/.")),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar=N_("FOLDER"),
                                          help=N_("The folder of the answers. Default: the project's output folder.")),
    pdf: bool = typer.Option(False, "--pdf", metavar="", help=N_("Also write a PDF of the bundle (needs LibreOffice).")),
    soffice: Optional[Path] = SofficeOption,
    project: Optional[Path] = ProjectOption,
    register: Optional[Path] = RegisterOption,
    quiet: bool = QuietOption,
    verbose: bool = VerboseOption,
    debug: bool = DebugOption,
) -> None:

    def work():
        from drafter import paths
        from drafter.commands import bundle as bundles
        from drafter.commands.batch import Numbers, parse_numbers
        from drafter.errors import DrafterError, display_path

        say = Say(quiet, verbose)
        on = _created(date).date() if date is not None else None
        if to is not None and to.suffix.lower() != ".docx":
            raise DrafterError(_("--to {file}: a bundle is a Word document, so its name ends in .docx").format(
                file=to), hint=_("Give a name such as ter-ondertekening.docx."))
        office = None
        if pdf:
            from drafter.write.pdf import require_soffice

            office = require_soffice(soffice)
        where = paths.locate(project, register=register, output=output, templates_used=False)
        say.project(where)
        choice = bundles.Choice(numbers=parse_numbers(question) if question else Numbers(),
                                years=frozenset(year or ()), answered=on, state=state)
        made = bundles.bundle(where, choice, to)
        say.warnings(made.warnings)
        say.info(_("wrote {file}: {count} answer(s) for signature").format(file=display_path(made.path),
                                                                           count=len(made.answers)))
        for path in made.answers:
            say.detail(_("joined {file}").format(file=display_path(path)))
        if office is not None:
            say.info(_("wrote {file}").format(file=display_path(bundles.pdf(made, office))))
        return 0

    _run(debug, work)


@app.command(cls=Command, help=N_("""The project as a web page: the follow-up list, each question's texts and actions, the problems.

Prints the page's address with a one-time password and opens the browser there; Ctrl-C stops it."""))
def serve(
    port: int = typer.Option(0, "--port", metavar=N_("NUMBER"), help=N_("The port to serve on. Default: a free one.")),
    host: str = typer.Option("127.0.0.1", "--host", metavar=N_("ADDRESS"),
                             help=N_("The address to serve on. Default: 127.0.0.1, this computer only. Another address "
                                  "serves the page to the network, behind the password printed at the start.")),
    no_browser: bool = typer.Option(False, "--no-browser", metavar="", help=N_("Do not open the browser.")),
    project: Optional[Path] = ProjectOption,
    debug: bool = DebugOption,
) -> None:

    def work():
        import webbrowser

        from drafter import paths
        from drafter.commands.serve import bind, serve as run

        where = paths.locate(project)
        bound = bind(host, port)
        address = bound.guard.address()
        if bound.guard.network:
            print(_("drafter serves {project} to the network at {address}").format(
                project=where.root, address=address))
            print(_("Anyone who has this address (its password is the token in it) can change the register."))
        else:
            print(_("drafter serves {project} at {address}").format(project=where.root, address=address))
        print(_("Press Ctrl-C to stop."), flush=True)
        if not no_browser:
            webbrowser.open(address)
        run(where, bound, language_of(sys.argv[1:], os.environ))
        return 0

    _run(debug, work)


def main() -> None:
    """The `drafter` program (pyproject.toml's entry point) and `python -m drafter`."""
    app(prog_name="drafter")

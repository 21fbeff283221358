"""One answer from start to end: data -> view -> rendered template -> finished package.

No file is written here: `generate` returns the bytes and what went into them, and the
output module decides where they may go.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.errors import WARNING, Problem, TemplateProblem, display_path
from drafter.i18n import _
from drafter.load import datasets
from drafter.load.register import UNKNOWN_PERSON, Question, Register
from drafter.load.tabular import data_file
from drafter.view import consistency
from drafter.view.answer import AnswerView, build_view, header_prints, notes_path
from drafter.view.formatting import words_of
from drafter.view.jinja import TextCompiler
from drafter.files import stat_file
from drafter.oxml import opc
from drafter.word import finish, gaps
from drafter.word.gaps import Gap, gaps_sentence
from drafter.word.template import TEMPLATE_MISSING_HINT, WordTemplate, load_template


@dataclass(frozen=True)
class Draft:
    question: Question
    data: bytes
    file_name: str
    register: Path
    template: Path
    data_files: dict[str, Path]  # by the name the register gives each data set
    notes: Path | None
    warnings: tuple[Problem, ...] = ()
    gaps: tuple[Gap, ...] = ()  # what the answer still shows to be filled in, in reading order
    # Of the warnings, those the data gives (they hold for an edited answer of the same data too;
    # what the draft shows to be filled in need not: a person may have filled it in)
    data_warnings: tuple[Problem, ...] = ()


def placeholder_warnings(question: Question, prints: set[str] = frozenset(),
                         gaps: tuple[Gap, ...] = ()) -> tuple[Problem, ...]:
    """What the draft shows as unknown, which a person must fill in before it is sent: the
    register's fields it lacks, and every gap in the draft with its place. prints: what the
    template shows of the question beyond the Flemish header ('answered')."""
    unknown = []
    if question.date is None:
        unknown.append(_("the date the question was asked"))
    if question.answered is None and "answered" in prints:
        unknown.append(_("the date of the answer"))
    if any(a.name == UNKNOWN_PERSON for a in question.askers):
        unknown.append(_("the member who asked it ({unknown})").format(unknown=UNKNOWN_PERSON))
    if question.minister.name == UNKNOWN_PERSON:
        unknown.append(_("the minister's name ({unknown})").format(unknown=UNKNOWN_PERSON))
    if question.minister.title == UNKNOWN_PERSON:
        unknown.append(_("the minister's title ({unknown})").format(unknown=UNKNOWN_PERSON))
    if question.refers_to is not None and question.refers_to.minister.name == UNKNOWN_PERSON:
        unknown.append(_("the name of the minister whose answer it refers to ({unknown})").format(unknown=UNKNOWN_PERSON))
    if not unknown and not gaps:
        return ()
    if not unknown:
        message = _("{question}: the draft has {gaps}").format(question=question.label, gaps=gaps_sentence(gaps))
    elif not gaps:
        message = _("{question}: the draft shows placeholders for {fields}").format(
            question=question.label, fields=", ".join(unknown))
    else:
        message = _("{question}: the draft shows placeholders for {fields}; it has {gaps}").format(
            question=question.label, fields=", ".join(unknown), gaps=gaps_sentence(gaps))
    return (Problem(
        message,
        file=display_path(question.source),
        place=question.place,
        hint=_("Fill them in, in the register or in the answer, before the answer is sent."),
        severity=WARNING,
    ),)


def data_set_warnings(data) -> list[Problem]:
    """What `check` warns about in one data set, whichever question shows it: splits that do not
    add up, cells that were cleaned, merged cells filled in, misspelt columns."""
    if isinstance(data, datasets.BudgetData):
        return consistency.budget_warnings(data)
    if isinstance(data, datasets.SharesData):
        return consistency.shares_warnings(data)
    return []


def data_warnings(view: AnswerView) -> tuple[Problem, ...]:
    """What `check` warns about in this answer's data: its data sets' warnings and the totals of
    its tables that do not add up (the same warnings, so one report)."""
    out: list[Problem] = []
    for data in view.data.values():
        out += data_set_warnings(data)
    out += consistency.total_warnings(view.question, view.data, display_path(view.question.source))
    first: dict[tuple, Problem] = {}
    for problem in out:  # one warning per place: a split and a total over the same figure say it once
        first.setdefault((problem.file, problem.place), problem)
    return tuple(first.values())


def file_name(question: Question) -> str:
    """The answer's file name: the register's pattern (file_name:), its words in the answer's language."""
    words = words_of(question.style.locale)
    return paths.answer_file_name(
        question.zittingsjaar, question.number, question.title, question.layout.file_name,
        date=question.date.isoformat() if question.date else "",
        asker=question.asker, minister=question.minister.name,
        answer=words["file_answer"], question=words["file_question"],
    )


def same_file(questions) -> list[tuple[Question, Question, str]]:
    """The questions whose answers would go to the file of an earlier one (a file-name pattern
    without {number}, or cut at its length so that the numbers are lost): (question, the
    earlier one, the file name), in the register's order."""
    first: dict[str, Question] = {}
    clashes = []
    for q in questions:
        name = file_name(q)
        earlier = first.setdefault(name, q)
        if earlier is not q:
            clashes.append((q, earlier, name))
    return clashes


def same_file_problem(q: Question, earlier: Question, name: str) -> Problem:
    """A problem for a question whose answer would go to the file of an earlier one."""
    return Problem(
        _("{question} would be written to the same file as {earlier} ({place}): {file}").format(
            question=q.label, earlier=earlier.label, place=earlier.place, file=name),
        file=display_path(q.source), place=q.place,
        hint=_("Put {{number}} early in the register's file_name pattern (a file name is cut at {length} "
               "characters), give the questions different titles, or make their answers in separate runs with "
               "--output.").format(length=paths.MAX_FILE_NAME),
    )


def template_path(question: Question, templates_dir: Path | None = None) -> Path:
    folder = Path(templates_dir or paths.project_of(question.source).templates).resolve()
    path = (folder / question.template).resolve()
    if path.parent != folder:
        raise TemplateProblem(
            _("template {template} is outside the templates folder").format(template=repr(question.template)),
            file=display_path(question.source),
            place=question.place,
            hint=_("Name a .docx file in answer_templates/."),
        )
    return path


@contextmanager
def collector_paused():
    """Python's garbage collector paused while one answer is made: an answer with a long table
    holds tens of thousands of objects (its view, its figure record) until it is written, which
    would otherwise set off full collections over everything the process holds; none of them
    is cyclic garbage, and they are freed as the answer is returned."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Generator:
    """Makes answers for one register; its notes are read once, and its data files once while
    they are unchanged (DatasetCache), for all the answers it makes."""

    def __init__(self, register: Register, templates_dir: Path | None = None,
                 created: dt.datetime | None = None) -> None:
        self.register = register
        self.templates_dir = templates_dir
        self.created = created
        self.notes = datasets.load_notes(notes_path(register))
        self.datasets = datasets.DatasetCache()
        self.texts = TextCompiler()  # the register's and notes' texts, compiled once for the Generator's answers
        self.gap_markers = gaps.markers(register.gap_markers)
        #: a template's path -> (its size and modification time, the template read and compiled)
        self._templates: dict[Path, tuple[tuple[int, int], WordTemplate]] = {}

    def template(self, path: Path) -> WordTemplate:
        """The template at path, read and compiled once while the file is unchanged."""
        st = stat_file(path, TemplateProblem, _(TEMPLATE_MISSING_HINT), what=_("template"))
        found = self._templates.get(path)
        if found is None or found[0] != (st.st_mtime_ns, st.st_size):
            found = self._templates[path] = ((st.st_mtime_ns, st.st_size), load_template(path))
        return found[1]

    def generate(self, question: Question, view: AnswerView | None = None) -> Draft:
        """The answer to question; `view`: its view, when the caller built it already (once:
        rendering it fills its footnotes)."""
        with collector_paused():
            return self._generate(question, view)

    def _generate(self, question: Question, view: AnswerView | None) -> Draft:
        tpath = template_path(question, self.templates_dir)
        template = self.template(tpath)
        if view is None:
            view = build_view(self.register, question, self.notes, self.datasets.load, self.texts)
        rendered = template.render(view.context)
        package = finish.finished(template.parts, rendered, view, created=self.created, template_file=template.file)
        found = gaps.find_gaps(package, self.gap_markers)  # on the trees the passes parsed: no part read twice
        from_data = data_warnings(view)
        return Draft(
            question=question,
            data=opc.write_zip(package.parts()),
            file_name=file_name(question),
            register=self.register.path,
            template=tpath,
            data_files={name: data_file(self.register.data_dir / f) for name, f in question.data.items()},
            notes=self.notes.path,
            warnings=placeholder_warnings(question, template.attributes_of("question")
                                          | header_prints(question.style.locale, template.attributes_of("question.header")),
                                          found)
            + from_data,
            gaps=found,
            data_warnings=from_data,
        )

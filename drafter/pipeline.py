"""One answer from start to end: data -> view -> rendered template -> finished package.

No file is written here: `generate` returns the bytes and what went into them, and the
output module decides where they may go.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

from dataclasses import dataclass
from drafter.load import datasets
from drafter.oxml import opc
from drafter.word import finish
from drafter import paths
from drafter.errors import WARNING, Problem, TemplateProblem, display_path
from drafter.load.register import UNKNOWN_PERSON, Question, Register
from drafter.load.tabular import data_file
from drafter.files import stat_file
from drafter.word.template import TEMPLATE_MISSING_HINT, WordTemplate, load_template
from drafter.view import consistency
from drafter.view.answer import AnswerView, build_view, collector_paused, notes_path
from drafter.view.formatting import words_of


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


def placeholder_warnings(question: Question, prints: set[str] = frozenset()) -> tuple[Problem, ...]:
    """What the draft shows as unknown, which a person must fill in before it is sent.
    prints: what the template shows of the question beyond the Flemish header ('answered')."""
    unknown = []
    if question.date is None:
        unknown.append("the date the question was asked")
    if question.answered is None and "answered" in prints:
        unknown.append("the date of the answer")
    if any(a.name == UNKNOWN_PERSON for a in question.askers):
        unknown.append(f"the member who asked it ({UNKNOWN_PERSON})")
    if question.minister.name == UNKNOWN_PERSON:
        unknown.append(f"the minister's name ({UNKNOWN_PERSON})")
    if question.minister.title == UNKNOWN_PERSON:
        unknown.append(f"the minister's title ({UNKNOWN_PERSON})")
    if not unknown:
        return ()
    return (Problem(
        f"{question.label}: the draft shows placeholders for " + ", ".join(unknown),
        file=display_path(question.source),
        place=question.place,
        hint="Fill them in, in the register or in the answer, before the answer is sent.",
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


def data_warnings(view: AnswerView, of_data_set=data_set_warnings) -> tuple[Problem, ...]:
    """What `check` warns about in this answer's data: its data sets' warnings (of_data_set) and
    the totals of its tables that do not add up (the same warnings, so one report)."""
    out: list[Problem] = []
    for data in view.data.values():
        out += of_data_set(data)
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


def template_path(question: Question, templates_dir: Path | None = None) -> Path:
    folder = Path(templates_dir or paths.project_of(question.source).templates).resolve()
    path = (folder / question.template).resolve()
    if path.parent != folder:
        raise TemplateProblem(
            f"template {question.template!r} is outside the templates folder",
            file=display_path(question.source),
            place=question.place,
            hint="Name a .docx file in answer_templates/.",
        )
    return path


def _entry(path: Path) -> tuple[int, int, int] | None:
    """What a folder entry is (without following a link), to tell that it is unchanged; None: no such entry."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mode


class Generator:
    """Makes answers for one register; templates, notes and data files are read once and reused,
    and so is what the answers work out again from the same files: where a template is, a data
    set's own warnings."""

    def __init__(self, register: Register, templates_dir: Path | None = None,
                 created: dt.datetime | None = None) -> None:
        self.register = register
        self.templates_dir = templates_dir
        self.created = created
        self.notes = datasets.load_notes(notes_path(register))
        self.datasets = datasets.DatasetCache()
        #: (register, template) -> (its folder's entry, the template's entry, template_path's answer)
        self._template_paths: dict[tuple[Path, str], tuple[tuple, tuple, Path]] = {}
        #: (kind, name, file) of a data set -> (the table it was read from, its warnings: data_set_warnings)
        self._data_set_warnings: dict[tuple[type, str, str], tuple[object, list[Problem]]] = {}
        self._data_files: dict[str, Path] = {}  # a data set's name in the register -> data_file's answer
        #: a template's path -> (its size and modification time, the template read and compiled)
        self._templates: dict[Path, tuple[tuple[int, int], WordTemplate]] = {}

    def template_path(self, question: Question) -> Path:
        """template_path(question, templates_dir), worked out again only when the templates folder or
        the template's entry in it changed (a file put in its place, a link): both are looked at
        without following links, and a template that is a link is always worked out again. The
        folders above the templates folder are taken to stay where they are during a run."""
        if self.templates_dir is None:  # the project's setting names the folder: read it each time
            return template_path(question, self.templates_dir)
        key = (question.source, question.template)
        folder = Path(self.templates_dir)
        entries = _entry(folder), _entry(folder / question.template)
        found = self._template_paths.get(key)
        if found is not None and found[:2] == entries:
            return found[2]
        path = template_path(question, self.templates_dir)
        if None not in entries and not stat.S_ISLNK(entries[1][2]):
            self._template_paths[key] = (*entries, path)
        return path

    def data_set_warnings(self, data) -> list[Problem]:
        """data_set_warnings(data), worked out once for each table of data read (a data file read
        again when it changed is a new table)."""
        raw = getattr(data, "raw", None)
        if raw is None:
            return data_set_warnings(data)
        key = (type(data), data.name, data.file)
        found = self._data_set_warnings.get(key)
        if found is None or found[0] is not raw:
            found = self._data_set_warnings[key] = (raw, data_set_warnings(data))
        return found[1]

    def template(self, path: Path) -> WordTemplate:
        """The template at path, read and compiled once while the file is unchanged."""
        st = stat_file(path, TemplateProblem, TEMPLATE_MISSING_HINT, what="template")
        found = self._templates.get(path)
        if found is None or found[0] != (st.st_mtime_ns, st.st_size):
            found = self._templates[path] = ((st.st_mtime_ns, st.st_size), load_template(path))
        return found[1]

    def data_file(self, file: str) -> Path:
        """data_file(the register's data folder / file): a path's parts only, worked out once."""
        found = self._data_files.get(file)
        if found is None:
            found = self._data_files[file] = data_file(self.register.data_dir / file)
        return found

    def generate(self, question: Question, view: AnswerView | None = None) -> Draft:
        """The answer to question; `view`: its view, when the caller built it already (once:
        rendering it fills its footnotes)."""
        with collector_paused():  # the view lives on until its package is written (collector_paused)
            return self._generate(question, view)  # and is dropped before the collector runs again

    def _generate(self, question: Question, view: AnswerView | None) -> Draft:
        tpath = self.template_path(question)
        template = self.template(tpath)
        if view is None:
            view = build_view(self.register, question, self.notes, self.datasets.load)
        rendered = template.render(view.context)
        parts = finish.finish(template.parts, rendered, view, created=self.created, template_file=template.file)
        return Draft(
            question=question,
            data=opc.write_zip(parts),
            file_name=file_name(question),
            register=self.register.path,
            template=tpath,
            data_files={name: self.data_file(f) for name, f in question.data.items()},
            notes=self.notes.path,
            warnings=placeholder_warnings(question, template.attributes_of("question"))
            + data_warnings(view, self.data_set_warnings),
        )

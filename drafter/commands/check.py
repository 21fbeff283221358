"""`drafter check`: every problem of a project, with its place, before anything is written.

Check reads what `answer` and `batch` read -- the register, the notes, every data file and
every template -- with the same loaders, and renders each answer into memory with the same
pipeline (the bytes are thrown away). So a clean check means the answers can be made.

To report all problems at once, it goes on after each one: the register's sound questions
are checked when others are broken; each data file and template is read once and its
problems reported once; a question whose data cannot be read is not rendered (its data
problems say why). Before rendering, it also looks for what the render would stop at only
one at a time: Jinja2 syntax errors in every text, and every name a template uses that the
answer does not provide (with the paragraph where it is used). Then come the warnings of
`consistency` (figures that do not add up, notes nobody uses, cleaned cells).

The questions are checked as batch makes its answers: over --jobs worker processes, each
reusing the templates, notes and data files read once. What a question's check finds is
added to the report in the register's order, so the report is the same for any --jobs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import TemplateSyntaxError

from drafter import paths
from drafter.commands import workers
from drafter.errors import ERROR, DrafterError, Problem, display_path, readable
from drafter.files import read_bytes
from drafter import places
from drafter.i18n import N_, _
from drafter.load import datasets, tabular
from drafter.view import consistency
from drafter.view.jinja import FORMATTER_KEY, TextCompiler, xml_environment
from drafter.pipeline import Generator, same_file, same_file_problem, template_path
from drafter.load.register import Question, Register, read_register
from drafter.word.template import WordTemplate, load_template
from drafter.word import annotate
from drafter.word.template import read_template_parts
from drafter.write import output
from drafter.view.answer import NOTES_KEY, build_view, notes_path

#: Names in a view's context that are drafter's plumbing, not for template authors.
_INTERNAL_NAMES = frozenset({FORMATTER_KEY, NOTES_KEY})
_TEXT_HINT = N_("Check the {{ ... }} tags in this text; the template guide lists the names and filters you can use.")


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    questions: int = 0
    data_files: int = 0
    templates: int = 0

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != ERROR]

    @property
    def summary(self) -> dict:
        return {"questions": self.questions, "data_files": self.data_files, "templates": self.templates}


@dataclass
class _Found:
    """What one step of the check found, in order: problems, each batch with whether it is
    skipped where its file and place already have an error (the render stops at a problem
    the checks before it have already reported)."""

    found: list[tuple[tuple[Problem, ...], bool]] = field(default_factory=list)
    shown: set = field(default_factory=set)  # the budget cells the question's tables show
    all_read: bool = True  # every data file the question uses could be read

    def add(self, problems, *, once_per_place: bool = False) -> None:
        self.found.append((tuple(problems), once_per_place))

    def attempt(self, work, *, once_per_place: bool = False):
        try:
            return work()
        except DrafterError as exc:
            self.add(exc.problems, once_per_place=once_per_place)
            return None


class _Report:
    """The problems found, each once, in the order they were found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._known: set[Problem] = set()
        self._places: set[tuple] = set()
        self.shown: set = set()
        self.all_read = True

    def add(self, problems, *, once_per_place: bool = False) -> None:
        for p in problems:
            key = (p.severity, p.file, p.place)
            if once_per_place and p.place is not None and key in self._places:
                continue
            if p in self._known:
                continue
            self._places.add(key)
            self._known.add(p)
            self.problems.append(p)

    def take(self, found: _Found) -> None:
        for problems, once_per_place in found.found:
            self.add(problems, once_per_place=once_per_place)
        self.shown |= found.shown
        self.all_read &= found.all_read

    def errors_first(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR] + [p for p in self.problems if p.severity != ERROR]


class _Project:
    """The parts of a project the questions share, each read once: templates, data files,
    notes, answer's Generator; and what checking one question finds."""

    def __init__(self, register: Register, templates_dir: Path | None) -> None:
        self.register = register
        self.register_file = display_path(register.path)
        self.templates_dir = Path(templates_dir) if templates_dir else paths.project_of(register.path).templates
        self.datasets = datasets.DatasetCache()  # what the views load: the same objects check reads
        self.texts = TextCompiler()  # the texts check compiles, which the views then render
        self.data: dict[str, tuple[object | None, tuple[Problem, ...]]] = {}  # data file -> (data or None, problems)
        self.templates: dict[Path, tuple[WordTemplate | None, tuple[Problem, ...]]] = {}
        self._places: dict[Path, dict[str, str]] = {}  # template -> where each name it uses is first used
        self.catalog: datasets.NoteCatalog | None = None
        self.generator: Generator | None = None

    # -- the shared parts

    def notes(self) -> _Found:
        found = _Found()
        self.catalog = found.attempt(lambda: datasets.load_notes(notes_path(self.register)))
        if self.catalog is None:
            found.all_read = False
            return found
        for key, line, text in self.catalog.variants():
            text_syntax(found, text, self.catalog.file, places.line(line), _("note '{key}'").format(key=key),
                            self.texts)
        return found

    def template_at(self, path: Path) -> tuple[WordTemplate | None, tuple[Problem, ...]]:
        if path not in self.templates:
            found = _Found()
            template = found.attempt(lambda: load_template(path))
            self.templates[path] = (template, tuple(p for problems, _place in found.found for p in problems))
        return self.templates[path]

    def dataset(self, name: str, file: str) -> tuple[object | None, tuple[Problem, ...]]:
        path = self.register.data_dir / file
        key = str(path)
        if key not in self.data:
            found = _Found()
            loaded = found.attempt(lambda: self.datasets.load(name, self.register.data_path(file),
                                                              datasets.point_decimal_of(self.register.style.locale)))
            if isinstance(loaded, datasets.BudgetData):
                found.add(consistency.budget_warnings(loaded))
            elif isinstance(loaded, datasets.SharesData):
                found.add(consistency.shares_warnings(loaded))
            elif isinstance(loaded, datasets.FiguresData):
                found.add(list(loaded.raw.notices))
            self.data[key] = (loaded, tuple(p for problems, _place in found.found for p in problems))
        return self.data[key]

    def variable_places(self, path: Path, template: WordTemplate) -> dict[str, str]:
        if path not in self._places:
            self._places[path] = template.variable_places()
        return self._places[path]

    def _generator(self) -> Generator:
        """answer's own pipeline, made once: the answer is rendered in memory and thrown away."""
        if self.generator is None:
            self.generator = Generator(self.register, self.templates_dir)
        return self.generator

    def read_shared(self, questions: list[Question]) -> None:
        """Read what the questions share before worker processes start, so that each has it:
        what is found is reported with the first question that uses it, as without workers."""
        for q in questions:
            try:
                path = template_path(q, self.templates_dir)
            except DrafterError:
                continue
            template, _problems = self.template_at(path)
            if template is not None:
                self.variable_places(path, template)
            for name, file in q.data.items():
                self.dataset(name, file)
        if self.catalog is not None:
            self._generator()

    # -- one question

    def question(self, q: Question) -> _Found:
        found = _Found()
        template = None
        path = found.attempt(lambda: template_path(q, self.templates_dir))
        if path is not None:
            template, problems = self.template_at(path)
            found.add(problems)
        data = {}
        for name, file in q.data.items():
            data[name], problems = self.dataset(name, file)
            found.add(problems)
        data_ok = all(d is not None for d in data.values())
        if not data_ok:
            found.all_read = False
        else:
            found.add(consistency.total_warnings(q, data, self.register_file), once_per_place=True)
            found.shown = consistency.shown_cells(q, data)
        if not question_texts(found, q, self.register_file, self.texts) or not data_ok or self.catalog is None:
            return found
        view = found.attempt(lambda: build_view(self.register, q, self.catalog, self.datasets.load, self.texts),
                             once_per_place=True)
        if view is None or template is None:
            return found
        provided = template.names(view.context)
        unknown = {n: place for n, place in self.variable_places(path, template).items() if n not in provided}
        for name, place in unknown.items():
            names = ", ".join(sorted(n for n in provided - set(xml_environment().globals)
                                     if n.isidentifier() and n not in _INTERNAL_NAMES))
            found.add([Problem(_("the template uses '{name}', which {question} does not provide").format(
                name=name, question=q.label), file=template.file,
                place=place, hint=_("Correct the name; a template can use: {names}.").format(names=names))])
        if unknown:
            return found  # the render would stop at the first of them
        draft = found.attempt(lambda: self._generator().generate(q, view), once_per_place=True)
        if draft is not None:
            found.add(draft.warnings, once_per_place=True)  # what `answer` warns about: placeholders, the data's warnings
        return found

    # -- the project as a whole

    def unused_templates(self) -> _Found:
        """Templates in the folder that no question names: they must at least be sound."""
        found = _Found()
        if not self.templates_dir.is_dir():
            found.add([Problem(_("the templates folder does not exist"), file=display_path(self.templates_dir),
                               hint=_("Create it, or point to it with --templates."))])
            return found
        for path in sorted(self.templates_dir.glob("*.docx")):
            if path.name.startswith(("~$", ".")):  # Word's lock file while a template is open
                continue
            resolved = path.resolve()
            if resolved not in self.templates:
                found.add(self.template_at(resolved)[1])
        return found

    def note_usage(self, questions: list[Question], shown: set, all_read: bool) -> _Found:
        found = _Found()
        if self.catalog is None:
            return found
        sources = [t for q in questions for t in q.preamble]
        sources += [t for q in questions for part in q.parts for b in part.blocks for t in (b.text, *b.items)]
        sources += [text for _name, _kind, text in self.catalog.variants()]
        for template, _problems in self.templates.values():
            if template is not None:
                sources += ["\n".join(c.lines) for c in [template.body, *template.other.values()]]
        figures = [d for d, _problems in self.data.values() if isinstance(d, datasets.FiguresData)]
        found.add(consistency.note_warnings(self.catalog, figures, shown, questions, sources, all_read))
        return found


def text_problems(text: str, file: str, place: str, what: str, texts: TextCompiler | None = None) -> list[Problem]:
    """The Jinja2 syntax errors of a text of the register or the notes (an unknown filter too),
    as problems at the text's place; none for a text without braces. `texts` keeps what it
    compiled for the views that render the same texts."""
    texts = texts or TextCompiler()
    if "{" not in text and "}" not in text:
        return []
    try:
        texts.compile(text)  # parsing and compiling: unknown filters are found here; the view renders it
    except TemplateSyntaxError as exc:
        return [Problem(f"{what}: {readable(exc)}", file=file, place=place, hint=_(_TEXT_HINT))]
    except RecursionError:
        return [Problem(_("{what}: a tag is nested too deeply to read").format(what=what), file=file, place=place,
                        hint=_(_TEXT_HINT))]
    return []


def text_syntax(found: _Found, text: str, file: str, place: str, what: str, texts: TextCompiler) -> bool:
    problems = text_problems(text, file, place, what, texts)
    found.add(problems)
    return not problems


def question_texts(found: _Found, q: Question, register_file: str, texts: TextCompiler) -> bool:
    ok = all([text_syntax(found, t, register_file, q.place, _("preamble"), texts) for t in q.preamble])
    for part in q.parts:
        for block in part.blocks:
            for text in (block.text, *block.items):
                ok &= text_syntax(found, text, register_file, part.place, _("answer part {number}").format(number=part.numbers[0]),
                                   texts)
    return ok


# --------------------------------------------------------------------------- worker processes


class _Checker:
    """A worker process's part of a check: the project as drafter read it (forked), or read
    again (elsewhere), and the questions to check."""

    def __init__(self, project: _Project | None, register: Register, templates_dir, questions: list[Question]) -> None:
        if project is None:
            project = _Project(register, templates_dir)
            project.notes()
        self.project = project
        self.questions = questions

    def check(self, first: int, last: int) -> list[_Found]:
        return [self.project.question(q) for q in self.questions[first:last]]


def _found_in_order(project: _Project, questions: list[Question], jobs: int):
    """What each question's check finds, in the questions' order, over `jobs` processes."""
    jobs = max(1, min(jobs, len(questions)))
    if jobs == 1:
        for q in questions:
            yield project.question(q)
        return
    project.read_shared(questions)  # forked, every worker has it; the report counts it in any case
    size = max(1, min(25, math.ceil(len(questions) / (jobs * 8))))
    pool = workers.Pool(jobs, _Checker, project if workers.forks() else None, project.register,
                        project.templates_dir, questions)
    try:
        futures = [pool.submit(_Checker.check, first, first + size) for first in range(0, len(questions), size)]
        for future in futures:
            yield from future.result()
    finally:
        pool.shutdown()


def check_project(register_path: Path | None = None, templates_dir: Path | None = None,
                  number: int | None = None, zittingsjaar: str | None = None,
                  minister: str | None = None, jobs: int = 1) -> CheckReport:
    """Check a whole project (or one question of it) over `jobs` processes; never raises for a
    user's mistake."""
    report = CheckReport()
    try:
        register, problems = read_register(register_path)
    except DrafterError as exc:  # the register cannot be read at all
        report.problems = list(exc.problems)
        return report
    return _check(register, problems, templates_dir, number, zittingsjaar, minister, jobs)


def question_errors(register: Register, templates_dir: Path | None,
                    questions: list[Question]) -> dict[tuple[str, int, str], list[Problem]]:
    """The errors check finds for each of these questions (by zittingsjaar, number and
    minister), as `drafter check -q N` would report them: what shared files they use are read
    once for all of them."""
    project = _Project(register, templates_dir)
    notes = project.notes()
    out = {}
    for q in questions:
        found = _Report()
        found.take(notes)
        found.take(project.question(q))
        out[(q.zittingsjaar, q.number, q.minister.name)] = [p for p in found.problems if p.severity == ERROR]
    return out


def _check(register: Register, problems: list[Problem], templates_dir, number, zittingsjaar,
           minister=None, jobs: int = 1) -> CheckReport:
    report = CheckReport()
    found = _Report()
    project = _Project(register, templates_dir)
    found.add(problems)
    if problems:
        found.all_read = False  # a question that could not be read may use notes and data
    selected = number is not None or zittingsjaar is not None or minister is not None
    if selected:
        if number is None:
            questions = [q for q in register.questions if zittingsjaar in (None, q.zittingsjaar)
                         and minister in (None, q.minister.name)]
            if not questions:
                years = sorted({q.zittingsjaar for q in register.questions})
                ministers = sorted({q.minister.name for q in register.questions})
                if zittingsjaar and minister:
                    message = _("the register has no question of zittingsjaar {year} and minister {minister}")
                elif zittingsjaar:
                    message = _("the register has no question of zittingsjaar {year}")
                else:
                    message = _("the register has no question of minister {minister}")
                none = _("none")
                hint = (_("Its zittingsjaren are: {years}; its ministers: {ministers}.") if minister else
                        _("Its zittingsjaren are: {years}."))
                found.add([Problem(message.format(year=zittingsjaar, minister=minister),
                                   file=display_path(register.path),
                                   hint=hint.format(years=", ".join(years) or none,
                                                    ministers=", ".join(ministers) or none))])
        elif any(r.number == number and zittingsjaar in (None, r.zittingsjaar) for r in register.rejected):
            questions = []  # it is in the register, but could not be read: its problems are reported above
        else:
            lookup = _Found()
            chosen = lookup.attempt(lambda: register.find(number, zittingsjaar, minister))
            found.take(lookup)
            questions = [chosen] if chosen is not None else []
    else:
        questions = list(register.questions)
    found.take(project.notes())
    # what batch refuses: two answers to one file (a file_name pattern cut before the number)
    found.add([same_file_problem(q, earlier, name) for q, earlier, name in same_file(questions)])
    for question_found in _found_in_order(project, questions, jobs):
        found.take(question_found)
    if not selected:
        found.take(project.unused_templates())
        found.take(project.note_usage(questions, found.shown, found.all_read))
    report.problems = found.errors_first()
    report.questions = len(questions)
    report.data_files = len(project.data)
    report.templates = len(project.templates)
    return report


# --------------------------------------------------------------------------- --annotate

#: The folder the annotated copies go to, under the output folder.
ANNOTATED_FOLDER = "opmerkingen"
#: How a problem's place names a sheet, a cell and a row (drafter/places.py's phrases, as written in
#: English and in the language in use), to put the comment there.
_SHEET = (N_("sheet '{sheet}'"), "(?P<sheet>(?:[^']|'')+)")
_CELL = (N_("cell {cell}"), "(?P<cell>[A-Z]+[0-9]+)")
_ROW_OF_SHEET = (N_("row {row}"), "(?P<row>[0-9]+)")


def _find(place: str, phrase: tuple[str, str]) -> str | None:
    """What the phrase's one placeholder stands for in place (in English or in the language in use); None if
    place does not have it."""
    message, pattern = phrase
    for text in dict.fromkeys((message, _(message))):
        name = pattern[pattern.index("<") + 1:pattern.index(">")]
        found = re.search(re.escape(text).replace(re.escape("{" + name + "}"), pattern), place)
        if found:
            return found.group(name)
    return None


def annotate_project(problems: list[Problem], folder: Path) -> list[str]:
    """A copy of each Word template and Excel workbook that has problems, with a comment at
    each problem's paragraph, cell or tag, in folder; what was written, as lines to print.
    A file that cannot be read (it is not a Word document, a zip bomb) gets no copy."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.file and problem.file.lower().endswith((".docx", ".xlsx")):
            by_file.setdefault(problem.file, []).append(problem)
    written = []
    for file, found in by_file.items():
        path = Path(file.split("#")[0])
        try:
            if file.lower().endswith(".docx"):
                data, placed = annotate.annotate(read_template_parts(path), [(p.place, _comment(p))
                                                                           for p in found])
            else:
                data, placed = _annotated_workbook(path, found)
        except DrafterError:  # a file that cannot be read safely: its own error says why
            written.append(_("not annotated: {file} (it cannot be read; see its error above)").format(file=file))
            continue
        output.check_folder(folder)
        target = output.write_new(folder / f"{path.stem}-{ANNOTATED_FOLDER}{path.suffix}", data)
        said = (_("wrote {file}: {count} comment(s), {placed} at their place") if placed == len(found) else
                _("wrote {file}: {count} comment(s), {placed} at their place, the others at the start"))
        written.append(said.format(file=display_path(target), count=len(found), placed=placed))
    return written


def _text(problem: Problem) -> str:
    return str(Problem(problem.message, hint=problem.hint))


def _comment(problem: Problem) -> str:
    """A problem as the comment at its place says it: its severity and its text."""
    if problem.severity == ERROR:
        return _("error: {problem}").format(problem=_text(problem))
    return _("warning: {problem}").format(problem=_text(problem))


def _annotated_workbook(path: Path, found: list[Problem]) -> tuple[bytes, int]:
    """The workbook with a cell comment at each problem's cell (the others on A1 of its first sheet)."""
    import io

    from openpyxl.comments import Comment

    shown = display_path(path)
    data = read_bytes(path, tabular.MAX_XLSX_BYTES)
    tabular.workbook_parts(data, shown)  # no zip bomb, no damaged entry, no DTD: before openpyxl reads it
    book = tabular.open_workbook(data, shown, read_only=False)
    placed = 0
    notes: dict[tuple[str, str], list[str]] = {}
    for problem in found:
        place = problem.place or ""
        sheet = _find(place, _SHEET)
        name = sheet.replace("''", "'") if sheet else book.sheetnames[0]
        cell = _find(place, _CELL)
        row = _find(place, _ROW_OF_SHEET)
        if name not in book.sheetnames:
            name = book.sheetnames[0]
        where = cell if cell else (f"A{row}" if row else "A1")
        if cell or row:
            placed += 1
        text = _comment(problem)
        notes.setdefault((name, where), []).append(
            text if cell or row else _("({place}) {problem}").format(place=place or _("the workbook"), problem=text))
    for (name, where), texts in notes.items():
        book[name][where].comment = Comment("\n\n".join(texts), "drafter check", width=400, height=200)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), placed

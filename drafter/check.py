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
"""

from __future__ import annotations

import re
from dataclasses import field
from pathlib import Path

from jinja2 import TemplateSyntaxError

from drafter import dataclass
from drafter.view import consistency
from drafter.load import datasets
from drafter import paths
from drafter.load import tabular
from drafter.errors import ERROR, DrafterError, Problem, display_path
from drafter.view.jinja import FORMATTER_KEY, text_environment, xml_environment
from drafter.pipeline import Generator, template_path
from drafter.load.register import Question, Register, read_register
from drafter.word.template import WordTemplate, load_template
from drafter.word import annotate, package
from drafter.write import output
from drafter.view.answer import NOTES_KEY, build_view, notes_path

#: Names in a view's context that are drafter's plumbing, not for template authors.
_INTERNAL_NAMES = {FORMATTER_KEY, NOTES_KEY}
_TEXT_HINT = "Check the {{ ... }} tags in this text; the template guide lists the names and filters you can use."


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


class _Checker:
    def __init__(self, register: Register, templates_dir: Path | None) -> None:
        self.register = register
        self.register_file = display_path(register.path)
        self.templates_dir = Path(templates_dir) if templates_dir else paths.project_of(register.path).templates
        self.problems: list[Problem] = []
        self._places: set[tuple] = set()
        self.data: dict[str, object | None] = {}  # data file -> loaded data (None: it has errors)
        self.templates: dict[Path, WordTemplate | None] = {}
        self.catalog: datasets.NoteCatalog | None = None
        self.generator: Generator | None = None
        self.shown: set = set()
        self.all_read = True

    # -- collecting

    def add(self, problems, *, once_per_place: bool = False) -> None:
        """Note problems; with once_per_place, skip one whose file and place already have an error
        (the render stops at a problem the checks before it have already reported)."""
        for p in problems:
            key = (p.severity, p.file, p.place)
            if once_per_place and p.place is not None and key in self._places:
                continue
            if p in self.problems:
                continue
            self._places.add(key)
            self.problems.append(p)

    def attempt(self, work, *, once_per_place: bool = False):
        try:
            return work()
        except DrafterError as exc:
            self.add(exc.problems, once_per_place=once_per_place)
            return None

    def errors_first(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR] + [p for p in self.problems if p.severity != ERROR]

    # -- parts of the project

    def notes(self) -> None:
        self.catalog = self.attempt(lambda: datasets.load_notes(notes_path(self.register)))
        if self.catalog is None:
            self.all_read = False
            return
        for key, line, text in self.catalog.variants():
            self.text_syntax(text, self.catalog.file, f"line {line}", f"note '{key}'")

    def text_syntax(self, text: str, file: str, place: str, what: str) -> bool:
        if "{" not in text:
            return True
        try:
            text_environment().compile(text)  # parsing and compiling: unknown filters are found here
        except TemplateSyntaxError as exc:
            self.add([Problem(f"{what}: {exc.message}", file=file, place=place, hint=_TEXT_HINT)])
            return False
        except RecursionError:
            self.add([Problem(f"{what}: a tag is nested too deeply to read", file=file, place=place, hint=_TEXT_HINT)])
            return False
        return True

    def question_texts(self, q: Question) -> bool:
        ok = all([self.text_syntax(t, self.register_file, q.place, "preamble") for t in q.preamble])
        for part in q.parts:
            for block in part.blocks:
                for text in (block.text, *block.items):
                    ok &= self.text_syntax(text, self.register_file, part.place, f"answer part {part.numbers[0]}")
        return ok

    def template(self, q: Question) -> WordTemplate | None:
        path = self.attempt(lambda: template_path(q, self.templates_dir))
        if path is None:
            return None
        if path not in self.templates:
            self.templates[path] = self.attempt(lambda: load_template(path))
        return self.templates[path]

    def dataset(self, name: str, file: str):
        path = self.register.data_dir / file
        key = str(path)
        if key not in self.data:
            loaded = self.attempt(lambda: datasets.load_dataset(name, path))
            self.data[key] = loaded
            if isinstance(loaded, datasets.BudgetData):
                self.add(consistency.budget_warnings(loaded))
            elif isinstance(loaded, datasets.SharesData):
                self.add(consistency.shares_warnings(loaded))
            elif isinstance(loaded, datasets.FiguresData):
                self.add(list(loaded.raw.notices))
        return self.data[key]

    def question(self, q: Question) -> None:
        template = self.template(q)
        data = {name: self.dataset(name, file) for name, file in q.data.items()}
        data_ok = all(d is not None for d in data.values())
        if not data_ok:
            self.all_read = False
        else:
            self.add(consistency.total_warnings(q, data, self.register_file), once_per_place=True)
            self.shown |= consistency.shown_cells(q, data)
        if not self.question_texts(q) or not data_ok or self.catalog is None:
            return
        view = self.attempt(lambda: build_view(self.register, q, self.catalog), once_per_place=True)
        if view is None or template is None:
            return
        provided = template.names(view.context)
        unknown = {n: place for n, place in template.variable_places().items() if n not in provided}
        for name, place in unknown.items():
            names = ", ".join(sorted(n for n in provided - set(xml_environment().globals)
                                     if n.isidentifier() and n not in _INTERNAL_NAMES))
            self.add([Problem(f"the template uses '{name}', which {q.label} does not provide", file=template.file,
                              place=place, hint=f"Correct the name; a template can use: {names}.")])
        if unknown:
            return  # the render would stop at the first of them
        draft = self.attempt(lambda: self._generator().generate(q, view), once_per_place=True)
        if draft is not None:
            self.add(draft.warnings, once_per_place=True)  # what `answer` warns about: placeholders, the data's warnings

    def _generator(self) -> Generator:
        """answer's own pipeline, made once: the answer is rendered in memory and thrown away."""
        if self.generator is None:
            self.generator = Generator(self.register, self.templates_dir)
        return self.generator

    def unused_templates(self) -> None:
        """Templates in the folder that no question names: they must at least be sound."""
        if not self.templates_dir.is_dir():
            self.add([Problem("the templates folder does not exist", file=display_path(self.templates_dir),
                              hint="Create it, or point to it with --templates.")])
            return
        for path in sorted(self.templates_dir.glob("*.docx")):
            if path.name.startswith(("~$", ".")):  # Word's lock file while a template is open
                continue
            resolved = path.resolve()
            if resolved not in self.templates:
                self.templates[resolved] = self.attempt(lambda: load_template(resolved))

    def note_usage(self, questions: list[Question]) -> None:
        if self.catalog is None:
            return
        sources = [t for q in questions for t in q.preamble]
        sources += [t for q in questions for part in q.parts for b in part.blocks for t in (b.text, *b.items)]
        sources += [text for _, _, text in self.catalog.variants()]
        for template in self.templates.values():
            if template is not None:
                sources += ["\n".join(c.lines) for c in [template.body, *template.other.values()]]
        figures = [d for d in self.data.values() if isinstance(d, datasets.FiguresData)]
        self.add(consistency.note_warnings(self.catalog, figures, self.shown, questions, sources, self.all_read))


def check_project(register_path: Path | None = None, templates_dir: Path | None = None,
                  number: int | None = None, zittingsjaar: str | None = None,
                  minister: str | None = None) -> CheckReport:
    """Check a whole project (or one question of it); never raises for a user's mistake."""
    report = CheckReport()
    try:
        register, problems = read_register(register_path)
    except DrafterError as exc:  # the register cannot be read at all
        report.problems = list(exc.problems)
        return report
    with tabular.read_once():
        return _check(register, problems, templates_dir, number, zittingsjaar, minister)


def _check(register: Register, problems: list[Problem], templates_dir, number, zittingsjaar,
           minister=None) -> CheckReport:
    report = CheckReport()
    checker = _Checker(register, templates_dir)
    checker.add(problems)
    if problems:
        checker.all_read = False  # a question that could not be read may use notes and data
    selected = number is not None or zittingsjaar is not None or minister is not None
    if selected:
        if number is None:
            questions = [q for q in register.questions if zittingsjaar in (None, q.zittingsjaar)
                         and minister in (None, q.minister.name)]
            if not questions:
                years = sorted({q.zittingsjaar for q in register.questions})
                ministers = sorted({q.minister.name for q in register.questions})
                wanted = " and ".join(filter(None, [zittingsjaar and f"zittingsjaar {zittingsjaar}",
                                                    minister and f"minister {minister}"]))
                checker.add([Problem(f"the register has no question of {wanted}",
                                     file=display_path(register.path),
                                     hint=f"Its zittingsjaren are: {', '.join(years) or 'none'}"
                                          + (f"; its ministers: {', '.join(ministers) or 'none'}." if minister else "."))])
        elif any(r.number == number and zittingsjaar in (None, r.zittingsjaar) for r in register.rejected):
            questions = []  # it is in the register, but could not be read: its problems are reported above
        else:
            found = checker.attempt(lambda: register.find(number, zittingsjaar, minister))
            questions = [found] if found is not None else []
    else:
        questions = list(register.questions)
    checker.notes()
    for q in questions:
        checker.question(q)
    if not selected:
        checker.unused_templates()
        checker.note_usage(questions)
    report.problems = checker.errors_first()
    report.questions = len(questions)
    report.data_files = len(checker.data)
    report.templates = len(checker.templates)
    return report


# --------------------------------------------------------------------------- --annotate

#: The folder the annotated copies go to, under the output folder.
ANNOTATED_FOLDER = "opmerkingen"
_SHEET = re.compile(r"sheet '((?:[^']|'')+)'")
_CELL = re.compile(r"cell ([A-Z]+[0-9]+)")
_ROW_OF_SHEET = re.compile(r"row ([0-9]+)")


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
                data, placed = annotate.annotate(package.read_parts(path), [(p.place, f"{p.severity}: {_text(p)}")
                                                                           for p in found])
            else:
                data, placed = _annotated_workbook(path, found)
        except (DrafterError, OSError, ValueError, KeyError):
            written.append(f"not annotated: {file} (it cannot be read; see its error above)")
            continue
        output.check_folder(folder)
        target = output.write_new(folder / f"{path.stem}-{ANNOTATED_FOLDER}{path.suffix}", data)
        written.append(f"wrote {display_path(target)}: {len(found)} comment(s), "
                       f"{placed} at their place" + ("" if placed == len(found) else ", the others at the start"))
    return written


def _text(problem: Problem) -> str:
    return str(Problem(problem.message, hint=problem.hint))


def _annotated_workbook(path: Path, found: list[Problem]) -> tuple[bytes, int]:
    """The workbook with a cell comment at each problem's cell (the others on A1 of its first sheet)."""
    import io

    from openpyxl import load_workbook
    from openpyxl.comments import Comment

    book = load_workbook(path)
    placed = 0
    notes: dict[tuple[str, str], list[str]] = {}
    for problem in found:
        place = problem.place or ""
        sheet = _SHEET.search(place)
        name = sheet.group(1).replace("''", "'") if sheet else book.sheetnames[0]
        cell = _CELL.search(place)
        row = _ROW_OF_SHEET.search(place)
        if name not in book.sheetnames:
            name = book.sheetnames[0]
        where = cell.group(1) if cell else (f"A{row.group(1)}" if row else "A1")
        if cell or row:
            placed += 1
        text = f"{problem.severity}: {_text(problem)}"
        notes.setdefault((name, where), []).append(text if cell or row else f"({place or 'the workbook'}) {text}")
    for (name, where), texts in notes.items():
        book[name][where].comment = Comment("\n\n".join(texts), "drafter check", width=400, height=200)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), placed

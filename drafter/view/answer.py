"""The answer's view: everything a template shows, computed from the data.

Templates receive these plain objects, never files: the question, the minister, the
numbered answer parts and their blocks, the tables (cells formatted, note calls numbered)
and the data sets (for figures in texts). Texts in the register and the notes file are
rendered here, in the same strict sandbox as the Word templates, so a figure in a text
comes from the data.

The view is built in reading order (answer part by answer part; in a table: title, column
headers, then row by row, left to right), so that notes are numbered as a reader meets them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import TemplateError

from drafter import places
from drafter.i18n import _
from drafter.load import datasets
from drafter.errors import DataError, DrafterError, Problem, display_path, readable
from drafter.view.figures import FigureCollector, traced
from drafter.view.footnotes import FootnoteCollector
from drafter.view.formatting import Formatter, parse_locale, words_of
from drafter.view.jinja import (FIGURES_KEY, FOOTNOTES_KEY, FORMATTER_KEY, NOTES_KEY, TYPOGRAPHIC_QUOTES,
                                 TextCompiler, syntax_error_text)
from drafter.view.notes import NBSP, Note, NoteSeries, unknown_note
from drafter.load.questions import BlockKind, Committee
from drafter.load.register import ASKED_IN, Question, Register
from drafter.view.tables import Cell, Group, Row, TableView, build_table  # noqa: F401 - a table's parts, for templates and tests

#: How a language puts 'to' and 'of' before a minister's title, by the minister's gender
#: (None: when the register does not say; a language that needs it has no None entry). A
#: language not listed takes the Dutch words, as the other fixed words do (formatting.WORDS).
MINISTER_ARTICLES = {
    "nl": {None: ("aan de", "van de")},
    "fr": {"m": ("au", "du"), "f": ("à la", "de la")},
    "en": {None: ("to the", "of the")},
}



#: A register's text in a draft made to read texts back (``drafter collect``): BLOCK_OPEN, the
#: text's number among the TextMarks' origins, BLOCK_SEP, the text as rendered, BLOCK_CLOSE.
#: Private-use characters, as the figures' and footnotes' marks.
BLOCK_OPEN, BLOCK_SEP, BLOCK_CLOSE = "\ue010", "\ue011", "\ue012"


@dataclass(frozen=True)
class TextOrigin:
    """Where a text of the answer comes from in the register: a paragraph of the preamble
    (part None), or a block of an answer part (a list's item: item)."""

    part: int | None  # the index of the answer part; None: the preamble
    block: int  # the index of the block in the part (of the paragraph in the preamble)
    item: int | None = None  # the index of the item, in a list


@dataclass
class TextMarks:
    """Marks each register text the view renders with where it came from, so that the text can
    be found in the finished document (only in a draft made for that, never in an answer)."""

    origins: list[TextOrigin] = field(default_factory=list)

    def wrap(self, text: str, origin: TextOrigin) -> str:
        self.origins.append(origin)
        return f"{BLOCK_OPEN}{len(self.origins) - 1}{BLOCK_SEP}{text}{BLOCK_CLOSE}"


@dataclass(frozen=True)
class BlockView:
    kind: BlockKind
    text: str = ""
    table: TableView | None = None
    items: tuple[str, ...] = ()
    first: bool = False  # the part's first block: it carries the part's number


@dataclass(frozen=True)
class SubQuestion:
    """A sub-question as the question put it, for layouts that repeat it before its answer."""

    number: int
    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class PartView:
    numbers: tuple[int, ...]
    number: str  # '1', or '1 en 3' for a combined answer
    heading: str  # '' or 'Antwoord op vragen 1 en 3'
    blocks: tuple[BlockView, ...]
    notes: tuple[Note, ...]  # notes called in the part's texts, printed after it
    numbered: bool = True  # whether the layout numbers this answer ("1.", "Antwoord 1"): see numbering
    questions: tuple[SubQuestion, ...] = ()  # the sub-questions it answers, in order

    @property
    def combined(self) -> bool:
        return len(self.numbers) > 1

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The texts before the part's first table."""
        out = []
        for b in self.blocks:
            if b.kind != BlockKind.TEXT:
                break
            out.append(b.text)
        return tuple(out)

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)

    @property
    def table(self) -> TableView | None:
        return next((b.table for b in self.blocks if b.kind == BlockKind.TABLE), None)

    @property
    def after(self) -> tuple[str, ...]:
        """The texts after the part's first table."""
        seen, out = False, []
        for b in self.blocks:
            if b.kind == BlockKind.TABLE:
                if seen:
                    break
                seen = True
            elif seen and b.kind == BlockKind.TEXT:
                out.append(b.text)
        return tuple(out)


@dataclass(frozen=True)
class AskerView:
    name: str
    party: str | None
    title: str | None  # 'de heer', 'mevrouw'

    def __str__(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name


@dataclass(frozen=True)
class MinisterView:
    """The minister as a template shows them; what a layout needs and the register lacks is an
    error that says which key to add."""

    name: str
    title: str
    given_role: str | None = None
    given_department: str | None = None
    articles: tuple[str, str] | None = None  # ('aan de', 'van de'); None: the language needs the gender

    def _needs(self, key: str, example: str):
        message = (_("this layout prints the minister's role, which the register does not give") if key == "role"
                   else _("this layout prints the minister's department, which the register does not give"))
        raise DrafterError(message, hint=_("Add '{key}: {example}' under the question's 'minister:' in the "
                                           "register.").format(key=key, example=example))

    @property
    def role(self) -> str:
        """'Minister', 'Staatssecretaris'."""
        return self.given_role or self._needs("role", "Minister")

    @property
    def department(self) -> str:
        return self.given_department or self._needs("department", "Financiën")

    def _with_article(self, which: int) -> str:
        if self.articles is None:
            raise DrafterError(_("in this language the words before the minister's title depend on the minister's "
                                 "gender ('au ministre', 'à la ministre'), which the register does not give"),
                               hint=_("Add 'gender: f' or 'gender: m' under the question's 'minister:' in the register."))
        return f"{self.articles[which]} {self.title}"

    @property
    def to(self) -> str:
        """'aan de minister van Financiën', 'au ministre des Finances', 'à la ministre de l’Intérieur'."""
        return self._with_article(0)

    @property
    def of(self) -> str:
        """'van de minister van Financiën', 'du ministre des Finances', 'de la ministre de l’Intérieur'."""
        return self._with_article(1)


@dataclass(frozen=True)
class CommitteeView:
    """The committee of a list of questions and answers, as its header prints it; what the
    header prints and the register lacks is an error naming the key to add under 'committee:'."""

    given: Committee | None  # the register's, or None when the entry has no 'committee:'
    default_clerk_title: str  # the language's 'De griffier van de commissie'

    def _value(self, key: str, example: str) -> str:
        value = getattr(self.given, key) if self.given is not None else None
        if not value:
            raise DrafterError(_("this layout prints the committee's {key}, which the register does not give")
                               .format(key=key),
                               hint=_("Add '{key}: {example}' under the question's 'committee:' in the register.")
                               .format(key=key, example=example))
        return str(value)

    @property
    def name(self) -> str:
        return self._value("name", "De vaste commissie voor Financiën")

    @property
    def dossier(self) -> str:
        return self._value("dossier", "36 100")

    @property
    def subject(self) -> str:
        return self._value("subject", "over de brief van 18 mei 2022 inzake ...")

    @property
    def chair(self) -> str:
        return self._value("chair", "Sneller")

    @property
    def clerk(self) -> str:
        return self._value("clerk", "Schukkink")

    @property
    def clerk_title(self) -> str:
        return (self.given.clerk_title if self.given is not None else None) or self.default_clerk_title


class HeaderLines(Mapping):
    """The fixed sentences of the other parliaments' layouts ('Vraag nr. 10 van ... aan de minister
    van ...:'), in the answer's language (formatting.WORDS' 'header'), for a template to print as
    {{ question.header.chamber_question }}. Each is filled in when a template prints it, so a
    sentence a layout does not print asks nothing of the register (a Tweede Kamer answer needs no
    asked_in), and what it does print and the register lacks is the view's error naming the key."""

    #: Where each value a sentence may hold comes from: the question's view or the minister's.
    VALUES = {
        "number": ("question", "number"), "title": ("question", "title"), "date": ("question", "date"),
        "asker": ("question", "asker"), "askers_with_party": ("question", "askers_with_party"),
        "answered": ("question", "answered"), "asked_in": ("question", "asked_in"),
        "minister_to": ("minister", "to"), "minister_of": ("minister", "of"), "minister_role": ("minister", "role"),
        "minister_name": ("minister", "name"), "minister_department": ("minister", "department"),
        "committee": ("committee", "name"), "dossier": ("committee", "dossier"), "subject": ("committee", "subject"),
        "chair": ("committee", "chair"), "clerk": ("committee", "clerk"), "clerk_title": ("committee", "clerk_title"),
    }

    def __init__(self, patterns: dict, question: "QuestionView", minister: MinisterView,
                 committee: CommitteeView) -> None:
        self._patterns = patterns
        self._sources = {"question": question, "minister": minister, "committee": committee}
        self._several = question.several

    def __getitem__(self, key: str) -> str:
        pattern = self._patterns[key]
        if isinstance(pattern, dict):  # by the number of askers: 'het lid', 'de leden'
            pattern = pattern["other" if self._several else "one"]
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name}
        return pattern.format(**{name: getattr(self._sources[self.VALUES[name][0]], self.VALUES[name][1])
                                 for name in names})

    def __iter__(self):
        return iter(self._patterns)

    def __len__(self) -> int:
        return len(self._patterns)


def header_prints(locale: str, keys) -> set[str]:
    """What of the question the layout's sentences named `keys` print in this locale's words
    ({'answered', 'date', ...}): the draft's placeholders are warned about by what it shows."""
    patterns, out = words_of(locale)["header"], set()
    for key in keys:
        pattern = patterns.get(key, "")
        for pattern in (pattern.values() if isinstance(pattern, dict) else (pattern,)):  # by askers: all
            out.update(HeaderLines.VALUES[name][1] for _, name, _, _ in string.Formatter().parse(pattern)
                       if name and HeaderLines.VALUES[name][0] == "question")
    return out


@dataclass(frozen=True)
class QuestionView:
    number: int
    zittingsjaar: str
    title: str
    date: str
    asker: str  # every asker, 'A, B en C', each with the title before the name
    reference: str  # 'op vraag nr. 4 van 7 oktober 2019 van N.N.'
    introduction: tuple[str, ...]
    subquestions: dict[int, str]
    askers: tuple[AskerView, ...] = ()
    askers_with_party: str = ""  # 'Erkens (VVD)'; 'Bouchallikh, Bromet en Kröger (allen GroenLinks)'
    answered: str = ""  # the date of the answer ('[datum onbekend]' until the register gives it)
    language_mark: str | None = None  # 'N.', 'Fr.': the language the question was put in; None: not given
    questions: tuple[SubQuestion, ...] = ()  # the sub-questions in order, each with its number
    header: HeaderLines | None = None  # the layouts' fixed sentences in the answer's language

    @property
    def asked_in(self) -> str:
        """'N.', 'Fr.' (the Belgian Chamber prints it); a layout that prints it names the key to add."""
        if self.language_mark is None:
            raise DrafterError(_("the register does not say in which language the question was put (asked_in), "
                                 "which this layout prints"),
                               hint=_("Add 'asked_in: nl' (or fr, de) to the question in the register."))
        return self.language_mark

    @property
    def several(self) -> bool:
        """More than one member asked: 'de leden' rather than 'het lid'."""
        return len(self.askers) > 1


@dataclass
class AnswerView:
    """The whole context of one answer document."""

    question: Question
    formatter: Formatter
    data: dict[str, object]
    context: dict = field(default_factory=dict)


class NoteCalls:
    """Notes called from texts ({{ note("key") }}): numbered in the current answer part's series."""

    def __init__(self) -> None:
        self.series: NoteSeries | None = None
        self.printed: list[Note] = []
        self.where = ""

    def call(self, key: str) -> str:
        if self.series is None:
            raise DrafterError(_("note('{key}') can only be used in the texts of answer parts").format(key=key),
                               hint=_("Attach notes to table cells in the data, or call note() in a part's text."))
        note, first = self.series.note(key, self.where)
        if first and note.printed:
            self.printed.append(note)
        calls = self.series.calls([note])
        # in running text a call in parentheses follows the word after a (non-breaking) space
        return NBSP + calls if self.series.style == "parentheses" else calls


class _TextRenderer:
    """Renders texts from the data with the figures of one question."""

    def __init__(self, context: dict, compiler: TextCompiler) -> None:
        self.context, self.compiler = context, compiler

    def render(self, text: str, file: str, place: str, what: str, shown: str) -> str:
        """what: the text's origin as its figures' record keys name it (in English, whatever the
        language: the same inputs give the same record); shown: the same, as messages name it."""
        if "{" not in text and "}" not in text:
            return text
        figures, where = self.context.get(FIGURES_KEY), None
        if figures is not None:
            where, figures.where = figures.where, what  # a note rendered inside a text has its own
        try:
            return self.compiler.compile(text).render(self.context)
        except DrafterError as exc:
            problems = [
                Problem(f"{shown}: {p.message}" + (f" ({', '.join(filter(None, (p.file, p.place)))})" if p.file else ""),
                        file=file, place=place, hint=p.hint)
                for p in exc.problems
            ]
            raise DataError(problems=problems) from exc
        except TemplateError as exc:
            # the quotes inside a tag; a tag left open ends at the next tag's start, not beyond it
            tags = "".join(re.findall(r"\{[{%](?:(?!\{[{%]).)*?[}%]\}", text, re.S))
            quotes = [q for q in TYPOGRAPHIC_QUOTES if q in tags]
            hint = (_("Retype the quotes {quotes} in the tag as straight quotes (\" or ').").format(
                        quotes=" ".join(quotes))
                    if quotes else
                    _("Check the {{ ... }} tags in this text; the template guide lists the names and filters you "
                      "can use."))
            reason = syntax_error_text(exc.message) if exc.message else exc
            raise DataError(f"{shown}: {readable(reason)}", file=file, place=place, hint=hint) from exc
        except (TypeError, ValueError, ArithmeticError, LookupError, RecursionError) as exc:
            raise DataError(f"{shown}: {readable(exc)}", file=file, place=place,
                            hint=_("Check the {{ ... }} tags in this text.")) from exc
        finally:
            if figures is not None:
                figures.where = where


def load_data(register: Register, question: Question, load=datasets.load_dataset) -> dict[str, object]:
    """Load every data file the question names (with load(name, path)); all problems are reported together."""
    loaded, problems = {}, []
    for name, file in question.data.items():
        try:
            # a figure the file's separator leaves ambiguous ('1,250') is read as the register's locale writes it
            loaded[name] = load(name, register.data_path(file), datasets.point_decimal_of(register.style.locale))
            # the answer's figure record names the file as the register does ('budget.csv'), not as
            # this run's working folder shows it: the same inputs give the same bytes, and no
            # folder of the author's machine travels inside the answer
            loaded[name].recorded_file = Path(file).as_posix()
        except DrafterError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems=problems)
    return loaded


class _ViewBuilder:
    def __init__(self, register: Register, question: Question, notes: datasets.NoteCatalog, load,
                 texts: TextCompiler, marks: TextMarks | None = None) -> None:
        self.register, self.question, self.catalog = register, question, notes
        self.marks = marks
        self.house = question.style
        self.register_file = display_path(register.path)
        locale = parse_locale(self.house.locale, file=self.register_file, place=question.place)
        self.fmt = Formatter(locale=str(locale), rounding=self.house.rounding, percent_style=self.house.percent_style,
                             negative=self.house.negative)
        self.data = load_data(register, question, load)
        for name, value in self.data.items():
            if isinstance(value, datasets.SharesData):  # loaded data is shared between answers: bind a copy
                self.data[name] = value.with_formatter(self.fmt)
        self.note_calls = NoteCalls()
        self.footnotes = FootnoteCollector()
        self.figures = FigureCollector()
        self.context: dict = {FORMATTER_KEY: self.fmt, NOTES_KEY: self.note_calls, FOOTNOTES_KEY: self.footnotes,
                              FIGURES_KEY: self.figures,
                              **traced(self.data, self.figures, datasets.FiguresData, datasets.BudgetData,
                                       datasets.SharesData)}
        self.texts = _TextRenderer(self.context, texts)
        self.document_series = self.new_series(self.house.note_style) if self.house.note_numbering == "document" else None
        self.tables: dict[str, TableView] = {}

    def new_series(self, style: str) -> NoteSeries:
        footnote = None
        if style == "footnotes":
            footnote = self.footnote_function()
        return NoteSeries(self.resolve_note, style=style, footnote=footnote, list_style=str(self.house.note_list))

    def footnote_function(self):
        """Notes in the footnote style become real footnotes; a note called twice is one footnote."""
        return lambda text, key: self.footnotes.add(text, key=f"note:{key}")

    def series_for(self, style: str | None) -> NoteSeries:
        style = style or self.house.note_style
        if self.document_series is not None and style == self.document_series.style:
            return self.document_series
        return self.new_series(style)

    def resolve_note(self, key: str, used_at: str) -> str:
        if key not in self.catalog.texts:
            raise unknown_note(key, used_at, self.catalog.file if self.catalog.path else None, self.catalog.texts)
        language = self.fmt.language
        return self.texts.render(self.catalog.text(key, language), self.catalog.file,
                                 places.line(self.catalog.line(key, language)), f"note '{key}'",
                                 _("note '{key}'").format(key=key))

    def table(self, name: str) -> TableView:
        if name not in self.tables:
            spec = self.question.tables[name]
            source = self.data.get(spec.data)
            if not isinstance(source, datasets.FiguresData):
                raise DataError(
                    _("table '{table}' takes its figures from '{data}', which is not a table of figures of this "
                      "question").format(table=spec.name, data=spec.data),
                    file=self.register_file,
                    place=spec.place,
                    hint=(_("Name one of the question's data sets under 'data:' ({names}).").format(
                        names=", ".join(self.data)) if self.data
                          else _("Name one of the question's data sets under 'data:' (none).")),
                )
            remark = _("{table}, remark").format(table=places.named_table(spec.name))  # a remark, as messages name it
            self.tables[name] = build_table(spec, source, self.fmt, self.series_for(spec.note_style), self.house,
                                            self.register_file,
                                            lambda text, place, what: self.text(text, place, what, remark),
                                            self.figures)
        return self.tables[name]

    def text(self, text: str, place: str, what: str, shown: str) -> str:
        return self.texts.render(text, self.register_file, place, what, shown)

    def marked(self, text: str, origin: TextOrigin) -> str:
        return self.marks.wrap(text, origin) if self.marks is not None else text

    def part(self, part, index: int = 0) -> PartView:
        what = f"answer part {part.numbers[0]}"
        shown = _("answer part {number}").format(number=part.numbers[0])
        self.note_calls.series = self.document_series or self.new_series(self.house.note_style)
        self.note_calls.printed = []
        self.note_calls.where = f"{self.register_file}, {part.place}"
        blocks = []
        for i, block in enumerate(part.blocks):
            if block.kind == BlockKind.TABLE:
                blocks.append(BlockView(BlockKind.TABLE, table=self.table(block.table), first=i == 0))
            elif block.kind == BlockKind.TEXT:
                text = self.marked(self.text(block.text, part.place, what, shown), TextOrigin(index, i))
                blocks.append(BlockView(BlockKind.TEXT, text=text, first=i == 0))
            else:
                items = tuple(self.marked(self.text(t, part.place, what, shown), TextOrigin(index, i, j))
                              for j, t in enumerate(block.items))
                blocks.append(BlockView(block.kind, items=items, first=i == 0))
        printed = tuple(self.note_calls.printed)
        self.note_calls.series = None
        number = self.fmt.join(part.numbers)
        heading = self.fmt.words["combined"].format(numbers=number) if len(part.numbers) > 1 else ""
        questions = tuple(SubQuestion(n, self.question.subquestions[n]) for n in part.numbers
                          if n in self.question.subquestions)
        return PartView(numbers=part.numbers, number=number, heading=heading, blocks=tuple(blocks), notes=printed,
                        numbered=self.numbered, questions=questions)

    @property
    def numbered(self) -> bool:
        """numbering: auto numbers the answers when the question has several sub-questions or parts."""
        q = self.question
        if q.layout.numbering == "auto":
            return len(q.subquestions) > 1 or len(q.parts) > 1
        return q.layout.numbering == "always"

    def askers_with_party(self, askers) -> str:
        """'Erkens (VVD)'; 'Omtzigt (CDA) en Gesthuizen (SP)'; 'Bouchallikh, Bromet en Kröger (allen GroenLinks)'."""
        words = self.fmt.words
        parties = {a.party for a in askers}
        if len(parties) == 1 and None not in parties and len(askers) > 1:
            shared = words["both"] if len(askers) == 2 else words["all"]
            return f"{self.fmt.join(str(a) for a in askers)} ({shared} {askers[0].party})"
        return self.fmt.join(f"{a} ({a.party})" if a.party else str(a) for a in askers)

    def minister(self) -> MinisterView:
        m = self.question.minister
        articles = MINISTER_ARTICLES.get(self.fmt.language, MINISTER_ARTICLES["nl"])
        return MinisterView(name=m.name, title=m.title, given_role=m.role, given_department=m.department,
                            articles=articles.get(m.gender, articles.get(None)))

    def referring_part(self) -> PartView:
        """A referring answer's one part: the sentence that refers to the coordinated answer."""
        to = self.question.refers_to
        sentences = self.fmt.words["refers"]
        sentence = sentences.get(to.minister.gender, sentences[None]).format(
            name=to.minister.name, number=to.number, zittingsjaar=to.zittingsjaar)
        return PartView(numbers=(), number="", heading="", blocks=(BlockView(BlockKind.TEXT, text=sentence, first=True),),
                        notes=(), numbered=False)

    def build(self) -> AnswerView:
        q, fmt = self.question, self.fmt
        preamble = tuple(self.marked(self.text(t, q.place, "preamble", _("preamble")), TextOrigin(None, i))
                         for i, t in enumerate(q.preamble))
        parts = [self.part(p, i) for i, p in enumerate(q.parts)] if q.refers_to is None else [self.referring_part()]
        for name in q.tables:  # tables the template shows directly, not through a part
            self.table(name)
        date = fmt.date(q.date)
        askers = tuple(AskerView(a.name, a.party, a.title) for a in q.askers)
        asker = fmt.join(str(a) for a in askers)
        qview = QuestionView(
            number=q.number,
            zittingsjaar=q.zittingsjaar,
            title=q.title,
            date=date,
            asker=asker,
            reference=fmt.words["reference"].format(number=q.number, date=date, asker=asker.upper()),
            introduction=q.introduction,
            subquestions=q.subquestions,
            askers=askers,
            askers_with_party=self.askers_with_party(askers),
            answered=fmt.date(q.answered),
            language_mark=ASKED_IN[q.asked_in] if q.asked_in else None,
            questions=tuple(SubQuestion(n, t) for n, t in q.subquestions.items()),
        )
        minister = self.minister()
        committee = CommitteeView(q.committee, fmt.words["clerk_title"])
        qview = replace(qview, header=HeaderLines(fmt.words["header"], qview, minister, committee))
        self.context.update(
            question=qview,
            minister=minister,
            words=fmt.words,
            answer={"preamble": preamble, "parts": parts, "numbered": self.numbered and q.refers_to is None,
                    "repeat_questions": q.layout.repeat_questions,
                    # put to several ministers: the coordinated copy a referring answer refers to, and the
                    # copies that refer to a coordinated answer (each: minister, number, zittingsjaar)
                    "refers_to": q.refers_to, "referred_by": q.referred_by},
            answers={n: p for p in parts for n in p.numbers},
            tables=self.tables,
        )
        self.figures.active = False  # until a template renders the view (view/figures)
        # every note is numbered now; the document's series calls back into this builder (resolve_note),
        # a cycle that would keep the builder alive until the garbage collector finds it
        self.document_series = None
        return AnswerView(question=q, formatter=fmt, data=self.data, context=self.context)


def build_view(register: Register, question: Question, notes: datasets.NoteCatalog,
               load=datasets.load_dataset, texts: TextCompiler | None = None,
               marks: TextMarks | None = None) -> AnswerView:
    """Load the question's data (with load(name, path)) and compute everything its template
    shows; its texts compiled by `texts` (the run's, which keeps them; else the view's own);
    with `marks`, each register text marked with where it came from (for reading texts back)."""
    return _ViewBuilder(register, question, notes, load, texts or TextCompiler(), marks).build()


def notes_path(register: Register) -> Path | None:
    return register.data_path(register.notes) if register.notes else None

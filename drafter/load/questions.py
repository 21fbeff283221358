"""A question of the register: who asked what of whom, its data, tables and answer parts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path, PureWindowsPath

from drafter import places
from drafter.errors import shown
from drafter.i18n import _
from drafter.load.fields import FieldReader
from drafter.load.keys import RESERVED_NAMES, shape
from drafter.load.style import HouseStyle, Layout, read_layout, read_style
from drafter.load.table_reader import read_table_spec
from drafter.load.table_spec import TableSpec
from drafter.load.yamlfile import LineDict, LineList

#: A parliamentary year, in ASCII digits (\d would take full-width and other scripts' digits too).
ZITTINGSJAAR = re.compile(r"^([0-9]{4})-([0-9]{4})$")
NAME_RE = re.compile(r"^[A-Za-z0-9_]+$")
#: How the register names a person the sources do not name (never an invented name).
UNKNOWN_PERSON = "N.N."


@dataclass(frozen=True)
class Minister:
    name: str
    title: str
    role: str | None = None  # "Minister", "Staatssecretaris": how a layout names the office before the name
    department: str | None = None  # "Binnenlandse Zaken en Koninkrijksrelaties"
    gender: str | None = None  # "f" or "m": the article a language needs ("à la ministre", "au ministre")


@dataclass(frozen=True)
class Committee:
    """The committee whose list of questions and answers this entry is (a Tweede Kamer 'Lijst van
    vragen en antwoorden'): what its header prints beside the question's own fields."""

    name: str  # 'De commissie voor de Rijksuitgaven'
    dossier: str | None = None  # '36 100'
    subject: str | None = None  # 'over de brief van 18 mei 2022 ... (Kamerstuk 36 100, nr. 3)'
    chair: str | None = None
    clerk: str | None = None
    clerk_title: str | None = None  # None: the language's ('De griffier van de commissie')


@dataclass(frozen=True)
class Asker:
    """A member who put the question."""

    name: str
    party: str | None = None  # "VVD", "N-VA"
    title: str | None = None  # "de heer", "mevrouw", "Madame": printed before the name



class BlockKind(StrEnum):
    """What a block of an answer part is."""

    TEXT = "text"
    TABLE = "table"
    LIST = "list"  # numbered
    BULLETS = "bullets"


@dataclass(frozen=True)
class Block:
    """One piece of an answer part, in order: a paragraph, a table, or a list."""

    kind: BlockKind
    text: str = ""
    table: str | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class AnswerPart:
    numbers: tuple[int, ...]
    blocks: tuple[Block, ...]
    line: int  # where it starts in the register

    @property
    def place(self) -> str:
        return places.line(self.line)


@dataclass(frozen=True)
class Copy:
    """One minister's copy of a question put to several: the minister, and the number the
    parliament gave it for them (as a referring answer names the coordinated one)."""

    minister: Minister
    number: int
    zittingsjaar: str


@dataclass(frozen=True)
class Question:
    zittingsjaar: str
    number: int
    date: dt.date | None
    askers: tuple[Asker, ...]
    minister: Minister
    title: str
    template: str
    data: dict[str, str]
    introduction: tuple[str, ...]
    subquestions: dict[int, str]
    tables: dict[str, TableSpec]
    preamble: tuple[str, ...]
    parts: tuple[AnswerPart, ...]
    style: HouseStyle
    line: int
    source: Path = field(compare=False)
    layout: Layout = Layout()
    answered: dt.date | None = None  # the date of the answer, for layouts that print it
    asked_in: str | None = None  # the language the question was put in: nl, fr or de
    #: put to several ministers: the coordinated copy this referring answer refers to (load/ministers)
    refers_to: Copy | None = None
    #: put to several ministers: the other ministers' copies, which refer to this coordinated answer
    referred_by: tuple[Copy, ...] = ()
    based_on: str | None = None  # the earlier question it starts from ('2019-2020/4'), as the register says
    committee: Committee | None = None  # a committee's list of questions and answers: its committee

    @property
    def asker(self) -> str:
        """The askers' names, as one text (the first layouts knew one asker only)."""
        return ", ".join(a.name for a in self.askers)

    @property
    def label(self) -> str:
        return _("question {number} ({zittingsjaar})").format(number=self.number, zittingsjaar=self.zittingsjaar)

    @property
    def place(self) -> str:
        return places.line(self.line)


def _blocks(reader: FieldReader, item: LineDict, what: str) -> list[Block]:
    """A part's content: text / table / after (the short form), or a list of blocks."""
    blocks = [Block(BlockKind.TEXT, text=t) for t in reader.texts(item, "text", what)]
    table = reader.get(item, "table", str, what, required=False)
    if table is not None:
        blocks.append(Block(BlockKind.TABLE, table=table))
    blocks += [Block(BlockKind.TEXT, text=t) for t in reader.texts(item, "after", what)]
    raw = reader.get(item, "blocks", list, what, required=False) or []
    for i, entry in enumerate(raw):
        line = raw.line_of(i)
        if isinstance(entry, LineDict) and len(entry) == 1:
            kind, value = next(iter(entry.items()))
            if kind == "text" and isinstance(value, str):
                blocks += [Block(BlockKind.TEXT, text=p.strip()) for p in value.split("\n") if p.strip()]
                continue
            if kind == "table" and isinstance(value, str):
                blocks.append(Block(BlockKind.TABLE, table=value))
                continue
            if kind in ("list", "bullets") and isinstance(value, list) and all(isinstance(v, str) for v in value):
                blocks.append(Block(BlockKind(kind), items=tuple(" ".join(v.split()) for v in value)))
                continue
        if isinstance(entry, LineDict) and any(k not in shape("block").names for k in entry):
            reader.keys(entry, "block", what)
            continue
        reader.problem(line, _("{what}: a block is one of 'text: ...', 'table: <name>', 'list: [...]' or "
                               "'bullets: [...]'").format(what=what))
    return blocks


def _parts(reader: FieldReader, answer: LineDict, subquestions: dict[int, str]) -> tuple[AnswerPart, ...]:
    reader.keys(answer, "answer")
    raw = reader.get(answer, "parts", list, _("answer")) or []
    parts = []
    for i, item in enumerate(raw):
        line = raw.line_of(i)
        if not isinstance(item, LineDict):
            reader.problem(line, _("answer part: must be a mapping with 'number' and 'text'"))
            continue
        number = item.get("number")
        numbers = tuple(number) if isinstance(number, list) else (number,)
        if not numbers or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            reader.problem(item.line_of("number"), _("answer part: 'number' must be a sub-question number or a list "
                                                     "of them, not {value}").format(value=shown(number)))
            continue
        for n in numbers:
            if subquestions and n not in subquestions:
                reader.problem(
                    item.line_of("number"),
                    _("answer part {number}: there is no sub-question {number}").format(number=n),
                    _("The sub-questions are {numbers}.").format(numbers=", ".join(map(str, subquestions))),
                )
        what = _("answer part {number}").format(number=number)
        reader.keys(item, "part", what)
        blocks = _blocks(reader, item, what)
        if not blocks:
            reader.problem(line, _("{what}: it has no content").format(what=what), _("Give it a 'text:' (or 'blocks:')."))
        parts.append(AnswerPart(numbers=numbers, blocks=tuple(blocks), line=item.line))
    return tuple(parts)


def read_question(reader: FieldReader, raw, line: int, register_style: HouseStyle, path: Path,
                  register_layout: Layout = Layout()) -> Question | None:
    """One question of the register, its fields read as load/keys.py declares them; None when
    it has a problem (each noted, at its line, in `reader`)."""
    if not isinstance(raw, LineDict):
        reader.problem(line, _("a question must be a mapping of fields"))
        return None
    before = len(reader.problems)

    def field(key: str, required: bool | None = None):
        return reader.field(raw, "question", key, what, required=required)

    what = _("question")
    number = field("number")
    what = _("question {number}").format(number=number) if number is not None else _("question")
    reader.keys(raw, "question", what)
    zittingsjaar = field("zittingsjaar")
    if zittingsjaar is not None:
        _check_zittingsjaar(reader, raw, zittingsjaar, what)
    date = field("date")
    minister = _minister(reader, field("minister"), what)
    template = field("template", required=True)
    if template is not None:
        _check_template(reader, raw, template, what)
    data = _data(reader, field("data") or LineDict(), what, path.parent)
    subquestions = _subquestions(reader, field("subquestions") or {}, what)
    tables_raw = field("tables") or LineDict()
    tables = {}
    for name, spec in tables_raw.items():
        table = read_table_spec(reader, str(name), spec, tables_raw.line_of(name))
        if table is not None:
            tables[str(name)] = table
    answer = field("answer", required=True) or LineDict()
    parts = _parts(reader, answer, subquestions) if answer else ()
    # a table with a mistake is reported once, where it is defined: not again where it is used
    _check_tables_used(reader, parts, {str(name) for name in tables_raw}, tables, what)
    style = read_style(reader, raw, register_style, what)
    _check_note_styles(reader, tables, style, what)
    title = field("title")
    askers = _askers(reader, raw, what)
    layout = read_layout(reader, raw, register_layout, what)
    answered = field("answered")
    asked_in = field("asked_in")
    committee = _committee(reader, field("committee"), what)
    if len(reader.problems) > before:
        return None
    return Question(
        zittingsjaar=zittingsjaar,
        number=number,
        date=date,
        askers=askers,
        minister=minister,
        title=title,
        template=template,
        data=data,
        introduction=field("introduction"),
        subquestions=subquestions,
        tables=tables,
        preamble=reader.field(answer, "answer", "preamble", what),
        parts=parts,
        style=style,
        line=raw.line,
        source=path,
        layout=layout,
        answered=answered,
        asked_in=asked_in,
        based_on=field("based_on"),
        committee=committee,
    )


def _check_zittingsjaar(reader: FieldReader, raw: LineDict, value: str, what: str) -> None:
    """A parliamentary year is two years in a row: 2019-2020."""
    m = ZITTINGSJAAR.match(value)
    if not m or int(m.group(2)) != int(m.group(1)) + 1:
        reader.problem(raw.line_of("zittingsjaar"), _("{what}: zittingsjaar must look like 2019-2020, not {value}").format(
            what=what, value=shown(value)))


def _minister(reader: FieldReader, raw: LineDict | None, what: str) -> Minister | None:
    if raw is None:
        return None
    what = _("{what}, minister").format(what=what)
    reader.keys(raw, "minister", what)
    values = {key: reader.field(raw, "minister", key, what) for key in ("name", "title", "role", "department", "gender")}
    return Minister(values["name"] or "", values["title"] or "", values["role"], values["department"], values["gender"])


def _committee(reader: FieldReader, raw: LineDict | None, what: str) -> Committee | None:
    if raw is None:
        return None
    what = f"{what}, committee"
    reader.keys(raw, "committee", what)
    values = {key: reader.field(raw, "committee", key, what)
              for key in ("name", "dossier", "subject", "chair", "clerk", "clerk_title")}
    return Committee(values.pop("name") or "", **values)


def _check_template(reader: FieldReader, raw: LineDict, template: str, what: str) -> None:
    """A template is named as a file of the templates folder: no folder, no control character."""
    if "\\" in template:  # a Windows path (answer_templates\x.docx): on Windows it would name a folder
        reader.problem(raw.line_of("template"), _("{what}: template {template} is a path with '\\'; give the file "
                                                  "name only").format(what=what, template=shown(template)),
                       _("Write the name of a .docx file in answer_templates/, e.g. '{name}'.").format(
                           name=template.replace("/", "\\").rsplit("\\", 1)[-1]))
        return
    if Path(template).name != template or not template.endswith(".docx") or _CONTROL.search(template):
        reader.problem(
            raw.line_of("template"),
            _("{what}: template {template!r} must be the name of a .docx file in answer_templates/").format(
                what=what, template=template),
            _("Give the file name only, e.g. 'bedrijfsclusters.docx'."),
        )


def _data(reader: FieldReader, raw: LineDict, what: str, folder: Path) -> dict[str, str]:
    """The question's data sets: name -> a file inside the register's folder."""
    data = {}
    for name, file in raw.items():
        file = register_path(reader, file, raw.line_of(name), what, folder)
        if file is None:
            continue
        if not (isinstance(name, str) and NAME_RE.match(name)):
            reader.problem(raw.line_of(name), _("{what}: data name {name} must be letters, digits or _").format(
                what=what, name=repr(name)))
        elif name in RESERVED_NAMES:
            reader.problem(raw.key_line(name), _("{what}: a data set cannot be named {name}: templates and texts "
                                                 "already use that name").format(what=what, name=repr(name)),
                           _("Give it another name, e.g. 'budget' or 'cijfers', here and in the tags that use it."))
        elif not inside_folder(file):
            reader.problem(
                raw.line_of(name),
                _("{what}: data file {file} must be a file name inside the data folder").format(
                    what=what, file=repr(file)),
                _("Give a path relative to the register's folder, without '..'."),
            )
        else:
            data[name] = file
    return data


def _subquestions(reader: FieldReader, raw, what: str) -> dict[int, str]:
    out = {}
    for k, v in raw.items():
        if not isinstance(k, int) or isinstance(k, bool) or k < 1 or not isinstance(v, str):
            reader.problem(raw.line_of(k), _("{what}: sub-questions are numbered texts (1: ...), not {value}").format(
                what=what, value=shown(k)))
        else:
            out[k] = " ".join(v.split())
    return out


def _check_tables_used(reader: FieldReader, parts, defined: set[str], tables: dict[str, TableSpec], what: str) -> None:
    """Every table an answer part shows is defined under the question's 'tables:'."""
    for part in parts:
        for block in part.blocks:
            if block.table is not None and block.table not in defined:
                reader.problem(
                    part.line,
                    _("{what}: answer part {number} uses table '{table}', which is not defined").format(
                        what=what, number=part.numbers[0], table=block.table),
                    _("Define it under 'tables:' of this question (defined: {tables}).").format(tables=", ".join(tables))
                    if tables else _("Define it under 'tables:' of this question (defined: none)."),
                )


def _check_note_styles(reader: FieldReader, tables: dict[str, TableSpec], style: HouseStyle, what: str) -> None:
    """With one series of notes for the document, no table can number its notes in another style."""
    if style.note_numbering != "document":
        return
    for spec in tables.values():
        if spec.note_style not in (None, style.note_style):
            reader.problem(spec.line,
                           _("{what}: table '{table}' has note style '{style}', but the answer numbers its notes in "
                             "one series (note_numbering: document) in style '{document_style}'").format(
                               what=what, table=spec.name, style=spec.note_style, document_style=style.note_style),
                           _("Remove the table's 'notes:', or number notes per table (note_numbering: table)."))


def _askers(reader: FieldReader, raw: LineDict, what: str) -> tuple[Asker, ...]:
    """'asker: N.N.' (one member), or 'askers:' a list of names or {name, party, title}."""
    if "askers" in raw and "asker" in raw:
        reader.problem(raw.line_of("askers"), _("{what}: give 'asker' or 'askers', not both").format(what=what),
                       _("Keep 'askers:' (a list) and remove 'asker:'."))
        return ()
    if "askers" not in raw:
        name = reader.field(raw, "question", "asker", what, required=True)
        return (Asker(name),) if name is not None else ()
    items = raw["askers"]
    if not isinstance(items, LineList) or not items:
        reader.problem(raw.line_of("askers"), _("{what}: 'askers' must be a list of members, each a name or "
                                                "{{name: ..., party: ..., title: ...}}").format(what=what))
        return ()
    out = []
    for i, item in enumerate(items):
        line = items.line_of(i)
        if isinstance(item, str) and item.strip():
            out.append(Asker(item.strip()))
            continue
        if isinstance(item, LineDict):
            asker = _("{what}, asker").format(what=what)
            name = reader.get(item, "name", str, asker)
            party = reader.get(item, "party", str, asker, required=False)
            title = reader.get(item, "title", str, asker, required=False)
            if name:
                out.append(Asker(name, party, title))
            continue
        reader.problem(line, _("{what}: an asker must be a name or {{name: ..., party: ...}}, not {value}").format(
            what=what, value=shown(item)))
    return tuple(out)


def register_path(reader: FieldReader, file, line: int, what: str, folder: Path):
    """A file name as the register writes it, as drafter reads it: a Windows path's '\\' read
    as '/' (cijfers 2019\\budget.csv), an absolute path inside the data folder made relative to
    it. A path that YAML's double quotes turned into control characters ("data\\budget.csv":
    '\\b' is a backspace) is a problem at its line, and gives None."""
    if not isinstance(file, str):
        return file
    if _CONTROL.search(file):
        reader.problem(line, _("{what}: the path {path} holds control characters: in double quotes, YAML reads "
                               "'\\' as the start of a code (\\b, \\t, \\n)").format(what=what, path=shown(file)),
                       _("Write the path with / or in single quotes, e.g. 'cijfers 2019\\budget.csv'."))
        return None
    if "\\" in file:
        file = PureWindowsPath(file).as_posix()
    given = Path(file)
    if given.is_absolute() or PureWindowsPath(file).is_absolute():
        try:
            return given.resolve().relative_to(folder.resolve()).as_posix()
        except ValueError:  # outside the data folder: inside_folder refuses it
            return file
    return file


def inside_folder(file) -> bool:
    """A file name relative to the register's folder that cannot lead outside it (and holds
    no NUL or other control character, which no file name has)."""
    # a Windows path with a drive (C:\Users\..., C:budget.csv) or a share (\\server\share) is absolute
    # wherever drafter runs: on Linux it would be looked for as a folder 'C:' in the data folder
    windows = PureWindowsPath(file) if isinstance(file, str) else None
    return (isinstance(file, str) and bool(file) and not _CONTROL.search(file) and not Path(file).is_absolute()
            and not windows.drive and not windows.root and ".." not in Path(file).parts)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

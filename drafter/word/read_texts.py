"""An answer's paragraphs read back as texts, for ``drafter collect``: each paragraph outside the
tables as a string of "atoms", in which a figure drafter placed that still shows what drafter
wrote is one atom (its figure's key), a footnote is one atom (its text), and every other
character is itself; and each table's cells the same way.

Two readings of the same question (the edited answer, a draft made now) are compared atom by
atom: a figure counts as the same figure in both, whatever its value is today. The atoms of
both are characters of one ``Symbols`` table, so that difflib compares plain strings. The
figure record is read as ``verify`` reads it (``read_answer``); where the paragraph came from
in the register is read from the marks of a draft made with ``view.answer.TextMarks``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter import oxml
from drafter.oxml import content, document, opc
from drafter.oxml import footnotes as footnote_parts
from drafter.oxml import styles as style_parts
from drafter.view.answer import BLOCK_CLOSE, BLOCK_OPEN, BLOCK_SEP
from drafter.word.figure_record import BOOKMARK_PREFIX
from drafter.word.read_answer import read_answer, read_package

FOOTNOTES_PART = "word/footnotes.xml"
STYLES_PART = "word/styles.xml"
_MARK = re.compile(f"{BLOCK_OPEN}(\\d+){BLOCK_SEP}|{BLOCK_CLOSE}")


@dataclass(frozen=True)
class Atom:
    """What one character of a read paragraph stands for."""

    kind: str  # "char", "figure" (a figure as drafter wrote it) or "footnote"
    text: str  # the character; the figure as shown; the footnote's text
    key: str = ""  # a figure's key (the same in every draft of the question)


@dataclass
class Symbols:
    """One character per figure key and per footnote text, shared by the readings compared."""

    by_atom: dict[tuple[str, str], str] = field(default_factory=dict)
    atoms: dict[str, Atom] = field(default_factory=dict)

    def char(self, atom: Atom) -> str:
        if atom.kind == "char":
            return atom.text
        name = (atom.kind, atom.key or atom.text)
        found = self.by_atom.get(name)
        if found is None:
            found = self.by_atom[name] = chr(0xF0000 + len(self.by_atom))  # a private-use plane no text uses
            self.atoms[found] = atom
        return found

    def atom(self, char: str) -> Atom:
        return self.atoms.get(char) or Atom("char", char)


@dataclass
class Paragraph:
    """A paragraph outside the tables, read."""

    number: int  # its place among the paragraphs outside tables, from 1 (as verify names places)
    text: str  # its atoms as characters of the Symbols
    style: str  # its style's name, lower case ('' when it has none)
    numbered: bool  # a list item numbered by Word
    blocks: list[tuple[int, int, int]] = field(default_factory=list)  # (mark number, start, end): register texts
    formatted: list[tuple[int, int, str]] = field(default_factory=list)  # bold, italics, links (in text's places)
    typed_over: list[tuple[str, str, str]] = field(default_factory=list)  # (figure key, drafted, shown now)
    tracked: bool = False
    line_breaks: int = 0

    @property
    def shown(self) -> str:
        return self.text


@dataclass
class Texts:
    """An answer read back: its paragraphs and tables (each cell's text) in order."""

    question: str | None  # its drafter.question ('2019-2020/4'); None: drafter did not make it
    paragraphs: list[Paragraph]
    tables: list[list[list[str]]]
    order: list[tuple[str, int]]  # ('p', index in paragraphs) or ('table', index in tables), in document order
    figures: dict[str, str]  # every recorded figure's key -> the text it had as drafted
    tracked_cells: set[tuple[int, int, int]] = field(default_factory=set)  # (table, row, column), from 0


def read_texts(source, shown: str, symbols: Symbols) -> Texts:
    """An answer (a .docx file's Path or bytes) read back as texts (see the module's doc)."""
    parts = read_package(source, shown)
    figures = read_answer(source, shown)
    by_number = {f.figure.number: f.figure for f in figures.found}
    names = {}
    if STYLES_PART in parts:
        names = {i: n for n, i in style_parts.ids_by_name(oxml.parse(parts[STYLES_PART])).items()}
    notes = footnote_parts.texts(oxml.parse(parts[FOOTNOTES_PART])) if FOOTNOTES_PART in parts else {}
    root = oxml.parse(parts[opc.MAIN_DOCUMENT])
    body = document.body_of(root)
    out = Texts(figures.question, [], [], [], {f.figure.key: f.figure.shown for f in figures.found})
    for kind, element in content.body_blocks(body if body is not None else root):
        if kind == "p":
            read = _paragraph(content.read(element), by_number, notes, symbols)
            read.number = len(out.paragraphs) + 1
            read.style = names.get(read.style, read.style or "").lower()
            out.order.append(("p", len(out.paragraphs)))
            out.paragraphs.append(read)
        else:
            rows = []
            for r, row in enumerate(content.cell_paragraphs(element)):
                rows.append([])
                for c, cell in enumerate(row):
                    read_cell = [_paragraph(content.read(p), by_number, notes, symbols) for p in cell]
                    rows[-1].append("\n".join(" ".join(p.text.split()) for p in read_cell))
                    if any(p.tracked for p in read_cell):
                        out.tracked_cells.add((len(out.tables), r, c))
            out.order.append(("table", len(out.tables)))
            out.tables.append(rows)
    return out


def _paragraph(read: content.Content, figures: dict, notes: dict[str, str], symbols: Symbols) -> Paragraph:
    """A paragraph's content as atoms; the register's text marks (of a draft made for it) as spans."""
    visible = read.text
    spans = {}  # start in the visible text -> (end, atom)
    typed_over = []
    for name, (start, end) in read.bookmarks.items():
        if not name.startswith(BOOKMARK_PREFIX) or not name[len(BOOKMARK_PREFIX):].isdigit():
            continue
        figure = figures.get(int(name[len(BOOKMARK_PREFIX):]))
        if figure is None or end <= start:
            continue
        now = _MARK.sub("", visible[start:end])
        if now.strip() == figure.shown.strip():
            spans[start] = (end, Atom("figure", figure.shown, figure.key))
        else:
            typed_over.append((figure.key, figure.shown, now))
    note_ids = iter(read.footnotes)
    chars, blocks, formatted = [], [], []
    place = {}  # visible index -> index in chars
    opened: list[tuple[int, int]] = []
    i = 0
    while i < len(visible):
        place[i] = len(chars)
        if i in spans:
            end, atom = spans[i]
            chars.append(symbols.char(atom))
            for j in range(i + 1, end):
                place[j] = len(chars) - 1
            i = end
            continue
        m = _MARK.match(visible, i)
        if m:
            if m.group(1) is not None:
                opened.append((int(m.group(1)), len(chars)))
            elif opened:
                number, start = opened.pop()
                blocks.append((number, start, len(chars)))
            i = m.end()
            continue
        c = visible[i]
        if c == content.FOOTNOTE_CHAR:
            chars.append(symbols.char(Atom("footnote", notes.get(next(note_ids, ""), ""))))
        else:
            chars.append(c)
        i += 1
    place[len(visible)] = len(chars)
    for start, end, what in read.formatted:
        formatted.append((place.get(start, 0), place.get(end, len(chars)), what))
    return Paragraph(0, "".join(chars), read.style or "", read.numbered, sorted(blocks, key=lambda b: b[1]),
                     formatted, typed_over, read.tracked, read.line_breaks)

"""`drafter collect -q N`: the texts a person wrote in the answer in Word, read back into the register.

Civil servants write an answer's prose in Word. ``collect`` reads the edited answer and puts
what was written in its answer parts back into the question's entry, so that the next draft, a
referring answer or next year's question (``--from``) starts from them.

How a paragraph is traced to the register: drafter drafts the answer again in memory, with
each register text marked with where it came from (``view.answer.TextMarks``), and reads both
documents as texts (``word/read_texts``), in which each figure drafter placed is one atom, its
key. The edited answer's paragraphs are aligned with the draft's (difflib); a paragraph that
reads the same keeps its text in the register exactly as it is (tags and all); one that was
changed is read back: what still matches a tag's output (a note call, a footnote, a text from
the data) becomes the tag again, a figure that still shows what drafter wrote becomes the
expression it came from, and the rest is text. A paragraph a person added joins the answer
part before it, as a paragraph, or as a list item when it is in a list style.

What the register cannot hold is said, with its place, never lost silently: a figure typed over
(it becomes text), bold, italics, underlining and links (kept as plain text), changes to tables
(tables stay as the register defines them), and changes to paragraphs that are not a text of
the register's answer (the header, the notes' texts). Only the answer parts that changed are
rewritten in the register, with ruamel.yaml; every other line of the file stays as it was,
byte for byte, and the entry's other comments with it.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drafter import paths
from drafter.errors import WARNING, DataError, Problem, display_path
from drafter.files import read_bytes
from drafter.i18n import _
from drafter.load.questions import BlockKind, Question
from drafter.load.register import Register, load_register, read_register
from drafter.load.yamlfile import MAX_YAML_BYTES
from drafter.pipeline import Generator, file_name
from drafter.view.answer import TextMarks, TextOrigin, build_view
from drafter.word.fingerprint import question_id
from drafter.word.read_texts import Paragraph, Symbols, Texts, read_texts
from drafter.write import register as register_file

#: A figure's key names where it stands, then its expression: 'answer part 3: shares.percent("kmo")'
#: (a second figure of the same expression there: ' #2').
_KEY = re.compile(r"^[^:]*: (?P<expression>.*?)(?: #\d+)?$", re.S)
_TAG = re.compile(r"\{\{.*?\}\}", re.S)
_JINJA = ("{{", "{%", "{#", "}}", "%}", "#}")
#: The styles of drafter's lists: a paragraph a person adds in one of them is a list's item.
LIST_STYLES = {"answer list number": BlockKind.LIST, "answer list bullet": BlockKind.BULLETS,
               "list number": BlockKind.LIST, "list bullet": BlockKind.BULLETS}


@dataclass
class NewBlock:
    """A block of an answer part as collected: its kind, its text (register source), its items."""

    kind: BlockKind
    text: str = ""
    table: str | None = None
    items: list[str] = field(default_factory=list)
    changed: bool = False


@dataclass
class Collected:
    question: Question
    answer: Path
    register: Path
    changed: list[str]  # what changed, for people: 'answer part 3', 'the preamble'
    notes: list[Problem]  # what the register cannot hold, each with its place
    entry: str  # the entry's text as it is (or, with dry_run, would be) in the register
    written: bool


# --------------------------------------------------------------------------- texts back to sources


def expression(key: str) -> str:
    """The expression a figure's key names, as a tag: '{{ shares.percent("kmo") }}'."""
    m = _KEY.match(key)
    expr = (m.group("expression") if m else key).strip()
    head, bar, tail = expr.rpartition(" | ")
    if bar and re.search(r" [+-] ", head):  # a sum filtered as one figure
        expr = f"({head}){bar}{tail}"
    return "{{ " + expr + " }}"


def _literal(text: str) -> str:
    """A person's text as a register text: as it is, unless it holds what reads as a tag."""
    if any(s in text for s in _JINJA):
        return "{% raw %}" + text + "{% endraw %}"
    return text


def _footnote(text: str) -> str:
    return "{{ footnote(" + json.dumps(text, ensure_ascii=False) + ") }}"


def _tag_spans(source: str, rendered: str) -> list[tuple[int, int, str]] | None:
    """Where each {{ ... }} tag of a register text stands in its rendering: (start, end, tag);
    None when the text is not literal text and tags only (a {% %} block), or does not match."""
    if "{%" in source or "{#" in source:
        return None
    literals = _TAG.split(source)
    tags = _TAG.findall(source)
    pattern = "".join(re.escape(lit) + ("(.*?)" if i < len(tags) else "") for i, lit in enumerate(literals))
    m = re.fullmatch(pattern, rendered, re.S)
    if m is None:
        return None
    return [(m.start(i + 1), m.end(i + 1), tag) for i, tag in enumerate(tags)]


def rebuild(source: str, drafted: str, edited: str, symbols: Symbols) -> str:
    """The register text for a paragraph as a person edited it: `drafted` is the paragraph as
    the register's `source` renders now, `edited` as the person left it (atoms both)."""
    spans = _tag_spans(source, drafted) or []
    kept: dict[int, tuple[int, str]] = {}  # start in edited -> (end, tag) of a tag whose output is unchanged
    ops = difflib.SequenceMatcher(None, drafted, edited, autojunk=False).get_opcodes()
    for start, end, tag in spans:
        for op, i1, i2, j1, _j2 in ops:
            if op == "equal" and i1 <= start and end <= i2 and end > start:
                kept[j1 + start - i1] = (j1 + end - i1, tag)
                break
    out, literal = [], []
    j = 0
    while j < len(edited):
        if j in kept:
            end, tag = kept[j]
            out += [_literal("".join(literal)), tag]
            literal = []
            j = end
            continue
        atom = symbols.atom(edited[j])
        if atom.kind == "figure":
            out += [_literal("".join(literal)), expression(atom.key)]
            literal = []
        elif atom.kind == "footnote":
            out += [_literal("".join(literal)), _footnote(atom.text)]
            literal = []
        else:
            literal.append(atom.text)
        j += 1
    out.append(_literal("".join(literal)))
    return " ".join("".join(out).split(" ")).strip()


def _norm(text: str) -> str:
    return " ".join(text.split())


def _start(ops, s: int, length: int) -> int:
    if s >= length:
        return ops[-1][4] if ops else 0
    for op, i1, i2, j1, _j2 in ops:
        if op == "insert" and i1 == s:
            return j1
        if i1 <= s < i2:
            return j1 + (s - i1) if op == "equal" else j1
    return 0


def _end(ops, e: int) -> int:
    if e <= 0:
        return 0
    for op, i1, i2, j1, j2 in reversed(ops):
        if op == "insert" and i1 == e:
            return j2
        if i1 < e <= i2:
            return j1 + (e - i1) if op == "equal" else j2
    return ops[-1][4] if ops else 0


def pair(drafted: list[Paragraph], edited: list[Paragraph]) -> dict[int, int]:
    """Which edited paragraph is which paragraph of the draft: draft index -> edited index.

    A paragraph whose text occurs once in each reading and reads the same in both is itself
    (an anchor). Between two anchors, the paragraphs are aligned in order, the most alike
    together: the same text first, then a text changed but still alike, then a paragraph in the
    draft's paragraph's style that now reads wholly otherwise. The last is how a person fills in
    a placeholder, by typing over it in Word or by setting the paragraph's text: the paragraph
    keeps its place and its style, and nothing else of what drafter wrote in it."""
    a = [_norm(p.text) for p in drafted]
    b = [_norm(p.text) for p in edited]
    once_a, once_b = Counter(a), Counter(b)
    anchors = [(-1, -1)]
    for op, i1, i2, j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            anchors += [(i1 + k, j1 + k) for k in range(i2 - i1) if once_a[a[i1 + k]] == 1 and once_b[b[j1 + k]] == 1]
    anchors.append((len(a), len(b)))
    out = {}
    for (i0, j0), (i1, j1) in zip(anchors, anchors[1:]):
        if i0 >= 0:
            out[i0] = j0
        out.update(_align(drafted, edited, a, b, range(i0 + 1, i1), range(j0 + 1, j1)))
    return out


#: Beyond this many pairs of paragraphs between two anchors, they are aligned by their texts only.
_ALIGN_LIMIT = 40_000


def _likeness(d: Paragraph, e: Paragraph, a: str, b: str) -> float:
    """How alike a paragraph of the draft and one of the edited answer are; 0: not the same paragraph."""
    if a == b:
        return 3.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() > 0.5 and matcher.quick_ratio() > 0.5:
        ratio = matcher.ratio()
        if ratio > 0.5:
            return 1.0 + ratio
    if b and d.style == e.style:  # rewritten in its place: typed over, or its text set anew
        return 0.5
    return 0.0


def _align(drafted, edited, a, b, rows: range, cols: range) -> dict[int, int]:
    """The paragraphs of a stretch of the draft paired with those of the edited answer, in order,
    for the most likeness in all (the earliest pairing where two are as good)."""
    if not rows or not cols:
        return {}
    if len(rows) * len(cols) > _ALIGN_LIMIT:
        return _align_by_text(a, b, rows, cols)
    n, m = len(rows), len(cols)
    like = [[_likeness(drafted[i], edited[j], a[i], b[j]) for j in cols] for i in rows]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            taken = like[i][j] + best[i + 1][j + 1] if like[i][j] else 0.0
            best[i][j] = max(taken, best[i + 1][j], best[i][j + 1])
    out = {}
    i = j = 0
    while i < n and j < m:
        if like[i][j] and like[i][j] + best[i + 1][j + 1] == best[i][j]:
            out[rows[i]] = cols[j]
            i, j = i + 1, j + 1
        elif best[i + 1][j] == best[i][j]:
            i += 1
        else:
            j += 1
    return out


def _align_by_text(a, b, rows: range, cols: range) -> dict[int, int]:
    """A long stretch: the paragraphs that read the same, then the most alike ones in order."""
    sa, sb = [a[i] for i in rows], [b[j] for j in cols]
    out = {}
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, sa, sb, autojunk=False).get_opcodes():
        if op == "equal":
            out.update({rows[i1 + k]: cols[j1 + k] for k in range(i2 - i1)})
        elif op == "replace":
            j = j1
            for i in range(i1, i2):  # in order: each draft paragraph takes the most like one after the last taken
                found, found_ratio = None, 0.5
                for k in range(j, j2):
                    ratio = difflib.SequenceMatcher(None, sa[i], sb[k], autojunk=False).ratio()
                    if ratio > found_ratio:
                        found, found_ratio = k, ratio
                if found is not None:
                    out[rows[i]] = cols[found]
                    j = found + 1
    return out


# --------------------------------------------------------------------------- the command


def _answer_file(project: paths.Project, question: Question, given: Path | None) -> Path:
    path = given or project.output / file_name(question)
    if not path.is_file():
        raise DataError(_("there is no answer to {question} here to collect from").format(question=question.label),
                        file=display_path(path),
                        hint=_("Give the edited answer with --file, or draft it first with drafter answer -q {number}.")
                        .format(number=question.number))
    return path


def _draft(register: Register, question: Question, templates: Path) -> tuple[bytes, TextMarks]:
    generator = Generator(register, templates)
    marks = TextMarks()
    view = build_view(register, question, generator.notes, generator.datasets.load, generator.texts, marks)
    return generator.generate(question, view).data, marks


class _Collector:
    def __init__(self, question: Question, marks: TextMarks, drafted: Texts, edited: Texts, shown: str,
                 symbols: Symbols) -> None:
        self.q, self.marks, self.drafted, self.edited, self.shown = question, marks, drafted, edited, shown
        self.symbols = symbols
        self.notes: list[Problem] = []
        self.preamble = [NewBlock(BlockKind.TEXT, text=t) for t in question.preamble]
        self.parts = [[NewBlock(b.kind, text=b.text, table=b.table, items=list(b.items)) for b in part.blocks]
                      for part in question.parts]
        self.added: dict[TextOrigin | None, list[tuple[BlockKind, str]]] = {}
        self.register_paragraphs: set[int] = set()  # the edited paragraphs that are (now) register texts

    def note(self, paragraph: Paragraph | None, message: str, hint: str) -> None:
        place = _("paragraph {number}").format(number=paragraph.number) if paragraph is not None else None
        self.notes.append(Problem(message, file=self.shown, place=place, hint=hint, severity=WARNING))

    def block(self, origin: TextOrigin) -> NewBlock:
        return (self.preamble if origin.part is None else self.parts[origin.part])[origin.block]

    def where(self, origin: TextOrigin | None) -> str:
        if origin is None or origin.part is None:
            return _("the preamble")
        return _("answer part {number}").format(number=", ".join(map(str, self.q.parts[origin.part].numbers)))

    def source(self, origin: TextOrigin) -> str:
        block = (self.q.preamble[origin.block] if origin.part is None
                 else self.q.parts[origin.part].blocks[origin.block])
        if origin.part is None:
            return block
        return block.items[origin.item] if origin.item is not None else block.text

    def set_text(self, origin: TextOrigin, text: str) -> None:
        block = self.block(origin)
        if origin.item is not None:
            if block.items[origin.item] != text:
                block.items[origin.item] = text
                block.changed = True
        elif block.text != text:
            block.text = text
            block.changed = True

    def collect(self) -> None:
        paired = pair(self.drafted.paragraphs, self.edited.paragraphs)
        taken = set(paired.values())
        last: TextOrigin | None = None
        after_draft: dict[int, TextOrigin | None] = {}
        tables_of_parts = [TextOrigin(i, j) for i, part in enumerate(self.q.parts) for j, b in enumerate(part.blocks)
                           if b.kind == BlockKind.TABLE]
        tables_seen = 0
        for kind, index in self.drafted.order:  # the register text each place of the draft follows
            if kind == "table":
                if len(tables_of_parts) == len(self.drafted.tables) and tables_seen < len(tables_of_parts):
                    last = tables_of_parts[tables_seen]
                tables_seen += 1
                continue
            for number, _s, _e in self.drafted.paragraphs[index].blocks:
                last = self.marks.origins[number]
            after_draft[index] = last
        for i, d in enumerate(self.drafted.paragraphs):
            e = self.edited.paragraphs[paired[i]] if i in paired else None
            if d.blocks:
                if e is not None:
                    self.register_paragraphs.add(paired[i])
                self.texts_of(d, e)
            elif e is None and _norm(d.text):
                self.note(d, _("a paragraph drafter wrote that is not a text of the register's answer was removed "
                               "in Word ({text!r})").format(text=self.plain(d.text)[:60]),
                          _("collect reads only the answer's texts; remove it in the register or the notes file if "
                            "it should go."))
            elif e is not None and _norm(d.text) != _norm(e.text):
                self.note(e, _("this paragraph was changed in Word, but it is not a text of the register's answer "
                               "(the header, a note's text)"),
                          _("collect leaves it; change it in the register or the notes file."))
        # paragraphs a person added: after the register text that the paragraph before them follows
        drafted_of = {v: k for k, v in paired.items()}
        origin: TextOrigin | None = None
        for j, e in enumerate(self.edited.paragraphs):
            if j in drafted_of:
                origin = after_draft.get(drafted_of[j], origin)
                continue
            if j in taken or not _norm(e.text):
                continue
            kind = LIST_STYLES.get(e.style, BlockKind.LIST if e.numbered else BlockKind.TEXT)
            text = rebuild("", "", e.text, self.symbols)
            self.register_paragraphs.add(j)
            self.added.setdefault(origin, []).append((kind, text))
            self.report_formatting(e, 0, len(e.text), origin)
        self.tables()
        self.figures_lost()

    def plain(self, text: str) -> str:
        return "".join(self.symbols.atom(c).text for c in text)

    def texts_of(self, d: Paragraph, e: Paragraph | None) -> None:
        if e is None:
            for number, _s, _e in d.blocks:
                origin = self.marks.origins[number]
                self.set_text(origin, "")
            return
        same = _norm(d.text) == _norm(e.text)
        ops = difflib.SequenceMatcher(None, d.text, e.text, autojunk=False).get_opcodes()
        blocks = d.blocks
        for k, (number, start, end) in enumerate(blocks):
            origin = self.marks.origins[number]
            # text added before the first block (after a prefix such as "1.\t") or after the last is the block's
            first = k == 0
            last = k == len(blocks) - 1
            e_start = _start(ops, start, len(d.text)) if not first else self.after_prefix(d, e, start, ops)
            e_end = _end(ops, end) if not last else len(e.text) - self.suffix_kept(d, e, end)
            if same:
                continue
            drafted = d.text[start:end]
            edited = e.text[e_start:e_end].strip()
            if _norm(drafted) == _norm(edited):
                continue
            self.set_text(origin, rebuild(self.source(origin), drafted, edited, self.symbols) if edited else "")
            self.report_formatting(e, e_start, e_end, origin)
        list_kind = LIST_STYLES.get(e.style, BlockKind.LIST if e.numbered else None)
        if list_kind is not None and len(blocks) == 1:  # a text made a list item in Word: a list the register holds
            origin = self.marks.origins[blocks[0][0]]
            block = self.block(origin)
            if origin.part is not None and origin.item is None and block.kind == BlockKind.TEXT and block.text:
                block.kind, block.items, block.text, block.changed = list_kind, [block.text], "", True
        for key, drafted, now in e.typed_over:
            self.note(e, _("the figure drafter wrote as {drafted!r} now reads {now!r}: it becomes text in the "
                           "register, and no longer follows the data").format(drafted=drafted, now=now),
                      _("Undo the change in Word to keep the figure from the data, or leave it as it is."))
        if e.tracked and not same:  # accepted, it reads as drafted (drafter update's own changes): nothing to say
            self.note(e, _("this paragraph holds tracked changes: collected as if they were accepted"),
                      _("Accept or reject them in Word first if that is not what you want."))
        if e.line_breaks:
            self.note(e, _("a line break in this paragraph became a space"),
                      _("Make two paragraphs of it in Word to keep them apart."))
        if same:
            self.report_formatting(e, 0, len(e.text), self.marks.origins[blocks[0][0]])

    def after_prefix(self, d: Paragraph, e: Paragraph, start: int, ops) -> int:
        """Where the first register text starts in the edited paragraph: after what the template
        wrote before it ('1.\t'), when the paragraph still starts with that."""
        prefix = d.text[:start]
        return len(prefix) if e.text.startswith(prefix) else _start(ops, start, len(d.text))

    def suffix_kept(self, d: Paragraph, e: Paragraph, end: int) -> int:
        suffix = d.text[end:]
        return len(suffix) if suffix and e.text.endswith(suffix) else 0

    def report_formatting(self, e: Paragraph, start: int, end: int, origin: TextOrigin | None) -> None:
        for s, t, what in e.formatted:
            if s < end and t > start:
                self.note(e, _("{what} of {text!r} ({where}) cannot be held by the register's text: it is collected "
                               "as plain text").format(what=what, text=self.plain(e.text[s:t])[:60],
                                                       where=self.where(origin)),
                          _("Keep it in Word, or use a list or a table where the register has them."))

    def tables(self) -> None:
        d, e = self.drafted.tables, self.edited.tables
        if len(d) != len(e):
            self.notes.append(Problem(_("the answer has {now} table(s) where drafter wrote {drafted}: collect keeps "
                                        "the tables as the register defines them").format(now=len(e), drafted=len(d)),
                                      file=self.shown, hint=_("Change a table in the register (tables:)."),
                                      severity=WARNING))
            return
        for t, (dt_, et) in enumerate(zip(d, e), start=1):
            for r, (drow, erow) in enumerate(zip(dt_, et), start=1):
                for c, (dc, ec) in enumerate(zip(drow, erow), start=1):
                    # what the cell shows, not how: a figure whose hidden mark is gone but that reads
                    # as drafted is no change (collect does not write tables back in any case)
                    drafted, now = _norm(self.plain(dc)), _norm(self.plain(ec))
                    if drafted == now:
                        continue
                    place = _("table {table}, row {row}, column {column}").format(table=t, row=r, column=c)
                    if (t - 1, r - 1, c - 1) in self.edited.tracked_cells:
                        message = _("this cell holds a tracked change still to accept or reject; accepted, it reads "
                                    "{now!r} where the table drafted now reads {drafted!r}: collect keeps the tables "
                                    "as the register defines them").format(drafted=drafted[:40], now=now[:40])
                        hint = _("Accept or reject the change in Word; change the data or the table in the register "
                                 "if the table should read otherwise.")
                    else:
                        message = _("changed in Word from {drafted!r} to {now!r}: collect keeps the tables as the "
                                    "register defines them").format(drafted=drafted[:40], now=now[:40])
                        hint = _("Change the data or the table in the register; drafter update brings new figures "
                                 "into the answer.")
                    self.notes.append(Problem(message, file=self.shown, place=place, hint=hint, severity=WARNING))
            if len(dt_) != len(et):
                self.notes.append(Problem(_("table {table} has {now} rows where drafter wrote {drafted}: collect "
                                            "keeps the tables as the register defines them").format(
                    table=t, now=len(et), drafted=len(dt_)), file=self.shown, severity=WARNING))

    def figures_lost(self) -> None:
        shown = {self.symbols.atom(c).key for p in self.edited.paragraphs for c in p.text
                 if self.symbols.atom(c).kind == "figure"}
        typed = {key for p in self.edited.paragraphs for key, _d, _n in p.typed_over}
        for key, drafted in self.edited.figures.items():
            where = key.split(":", 1)[0]
            if (where.startswith("answer part") or where == "preamble") and key not in shown and key not in typed:
                self.notes.append(Problem(
                    _("the figure {drafted!r} ({where}) is no longer where drafter put it: if it is still in the "
                      "text, it is text now").format(drafted=drafted, where=where), file=self.shown,
                    hint=_("Put the figure back as a tag in the register if it should follow the data."),
                    severity=WARNING))

    def new_parts(self) -> dict[int, list[NewBlock]]:
        """The parts that changed, by index, with their new blocks."""
        out = {}
        for i, blocks in enumerate(self.parts):
            changed = any(b.changed for b in blocks)
            new = []
            for j, b in enumerate(blocks):
                if b.kind == BlockKind.TEXT and not b.text:
                    continue
                after = []
                if b.kind in (BlockKind.LIST, BlockKind.BULLETS):
                    items = []
                    for k, item in enumerate(b.items):  # an item added after an item: in the list, if of its kind
                        items += [item] if item else []
                        for kind, text in self.added.pop(TextOrigin(i, j, k), []):
                            if kind == b.kind:
                                items.append(text)
                                b.changed = True
                            else:
                                after.append((kind, text))
                    b.items = items
                    if not b.items:
                        continue
                if new and b.kind in (BlockKind.LIST, BlockKind.BULLETS) and new[-1].kind == b.kind:
                    new[-1].items += b.items  # a list item next to a list of its kind is in that list
                    new[-1].changed = True
                else:
                    new.append(b)
                if after:
                    self.added.setdefault(TextOrigin(i, j), [])[:0] = after
                new += self._added(TextOrigin(i, j))
            if changed or len(new) != len(blocks) or any(new_b is not old for new_b, old in zip(new, blocks)):
                if not new:
                    self.notes.append(Problem(
                        _("{where} was emptied in Word: it is left as it was in the register").format(
                            where=self.where(TextOrigin(i, 0))), file=self.shown,
                        hint=_("An answer part needs a text; write one, or remove the part in the register."),
                        severity=WARNING))
                    continue
                out[i] = new
        return out

    def _added(self, origin: TextOrigin) -> list[NewBlock]:
        out = []
        for kind, text in self.added.pop(origin, []):
            if kind != BlockKind.TEXT and out and out[-1].kind == kind:
                out[-1].items.append(text)
            else:
                out.append(NewBlock(kind, text=text if kind == BlockKind.TEXT else "",
                                    items=[text] if kind != BlockKind.TEXT else [], changed=True))
        return out

    def new_preamble(self) -> list[str] | None:
        """The preamble's paragraphs as collected (those added before the first answer part
        included); None when they are the register's."""
        result = [t for _k, t in self.added.pop(None, [])]
        for i, b in enumerate(self.preamble):
            if b.text:
                result.append(b.text)
            result += [t for _k, t in self.added.pop(TextOrigin(None, i), [])]
        return None if result == list(self.q.preamble) else result


def collect(project: paths.Project, number: int, zittingsjaar: str | None = None, minister: str | None = None, *,
            file: Path | None = None, dry_run: bool = False) -> Collected:
    """Read the texts of the edited answer to question `number` back into the register."""
    register = load_register(project.register)
    question = register.find(number, zittingsjaar, minister)
    shown_register = display_path(register.path)
    if question.refers_to is not None:
        raise DataError(_("{question} is a referring answer: it has no texts of its own to collect").format(
            question=question.label), file=shown_register, place=question.place,
            hint=_("Collect the coordinated answer, question {number}.").format(number=question.refers_to.number))
    path = _answer_file(project, question, file)
    shown = display_path(path)
    symbols = Symbols()
    edited = read_texts(path, shown, symbols)
    if edited.question is None:
        raise DataError(_("this is not an answer drafter made, so its texts cannot be traced to the register"),
                        file=shown, hint=_("Give the answer drafter wrote (edited in Word is fine)."))
    if edited.question != question_id(question):
        raise DataError(_("this is the answer to question {recorded}, not to {question}").format(
            recorded=edited.question, question=question.label), file=shown,
            hint=_("Give the answer to {question}, or collect question {recorded}.").format(
                question=question.label, recorded=edited.question))
    data, marks = _draft(register, question, project.templates)
    drafted = read_texts(data, _("the draft"), symbols)
    collector = _Collector(question, marks, drafted, edited, shown, symbols)
    collector.collect()
    parts = collector.new_parts()
    preamble = collector.new_preamble()
    original = read_bytes(register.path, MAX_YAML_BYTES)
    new_bytes, entry, changed = register_file.with_answer_texts(
        register.path, question, {i: [_yaml_block(b) for b in blocks] for i, blocks in parts.items()}, preamble)
    changed_names = ([_("the preamble")] if preamble is not None else []) + [
        collector.where(TextOrigin(i, 0)) for i in sorted(parts)]
    if changed:
        collector.notes += _check_read_back(register.path, new_bytes, question, parts, preamble, project.templates,
                                            collector)
        if not dry_run:
            register_file.write_register(register.path, new_bytes, original)
    return Collected(question, path, register.path, changed_names, collector.notes, entry, changed and not dry_run)


def _yaml_block(block: NewBlock) -> tuple[str, object]:
    if block.kind == BlockKind.TEXT:
        return ("text", block.text)
    if block.kind == BlockKind.TABLE:
        return ("table", block.table)
    return (block.kind.value, list(block.items))


def _check_read_back(path: Path, data: bytes, question: Question, parts: dict, preamble, templates: Path,
                     collector: _Collector) -> list[Problem]:
    """The new register, read as drafter reads it, holds the collected texts and its other
    questions are as they were (else a DataError: nothing is written); and the next draft from
    it: where its paragraphs will read otherwise than the edited answer's (a layout that joins a
    part's paragraphs into one), said."""
    from drafter.write.output import staged

    # beside the register: its data files are found from there
    with staged(path.parent, path.name, data) as tmp:
        before, _problems = read_register(path)
        after, _problems = read_register(tmp)
        problems = _read_back_problems(before, after, question, parts, preamble)
        if problems:
            raise DataError(problems=[Problem(_("the collected texts cannot be written safely ({what}); the register "
                                                "was not changed").format(what=p), file=display_path(path),
                                              hint=_("Please report this, with the answer.")) for p in problems])
        mine = after.find(question.number, question.zittingsjaar, question.minister.name)
        draft = Generator(after, templates).generate(mine).data
    nxt = read_texts(draft, _("the next draft"), collector.symbols)
    edited = collector.edited.paragraphs
    paired = {e: d for d, e in pair(nxt.paragraphs, edited).items()}
    out = []
    for j in sorted(collector.register_paragraphs):
        now = nxt.paragraphs[paired[j]].text if j in paired else None
        if now is None or _norm(now) != _norm(edited[j].text):
            out.append(Problem(
                _("the next draft will not show this paragraph as the answer does: its layout shows the answer part "
                  "otherwise ({text!r})").format(text=collector.plain(edited[j].text)[:60]),
                file=collector.shown, place=_("paragraph {number}").format(number=edited[j].number),
                hint=_("Check the new draft, or the template (docs/templates.md)."), severity=WARNING))
    return out


def _read_back_problems(before: Register, after: Register, question: Question, parts: dict, preamble) -> list[str]:
    def texts(q: Question):
        return (q.preamble, [(p.numbers, [(b.kind, b.text, b.table, b.items) for b in p.blocks]) for p in q.parts])

    old = {(q.zittingsjaar, q.minister.name, q.number): q for q in before.questions}
    new = {(q.zittingsjaar, q.minister.name, q.number): q for q in after.questions}
    key = (question.zittingsjaar, question.minister.name, question.number)
    problems = []
    if set(old) != set(new):
        problems.append(_("the register would not hold the same questions"))
    for k in old.keys() & new.keys():
        if k != key and (texts(old[k]), old[k].title) != (texts(new[k]), new[k].title):
            problems.append(_("question {number} would change too").format(number=k[2]))
    mine = new.get(key)
    if mine is None:
        return problems
    for i, blocks in parts.items():
        got = [(b.kind, b.text, b.table, b.items) for b in mine.parts[i].blocks]
        want = []
        for b in blocks:
            if b.kind == BlockKind.TEXT:
                want.append((BlockKind.TEXT, b.text, None, ()))
            elif b.kind == BlockKind.TABLE:
                want.append((BlockKind.TABLE, "", b.table, ()))
            else:
                want.append((b.kind, "", None, tuple(" ".join(t.split()) for t in b.items)))
        if got != want:
            problems.append(_("answer part {number} would not read back as collected").format(
                number=", ".join(map(str, question.parts[i].numbers))))
    if preamble is not None and list(mine.preamble) != preamble:
        problems.append(_("the preamble would not read back as collected"))
    return problems

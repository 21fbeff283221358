"""Bookmarks (w:bookmarkStart, w:bookmarkEnd): ids, bookmarks put around runs, the text inside them."""

from __future__ import annotations

from lxml import etree

from drafter.oxml import NSMAP, Element, escape_attribute, fragment, qn
from drafter.oxml import run as runs

START, END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_TR, _TC = qn("w:tr"), qn("w:tc")
_ID, NAME = qn("w:id"), qn("w:name")
#: The ids given (an unnumbered bookmark's is empty: ``around_xml``).
#: (Plain strings: lxml's default strings that know their element cost a long answer's thousands
#: of ids more than the search.)
_EVERY_ID = etree.XPath("//@w:id[. != '']", namespaces=NSMAP, smart_strings=False)
_ANNOTATION_IDS = etree.XPath("//*[not(self::w:footnoteReference or self::w:endnoteReference)]/@w:id[. != '']",
                              namespaces=NSMAP, smart_strings=False)


def next_id(root: Element, *, with_note_references: bool = False) -> int:
    """An id for a new bookmark: above every w:id of the part's bookmarks, comments and
    revisions (they share one space of ids); with_note_references: above the ids of its
    note references too (they number notes, not marks, but taking them into account is
    harmless, and figures' bookmarks have always been numbered so)."""
    ids = (_EVERY_ID if with_note_references else _ANNOTATION_IDS)(root)
    return max((int(v) for v in ids if v.lstrip("-").isdigit()), default=-1) + 1


def around_xml(name: str, held: str = "", bookmark_id: int | None = None) -> str:
    """A bookmark around ``held`` (the XML of what it holds, a run) as WordprocessingML text.
    Without an id the bookmark is unnumbered (its id empty) until ``number`` gives it one: its
    place among the part's bookmarks is known only once the part is whole."""
    shown = "" if bookmark_id is None else str(bookmark_id)
    return (f'<w:bookmarkStart w:id="{shown}" w:name="{escape_attribute(name)}"/>{held}'
            f'<w:bookmarkEnd w:id="{shown}"/>')


def around(marked: list[tuple[Element, str]], first_id: int | None = None) -> None:
    """A bookmark around each run (run, name), their ids from first_id up in this order, or
    unnumbered (first_id None), for ``number`` to number with the part's others.

    The bookmarks' elements are parsed from their text at once and then moved into place:
    an answer with a long text puts thousands, and one parse makes them many times faster
    than making them one by one."""
    if not marked:
        return
    made = iter(fragment("".join(around_xml(name, bookmark_id=None if first_id is None else first_id + i)
                                 for i, (_, name) in enumerate(marked))))
    for run, _ in marked:
        run.addprevious(next(made))
        run.addnext(next(made))


def number(root: Element, first_id: int) -> list[tuple[Element, str]]:
    """Give the unnumbered bookmarks under root ids from first_id up, in document order, and
    return their starts with their names in that order. A name bookmarked more than once (a
    table printed twice) keeps its first bookmark; the others are taken out.

    Unnumbered bookmarks are drafter's, each around what it holds (``around_xml``, ``around``):
    its end is the first unnumbered end after its start among the start's siblings."""
    kept: list[tuple[Element, str]] = []
    extra: list[Element] = []
    names: set[str] = set()
    for start in root.iter(START):
        if start.get(_ID) != "":
            continue
        end = start.getnext()
        while end.tag != END or end.get(_ID) != "":
            end = end.getnext()
        name = start.get(NAME)
        if name in names:
            extra += (start, end)
            continue
        names.add(name)
        bookmark_id = str(first_id + len(kept))
        start.set(_ID, bookmark_id)
        end.set(_ID, bookmark_id)
        kept.append((start, name))
    for el in extra:
        _remove(el)
    return kept


def remove_unnumbered(root: Element) -> bool:
    """Take out the bookmarks under root that are still unnumbered (in a part whose figures are
    not traced); returns whether there was any."""
    found = [el for el in root.iter(START, END) if el.get(_ID) == ""]
    for el in found:
        _remove(el)
    return bool(found)


def _remove(el: Element) -> None:
    """Take an element out of its parent; text after it stays."""
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            el.getparent().text = (el.getparent().text or "") + el.tail
    el.getparent().remove(el)


#: The most text pieces (w:t) a figure's bookmark is read over: a figure is one run, or a few
#: after Word split it; a bookmark around more (or never closed) is no figure's place, and
#: reading thousands of them each to the end of the document would take quadratic time.
MAX_PIECES = 64


def marks(root: Element, prefix: str) -> dict[str, tuple[Element, Element]]:
    """The bookmarks whose name starts with prefix and that are closed: by the rest of the name,
    (start, end); the first bookmark of a name counts."""
    starts: dict[str, tuple[str, Element]] = {}
    found: dict[str, tuple[Element, Element]] = {}
    seen: set[str] = set()
    for el in root.iter(START, END):
        if el.tag == START:
            name = el.get(NAME) or ""
            if name.startswith(prefix) and name[len(prefix):] not in seen:
                seen.add(name[len(prefix):])
                starts[el.get(_ID) or ""] = (name[len(prefix):], el)
        else:
            opened = starts.pop(el.get(_ID) or "", None)
            if opened is not None:
                found.setdefault(opened[0], (opened[1], el))
    return found


def texts_inside(root: Element, prefix: str) -> dict[str, tuple[str, Element]]:
    """The text inside each closed bookmark whose name starts with prefix (without note calls),
    by the rest of its name, with its start; the first bookmark of a name counts. Linear in the
    document: each bookmark is read over at most MAX_PIECES texts."""
    found = marks(root, prefix)
    if not found:
        return {}
    wanted = {start: rest for rest, (start, _) in found.items()}
    ends = {end: rest for rest, (_, end) in found.items()}
    pieces: list[str] = []
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for el in root.iter(START, END, runs.T):
        if el.tag == START:
            rest = wanted.get(el)
            if rest is not None:
                first[rest] = len(pieces)
        elif el.tag == END:
            rest = ends.get(el)
            if rest is not None:
                last[rest] = len(pieces)
        else:
            run = el.getparent()
            pieces.append("" if run is not None and runs.is_call(run) else el.text or "")
    out = {}
    for rest, (start, _) in found.items():
        a, b = first.get(rest, 0), last.get(rest, 0)
        out[rest] = ("".join(pieces[a:min(b, a + MAX_PIECES)]), start)
    return out


def masked_text(element: Element, prefix: str, mask: str = "\u2022") -> str:
    """The visible text of a paragraph or table cell (note calls included, a tab as a tab), with
    the text inside each bookmark whose name starts with prefix replaced by ``mask``: what it says
    besides its figures."""
    masked = _Masked(prefix, mask)
    for el in element.iter(START, END, runs.T, runs.TAB):
        masked.add(el, el.tag)
    return masked.text()


def masked_cell_texts(tbl: Element, prefix: str, mask: str = "\u2022") -> list[list[str]]:
    """``masked_text`` of each cell of a table, row by row (its rows and their cells as
    ``table.rows`` and ``table.cells`` find them; a table in a cell is part of that cell's text).

    The table is read in one pass: reading each cell on its own costs a long table many times
    more, most of it in starting a search per cell."""
    out: list[list[str]] = []
    masked: _Masked | None = None  # the text of the cell being read
    cell: Element | None = None
    for el in tbl.iter(_TR, _TC, START, END, runs.T, runs.TAB):
        tag = el.tag
        if tag != _TR and tag != _TC:
            if masked is not None:
                masked.add(el, tag)
            continue
        parent = el.getparent()
        if tag == _TR and parent is tbl:  # a row of the table
            if masked is not None:
                out[-1].append(masked.text())
            masked = cell = None
            out.append([])
            continue
        if tag == _TC and parent is not None and parent.tag == _TR and parent.getparent() is tbl:  # a cell of a row
            if masked is not None:
                out[-1].append(masked.text())
            masked, cell = _Masked(prefix, mask), el
            continue
        if cell is not None and _within(parent, cell, tbl):
            continue  # a row or cell of a table in the cell: its text is the cell's
        # a row or cell outside the table's rows and cells (in a content control): not read
        if masked is not None:
            out[-1].append(masked.text())
        masked = cell = None
    if masked is not None:
        out[-1].append(masked.text())
    return out


def _within(el: Element | None, ancestor: Element, stop: Element) -> bool:
    """Whether el is ancestor or stands in it (looking up no further than stop)."""
    while el is not None and el is not stop:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


class _Masked:
    """The masked text of one paragraph or cell, read element by element (``masked_text``)."""

    __slots__ = ("prefix", "mask", "out", "open_marks", "masked")

    def __init__(self, prefix: str, mask: str) -> None:
        self.prefix, self.mask = prefix, mask
        self.out: list[str] = []
        self.open_marks: set[str] = set()
        self.masked = False

    def add(self, el: Element, tag: str) -> None:
        if tag == START:
            if (el.get(NAME) or "").startswith(self.prefix):
                self.open_marks.add(el.get(_ID) or "")
                if not self.masked:
                    self.out.append(self.mask)
                    self.masked = True
        elif tag == END:
            self.open_marks.discard(el.get(_ID) or "")
            self.masked = bool(self.open_marks)
        elif not self.open_marks:
            self.out.append("\t" if tag == runs.TAB else el.text or "")

    def text(self) -> str:
        return "".join(self.out)


def rename(start: Element, name: str) -> None:
    start.set(NAME, name)


def name_of(start: Element) -> str:
    return start.get(NAME) or ""


def renumber(start: Element, end: Element, new_id: int) -> None:
    """A bookmark's two marks given another id (one not taken in its part)."""
    start.set(_ID, str(new_id))
    end.set(_ID, str(new_id))


def remove(start: Element, end: Element | None) -> None:
    """A bookmark taken out (the text it held stays)."""
    for el in (start, end):
        if el is not None and el.getparent() is not None:
            _remove(el)


def within(root: Element, prefix: str) -> list[tuple[Element, Element | None]]:
    """Every bookmark under root whose name starts with prefix, as (start, its end under root or None)."""
    ends = {el.get(_ID): el for el in root.iter(END)}
    return [(el, ends.get(el.get(_ID))) for el in root.iter(START) if (el.get(NAME) or "").startswith(prefix)]

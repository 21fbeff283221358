"""Bookmarks (w:bookmarkStart, w:bookmarkEnd): ids, bookmarks put around runs, the text inside them."""

from __future__ import annotations

from lxml import etree

from drafter.oxml import NSMAP, Element, escape_attribute, fragment, qn
from drafter.oxml import run as runs

START, END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_ID, NAME = qn("w:id"), qn("w:name")
#: The ids given (an unnumbered bookmark's is empty: ``around_xml``).
_EVERY_ID = etree.XPath("//@w:id[. != '']", namespaces=NSMAP)
_ANNOTATION_IDS = etree.XPath("//*[not(self::w:footnoteReference or self::w:endnoteReference)]/@w:id[. != '']",
                              namespaces=NSMAP)


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


def texts_inside(root: Element, prefix: str) -> dict[str, tuple[str, Element]]:
    """The text inside each bookmark whose name starts with prefix (without note calls), by the
    rest of its name, with its start; the first bookmark of a name counts."""
    open_marks: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    starts: dict[str, Element] = {}
    for el in root.iter(START, END, runs.T):
        if el.tag == START:
            name = el.get(NAME) or ""
            if name.startswith(prefix):
                rest = name[len(prefix):]
                open_marks[el.get(_ID)] = rest
                texts.setdefault(rest, [])
                starts.setdefault(rest, el)
        elif el.tag == END:
            open_marks.pop(el.get(_ID), None)
        else:
            run = el.getparent()
            if run is not None and runs.is_call(run):
                continue
            for rest in open_marks.values():
                texts[rest].append(el.text or "")
    return {rest: ("".join(t), starts[rest]) for rest, t in texts.items()}

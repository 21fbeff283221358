"""Bookmarks (w:bookmarkStart, w:bookmarkEnd): ids, bookmarks put around runs, the text inside them."""

from __future__ import annotations

from lxml import etree

from drafter.oxml import NSMAP, Element, escape_attribute, fragment, qn
from drafter.oxml import run as runs

START, END = qn("w:bookmarkStart"), qn("w:bookmarkEnd")
_ID, _NAME = qn("w:id"), qn("w:name")
_EVERY_ID = etree.XPath("//@w:id", namespaces=NSMAP)
_ANNOTATION_IDS = etree.XPath("//*[not(self::w:footnoteReference or self::w:endnoteReference)]/@w:id",
                              namespaces=NSMAP)


def next_id(root: Element, *, with_note_references: bool = False) -> int:
    """An id for a new bookmark: above every w:id of the part's bookmarks, comments and
    revisions (they share one space of ids); with_note_references: above the ids of its
    note references too (they number notes, not marks, but taking them into account is
    harmless, and figures' bookmarks have always been numbered so)."""
    ids = (_EVERY_ID if with_note_references else _ANNOTATION_IDS)(root)
    return max((int(v) for v in ids if v.lstrip("-").isdigit()), default=-1) + 1


def around(marked: list[tuple[Element, str]], first_id: int) -> None:
    """A bookmark around each run (run, name), their ids from first_id up in this order.

    The bookmarks' elements are parsed from their text at once and then moved into place:
    an answer with a long table puts thousands, and one parse makes them many times faster
    than making them one by one."""
    if not marked:
        return
    made = iter(fragment("".join(
        f'<w:bookmarkStart w:id="{first_id + i}" w:name="{escape_attribute(name)}"/><w:bookmarkEnd w:id="{first_id + i}"/>'
        for i, (_, name) in enumerate(marked))))
    for run, _ in marked:
        run.addprevious(next(made))
        run.addnext(next(made))


def texts_inside(root: Element, prefix: str) -> dict[str, tuple[str, Element]]:
    """The text inside each bookmark whose name starts with prefix (without note calls), by the
    rest of its name, with its start; the first bookmark of a name counts."""
    open_marks: dict[str, str] = {}
    texts: dict[str, list[str]] = {}
    starts: dict[str, Element] = {}
    for el in root.iter(START, END, runs.T):
        if el.tag == START:
            name = el.get(_NAME) or ""
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

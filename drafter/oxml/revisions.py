"""Tracked changes (revisions): text replaced, a paragraph or a table deleted or inserted, as Word
records a change a person can accept or reject (Review > Accept, Reject).

A change is marked where it stands: ``w:del`` around the runs taken out (their text in
``w:delText``), ``w:ins`` around the runs put in; a paragraph whose mark (the end of the
paragraph) is deleted or inserted carries ``w:del`` or ``w:ins`` in its mark's properties
(``w:pPr/w:rPr``); a table row deleted or inserted carries it in ``w:trPr``. Each change has an
author and a date, and an id from the part's one space of ids (shared with bookmarks and
comments). Word and LibreOffice show them and offer accept and reject.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Iterator

from drafter.oxml import XML, Element, order, qn
from drafter.oxml import bookmarks as bookmark_marks
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import run as runs

INS, DEL, DEL_TEXT, DEL_INSTR = qn("w:ins"), qn("w:del"), qn("w:delText"), qn("w:instrText")
_DEL_INSTR_TEXT, _RPR, _PPR, _TRPR, _TR = (qn("w:delInstrText"), qn("w:rPr"), qn("w:pPr"), qn("w:trPr"),
                                           qn("w:tr"))
_ID, _AUTHOR, _DATE = qn("w:id"), qn("w:author"), qn("w:date")
_SPACE = f"{{{XML}}}space"
#: What may stand between the runs a change wraps and still be wrapped with them.
_INLINE_MARKS = frozenset({bookmark_marks.START, bookmark_marks.END, qn("w:proofErr")})


@dataclass
class Revisions:
    """The changes of one part being made: their author, their date and their ids."""

    root: Element  # the part, whose ids the changes' ids must not repeat
    author: str
    date: dt.datetime
    _ids: Iterator[int] = field(init=False)

    def __post_init__(self) -> None:
        self._ids = itertools.count(bookmark_marks.next_id(self.root, with_note_references=False))
        if self.date.tzinfo is not None:  # Word records a change's time in UTC
            self.date = self.date.astimezone(dt.timezone.utc)

    def mark(self, tag: str) -> Element:
        """A new change element (w:ins, w:del) with its id, author and date."""
        return self.root.makeelement(tag, {_ID: str(next(self._ids)), _AUTHOR: self.author, _DATE: self.stamp})

    @property
    def stamp(self) -> str:
        """The changes' date and time as Word records it."""
        return self.date.strftime("%Y-%m-%dT%H:%M:%SZ")

    def next_id(self) -> int:
        """An id for a new bookmark put in among the changes."""
        return next(self._ids)


# --------------------------------------------------------------------------- text


def deleted(run: Element) -> None:
    """A run's text made deleted text (w:delText, w:delInstrText), as it stands inside w:del."""
    for el in run:
        if el.tag == runs.T:
            el.tag = DEL_TEXT
            el.set(_SPACE, "preserve")
        elif el.tag == DEL_INSTR:
            el.tag = _DEL_INSTR_TEXT


def replace_runs(between: list[Element], text: str, revisions: Revisions) -> Element:
    """The runs (and the marks among them, in one parent, in order) deleted as a tracked change,
    and ``text`` inserted after them in the first run's formatting; returns the inserted run."""
    first_run = next(el for el in between if el.tag == runs.R)
    new_run = first_run.makeelement(runs.R, dict(first_run.attrib))
    rpr = first_run.find(_RPR)
    if rpr is not None:
        new_run.append(copy.deepcopy(rpr))
    new_run.append(runs.new_text(text))
    removed = revisions.mark(DEL)
    between[0].addprevious(removed)
    for el in between:
        if el.tag == runs.R:
            deleted(el)
        removed.append(el)
    inserted = revisions.mark(INS)
    inserted.append(new_run)
    removed.addnext(inserted)
    return new_run


def runs_between(start: Element, end: Element | None) -> list[Element] | None:
    """The runs from a bookmark's start to its end, with the marks among them, when they stand
    in one parent (a paragraph, a link) with nothing else between; None otherwise."""
    found = []
    el = start.getnext()
    while el is not None and el is not end:
        if el.tag != runs.R and el.tag not in _INLINE_MARKS:
            return None
        found.append(el)
        el = el.getnext()
    if el is None or not any(f.tag == runs.R for f in found):
        return None
    while found and found[-1].tag != runs.R:  # marks after the last run stay where they are
        found.pop()
    while found and found[0].tag != runs.R:
        found.pop(0)
    return found


def changes_between(start: Element, end: Element | None) -> tuple[list[Element], list[Element]] | None:
    """The tracked deletions and insertions (w:del, w:ins) that stand from a bookmark's start to its
    end, when they do in one parent with at most marks between them and no run outside them; None
    otherwise (no tracked change there, or text that is not in one)."""
    removed: list[Element] = []
    inserted: list[Element] = []
    el = start.getnext()
    holder = start.getparent()
    if end is not None and holder is not None and holder.tag in (DEL, INS) and holder.getparent() is end.getparent():
        el = holder  # a bookmark's start may be kept inside the change that begins where it stands
    while el is not None and el is not end:
        if el.tag == DEL:
            removed.append(el)
        elif el.tag == INS:
            inserted.append(el)
        elif el.tag not in _INLINE_MARKS:
            return None
        el = el.getnext()
    if el is None or not inserted:
        return None
    return removed, inserted


def author_of(change: Element) -> str:
    return change.get(_AUTHOR, "")


def revise_insertion(removed: list[Element], inserted: list[Element], text: str, revisions: Revisions) -> None:
    """A text replaced as a tracked change not yet accepted or rejected (``removed`` deleted,
    ``inserted`` put in) made to put in ``text`` instead, dated now; the deletion stays as it was.
    When ``text`` is what was deleted, the change is withdrawn: the deleted runs are back, as a
    person's Reject gives them."""
    if text == "".join(el.text or "" for d in removed for el in d.iter(DEL_TEXT)):
        for change in removed:
            for el in change.iter(DEL_TEXT):
                el.tag = runs.T
            for el in change.iter(_DEL_INSTR_TEXT):
                el.tag = DEL_INSTR
            _unwrap(change)
        for change in inserted:
            change.getparent().remove(change)
        return
    first = next(r for change in inserted for r in change.iter(runs.R))
    for el in [c for c in first if c.tag != _RPR]:
        first.remove(el)
    first.append(runs.new_text(text))
    for change in inserted:
        for run in list(change.iter(runs.R)):
            if run is not first:
                run.getparent().remove(run)
    for change in inserted[1:]:
        change.getparent().remove(change)
    inserted[0].set(_DATE, revisions.stamp)


def _unwrap(el: Element) -> None:
    """An element replaced by its children."""
    parent = el.getparent()
    at = parent.index(el)
    for child in list(el):
        parent.insert(at, child)
        at += 1
    parent.remove(el)


def split_run_at(run: Element, at: int) -> Element:
    """Cut a run holding one text (w:t) at character ``at``: the run keeps what comes before, a new
    run of the same formatting after it holds the rest; returns the new run."""
    t = run.find(runs.T)
    second = copy.deepcopy(run)
    second_t = second.find(runs.T)
    second_t.text = (t.text or "")[at:]
    second_t.set(_SPACE, "preserve")
    t.text = (t.text or "")[:at]
    t.set(_SPACE, "preserve")
    run.addnext(second)
    return second


def _piece(child: Element) -> str | None:
    """What a run's child shows as text: its text (w:t), a tab; None for what is not text."""
    if child.tag == runs.T:
        return child.text or ""
    if child.tag == runs.TAB:
        return "\t"
    return None


def plain_text(p: Element) -> str:
    """The text of a paragraph's runs (those directly in it: their texts and tabs), as
    ``text_runs`` counts its characters."""
    return "".join(piece for r in p if r.tag == runs.R for c in r if (piece := _piece(c)) is not None)


def field_instructions(root: Element) -> list[Element]:
    """The field instructions (w:instrText) under root."""
    return list(root.iter(DEL_INSTR))


def _one_per_child(run: Element) -> list[Element]:
    """A run holding several texts and tabs cut into runs of one each, of the same formatting."""
    content = [c for c in run if c.tag != _RPR]
    if len(content) <= 1:
        return [run]
    rpr = run.find(_RPR)
    made = []
    for child in content:
        new = run.makeelement(runs.R, dict(run.attrib))
        if rpr is not None:
            new.append(copy.deepcopy(rpr))
        new.append(child)
        made.append(new)
    for new in reversed(made):
        run.addnext(new)
    run.getparent().remove(run)
    return made


def text_runs(p: Element, start: int, end: int) -> list[Element] | None:
    """The runs of a paragraph (directly in it) that hold exactly its characters start..end of
    ``plain_text``, cut where needed; None when that stretch holds something else than text (a
    tab, a note, a field) or crosses a link."""
    at = 0
    for run in [r for r in p if r.tag == runs.R]:  # first the runs the stretch touches, one text each
        length = sum(len(piece) for c in run if (piece := _piece(c)) is not None)
        if at < end and at + length > start:
            _one_per_child(run)
        at += length
    at = 0
    picked: list[Element] = []
    for run in list(p):
        if run.tag != runs.R:
            if picked and run.tag not in _INLINE_MARKS:
                return None
            continue
        content = [c for c in run if c.tag != _RPR]
        if not content:
            continue  # a run that shows nothing
        pieces = [_piece(c) for c in content]
        length = sum(len(piece) for piece in pieces if piece is not None)
        if at + length <= start and (length or not picked):
            at += length
            continue
        if at >= end:
            break
        if len(content) != 1 or content[0].tag != runs.T:
            return None  # a tab, a note call or a field inside the stretch
        piece = run
        if start > at:
            piece = split_run_at(run, start - at)
            length -= start - at
            at = start
        if at + length > end:
            split_run_at(piece, end - at)
            length = end - at
        picked.append(piece)
        at += length
    return picked if picked and at >= end else None


# --------------------------------------------------------------------------- paragraphs and tables


def _mark_paragraph(p: Element, tag: str, revisions: Revisions) -> None:
    ppr = paragraphs.properties(p)
    rpr = order.get_or_add(ppr, "w:rPr")
    order.insert(rpr, revisions.mark(tag))


def _wrap_runs(p: Element, tag: str, revisions: Revisions) -> None:
    """Every run of a paragraph (also those in links, content controls and someone's insertion)
    inside one change of its own per parent; runs deleted already stay as they are."""
    if tag == DEL:
        for own in [el for el in p.iter(INS) if el.get(_AUTHOR) == revisions.author and el.getparent().tag != _RPR]:
            own.getparent().remove(own)  # deleting one's own insertion takes it out, as Word does
    for parent in [p, *p.iter(qn("w:hyperlink"), qn("w:sdtContent"), qn("w:smartTag"), INS, qn("w:moveTo"))]:
        if parent.tag in (INS, qn("w:moveTo")) and (tag == INS or parent.getparent().tag == _RPR):
            continue  # inserted already; a paragraph mark's
        group: list[Element] = []
        for el in list(parent):
            if el.tag == runs.R:
                group.append(el)
                continue
            _wrap(group, tag, revisions)
            group = []
        _wrap(group, tag, revisions)


def _wrap(group: list[Element], tag: str, revisions: Revisions) -> None:
    if not group:
        return
    wrapper = revisions.mark(tag)
    group[0].addprevious(wrapper)
    for run in group:
        if tag == DEL:
            deleted(run)
        wrapper.append(run)


def delete_paragraph(p: Element, revisions: Revisions) -> None:
    """A whole paragraph deleted as a tracked change: its runs and its mark."""
    _wrap_runs(p, DEL, revisions)
    _mark_paragraph(p, DEL, revisions)


def insert_paragraph(p: Element, revisions: Revisions) -> None:
    """A whole paragraph (put in place already) marked inserted as a tracked change."""
    _wrap_runs(p, INS, revisions)
    _mark_paragraph(p, INS, revisions)


def replace_paragraph_content(p: Element, new: Element, revisions: Revisions) -> None:
    """A paragraph's runs deleted and the runs of ``new`` (another paragraph, its properties left
    out) inserted after them, as tracked changes; the paragraph keeps its own properties."""
    old_runs = [el for el in p if el.tag != _PPR]
    if old_runs:
        removed = revisions.mark(DEL)
        old_runs[0].addprevious(removed)
        for el in old_runs:
            if el.tag == runs.R:
                deleted(el)
            removed.append(el)
        anchor = removed
    else:
        anchor = None
    inserted = revisions.mark(INS)
    for el in new:
        if el.tag != _PPR:
            inserted.append(copy.deepcopy(el))
    if anchor is not None:
        anchor.addnext(inserted)
    else:
        p.append(inserted)


def _mark_row(tr: Element, tag: str, revisions: Revisions) -> None:
    trpr = tr.find(_TRPR)
    if trpr is None:
        trpr = tr.makeelement(_TRPR)
        order.insert(tr, trpr)
    order.insert(trpr, revisions.mark(tag))


def delete_table(tbl: Element, revisions: Revisions) -> None:
    """A whole table deleted as a tracked change: every row, and every paragraph in its cells."""
    for tr in tbl.iter(_TR):
        _mark_row(tr, DEL, revisions)
    for p in tbl.iter(paragraphs.P):
        delete_paragraph(p, revisions)


def insert_table(tbl: Element, revisions: Revisions) -> None:
    """A whole table (put in place already) marked inserted as a tracked change."""
    for tr in tbl.iter(_TR):
        _mark_row(tr, INS, revisions)
    for p in tbl.iter(paragraphs.P):
        insert_paragraph(p, revisions)


def inserted_texts(root: Element) -> list[str]:
    """The visible text of each tracked insertion of text under root."""
    return [paragraphs.text_of(change) for change in root.iter(INS)]
_MOVE_FROM, _MOVE_TO = qn("w:moveFrom"), qn("w:moveTo")


def pending_authors(root: Element) -> list[str]:
    """The author of each tracked change under root still to be accepted or rejected: text inserted,
    deleted or moved, a paragraph mark or a table row inserted or deleted ('' when it names none)."""
    return [element.get(_AUTHOR) or "" for element in root.iter(INS, DEL, _MOVE_FROM, _MOVE_TO)]


def revisions_in(root: Element) -> list[Element]:
    """The tracked changes under root (w:ins and w:del, also those of paragraph marks and rows)."""
    return list(root.iter(INS, DEL))


"""Gaps: what an answer still shows to be filled in, and where, as a Word user finds it.

A gap is a placeholder drafter wrote where it knew nothing (an answer part still to write, a
date or a person the register does not give, a figure the data marks as unknown), in every
language drafter writes, or one of the house's own markers a person left to fill in later
(``[check] gap_markers`` in drafter.toml: ``XXX``, ``[invullen]``). The same search reads a
draft drafter just made and an answer a person edited, so `check`, `answer`, `batch`,
`verify` and `status` count the same gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable

from drafter.i18n import _, ngettext
from drafter.load.questions import UNKNOWN_PERSON
from drafter.oxml import document, footnotes, opc, revisions
from drafter.oxml import paragraph as paragraphs
from drafter.view.formatting import WORDS
from drafter.word.places import Layout, clean, snippet


class GapKind(StrEnum):
    """What a gap stands for (the values are those of the JSON output)."""

    ANSWER = "answer"  # an answer part still to write
    DATE = "date"  # a date drafter did not know
    PERSON = "person"  # a person drafter did not know (N.N.)
    FIGURE = "figure"  # a figure the data marks as unknown (a table cell '..')
    MARKER = "marker"  # one of the house's own markers


@dataclass(frozen=True)
class Marker:
    """A text that marks a gap."""

    text: str
    kind: GapKind
    whole_cell: bool = False  # a gap only as the whole of a table cell ('..' is a gap there, not in '1..3')
    any_case: bool = False  # found in any case (a house marker: 'xxx' as 'XXX')


@dataclass(frozen=True)
class Gap:
    """One gap found in an answer."""

    text: str  # as the answer shows it
    kind: GapKind
    where: str  # short, for a list: 'paragraph 7', 'table 1, row "2016", column "VAK"', 'footnote 2', 'header'
    place: str  # with the paragraph's text around it: 'paragraph 7, "1. [antwoord nog te schrijven]"'

    def as_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "place": self.place}


def own_markers() -> tuple[Marker, ...]:
    """drafter's own placeholders, in every language it writes: the answer still to write, the
    unknown date, the unknown person and, as a whole table cell, the unknown figure."""
    found: dict[str, Marker] = {}
    for words in WORDS.values():
        for key, kind in (("answer_to_write", GapKind.ANSWER), ("unknown_date", GapKind.DATE)):
            found.setdefault(words[key], Marker(words[key], kind))
        found.setdefault(words["placeholder_unknown"], Marker(words["placeholder_unknown"], GapKind.FIGURE, True))
    found.setdefault(UNKNOWN_PERSON, Marker(UNKNOWN_PERSON, GapKind.PERSON))
    return tuple(found.values())


def markers(house: Iterable[str] = ()) -> tuple[Marker, ...]:
    """drafter's own markers and the house's (drafter.toml's [check] gap_markers)."""
    own = own_markers()
    known = {m.text.casefold() for m in own}
    return own + tuple(Marker(text, GapKind.MARKER, any_case=True) for text in dict.fromkeys(house)
                       if text.casefold() not in known)


class _Finder:
    """One search for every marker in a text: the longest first, so '[datum onbekend]' is one gap."""

    def __init__(self, found_in: tuple[Marker, ...]) -> None:
        inline = sorted((m for m in found_in if not m.whole_cell), key=lambda m: -len(m.text))
        self.kinds = {m.text.casefold() if m.any_case else m.text: m for m in inline}
        self.pattern = re.compile("|".join(_pattern(m) for m in inline)) if inline else None
        self.cells = {m.text: m for m in found_in if m.whole_cell}

    def in_text(self, text: str) -> list[tuple[str, GapKind]]:
        if self.pattern is None or not text:
            return []
        out = []
        for match in self.pattern.finditer(text):
            shown = match.group(0)
            marker = self.kinds.get(shown) or self.kinds.get(shown.casefold())
            out.append((shown, marker.kind if marker is not None else GapKind.MARKER))
        return out

    def may_hold(self, text: str) -> bool:
        """Whether a stretch of text (a whole table's) may hold a gap: most tables hold none, and
        looking at their text at once costs a fraction of looking cell by cell."""
        return bool(self.pattern is not None and self.pattern.search(text)) or any(c in text for c in self.cells)

    def in_cell(self, text: str) -> list[tuple[str, GapKind]]:
        marker = self.cells.get(text)
        return [(text, marker.kind)] if marker is not None else self.in_text(text)


def _pattern(marker: Marker) -> str:
    text = re.escape(marker.text)
    if marker.any_case:
        return f"(?i:{text})"
    if marker.text[:1].isalnum():  # a marker that starts or ends as a word is a word of its own: N.N., not N.N.V.
        text = r"(?<![\w.])" + text
    if marker.text[-1:].isalnum() or marker.text.endswith("."):
        text += r"(?!\w)"
    return text


#: The header and footer parts, as Word and LibreOffice name them.
_HEADER_OR_FOOTER = re.compile(r"^word/(header|footer)\d*\.xml$")


def find_gaps(package: opc.Package | dict[str, bytes], found_in: tuple[Marker, ...]) -> tuple[Gap, ...]:
    """Every gap in an answer, in reading order: the text (paragraphs, then table cells), the
    footnotes and endnotes, the headers and footers. `package`: the answer's parts (bytes, or a
    package whose trees are parsed already). oxml.XMLSyntaxError: a part that is not XML."""
    if not isinstance(package, opc.Package):
        package = opc.Package(package)
    finder = _Finder(found_in)
    notes = (footnotes.PART, footnotes.ENDNOTES_PART)
    others = [*notes, *sorted(p for p in package.names() if _HEADER_OR_FOOTER.match(p))]
    # a note or header part whose text holds no marker at all is not looked at paragraph by
    # paragraph (nor is a table of the text: see _in_body)
    holding = {name for name in others if name in package and finder.may_hold(paragraphs.all_text(package.read(name)))}
    root = package.read(opc.MAIN_DOCUMENT)
    body = document.body_of(root)
    gaps = _in_body(finder, Layout(body if body is not None else root))
    for part, label, endnotes in ((footnotes.PART, _("footnote {number}"), False),
                                  (footnotes.ENDNOTES_PART, _("endnote {number}"), True)):
        if part not in holding:
            continue
        shown_numbers = footnotes.numbers(root, endnotes=endnotes)
        for note_id, note in footnotes.written_notes(package.read(part)):
            gaps += _in(finder, clean(paragraphs.text_of(note)), label.format(number=shown_numbers.get(note_id, note_id)))
    for part in others[2:]:
        if part in holding:
            where = _("header") if "/header" in part else _("footer")
            for place in paragraphs.places(package.read(part)):
                gaps += _in(finder, clean(paragraphs.own_text(place.paragraph)), where)
    return tuple(gaps)


def _in_body(finder: _Finder, layout: Layout) -> list[Gap]:
    """The gaps in the main text: its paragraphs, then its tables' cells (a table whose text
    holds no marker is passed over at once)."""
    gaps = []
    for p in layout.paragraphs:
        for shown, kind in finder.in_text(clean(paragraphs.own_text(p))):
            gaps.append(Gap(shown, kind, _("paragraph {number}").format(number=layout.paragraph_number[p]),
                            layout.text_place(p, shown).shown()))
    for t, table in enumerate(layout.tables):
        if not finder.may_hold(paragraphs.all_text(table.element)):
            continue
        for r in range(len(table.rows)):
            for c in range(len(table.cells(r))):
                for shown, kind in finder.in_cell(table.value(r, c)):
                    place = layout.cell_place(t, r, c).shown()
                    gaps.append(Gap(shown, kind, place, place))
    return gaps


def _in(finder: _Finder, text: str, where: str) -> list[Gap]:
    """The gaps in a text outside the body (a note, a header), with the text around each."""
    return [Gap(shown, kind, where, _('{where}, "{text}"').format(where=where, text=snippet(text, shown)))
            for shown, kind in finder.in_text(text)]


#: A list of gaps names at most this many places; the rest are counted.
LISTED = 10


def gap_list(gaps: tuple[Gap, ...]) -> str:
    """The gaps for a message, by marker, each with its places: "'N.N.' at paragraph 1 (2 times),
    paragraph 4; '..' at table 1, row "2016", column "VAK"" (the first LISTED gaps, then how many more)."""
    by_text: dict[str, dict[str, int]] = {}
    for gap in gaps[:LISTED]:
        places = by_text.setdefault(gap.text, {})
        places[gap.where] = places.get(gap.where, 0) + 1
    listed = "; ".join(
        _("'{marker}' at {places}").format(marker=text, places=", ".join(
            where if times == 1 else _("{place} ({count} times)").format(place=where, count=times)
            for where, times in places.items()))
        for text, places in by_text.items())
    if len(gaps) > LISTED:
        listed += "; " + ngettext("and {count} more", "and {count} more", len(gaps) - LISTED).format(
            count=len(gaps) - LISTED)
    return listed


def gaps_sentence(gaps: tuple[Gap, ...]) -> str:
    """'3 gaps to fill in: ...' for a message ('' when there are none)."""
    if not gaps:
        return ""
    return ngettext("{count} gap to fill in: {gaps}", "{count} gaps to fill in: {gaps}", len(gaps)).format(
        count=len(gaps), gaps=gap_list(gaps))


def tracked_changes(package: opc.Package | dict[str, bytes]) -> tuple[str, ...]:
    """The author of each tracked change an answer still holds, in its text, notes, headers and
    footers: what Word shows as markup until someone accepts or rejects it, so what a PDF or a
    bundle made of the answer would show too. oxml.XMLSyntaxError: a part that is not XML."""
    if not isinstance(package, opc.Package):
        package = opc.Package(package)
    names = [opc.MAIN_DOCUMENT, footnotes.PART, footnotes.ENDNOTES_PART,
             *sorted(p for p in package.names() if _HEADER_OR_FOOTER.match(p))]
    return tuple(author for name in names if name in package for author in revisions.pending_authors(package.read(name)))


def authors_text(authors: tuple[str, ...]) -> str:
    """The authors of tracked changes, each once, as a message names them."""
    return ", ".join(sorted({a for a in authors if a})) or _("an unnamed author")


def tracked_sentence(authors: tuple[str, ...]) -> str:
    """What a person reads about the tracked changes an answer still holds, and what to do."""
    names = authors_text(authors)
    return _("tracked changes by {authors} are still to be accepted or rejected in Word (Review > Accept, "
             "Reject)").format(authors=names)

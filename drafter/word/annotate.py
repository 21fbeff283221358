"""A copy of a Word template with a Word comment at each problem's paragraph or table cell.

`drafter check --annotate` shows its problems where a template's author looks: in Word's
comments pane, on the paragraph ("paragraph 17") or table cell ("table 1, row 2, cell 1")
a problem names. A problem of a header, a footer or the package as a whole is put on the
first paragraph, saying where it is. The copy is an ordinary .docx (comments part, its
relationship and content type), so Word and LibreOffice open it.
"""

from __future__ import annotations

import re

from drafter import places as place_words
from drafter.i18n import _
from drafter.oxml import Element, comments, document, opc
from drafter.oxml import paragraph as paragraphs

AUTHOR = "drafter check"
INITIALS = "DC"

_SLOT = "\x00"


def _pattern(phrase: str) -> re.Pattern:
    """A place phrase made with _SLOT for each number, as a pattern that reads the numbers back."""
    return re.compile("^" + r"(\d+)".join(re.escape(piece) for piece in phrase.split(_SLOT)) + r"\b")


def _locate(places: list[paragraphs.Place], place: str | None) -> Element | None:
    """The paragraph a place names, numbered as the template's messages number them (in the
    language in use, drafter/places.py); None when it names none."""
    if not place:
        return None
    m = _pattern(place_words.paragraph(_SLOT)).match(place)
    if m:
        wanted = int(m.group(1))
        return next((p.paragraph for p in places if p.number == wanted), None)
    m = _pattern(place_words.table_cell(_SLOT, _SLOT, _SLOT)).match(place)
    if m:
        wanted_cell = tuple(int(g) for g in m.groups())
        return next((p.paragraph for p in places if (p.table, p.row, p.cell) == wanted_cell), None)
    return None


def annotate(parts: dict[str, bytes], notes: list[tuple[str | None, str]]) -> tuple[bytes, int]:
    """The template's bytes with a comment for each (place, text); and how many were placed
    on the paragraph their place names (the others are on the first paragraph)."""
    package = opc.Package(parts)
    body = document.body_of(package.edit(opc.MAIN_DOCUMENT))
    places = paragraphs.places(body)
    if places:
        first = places[0].paragraph
    else:
        first = paragraphs.new(body)
        body.insert(0, first)
    made = comments.new_part()
    placed = 0
    for number, (place, text) in enumerate(notes):
        paragraph = _locate(places, place)
        if paragraph is not None:
            placed += 1
        else:
            paragraph = first
            text = f"({place}) {text}" if place else _("(the template as a whole) {text}").format(text=text)
        comments.add(made, paragraph, number, text, AUTHOR, INITIALS)
    package.add_part(comments.PART, made, comments.CONTENT_TYPE, comments.RELATIONSHIP)
    return opc.write_zip(package.parts()), placed

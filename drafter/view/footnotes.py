"""Real Word footnotes: collected while an answer renders, placed when it is finished.

A template (or a text from the data) calls ``footnote(text)``. Rendering cannot write Word
XML in the middle of a text, so the call only records the note here and returns a
placeholder token: a private-use character, the note's number, another private-use
character. These characters never occur in real text and pass unchanged through Jinja's
escaping, through the texts of the view and through the XML of the rendered document. The
finish pass (``finish.place_footnotes``) then finds each token in the document's text and
puts a real footnote reference there, with the note in ``word/footnotes.xml``.

One collector serves one answer: `view.build_view` puts it in the render context under
`jinja.FOOTNOTES_KEY`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.errors import DrafterError
from drafter.i18n import _
from drafter.view.figures import strip_marks

TOKEN_START = "\ue000"
TOKEN_END = "\ue001"
#: A placeholder in rendered text: group 1 is the collector's number of the note.
TOKEN_RE = re.compile(TOKEN_START + r"(\d+)" + TOKEN_END)
#: The same, in the UTF-8 bytes of a rendered part.
TOKEN_RE_BYTES = re.compile(TOKEN_RE.pattern.encode("utf-8"))
#: The largest id Word reads for a note (the schema's ST_DecimalNumber for notes), less the
#: separator notes every footnotes part has (ids 0 and 1 in Word's own).
MAX_NOTE_ID = 32767
MAX_FOOTNOTES = MAX_NOTE_ID - 1


def token(number: int) -> str:
    return f"{TOKEN_START}{number}{TOKEN_END}"


@dataclass(frozen=True)
class Footnote:
    number: int  # the collector's number (in the token), not Word's id or visible number
    text: str
    key: str | None = None


@dataclass
class FootnoteCollector:
    """The footnotes asked for while one answer renders, by token number.

    ``add(text)`` makes a new footnote at each call, as Word does. ``add(text, key=...)``
    makes one footnote per key: every place that uses the key shows that note's number
    (the first place holds the note; the others refer to it, as Word's cross-references do).
    """

    notes: list[Footnote] = field(default_factory=list)
    _by_key: dict[str, Footnote] = field(default_factory=dict, repr=False)

    def add(self, text, key: str | None = None) -> str:
        text = _clean(text)
        if key is not None:
            key = str(key)
            known = self._by_key.get(key)
            if known is not None:
                if known.text != text:
                    raise DrafterError(
                        _("footnote key {key} is used for two different texts: {first} and {second}").format(
                            key=repr(key), first=repr(known.text), second=repr(text)),
                        hint=_("Give each footnote text its own key, or the same text each time."),
                    )
                return token(known.number)
        if len(self.notes) >= MAX_FOOTNOTES:  # refused at the tag that makes one too many, before any work
            raise DrafterError(_("this footnote() makes more than {count} footnotes, more than Word can number").format(
                                   count=f"{MAX_FOOTNOTES:,}"),
                               hint=_("Use fewer footnote() calls: notes that repeat take a key "
                                      "(footnote(text, key=...)); long lists of sources belong under a table."))
        note = Footnote(len(self.notes) + 1, text, key)
        self.notes.append(note)
        if key is not None:
            self._by_key[key] = note
        return token(note.number)

    def get(self, number: int) -> Footnote | None:
        if 1 <= number <= len(self.notes):
            return self.notes[number - 1]
        return None

    def __len__(self) -> int:
        return len(self.notes)


def _clean(text) -> str:
    if text is None:
        raise DrafterError(_("a footnote has no text (None)"),
                           hint=_("Give footnote() a text, or test for the value first."))
    if hasattr(text, "unescape"):  # Markup from an autoescaping template: the plain text it stands for
        text = text.unescape()
    text = strip_marks(str(text)).strip()  # a figure in a footnote is not traced (figures.py)
    if not text:
        raise DrafterError(_("a footnote has an empty text"), hint=_("Give footnote() a text."))
    if TOKEN_START in text or TOKEN_END in text:
        raise DrafterError(
            _("a footnote cannot hold another footnote"),
            hint=_("Call footnote() in the text of the answer, not inside the text of another footnote."),
        )
    return text


def has_token(data: bytes) -> bool:
    """Whether a rendered part (UTF-8 XML) still holds a footnote placeholder."""
    return TOKEN_START.encode("utf-8") in data and TOKEN_RE_BYTES.search(data) is not None

"""Note numbering: numbers by first appearance, a note used twice keeps its number.

A NoteSeries is fed note keys in reading order (for a table: title, column headers, then
row by row, left to right). It returns the note for each call and keeps the notes in number
order, so that each is printed once. A series serves one table (or one answer part), or the
whole document, as the house style says.

How a call looks depends on the note style:
- parentheses: "(1)" after the value, the Belgian convention; the notes are printed under the table;
- superscript: a raised "1"; the notes are printed under the table, each after its raised number;
- footnotes: a real Word footnote at the foot of the page, numbered by Word.
Raised numbers and footnotes are written into the text as tokens (private-use characters that
no real text holds); the finishing passes turn them into Word runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from drafter.errors import DataError
from drafter.i18n import _

#: A raised (superscript) note call: SUP_OPEN + "1" + SUP_CLOSE in the text.
SUP_OPEN, SUP_CLOSE = "\ue002", "\ue003"
NBSP = "\u00a0"


def superscript(text: str) -> str:
    return f"{SUP_OPEN}{text}{SUP_CLOSE}"


@dataclass(frozen=True)
class Note:
    number: int
    key: str
    text: str
    style: str = "parentheses"
    list_style: str = "as_called"  # its label under the table: as_called, plain, parentheses or raised

    @property
    def marker(self) -> str:
        """How the note is labelled where it is printed (under the table or the answer part):
        as it is called, unless the house style labels the list otherwise ('1 text' under raised calls)."""
        label = self.list_style if self.list_style != "as_called" else \
            ("raised" if self.style == "superscript" else "parentheses")
        if label == "raised":
            return superscript(str(self.number))
        if label == "plain":
            return str(self.number)
        return f"({self.number})"

    @property
    def printed(self) -> bool:
        return self.style != "footnotes"


@dataclass
class NoteSeries:
    """One run of note numbers (one table's or answer part's, or one document's)."""

    resolve: Callable[[str, str], str]  # (key, used_at) -> rendered note text; raises for an unknown key
    style: str = "parentheses"
    footnote: Callable[[str, str], str] | None = None  # (text, key) -> footnote token
    list_style: str = "as_called"  # how its notes are labelled under the table (Note.marker)
    notes: list[Note] = field(default_factory=list)
    _by_key: dict[str, Note] = field(default_factory=dict)

    def note(self, key: str, used_at: str) -> tuple[Note, bool]:
        """The note for key, and whether this call is its first."""
        note = self._by_key.get(key)
        if note is not None:
            return note, False
        note = Note(len(self.notes) + 1, key, self.resolve(key, used_at), self.style, str(self.list_style))
        self.notes.append(note)
        self._by_key[key] = note
        return note, True

    def calls(self, notes: list[Note]) -> str:
        """The text of the calls to these notes, as they follow a value."""
        if not notes:
            return ""
        if self.style == "superscript":
            return superscript(",".join(str(n.number) for n in notes))
        if self.style == "footnotes":
            if self.footnote is None:
                raise RuntimeError("footnote style without a footnote collector")
            return "".join(self.footnote(n.text, n.key) for n in notes)
        return NBSP.join(f"({n.number})" for n in notes)

    def attach(self, value: str, calls: str) -> str:
        """A value followed by its calls: '14.250.000 (2)', '14.250.000²'."""
        if not calls:
            return value
        if not value:
            return calls
        return value + (NBSP if self.style == "parentheses" else "") + calls


def unknown_note(key: str, used_at: str, catalog_file: str | None, known) -> DataError:
    if catalog_file is None:
        return DataError(
            _("unknown note key '{key}' (used at {place}): the register names no notes file").format(key=key,
                                                                                                  place=used_at),
            hint=_("Add 'notes: notes.yaml' to the register and define the note there."),
        )
    return DataError(
        _("unknown note key '{key}' (used at {place})").format(key=key, place=used_at),
        file=catalog_file,
        hint=(_("Define '{key}:' in the notes file, or correct the key (known keys: {keys}).").format(
            key=key, keys=", ".join(sorted(known))) if known else
              _("Define '{key}:' in the notes file, or correct the key (known keys: none).").format(key=key)),
    )

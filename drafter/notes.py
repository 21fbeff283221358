"""Note numbering: numbers by first appearance, a note used twice keeps its number.

A NoteSeries is fed note keys in reading order (for a table: title, column headers, then
row by row, left to right). It returns the number of each call and keeps the notes in
number order, so that each is printed once under the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import DataError


@dataclass(frozen=True)
class Note:
    number: int
    key: str
    text: str

    @property
    def marker(self) -> str:
        return f"({self.number})"


@dataclass
class NoteSeries:
    """One run of note numbers (one table's, or one document's)."""

    resolve: callable  # key -> rendered note text; raises for an unknown key
    notes: list[Note] = field(default_factory=list)
    _by_key: dict[str, Note] = field(default_factory=dict)

    def call(self, key: str, used_at: str) -> Note:
        note = self._by_key.get(key)
        if note is None:
            note = Note(len(self.notes) + 1, key, self.resolve(key, used_at))
            self.notes.append(note)
            self._by_key[key] = note
        return note


def unknown_note(key: str, used_at: str, catalog_file: str, known) -> DataError:
    return DataError(
        f"unknown note key '{key}' (used at {used_at})",
        file=catalog_file,
        hint=f"Define '{key}:' in the notes file, or correct the key (known keys: {', '.join(sorted(known)) or 'none'}).",
    )

"""The register's notes file: note texts by key, one text or one per language."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from drafter import places
from drafter.errors import DataError, Problem, display_path
from drafter.i18n import _
from drafter.load.yamlfile import LineDict, load_yaml


@dataclass(frozen=True)
class NoteCatalog:
    """Note texts by key (a Jinja2 text each), from the register's notes file.

    A note is one text for every language, or a text per language (nl, fr, en, ...): an
    answer takes the text in its own language.
    """

    path: Path | None
    texts: dict[str, str | dict[str, str]]
    lines: dict[str, int]  # key -> the line of its text (of its first text, with several languages)
    language_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, language) -> line

    @property
    def file(self) -> str:
        return display_path(self.path) if self.path else _("(no notes file)")

    def text(self, key: str, language: str) -> str:
        """The note's text for an answer in this language (the key must exist)."""
        text = self.texts[key]
        if isinstance(text, str):
            return text
        if language not in text:
            raise DataError(
                _("the note '{key}' has no text in the answer's language ({language})").format(key=key, language=language),
                file=self.file,
                place=places.line(self.lines.get(key, 0)),
                hint=_("Add '{language}: ...' under '{key}:' (it has: {languages}).").format(
                    language=language, key=key, languages=", ".join(text)),
            )
        return text[language]

    def line(self, key: str, language: str) -> int:
        """The line of the note's text in this language (for messages)."""
        return self.language_lines.get((key, language), self.lines.get(key, 0))

    def variants(self):
        """(key, line, text) for every text of every note, to check them all."""
        for key, text in self.texts.items():
            if isinstance(text, str):
                yield key, self.lines.get(key, 0), text
            else:
                yield from ((key, self.line(key, lang), t) for lang, t in text.items())


def _note_text(value):
    """A note's text, or its texts by language; None when it is neither."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}", k) and isinstance(v, str) for k, v in value.items()
    ):
        return {k: " ".join(v.split()) for k, v in value.items()}
    return None


def load_notes(path: Path | None) -> NoteCatalog:
    if path is None:
        return NoteCatalog(None, {}, {})
    raw = load_yaml(path)
    if raw is None:
        return NoteCatalog(path, {}, {})
    if not isinstance(raw, LineDict):
        raise DataError(_("the notes file must map keys to texts (key: text)"), file=display_path(path))
    problems, texts, language_lines = [], {}, {}
    for key, value in raw.items():
        text = _note_text(value)
        if isinstance(value, LineDict):
            language_lines.update({(key, lang): value.line_of(lang) for lang in value})
        if not isinstance(key, str) or text is None:
            problems.append(Problem(_("note {key!r} must be a key with a text, or with a text per language").format(key=key),
                                    file=display_path(path), place=places.line(raw.line_of(key)),
                                    hint=_("Write 'key: text', or 'key:' with lines such as 'nl: ...' and 'fr: ...' "
                                           "under it.")))
        else:
            texts[key] = text
    if problems:
        raise DataError(problems=problems)
    return NoteCatalog(path, texts, dict(raw.lines), language_lines)

"""A YAML data file (e.g. evaluation measures), read by texts with attribute access."""

from __future__ import annotations

from pathlib import Path

from drafter import places
from drafter.errors import DataError, display_path
from drafter.i18n import _
from drafter.load.yamlfile import LineDict


class RecordData:
    """Structured data from YAML (e.g. evaluation measures), read with attribute access."""

    def __init__(self, name: str, path: Path, content: LineDict) -> None:
        self.name = name
        self.path = path
        self._content = content

    @property
    def file(self) -> str:
        return display_path(self.path)

    def __getattr__(self, key):
        content = self.__dict__.get("_content")
        if content is None or key.startswith("_"):
            raise AttributeError(key)
        if key in content:
            return _wrap(content[key])
        if key == "text" and "measures" in content:
            return self.text_of_measures()
        raise AttributeError(key)

    def text_of_measures(self) -> str:
        """The summary and every measure's text, as one paragraph."""
        parts = [self._content.get("summary", "")]
        for i, m in enumerate(self._content.get("measures") or []):
            if not isinstance(m, dict) or not isinstance(m.get("text"), str):
                raise DataError(_("every measure needs a 'text'"), file=self.file,
                                place=places.line(self._content["measures"].line_of(i)))
            parts.append(m["text"])
        return " ".join(" ".join(p.split()) for p in parts if p)


class _Record(dict):
    def __getattr__(self, key):
        try:
            return _wrap(self[key])
        except KeyError:
            raise AttributeError(key) from None  # a key the record lacks: the KeyError tells no more


def _wrap(value):
    if isinstance(value, dict):
        return _Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    if isinstance(value, str):
        return " ".join(value.split())
    return value

"""drafter's own record in every answer it writes: which question it answers, and a fingerprint of
all it wrote, so that an edit (anywhere) is told from an answer nobody touched since.

Both are custom document properties (File > Properties in Word), which Word and LibreOffice keep.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from drafter import oxml
from drafter.oxml import opc, properties

FINGERPRINT = "drafter.fingerprint"
QUESTION_ID = "drafter.question"
OWN_PROPERTY_PREFIX = "drafter."
#: Limits for reading an answer back (as for a template: an answer is tens of kilobytes).
MAX_UNPACKED = 100 * 1024 * 1024


def question_id(question) -> str:
    """Which question an answer answers, as recorded in it: '2019-2020/4'."""
    return f"{question.zittingsjaar}/{question.number}"


def recorded_properties(parts: dict[str, bytes]) -> dict[str, str]:
    """The custom properties of an answer's parts ({} when it has none, or none that can be read)."""
    data = parts.get(properties.CUSTOM_PART)
    if not data:
        return {}
    try:
        return properties.custom_values(oxml.parse(data))
    except oxml.XMLSyntaxError:  # a damaged part records nothing drafter can rely on
        return {}


def fingerprint(parts: dict[str, bytes]) -> str:
    """What drafter wrote: every part, and every custom document property but drafter's own
    record (drafter.fingerprint, drafter.question), which holds this fingerprint.

    An edit anywhere (the text, a footnote, a header, a style, a custom property a colleague
    added in File > Properties) changes it.
    """
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name != properties.CUSTOM_PART:
            digest.update(f"{name}\0{len(parts[name])}\0".encode())
            digest.update(parts[name])
    others = sorted((k, v) for k, v in recorded_properties(parts).items() if not str(k).startswith(OWN_PROPERTY_PREFIX))
    if others:  # none: the same fingerprint as before drafter covered custom properties
        digest.update(b"custom properties\0")
        for key, value in others:
            digest.update(f"{key}\0{value}\0".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Recorded:
    """What an answer file holds of drafter's record, and its fingerprint now."""

    properties: dict[str, str]
    current: str | None  # None: it has no record to compare with (no custom properties, no main document)

    @property
    def question(self) -> str | None:
        return self.properties.get(QUESTION_ID)

    @property
    def unchanged(self) -> bool:
        """Whether drafter made it and nobody changed it since."""
        return bool(self.properties.get(FINGERPRINT)) and self.current == self.properties[FINGERPRINT]


def read_recorded(source: Path | bytes) -> Recorded:
    """drafter's record in an answer (a file or its bytes). OSError: the file cannot be read;
    opc.PackageError: it is no zip package drafter could have written."""
    data = source.read_bytes() if isinstance(source, Path) else source
    parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED, what="a Word document")
    if properties.CUSTOM_PART not in parts or opc.MAIN_DOCUMENT not in parts:
        return Recorded({}, None)
    return Recorded(recorded_properties(parts), fingerprint(parts))

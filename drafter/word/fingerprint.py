"""drafter's own record in every answer it writes: which question it answers, and a fingerprint of
its content, so that a person's edit (anywhere) is told from an answer nobody changed since.

Both are custom document properties (File > Properties in Word), which Word and LibreOffice keep.
The fingerprint covers the content as a person sees it (``oxml.package_content``: text, tables, figures,
notes and footnotes, headers and footers, the styles used, comments, tracked changes, the
properties a person sets), not the bytes: opening an answer in Word or LibreOffice and saving
it without a change leaves it unedited. It is recorded as ``content:`` and the digest; a record
without that prefix was made by an earlier drafter over the bytes of every part, and is
compared the same way.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from drafter import oxml
from drafter.i18n import _
from drafter.oxml import opc, package_content, properties

FINGERPRINT = "drafter.fingerprint"
#: How a fingerprint of the content starts (one of the bytes, by an earlier drafter, has no prefix).
CONTENT_PREFIX = "content:"
QUESTION_ID = "drafter.question"
OWN_PROPERTY_PREFIX = "drafter."
#: Limits for reading an answer back (as for a template: an answer is tens of kilobytes).
MAX_UNPACKED = 100 * 1024 * 1024


def question_id(question) -> str:
    """Which question an answer answers, as recorded in it: '2019-2020/4'."""
    return f"{question.zittingsjaar}/{question.number}"


#: A question as an answer's record names it: '2019-2020/4'.
_QUESTION_ID = re.compile(r"([0-9]{4}-[0-9]{4})/([0-9]{1,9})")


def parse_question_id(text: str | None) -> tuple[str, int] | None:
    """(zittingsjaar, number) of a recorded question ('2019-2020/4'); None for anything else (a
    record edited by hand may hold anything)."""
    found = _QUESTION_ID.fullmatch(text or "")
    return None if found is None else (found.group(1), int(found.group(2)))


def shown_id(text: str | None, limit: int = 60) -> str:
    """A recorded question as a message may show it: cut short when it is long."""
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "..."


def recorded_properties(parts: dict[str, bytes]) -> dict[str, str]:
    """The custom properties of an answer's parts ({} when it has none, or none that can be read)."""
    data = parts.get(properties.CUSTOM_PART)
    if not data:
        return {}
    try:
        return properties.custom_values(oxml.parse(data))
    except oxml.XMLSyntaxError:  # a damaged part records nothing drafter can rely on
        return {}


def fingerprint(source: opc.Package | dict[str, bytes]) -> str:
    """The fingerprint of an answer's content as a person sees it (``oxml.package_content``), which is what
    drafter records. An edit of what the answer says, shows or holds changes it (a word, a figure,
    a note, a comment, a tracked change, a paragraph's style, a header, a property set in File >
    Properties); what Word and LibreOffice rewrite on a plain open-and-save does not.

    source: the parts (bytes), or the package of an answer being finished (its trees, as they are).
    package_content.ContentError: a part that is not well-formed XML."""
    package = source if isinstance(source, opc.Package) else opc.Package(source)
    return CONTENT_PREFIX + package_content.read(package).digest()


def bytes_fingerprint(parts: dict[str, bytes]) -> str:
    """The fingerprint an earlier drafter recorded: every part's bytes, and every custom document
    property but drafter's own record. Kept to tell whether such an answer was edited since."""
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


def current_fingerprint(parts: dict[str, bytes], recorded: str) -> str | None:
    """The answer's fingerprint now, made as the recorded one was (of its content, or of its
    bytes by an earlier drafter); None when its content cannot be read (a damaged part)."""
    if not recorded.startswith(CONTENT_PREFIX):
        return bytes_fingerprint(parts)
    try:
        return fingerprint(parts)
    except package_content.ContentError:  # a part that is no longer XML: not what drafter wrote
        return None


@dataclass(frozen=True)
class Recorded:
    """What an answer file holds of drafter's record, and its fingerprint now."""

    properties: dict[str, str]
    current: str | None  # None: it has no record to compare with (no custom properties, no main
    # document), or its content cannot be read

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
    parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED, what=_("a Word document"))
    if properties.CUSTOM_PART not in parts or opc.MAIN_DOCUMENT not in parts:
        return Recorded({}, None)
    props = recorded_properties(parts)
    return Recorded(props, current_fingerprint(parts, props.get(FINGERPRINT) or ""))


def is_edited(source: Path | bytes) -> bool | None:
    """Whether a person changed an answer's content since drafter made it: True (edited), False
    (as drafter made it; a plain open-and-save in Word or LibreOffice changes nothing), None (not
    an answer drafter made: no record of drafter's). OSError: the file cannot be read;
    opc.PackageError: it is no zip package drafter could have written."""
    recorded = read_recorded(source)
    if not recorded.properties.get(FINGERPRINT):
        return None
    return not recorded.unchanged

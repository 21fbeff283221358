"""The .docx package as a zip of parts: read a template safely, write an answer reproducibly.

Reading refuses what is not a Word file, and zip bombs, before anything is unpacked.
Writing puts the parts in a fixed order with fixed timestamps, so the same inputs give
the same bytes.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from functools import lru_cache
from pathlib import Path

from drafter.files import stat_file
from lxml import etree

from drafter.ooxml import MAX_ENTRIES, PARSER, unpack_problem  # noqa: F401 - the limits of any package read
from drafter.errors import Problem, TemplateProblem, display_path

#: Limits for a template: an answer template is tens of kilobytes.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

#: Every entry of a written answer carries this time, so output is byte-identical.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

MAIN_DOCUMENT = "word/document.xml"
PACKAGE_RELS = "_rels/.rels"
TEMPLATE_MISSING_HINT = "Check the template name in the register; templates live in answer_templates/ (or --templates)."


def read_parts(path: Path, data: bytes | None = None) -> dict[str, bytes]:
    """All entries of a .docx, in their order; a corrupt file or zip bomb is a TemplateProblem.
    data: the file's bytes, when the caller read them already (the parts are of those bytes)."""
    shown = display_path(path)
    hint = "Open the template in Word and save it again as a .docx (Word document)."
    size = stat_file(path, TemplateProblem, TEMPLATE_MISSING_HINT, what="template").st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(f"the template is too large ({size // 1024 // 1024} MB)", file=shown, hint=hint)
    try:
        archive = zipfile.ZipFile(path if data is None else io.BytesIO(data))
    except (zipfile.BadZipFile, OSError):
        raise TemplateProblem("not a Word document (.docx): the file is not a valid zip package", file=shown, hint=hint) from None
    with archive:
        infos = archive.infolist()
        reason = unpack_problem(infos, MAX_UNPACKED_BYTES, "a Word document")
        if reason:
            raise TemplateProblem(reason, file=shown, hint="Use a template made in Word.")
        names = {i.filename for i in infos}
        if MAIN_DOCUMENT not in names or "[Content_Types].xml" not in names:
            missing = MAIN_DOCUMENT if MAIN_DOCUMENT not in names else "[Content_Types].xml"
            raise TemplateProblem(f"not a Word document: {missing} is missing", file=shown, hint=hint)
        if PACKAGE_RELS not in names:
            raise TemplateProblem(f"not a Word document: {PACKAGE_RELS} (which says where the document is) "
                                  "is missing", file=shown, hint=hint)
        for info in infos:
            reason = unsafe_name(info.filename)
            if reason:
                raise TemplateProblem(f"the package holds an entry named {info.filename!r}, {reason}", file=shown,
                                      place=f"part {info.filename!r}",
                                      hint="A Word document never does: use a template saved by Word.")
        parts = {}
        try:
            for info in infos:
                if info.is_dir():
                    continue
                with archive.open(info) as fh:
                    data = fh.read(MAX_UNPACKED_BYTES + 1)
                if len(data) != info.file_size:
                    raise zipfile.BadZipFile("size mismatch")
                parts[info.filename] = data
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise TemplateProblem(f"the package is damaged ({exc})", file=shown, hint=hint) from None
    _check_word_document(parts, shown)
    return parts


#: The main part's content type in a Word document (.docx), and in what is not one.
DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_CT = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        "a Word template (.dotx) renamed .docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "a macro-enabled document (.docm) renamed .docx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "a macro-enabled template (.dotm) renamed .docx",
}
#: Parts that hold program code (macros, ActiveX controls): an answer must never carry them.
_CODE_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^word/activeX/", re.IGNORECASE)
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def unsafe_name(name: str) -> str | None:
    """Why a zip entry's name could write outside the package, or None when it is safe."""
    if not name or "\0" in name or "\\" in name:
        return "which is not a name a part can have"
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path"
    if ".." in name.split("/") or "." in name.rstrip("/").split("/") or "//" in name:
        return "a path that leads out of its folder"
    return None


def _check_word_document(parts: dict[str, bytes], shown: str) -> None:
    """A Word document (not a template, not macro-enabled) whose XML parts are all sound XML
    without a DTD or entities; every problem names its part."""
    again = "Open it in Word and save it with 'Save as', type 'Word Document (*.docx)'."
    problems = []

    def problem(name: str, message: str) -> None:
        problems.append(Problem(message, file=shown, place=f"part {name!r}", hint=again))

    for name, data in parts.items():
        if _CODE_PART.search(name):
            problem(name, "the template holds macros or ActiveX controls, which an answer must not carry")
            continue
        if not name.endswith((".xml", ".rels")):
            continue
        if _DTD.search(data):
            problem(name, "the part declares a DTD or entities (<!DOCTYPE or <!ENTITY), which a Word document never has")
            continue
        try:
            root = etree.fromstring(data, PARSER)
        except etree.XMLSyntaxError as exc:
            problem(name, f"the part is not well-formed XML ({exc.msg})")
            continue
        if name == "[Content_Types].xml":
            wrong = _content_type_problem(root)
            if wrong:
                problem(name, wrong)
    if problems:
        raise TemplateProblem(problems=problems)


def _content_type_problem(root) -> str | None:
    for override in root:
        if (override.get("PartName") or "").lstrip("/") != MAIN_DOCUMENT:
            continue
        content_type = override.get("ContentType")
        if content_type in _OTHER_CT:
            return f"the file is {_OTHER_CT[content_type]}, not a Word document"
        if content_type != DOCUMENT_CT:
            return f"the main part has the content type {content_type!r}, not a Word document's"
    return None


#: The zip format's fixed fields, as Python's zipfile writes them (version 2.0, made on Unix).
_VERSION = 20
_MADE_ON_UNIX = 3
_DEFLATED = 8
_LEVEL = 6
_MODE = 0o600 << 16  # rw-------
_DOS_TIME = (ZIP_TIME[3] << 11) | (ZIP_TIME[4] << 5) | (ZIP_TIME[5] // 2)
_DOS_DATE = ((ZIP_TIME[0] - 1980) << 9) | (ZIP_TIME[1] << 5) | ZIP_TIME[2]
_UTF8_NAME = 0x800
#: Parts larger than this are deflated for each answer, never kept (a document with a long table).
MAX_KEPT_PART = 256 * 1024


def _deflate_now(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of a part, as zipfile makes them at level 6."""
    compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


@lru_cache(maxsize=128)
def _deflate_kept(name: str, data: bytes) -> tuple[int, bytes]:
    return _deflate_now(data)


def _deflated(name: str, data: bytes) -> tuple[int, bytes]:
    """A part's deflated bytes. The parts most answers share unchanged (a template's theme,
    fonts, settings, styles in one language) are deflated once and their bytes kept: they are
    found by their content, so a part is never written from another part's bytes."""
    if name == MAIN_DOCUMENT or len(data) > MAX_KEPT_PART:
        return _deflate_now(data)
    return _deflate_kept(name, data)


def write_zip(parts: dict[str, bytes]) -> bytes:
    """The .docx bytes: [Content_Types].xml first, then the parts in the given order.

    The same bytes as Python's zipfile writes with ZIP_DEFLATED at level 6 and ZIP_TIME;
    written here so that a part's deflated bytes can be reused from an earlier answer.
    """
    order = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
    out: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for name in order:
        data = parts[name]
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        crc, deflated = _deflated(name, data)
        if len(data) * 1.05 > zipfile.ZIP64_LIMIT or offset + len(deflated) > zipfile.ZIP64_LIMIT:
            raise ValueError("a part too large for a .docx")  # Word would not open it either
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _VERSION, 0, flags, _DEFLATED, _DOS_TIME, _DOS_DATE,
                             crc, len(deflated), len(data), len(encoded), 0)
        out += (header, encoded, deflated)
        directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _VERSION, _MADE_ON_UNIX, _VERSION, 0, flags,
                                     _DEFLATED, _DOS_TIME, _DOS_DATE, crc, len(deflated), len(data), len(encoded),
                                     0, 0, 0, 0, _MODE, offset) + encoded)
        offset += len(header) + len(encoded) + len(deflated)
    size = sum(len(d) for d in directory)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(directory), len(directory), size, offset, 0)
    return b"".join(out + directory + [end])

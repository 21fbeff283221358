"""The package (Open Packaging Conventions): a zip of parts, their content types, their relationships.

Reading refuses a zip bomb, a part whose name leads out of the package and a damaged entry
before anything is used; ``word_document_problems`` says what makes a package no plain Word
document (macros, a DTD, another main content type). ``Package`` holds the parts while an
answer is finished: a part is parsed once when a pass reads it and serialized once at the end,
and only if a pass changed it. Writing puts the parts in a fixed order with a fixed time, so
the same parts give the same bytes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from drafter.i18n import N_, _
from drafter.oxml import NSMAP, Element, XMLSyntaxError, xml_reason, element, parse, qn, serialize, sub_element

CONTENT_TYPES = "[Content_Types].xml"
PACKAGE_RELS = "_rels/.rels"
MAIN_DOCUMENT = "word/document.xml"

#: The main part's content type in a Word document (.docx), and in files that are not one.
DOCUMENT_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: (why it is none, translated where it is shown)
_OTHER_MAIN_CT = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml":
        N_("the file is a Word template (.dotx) renamed .docx, not a Word document"),
    "application/vnd.ms-word.document.macroEnabled.main+xml":
        N_("the file is a macro-enabled document (.docm) renamed .docx, not a Word document"),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        N_("the file is a macro-enabled template (.dotm) renamed .docx, not a Word document"),
}
#: Parts that hold program code (macros, ActiveX controls): an answer must never carry them.
_CODE_PART = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml)$|^word/activeX/", re.IGNORECASE)
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

#: Limits for any package read: an answer template, an answer or a data workbook is far below them.
MAX_RATIO = 200
MAX_ENTRIES = 2000
#: Every entry of a written package carries this time, so that the same parts give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


#: The start of an Office file of before 2007 (.doc, .xls) and of an Office file protected with a
#: password (whatever its name), and the stream that tells the latter.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def is_ole(data: bytes) -> bool:
    """Whether data is an Office file of the old kind (.doc, .xls) or one protected with a password."""
    return data.startswith(_OLE)


def is_encrypted(data: bytes) -> bool:
    """Whether data is an Office file (.docx, .xlsx) protected with a password (an encrypted package)."""
    return data.startswith(_OLE) and _ENCRYPTED in data


class PackageError(Exception):
    """A zip package that must not be unpacked or cannot be read; the message says why, for a person."""

    def __init__(self, message: str, part: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.part = part


class NotAZip(PackageError):
    """The bytes are no zip at all (another kind of file)."""


class Damaged(PackageError):
    """A zip whose entries cannot be read back whole."""


def unsafe_name(name: str) -> str | None:
    """Why a zip entry's name could write outside the package, or None when it is safe."""
    if not name or "\0" in name or "\\" in name:
        return _("the package holds an entry named {name}, which is not a name a part can have").format(name=repr(name))
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return _("the package holds an entry named {name}, an absolute path").format(name=repr(name))
    if ".." in name.split("/") or "." in name.rstrip("/").split("/") or "//" in name:
        return _("the package holds an entry named {name}, a path that leads out of its folder").format(
            name=repr(name))
    return None


def unpack_problem(infos: list[zipfile.ZipInfo], max_unpacked: int, what: str) -> str | None:
    """Why a zip package (a .docx, an .xlsx) must not be unpacked, judged from its directory alone."""
    if len(infos) > MAX_ENTRIES:
        return _("the package has {parts} parts, more than {what} has").format(parts=len(infos), what=what)
    total = sum(i.file_size for i in infos)
    if total > max_unpacked or any(
        i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 1024 * 1024 for i in infos
    ):
        return _bomb(what)
    return None


def _bomb(what: str) -> str:
    return _("the package unpacks to far more than {what} (a zip bomb?)").format(what=what)


class _Bomb(Exception):
    """An entry inflates beyond what is left of the package's limit."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


#: Entries are inflated this many bytes at a time, each step counted against the limit.
_STEP = 1 << 20


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """An entry's bytes, inflated a step at a time: more than `budget` bytes in all is _Bomb,
    and an entry that is not the size its directory gives is damaged. (The directory can lie:
    its sizes are only what the file says of itself.)"""
    chunks = []
    size = 0
    with archive.open(info) as fh:  # CRC-checked at its end
        while True:
            chunk = fh.read(min(_STEP, max(budget - size, 0) + 1))
            if not chunk:
                break
            size += len(chunk)
            if size > budget:
                raise _Bomb(info.filename)
            chunks.append(chunk)
    if size != info.file_size:
        raise zipfile.BadZipFile(_("{part}: not the size its directory gives").format(part=info.filename))
    return b"".join(chunks)


def read_zip(data: bytes, *, max_unpacked: int, what: str) -> dict[str, bytes]:
    """Every entry of a zip package, in its order, after its directory was found safe.

    what: what the package should be (_('a Word document')), for the messages. Raises NotAZip,
    PackageError (a bomb, an entry named to write outside the package) or Damaged."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise NotAZip(_("the file is not a zip package")) from exc
    with archive:
        infos = archive.infolist()
        reason = unpack_problem(infos, max_unpacked, what)
        if reason:
            raise PackageError(reason)
        for info in infos:
            reason = unsafe_name(info.filename)
            if reason:
                raise PackageError(reason, part=info.filename)
        parts = {}
        inflated = 0  # counted as the entries are inflated, whatever their directory says
        try:
            for info in infos:
                if info.is_dir():
                    continue
                content = _inflate(archive, info, max_unpacked - inflated)
                inflated += len(content)
                parts[info.filename] = content
        except _Bomb as exc:
            raise PackageError(_bomb(what), part=exc.part) from exc
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError,
                NotImplementedError) as exc:  # what zipfile and zlib raise for a damaged or unsupported entry
            raise Damaged(str(exc)) from exc
    return parts


def dtd_parts(parts: dict[str, bytes]) -> list[str]:
    """The XML parts that declare a DTD or entities (<!DOCTYPE, <!ENTITY), which no Office
    file has: other readers (openpyxl's) would expand their entities."""
    return [name for name, data in parts.items() if name.endswith((".xml", ".rels", ".vml")) and _DTD.search(data)]


def word_document_problems(parts: dict[str, bytes]) -> list[tuple[str, str]]:
    """What makes a package no plain Word document, as (part, why): macros or ActiveX controls,
    a part declaring a DTD or entities, XML that is not well-formed, a main part of another
    content type (a template, a macro-enabled document). Empty when it is one."""
    problems = []
    for name, data in parts.items():
        if _CODE_PART.search(name):
            problems.append((name, _("the template holds macros or ActiveX controls, which an answer must not "
                                     "carry")))
            continue
        if not name.endswith((".xml", ".rels")):
            continue
        if _DTD.search(data):
            problems.append((name, _("the part declares a DTD or entities (<!DOCTYPE or <!ENTITY), "
                                     "which a Word document never has")))
            continue
        try:
            root = parse(data)
        except XMLSyntaxError as exc:
            problems.append((name, _("the part is not well-formed XML ({reason})").format(reason=xml_reason(exc))))
            continue
        if name == CONTENT_TYPES:
            wrong = _main_content_type_problem(root)
            if wrong:
                problems.append((name, wrong))
    return problems


def _main_content_type_problem(types: Element) -> str | None:
    content_type = override_of(types, "/" + MAIN_DOCUMENT)
    if content_type is None:
        return None
    if content_type in _OTHER_MAIN_CT:
        return _(_OTHER_MAIN_CT[content_type])
    if content_type != DOCUMENT_CT:
        return _("the main part has the content type {type}, not a Word document's").format(type=repr(content_type))
    return None


def write_zip(parts: dict[str, bytes]) -> bytes:
    """The package's bytes: [Content_Types].xml first, then the parts in the given order, each
    deflated with ZIP_TIME and the same attributes on every system.

    zlib's fastest level: the default level makes deflating a long answer a large share of
    making it, for a file only somewhat smaller, which no one who mails or files an answer
    notices (docs/engineering/benchmark.md has the figures); the parts are the same."""
    buffer = io.BytesIO()
    order = [CONTENT_TYPES] + [name for name in parts if name != CONTENT_TYPES]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # as made on Unix wherever it is made: the same bytes on Windows
            info.external_attr = 0o600 << 16  # rw-------
            archive.writestr(info, parts[name], compresslevel=1)
    return buffer.getvalue()


# --------------------------------------------------------------------------- content types and relationships

_OVERRIDE = qn("ct:Override")
_RELATIONSHIP = qn("pr:Relationship")


def override_of(types: Element, part_name: str) -> str | None:
    """The content type [Content_Types].xml gives a part ('/word/document.xml') by name."""
    for override in types.iter(_OVERRIDE):
        if (override.get("PartName") or "").lstrip("/") == part_name.lstrip("/"):
            return override.get("ContentType")
    return None


def has_override(types: Element, part_name: str) -> bool:
    return any(o.get("PartName") == part_name for o in types.iter(_OVERRIDE))


def add_override(types: Element, part_name: str, content_type: str) -> None:
    sub_element(types, "ct:Override", {"PartName": part_name, "ContentType": content_type})


def relationship_targets(rels: Element, rel_type: str) -> list[str]:
    """The targets of a relationships part's internal relationships of one type, as written."""
    return [rel.get("Target", "") for rel in rels.iter(_RELATIONSHIP)
            if rel.get("Type") == rel_type and rel.get("TargetMode") != "External"]


def has_relationship(rels: Element, rel_type: str, target: str) -> bool:
    return any(rel.get("Type") == rel_type and (rel.get("Target") or "").lstrip("/") == target.lstrip("/")
               for rel in rels.iter(_RELATIONSHIP))


def add_relationship(rels: Element, rel_type: str, target: str) -> str:
    """A new relationship, with the first id rId1, rId2, ... not taken; returns the id."""
    taken = {rel.get("Id") for rel in rels.iter(_RELATIONSHIP)}
    n = 1
    while f"rId{n}" in taken:
        n += 1
    sub_element(rels, "pr:Relationship", {"Id": f"rId{n}", "Type": rel_type, "Target": target})
    return f"rId{n}"


def new_relationships() -> Element:
    return element("pr:Relationships", nsmap={None: NSMAP["pr"]})


def relationships_part(source: str | None) -> str:
    """The relationships part of a part ('word/_rels/document.xml.rels'), or of the package (None)."""
    if source is None:
        return PACKAGE_RELS
    folder, name = posixpath.split(source)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str | None, target: str) -> str:
    """The part name a relationship's target names, from its source part (None: the package)."""
    if target.startswith("/"):
        return target.lstrip("/")
    folder = posixpath.dirname(source) if source else ""
    return posixpath.normpath(posixpath.join(folder, target))


def relative(source: str | None, part: str) -> str:
    """A relationship's target for ``part``, from its source part ('footnotes.xml', '../customXml/item1.xml')."""
    folder = posixpath.dirname(source) if source else ""
    return posixpath.relpath(part, folder or ".")


# --------------------------------------------------------------------------- a package being changed


class Package:
    """A package's parts while passes change them. A part is bytes until a pass reads it; its tree is
    then parsed once and kept. A part a pass edits (or puts) is serialized once, when the parts are
    asked for; a part only read keeps its bytes as they were."""

    def __init__(self, parts: dict[str, bytes | Element]) -> None:
        self._bytes: dict[str, bytes | None] = {}
        self._trees: dict[str, Element] = {}
        self._edited: set[str] = set()
        for name, data in parts.items():
            self.put(name, data)

    def __contains__(self, name: str) -> bool:
        return name in self._bytes

    def names(self) -> list[str]:
        return list(self._bytes)

    def read(self, name: str) -> Element:
        """The part's tree, to read (KeyError: no such part; XMLSyntaxError: not XML)."""
        tree = self._trees.get(name)
        if tree is None:
            tree = self._trees[name] = parse(self._bytes[name])
        return tree

    def edit(self, name: str) -> Element:
        """The part's tree, to change: it is written again."""
        tree = self.read(name)
        self._edited.add(name)
        return tree

    def put(self, name: str, data: bytes | Element) -> None:
        """A part's content, new (after the others) or in place of the old."""
        if isinstance(data, bytes):
            self._bytes[name] = data
            self._trees.pop(name, None)
            self._edited.discard(name)
        else:
            self._bytes[name] = None
            self._trees[name] = data
            self._edited.add(name)

    def blob(self, name: str) -> bytes:
        """The part's bytes now (an edited part serialized; it stays editable)."""
        if name in self._edited:
            self._bytes[name] = serialize(self._trees[name])
            self._edited.discard(name)
        return self._bytes[name]

    def parts(self) -> dict[str, bytes]:
        """Every part's bytes, in the package's order."""
        return {name: self.blob(name) for name in self._bytes}

    # -- parts and how they are found

    def relationships(self, source: str | None, *, create: bool = False) -> Element | None:
        """The relationships part of ``source`` (None: the package), to read; made empty when
        missing and ``create``."""
        name = relationships_part(source)
        if name not in self:
            if not create:
                return None
            self.put(name, new_relationships())
        return self.read(name)

    def related(self, source: str | None, rel_type: str) -> str | None:
        """The part ``source`` relates to by a relationship of this type, if any."""
        rels = self.relationships(source)
        targets = relationship_targets(rels, rel_type) if rels is not None else []
        return resolve(source, targets[0]) if targets else None

    def declare(self, part: str, content_type: str) -> None:
        """An override for ``part`` in the content types, unless it has one."""
        if not has_override(self.read(CONTENT_TYPES), "/" + part):
            add_override(self.edit(CONTENT_TYPES), "/" + part, content_type)

    def relate(self, source: str | None, part: str, rel_type: str, target: str | None = None) -> None:
        """A relationship of this type from ``source`` (None: the package) to ``part``, unless
        there is one; target: as the relationship writes it (by default relative to source)."""
        target = target or relative(source, part)
        rels = self.relationships(source, create=True)
        if not has_relationship(rels, rel_type, target):
            add_relationship(self.edit(relationships_part(source)), rel_type, target)

    def add_part(self, name: str, data: bytes | Element, content_type: str, rel_type: str,
                 source: str | None = MAIN_DOCUMENT) -> None:
        """A new part: its content, its content type and a relationship to it from ``source``."""
        self.put(name, data)
        self.declare(name, content_type)
        self.relate(source, name, rel_type)

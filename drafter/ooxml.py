"""Office Open XML basics that Word documents and Excel workbooks share, below every stage.

A safe XML parser (no entities, no network), the characters XML 1.0 cannot hold, the
zip-bomb check of a package's directory, and the little of SpreadsheetML that the workbook
reader needs (a sheet's part, its merged ranges and formulas). Word's own XML lives in
``drafter.word`` and nowhere else.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath

from lxml import etree

#: A parser that resolves no entities and reaches no network: templates come from users.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)

#: Characters XML 1.0 cannot hold (control characters pasted from Excel, such as \x0b):
#: a document holding one is not a valid Word file.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

#: Limits for any package read: an answer template or a data workbook is far below them.
MAX_RATIO = 200
MAX_ENTRIES = 2000


def unpack_problem(infos: list[zipfile.ZipInfo], max_unpacked: int, what: str) -> str | None:
    """Why a zip package (a .docx, an .xlsx) must not be unpacked, judged from its directory alone."""
    if len(infos) > MAX_ENTRIES:
        return f"the package has {len(infos)} parts, more than {what} has"
    total = sum(i.file_size for i in infos)
    if total > max_unpacked or any(
        i.compress_size and i.file_size / i.compress_size > MAX_RATIO and i.file_size > 1024 * 1024 for i in infos
    ):
        return f"the package unpacks to far more than {what} (a zip bomb?)"
    return None


# --------------------------------------------------------------------------- SpreadsheetML

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_OR_MERGE = re.compile(rb"<(\w+:)?(f|mergeCell)[ >/]")


def sheet_part(archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The zip entry of a sheet, from the workbook and its relationships."""
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"), PARSER)
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return None
    rid = next((s.get(f"{_R}id") for s in book.iter(f"{_S}sheet") if s.get("name") == sheet_name), None)
    target = next((r.get("Target") for r in rels.iter(f"{_PR}Relationship") if r.get("Id") == rid), None)
    if target is None:
        return None
    if target.startswith("/"):
        return target.lstrip("/")
    return str(PurePosixPath("xl") / target)


def scan_sheet(archive: zipfile.ZipFile, part: str | None):
    """Merged ranges and formulas without a computed value, from the sheet's XML."""
    merges, uncached = [], []
    if part is None:
        return merges, uncached
    with archive.open(part) as fh:
        if not _FORMULA_OR_MERGE.search(fh.read()):
            return merges, uncached
    with archive.open(part) as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=(f"{_S}c", f"{_S}mergeCell"),
                                     resolve_entities=False, no_network=True, huge_tree=False):
            if el.tag == f"{_S}mergeCell":
                merges.append(el.get("ref", ""))
            else:
                f = el.find(f"{_S}f")
                v = el.find(f"{_S}v")
                is_ = el.find(f"{_S}is")
                if f is not None and (v is None or not (v.text or "")) and is_ is None:
                    uncached.append((el.get("r", ""), f.text or ""))
                el.clear()
    return merges, uncached

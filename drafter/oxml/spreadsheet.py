"""The little of SpreadsheetML the workbook reader needs: a sheet's part, its merged ranges and formulas."""

from __future__ import annotations

import io
import posixpath
import re

from lxml import etree

from drafter.oxml import XMLSyntaxError, parse, qn

_SHEET, _CELL, _MERGE, _FORMULA, _VALUE, _INLINE = (qn(t) for t in ("s:sheet", "s:c", "s:mergeCell", "s:f", "s:v",
                                                                  "s:is"))
_RELATIONSHIP = qn("pr:Relationship")
_RID = qn("r:id")
#: Whether a sheet holds a formula or a merged range at all (read as bytes first: most hold neither).
_FORMULA_OR_MERGE = re.compile(rb"<(\w+:)?(f|mergeCell)[ >/]")


def sheet_part(parts: dict[str, bytes], sheet_name: str) -> str | None:
    """The part (zip entry) of a sheet, from the workbook and its relationships."""
    try:
        book = parse(parts["xl/workbook.xml"])
        rels = parse(parts["xl/_rels/workbook.xml.rels"])
    except (KeyError, XMLSyntaxError):  # not a workbook's parts: the caller reads the sheet by other means
        return None
    rid = next((s.get(_RID) for s in book.iter(_SHEET) if s.get("name") == sheet_name), None)
    target = next((r.get("Target") for r in rels.iter(_RELATIONSHIP) if r.get("Id") == rid), None)
    if target is None:
        return None
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.join("xl", target)


def scan_sheet(parts: dict[str, bytes], part: str | None) -> tuple[list[str], list[tuple[str, str]]]:
    """Merged ranges ('A1:B2') and formulas without a computed value ((cell, formula)), from the sheet's XML."""
    merges: list[str] = []
    uncached: list[tuple[str, str]] = []
    if part is None or part not in parts:
        return merges, uncached
    if not _FORMULA_OR_MERGE.search(parts[part]):
        return merges, uncached
    with io.BytesIO(parts[part]) as fh:
        for _, el in etree.iterparse(fh, events=("end",), tag=(_CELL, _MERGE), resolve_entities=False,
                                     load_dtd=False, no_network=True, huge_tree=False):
            if el.tag == _MERGE:
                merges.append(el.get("ref", ""))
            else:
                formula, value, inline = el.find(_FORMULA), el.find(_VALUE), el.find(_INLINE)
                if formula is not None and (value is None or not (value.text or "")) and inline is None:
                    uncached.append((el.get("r", ""), formula.text or ""))
                el.clear()
    return merges, uncached


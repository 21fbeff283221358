"""Traceable figures in Word: a hidden bookmark around each figure, and the map in the package.

The view marks every figure it formats (``view/figures``). Here, when the answer is finished,
each mark becomes a bookmark around the figure's run, named ``_DrafterFig<n>``: Word treats
a bookmark whose name starts with "_" as hidden (like its own ``_Toc`` and ``_Ref``
bookmarks), so the reader sees nothing and can edit around and inside it freely. The map
from bookmark to figure (its key, value as shown, raw value, source, table, row and column)
is a custom XML part of the package (``customXml/itemN.xml`` with its properties part),
which Word keeps and never shows.

Measured before choosing (LibreOffice 7.4 headless open-and-save to .docx; python-docx 1.2
open, edit runs, save): both keep bookmarks, including those whose name starts with "_",
and the custom XML part with its properties part (LibreOffice renumbers relationship ids:
the part is found by its content, never by id). python-docx's ``cell.text = ...`` and
``paragraph.text = ...`` drop the bookmarks inside, so reading falls back to the figure's
table, row and column labels, or to its paragraph's text.

Reading an answer (``read_answer``) gives, per recorded figure, the text the document shows
there now and where a Word user finds it (table 1, row "2016", column "VAK budget";
paragraph 4, "Circa 45% ..."), as plain data for ``drafter verify``.
"""

from __future__ import annotations

import difflib
import io
import re
import uuid
import zipfile
from copy import deepcopy
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from lxml import etree

from drafter.errors import DrafterError, display_path
from drafter.ooxml import unpack_problem
from drafter.view.figures import FIG_CLOSE, FIG_OPEN, FIG_SEP, MARK_RE, Figure, FigureCollector, Source
from drafter.word import oxml
from drafter.word import oxml_footnotes as oxf
from drafter.word import package

NS = "urn:drafter:figures:1"
BOOKMARK_PREFIX = oxml.BOOKMARK_PREFIX
ITEM_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
CUSTOM_XML_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
ITEM_PROPS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_ITEM = re.compile(r"^customXml/item(\d+)\.xml$")
_MARK_CHARS = re.compile("[" + FIG_OPEN + FIG_SEP + FIG_CLOSE + "]")
_CALLS = re.compile(r"([\s\u00a0]*\(\d+\))+$")
#: An answer is tens of kilobytes; limits for reading one (as for a template).
MAX_ANSWER_BYTES = package.MAX_TEMPLATE_BYTES
MAX_UNPACKED = package.MAX_UNPACKED_BYTES
_W_BODY = oxml.qn("w:body")
_W_BOOKMARKEND = oxml.qn("w:bookmarkEnd")
_W_BOOKMARKSTART = oxml.qn("w:bookmarkStart")
_W_ID = oxml.qn("w:id")
_W_NAME = oxml.qn("w:name")
_W_P = oxml.qn("w:p")
_W_R = oxml.qn("w:r")
_W_RPR = oxml.qn("w:rPr")
_W_RSTYLE = oxml.qn("w:rStyle")
_W_T = oxml.qn("w:t")
_W_TAB = oxml.qn("w:tab")
_W_TBL = oxml.qn("w:tbl")
_W_TBLHEADER = oxml.qn("w:tblHeader")
_W_TC = oxml.qn("w:tc")
_W_TCPR = oxml.qn("w:tcPr")
_W_GRIDSPAN = oxml.qn("w:gridSpan")
_W_TR = oxml.qn("w:tr")
_W_TRPR = oxml.qn("w:trPr")
_W_VAL = oxml.qn("w:val")
_W_VERTALIGN = oxml.qn("w:vertAlign")
_ROWS_STANDIN = "{*}" + oxml.ROWS_STANDIN
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PRESERVE = {_XML_SPACE: "preserve"}
#: Every w:id in a part: found by libxml2, not a walk in Python.
_ALL_IDS = etree.XPath("//@w:id", namespaces=oxml.NSMAP)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


# --------------------------------------------------------------------------- places in a document


def _clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _is_call_run(run: etree._Element) -> bool:
    """A raised note call or a footnote reference: not part of the figure's text."""
    rpr = oxml.child(run, _W_RPR)
    if rpr is None:
        return False
    style = oxml.child(rpr, _W_RSTYLE)
    if style is not None and "reference" in (style.get(_W_VAL) or "").lower():
        return True
    align = oxml.child(rpr, _W_VERTALIGN)
    return align is not None and align.get(_W_VAL) == "superscript"


def _visible(element: etree._Element, calls: bool = True, until: etree._Element | None = None) -> str:
    """The text of an element as Word shows it (deleted text is w:delText, so not in it);
    with `until`: the text before that element."""
    out = []
    stop = set(until.iter(_W_T, _W_TAB)) if until is not None else ()
    for t in element.iter(_W_T, _W_TAB):
        if t in stop:
            break
        if t.tag == _W_TAB:
            out.append("\t")
            continue
        run = t.getparent()
        if not calls and run is not None and run.tag == _W_R and _is_call_run(run):
            continue
        out.append(t.text or "")
    return "".join(out)


def _span(tc: etree._Element) -> int:
    """How many grid columns a table cell covers (w:gridSpan)."""
    tcpr = oxml.child(tc, _W_TCPR)
    span = oxml.child(tcpr, _W_GRIDSPAN) if tcpr is not None else None
    try:
        return max(int(span.get(_W_VAL)), 1) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _cell_value(tc: etree._Element) -> str:
    """A table cell's figure: its text without note calls."""
    return _CALLS.sub("", _clean(_visible(tc, calls=False))).strip()


@dataclass
class _Table:
    element: etree._Element
    rows: list[list[etree._Element]]  # the w:tc of each row (None for each of a row standing apart)
    header_rows: int
    apart: list[str] = field(default_factory=list)  # the label's value of each of the last rows, standing apart
    _values: dict = field(default_factory=dict, repr=False)

    def value(self, row: int, column: int) -> str:
        if column == 0 and self.apart and row >= len(self.rows) - len(self.apart):
            return self.apart[row - len(self.rows) + len(self.apart)]
        key = (row, column)
        if key not in self._values:
            cells = self.rows[row]
            self._values[key] = _cell_value(cells[column]) if column < len(cells) else ""
        return self._values[key]

    def column_label(self, index: int) -> str:
        """A column's header as a reader names it: with the group over it ('1982–83, outturn')."""
        key = ("column", index)
        if key not in self._values:  # asked for by every figure in the column: worked out once
            self._values[key] = self._column_label(index)
        return self._values[key]

    def _column_label(self, index: int) -> str:
        if not self.rows:
            return ""
        labels = []
        for r in range(max(self.header_rows, 1)):
            at = 0
            for c, tc in enumerate(self.rows[r] if r < len(self.rows) else ()):
                span = _span(tc)
                if at <= index < at + span:
                    text = self.value(r, c)
                    if text and text not in labels:
                        labels.append(text)
                    break
                at += span
        return ", ".join(labels)

    def row_label(self, index: int) -> str:
        return self.value(index, 0)

    def is_section(self, index: int) -> bool:
        """A section's heading in a table of nested rows: one cell across the table."""
        if "wide" not in self._values:
            self._values["wide"] = any(len(r) > 1 for r in self.rows)
        return len(self.rows[index]) == 1 and self._values["wide"]

    def section_of(self, index: int) -> str:
        """The heading of the section a row stands in ('' in a table without sections)."""
        if "sections" not in self._values:  # worked out once, top to bottom
            sections, current = [], ""
            for r in range(len(self.rows)):
                if r < self.header_rows:
                    sections.append("")
                elif self.is_section(r):
                    current = self.value(r, 0)
                    sections.append("")
                else:
                    sections.append(current)
            self._values["sections"] = sections
        return self._values["sections"][index]


class _Layout:
    """The body of a document: its tables and paragraphs, numbered as a Word user counts them."""

    def __init__(self, body: etree._Element, apart: list[oxml.TableRows] = ()) -> None:
        """apart: the body rows of tables standing apart from the tree (oxml.ROWS_STANDIN n),
        known by their labels and sizes."""
        self.body = body
        self.tables: list[_Table] = []
        #: Each cell's (table, row, cell) indexes, so that finding a cell costs the same in
        #: a table of 5,000 rows as in one of 5 (a figure's place is looked up per figure).
        self._cells: dict[etree._Element, tuple[int, int, int]] = {}
        #: The table number of each ROWS_STANDIN n.
        self.standing_apart: dict[int, int] = {}
        for tbl in body.iter(_W_TBL):
            trs = tbl.findall(_W_TR)
            rows = [tr.findall(_W_TC) for tr in trs]
            t = len(self.tables)
            for r, tcs in enumerate(rows):
                for c, tc in enumerate(tcs):
                    self._cells[tc] = (t, r, c)
            labels = []
            standin = tbl.find(_ROWS_STANDIN) if apart else None
            if standin is not None:  # its body rows, after the header rows: known by their labels
                n = int(standin.get("n"))
                self.standing_apart[n] = t
                labels = [_CALLS.sub("", _clean(label)).strip() for label in apart[n].labels]  # _cell_value of each
                shared = {}  # rows of the same size share their (empty) cells: one object, not thousands
                rows += [shared.setdefault(size, (None,) * size) for size in apart[n].sizes]
            header = 0
            for tr in trs:
                trpr = oxml.child(tr, _W_TRPR)
                if trpr is not None and oxml.child(trpr, _W_TBLHEADER) is not None:
                    header += 1
                else:
                    break
            self.tables.append(_Table(tbl, rows, header or 1, labels))
        self._texts: dict[etree._Element, str] = {}
        self._read: dict[etree._Element, tuple[list[str], dict[etree._Element, int]]] = {}

    @cached_property
    def paragraphs(self) -> list[etree._Element]:
        """The paragraphs outside tables (worked out when a figure stands in one)."""
        in_cells = {p for tbl in self.body.iter(_W_TBL) for p in tbl.iter(_W_P)}  # a w:p in a w:tbl is in a cell
        return [p for p in self.body.iter(_W_P) if p not in in_cells]

    @cached_property
    def paragraph_number(self) -> dict[etree._Element, int]:
        return {p: i + 1 for i, p in enumerate(self.paragraphs)}

    def text(self, p: etree._Element) -> str:
        """A paragraph's text as a reader sees it (without note calls), worked out once."""
        found = self._texts.get(p)
        if found is None:
            found = self._texts[p] = _clean("".join(self._pieces(p)[0]))
        return found

    def _pieces(self, p: etree._Element) -> tuple[list[str], dict[etree._Element, int]]:
        """What each w:t and w:tab of a paragraph shows ('' for a note call), in order, and
        each one's place in that list: read once for all the figures in the paragraph."""
        found = self._read.get(p)
        if found is None:
            pieces, index = [], {}
            for t in p.iter(_W_T, _W_TAB):
                index[t] = len(pieces)
                if t.tag == _W_TAB:
                    pieces.append("\t")
                    continue
                run = t.getparent()
                pieces.append("" if run is not None and run.tag == _W_R and _is_call_run(run) else t.text or "")
            found = self._read[p] = (pieces, index)
        return found

    def text_before(self, p: etree._Element, run: etree._Element) -> str:
        """_visible(p, calls=False, until=run): the paragraph's text before the run."""
        pieces, index = self._pieces(p)
        first = next(run.iter(_W_T, _W_TAB), None)
        return "".join(pieces[:index.get(first, len(pieces))])

    def cell_of(self, p: etree._Element) -> tuple[int, int, int] | None:
        """(table, row, cell) indexes (from 0) of a paragraph in a table."""
        tc = next(p.iterancestors(_W_TC), None)
        return None if tc is None else self._cells.get(tc)

    def cell_place(self, t: int, r: int, c: int, figure: Figure | None = None) -> str:
        """'table 1, section "Other departments", row "Total", column "1983–84, outturn"': the
        section only in a table of nested rows, and not for a grand total (below every section)."""
        table = self.tables[t]
        section = table.section_of(r) if figure is None or figure.adds != "all" else ""
        return (f'table {t + 1}, ' + (f'section "{section}", ' if section else "")
                + f'row "{table.row_label(r)}", column "{table.column_label(c)}"')

    def place(self, p: etree._Element | None, shown: str = "", figure: Figure | None = None) -> str:
        if p is None:
            return "the document"
        cell = self.cell_of(p)
        if cell is not None:
            return self.cell_place(*cell, figure)
        return self.text_place(p, shown)

    def text_place(self, p: etree._Element | None, shown: str = "") -> str:
        """place(p, shown) for a paragraph outside the tables (or None)."""
        number = self.paragraph_number.get(p) if p is not None else None
        if number is None:
            return "the document"
        return f'paragraph {number}, "{_snippet(self.text(p), shown)}"'


def _snippet(text: str, shown: str) -> str:
    """The paragraph's start up to the figure: 'Circa 45% ...'."""
    at = text.find(shown) if shown else -1
    if at < 0:
        return text[:40] + (" ..." if len(text) > 40 else "")
    end = at + len(shown)
    start = 0
    if end > 60:  # from the start of a word some thirty characters before the figure
        space = text.find(" ", max(0, at - 30))
        start = space + 1 if 0 <= space < at else at
    return ("... " if start else "") + text[start:end].strip() + (" ..." if end < len(text) else "")


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    p = next(element.iterancestors(_W_P), None)
    if p is not None:
        return p
    for following in element.itersiblings():  # a bookmark between paragraphs marks the next one
        if following.tag == _W_P:
            return following
        found = next(following.iter(_W_P), None)
        if found is not None:
            return found
    return None


# --------------------------------------------------------------------------- placing the marks


def _split_run(t: etree._Element) -> list[tuple[int, etree._Element]]:
    """Cut the run of t at each figure mark; each figure's text gets a run of its own (same
    properties). Returns (figure number, its run)."""
    run = t.getparent()
    if run is None or run.tag != _W_R:
        t.text = _MARK_CHARS.sub("", MARK_RE.sub(lambda m: m.group(2), t.text or ""))
        return []
    whole = MARK_RE.fullmatch(t.text or "")
    if whole is not None and _alone_in_run(run, t):
        # a run that shows one figure and nothing else (a table cell) is the figure's run
        # already: the general cut below would give a copy of it with the same text
        t.text = _MARK_CHARS.sub("", whole.group(2))
        t.set(_XML_SPACE, "preserve")
        t.tail = run.tail = None  # as the cut leaves them
        return [(int(whole.group(1)), run)]
    rpr = oxml.child(run, _W_RPR)
    content = [c for c in run if c is not rpr]
    at = content.index(t)
    pieces = MARK_RE.split(t.text or "")  # text, number, shown, text, number, shown, ..., text
    parent = run.getparent()
    attrib = dict(run.attrib)
    # new elements are made in the run's document (an element made alone gets a document of its
    # own, which costs more than the element) and put in their places below

    def new_run(before, value: str | None, after=()) -> etree._Element:
        """A run of the same properties: the elements before, a text of value, the elements after."""
        r = etree.SubElement(parent, _W_R, attrib)
        if rpr is not None:
            r.append(deepcopy(rpr))
        if before:
            r.extend(before)
        if value is not None:
            etree.SubElement(r, _W_T, _PRESERVE).text = _MARK_CHARS.sub("", value)
        if after:
            r.extend(after)
        return r

    runs, found, before = [], [], content[:at]
    for i in range(0, len(pieces) - 1, 3):
        if before or pieces[i]:
            runs.append(new_run(before, pieces[i] or None))
        figure_run = new_run((), pieces[i + 2])
        runs.append(figure_run)
        found.append((int(pieces[i + 1]), figure_run))
        before = ()
    after = content[at + 1:]
    if before or pieces[-1] or after:
        runs.append(new_run(before, pieces[-1] or None, after))
    index = parent.index(run)
    parent.remove(run)
    for offset, r in enumerate(runs):
        parent.insert(index + offset, r)
    return found


def _alone_in_run(run: etree._Element, t: etree._Element) -> bool:
    """Whether t is all a run holds but its properties, and carries no attribute but xml:space."""
    if any(name != _XML_SPACE for name in t.attrib):
        return False
    n = len(run)
    return n == 1 or (n == 2 and run[0].tag == _W_RPR and run[1] is t)


def strip_marks_from(data: bytes) -> bytes:
    """A rendered part where figures are not traced (headers, footers): the figures without marks."""
    if FIG_OPEN.encode("utf-8") not in data:
        return data
    text = data.decode("utf-8")
    return _MARK_CHARS.sub("", MARK_RE.sub(lambda m: m.group(2), text)).encode("utf-8")


#: The w:t holding a figure mark and the tables' body rows standing apart, in document order.
_MARKS_AND_ROWS = etree.XPath(f"descendant-or-self::w:t[contains(., $c)] | descendant::*[local-name()='{oxml.ROWS_STANDIN}']",
                              namespaces=oxml.NSMAP)


def place_figures(parts: dict[str, bytes], document: etree._Element, collector: FigureCollector,
                  rendered: dict[str, bytes], question_id: str, locale: str,
                  rows: list[oxml.TableRows] = ()) -> list[tuple[int, list[int]]]:
    """Bookmark every marked figure of the main document and store the map in the package.

    An answer always gets the map (empty when it shows no figure from the data), so that
    verify can tell an answer without figures from one made before figures were traced.
    `rows`: the tables' body rows standing apart from the document (oxml.ROWS_STANDIN n);
    returns, for each, the bookmarks to put around its figure runs (oxml.TableRows.xml)."""
    for name in rendered:
        if name != package.MAIN_DOCUMENT and name in parts:
            parts[name] = strip_marks_from(parts[name])
    # in document order: (figure, its run), or (n, the figure runs of rows n that are placed)
    placed: list[tuple[Figure, etree._Element] | tuple[int, list[int]]] = []
    seen: set[int] = set()  # a template may print a figure twice: the first place is the one
    # recorded (a bookmark name is unique)
    for el in _MARKS_AND_ROWS(document, c=FIG_OPEN) if rows else oxml.TEXTS_HOLDING(document, c=FIG_OPEN):
        if el.tag == _W_T:
            if el.text and FIG_OPEN in el.text:
                for number, run in _split_run(el):
                    figure = collector.get(number)
                    if figure is not None and number not in seen:
                        seen.add(number)
                        placed.append((figure, run))
            continue
        n, runs = int(el.get("n")), []
        for i, number in enumerate(rows[n].numbers):
            if number not in seen and collector.get(number) is not None:
                seen.add(number)
                runs.append(i)
        placed.append((n, runs))
    bookmark_id = _next_id(document)
    bookmarks: list[tuple[int, list[int]]] = [(0, [])] * len(rows)
    for figure, where in placed:
        if isinstance(where, list):
            bookmarks[figure] = (bookmark_id, where)
            bookmark_id += len(where)
        else:
            oxf.bookmark_around(where, bookmark_id, f"{BOOKMARK_PREFIX}{figure.number}")
            bookmark_id += 1
    body = document.find(_W_BODY)
    layout = _Layout(body if body is not None else document, rows)
    entries = []
    for figure, where in placed:
        if not isinstance(where, list):
            entries.append(_figure_xml(figure, layout, next(where.iterancestors(_W_P), None), where))
            continue
        apart, t, texts, values = rows[figure], layout.standing_apart[figure], [], []
        for i in where:  # the entries of a table's cells, as one
            cell = collector.get(apart.numbers[i])
            r, c = apart.rows[i], apart.cells[i]
            text, value = _cell_entry(cell, layout.cell_place(t, r, c, cell), t, r, c)
            texts.append(text)
            values.append(value)
        entries.append(("".join(texts), "".join(values)))
    _store_record(parts, record_xml(question_id, locale, entries), question_id)
    return bookmarks


def _next_id(document: etree._Element) -> int:
    """An id above every w:id in the part (bookmarks, comments, revisions; note references too, harmlessly)."""
    ids = [int(v) for v in _ALL_IDS(document) if v.lstrip("-").isdigit()]
    return max(ids, default=-1) + 1


def _figure_xml(figure: Figure, layout: _Layout, p, run) -> tuple[str, str]:
    """The figure's entry in the record (made by _entry): where it stands, its table cell's
    indexes or its paragraph's text and its place in it."""
    cell = layout.cell_of(p) if p is not None else None
    if cell is not None:
        return _entry(figure, layout.cell_place(*cell, figure), f" cell={_QUOTE}{cell[0]} {cell[1]} {cell[2]}{_QUOTE}", "")
    place = layout.text_place(p, figure.shown)
    if p is None:
        return _entry(figure, place, "", "")
    text = layout.text(p)
    at = len(_clean(layout.text_before(p, run) + "x")) - 1  # where in it
    return _entry(figure, place, f" paragraph={_QUOTE}{text}{_QUOTE} at={_QUOTE}{at}{_QUOTE}", text)


#: What libxml2 refuses in a text: C0 controls but tab, newline and return; lone surrogates;
#: U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: The record's own quotes and brackets while its values are escaped: characters no value holds.
_QUOTE, _OPEN, _CLOSE = "\x01", "\x02", "\x03"


def _attributes(attrib: dict[str, str]) -> str:
    return "".join(f" {name}={_QUOTE}{value}{_QUOTE}" for name, value in attrib.items())


def _cell_entry(figure: Figure, place: str, t: int, r: int, c: int) -> tuple[str, str]:
    """A table cell figure's entry (a table of 5,000 rows has 10,000)."""
    return _entry(figure, place, f" cell={_QUOTE}{t} {r} {c}{_QUOTE}", "")


def _entry(figure: Figure, place: str, after: str, after_values: str) -> tuple[str, str]:
    """A figure's entry, as record_xml writes an (attributes, sources) entry for it, made at
    once: its text, with the record's own quotes and brackets, and its values (checked by
    record_xml with the others). after: the attributes after its place (written as they are),
    after_values: the values among them that are not digits."""
    f, q = figure, _QUOTE
    text = (f"{_OPEN}figure n={q}{f.number}{q}{f' key={q}{f.key}{q}' if f.key else ''}"
            f"{f' kind={q}{f.kind}{q}' if f.kind else ''}{f' shown={q}{f.shown}{q}' if f.shown else ''}"
            f" raw={q}{f.raw!r}{q} scale={q}{f.scale!r}{q}{f' table={q}{f.table}{q}' if f.table else ''}"
            f"{f' row={q}{f.row}{q}' if f.row else ''}{f' column={q}{f.column}{q}' if f.column else ''}"
            f"{f' row-key={q}{f.row_key}{q}' if f.row_key else ''}"
            f"{f' column-key={q}{f.column_key}{q}' if f.column_key else ''}"
            f"{f' where={q}{f.where}{q}' if f.where else ''}{f' section={q}{f.section}{q}' if f.section else ''}"
            f"{f' adds={q}{f.adds}{q}' if f.adds else ''} place={q}{place}{q}{after}")
    values = (f"{f.key}{f.kind}{f.shown}{f.table}{f.row}{f.column}{f.row_key}{f.column_key}{f.where}{f.section}"
              f"{f.adds}{place}{after_values}")
    if not f.sources:
        return text + f"/{_CLOSE}", values
    out = [text, _CLOSE]
    for s in f.sources:
        out.append(f"{_OPEN}source file={q}{s.file}{q} place={q}{s.place}{q}{f' ref={q}{s.ref}{q}' if s.ref else ''}"
                   f"{f' part-of={q}{s.part_of}{q}' if s.part_of else ''}/{_CLOSE}")
        values += f"{s.file}{s.place}{s.ref}{s.part_of}"
    out.append(f"{_OPEN}/figure{_CLOSE}")
    return "".join(out), values


def record_xml(question_id: str, locale: str,
               entries: list[tuple[dict[str, str], list[dict[str, str]]] | tuple[str, str]]) -> bytes:
    """The figure record as its part's bytes: written as text, the bytes lxml writes for the
    same elements (an answer's record has an entry per figure; a table of 5,000 rows, 10,000).
    An entry is (attributes, sources) or, made by _entry, (text, values) (of one entry or more).
    Values are escaped as libxml2 escapes an attribute, all at once; a value libxml2 refuses
    is refused with lxml's message."""
    head = {"question": question_id, "locale": locale}
    values = [*head.values()]
    out = [f"{_OPEN}figures xmlns={_QUOTE}{NS}{_QUOTE}{_attributes(head)}"]
    if not entries:
        out.append(f"/{_CLOSE}")
    else:
        out.append(_CLOSE)
        for attrib, sources in entries:
            if isinstance(attrib, str):  # made by _entry
                out.append(attrib)
                values.append(sources)
                continue
            values += attrib.values()
            out.append(f"{_OPEN}figure{_attributes(attrib)}")
            if sources:
                out.append(_CLOSE)
                for source in sources:
                    values += source.values()
                    out.append(f"{_OPEN}source{_attributes(source)}/{_CLOSE}")
                out.append(f"{_OPEN}/figure{_CLOSE}")
            else:
                out.append(f"/{_CLOSE}")
        out.append(f"{_OPEN}/figures{_CLOSE}")
    if _NOT_XML.search("".join(values)):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    text = ("".join(out).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
            .replace(_QUOTE, '"').replace(_OPEN, "<").replace(_CLOSE, ">"))
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + text).encode("utf-8")


def _store_record(parts: dict[str, bytes], xml: bytes, question_id: str) -> None:
    from drafter.word.finish import CONTENT_TYPES, DOCUMENT_RELS  # the package's bookkeeping parts

    taken = [int(m.group(1)) for n in parts for m in [_ITEM.match(n)] if m]
    number = max(taken, default=0) + 1
    item, props = f"customXml/item{number}.xml", f"customXml/itemProps{number}.xml"
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NS}/{question_id}")).upper() + "}"
    parts[item] = xml
    parts[props] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + f'<ds:datastoreItem ds:itemID="{item_id}" xmlns:ds="{_DS}"><ds:schemaRefs>'
          f'<ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'.encode()
    )
    parts[f"customXml/_rels/item{number}.xml.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          f'<Relationship Id="rId1" Type="{ITEM_PROPS_REL}" Target="itemProps{number}.xml"/></Relationships>'.encode()
    )
    parts[CONTENT_TYPES], parts[DOCUMENT_RELS] = _with_record(parts[CONTENT_TYPES], parts[DOCUMENT_RELS], number)


@lru_cache(maxsize=32)
def _with_record(content_types: bytes, document_rels: bytes, number: int) -> tuple[bytes, bytes]:
    """The content types and the main document's relationships, with record number `number`
    (the same for every answer of a template: worked out once)."""
    item, props = f"customXml/item{number}.xml", f"customXml/itemProps{number}.xml"
    content_types = oxml.ensure_content_type(content_types, "/" + props, ITEM_CT)
    content_types = oxml.ensure_content_type(content_types, "/" + item, "application/xml")
    return content_types, oxml.ensure_relationship(document_rels, CUSTOM_XML_REL, f"../{item}")


# --------------------------------------------------------------------------- reading an answer


class AnswerFileError(DrafterError):
    """An answer that cannot be read at all (not a .docx, corrupt, encrypted)."""


@dataclass(frozen=True)
class Found:
    """A recorded figure as the document shows it now."""

    figure: Figure
    drafted_place: str  # where it stood when drafter made the answer
    text: str | None  # what the document shows there now; None: not found (removed)
    place: str  # where it is now (or was, when removed)
    how: str  # "mark" (its bookmark), "labels" (its table row and column), "text" (its paragraph), "" (not found)
    cell: tuple[int, int, int] | None = None  # (table, row, cell) from 0, when it stands in a table now


@dataclass
class AnswerFigures:
    file: str
    properties: dict[str, str]  # drafter's custom properties (question, fingerprint)
    question: str | None  # '2019-2020/4', None when drafter did not make it
    locale: str = ""
    record: bool = False  # whether the answer holds a figure record
    damaged: str = ""  # why the record cannot be read, when it cannot
    damaged_keys: set[str] = field(default_factory=set)  # the figures whose entry is damaged
    found: list[Found] = field(default_factory=list)
    tables: dict[int, list[list[str]]] = field(default_factory=dict)  # the document's tables now: each cell's figure
    header_rows: dict[int, int] = field(default_factory=dict)  # how many header rows each table has


def read_package(source: Path | bytes, shown: str) -> dict[str, bytes]:
    """The parts of an answer; anything that is not a readable .docx is an AnswerFileError."""
    if isinstance(source, Path):
        try:
            if source.stat().st_size > MAX_ANSWER_BYTES:
                raise AnswerFileError("the file is too large for an answer", file=shown,
                                      hint="verify reads answers drafter made (.docx, tens of kilobytes).")
            with open(source, "rb") as fh:
                data = fh.read()
        except FileNotFoundError:
            raise AnswerFileError("there is no such file", file=shown, hint="Check the name.") from None
        except IsADirectoryError:
            raise AnswerFileError("this is a folder", file=shown, hint="Give a .docx file or a folder.") from None
        except OSError as exc:
            raise AnswerFileError(f"the file cannot be read ({exc.strerror})", file=shown) from None
    else:
        data = source
    if data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise AnswerFileError("the document is protected with a password, so its figures cannot be read",
                                  file=shown, hint="Open it in Word, remove the password (File > Info > Protect "
                                  "Document), save it, and verify that copy.")
        raise AnswerFileError("this is an old Word or Office file (.doc), not a .docx", file=shown,
                              hint="Open it in Word and save it as a Word document (.docx).")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise AnswerFileError("not a Word document (.docx): the file is not a zip package", file=shown,
                              hint="Give the .docx answer drafter wrote (or a copy saved by Word).") from None
    with archive:
        infos = archive.infolist()
        reason = unpack_problem(infos, MAX_UNPACKED, "a Word document")
        if reason:
            raise AnswerFileError(reason, file=shown, hint="This is not an answer drafter made.")
        names = {i.filename for i in infos}
        if package.MAIN_DOCUMENT not in names:
            raise AnswerFileError("not a Word document: it has no word/document.xml", file=shown,
                                  hint="Give the .docx answer drafter wrote (or a copy saved by Word).")
        try:
            return {i.filename: archive.read(i) for i in infos if not i.is_dir()}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, zipfile.LargeZipFile) as exc:
            raise AnswerFileError(f"the document is damaged ({exc})", file=shown,
                                  hint="Open it in Word; if Word repairs it, save it and verify again.") from None


def _record_part(parts: dict[str, bytes]) -> tuple[etree._Element | None, str]:
    """drafter's figure record among the custom XML parts (found by content), and why not."""
    for name in sorted(parts):
        if not name.startswith("customXml/") or not name.endswith(".xml") or "itemProps" in name:
            continue
        data = parts[name]
        if NS.encode() not in data:
            continue
        try:
            root = oxml.parse(data)
        except etree.XMLSyntaxError as exc:
            return None, f"its figure record ({name}) is not well-formed XML ({exc})"
        if root.tag != _q("figures"):
            return None, f"its figure record ({name}) is not one drafter wrote"
        return root, ""
    return None, ""


def _figure_from(el: etree._Element) -> Figure:
    sources = tuple(Source(s.get("file", ""), s.get("place", ""), s.get("ref", ""), s.get("part-of", ""))
                    for s in el.findall(_q("source")))
    return Figure(number=int(el.get("n")), key=el.get("key"), kind=el.get("kind", "text"), shown=el.get("shown", ""),
                  raw=float(el.get("raw")), scale=float(el.get("scale", "1")), sources=sources,
                  table=el.get("table", ""), row=el.get("row", ""), column=el.get("column", ""),
                  row_key=el.get("row-key", ""), column_key=el.get("column-key", ""), where=el.get("where", ""),
                  section=el.get("section", ""), adds=el.get("adds", "column" if el.get("kind") == "total" else ""))


def read_answer(source: Path | bytes, shown: str | None = None) -> AnswerFigures:
    """Read an answer as the person left it: its record and, per figure, what it shows now."""
    shown = shown or (display_path(source) if isinstance(source, Path) else "the new draft")
    parts = read_package(source, shown)
    props = {}
    if oxml.CUSTOM_PROPERTIES in parts:
        try:
            props = oxml.read_custom_properties(parts[oxml.CUSTOM_PROPERTIES])
        except etree.XMLSyntaxError:
            props = {}
    from drafter.word.finish import QUESTION_ID

    result = AnswerFigures(file=shown, properties=props, question=props.get(QUESTION_ID))
    try:
        document = oxml.parse(parts[package.MAIN_DOCUMENT])
    except etree.XMLSyntaxError as exc:
        raise AnswerFileError(f"the document's text (word/document.xml) is damaged ({exc})", file=shown,
                              hint="Open it in Word; if Word repairs it, save it and verify again.") from None
    body = document.find(_W_BODY)
    layout = _Layout(body if body is not None else document)
    result.tables = {i: [[t.value(r, c) for c in range(len(row))] for r, row in enumerate(t.rows)]
                     for i, t in enumerate(layout.tables)}
    result.header_rows = {i: t.header_rows for i, t in enumerate(layout.tables)}
    root, damaged = _record_part(parts)
    if root is None:
        result.damaged = damaged
        result.record = bool(damaged)
        return result
    result.record = True
    result.locale = root.get("locale", "")
    marks = _marked_texts(layout.body)
    for el in root.findall(_q("figure")):
        try:
            figure = _figure_from(el)
        except (TypeError, ValueError):
            result.damaged = f"its figure record has a damaged entry ({el.get('key') or 'no key'})"
            result.damaged_keys.add(el.get("key") or "")
            continue
        drafted = el.get("place", "")
        found = marks.get(figure.number)
        if found is not None and _clean(found[0]):
            text, start = found
            p = _paragraph_of(start)
            result.found.append(Found(figure, drafted, _clean(text), layout.place(p, _clean(text), figure), "mark",
                                      layout.cell_of(p) if p is not None else None))
            continue
        result.found.append(_fallback(figure, drafted, el, layout))
    return result


def _marked_texts(body: etree._Element) -> dict[int, tuple[str, etree._Element]]:
    """The text inside each of drafter's figure bookmarks, by figure number."""
    open_marks: dict[str, int] = {}
    texts: dict[int, list[str]] = {}
    starts: dict[int, etree._Element] = {}
    for el in body.iter(_W_BOOKMARKSTART, _W_BOOKMARKEND, _W_T):
        if el.tag == _W_BOOKMARKSTART:
            name = el.get(_W_NAME) or ""
            if name.startswith(BOOKMARK_PREFIX) and name[len(BOOKMARK_PREFIX):].isdigit():
                number = int(name[len(BOOKMARK_PREFIX):])
                open_marks[el.get(_W_ID)] = number
                texts.setdefault(number, [])
                starts.setdefault(number, el)
        elif el.tag == _W_BOOKMARKEND:
            open_marks.pop(el.get(_W_ID), None)
        else:
            run = el.getparent()
            if run is not None and _is_call_run(run):
                continue
            for number in open_marks.values():
                texts[number].append(el.text or "")
    return {n: ("".join(t), starts[n]) for n, t in texts.items()}


def _fallback(figure: Figure, drafted: str, el: etree._Element, layout: _Layout) -> Found:
    """A figure whose bookmark is gone: find it by its table labels, or by its paragraph."""
    if figure.kind in ("cell", "total"):
        cell = [int(i) for i in (el.get("cell") or "").split()] or [0, 0, 0]
        order = sorted(range(len(layout.tables)), key=lambda i: i != cell[0])
        for t in order:
            table = layout.tables[t]
            columns = [c for c in range(1, max((len(r) for r in table.rows), default=0))
                       if table.column_label(c) == _clean(figure.column)]
            if not columns:
                continue
            column = cell[2] if cell[2] in columns else columns[0]
            rows = [r for r in range(table.header_rows, len(table.rows))
                    if table.row_label(r) == _clean(figure.row) and column < len(table.rows[r])]
            if figure.section:  # a table of nested rows: the row of that name in the figure's section
                rows = [r for r in rows if table.section_of(r) == _clean(figure.section)] or rows
            for r in rows[-1:] if figure.adds == "all" else rows[:1]:  # a grand total is the last
                text = _cell_value(table.rows[r][column])
                return Found(figure, drafted, text or None, layout.cell_place(t, r, column, figure), "labels",
                             (t, r, column))
        return Found(figure, drafted, None, drafted, "")
    # a figure in a text: its paragraph is the one most like the paragraph as drafted
    drafted_text, at = el.get("paragraph", ""), int(el.get("at", "-1") or -1)
    best, best_ratio, best_text = None, 0.0, ""
    for p in layout.paragraphs:
        text = _clean(_visible(p, calls=False))
        if not text or not drafted_text:
            continue
        matcher = difflib.SequenceMatcher(None, drafted_text, text, autojunk=False)
        if matcher.real_quick_ratio() > best_ratio and matcher.quick_ratio() > best_ratio:
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best, best_ratio, best_text = p, ratio, text
    if best is None or best_ratio < 0.6:
        return Found(figure, drafted, None, drafted, "")
    if 0 <= at and drafted_text[at:at + len(figure.shown)] == figure.shown:
        now = _mapped(drafted_text, best_text, at, at + len(figure.shown))
    else:
        now = figure.shown if figure.shown in best_text else ""
    return Found(figure, drafted, now or None, layout.place(best, now), "text")


def _mapped(old: str, new: str, start: int, end: int) -> str:
    """What stands in `new` where old[start:end] stood in `old` (the paragraph as drafted),
    widened to whole words: '45%' in 'Circa 45% van' is '47%' in 'Ongeveer 47% van'."""
    ops = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

    def where(i: int, is_end: bool) -> int:
        for tag, i1, i2, j1, j2 in ops:
            if (i1 <= i < i2) if not is_end else (i1 < i <= i2):
                return j1 + (i - i1) if tag == "equal" else (j2 if is_end else j1)
        return len(new) if is_end else 0

    a, b = where(start, False), where(end, True)
    while a > 0 and not new[a - 1].isspace():
        a -= 1
    while b < len(new) and not new[b].isspace() and new[b] not in ",;:)":
        b += 1
    found = new[a:b].strip().rstrip(".")
    return found if any(c.isdigit() for c in found) else ""

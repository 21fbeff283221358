"""The figure record: a hidden bookmark around each figure in an answer, and the map of them in
the package.

The view records every figure it formats (``view/figures``). A table built from data writes
each of its figures in a run of its own inside a bookmark (``word/tables``); a figure in a
text is marked, and when the answer is finished each mark becomes a bookmark around the
figure's run. The bookmarks are named ``_DrafterFig<n>``: Word treats a bookmark whose name
starts with "_" as hidden (like its own ``_Toc`` and ``_Ref`` bookmarks),
so the reader sees nothing and can edit around and inside it freely. The map from bookmark to
figure (its key, value as shown, raw value, source, table, row and column, and where it
stands) is a custom XML part of the package, which Word keeps and never shows.

Measured before choosing (LibreOffice 7.4 headless open-and-save to .docx; python-docx 1.2
open, edit runs, save): both keep bookmarks, including those whose name starts with "_",
and the custom XML part with its properties part (LibreOffice renumbers relationship ids:
the part is found by its content, never by id). python-docx's ``cell.text = ...`` and
``paragraph.text = ...`` drop the bookmarks inside, so reading an answer back
(``read_answer``) falls back to the figure's table, row and column labels, or to its
paragraph's text.
"""

from __future__ import annotations

import hashlib
import re
import uuid

from drafter import oxml
from drafter.oxml import bookmarks, customxml, document
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import run as runs
from drafter.oxml.opc import MAIN_DOCUMENT, Package
from drafter.view.figures import FIG_CLOSE, FIG_OPEN, FIG_SEP, MARK_RE, Figure, FigureCollector, Source
from drafter.places import english_of
from drafter.word.places import FigureCell, Layout, TableLayout, cell_place, clean

NS = "urn:drafter:figures:1"
ROOT = "figures"
#: A figure's bookmark is named this, then the figure's number (hidden in Word: it starts with "_").
BOOKMARK_PREFIX = "_DrafterFig"
_MARK_CHARS = re.compile("[" + FIG_OPEN + FIG_SEP + FIG_CLOSE + "]")


# --------------------------------------------------------------------------- placing the marks


def bookmark_name(number: int) -> str:
    """The name of the bookmark of the figure of this number."""
    return f"{BOOKMARK_PREFIX}{number}"


def strip_marks(package: Package, name: str) -> None:
    """A rendered part where figures are not traced (a header, a footer): its figures without marks
    or bookmarks."""
    root = package.read(name)
    marks = runs.strip_marks(root, MARK_RE, _MARK_CHARS, FIG_OPEN)
    if bookmarks.remove_unnumbered(root) or marks:
        package.edit(name)


def mark_figures(root: oxml.Element, collector: FigureCollector) -> list[tuple[Figure, oxml.Element]]:
    """Each figure the collector made, cut out of its mark into a run of its own (the mark's
    characters gone), with that run, in document order. A template may print a figure twice:
    the first place is the figure's (a bookmark's name is unique); marks where no run can hold
    the figure only lose their marks."""
    placed = []
    seen: set[int] = set()
    for t in runs.texts_holding(root, FIG_OPEN):
        for number, run in runs.cut_at_marks(t, MARK_RE, _MARK_CHARS):
            figure = collector.get(int(number))
            if figure is not None and figure.number not in seen:
                seen.add(figure.number)
                placed.append((figure, run))
    return placed


def trace(package: Package, collector: FigureCollector, question_id: str, locale: str,
          table_figures: dict[int, FigureCell] | None = None,
          note_styles: frozenset[str] | set[str] = frozenset()) -> None:
    """Bookmark every figure of the main document and store the record in the package: the
    figures, and the shape of each table that holds them and of each note (a paragraph in one
    of ``note_styles``), so that ``drafter update`` can tell what new data changes besides its
    figures.

    A table built from data holds its figures in bookmarks already, and says where each stands
    in it (``table_figures``, from ``word/tables``); a figure in a text is marked, and gets its
    run and bookmark here. The bookmarks are then numbered in document order (the first place of
    a figure shown twice is its place), and each figure gets its entry in the record. An answer
    always gets the record (empty when it shows no figure from the data), so that verify can
    tell an answer without figures from one made before figures were traced."""
    root = package.edit(MAIN_DOCUMENT)
    in_text = {figure.number: run for figure, run in mark_figures(root, collector)}
    bookmarks.around([(run, bookmark_name(number)) for number, run in in_text.items()])
    body = document.body_of(root)
    layout = Layout(body if body is not None else root)
    table_figures = table_figures or {}
    entries = []
    table, t = None, None  # the built table of the figures just placed, and its number in the document
    for start, name in bookmarks.number(root, bookmarks.next_id(root, with_note_references=True)):
        number = int(name[len(BOOKMARK_PREFIX):])
        cell = table_figures.get(number)
        run = in_text.get(number)
        if run is not None and run is start.getnext():  # the figure's first place is in a text
            cell = None
        if cell is None:
            figure = collector.get(number)
            entries.append((figure, where(figure, layout, start.getnext())))
            continue
        # in a table built from data, which knows the cell; the document knows which table it is.
        # A table's figures stand in one w:tbl, one after the other (when it is printed twice, the
        # first print holds them all): its number is looked up at its first.
        if cell.table != table:
            table, t = cell.table, layout.table_of(start)
        entries.append((collector.get(number), (("place", cell_place(t, cell.within).text),
                                                ("cell", f"{t} {cell.row} {cell.cell}"))))
    item_id = "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{NS}/{question_id}")).upper() + "}"
    customxml.add_item(package, record(question_id, locale, entries, table_shapes(layout, entries),
                                       note_shapes(layout, note_styles)), item_id, NS)


# --------------------------------------------------------------------------- what a table and a note say besides their figures


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def table_shape(table: TableLayout) -> tuple[str, str]:
    """A table's shape as its record keeps it: the number of cells of each row ('3 3 3'), and a
    digest of what its cells say besides their figures (labels, note calls, 'n.v.t.')."""
    cells = bookmarks.masked_cell_texts(table.element, BOOKMARK_PREFIX)
    return " ".join(str(len(row)) for row in cells), _digest("\n".join("\t".join(row) for row in cells))


def table_shapes(layout: Layout, entries: list[tuple[Figure, list[tuple[str, str]]]]) -> list[tuple[str, int, str, str]]:
    """(table key, table index, cells per row, digest) of each table that holds traced figures."""
    keys: dict[int, str] = {}
    for figure, place in entries:
        cell = dict(place).get("cell")
        if cell and figure.table:
            keys.setdefault(int(cell.split()[0]), figure.table)
    return [(key, t, *table_shape(layout.tables[t])) for t, key in sorted(keys.items())]


def note_paragraphs(layout: Layout, note_styles) -> list[oxml.Element]:
    """The answer's notes: its paragraphs (outside tables) in a note style, in order."""
    styles = set(note_styles)
    return [p for p in layout.paragraphs if paragraphs.style_of(p) in styles] if styles else []


def note_shape(p: oxml.Element) -> str:
    """A note's digest: what it says besides its figures (its call, its text)."""
    return _digest(bookmarks.masked_text(p, BOOKMARK_PREFIX))


def note_shapes(layout: Layout, note_styles) -> list[str]:
    return [note_shape(p) for p in note_paragraphs(layout, note_styles)]


# --------------------------------------------------------------------------- the record's XML


def where(figure: Figure, layout: Layout, run: oxml.Element) -> list[tuple[str, str]]:
    """Where a figure stands, as its record's entry says it: its place as a reader names it, and
    its table cell's indexes, or its paragraph's text and where in it the figure starts."""
    p = paragraphs.ancestor(run)
    cell = layout.cell_of(p) if p is not None else None
    if cell is not None:
        return [("place", layout.cell_place(*cell, grand_total=figure.adds == "all").text),
                ("cell", f"{cell[0]} {cell[1]} {cell[2]}")]
    place = layout.text_place(p, figure.shown).text
    if p is None:
        return [("place", place)]
    # the length of the text before it, cleaned as the paragraph's text is (the "x" keeps a
    # space just before the figure)
    at = len(clean(layout.text_before(p, run) + "x")) - 1
    return [("place", place), ("paragraph", layout.text(p)), ("at", str(at))]


def record(question_id: str, locale: str, entries: list[tuple[Figure, list[tuple[str, str]]]],
           tables: list[tuple[str, int, str, str]] = (), notes: list[str] = ()) -> bytes:
    """The record part's bytes: its root (the question, the locale) holding an element for each
    figure: what it is, where it came from (its sources), where it stands (``where``); then one
    for each table holding figures (its key, index, cells per row and the digest of what it says
    besides its figures) and each note (its digest). An optional attribute without a value is
    left out."""
    out = customxml.ElementsText()
    q, o, c = out.QUOTE, out.OPEN, out.CLOSE
    empty = not entries and not tables and not notes
    out.add(f"{o}figures xmlns={q}{NS}{q} question={q}{question_id}{q} locale={q}{locale}{q}"
            + ("/" if empty else "") + c, question_id + locale)
    for f, place in entries:
        # one figure's element, written in one go (a long table's record has tens of thousands),
        # an optional attribute only with a value
        markup = (f"{o}figure n={q}{f.number}{q}{f' key={q}{f.key}{q}' if f.key else ''}"
                  f"{f' kind={q}{f.kind}{q}' if f.kind else ''}{f' shown={q}{f.shown}{q}' if f.shown else ''}"
                  f" raw={q}{f.raw!r}{q} scale={q}{f.scale!r}{q}{f' table={q}{f.table}{q}' if f.table else ''}"
                  f"{f' row={q}{f.row}{q}' if f.row else ''}{f' column={q}{f.column}{q}' if f.column else ''}"
                  f"{f' row-key={q}{f.row_key}{q}' if f.row_key else ''}"
                  f"{f' column-key={q}{f.column_key}{q}' if f.column_key else ''}"
                  f"{f' where={q}{f.where}{q}' if f.where else ''}{f' section={q}{f.section}{q}' if f.section else ''}"
                  f"{f' adds={q}{f.adds}{q}' if f.adds else ''}"
                  + "".join([f" {name}={q}{value}{q}" for name, value in place]))
        values = (f"{f.key}{f.kind}{f.shown}{f.table}{f.row}{f.column}{f.row_key}{f.column_key}{f.where}"
                  f"{f.section}{f.adds}" + "".join([value for _, value in place]))
        if f.sources:
            # a source's place in English, whatever language the run speaks: the same inputs, the same answer
            markup += c + "".join([f"{o}source file={q}{s.file}{q} place={q}{english_of(s.place)}{q}"
                                   f"{f' ref={q}{s.ref}{q}' if s.ref else ''}"
                                   f"{f' part-of={q}{s.part_of}{q}' if s.part_of else ''}/{c}" for s in f.sources])
            markup += f"{o}/figure{c}"
            values += "".join([f"{s.file}{english_of(s.place)}{s.ref}{s.part_of}" for s in f.sources])
        else:
            markup += f"/{c}"
        out.add(markup, values)
    for key, index, cells, digest in tables:
        out.add(f"{o}table key={q}{key}{q} n={q}{index}{q} cells={q}{cells}{q} text={q}{digest}{q}/{c}",
                key + cells + digest)
    for digest in notes:
        out.add(f"{o}note text={q}{digest}{q}/{c}", digest)
    if not empty:
        out.add(f"{o}/figures{c}", "")
    return customxml.document(out.text())


def figure_of(attributes: dict[str, str], sources: list[dict[str, str]]) -> Figure:
    """A record's entry as the figure it records (ValueError, TypeError: a damaged entry)."""
    a = attributes
    return Figure(number=int(a["n"]), key=a.get("key"), kind=a.get("kind", "text"), shown=a.get("shown", ""),
                  raw=float(a["raw"]), scale=float(a.get("scale", "1")),
                  sources=tuple(Source(s.get("file", ""), s.get("place", ""), s.get("ref", ""), s.get("part-of", ""))
                                for s in sources),
                  table=a.get("table", ""), row=a.get("row", ""), column=a.get("column", ""),
                  row_key=a.get("row-key", ""), column_key=a.get("column-key", ""), where=a.get("where", ""),
                  section=a.get("section", ""), adds=a.get("adds", "column" if a.get("kind") == "total" else ""))

"""Tables (w:tbl): written as WordprocessingML from their parts, and read as rows of cells.

A table built from data is written as text, once, by ``TableXml`` (the properties that the
cells of one kind share are written once per table), and parsed once with ``fragment``; every
later step works on the parsed elements.
"""

from __future__ import annotations

import itertools

from lxml import etree

from drafter.oxml import NSMAP, Element, bookmarks, escape, escape_attribute, order, qn

TBL, TR, TC, TRPR, TCPR, P, GRIDSPAN, TBLHEADER = (qn(t) for t in ("w:tbl", "w:tr", "w:tc", "w:trPr", "w:tcPr",
                                                                  "w:p", "w:gridSpan", "w:tblHeader"))
_VAL = qn("w:val")
_PRESERVE = ' xml:space="preserve"'
_ROWS_THAT_MAY_SPLIT = etree.XPath("w:tr[not(w:trPr/w:cantSplit)]", namespaces=NSMAP)
_ROW_COUNT = etree.XPath("count(w:tr)", namespaces=NSMAP)


# --------------------------------------------------------------------------- writing


class TableXml:
    """WordprocessingML text of paragraphs, cells and rows of one table (its caption and notes too)."""

    def __init__(self) -> None:
        #: (style id, keep with next, type size[, width, span, merge]) -> the XML before a
        #: paragraph's (or cell's) runs, a text run's start, a tab's run
        self._frames: dict[tuple, tuple[str, str, str]] = {}

    def _paragraph_frame(self, style_id: str, keep_next: bool | None, size: int | None,
                         right: int | None = None) -> tuple[str, str, str]:
        """keep_next: True keeps the paragraph with the next, False lets it break from the next
        whatever its style says (a table style may keep every row with the next, which keeps a
        long table from breaking at all), None as its style says."""
        key = (style_id, keep_next, size, right)
        found = self._frames.get(key)
        if found is None:
            rpr = ""
            if size:
                rpr = "<w:rPr>" + order.ordered("rPr", {"sz": f'<w:sz w:val="{size}"/>',
                                                        "szCs": f'<w:szCs w:val="{size}"/>'}) + "</w:rPr>"
            ppr = {"pStyle": f'<w:pStyle w:val="{escape_attribute(style_id)}"/>'}
            if keep_next is not None:
                ppr["keepNext"] = "<w:keepNext/>" if keep_next else '<w:keepNext w:val="0"/>'
            if right is not None:  # aligned right, that far from the right margin (twentieths of a point)
                ppr["ind"] = f'<w:ind w:right="{right}"/>'
                ppr["jc"] = '<w:jc w:val="right"/>'
            if rpr:
                ppr["rPr"] = rpr  # the paragraph mark's size, as its text's
            found = self._frames[key] = (f"<w:p><w:pPr>{order.ordered('pPr', ppr)}</w:pPr>",
                                         f"<w:r>{rpr}<w:t{_PRESERVE}>", f"<w:r>{rpr}<w:tab/></w:r>")
        return found

    def paragraph(self, style_id: str, text: str, keep_next: bool | None = None, size: int | None = None,
                  right: int | None = None) -> str:
        """A paragraph of this style holding text (a tab is a run of its own); right: aligned right,
        that far from the right margin."""
        start, run, tab = self._paragraph_frame(style_id, keep_next, size, right)
        return f"{start}{_runs(text, run, tab)}</w:p>"

    def cell(self, style_id: str, text: str, width: int, span: int = 1, merge: str | None = None,
             size: int | None = None, keep: bool = True, bookmark: tuple[str, str] | None = None) -> str:
        """A cell of one paragraph; width in twentieths of a point; span: the grid columns it
        covers; merge: 'restart' or 'continue' (merged with the cell above it); bookmark: (name,
        the start of text it holds), a hidden bookmark around that start's run, unnumbered
        (``bookmarks.number`` numbers it with the document's others)."""
        key = (style_id, keep, size, width, span, merge)
        found = self._frames.get(key)
        if found is None:
            props = {"tcW": f'<w:tcW w:w="{width}" w:type="dxa"/>'}
            if span > 1:
                props["gridSpan"] = f'<w:gridSpan w:val="{span}"/>'
            if merge is not None:
                props["vMerge"] = f'<w:vMerge w:val="{merge}"/>' if merge == "restart" else "<w:vMerge/>"
            if merge == "restart":  # a header merged down stands on the lowest header row, beside the columns'
                props["vAlign"] = '<w:vAlign w:val="bottom"/>'
            start, run, tab = self._paragraph_frame(style_id, keep, size)
            found = self._frames[key] = (f"<w:tc><w:tcPr>{order.ordered('tcPr', props)}</w:tcPr>{start}", run, tab)
        start, run, tab = found
        if bookmark is None:
            return f"{start}{_runs(text, run, tab)}</w:p></w:tc>"
        name, held = bookmark
        rest = text[len(held):]
        return (f"{start}{bookmarks.around_xml(name, _runs(held, run, tab))}{_runs(rest, run, tab) if rest else ''}"
                "</w:p></w:tc>")

    @staticmethod
    def row(cells: str, header: bool = False) -> str:
        """A row that never splits across pages; a header row repeats on each page."""
        return f"{_HEADER_ROW if header else _ROW}{cells}</w:tr>"

    @staticmethod
    def table(style_id: str, widths: list[int], rows: list[str], *, fixed: bool, total_row: bool) -> str:
        """The table: its style, a grid of these column widths, its rows. fixed: the widths hold
        whatever the text (Word's fixed layout); total_row: the last row is set apart as a total."""
        look = (f'<w:tblLook w:val="{"0060" if total_row else "0020"}" w:firstRow="1" w:lastRow="{int(total_row)}"'
                ' w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>')
        props = {"tblStyle": f'<w:tblStyle w:val="{escape_attribute(style_id)}"/>',
                 "tblW": '<w:tblW w:w="0" w:type="auto"/>', "tblLook": look}
        if fixed:
            props["tblLayout"] = '<w:tblLayout w:type="fixed"/>'
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        return (f"<w:tbl><w:tblPr>{order.ordered('tblPr', props)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
                + "".join(rows) + "</w:tbl>")


#: The start of a row: it never splits across pages; a header row repeats on each page.
_ROW = f"<w:tr><w:trPr>{order.ordered('trPr', {'cantSplit': '<w:cantSplit/>'})}</w:trPr>"
_HEADER_ROW = ("<w:tr><w:trPr>"
               f"{order.ordered('trPr', {'cantSplit': '<w:cantSplit/>', 'tblHeader': '<w:tblHeader/>'})}</w:trPr>")


def _runs(text: str, run: str, tab: str) -> str:
    """A text as runs: a tab is a run of its own."""
    if "\t" not in text:
        return f"{run}{escape(text)}</w:t></w:r>" if text else ""
    runs = []
    for i, piece in enumerate(text.split("\t")):
        if i:
            runs.append(tab)
        if piece:
            runs.append(f"{run}{escape(piece)}</w:t></w:r>")
    return "".join(runs)


# --------------------------------------------------------------------------- reading and keeping together


def tables(root: Element) -> list[Element]:
    """Every table under root (tables in cells too), in document order."""
    return list(root.iter(TBL))


def rows(tbl: Element) -> list[Element]:
    return list(tbl.iterchildren(TR))


def first_rows(tbl: Element, count: int) -> list[Element]:
    """The table's first rows (without listing a long table's others)."""
    return list(itertools.islice(tbl.iterchildren(TR), count))


def row_count(tbl: Element) -> int:
    return int(_ROW_COUNT(tbl))


def cells(tr: Element) -> list[Element]:
    return [child for child in tr if child.tag == TC]


def span(tc: Element) -> int:
    """How many grid columns a cell covers (w:gridSpan)."""
    tcpr = tc.find(TCPR)
    found = tcpr.find(GRIDSPAN) if tcpr is not None else None
    try:
        return max(int(found.get(_VAL)), 1) if found is not None else 1
    except (TypeError, ValueError):  # a damaged or missing value: one column, as Word reads it
        return 1


def header_rows(tbl: Element) -> int:
    """How many rows at the top of the table repeat as its header (w:tblHeader)."""
    count = 0
    for tr in tbl.iterchildren(TR):
        trpr = tr.find(TRPR)
        if trpr is None or trpr.find(TBLHEADER) is None:
            break
        count += 1
    return count


def position(element: Element) -> tuple[Element, Element, Element] | None:
    """The table, row and cell an element stands in (the innermost), or None."""
    tc = element.getparent()
    while tc is not None and tc.tag != TC:
        tc = tc.getparent()
    if tc is None:
        return None
    tr = tc.getparent()
    return tr.getparent(), tr, tc


def rows_that_may_split(tbl: Element) -> list[Element]:
    return _ROWS_THAT_MAY_SPLIT(tbl)


def forbid_split(tr: Element) -> None:
    """The row never splits across pages (w:cantSplit)."""
    order.get_or_add(order.get_or_add(tr, "w:trPr"), "w:cantSplit")


def repeat_as_header(tr: Element) -> None:
    """The row repeats at the top of each page the table runs onto (w:tblHeader)."""
    order.get_or_add(order.get_or_add(tr, "w:trPr"), "w:tblHeader")


def paragraphs_before(tbl: Element):
    """The paragraphs that precede the table, nearest first, up to the previous element that is not one."""
    previous = tbl.getprevious()
    while previous is not None and previous.tag == P:
        yield previous
        previous = previous.getprevious()


def paragraphs_after(tbl: Element):
    """The paragraphs that follow the table, up to the next element that is not one."""
    following = tbl.getnext()
    while following is not None and following.tag == P:
        yield following
        following = following.getnext()


def end_cells_with_a_paragraph(root: Element) -> None:
    """Word wants a paragraph at the end of every table cell, also after a table in it."""
    for tbl in list(root.iter(TBL)):
        tc = tbl.getparent()
        if tc is not None and tc.tag == TC and tc[-1] is tbl:
            etree.SubElement(tc, P)

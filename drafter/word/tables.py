"""A table built from data for a Word answer: its columns' widths, its type size, its page.

The view gives the table's texts (``view.answer.TableView``); here they get their styles, each
column a width that follows its content, and, when the table is wider than the text, smaller
type or (``fit: landscape``) a landscape page of its own. ``oxml.table`` writes the XML.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.oxml.section import Page
from drafter.oxml.table import TableXml
from drafter.view.figures import Totalled
from drafter.word import places
from drafter.word.figure_record import bookmark_name
from drafter.word.places import FigureCell

#: Column widths in twentieths of a point: about one character's width (at the normal size,
#: 11 pt), and the limits; a table that would pass the margin gets narrower columns first.
CHAR_WIDTH, MIN_LABEL, MAX_LABEL, MIN_FIGURE, MAX_FIGURE = 115, 1400, 4800, 1500, 3000
COMPACT_FIGURE, COMPACT_LABEL, COMPACT_MAX_LABEL = 650, 1200, 2800
#: Headings are set in bold: their characters are wider.
HEADING_WIDER = 1.15
#: A cell's left and right margins together (Word's default: 2 x 0.19 cm).
CELL_MARGINS = 216
#: A wide table's type is made smaller down to this size (half points: 7 pt), no further.
SMALLEST_TYPE = 14
#: Tables of at most this many rows are kept on one page with their notes; longer ones may
#: break across pages (their header rows repeat).
KEEP_TOGETHER_ROWS = 25


#: Where a section break stands in a table's XML until the document is parsed: the break is a
#: copy of the template's own section, which only the parsed document can copy.
SECTION_BREAK = "drafter-section-break"


def _width(texts, least: int, most: int) -> int:
    longest = max((len(t) for t in texts), default=0)
    return max(least, min(most, (longest + 2) * CHAR_WIDTH))


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


#: Characters about half as wide as a digit: a figure's separators and the space before its note call.
_NARROW = frozenset(".,\u0020\u00a0")


def _figure_width(text: str) -> float:
    """How many digits' widths a figure takes: its separators are narrow ('268.431,9' is eight)."""
    return sum(0.5 if ch in _NARROW else 1 for ch in text)


def column_widths(table, text_width: int) -> tuple[list[int], float]:
    """The width of each column (label, text columns, figures), and the factor by which the
    type must shrink for them to fit the text width (1: it fits at the normal size).

    Widths follow the content: as roomy as before while that fits; else each column as wide
    as its longest figure or word (headers wrap); else, when it is a little too wide, the labels
    wrapped to their longest word and the figures measured closely (a table one column too wide
    keeps the type size of its neighbours); else everything smaller, in proportion."""
    lead = table.lead
    figures = table.columns[lead:]
    body = [r for r in table.rows if not r.section]
    labels = [r.label.text for r in table.rows if not r.section] + [table.corner.text]
    texts = [[c.text] + [r.cells[i].text for r in body] for i, c in enumerate(table.columns[:lead])]
    roomy = ([_width(labels, MIN_LABEL, MAX_LABEL)] + [_width(t, MIN_LABEL, MAX_LABEL) for t in texts]
             + [_width([c.text for c in figures] + [c.text for r in body for c in r.cells[lead:]],
                       MIN_FIGURE, MAX_FIGURE)] * len(figures))
    headers = [table.corner.text] + [c.text for c in table.columns]
    if sum(roomy) <= text_width:
        return _balanced(roomy, headers, text_width), 1.0
    compact = [max(COMPACT_LABEL, min(COMPACT_MAX_LABEL, (max(len(t) for t in labels) + 2) * CHAR_WIDTH))]
    compact += [max(COMPACT_LABEL, min(COMPACT_MAX_LABEL, (max(len(x) for x in t) + 2) * CHAR_WIDTH)) for t in texts]
    group_of = [g for g in table.groups for _ in range(g.span)]
    for i, c in enumerate(figures):
        longest = max([_longest_word(c.text) * HEADING_WIDER] + [len(r.cells[lead + i].text) for r in body])
        width = int(longest * CHAR_WIDTH) + CELL_MARGINS + CHAR_WIDTH
        if i < len(group_of):  # a group's label, unbroken, over the columns it spans
            g = group_of[i]
            width = max(width, int((_longest_word(g.label.text) * HEADING_WIDER + 1) * CHAR_WIDTH + CELL_MARGINS) // g.span)
        compact.append(max(COMPACT_FIGURE, width))
    if sum(compact) <= text_width:
        spare = text_width - sum(compact)  # give the label column what is left, up to its roomy width
        compact[0] += min(spare, max(0, roomy[0] - compact[0]))
        return _balanced(compact, headers, text_width), 1.0
    tight = _tight(table, labels, texts, compact)
    if sum(tight) <= text_width:
        # what is left goes back to the labels first (the fewer lines they wrap to the better)
        spare = text_width - sum(tight)
        for i in range(lead + 1):
            grow = min(spare, compact[i] - tight[i])
            tight[i] += grow
            spare -= grow
        return tight, 1.0
    margins = CELL_MARGINS * len(compact)  # the cell's own margins do not shrink with the type
    factor = (text_width - margins) / (sum(compact) - margins)
    return [int(CELL_MARGINS + (w - CELL_MARGINS) * factor) for w in compact], factor


def _tight(table, labels: list[str], texts: list[list[str]], compact: list[int]) -> list[int]:
    """The narrowest widths a table can take at its normal type size: the label and text
    columns as wide as their longest word (a label wraps), each figure column as wide as its
    longest figure measured closely (with half a digit to spare, for a wider font) or its
    header's longest word; never wider than compact."""
    lead = table.lead
    body = [r for r in table.rows if not r.section]
    out = [min(compact[0], max(COMPACT_LABEL, (max(map(_longest_word, labels)) + 2) * CHAR_WIDTH))]
    out += [min(compact[1 + i], max(COMPACT_LABEL, (max(map(_longest_word, t)) + 2) * CHAR_WIDTH))
            for i, t in enumerate(texts)]
    for i, c in enumerate(table.columns[lead:]):
        longest = max([_longest_word(c.text) * HEADING_WIDER] + [_figure_width(r.cells[lead + i].text) for r in body])
        out.append(min(compact[1 + lead + i],
                       max(COMPACT_FIGURE, int((longest + 0.5) * CHAR_WIDTH) + CELL_MARGINS)))
    return out


@dataclass(frozen=True)
class BuiltTable:
    """A table built from data: its XML text, and where each figure from the data stands in it."""

    xml: str
    figures: dict[int, FigureCell]  # by the figure's number


def _balanced(widths: list[int], headers: list[str], text_width: int) -> list[int]:
    """The widths with the room the table leaves in the text width shared out among the columns
    whose header would wrap, each in proportion to what it lacks to stand on one line: a narrow
    table's long headers should not wrap to many lines while the text width is left unused."""
    wanted = [int(len(h) * HEADING_WIDER * CHAR_WIDTH) + CELL_MARGINS + CHAR_WIDTH for h in headers]
    lacking = [max(0, w - have) for w, have in zip(wanted, widths)]
    spare = text_width - sum(widths)
    if spare <= 0 or not any(lacking):
        return widths
    share = min(1.0, spare / sum(lacking))
    return [have + int(lack * share) for have, lack in zip(widths, lacking)]


def build(table, styles: dict[str, str], page: Page | None = None, number: str | None = None) -> BuiltTable:
    """A whole table as WordprocessingML text: caption, the table (header rows repeated), its notes.

    ``table`` is a view.TableView; ``styles`` maps the roles caption, table, heading,
    heading_number, heading_group, text, number (a figure's cell), total, total_number and note to
    the template's style ids, and part_number when ``number`` is given. A table with column groups
    gets two header rows, and one with its unit on a row of its own (``unit_row``) one more over
    them, all repeated. Columns never
    pass the margin: a wide table gets narrower columns, then smaller type, or (table.fit
    'landscape') a landscape page of its own. A figure from the data stands in a run of its own
    inside its hidden bookmark, unnumbered until the figure record numbers the document's
    bookmarks; as the table is written, its figures' places are known (their row, cell and
    labels), which the figure record takes from here. A table on a landscape page stands between
    two SECTION_BREAK placeholders, n="0" (the pages before it end) and n="1" (its own page ends).
    number: the number of the answer part the table starts ('1'), printed before the caption on
    its line in the role 'part_number' (as a part's number stands before its first text), or on a line
    of its own over a table without a caption."""
    page = page or Page()
    xml = TableXml()
    caption = table.title.text if table.title is not None else ""
    if table.caption:
        caption = f"{caption} ({table.caption})" if caption else table.caption[:1].upper() + table.caption[1:]
    widths, factor = column_widths(table, page.text_width)
    landscape = factor < 1 and table.fit == "landscape" and page.section is not None
    if landscape:
        widths, factor = column_widths(table, page.landscape_width)
    size = max(SMALLEST_TYPE, int(page.type_size * factor)) if factor < 1 else None
    out = [f'<{SECTION_BREAK} n="0"/>'] if landscape else []
    if number is not None:
        out.append(xml.paragraph(styles["part_number"], f"{number}.\t{caption}" if caption else f"{number}.",
                                 keep_next=True))
    elif caption:
        out.append(xml.paragraph(styles["caption"], caption, keep_next=True))
    if table.unit_line:  # the unit on a line of its own, over the figures' right edge
        out.append(xml.paragraph(styles["caption"], table.unit_line, keep_next=True,
                                 right=max(0, (page.landscape_width if landscape else page.text_width) - sum(widths))))
    header = _header(table, widths)
    # the unit on a row of its own, across the whole table (over the corner too); it names no column
    unit = [[("heading_number", table.unit_row, sum(widths), len(widths), None)]] if table.unit_row else []
    rows = [xml.row("".join(xml.cell(styles[role], text, width, span=span, merge=merge, size=size)
                            for role, text, width, span, merge in cells), header=True) for cells in unit + header]
    columns = [places.column_label([[(places.written_value(text), span) for _, text, _, span, _ in cells]
                                    for cells in header], c) for c in range(len(widths))]
    figures: dict[int, FigureCell] = {}
    section = ""  # the heading of the section of nested rows the rows below stand in
    keep = len(table.rows) + len(rows) <= KEEP_TOGETHER_ROWS  # a long table may break across pages
    for index, row in enumerate(table.rows):
        row_keep = keep or index == 0 or row.section
        if row.section and row.cells:  # a section's heading with its total: set as a total, the rows below
            cells = xml.cell(styles["heading"], row.label.text, widths[0], size=size, keep=row_keep)
            cells += "".join(xml.cell(styles["total_number"] if c.numeric else styles["total"], str(c), widths[1 + i],
                                      size=size, keep=row_keep) for i, c in enumerate(row.cells))
            rows.append(xml.row(cells))
            continue
        if row.section:
            section = places.written_value(row.label.text)
            rows.append(xml.row(xml.cell(styles["heading"], row.label.text, sum(widths), span=len(widths), size=size,
                                         keep=row_keep)))
            continue
        label_style, number_style = ("total", "total_number") if row.total else ("text", "number")
        cells = xml.cell(styles[label_style], row.label.text, widths[0], size=size, keep=row_keep)
        label = None
        for i, c in enumerate(row.cells):
            style = (number_style if not c.total else "total_number") if c.numeric else \
                (label_style if not c.total else "total")
            figure = c.figure
            if figure is None:
                cells += xml.cell(styles[style], c.text, widths[1 + i], size=size, keep=row_keep)
                continue
            cells += xml.cell(styles[style], c.text, widths[1 + i], size=size, keep=row_keep,
                              bookmark=(bookmark_name(figure.number), figure.shown))
            if label is None:
                label = places.written_value(row.label.text)
            # a grand total stands below every section
            figures[figure.number] = FigureCell(table.name, len(rows), 1 + i, places.within_table(
                label, columns[1 + i], "" if figure.adds == Totalled.ALL else section))
        rows.append(xml.row(cells))
    fixed = factor < 1 or sum(widths) > page.text_width * 0.9
    out.append(xml.table(styles["table"], widths, rows, fixed=fixed, total_row=any(r.total for r in table.rows)))
    under = [f"{note.marker}\t{note.text}" for note in table.notes] + list(table.remarks)
    for i, text in enumerate(under):
        out.append(xml.paragraph(styles["note"], text, keep_next=i < len(under) - 1))
    if landscape:
        out.append(f'<{SECTION_BREAK} n="1"/>')
    return BuiltTable("".join(out), figures)


def _header(table, widths: list[int]) -> list[list[tuple[str, str, int, int, str | None]]]:
    """The header rows' cells: (style role, text, width, grid columns spanned, vertical merge).
    With column groups, a first row holds each group's label over its columns, and the corner,
    the text columns and a column under no group (the column total) reach down both rows."""
    lead = table.lead
    rows = []
    merge = None
    if table.groups:
        merge = "continue"
        cells = [("heading", table.corner.text, widths[0], 1, "restart")]
        cells += [("heading", c.text, widths[1 + i], 1, "restart") for i, c in enumerate(table.columns[:lead])]
        at = 1 + lead
        for g in table.groups:
            cells.append(("heading_group", g.label.text, sum(widths[at:at + g.span]), g.span, None))
            at += g.span
        cells += [("heading_number", c.text, widths[at + i], 1, "restart") for i, c in enumerate(table.columns[at - 1:])]
        rows.append(cells)
    grouped = sum(g.span for g in table.groups) if merge else len(table.columns) - lead
    cells = [("heading", "" if merge else table.corner.text, widths[0], 1, merge)]
    cells += [("heading", "" if merge else c.text, widths[1 + i], 1, merge) for i, c in enumerate(table.columns[:lead])]
    cells += [("heading_number", c.text, widths[1 + lead + i], 1, None) if i < grouped else
              ("heading_number", "", widths[1 + lead + i], 1, "continue") for i, c in enumerate(table.columns[lead:])]
    rows.append(cells)
    return rows

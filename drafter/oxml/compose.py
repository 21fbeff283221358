"""Several answers in one document, for signature: the XML of a bundle.

docxcompose (``write/bundle``) copies each answer's body, styles, numbering and footnotes into
one document; what is left is Word's XML of the bundle itself, here: a first page listing the
answers (made from the first answer's parts, so that it has the house's styles and page), a
section per answer so that each starts on a new page with its page numbers from 1, and the
page size each answer has, so that answers on different paper are refused before joining them.
"""

from __future__ import annotations

import copy

from drafter.oxml import Element, document, fragment, order, parse, qn, serialize
from drafter.oxml import footnotes as footnote_parts
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import properties
from drafter.oxml import styles as style_parts
from drafter.oxml.table import TableXml

SECTPR, PGSZ, P, PPR, TBL = (qn(t) for t in ("w:sectPr", "w:pgSz", "w:p", "w:pPr", "w:tbl"))
_W, _H, _START = (qn(t) for t in ("w:w", "w:h", "w:start"))
#: A4 portrait, in twentieths of a point, where a document does not say.
DEFAULT_PAGE = (11906, 16838)


def page_size(document_xml: bytes) -> tuple[int, int]:
    """The page of a document's last section (its main page): width and height in twentieths
    of a point."""
    root = parse(document_xml)
    body = document.body_of(root)
    section = body.find(SECTPR) if body is not None else None
    size = section.find(PGSZ) if section is not None else None
    if size is None:
        return DEFAULT_PAGE
    try:
        return int(size.get(_W)), int(size.get(_H))
    except (TypeError, ValueError):
        return DEFAULT_PAGE


def cover(parts: dict[str, bytes], title: str, subtitle: str, header: tuple[str, str, str],
          rows: list[tuple[str, str, str]]) -> dict[str, bytes]:
    """A first page from an answer's parts: its body replaced by a title, a line under it and a
    table (one row per answer), in the styles the answer has; its footnotes and drafter's own
    document properties dropped (the bundle is not that answer)."""
    out = dict(parts)
    root = parse(parts[MAIN_DOCUMENT])
    body = document.body_of(root)
    section = body.find(SECTPR)
    for child in list(body):
        if child is not section:
            body.remove(child)
    ids = style_parts.ids_by_name(parse(parts[STYLES])) if STYLES in parts else {}

    def style(name: str, fallback: str) -> str:
        return ids.get(name.lower(), ids.get(fallback.lower(), ""))

    xml = TableXml()
    heading, text = style("Table Heading", "Normal"), style("Table Text", "Normal")
    widths = [2000, 2400, 4672]  # within the text width of an A4 page with 2.5 cm margins
    table_rows = [xml.row("".join(xml.cell(heading, h, w) for h, w in zip(header, widths)), header=True)]
    table_rows += [xml.row("".join(xml.cell(text, c, w, keep=False) for c, w in zip(row, widths))) for row in rows]
    content = (xml.paragraph(style("Answer Title", "Title"), title)
               + xml.paragraph(style("Answer Reference", "Normal"), subtitle)
               + xml.table(style("Answer Table", "Table Grid"), widths, table_rows, fixed=True, total_row=False)
               + xml.paragraph(style("Answer Text", "Normal"), ""))
    for el in fragment(content):
        if section is not None:
            section.addprevious(el)
        else:
            body.append(el)
    out[MAIN_DOCUMENT] = serialize(root)
    if FOOTNOTES in out:
        out[FOOTNOTES] = serialize(footnote_parts.only_structural(parse(out[FOOTNOTES])))
    if properties.CUSTOM_PART in out:
        out[properties.CUSTOM_PART] = serialize(properties.without_custom(parse(out[properties.CUSTOM_PART]),
                                                                          OWN_PROPERTIES))
    return out


MAIN_DOCUMENT = "word/document.xml"
STYLES = "word/styles.xml"
FOOTNOTES = "word/footnotes.xml"
#: The prefix of drafter's own custom properties (its record of an answer): a bundle has none.
OWN_PROPERTIES = "drafter."


def _restart_page_numbers(section: Element) -> None:
    for old in section.findall(qn("w:pgNumType")):
        section.remove(old)
    order.insert(section, section.makeelement(qn("w:pgNumType"), {_START: "1"}))


def sections_per_answer(body: Element, starts: list[int]) -> None:
    """Each answer of a joined body its own section: a new page, page numbers from 1, the page
    and footer of the bundle's last section. `starts`: where each answer's first element is
    among the body's children (the first page is before the first)."""
    last = body.find(SECTPR)
    children = list(body)
    for start in starts:
        before = children[start - 1]  # the last element of the page or answer before this one
        if before.tag != P or (before.find(PPR) is not None and before.find(PPR).find(SECTPR) is not None):
            before.addnext(before.makeelement(P))
            before = before.getnext()
        section = copy.deepcopy(last)
        order.insert(paragraphs.properties(before), section)
        if start != starts[0]:
            _restart_page_numbers(section)
    if starts:
        _restart_page_numbers(last)


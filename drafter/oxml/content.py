"""A paragraph's content as a person reads it, piece by piece: for reading texts back out of an
edited answer (``drafter collect``).

A paragraph is read into its text, where drafter's hidden bookmarks start and end in it, the
footnotes it calls (each one character of the text, at its place), and what a person did that
a plain text cannot hold: bold, italics or underlining, a link, a line break. Tracked changes
are read as if accepted (an insertion counts, a deletion does not), and said; comments, field
codes and the like are not text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.oxml import Element, qn
from drafter.oxml import paragraph as paragraphs

P, R, RPR, T, TAB, BR, CR = (qn(t) for t in ("w:p", "w:r", "w:rPr", "w:t", "w:tab", "w:br", "w:cr"))
INS, DEL, MOVE_FROM, MOVE_TO, HYPERLINK = (qn(t) for t in ("w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:hyperlink"))
BOOKMARK_START, BOOKMARK_END, FOOTNOTE_REFERENCE = (qn(t) for t in ("w:bookmarkStart", "w:bookmarkEnd",
                                                                    "w:footnoteReference"))
NUMPR, TBL, SDT_CONTENT = qn("w:numPr"), qn("w:tbl"), qn("w:sdtContent")
_B, _I, _U, _STRIKE = (qn(t) for t in ("w:b", "w:i", "w:u", "w:strike"))
_VAL, _ID, _NAME, _ANCHOR = qn("w:val"), qn("w:id"), qn("w:name"), qn("w:anchor")
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: How a footnote reference stands in a paragraph's text: one character no text has.
FOOTNOTE_CHAR = "\ue013"
#: What a person may do to a run that a plain text cannot hold, by the property that does it.
FORMATTING = {_B: "bold", _I: "italics", _U: "underlining", _STRIKE: "strikethrough"}


@dataclass
class Content:
    """What a paragraph shows: its text (a footnote reference is FOOTNOTE_CHAR), the span of each
    bookmark in it (name -> (start, end) in the text), its footnotes' ids in order, and the
    spans of text with formatting or a link, as (start, end, what)."""

    text: str = ""
    style: str | None = None  # the paragraph style's id
    numbered: bool = False  # a list item numbered by Word (w:numPr), whatever its style
    bookmarks: dict[str, tuple[int, int]] = field(default_factory=dict)
    footnotes: list[str] = field(default_factory=list)
    formatted: list[tuple[int, int, str]] = field(default_factory=list)
    tracked: bool = False  # holds tracked changes (read as if accepted)
    line_breaks: int = 0  # line breaks in it (read as spaces)


def _on(prop: Element | None) -> bool:
    if prop is None:
        return False
    value = prop.get(_VAL)
    return value not in ("0", "false", "none", "off")


def read(p: Element) -> Content:
    """A paragraph's content (its own: not that of a paragraph in a text box inside it)."""
    out = Content(style=paragraphs.style_of(p))
    ppr = p.find(paragraphs.PPR)
    out.numbered = ppr is not None and ppr.find(NUMPR) is not None
    pieces: list[str] = []
    length = 0
    opened: dict[str, tuple[str, int]] = {}

    def add(text: str) -> None:
        nonlocal length
        pieces.append(text)
        length += len(text)

    def walk(element: Element, link: str | None, deleted: bool = False) -> None:
        for child in element:
            tag = child.tag
            if tag in (DEL, MOVE_FROM):
                # deleted text is not there once the changes are accepted; a bookmark that starts
                # or ends in it still marks its place (a figure's value replaced as a tracked change)
                out.tracked = True
                walk(child, link, deleted=True)
            elif tag in (INS, MOVE_TO):
                out.tracked = True
                walk(child, link, deleted)
            elif tag == HYPERLINK:
                target = child.get(_REL_ID) or child.get(_ANCHOR) or "link"
                start = length
                walk(child, target, deleted)
                if length > start:
                    out.formatted.append((start, length, "link"))
            elif tag == R and deleted:
                continue
            elif tag == R:
                start = length
                rpr = child.find(RPR)
                for node in child:
                    if node.tag == T:
                        add(node.text or "")
                    elif node.tag == TAB:
                        add("\t")
                    elif node.tag in (BR, CR):
                        out.line_breaks += 1
                        add(" ")
                    elif node.tag == FOOTNOTE_REFERENCE:
                        out.footnotes.append(node.get(_ID) or "")
                        add(FOOTNOTE_CHAR)
                if rpr is not None and length > start:
                    for prop, what in FORMATTING.items():
                        if _on(rpr.find(prop)):
                            out.formatted.append((start, length, what))
            elif tag == BOOKMARK_START:
                opened[child.get(_ID) or ""] = (child.get(_NAME) or "", length)
            elif tag == BOOKMARK_END:
                name, start = opened.pop(child.get(_ID) or "", ("", length))
                if name and name not in out.bookmarks:
                    out.bookmarks[name] = (start, length)
            elif tag == SDT_CONTENT or (isinstance(tag, str) and tag.endswith("}smartTag")) or tag == qn("w:sdt"):
                walk(child, link, deleted)

    walk(p, None)
    for name, start in opened.values():  # a bookmark that ends in a later paragraph: to this one's end
        if name and name not in out.bookmarks:
            out.bookmarks[name] = (start, length)
    out.text = "".join(pieces)
    return out


def body_blocks(body: Element) -> list[tuple[str, Element]]:
    """The body's paragraphs and tables in order, as ('p', paragraph) and ('table', table)."""
    out = []
    for child in body:
        if child.tag == P:
            out.append(("p", child))
        elif child.tag == TBL:
            out.append(("table", child))
        elif child.tag == qn("w:sdt"):
            content = child.find(SDT_CONTENT)
            if content is not None:
                out += body_blocks(content)
    return out


def cell_paragraphs(table: Element) -> list[list[list[Element]]]:
    """A table's paragraphs, row by row, cell by cell."""
    return [[[p for p in tc.iter(P)] for tc in tr.findall(qn("w:tc"))] for tr in table.findall(qn("w:tr"))]

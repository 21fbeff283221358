"""Paragraphs (w:p): their text, style and properties, and where each is as a person finds it in Word."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from drafter.oxml import NSMAP, Element, order, qn
from drafter.oxml import run as runs

P, PPR, PSTYLE, T, TAB, TC, TR, TBL = (qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:t", "w:tab", "w:tc", "w:tr",
                                                      "w:tbl"))
_VAL = qn("w:val")
#: Paragraphs that do not keep with the next yet (libxml2 picks them out of a long table).
_NOT_KEEPING = etree.XPath("descendant-or-self::w:p[not(w:pPr/w:keepNext[not(@w:val) or @w:val!='0'])]",
                           namespaces=NSMAP)


def text_of(element: Element, calls: bool = True) -> str:
    """The visible text of a paragraph, cell or row: its w:t, a tab for each w:tab (deleted text
    is w:delText, so not in it); without ``calls``: without its note calls and footnote
    references."""
    out = []
    for node in element.iter(T, TAB):
        if node.tag == TAB:
            out.append("\t")
        elif calls or not runs.is_call(node.getparent()):
            out.append(node.text or "")
    return "".join(out)


#: Every text node under an element, run together, in one call into libxml2.
_ALL_TEXT = etree.XPath("string()")


def all_text(element: Element) -> str:
    """Every text under element run together, deleted text and field codes too: a quick look at
    whether a long stretch (a table) may hold a word at all, before it is read run by run."""
    return str(_ALL_TEXT(element))


def text_pieces(element: Element) -> tuple[list[str], dict[Element, int]]:
    """What each w:t and w:tab under element shows ('' for one in a note call), in order, and
    each one's index in that list."""
    pieces: list[str] = []
    index: dict[Element, int] = {}
    for t in element.iter(T, TAB):
        index[t] = len(pieces)
        if t.tag == TAB:
            pieces.append("\t")
            continue
        run = t.getparent()
        pieces.append("" if run is not None and run.tag == runs.R and runs.is_call(run) else t.text or "")
    return pieces, index


def first_text(element: Element) -> Element | None:
    """The first w:t or w:tab under element (a run's)."""
    return next(element.iter(T, TAB), None)


def outside_tables(root: Element) -> list[Element]:
    """The paragraphs under root that stand in no table, in document order (a table's rows are
    not walked: an answer's tables may be thousands of rows long)."""
    if root.tag == TBL:
        return []
    out, stack = [], [root]
    while stack:
        element = stack.pop()
        if element.tag == P:
            out.append(element)
        stack.extend(child for child in reversed(element) if child.tag != TBL)
    return out


def ancestor(element: Element) -> Element | None:
    """The paragraph an element (a run) stands in, or None."""
    p = element.getparent()
    while p is not None and p.tag != P:
        p = p.getparent()
    return p


def containing(element: Element) -> Element | None:
    """The paragraph an element stands in; for one between paragraphs (a bookmark), the next."""
    p = next(element.iterancestors(P), None)
    if p is not None:
        return p
    for following in element.itersiblings():
        if following.tag == P:
            return following
        found = next(following.iter(P), None)
        if found is not None:
            return found
    return None


def own_text(p: Element) -> str:
    """A paragraph's own text, without that of a paragraph inside it (a text box's)."""
    return "".join("\t" if node.tag == TAB else (node.text or "")
                   for node in p.iter(T, TAB) if next(node.iterancestors(P), None) is p)


def style_of(p: Element) -> str | None:
    """The id of a paragraph's style (its w:pPr/w:pStyle), or None."""
    ppr = p.find(PPR)
    style = ppr.find(PSTYLE) if ppr is not None else None
    return None if style is None else style.get(_VAL)


def properties(p: Element) -> Element:
    """A paragraph's w:pPr, made (its first child) when it has none."""
    ppr = p.find(PPR)
    if ppr is None:
        ppr = p.makeelement(PPR)
        p.insert(0, ppr)
    return ppr


def keep_with_next(p: Element) -> None:
    """The paragraph keeps with the next (Word's "keep with next")."""
    keep = order.get_or_add(properties(p), "w:keepNext")
    keep.attrib.pop(qn("w:val"), None)  # '0' said it may break from the next: no longer


def keep_all_with_next(root: Element) -> None:
    """Every paragraph under root (a row, a table) keeps with the next."""
    for p in _NOT_KEEPING(root):
        keep_with_next(p)


def in_styles(root: Element, style_ids) -> list[Element]:
    """The paragraphs under root whose style is one of style_ids, in document order: those whose
    own w:pPr's first w:pStyle names it (a style named in a recorded change is no style).

    Found from the style elements, the fewest a walk of the whole part has to look at."""
    ids = set(style_ids)
    found = []
    for style in root.iter(PSTYLE):
        if style.get(_VAL) in ids:
            ppr = style.getparent()
            p = ppr.getparent()
            if p is not None and p.tag == P and p.find(PPR) is ppr and ppr.find(PSTYLE) is style:
                found.append(p)
    return found


def new(parent: Element | None = None) -> Element:
    """An empty paragraph, appended to parent when given."""
    return etree.SubElement(parent, P) if parent is not None else etree.Element(P, nsmap={"w": NSMAP["w"]})


def set_mark(p: Element, name: str, value: str) -> None:
    """An attribute of drafter's own on a paragraph (no namespace): a marker while a template is prepared."""
    p.set(name, value)


def text_before(element: Element, text: str) -> None:
    """Character data put just before an element (the tail of the one before it, or its parent's
    text): where a template's tag stands in for the element."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


@dataclass(frozen=True)
class Place:
    """Where a paragraph is, as a person finds it in Word: the n-th paragraph outside tables,
    or table t, row r, cell c (each from 1; tables numbered in the order their text comes)."""

    paragraph: Element
    number: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    row_element: Element | None = None
    cell_element: Element | None = None


def places(root: Element) -> list[Place]:
    """Every paragraph under root, in document order, with its place."""
    out = []
    count = 0
    tables: dict[Element, int] = {}
    for p in root.iter(P):
        tc = next(p.iterancestors(TC), None)
        if tc is None:
            count += 1
            out.append(Place(p, number=count))
            continue
        tr = tc.getparent()
        tbl = tr.getparent()
        if tbl not in tables:
            tables[tbl] = len(tables) + 1
        out.append(Place(p, table=tables[tbl], row=tbl.findall(TR).index(tr) + 1, cell=tr.findall(TC).index(tc) + 1,
                         row_element=tr, cell_element=tc))
    return out


_BR, _CR, _BODY = qn("w:br"), qn("w:cr"), qn("w:body")


def lines_of(element: Element) -> list[str]:
    """A paragraph's text as Word shows it, a string per line: a line break (w:br, w:cr)
    starts a new line, a tab is a tab; deleted text (w:delText) is not in it."""
    lines: list[list[str]] = [[]]
    for node in element.iter(T, TAB, _BR, _CR):
        if node.tag in (_BR, _CR):
            lines.append([])
        else:
            lines[-1].append("\t" if node.tag == TAB else node.text or "")
    return ["".join(line) for line in lines]


def in_body(root: Element) -> list[Element]:
    """The paragraphs of a document's body and of its tables' cells, in document order; not
    those in text boxes, whose text Word keeps twice (for itself and for older programs)."""
    return [p for p in root.iter(P) if p.getparent() is not None and p.getparent().tag in (_BODY, TC)]

"""Comments (word/comments.xml and the marks of their ranges in the text): made on a paragraph,
and carried from several documents into one (a bundle), renumbered so that their ids stay unique."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from lxml import etree

from drafter.oxml import INVALID_XML_CHARS, W, XML, Element, opc, qn
from drafter.oxml import paragraph as paragraphs

PART = "word/comments.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_ID = qn("w:id")


def new_part() -> Element:
    return etree.Element(qn("w:comments"), nsmap={"w": W})


def add(comments: Element, paragraph: Element, number: int, text: str, author: str, initials: str) -> None:
    """A comment (number: its id) holding text, on the whole of the paragraph: its range around
    the paragraph's runs, its reference at the end."""
    comment = etree.SubElement(comments, qn("w:comment"), {_ID: str(number), qn("w:author"): author,
                                                          qn("w:initials"): initials})
    t = etree.SubElement(etree.SubElement(etree.SubElement(comment, paragraphs.P), qn("w:r")), qn("w:t"))
    t.text = INVALID_XML_CHARS.sub("", text)
    t.set(f"{{{XML}}}space", "preserve")
    start = paragraph.makeelement(qn("w:commentRangeStart"), {_ID: str(number)})
    properties = paragraph.find(paragraphs.PPR)
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph.insert(0, start)
    etree.SubElement(paragraph, qn("w:commentRangeEnd"), {_ID: str(number)})
    etree.SubElement(etree.SubElement(paragraph, qn("w:r")), qn("w:commentReference"), {_ID: str(number)})


# --------------------------------------------------------------------------- comments carried into another document

#: The marks in a document's text that name a comment by its w:id.
MARKS = tuple(qn(t) for t in ("w:commentRangeStart", "w:commentRangeEnd", "w:commentReference"))
_COMMENT = qn("w:comment")
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
_PARA_ID = f"{{{_W14}}}paraId"
#: Word's later parts about comments (replies and done in commentsExtended, lasting ids in
#: commentsIds, dates in commentsExtensible): part, content type, relationship. They name a
#: comment by the id of its paragraph (paraId) or by its lasting id (durableId), never by its
#: w:id, so their entries go along unchanged; commentsIds comes before commentsExtensible,
#: whose entries are kept by the lasting ids commentsIds kept.
EXTENSIONS = (
    ("word/commentsExtended.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
     "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"),
    ("word/commentsIds.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml",
     "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"),
    ("word/commentsExtensible.xml",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtensible+xml",
     "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible"),
)
_NOTES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes")


@dataclass
class Carried:
    """One document's comments on their way into another: the comments its text refers to, with
    their new ids; the entries of Word's later parts about them, by relationship type; an empty
    copy of each of its parts' root (its namespaces and mc:Ignorable), by relationship type; and
    how many of its comments are left out (their marks are not in its text: in a footnote or a
    header, which are not carried)."""

    entries: dict[str, list[Element]] = field(default_factory=dict)
    roots: dict[str, Element] = field(default_factory=dict)
    left_out: int = 0

    @property
    def count(self) -> int:
        return len(self.entries.get(RELATIONSHIP, []))


def _attribute(entry: Element, local: str) -> str | None:
    return next((value for name, value in entry.attrib.items() if name.rpartition("}")[2] == local), None)


def _empty_copy(root: Element) -> Element:
    empty = copy.deepcopy(root)
    for child in list(empty):
        empty.remove(child)
    return empty


def carry(text: list[Element], parts: dict[str, bytes], first: int) -> Carried:
    """The comments of a document (its parts) whose marks are in ``text`` (its body's elements,
    already copied into another document): each mark and comment renumbered from ``first`` on,
    in the order the marks come, so that the ids stay unique beside those carried before. A
    mark whose comment the document does not have is removed: a mark must name a comment."""
    package = opc.Package(parts)
    carried = Carried()
    name = package.related(opc.MAIN_DOCUMENT, RELATIONSHIP)
    source: dict[str, Element] = {}
    if name is not None and name in package:
        root = package.read(name)
        carried.roots[RELATIONSHIP] = _empty_copy(root)
        source = {c.get(_ID): c for c in root.iter(_COMMENT)}
    ids: dict[str, str] = {}
    for element in text:
        for mark in list(element.iter(*MARKS)):
            old = mark.get(_ID)
            if old not in source:
                mark.getparent().remove(mark)
                continue
            ids.setdefault(old, str(first + len(ids)))
            mark.set(_ID, ids[old])
    comments = []
    for old, new in ids.items():
        comment = copy.deepcopy(source[old])
        comment.set(_ID, new)
        comments.append(comment)
    carried.entries[RELATIONSHIP] = comments
    carried.left_out = len(source) - len(ids)
    paragraphs_kept = {p.get(_PARA_ID) for c in comments for p in c.iter(paragraphs.P)} - {None}
    durable: set[str] = set()
    for _part, _type, rel_type in EXTENSIONS:
        name = package.related(opc.MAIN_DOCUMENT, rel_type)
        if name is None or name not in package:
            continue
        root = package.read(name)
        carried.roots[rel_type] = _empty_copy(root)
        kept = [copy.deepcopy(entry) for entry in root if isinstance(entry.tag, str) and (
            _attribute(entry, "paraId") in paragraphs_kept
            or (_attribute(entry, "paraId") is None and _attribute(entry, "durableId") in durable))]
        durable |= {_attribute(entry, "durableId") for entry in kept} - {None}
        carried.entries[rel_type] = kept
    return carried


def put_carried(package: opc.Package, carried: list[Carried]) -> None:
    """The comments carried from several documents as the package's own: its comments part
    (and Word's later parts about them) holds those and no others, made with its content type
    and relationship where the package has none. Comment marks in its notes are removed: the
    comments of notes are not carried, so a mark there would name another comment."""
    kinds = [(PART, CONTENT_TYPE, RELATIONSHIP), *EXTENSIONS]
    for part, content_type, rel_type in kinds:
        entries = [entry for one in carried for entry in one.entries.get(rel_type, [])]
        name = package.related(opc.MAIN_DOCUMENT, rel_type)
        if name is not None and name in package:
            root = package.edit(name)
            for child in list(root):
                root.remove(child)
            root.extend(entries)
            continue
        if not entries:
            continue
        template = next((one.roots[rel_type] for one in carried if rel_type in one.roots), None)
        root = copy.deepcopy(template) if template is not None else new_part()
        root.extend(entries)
        package.add_part(part, root, content_type, rel_type)
    for rel_type in _NOTES:
        name = package.related(opc.MAIN_DOCUMENT, rel_type)
        if name is None or name not in package:
            continue
        if next(package.read(name).iter(*MARKS), None) is not None:
            for mark in list(package.edit(name).iter(*MARKS)):
                mark.getparent().remove(mark)

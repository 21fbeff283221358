"""Comments (word/comments.xml and the marks of their ranges in the text)."""

from __future__ import annotations

from lxml import etree

from drafter.oxml import INVALID_XML_CHARS, W, XML, Element, qn
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

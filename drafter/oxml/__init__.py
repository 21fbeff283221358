"""The XML layer: the one place in drafter that imports lxml or names an element of Office Open XML.

The rest of drafter speaks of paragraphs, tables, notes, properties and parts; the modules
here know which element means what (as python-docx's ``oxml`` and ``opc`` do). This module
holds the namespaces, ``qn`` (a prefixed name in Clark notation), the safe parser and the
serializer. ``opc`` is the package (the zip, its parts, content types and relationships);
``order`` declares, once, the order of the child elements the schema fixes; the other modules
are named for the element they know: ``paragraph``, ``run``, ``table``, ``numbering``,
``footnotes``, ``styles``, ``section``, ``bookmarks``, ``comments``, ``properties`` (core and
custom document properties), ``property_lists`` (paragraph and run properties), ``customxml``
(custom XML data parts) and ``spreadsheet`` (the SpreadsheetML the workbook reader needs).

Rank 0: it imports nothing else of drafter, so every stage may use it.
"""

from __future__ import annotations

import re

from lxml import etree

from drafter.i18n import _

#: WordprocessingML, the main namespace of a Word document.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Relationship ids in a part (r:id, r:embed).
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: xml:space and friends.
XML = "http://www.w3.org/XML/1998/namespace"

NSMAP = {
    "w": W,
    "r": R,
    "xml": XML,
    # the package
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
    # document properties
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "op": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    # custom XML data
    "ds": "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    # SpreadsheetML
    "s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
}

#: The element type of a parsed tree, for annotations outside this layer.
Element = etree._Element
#: Raised when bytes are not well-formed XML (callers catch it without importing lxml).
XMLSyntaxError = etree.XMLSyntaxError


def xml_reason(exc: Exception) -> str:
    """Why bytes are not well-formed XML, in the language in use: where the XML breaks (libxml2's
    own reason, "Couldn't find end of Start Tag t line 2", is English and tells a person nothing)."""
    line, column = getattr(exc, "position", None) or (getattr(exc, "lineno", None), None)
    if line and column:
        return _("it breaks off or is damaged at line {line}, column {column}").format(line=line, column=column)
    return _("it breaks off or is damaged")

#: A parser that reads no DTD, resolves no entities and reaches no network, within libxml2's
#: default limits of depth and size (huge_tree off): templates and answers come from users.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                         remove_blank_text=False)

#: Characters XML 1.0 cannot hold (control characters pasted from Excel, such as \x0b):
#: a document holding one is not a valid Word file.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")

#: The XML declaration as Word writes it. Parts drafter has always written as text carry it
#: (the core properties, a custom XML part's properties): written so still, an answer made
#: again is the same bytes. lxml writes its own with single quotes.
WORD_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def qn(tag: str) -> str:
    """'w:p' in Clark notation: '{http://...wordprocessingml/2006/main}p'."""
    prefix, local = tag.split(":")
    return f"{{{NSMAP[prefix]}}}{local}"


def parse(data: bytes | str) -> Element:
    """A part's XML as a tree, read with the safe parser."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return etree.fromstring(data, PARSER)


def serialize(root: Element, *, word_declaration: bool = False) -> bytes:
    """A part's bytes: UTF-8 with a standalone XML declaration (lxml's, or Word's)."""
    if word_declaration:
        return WORD_DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def to_text(root: Element) -> str:
    """An element's XML as text (the namespaces it uses declared on it)."""
    return etree.tostring(root, encoding="unicode")


def escape(text: str) -> str:
    """Text for element content written as XML text: '&', '<' and '>' as entities. (The
    standard library's escape is in xml.sax.saxutils, whose import brings in urllib, http
    and email: a cost at every start for three replacements.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_attribute(text: str) -> str:
    """Text for an attribute value written in double quotes."""
    return escape(text).replace('"', "&quot;")


def local_name(element: Element) -> str:
    """An element's name without its namespace ('' for a comment or processing instruction)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def element(tag: str, attributes: dict[str, str] | None = None, nsmap: dict | None = None) -> Element:
    """A new element, its name and attribute names prefixed ('w:p', 'w:val')."""
    el = etree.Element(qn(tag), nsmap=nsmap)
    for name, value in (attributes or {}).items():
        el.set(qn(name) if ":" in name else name, value)
    return el


def sub_element(parent: Element, tag: str, attributes: dict[str, str] | None = None) -> Element:
    """A new last child of parent (made in parent's document: cheaper than one made alone)."""
    el = etree.SubElement(parent, qn(tag))
    for name, value in (attributes or {}).items():
        el.set(qn(name) if ":" in name else name, value)
    return el


def fragment(xml: str) -> list[Element]:
    """Elements written as WordprocessingML text (prefix w: and r:, no declarations), parsed
    once. The text is what drafter writes (a table built from data): ``w`` and ``r`` are
    declared around it for the parser, and the elements, put into a part that declares them
    too, carry no declaration of their own."""
    wrapper = etree.fromstring(f'<w:x xmlns:w="{W}" xmlns:r="{R}">{xml}</w:x>', PARSER)
    return list(wrapper)

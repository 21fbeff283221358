"""Custom XML data parts (customXml/itemN.xml): a program's own XML kept in a package, which Word
keeps and never shows; and writing such XML (elements with attributes) as text.

A part is found by its content (the namespace of its root), never by its name or
relationship id: LibreOffice renumbers both when it saves.
"""

from __future__ import annotations

import re

from drafter.i18n import _
from drafter.oxml import NSMAP, WORD_DECLARATION, XMLSyntaxError, xml_reason, escape_attribute, parse
from drafter.oxml.opc import MAIN_DOCUMENT, Package

PROPERTIES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
ITEM_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
PROPERTIES_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_ITEM = re.compile(r"^customXml/item(\d+)\.xml$")
#: What libxml2 refuses in a text or attribute: C0 controls but tab, newline and return; lone
#: surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def add_item(package: Package, xml: bytes, item_id: str, schema: str, source: str = MAIN_DOCUMENT) -> str:
    """A new custom XML part holding xml, with its properties part (its id, the schema of its
    root) and a relationship from ``source``; returns its name."""
    taken = [int(m.group(1)) for name in package.names() for m in [_ITEM.match(name)] if m]
    number = max(taken, default=0) + 1
    item, props = f"customXml/item{number}.xml", f"customXml/itemProps{number}.xml"
    package.put(item, xml)
    # the properties part and its relationships, written as text as Word writes them (the
    # attribute before the namespace's declaration, which lxml would write first)
    package.put(props, WORD_DECLARATION + (
        f'<ds:datastoreItem ds:itemID="{escape_attribute(item_id)}" xmlns:ds="{NSMAP["ds"]}"><ds:schemaRefs>'
        f'<ds:schemaRef ds:uri="{escape_attribute(schema)}"/></ds:schemaRefs></ds:datastoreItem>').encode("utf-8"))
    package.put(f"customXml/_rels/item{number}.xml.rels", WORD_DECLARATION + (
        f'<Relationships xmlns="{NSMAP["pr"]}"><Relationship Id="rId1" Type="{PROPERTIES_RELATIONSHIP}" '
        f'Target="itemProps{number}.xml"/></Relationships>').encode("utf-8"))
    package.declare(props, PROPERTIES_CONTENT_TYPE)
    package.declare(item, "application/xml")
    package.relate(source, item, ITEM_RELATIONSHIP)
    return item


def item_name(parts: dict[str, bytes], namespace: str) -> str | None:
    """The name of the custom XML part that names ``namespace`` (the one ``find_item`` reads)."""
    for name in sorted(parts):
        if name.startswith("customXml/") and name.endswith(".xml") and "itemProps" not in name \
                and namespace.encode() in parts[name]:
            return name
    return None


def find_item(parts: dict[str, bytes], namespace: str, root_name: str):
    """The root of the custom XML part that names ``namespace``, and why it cannot be read when
    it cannot: (root, ''), (None, reason), or (None, '') when there is none. Its root must be
    ``root_name`` in that namespace."""
    for name in sorted(parts):
        if not name.startswith("customXml/") or not name.endswith(".xml") or "itemProps" in name:
            continue
        data = parts[name]
        if namespace.encode() not in data:
            continue
        try:
            root = parse(data)
        except XMLSyntaxError as exc:
            return None, _("the part {part} is not well-formed XML ({reason})").format(part=name,
                                                                                        reason=xml_reason(exc))
        if root.tag != f"{{{namespace}}}{root_name}":
            return None, _("the part {part} is not one drafter wrote").format(part=name)
        return root, ""
    return None, ""


class ElementsText:
    """Elements with attributes, written as XML text, escaped as lxml escapes them.

    A record of thousands of elements is written at the speed of str.replace: each element is
    written (``add``) with its own quotes and brackets as the control characters QUOTE, OPEN
    and CLOSE, its values as they are; ``text`` escapes everything at once and then puts the
    quotes and brackets in. No value can hold those characters: XML refuses them, and so does
    ``text`` (as any character XML refuses, with lxml's message)."""

    QUOTE, OPEN, CLOSE = "\x01", "\x02", "\x03"

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._values: list[str] = []

    def add(self, markup: str, values: str) -> None:
        """Elements written with QUOTE, OPEN and CLOSE; values: the text of all their values."""
        self._pieces.append(markup)
        self._values.append(values)

    def text(self) -> str:
        """The elements' XML (ValueError: a value XML cannot hold)."""
        if _NOT_XML.search("".join(self._values)):
            raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
        return ("".join(self._pieces).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
                .replace(self.QUOTE, '"').replace(self.OPEN, "<").replace(self.CLOSE, ">"))


def document(text: str) -> bytes:
    """A custom XML part's bytes from its root element written as text, with lxml's declaration."""
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n" + text).encode("utf-8")


def contents(root, child: str, grandchild: str) -> tuple[dict[str, str], list[tuple[dict[str, str], list[dict[str, str]]]]]:
    """A custom XML part's root read as plain data: its attributes, and each of its children named
    ``child`` (in its namespace) with its attributes and those of its own children named ``grandchild``."""
    namespace = root.tag.rpartition("}")[0] + "}" if root.tag.startswith("{") else ""
    entries = [(dict(el.attrib), [dict(s.attrib) for s in el.findall(namespace + grandchild)])
               for el in root.findall(namespace + child)]
    return dict(root.attrib), entries

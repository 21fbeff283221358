"""Custom XML parts: added with their properties, found by content; elements written as text."""

from __future__ import annotations

import pytest
from lxml import etree

from drafter import oxml
from drafter.oxml import customxml, opc

TYPES = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
AWKWARD = ['plain', 'a & b < c > d "quoted" \'single\'', "tab\there\nnew line\r\nreturn", "é € \u00a0 😀",
           "\x7f delete", "", "&amp; already escaped", "]]> end"]


def test_an_item_is_added_with_its_properties_and_found_by_its_namespace():
    package = opc.Package({"[Content_Types].xml": TYPES, "word/document.xml": b"<d/>",
                           "customXml/item1.xml": b"<other/>"})
    name = customxml.add_item(package, b'<r xmlns="urn:x" a="1"><e/></r>', "{ID}", "urn:x")
    assert name == "customXml/item2.xml"
    parts = package.parts()
    assert b'ds:itemID="{ID}"' in parts["customXml/itemProps2.xml"]
    assert b'Target="itemProps2.xml"' in parts["customXml/_rels/item2.xml.rels"]
    assert package.related("word/document.xml", customxml.ITEM_RELATIONSHIP) == name
    root, why = customxml.find_item(parts, "urn:x", "r")
    assert why == "" and customxml.contents(root, "e", "f") == ({"a": "1"}, [({}, [])])
    assert customxml.find_item(parts, "urn:y", "r") == (None, "")
    broken = {**parts, "customXml/item2.xml": b'<r xmlns="urn:x"'}
    assert "is not well-formed XML" in customxml.find_item(broken, "urn:x", "r")[1]
    assert "is not one drafter wrote" in customxml.find_item(parts, "urn:x", "other")[1]


@pytest.mark.parametrize("value", AWKWARD)
def test_elements_written_as_text_are_what_lxml_writes(value):
    out = customxml.ElementsText()
    q, o, c = out.QUOTE, out.OPEN, out.CLOSE
    out.add(f"{o}root xmlns={q}urn:x{q} v={q}{value}{q}{c}{o}e a={q}{value}{q} b={q}x{q}/{c}{o}/root{c}", value * 2)
    root = etree.Element("{urn:x}root", nsmap={None: "urn:x"})
    root.set("v", value)
    etree.SubElement(root, "{urn:x}e", a=value, b="x")
    assert customxml.document(out.text()) == oxml.serialize(root)


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x03", "\x0b", "\ufffe", "\x1f"])
def test_a_value_xml_cannot_hold_is_refused_as_lxml_refuses_it(bad):
    out = customxml.ElementsText()
    out.add(f"{out.OPEN}e a={out.QUOTE}x{bad}{out.QUOTE}/{out.CLOSE}", f"x{bad}")
    with pytest.raises(ValueError) as mine:
        out.text()
    with pytest.raises(ValueError) as lxmls:
        etree.Element("e").set("a", f"x{bad}")
    assert str(mine.value) == str(lxmls.value)

"""The main document's body, and placeholders that stand in it for a moment."""

from __future__ import annotations

from drafter import oxml
from drafter.oxml import document

from .helpers import W, body, xml_of


def test_the_xml_around_the_body():
    root = oxml.parse(f'<w:document xmlns:w="{W}"><w:body><w:p/></w:body><w:x/></w:document>')
    assert document.body_of(root) is root[0]
    head, tail = document.around_body(root)
    assert head.endswith(f'<w:document xmlns:w="{W}">') and tail == "<w:x/></w:document>"


def test_a_placeholder_is_replaced_by_elements_and_the_text_after_it_stays():
    b = body('<w:p/><drafter-x n="0"/><w:p/>')
    b[1].tail = "after"
    found = document.placeholders(b, "drafter-x")
    assert [n for n, _ in found] == ["0"]
    document.replace(found[0][1], oxml.fragment("<w:tbl/><w:p/>"))
    assert xml_of(b) == "<w:body><w:p/><w:tbl/><w:p/>after<w:p/></w:body>"

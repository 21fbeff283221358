"""A child put in its place in the sequence the schema fixes, declared once."""

from __future__ import annotations

import pytest

from drafter import oxml
from drafter.oxml import order

from .helpers import names, tree


def test_a_property_goes_before_the_first_that_the_schema_puts_after_it():
    ppr = tree("<w:pPr><w:pStyle w:val='A'/><w:spacing w:after='0'/><w:jc w:val='left'/></w:pPr>")
    order.get_or_add(ppr, "w:keepNext")
    order.get_or_add(ppr, "w:numPr")
    order.get_or_add(ppr, "w:rPr")
    assert names(ppr) == ["pStyle", "keepNext", "numPr", "spacing", "jc", "rPr"]


def test_a_property_already_there_is_found_not_added_again():
    trpr = tree("<w:trPr><w:cantSplit/></w:trPr>")
    found = order.get_or_add(trpr, "w:cantSplit")
    assert found is trpr[0] and names(trpr) == ["cantSplit"]
    order.get_or_add(trpr, "w:tblHeader")
    assert names(trpr) == ["cantSplit", "tblHeader"]


def test_properties_of_a_row_come_before_its_cells_and_extensions_after_what_the_list_names():
    tr = tree("<w:tr><w:tc/><w:tc/></w:tr>")
    order.get_or_add(tr, "w:trPr")
    assert names(tr) == ["trPr", "tc", "tc"]
    settings = oxml.parse(f'<w:settings xmlns:w="{oxml.W}" xmlns:w14="urn:w14"><w:zoom/><w:compat/><w14:docId/>'
                          "</w:settings>")
    order.get_or_add(settings, "w:footnotePr")
    order.get_or_add(settings, "w:listSeparator")
    assert names(settings) == ["zoom", "footnotePr", "compat", "listSeparator", "docId"]


def test_children_written_as_text_follow_the_same_order():
    assert order.ordered("tcPr", {"vMerge": "<v/>", "tcW": "<w/>", "gridSpan": "<g/>"}) == "<w/><g/><v/>"


def test_an_element_the_lists_do_not_know_cannot_be_put_in_order():
    with pytest.raises(KeyError):
        order.get_or_add(tree("<w:pPr/>"), "w:nothing")

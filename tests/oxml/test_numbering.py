"""A numbered list that starts again at 1: a numbering of its own for each list."""

from __future__ import annotations

from drafter import oxml
from drafter.oxml import numbering

from .helpers import W, body, names

NUMBERING = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:nsid w:val="00000001"/>'
             '<w:styleLink w:val="L"/><w:lvl w:ilvl="0"/></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
ITEM = '<w:p><w:pPr><w:pStyle w:val="L"/><w:numPr><w:numId w:val="1"/></w:numPr><w:jc w:val="left"/></w:pPr></w:p>'


def test_lists_are_runs_of_sibling_paragraphs_in_the_list_style():
    b = body(ITEM + ITEM + "<w:p/>" + ITEM)
    assert [len(items) for items in numbering.lists(b, {"L"})] == [2, 1]
    assert numbering.lists(b, {"Other"}) == []


def test_each_list_gets_a_fresh_abstract_numbering_and_an_instance_starting_at_one():
    part = oxml.parse(NUMBERING)
    first, second = numbering.new_instance(part, "1"), numbering.new_instance(part, "1")
    assert (first, second) == ("2", "3")
    assert names(part) == ["abstractNum", "abstractNum", "abstractNum", "num", "num", "num"]
    copy = part[1]
    assert copy.get(oxml.qn("w:abstractNumId")) == "1" and names(copy) == ["nsid", "lvl"]  # no style link
    assert copy.find(oxml.qn("w:nsid")).get(oxml.qn("w:val")) == "1D000001"
    new = part[-1]
    assert new.find(f"{oxml.qn('w:lvlOverride')}/{oxml.qn('w:startOverride')}").get(oxml.qn("w:val")) == "1"
    assert numbering.new_instance(part, "9") is None


def test_a_paragraph_numbered_anew_keeps_its_other_properties_in_order():
    b = body(ITEM)
    numbering.number(b[0], "7")
    assert names(b[0][0]) == ["pStyle", "numPr", "jc"]
    assert [n.get(oxml.qn("w:val")) for n in b.iter(oxml.qn("w:numId"))] == ["7"]

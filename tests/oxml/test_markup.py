"""A template's XML prepared for Jinja2: one paragraph a line, and the text of its w:t."""

from __future__ import annotations

from drafter.oxml import markup


def test_each_paragraph_on_a_line_of_its_own_and_back():
    xml = '<w:body><w:p w:rsidR="1"><w:r><w:t>{% if a %}</w:t></w:r></w:p><w:p><w:pPr/></w:p><w:pStyle/></w:body>'
    lines = markup.paragraph_lines(xml)
    assert lines.split("\n") == ["<w:body>", '<w:p w:rsidR="1"><w:r><w:t>{% if a %}</w:t></w:r></w:p>',
                                 "<w:p><w:pPr/></w:p><w:pStyle/></w:body>"]
    assert markup.joined_lines(lines) == xml
    assert markup.joined_lines("a\n<w:pPr/>\n<w:p>") == "a\n<w:pPr/><w:p>"


def test_the_text_of_markup_that_is_not_xml_yet():
    prepared = '<w:p><w:r><w:t xml:space="preserve">A &amp; B </w:t></w:r>{% if x < 2 %}<w:r><w:t>C</w:t></w:r></w:p>'
    assert markup.texts(prepared) == "A & B  C"

"""The XML layer's basics: names, the safe parser, the serializer, text written as XML."""

from __future__ import annotations

import pytest

from drafter import oxml

from .helpers import W


def test_a_prefixed_name_in_clark_notation():
    assert oxml.qn("w:p") == f"{{{W}}}p"
    assert oxml.qn("r:id") == "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    with pytest.raises(KeyError):
        oxml.qn("nope:p")


def test_the_parser_expands_no_entity_and_reads_no_dtd(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    xml = (f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
           f'<w:document xmlns:w="{W}"><w:body><w:t>&e;</w:t></w:body></w:document>')
    root = oxml.parse(xml.encode())
    assert "SECRET" not in oxml.to_text(root)


def test_not_well_formed_xml_is_the_layers_own_error():
    with pytest.raises(oxml.XMLSyntaxError):
        oxml.parse(b"<w:p")


def test_a_part_is_written_with_lxmls_declaration_or_words():
    root = oxml.parse(f'<w:p xmlns:w="{W}"/>')
    assert oxml.serialize(root).startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:p ")
    assert oxml.serialize(root, word_declaration=True).startswith(
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:p ')


def test_text_and_attribute_values_are_escaped_as_xml_wants():
    assert oxml.escape('a & <b> "c"') == 'a &amp; &lt;b&gt; "c"'
    assert oxml.escape_attribute('a & <b> "c"') == "a &amp; &lt;b&gt; &quot;c&quot;"
    assert oxml.INVALID_XML_CHARS.sub("", "a\x0bb\x00c\ufffe") == "abc"


def test_elements_written_as_text_take_the_declarations_of_the_part_they_are_put_in():
    made = oxml.fragment('<w:p><w:r><w:t>x</w:t></w:r></w:p><w:p/>')
    assert [oxml.local_name(e) for e in made] == ["p", "p"]
    body = oxml.parse(f'<w:document xmlns:w="{W}"><w:body/></w:document>')[0]
    body.extend(made)
    assert oxml.to_text(body) == f'<w:body xmlns:w="{W}"><w:p><w:r><w:t>x</w:t></w:r></w:p><w:p/></w:body>'

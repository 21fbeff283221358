"""Core and custom document properties; property lists made strict."""

from __future__ import annotations

import datetime as dt

import pytest

from drafter import oxml
from drafter.oxml import properties, property_lists

from .helpers import body, names, xml_of


def test_core_properties_from_the_answers_data():
    data = properties.core_part(title="A & B", subject="S", creator="Minister", language="nl-BE", keywords="k",
                                description="d", created=dt.datetime(2026, 1, 1, 9, 30))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties ')
    root = oxml.parse(data)
    assert [oxml.local_name(e) for e in root] == ["title", "subject", "creator", "keywords", "description",
                                                  "lastModifiedBy", "revision", "created", "modified", "language"]
    assert root[0].text == "A & B" and root[7].text == "2026-01-01T09:30:00Z"
    assert root[7].get(oxml.qn("xsi:type")) == "dcterms:W3CDTF"
    assert b"created" not in properties.core_part(title="t", subject="s", creator="c", language="l")


def test_custom_properties_set_keep_the_others_and_number_them_from_two():
    custom = properties.set_custom(None, {"Client": "Kabinet", "drafter.question": "old"})
    custom = properties.set_custom(custom, {"drafter.question": "2019-2020/4", "drafter.fingerprint": "ab"})
    assert properties.custom_values(custom) == {"Client": "Kabinet", "drafter.question": "2019-2020/4",
                                                "drafter.fingerprint": "ab"}
    assert [p.get("pid") for p in custom] == ["2", "3", "4"]
    with pytest.raises(ValueError):
        properties.set_custom(None, {"x": "a\x00b"})


def test_property_lists_with_words_for_on_and_off_and_properties_held_twice():
    b = body('<w:p><w:pPr><w:keepNext w:val="true"/><w:jc w:val="left"/><w:jc w:val="right"/></w:pPr>'
             '<w:r><w:rPr><w:b w:val="false"/><w:i w:val="1"/><w:b/></w:rPr></w:r></w:p>')
    property_lists.make_strict(b)
    assert xml_of(b[0]) == ('<w:p><w:pPr><w:keepNext/><w:jc w:val="right"/></w:pPr>'
                            '<w:r><w:rPr><w:i w:val="1"/><w:b/></w:rPr></w:r></w:p>')
    assert names(b[0][1][0]) == ["i", "b"]

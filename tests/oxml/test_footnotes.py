"""The footnotes part, references in the text, cross-references, the settings."""

from __future__ import annotations

import re

from drafter import oxml
from drafter.oxml import footnotes

from .helpers import W, body, names, tree, xml_of


def test_a_new_part_holds_the_two_separators_and_notes_follow_with_ids_above():
    notes = footnotes.new_part()
    assert footnotes.structural_ids(notes) == [0, 1] and footnotes.next_id(notes) == 2
    footnotes.append(notes, 2, "Bron:\tjaarverslag", "FootnoteText", "FootnoteReference")
    assert footnotes.next_id(notes) == 3
    assert xml_of(notes[-1]) == (
        '<w:footnote w:id="2"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> Bron:</w:t><w:tab/><w:t>jaarverslag</w:t></w:r></w:p></w:footnote>')


def test_separators_are_found_by_their_type_whatever_their_ids():
    notes = tree('<w:footnotes><w:footnote w:type="continuationSeparator" w:id="0"/>'
                 '<w:footnote w:type="separator" w:id="-1"/><w:footnote w:id="x"/></w:footnotes>')
    assert footnotes.structural_ids(notes) == [-1, 0] and footnotes.next_id(notes) == 1


def test_references_and_the_numbers_word_shows():
    b = body("<w:p><w:r/><w:r/><w:r/></w:p>")
    first, second, third = b[0]
    footnotes.make_reference(first, 5, "Ref")
    footnotes.make_reference(third, 3, "Ref")
    shown = footnotes.make_cross_reference(second, "_RefNote5", "Ref")
    assert footnotes.numbers(b) == {5: 1, 3: 2}
    assert names(b[0]) == ["r"] * 7
    assert b[0][2].find(oxml.qn("w:instrText")).text == " NOTEREF _RefNote5 \\f \\h "
    assert shown is b[0][4].find(oxml.qn("w:t"))


def test_settings_name_the_separators_in_their_place_once():
    settings = tree("<w:settings><w:zoom/><w:compat/></w:settings>")
    footnotes.ensure_settings(settings, [0, 1])
    footnotes.ensure_settings(settings, [7])
    assert names(settings) == ["zoom", "footnotePr", "compat"]
    assert xml_of(settings[1]) == '<w:footnotePr><w:footnote w:id="0"/><w:footnote w:id="1"/></w:footnotePr>'


def test_tokens_left_where_word_has_no_notes_are_named_by_their_paragraph():
    token = re.compile("\ue000(\\d+)\ue001")
    b = body("<w:p><w:r><w:t>Zie \ue0001\ue001 hier</w:t></w:r></w:p><w:p><w:r><w:drawing><w:txbxContent><w:p><w:r>"
             "<w:t>kader\ue0002\ue001</w:t></w:r></w:p></w:txbxContent></w:drawing></w:r></w:p>")
    assert footnotes.remaining(b, token) == [("a paragraph", "Zie  hier"), ("a text box", "kader")]
    assert footnotes.holds(b, token) and not footnotes.holds(body("<w:p/>"), token)
    assert f'xmlns:w="{W}"' in oxml.to_text(b)

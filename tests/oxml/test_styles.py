"""Styles by name, styles added where a template lacks them, the proofing language."""

from __future__ import annotations

from drafter.oxml import footnotes
from drafter.oxml import styles as style_parts

from .helpers import names, tree, xml_of

STYLES = ('<w:styles><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Kop1"><w:name w:val="Heading 1"/>'
          '<w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>')


def test_styles_are_found_by_name_in_any_case_and_their_numbering():
    styles = tree(STYLES)
    assert style_parts.ids_by_name(styles) == {"normal": "Normal", "heading 1": "Kop1"}
    assert style_parts.numbering_of(styles) == {"Kop1": "3"}


def test_the_proofing_language_is_set_in_the_style_defaults():
    styles = tree(STYLES)
    style_parts.set_proofing_language(styles, "nl-BE")
    assert names(styles)[0] == "docDefaults"
    assert xml_of(styles[0]) == '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="nl-BE"/></w:rPr></w:rPrDefault></w:docDefaults>'
    with_lang = tree('<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="22"/><w:lang w:val="en-GB"/>'
                     "<w:eastAsianLayout/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>")
    style_parts.set_proofing_language(with_lang, "fr-BE")
    assert names(with_lang[0][0][0]) == ["sz", "lang", "eastAsianLayout"]
    assert 'w:val="fr-BE"' in xml_of(with_lang)


def test_a_character_style_is_added_once():
    styles = tree(STYLES)
    assert style_parts.ensure_character_style(styles, "Note Reference", "NoteReference", style_parts.SUPERSCRIPT) == "NoteReference"
    assert style_parts.ensure_character_style(styles, "note reference", "Other", "") == "NoteReference"
    assert len(styles) == 3 and names(styles[-1]) == ["name", "basedOn", "uiPriority", "unhideWhenUsed", "rPr"]


def test_footnote_styles_as_word_defines_them_with_ids_not_taken():
    styles = tree(STYLES.replace('w:styleId="Kop1"', 'w:styleId="FootnoteText"'))
    text_id, ref_id = footnotes.ensure_styles(styles, "footnote text", "footnote reference")
    assert (text_id, ref_id) == ("FootnoteText1", "FootnoteReference")
    added = styles[-2]
    assert names(added) == ["name", "basedOn", "uiPriority", "semiHidden", "unhideWhenUsed", "pPr", "rPr"]
    assert footnotes.ensure_styles(styles, "Footnote Text", "FOOTNOTE REFERENCE") == (text_id, ref_id)
    assert len(style_parts.ids_by_name(style_parts.new_part())) == 0

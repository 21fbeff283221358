"""Each pass of finishing an answer, on a small hand-made document: what it changes."""

from __future__ import annotations

import re

from drafter import oxml
from drafter.oxml import opc, properties
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import styles as style_parts
from drafter.view.figures import FigureCollector
from drafter.view.footnotes import FootnoteCollector
from drafter.view.notes import superscript
from drafter.word import finish, fingerprint

from .helpers import answer, figure, xml

TABLE_ROW = '<w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>'
NOTE = '<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t>(1) note</w:t></w:r></w:p>'


def styles_of(a):
    return a.package.read("word/styles.xml")


def test_the_passes_run_each_once_and_the_fingerprint_last():
    assert len(set(finish.PASSES)) == len(finish.PASSES)
    assert finish.PASSES[-1] is finish.record_fingerprint


def test_the_proofing_language_is_the_answers():
    a = answer("<w:p/>")
    finish.set_proofing_language(a)
    lang = styles_of(a).find(f"{oxml.qn('w:docDefaults')}/{oxml.qn('w:rPrDefault')}/{oxml.qn('w:rPr')}/{oxml.qn('w:lang')}")
    assert lang.get(oxml.qn("w:val")) == "nl-BE"


def test_every_answer_has_the_note_call_style_once():
    a = answer("<w:p/>")
    finish.add_note_call_style(a)
    finish.add_note_call_style(a)
    assert list(style_parts.ids_by_name(styles_of(a))).count("note reference") == 1


def test_a_table_put_in_a_cell_is_followed_by_a_paragraph():
    a = answer("<w:tbl><w:tr><w:tc><w:tbl/></w:tc></w:tr></w:tbl>")
    finish.end_cells_with_a_paragraph(a)
    assert xml(a.body[0]) == "<w:tbl><w:tr><w:tc><w:tbl/><w:p/></w:tc></w:tr></w:tbl>"


def test_a_short_table_keeps_together_with_its_introduction_and_notes():
    a = answer(f"<w:p/><w:p/><w:tbl>{TABLE_ROW * 3}</w:tbl>{NOTE}{NOTE}<w:p/>")
    finish.keep_tables_together(a)
    before, introduction, tbl, note1, note2, after = list(a.body)[:6]
    keeps = [p.find(f"{paragraphs.PPR}/{oxml.qn('w:keepNext')}") is not None
             for p in [before, introduction, *tbl.iter(paragraphs.P), note1, note2, after]]
    assert keeps == [False, True, True, True, True, True, False, False]
    rows = oxml.table.rows(tbl)
    assert [oxml.local_name(c) for c in rows[0][0]] == ["cantSplit", "tblHeader"]
    assert [oxml.local_name(c) for c in rows[1][0]] == ["cantSplit"]


def test_a_long_table_may_break_across_pages_only_its_first_rows_keep_together():
    a = answer(f"<w:p/><w:tbl>{TABLE_ROW * 30}</w:tbl>{NOTE}{NOTE}")
    finish.keep_tables_together(a)
    tbl = a.body[1]
    keeping = [tr.find(f".//{oxml.qn('w:keepNext')}") is not None for tr in oxml.table.rows(tbl)]
    assert keeping == [True, True] + [False] * 28
    assert len(oxml.table.rows_that_may_split(tbl)) == 0
    assert a.body[0].find(paragraphs.PPR) is None and a.body[2].find(paragraphs.PPR).find(oxml.qn("w:keepNext")) is None


def test_no_empty_page_after_a_landscape_table_that_ends_the_answer():
    landscape = '<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    a = answer(f"<w:tbl/><w:p><w:pPr>{landscape}</w:pPr></w:p><w:p/>")
    finish.end_with_the_last_section(a)
    assert [oxml.local_name(e) for e in a.body] == ["tbl", "sectPr"]
    assert 'w:orient="landscape"' in xml(a.body[-1])


def test_note_calls_are_raised_in_the_note_call_style():
    a = answer(f"<w:p><w:r><w:t>1.234{superscript('2')} en meer</w:t></w:r></w:p>")
    finish.add_note_call_style(a)
    finish.raise_note_calls(a)
    assert xml(a.body[0]) == ('<w:p><w:r><w:t>1.234</w:t></w:r><w:r><w:rPr><w:rStyle w:val="NoteReference"/></w:rPr>'
                              '<w:t>2</w:t></w:r><w:r><w:t xml:space="preserve"> en meer</w:t></w:r></w:p>')


def test_each_numbered_list_starts_again_at_one():
    item = '<w:p><w:pPr><w:pStyle w:val="Lijst"/></w:pPr><w:r><w:t>i</w:t></w:r></w:p>'
    a = answer(item + item + "<w:p/>" + item)
    finish.restart_lists(a)
    assert [n.get(oxml.qn("w:val")) for n in a.body.iter(oxml.qn("w:numId"))] == ["2", "2", "3"]
    numbering = a.package.read("word/numbering.xml")
    assert [oxml.local_name(e) for e in numbering] == ["abstractNum"] * 3 + ["num"] * 3
    untouched = answer("<w:p/>")
    finish.restart_lists(untouched)
    assert untouched.package.parts()["word/numbering.xml"] == answer("<w:p/>").package.parts()["word/numbering.xml"]


def test_footnotes_become_word_footnotes_and_an_answer_without_any_is_left_as_it_was():
    notes = FootnoteCollector()
    a = answer(f"<w:p><w:r><w:t>Zie{notes.add('Bron: jaarverslag.')} hier</w:t></w:r></w:p>", footnotes=notes)
    finish.place_footnotes(a)
    parts = a.package.parts()
    assert b"Bron: jaarverslag." in parts["word/footnotes.xml"]
    assert b'<w:footnoteReference w:id="2"/>' in parts["word/document.xml"]
    plain = answer("<w:p><w:r><w:t>Zie hier</w:t></w:r></w:p>", footnotes=FootnoteCollector())
    before = plain.package.parts()
    finish.place_footnotes(plain)
    assert plain.package.parts() == before


def test_figures_get_their_bookmark_and_record_and_lose_their_marks_in_a_header():
    figures = FigureCollector()
    header = f'<w:hdr xmlns:w="{oxml.W}"><w:p><w:r><w:t>{figure(figures, "7", "h")}</w:t></w:r></w:p></w:hdr>'
    a = answer(f"<w:p><w:r><w:t>Circa {figure(figures, '45%', 'k')} van</w:t></w:r></w:p>", figures=figures,
               parts={"word/header1.xml": header.encode()}, rendered=["word/header1.xml"])
    finish.trace_figures(a)
    parts = a.package.parts()
    assert b'<w:bookmarkStart w:id="0" w:name="_DrafterFig2"/>' in parts["word/document.xml"]
    assert "\ue004" not in parts["word/document.xml"].decode() + parts["word/header1.xml"].decode()
    record = next(data for name, data in parts.items() if name.startswith("customXml/item"))
    assert b'key="k"' in record and b'key="h"' not in record and b'place="paragraph 1, &quot;Circa 45% ...&quot;"' in record


def test_the_core_properties_are_the_questions():
    a = answer("<w:p/>")
    finish.set_core_properties(a)
    core = a.package.read(properties.CORE_PART)
    assert oxml.local_name(core[0]) == "title" and core[0].text == a.question.title
    assert core[-1].text == "nl-BE"


def test_the_fingerprint_covers_the_content_as_written():
    a = answer("<w:p/>")
    finish.record_fingerprint(a)
    parts = a.package.parts()
    values = properties.custom_values(oxml.parse(parts[properties.CUSTOM_PART]))
    assert values == {fingerprint.FINGERPRINT: fingerprint.fingerprint(parts), fingerprint.QUESTION_ID: "2019-2020/4"}
    types = oxml.parse(parts["[Content_Types].xml"])
    assert opc.override_of(types, "/docProps/custom.xml") == properties.CUSTOM_CONTENT_TYPE
    assert re.search(rb'Target="docProps/custom.xml"', parts["_rels/.rels"])
    edited = {**parts, "word/document.xml": parts["word/document.xml"].replace(b"<w:p/>", b"<w:p><w:r><w:t>x</w:t></w:r></w:p>")}
    assert fingerprint.fingerprint(edited) != values[fingerprint.FINGERPRINT]
    empty_run = {**parts, "word/document.xml": parts["word/document.xml"].replace(b"<w:p/>", b"<w:p><w:r/></w:p>")}
    assert fingerprint.fingerprint(empty_run) == values[fingerprint.FINGERPRINT]  # nothing a person sees

"""Paragraphs: their text, style, "keep with next", and where each stands as Word counts it."""

from __future__ import annotations

from drafter.oxml import paragraph as paragraphs

from .helpers import body, names, xml_of

CALLS = ('<w:p><w:r><w:t>Circa </w:t><w:tab/></w:r><w:r><w:t>45%</w:t></w:r>'
         '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>(1)</w:t></w:r>'
         '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/><w:t>2</w:t></w:r>'
         '<w:r><w:t xml:space="preserve"> van</w:t></w:r><w:r><w:delText>weg</w:delText></w:r></w:p>')


def test_the_text_of_a_paragraph_with_and_without_its_note_calls():
    p = body(CALLS)[0]
    assert paragraphs.text_of(p) == "Circa \t45%(1)2 van"
    assert paragraphs.text_of(p, calls=False) == "Circa \t45% van"
    pieces, index = paragraphs.text_pieces(p)
    assert pieces == ["Circa ", "\t", "45%", "", "", " van"]
    assert index[paragraphs.first_text(p[1])] == 2


def test_a_paragraph_in_a_text_box_is_not_the_text_of_the_paragraph_around_it():
    p = body('<w:p><w:r><w:t>outer</w:t><w:drawing><w:txbxContent><w:p><w:r><w:t>inner</w:t></w:r></w:p>'
             "</w:txbxContent></w:drawing></w:r></w:p>")[0]
    assert paragraphs.text_of(p) == "outerinner"
    assert paragraphs.own_text(p) == "outer"


def test_style_and_keep_with_next():
    b = body('<w:p><w:pPr><w:pStyle w:val="Note"/><w:jc w:val="left"/></w:pPr></w:p><w:p/>')
    styled, plain = b
    assert paragraphs.style_of(styled) == "Note" and paragraphs.style_of(plain) is None
    paragraphs.keep_with_next(styled)
    paragraphs.keep_with_next(plain)
    paragraphs.keep_with_next(plain)
    assert names(styled[0]) == ["pStyle", "keepNext", "jc"]
    assert xml_of(plain) == "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>"


def test_every_paragraph_of_a_table_keeps_with_the_next():
    b = body("<w:tbl><w:tr><w:tc><w:p/><w:p><w:pPr><w:keepNext/></w:pPr></w:p></w:tc></w:tr></w:tbl><w:p/>")
    paragraphs.keep_all_with_next(b[0])
    assert [p.find(paragraphs.PPR) is not None for p in b.iter(paragraphs.P)] == [True, True, False]


def test_paragraphs_in_styles_are_found_by_their_own_first_style():
    b = body('<w:p><w:pPr><w:pStyle w:val="List"/></w:pPr></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="Other"/><w:pStyle w:val="List"/></w:pPr></w:p>'
             '<w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="List"/></w:pPr></w:pPrChange></w:pPr></w:p>'
             '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="List"/></w:pPr></w:p></w:tc></w:tr></w:tbl>'
             '<w:p><w:pPr><w:pStyle w:val="Bullet"/></w:pPr></w:p>')
    found = paragraphs.in_styles(b, {"List", "Bullet"})
    assert [paragraphs.style_of(p) for p in found] == ["List", "List", "Bullet"]
    assert paragraphs.in_styles(b, set()) == []


def test_places_count_paragraphs_outside_tables_and_cells_by_table_row_and_cell():
    b = body("<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/><w:p/></w:tc></w:tr>"
             "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>"
             "<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>")
    found = [(p.number, p.table, p.row, p.cell) for p in paragraphs.places(b)]
    assert found == [(1, None, None, None), (None, 1, 1, 1), (None, 1, 1, 2), (None, 1, 1, 2), (None, 1, 2, 1),
                     (2, None, None, None), (None, 2, 1, 1), (None, 3, 1, 1)]  # the table in a cell first
    assert [paragraphs.ancestor(p.paragraph) for p in paragraphs.places(b)] == [None] * 8
    assert len(paragraphs.outside_tables(b)) == 2


def test_the_paragraph_of_a_mark_between_paragraphs_is_the_next():
    b = body('<w:p><w:r><w:t>a</w:t></w:r></w:p><w:bookmarkStart w:id="1" w:name="x"/><w:p/>')
    assert paragraphs.containing(b[0][0]) is b[0]
    assert paragraphs.containing(b[1]) is b[2]


def test_a_mark_and_text_before_an_element():
    b = body("<w:p/><w:p/>")
    paragraphs.set_mark(b[1], "drafterloc", "3")
    paragraphs.text_before(b[1], "{# x #}")
    paragraphs.text_before(b[0], "{# y #}")
    assert xml_of(b) == '<w:body>{# y #}<w:p/>{# x #}<w:p drafterloc="3"/></w:body>'

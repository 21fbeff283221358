"""Tables: written as XML text once, parsed, read as rows of cells; kept together."""

from __future__ import annotations

from drafter import oxml
from drafter.oxml import paragraph  # noqa: F401 (oxml.paragraph below)
from drafter.oxml import table as tables
from drafter.oxml.table import TableXml

from .helpers import body, names, xml_of


def test_a_table_written_as_text_parses_to_its_rows_and_cells_in_the_schemas_order():
    xml = TableXml()
    header = xml.row(xml.cell("Head", "Jaar", 1500, merge="restart", size=18) + xml.cell("HeadNum", "A & B", 1500),
                     header=True)
    row = xml.row(xml.cell("Text", "2016", 1500, keep=False) + xml.cell("Num", "1.234\t(1)", 1500, span=2))
    tbl = oxml.fragment(xml.table("Tab", [1500, 1500], [header, row], fixed=True, total_row=False))[0]
    assert names(tbl) == ["tblPr", "tblGrid", "tr", "tr"]
    assert names(tbl[0]) == ["tblStyle", "tblW", "tblLayout", "tblLook"]
    first, second = tables.rows(tbl)
    assert names(first[0]) == ["cantSplit", "tblHeader"] and tables.header_rows(tbl) == 1
    cell = tables.cells(first)[0]
    assert names(cell[0]) == ["tcW", "vMerge", "vAlign"]  # a header merged down stands at its foot
    assert names(cell[1][0]) == ["pStyle", "keepNext", "rPr"]
    assert tables.span(tables.cells(second)[1]) == 2 and tables.span(cell) == 1
    assert [oxml.paragraph.text_of(c) for c in tables.cells(first) + tables.cells(second)] == [
        "Jaar", "A & B", "2016", "1.234\t(1)"]
    assert xml_of(tables.cells(second)[1][1]) == (
        '<w:p><w:pPr><w:pStyle w:val="Num"/><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">1.234</w:t></w:r>'
        '<w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">(1)</w:t></w:r></w:p>')


def test_a_caption_or_note_paragraph_and_a_style_id_that_needs_escaping():
    xml = TableXml()
    p = oxml.fragment(xml.paragraph('A"B', "Bron: <x>", keep_next=True))[0]
    assert oxml.paragraph.style_of(p) == 'A"B' and oxml.paragraph.text_of(p) == "Bron: <x>"


def test_a_cells_position_and_the_rows_that_may_still_split():
    b = body("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr>"
             "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p/></w:tc></w:tr><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")
    tbl = b[0]
    run = tbl[0][0][0][0]
    assert tables.position(run) == (tbl, tbl[0], tbl[0][0])
    assert tables.position(b) is None
    assert tables.row_count(tbl) == 3 and tables.first_rows(tbl, 2) == tables.rows(tbl)[:2]
    loose = tables.rows_that_may_split(tbl)
    assert loose == [tbl[0], tbl[2]]
    for tr in loose:
        tables.forbid_split(tr)
    tables.repeat_as_header(tbl[0])
    assert tables.rows_that_may_split(tbl) == [] and names(tbl[0][0]) == ["cantSplit", "tblHeader"]


def test_paragraphs_around_a_table_and_a_cell_ending_with_a_table():
    b = body("<w:p/><w:tbl><w:tr><w:tc><w:tbl/></w:tc></w:tr></w:tbl><w:p/><w:p/><w:tbl/><w:p/>")
    tbl = b[1]
    assert list(tables.paragraphs_before(tbl)) == [b[0]] and list(tables.paragraphs_before(b[4])) == [b[3], b[2]]
    assert list(tables.paragraphs_after(tbl)) == [b[2], b[3]]
    tables.end_cells_with_a_paragraph(b)
    assert names(tbl[0][0]) == ["tbl", "p"]
    assert len(tables.tables(b)) == 3


def test_a_cell_holds_a_bookmarked_start_in_a_run_of_its_own_and_the_rest_after_it():
    xml = TableXml()
    cell = oxml.fragment(xml.cell("Num", "1.234\u00a0(2)", 1500, size=18, bookmark=("_Fig&1", "1.234")))[0]
    assert xml_of(cell[1]) == (
        '<w:p><w:pPr><w:pStyle w:val="Num"/><w:keepNext/><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
        '</w:pPr><w:bookmarkStart w:id="" w:name="_Fig&amp;1"/><w:r><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/>'
        '</w:rPr><w:t xml:space="preserve">1.234</w:t></w:r><w:bookmarkEnd w:id=""/><w:r><w:rPr><w:sz w:val="18"/>'
        '<w:szCs w:val="18"/></w:rPr><w:t xml:space="preserve">\u00a0(2)</w:t></w:r></w:p>')
    assert oxml.paragraph.text_of(cell) == "1.234\u00a0(2)"

"""Places as a Word user names them: paragraphs outside tables, table cells by their labels."""

from __future__ import annotations

from drafter import oxml
from drafter.word import places

from .helpers import answer

GROUPED = ('<w:tbl>'
           '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>'
           '<w:p><w:r><w:t>1982–83</w:t></w:r></w:p></w:tc></w:tr>'
           '<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>plan</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:p><w:r><w:t>outturn</w:t></w:r></w:p></w:tc></w:tr>'
           '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>Other departments</w:t></w:r></w:p></w:tc></w:tr>'
           '<w:tr><w:tc><w:p><w:r><w:t>Total</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:p><w:r><w:t xml:space="preserve">2 </w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/>'
           '</w:rPr><w:t>(1)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')


def test_a_cells_place_with_its_section_and_the_group_over_its_column():
    layout = places.Layout(answer(GROUPED).body)
    table = layout.tables[0]
    assert (table.header_rows, table.column_label(2), table.row_label(3), table.section_of(3)) == (
        2, "1982–83, outturn", "Total", "Other departments")
    assert table.value(3, 2) == "2" and table.is_section(2) and not table.is_section(3)
    assert layout.cell_place(0, 3, 2) == 'table 1, section "Other departments", row "Total", column "1982–83, outturn"'
    assert layout.cell_place(0, 3, 2, grand_total=True) == 'table 1, row "Total", column "1982–83, outturn"'
    run = next(table.cells(3)[2].iter(oxml.qn("w:r")))
    assert layout.cell_of(run) == (0, 3, 2)


def test_a_paragraphs_place_its_text_without_calls_and_the_text_before_a_run():
    body = answer('<w:p><w:r><w:t>Kort.</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">Circa  45% </w:t></w:r>'
                  '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>(2)</w:t></w:r>'
                  '<w:r><w:t>van de steun was bestemd voor kmo’s, de rest voor grote ondernemingen.</w:t></w:r></w:p>'
                  + GROUPED).body
    layout = places.Layout(body)
    p = body[1]
    assert len(layout.paragraphs) == 2 and layout.cell_of(p) is None
    assert layout.text(p) == "Circa 45% van de steun was bestemd voor kmo’s, de rest voor grote ondernemingen."
    assert layout.text_place(p, "grote ondernemingen") == (
        'paragraph 2, "... voor kmo’s, de rest voor grote ondernemingen ..."')
    assert layout.place(p, "45%") == 'paragraph 2, "Circa 45% ..."'
    assert layout.text_before(p, p[2]) == "Circa  45% "
    assert layout.place(None) == "the document" and layout.text_place(body[-2]) == "the document"


def test_clean_text_and_snippets():
    assert places.clean(" a\u00a0 b\n") == "a b"
    assert places.snippet("x" * 50, "") == "x" * 40 + " ..."
    assert places.snippet("Circa 45% van", "45%") == "Circa 45% ..."

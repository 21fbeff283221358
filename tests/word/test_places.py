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
    assert layout.cell_place(0, 3, 2).text == 'table 1, section "Other departments", row "Total", column "1982–83, outturn"'
    assert layout.cell_place(0, 3, 2, grand_total=True).text == 'table 1, row "Total", column "1982–83, outturn"'
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
    assert layout.text_place(p, "grote ondernemingen").text == (
        'paragraph 2, "... voor kmo’s, de rest voor grote ondernemingen ..."')
    assert layout.place(p, "45%").text == 'paragraph 2, "Circa 45% ..."'
    assert layout.text_before(p, p[2]) == "Circa  45% "
    assert layout.place(None).text == "the document" and layout.text_place(body[-2]).text == "the document"


def test_clean_text_and_snippets():
    assert places.clean(" a\u00a0 b\n") == "a b"
    assert places.snippet("x" * 50, "") == "x" * 40 + " ..."
    assert places.snippet("Circa 45% van", "45%") == "Circa 45% ..."


def test_a_place_reads_back_from_the_records_text_and_is_shown_in_the_language_in_use():
    from drafter import i18n

    made = [places.cell_place(0, places.within_table("Total", "1982–83, outturn", "Other departments")),
            places.cell_place(2, places.within_table('Post "A", row 2', "VAK, budget")),
            places.paragraph_place(4, 'Circa 45% "van" ...'), places.paragraph_place(7, ""), places.DOCUMENT]
    assert [p.text for p in made] == [
        'table 1, section "Other departments", row "Total", column "1982–83, outturn"',
        'table 3, row "Post "A", row 2", column "VAK, budget"',
        'paragraph 4, "Circa 45% "van" ..."', 'paragraph 7, ""', "the document"]
    assert [places.Place.read(p.text) for p in made] == made
    assert places.Place.read('paragraph 4, "Ongeveer"').location() == made[2].location()
    odd = places.Place.read("cel B4 (met de hand)")  # a record edited by hand: kept as it stands
    assert (odd.text, odd.shown()) == ("cel B4 (met de hand)", "cel B4 (met de hand)")
    with i18n.speaking("nl"):
        assert [p.shown() for p in made] == [
            'tabel 1, sectie "Other departments", rij "Total", kolom "1982–83, outturn"',
            'tabel 3, rij "Post "A", row 2", kolom "VAK, budget"',
            'alinea 4, "Circa 45% "van" ..."', 'alinea 7, ""', "het document"]
        assert made[2].location().shown() == "alinea 4"
        assert [places.table_place(2).shown(), places.note_place(3).shown(), places.NOTES.shown()] == [
            "tabel 2", "noot 3", "de noten"]
        assert made[0].text == 'table 1, section "Other departments", row "Total", column "1982–83, outturn"'

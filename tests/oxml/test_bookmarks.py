"""Bookmarks: a new id, bookmarks around runs, the text inside them."""

from __future__ import annotations

from drafter.oxml import bookmarks

from .helpers import body, xml_of


def test_a_new_id_is_above_the_marks_ids_and_note_references_count_only_when_asked():
    b = body('<w:p><w:bookmarkStart w:id="4" w:name="x"/><w:r><w:footnoteReference w:id="9"/></w:r>'
             '<w:commentRangeStart w:id="-1"/><w:ins w:id="6"/></w:p>')
    assert bookmarks.next_id(b) == 7
    assert bookmarks.next_id(b, with_note_references=True) == 10
    assert bookmarks.next_id(body("<w:p/>")) == 0


def test_bookmarks_go_around_runs_with_ids_in_order():
    b = body("<w:p><w:r><w:t>a</w:t></w:r><w:r><w:t>b</w:t></w:r></w:p>")
    first, second = b[0]
    bookmarks.around([(second, "_Fig&2"), (first, "_Fig1")], 3)
    assert xml_of(b[0]) == (
        '<w:p><w:bookmarkStart w:id="4" w:name="_Fig1"/><w:r><w:t>a</w:t></w:r><w:bookmarkEnd w:id="4"/>'
        '<w:bookmarkStart w:id="3" w:name="_Fig&amp;2"/><w:r><w:t>b</w:t></w:r><w:bookmarkEnd w:id="3"/></w:p>')


def test_the_text_inside_bookmarks_without_note_calls():
    b = body('<w:p><w:bookmarkStart w:id="1" w:name="_Fig7"/><w:r><w:t>1.2</w:t></w:r>'
             '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>(1)</w:t></w:r><w:r><w:t>34</w:t></w:r>'
             '<w:bookmarkEnd w:id="1"/><w:r><w:t> after</w:t></w:r><w:bookmarkStart w:id="2" w:name="other"/></w:p>')
    found = bookmarks.texts_inside(b, "_Fig")
    assert {name: text for name, (text, _) in found.items()} == {"7": "1.234"}
    assert found["7"][1] is b[0][0]


def test_unnumbered_bookmarks_get_ids_in_document_order_and_a_name_keeps_its_first_bookmark():
    table = "".join(bookmarks.around_xml(f"_Fig{n}", f"<w:r><w:t>{n}</w:t></w:r>") for n in (1, 2))
    b = body(f'<w:p><w:bookmarkStart w:id="7" w:name="_GoBack"/><w:r><w:t>a</w:t></w:r><w:bookmarkEnd w:id="7"/>'
             f"</w:p><w:p>{table}</w:p><w:p><w:r><w:t>3</w:t></w:r></w:p><w:p>{table}</w:p>")
    bookmarks.around([(b[2][0], "_Fig3")])
    assert bookmarks.next_id(b) == 8  # an unnumbered bookmark takes no id yet
    kept = bookmarks.number(b, 8)
    assert [name for _, name in kept] == ["_Fig1", "_Fig2", "_Fig3"] and kept[0][0] is b[1][0]
    assert xml_of(b[1]) == ('<w:p><w:bookmarkStart w:id="8" w:name="_Fig1"/><w:r><w:t>1</w:t></w:r>'
                            '<w:bookmarkEnd w:id="8"/><w:bookmarkStart w:id="9" w:name="_Fig2"/><w:r><w:t>2</w:t>'
                            '</w:r><w:bookmarkEnd w:id="9"/></w:p>')
    assert xml_of(b[2]) == ('<w:p><w:bookmarkStart w:id="10" w:name="_Fig3"/><w:r><w:t>3</w:t></w:r>'
                            '<w:bookmarkEnd w:id="10"/></w:p>')
    assert xml_of(b[3]) == "<w:p><w:r><w:t>1</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p>"  # printed again: no bookmark
    assert xml_of(b[0]).startswith('<w:p><w:bookmarkStart w:id="7" w:name="_GoBack"/>')


def test_a_part_whose_figures_are_not_traced_loses_only_its_unnumbered_bookmarks():
    b = body(f'<w:p><w:bookmarkStart w:id="1" w:name="x"/>{bookmarks.around_xml("_Fig1", "<w:r/>")}'
             '<w:bookmarkEnd w:id="1"/></w:p>')
    assert bookmarks.remove_unnumbered(b)
    assert xml_of(b[0]) == '<w:p><w:bookmarkStart w:id="1" w:name="x"/><w:r/><w:bookmarkEnd w:id="1"/></w:p>'
    assert not bookmarks.remove_unnumbered(b)


def _cell(text_xml: str) -> str:
    return f"<w:tc><w:p>{text_xml}</w:p></w:tc>"


def test_each_cells_masked_text_row_by_row_as_the_table_reads_cell_by_cell():
    run = "<w:r><w:t>{}</w:t></w:r>"
    figure = '<w:bookmarkStart w:id="{0}" w:name="_Fig{0}"/>' + run.format("1.234") + '<w:bookmarkEnd w:id="{0}"/>'
    inner = f"<w:tbl><w:tr>{_cell(run.format('inner'))}</w:tr></w:tbl>"
    b = body(
        "<w:tbl>"
        f"<w:tr>{_cell(run.format('Label'))}{_cell(figure.format(1) + run.format(' (1)'))}</w:tr>"
        f"<w:tr>{_cell('<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r>')}<w:tc>{inner}<w:p/></w:tc></w:tr>"
        f"<w:sdt><w:sdtContent><w:tr>{_cell(run.format('in a control'))}</w:tr></w:sdtContent></w:sdt>"
        f"<w:tr>{_cell('')}<w:sdt><w:sdtContent>{_cell(run.format('hidden'))}</w:sdtContent></w:sdt>"
        f"{_cell(figure.format(2))}</w:tr>"
        "<w:tr/>"
        "</w:tbl>")
    tbl = b[0]
    expected = [["Label", "\u2022 (1)"], ["a\tb", "inner"], ["", "\u2022"], []]
    assert bookmarks.masked_cell_texts(tbl, "_Fig") == expected
    # the same as reading each of the table's rows and cells on its own
    rows = [[bookmarks.masked_text(tc, "_Fig") for tc in tr if tc.tag == tbl[0][0].tag] for tr in tbl
            if tr.tag == tbl[0].tag]
    assert rows == expected

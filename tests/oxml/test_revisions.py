"""oxml/revisions: tracked changes as Word records them, on small hand-made parts."""

from __future__ import annotations

import datetime as dt

from drafter.oxml import revisions

from .helpers import body, xml_of

DATE = dt.datetime(2026, 12, 7, 10, 0)
STAMP = 'w:author="drafter" w:date="2026-12-07T10:00:00Z"'


def changes(b) -> revisions.Revisions:
    return revisions.Revisions(b.getparent(), "drafter", DATE)


def test_a_figure_inside_its_bookmark_is_deleted_and_the_new_one_inserted_in_its_formatting():
    b = body('<w:p><w:r><w:t xml:space="preserve">Circa </w:t></w:r><w:bookmarkStart w:id="4" w:name="_Fig1"/>'
             '<w:r><w:rPr><w:b/></w:rPr><w:t>45%</w:t></w:r><w:bookmarkEnd w:id="4"/></w:p>')
    start, end = b[0][1], b[0][3]
    between = revisions.runs_between(start, end)
    revisions.replace_runs(between, "47%", changes(b))
    assert xml_of(b[0]) == (
        '<w:p><w:r><w:t xml:space="preserve">Circa </w:t></w:r><w:bookmarkStart w:id="4" w:name="_Fig1"/>'
        f'<w:del w:id="5" {STAMP}><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">45%</w:delText></w:r></w:del>'
        f'<w:ins w:id="6" {STAMP}><w:r><w:rPr><w:b/></w:rPr><w:t>47%</w:t></w:r></w:ins>'
        '<w:bookmarkEnd w:id="4"/></w:p>')


def test_a_bookmark_around_more_than_runs_is_no_figure_to_replace():
    b = body('<w:p><w:bookmarkStart w:id="1" w:name="_Fig1"/><w:hyperlink><w:r><w:t>45%</w:t></w:r></w:hyperlink>'
             '<w:bookmarkEnd w:id="1"/></w:p>')
    assert revisions.runs_between(b[0][0], b[0][2]) is None
    assert revisions.runs_between(b[0][0], None) is None


def test_a_text_across_runs_is_cut_out_where_it_starts_and_ends():
    b = body('<w:p><w:r><w:t xml:space="preserve">Circa 4</w:t></w:r><w:r><w:t xml:space="preserve">5% van</w:t></w:r></w:p>')
    p = b[0]
    assert revisions.plain_text(p) == "Circa 45% van"
    picked = revisions.text_runs(p, 6, 9)
    assert [r[0].text for r in picked] == ["4", "5%"]
    assert [r[0].text for r in p] == ["Circa ", "4", "5%", " van"]
    tabbed = body('<w:p><w:r><w:t>4</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>5%</w:t></w:r></w:p>')
    assert revisions.text_runs(tabbed[0], 0, 3) is None  # a tab inside: not one figure


def test_a_table_deleted_and_one_inserted_mark_every_row_and_paragraph():
    b = body('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2016</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
             '<w:tbl><w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:p><w:pPr><w:pStyle w:val="T"/></w:pPr>'
             '<w:r><w:t>2019</w:t></w:r></w:p></w:tc></w:tr></w:tbl>')
    made = changes(b)
    revisions.delete_table(b[0], made)
    revisions.insert_table(b[1], made)
    assert xml_of(b[0]) == (
        f'<w:tbl><w:tr><w:trPr><w:del w:id="0" {STAMP}/></w:trPr><w:tc><w:p><w:pPr><w:rPr><w:del w:id="2" {STAMP}/>'
        f'</w:rPr></w:pPr><w:del w:id="1" {STAMP}><w:r><w:delText xml:space="preserve">2016</w:delText></w:r></w:del>'
        '</w:p></w:tc></w:tr></w:tbl>')
    assert xml_of(b[1]) == (
        f'<w:tbl><w:tr><w:trPr><w:cantSplit/><w:ins w:id="3" {STAMP}/></w:trPr><w:tc><w:p><w:pPr><w:pStyle w:val="T"/>'
        f'<w:rPr><w:ins w:id="5" {STAMP}/></w:rPr></w:pPr><w:ins w:id="4" {STAMP}><w:r><w:t>2019</w:t></w:r></w:ins>'
        '</w:p></w:tc></w:tr></w:tbl>')


def test_deleting_text_someone_inserted_nests_the_deletion_and_ones_own_insertion_goes():
    b = body(f'<w:p><w:ins w:id="7" w:author="Kabinet"><w:r><w:t>hun</w:t></w:r></w:ins>'
             f'<w:ins w:id="8" {STAMP}><w:r><w:t>eigen</w:t></w:r></w:ins></w:p>')
    revisions.delete_paragraph(b[0], changes(b))
    assert xml_of(b[0]) == (
        f'<w:p><w:pPr><w:rPr><w:del w:id="10" {STAMP}/></w:rPr></w:pPr><w:ins w:id="7" w:author="Kabinet">'
        f'<w:del w:id="9" {STAMP}><w:r><w:delText xml:space="preserve">hun</w:delText></w:r></w:del></w:ins></w:p>')


def test_a_paragraphs_text_replaced_keeps_its_properties():
    b = body('<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:r><w:t>(1) oud</w:t></w:r></w:p>'
             '<w:p><w:pPr><w:pStyle w:val="X"/></w:pPr><w:r><w:t>(1) nieuw</w:t></w:r></w:p>')
    revisions.replace_paragraph_content(b[0], b[1], changes(b))
    assert xml_of(b[0]) == (
        f'<w:p><w:pPr><w:pStyle w:val="TableNote"/></w:pPr><w:del w:id="0" {STAMP}><w:r><w:delText xml:space="preserve">'
        f'(1) oud</w:delText></w:r></w:del><w:ins w:id="1" {STAMP}><w:r><w:t>(1) nieuw</w:t></w:r></w:ins></w:p>')

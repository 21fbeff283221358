"""Runs cut where drafter's marks stand in their text, styled runs, plain text as runs."""

from __future__ import annotations

import re

from drafter.oxml import run as runs

from .helpers import body, xml_of

TOKEN = re.compile("\ue000(\\d+)\ue001")
MARK = re.compile("\ue004(\\d+)\ue005([^\ue004\ue005\ue006]*)\ue006")
MARK_CHARS = re.compile("[\ue004\ue005\ue006]")


def test_a_run_is_cut_at_each_token_keeping_its_properties_and_the_word_before_keeps_no_space():
    b = body('<w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>See \ue0007\ue001 and\ue0008\ue001</w:t></w:r></w:p>')
    found = runs.split_at(b, TOKEN, "\ue000")
    assert [n for _, n in found] == ["7", "8"]
    assert xml_of(b[0]) == (
        '<w:p><w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t>See</w:t></w:r><w:r/>'
        '<w:r w:rsidR="1"><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> and</w:t></w:r><w:r/></w:p>')
    assert found[0][0] is b[0][1]


def test_a_token_where_word_allows_no_note_is_left():
    b = body("<w:p><w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>x\ue0001\ue001</w:t></w:r></w:p></w:txbxContent>"
             "</w:drawing></w:r></w:p>")
    assert runs.split_at(b, TOKEN, "\ue000") == []


def test_an_empty_run_becomes_a_styled_text_or_a_call():
    b = body("<w:p><w:r/></w:p>")
    runs.styled_text(b[0][0], "NoteReference", " (1)")
    assert xml_of(b[0]) == ('<w:p><w:r><w:rPr><w:rStyle w:val="NoteReference"/></w:rPr>'
                            '<w:t xml:space="preserve"> (1)</w:t></w:r></w:p>')
    assert runs.is_call(b[0][0])  # a note reference style
    raised = body('<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>1</w:t></w:r></w:p>')[0][0]
    bold = body('<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>1</w:t></w:r></w:p>')[0][0]
    assert runs.is_call(raised) and not runs.is_call(bold)


def test_a_plain_text_becomes_runs_with_breaks_and_tabs_and_without_control_characters():
    p = body("<w:p/>")[0]
    p.extend(runs.text_runs("a\tb\r\nc\x0bd\x01 "))
    assert xml_of(p[0]) == (
        '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br/><w:t xml:space="preserve">d </w:t></w:r>')


def test_a_figure_alone_in_its_run_keeps_its_run_and_loses_its_mark():
    b = body('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>\ue0043\ue0051.234\ue006</w:t></w:r></w:p>')
    run = b[0][0]
    assert runs.cut_at_marks(b[0][0][1], MARK, MARK_CHARS) == [("3", run)]
    assert xml_of(b[0]) == '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">1.234</w:t></w:r></w:p>'


def test_figures_with_text_around_them_get_runs_of_their_own():
    b = body('<w:p><w:r><w:rPr><w:i/></w:rPr><w:tab/><w:t>Circa \ue0041\ue00545%\ue006 en \ue0042\ue0055\ue006'
             "</w:t><w:br/></w:r></w:p>")
    found = runs.cut_at_marks(b[0][0][2], MARK, MARK_CHARS)
    assert [n for n, _ in found] == ["1", "2"]
    assert xml_of(b[0]) == (
        '<w:p><w:r><w:rPr><w:i/></w:rPr><w:tab/><w:t xml:space="preserve">Circa </w:t></w:r>'
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">45%</w:t></w:r>'
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> en </w:t></w:r>'
        '<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">5</w:t></w:r>'
        '<w:r><w:rPr><w:i/></w:rPr><w:br/></w:r></w:p>')
    assert [r.find(runs.T).text for _, r in found] == ["45%", "5"]


def test_the_same_text_whether_a_run_is_kept_or_cut():
    """The kept run of a figure alone is the run a cut would make."""
    kept = body('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>\ue0043\ue0051.234\ue006</w:t></w:r></w:p>')
    cut = body('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>\ue0043\ue0051.234\ue006</w:t><w:br/></w:r></w:p>')
    runs.cut_at_marks(kept[0][0][1], MARK, MARK_CHARS)
    runs.cut_at_marks(cut[0][0][1], MARK, MARK_CHARS)
    assert xml_of(cut[0]).startswith(xml_of(kept[0])[:-len("</w:p>")])


def test_marks_are_taken_out_where_figures_are_not_traced():
    b = body('<w:p><w:r><w:t>Total \ue0049\ue0051.234\ue006 \ue005</w:t></w:r></w:p>')
    assert runs.strip_marks(b, MARK, MARK_CHARS, "\ue004")
    assert xml_of(b[0]) == "<w:p><w:r><w:t>Total 1.234 </w:t></w:r></w:p>"
    assert not runs.strip_marks(b, MARK, MARK_CHARS, "\ue004")
    assert [t.text for t in runs.texts_holding(b, "1.234")] == ["Total 1.234 "]

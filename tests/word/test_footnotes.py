"""The footnote pass, step by step: calls found, misplaced ones refused, styles, the part, notes, cross-references."""

from __future__ import annotations

import pytest

from drafter import oxml
from drafter.errors import TemplateProblem
from drafter.oxml import footnotes as notes_xml
from drafter.oxml import opc
from drafter.view.footnotes import MAX_NOTE_ID, FootnoteCollector, token
from drafter.word import footnotes

from .helpers import W, answer, xml


def test_calls_are_cut_out_into_runs_of_their_own():
    collector = FootnoteCollector()
    a = answer(f"<w:p><w:r><w:t>a{collector.add('n1')} b{collector.add('n2')}</w:t></w:r></w:p>")
    found = footnotes.calls(a.body)
    assert [n for _, n in found] == [1, 2]
    assert [len(run) for run, _ in found] == [0, 0]


def test_a_call_where_word_has_no_footnote_or_one_drafter_did_not_make_is_refused():
    collector = FootnoteCollector()
    header = f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{collector.add("in a header")}</w:t></w:r></w:p></w:hdr>'.encode()
    a = answer(f"<w:p><w:r><w:t>x{token(9)}</w:t></w:r></w:p>", footnotes=collector,
               parts={"word/header1.xml": header}, rendered=["word/header1.xml"])
    found = footnotes.calls(a.body)
    problems = footnotes.misplaced(a.package, a.body, found, collector, a.rendered, "t.docx")
    assert [(p.message, p.place) for p in problems] == [
        ("footnote() in header1: a footnote can only stand in the text or a table cell", "word/header1.xml"),
        ("the text holds a footnote placeholder drafter did not make (9)", None)]
    with pytest.raises(TemplateProblem):
        footnotes.place_footnotes(a.package, collector, a.rendered, "t.docx")


def test_styles_and_a_footnotes_part_are_made_where_the_template_has_none():
    a = answer("<w:p/>")
    assert footnotes.note_styles(a.package) == ("FootnoteText", "FootnoteReference")
    name, part, created = footnotes.notes_part(a.package)
    assert (name, created, notes_xml.structural_ids(part)) == ("word/footnotes.xml", True, [0, 1])


def test_the_templates_own_footnotes_part_is_used_and_notes_follow_its_own():
    own = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"/>'
           '<w:footnote w:type="continuationSeparator" w:id="0"/><w:footnote w:id="1"/></w:footnotes>').encode()
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship '
            b'Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" '
            b'Target="footnotes.xml"/></Relationships>')
    collector = FootnoteCollector()
    a = answer(f"<w:p><w:r><w:t>a{collector.add('new')}</w:t></w:r></w:p>", footnotes=collector,
               parts={"word/footnotes.xml": own, "word/_rels/document.xml.rels": rels})
    footnotes.place_footnotes(a.package, collector, [], "t.docx")
    part = a.package.read("word/footnotes.xml")
    assert [n.get(oxml.qn("w:id")) for n in part] == ["-1", "0", "1", "2"]
    assert a.package.parts()["word/_rels/document.xml.rels"] == rels


def test_a_note_with_a_key_is_written_once_and_shown_again_by_a_cross_reference():
    collector = FootnoteCollector()
    text = (f"een{collector.add('Bron A', key='a')} twee{collector.add('Bron B')} "
            f"drie{collector.add('Bron A', key='a')}")
    a = answer(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>", footnotes=collector)
    footnotes.place_footnotes(a.package, collector, [], "t.docx")
    part = a.package.read("word/footnotes.xml")
    assert [oxml.paragraph.text_of(n) for n in part][2:] == [" Bron A", " Bron B"]
    document = xml(a.body)
    assert '<w:bookmarkStart w:id="0" w:name="_RefDrafterNote2"/>' in document
    assert " NOTEREF _RefDrafterNote2 \\f \\h " in document
    shown = [t.text for t in a.body.iter(oxml.qn("w:t")) if t.getparent().find(oxml.qn("w:rPr")) is not None]
    assert shown == ["1"]  # the number Word shows for the note at its third place


def test_a_new_part_is_related_declared_and_named_in_the_settings():
    collector = FootnoteCollector()
    a = answer(f"<w:p><w:r><w:t>a{collector.add('n')}</w:t></w:r></w:p>", footnotes=collector)
    footnotes.place_footnotes(a.package, collector, [], "t.docx")
    parts = a.package.parts()
    assert opc.override_of(oxml.parse(parts["[Content_Types].xml"]), "/word/footnotes.xml") == notes_xml.CONTENT_TYPE
    assert b'Target="footnotes.xml"' in parts["word/_rels/document.xml.rels"]
    assert b'<w:footnotePr><w:footnote w:id="0"/><w:footnote w:id="1"/></w:footnotePr><w:compat/>' in parts["word/settings.xml"]


def test_more_notes_than_word_can_number_are_refused_at_the_call_that_makes_one_too_many():
    a = answer("<w:p><w:r><w:t>Tabel</w:t></w:r><w:r/><w:r/></w:p>")
    runs = list(a.body[0])[1:]
    with pytest.raises(TemplateProblem) as caught:
        footnotes.check_room([(r, 1) for r in runs], MAX_NOTE_ID, "t.docx")
    assert "would have 2 footnotes, more than Word can number (1 more fit)" in caught.value.problems[0].message
    assert caught.value.problems[0].place == "the footnote() that makes too many, in the paragraph 'Tabel'"
    footnotes.check_room([(runs[0], 1)], MAX_NOTE_ID, "t.docx")  # the last id Word reads is still one

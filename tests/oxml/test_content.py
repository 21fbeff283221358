"""A paragraph's content read piece by piece: its text, bookmarks' spans, footnotes, formatting,
tracked changes read as if accepted."""

from __future__ import annotations

from drafter.oxml import content

from .helpers import body


def test_text_bookmarks_and_footnotes_at_their_places():
    b = body('<w:p><w:pPr><w:pStyle w:val="AnswerNumber"/></w:pPr><w:r><w:t>1.</w:t></w:r><w:r><w:tab/></w:r>'
             '<w:r><w:t xml:space="preserve">Circa </w:t></w:r><w:bookmarkStart w:id="3" w:name="_DrafterFig1"/>'
             '<w:r><w:t>45%</w:t></w:r><w:bookmarkEnd w:id="3"/><w:r><w:t xml:space="preserve"> van</w:t></w:r>'
             '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'
             '<w:commentRangeStart w:id="9"/><w:r><w:t>.</w:t></w:r><w:commentRangeEnd w:id="9"/>'
             '<w:r><w:commentReference w:id="9"/></w:r></w:p>')
    read = content.read(b[0])
    assert read.text == f"1.\tCirca 45% van{content.FOOTNOTE_CHAR}."
    assert read.style == "AnswerNumber" and not read.numbered
    assert read.bookmarks == {"_DrafterFig1": (9, 12)}
    assert read.text[9:12] == "45%"
    assert read.footnotes == ["2"]
    assert read.formatted == [] and not read.tracked


def test_what_a_plain_text_cannot_hold_is_told():
    b = body('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>'
             '<w:r><w:rPr><w:b/></w:rPr><w:t>vet</w:t></w:r><w:r><w:rPr><w:i w:val="0"/></w:rPr><w:t> niet</w:t></w:r>'
             '<w:hyperlink r:id="rId7"><w:r><w:t> hier</w:t></w:r></w:hyperlink><w:r><w:br/><w:t>nieuw</w:t></w:r></w:p>')
    read = content.read(b[0])
    assert read.text == "vet niet hier nieuw"
    assert read.numbered
    assert read.formatted == [(0, 3, "bold"), (8, 13, "link")]
    assert read.line_breaks == 1


def test_tracked_changes_are_read_as_if_accepted():
    b = body('<w:p><w:r><w:t xml:space="preserve">Het </w:t></w:r>'
             '<w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>oude</w:delText></w:r></w:del>'
             '<w:ins w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t>nieuwe</w:t></w:r></w:ins>'
             '<w:r><w:t xml:space="preserve"> woord</w:t></w:r></w:p>')
    read = content.read(b[0])
    assert read.text == "Het nieuwe woord"
    assert read.tracked


def test_the_body_in_order_and_a_tables_cells():
    b = body('<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p/><w:p/></w:tc></w:tr></w:tbl><w:p/>'
             '<w:sectPr/>')
    blocks = content.body_blocks(b)
    assert [kind for kind, _ in blocks] == ["p", "table", "p"]
    assert [[len(cell) for cell in row] for row in content.cell_paragraphs(blocks[1][1])] == [[1, 2]]

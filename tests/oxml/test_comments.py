"""Comments on a whole paragraph."""

from __future__ import annotations

from drafter.oxml import comments

from .helpers import body, names, xml_of


def test_a_comment_covers_its_paragraph_and_holds_its_text_without_control_characters():
    b = body('<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>')
    part = comments.new_part()
    comments.add(part, b[0], 3, "error:\x0b a tag", "drafter check", "DC")
    assert names(b[0]) == ["pPr", "commentRangeStart", "r", "commentRangeEnd", "r"]
    assert xml_of(part[0]) == ('<w:comment w:id="3" w:author="drafter check" w:initials="DC"><w:p><w:r>'
                               '<w:t xml:space="preserve">error: a tag</w:t></w:r></w:p></w:comment>')

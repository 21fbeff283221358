"""A template's copy with a Word comment at each problem's paragraph or cell."""

from __future__ import annotations

import io
import zipfile

from drafter import oxml
from drafter.oxml import comments, opc
from drafter.word import annotate

from .helpers import PACKAGE_RELS, TYPES, document

BODY = ("<w:p><w:r><w:t>intro</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>{{ x }}</w:t>"
        "</w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>{% if %}</w:t></w:r></w:p>")


def annotated(notes):
    data, placed = annotate.annotate({"[Content_Types].xml": TYPES, "_rels/.rels": PACKAGE_RELS,
                                      "word/document.xml": document(BODY)}, notes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}, placed


def commented(parts) -> list[tuple[str, str]]:
    """(the text of the paragraph a comment stands on, the comment's text), in document order."""
    body = oxml.parse(parts["word/document.xml"])[0]
    notes = {c.get(oxml.qn("w:id")): oxml.paragraph.text_of(c) for c in oxml.parse(parts[comments.PART])}
    return [(oxml.paragraph.text_of(start.getparent()), notes[start.get(oxml.qn("w:id"))])
            for start in body.iter(oxml.qn("w:commentRangeStart"))]


def test_comments_stand_on_the_paragraph_or_cell_their_place_names_and_the_rest_on_the_first():
    parts, placed = annotated([("paragraph 2 ('{% if %}')", "error: never closed"),
                               ("table 1, row 1, cell 2", "error: unknown name"),
                               ("word/header1.xml, paragraph 1", "error: in the header"), (None, "warning: x")])
    assert placed == 2
    assert sorted(commented(parts)) == sorted([
        ("intro", "(word/header1.xml, paragraph 1) error: in the header"),
        ("intro", "(the template as a whole) warning: x"),
        ("{{ x }}", "error: unknown name"), ("{% if %}", "error: never closed")])
    assert opc.override_of(oxml.parse(parts["[Content_Types].xml"]), "/word/comments.xml") == comments.CONTENT_TYPE
    assert b'Target="comments.xml"' in parts["word/_rels/document.xml.rels"]


def test_places_written_in_dutch_are_found_as_well():
    """A check run with --lang nl names its places in Dutch ('alinea 2', 'tabel 1, rij 1, cel 2')."""
    from drafter import i18n

    with i18n.speaking("nl"):
        parts, placed = annotated([("alinea 2 ('{% if %}')", "fout: nooit gesloten"),
                                   ("tabel 1, rij 1, cel 2", "fout: onbekende naam"), (None, "waarschuwing: x")])
    assert placed == 2
    assert sorted(commented(parts)) == sorted([
        ("intro", "(het sjabloon als geheel) waarschuwing: x"),
        ("{{ x }}", "fout: onbekende naam"), ("{% if %}", "fout: nooit gesloten")])

"""The package: a zip read safely, its parts changed as trees and written once, the zip written."""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter import oxml
from drafter.oxml import opc

from .helpers import W

TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         f'<Override PartName="/word/document.xml" ContentType="{opc.DOCUMENT_CT}"/></Types>').encode()
RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="t/styles" Target="styles.xml"/></Relationships>')
DOCUMENT = f'<w:document xmlns:w="{W}"><w:body><w:p/></w:body></w:document>'.encode()


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_is_read_in_its_order():
    parts = {"[Content_Types].xml": TYPES, "word/document.xml": DOCUMENT, "word/x.bin": b"\0\1"}
    assert opc.read_zip(zip_of(parts), max_unpacked=10**6, what="a Word document") == parts


def test_what_is_no_zip_is_told_from_a_damaged_zip_and_from_one_that_must_not_be_unpacked():
    with pytest.raises(opc.NotAZip):
        opc.read_zip(b"plain text", max_unpacked=10**6, what="a Word document")
    damaged = bytearray(zip_of({"word/document.xml": DOCUMENT * 50}))
    at = damaged.index(b"word/document.xml") + 40  # inside the entry's deflated data
    damaged[at:at + 20] = b"\xff" * 20
    with pytest.raises(opc.Damaged):
        opc.read_zip(bytes(damaged), max_unpacked=10**6, what="a Word document")
    with pytest.raises(opc.PackageError, match="unpacks to far more than a Word document"):
        opc.read_zip(zip_of({"word/document.xml": b"\0" * 2_000_000}), max_unpacked=1_000_000, what="a Word document")
    with pytest.raises(opc.PackageError, match="leads out of its folder") as caught:
        opc.read_zip(zip_of({"../x": b"x"}), max_unpacked=10**6, what="a Word document")
    assert caught.value.part == "../x"


@pytest.mark.parametrize("name, why", [("a/../b", "leads out"), ("/etc/x", "absolute"), ("C:x", "absolute"),
                                       ("a\\b", "not a name"), ("a//b", "leads out"), ("word/document.xml", None)])
def test_a_part_name_that_could_write_outside_the_package_is_unsafe(name, why):
    reason = opc.unsafe_name(name)
    assert (reason is None) if why is None else why in reason


def test_a_word_document_is_told_from_a_template_a_macro_document_and_broken_xml():
    assert opc.word_document_problems({"[Content_Types].xml": TYPES, "word/document.xml": DOCUMENT}) == []
    dotx = TYPES.replace(opc.DOCUMENT_CT.encode(), b"application/vnd.openxmlformats-officedocument."
                                                  b"wordprocessingml.template.main+xml")
    problems = opc.word_document_problems({"[Content_Types].xml": dotx, "word/vbaProject.bin": b"",
                                           "word/styles.xml": b"<w:styles", "word/x.xml": b"<!DOCTYPE x><x/>"})
    assert dict(problems) == {
        "[Content_Types].xml": "the file is a Word template (.dotx) renamed .docx, not a Word document",
        "word/vbaProject.bin": "the template holds macros or ActiveX controls, which an answer must not carry",
        "word/styles.xml": problems[2][1],
        "word/x.xml": "the part declares a DTD or entities (<!DOCTYPE or <!ENTITY), which a Word document never has"}
    assert problems[2][1].startswith("the part is not well-formed XML")


def test_the_zip_written_reads_back_the_same_parts_and_the_same_parts_give_the_same_bytes():
    parts = {"word/document.xml": DOCUMENT, "[Content_Types].xml": TYPES, "word/média.xml": b"<x/>", "empty": b""}
    written = opc.write_zip(parts)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["[Content_Types].xml", "word/document.xml", "word/média.xml", "empty"]
        assert {i.filename: archive.read(i) for i in archive.infolist()} == parts
        assert {i.date_time for i in archive.infolist()} == {opc.ZIP_TIME}
        assert {i.create_system for i in archive.infolist()} == {3}
    assert opc.write_zip(dict(parts)) == written


def test_a_part_read_keeps_its_bytes_and_a_part_edited_is_written_once_at_the_end():
    original = DOCUMENT.replace(b"<w:p/>", b"<w:p></w:p>")  # lxml would write it <w:p/>
    package = opc.Package({"[Content_Types].xml": TYPES, "word/document.xml": original})
    assert oxml.local_name(package.read("word/document.xml")) == "document"
    assert package.parts()["word/document.xml"] == original
    package.edit("word/document.xml")[0].append(package.read("word/document.xml")[0][0].makeelement(oxml.qn("w:p")))
    assert package.parts()["word/document.xml"].count(b"<w:p/>") == 2


def test_a_new_part_gets_its_content_type_and_a_relationship_from_its_source():
    package = opc.Package({"[Content_Types].xml": TYPES, "word/document.xml": DOCUMENT})
    package.add_part("word/footnotes.xml", oxml.parse(f'<w:footnotes xmlns:w="{W}"/>'), "ct/footnotes", "t/footnotes")
    package.add_part("customXml/item1.xml", b"<x/>", "application/xml", "t/customXml")
    assert package.names() == ["[Content_Types].xml", "word/document.xml", "word/footnotes.xml",
                               "word/_rels/document.xml.rels", "customXml/item1.xml"]
    assert package.related("word/document.xml", "t/footnotes") == "word/footnotes.xml"
    assert package.related("word/document.xml", "t/customXml") == "customXml/item1.xml"
    rels = package.parts()["word/_rels/document.xml.rels"]
    assert b'Id="rId1" Type="t/footnotes" Target="footnotes.xml"' in rels
    assert b'Id="rId2" Type="t/customXml" Target="../customXml/item1.xml"' in rels
    types = oxml.parse(package.parts()["[Content_Types].xml"])
    assert opc.override_of(types, "/word/footnotes.xml") == "ct/footnotes"
    assert opc.override_of(types, "customXml/item1.xml") == "application/xml"


def test_a_relationship_or_content_type_already_there_is_not_added_again():
    package = opc.Package({"[Content_Types].xml": TYPES, "word/document.xml": DOCUMENT,
                           "word/_rels/document.xml.rels": RELS})
    package.relate("word/document.xml", "word/styles.xml", "t/styles")
    package.declare("word/document.xml", "other")
    assert package.parts()["word/_rels/document.xml.rels"] == RELS
    assert package.parts()["[Content_Types].xml"] == TYPES
    package.relate("word/document.xml", "word/x.xml", "t/x")
    assert b'Id="rId2"' in package.parts()["word/_rels/document.xml.rels"]

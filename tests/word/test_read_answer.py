"""An answer read back: what is no answer is refused with the reason, and each recorded figure is
found by its bookmark, by its table labels, or by its paragraph."""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter.oxml import opc
from drafter.view.figures import FigureCollector
from drafter.word import finish
from drafter.word.read_answer import AnswerFileError, read_answer

from .helpers import answer, figure

TABLE = ('<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>VAK</w:t></w:r></w:p>'
         '</w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>2016</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r>'
         "</w:p></w:tc></w:tr></w:tbl>")


def made() -> bytes:
    """A small answer with a figure in a text and one in a table, finished as drafter finishes one."""
    figures = FigureCollector()
    cell = figure(figures, "14.250.000", "k.cell", table="t", row="2016", column="VAK")
    text = figure(figures, "45%", "k.text")
    a = answer(f"<w:p><w:r><w:t>Circa {text} van de steun ging naar kmo’s.</w:t></w:r></w:p>{TABLE.format(cell)}",
               figures=figures)
    for run_pass in finish.PASSES:
        run_pass(a)
    return opc.write_zip(a.package.parts())


def edited(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts["word/document.xml"] = change(parts["word/document.xml"])
    return opc.write_zip(parts)


def test_every_recorded_figure_is_found_by_its_bookmark_with_its_place():
    found = read_answer(made(), "a.docx")
    assert (found.question, found.locale, found.record, found.damaged) == ("2019-2020/4", "nl_BE", True, "")
    assert [(f.figure.key, f.text, f.how, f.place.text, f.cell) for f in found.found] == [
        ("k.text", "45%", "mark", 'paragraph 1, "Circa 45% ..."', None),
        ("k.cell", "14.250.000", "mark", 'table 1, row "2016", column "VAK"', (0, 1, 1))]
    assert found.tables == {0: [["", "VAK"], ["2016", "14.250.000"]]} and found.header_rows == {0: 1}


def test_a_figure_whose_bookmark_is_gone_is_found_by_its_labels_or_its_paragraph():
    def typed_over(document: bytes) -> bytes:
        for name in (b"_DrafterFig1", b"_DrafterFig2"):
            document = document.replace(name, b"_Other")
        return document.replace(b">14.250.000<", b">14.300.000<").replace(b">45%<", b">47%<")

    found = read_answer(edited(made(), typed_over), "a.docx")
    assert [(f.figure.key, f.text, f.how) for f in found.found] == [("k.text", "47%", "text"),
                                                                     ("k.cell", "14.300.000", "labels")]


def test_a_damaged_entry_is_named_and_the_others_still_read():
    data = made()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    item = next(n for n in parts if n.startswith("customXml/item") and "Props" not in n)
    parts[item] = parts[item].replace(b'raw="1234.0"', b'raw="many"', 1)
    found = read_answer(opc.write_zip(parts), "a.docx")
    assert found.damaged == "its figure record has a damaged entry (k.text)" and found.damaged_keys == {"k.text"}
    assert [f.figure.key for f in found.found] == ["k.cell"]


@pytest.mark.parametrize("data, message", [
    (b"plain text", "not a Word document (.docx): the file is not a zip package"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old", "this is an old Word or Office file (.doc), not a .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"),
     "the document is protected with a password, so its figures cannot be read"),
])
def test_what_is_no_answer_is_refused_with_the_reason(data, message):
    with pytest.raises(AnswerFileError) as caught:
        read_answer(data, "a.docx")
    assert caught.value.problems[0].message == message and caught.value.problems[0].file == "a.docx"
    assert isinstance(caught.value.__cause__, opc.NotAZip) == data.startswith(b"plain")  # the cause, kept


def test_a_zip_without_a_document_a_folder_and_a_missing_file(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.xml", "<x/>")
    with pytest.raises(AnswerFileError, match="it has no word/document.xml"):
        read_answer(buffer.getvalue(), "a.docx")
    with pytest.raises(AnswerFileError, match="this is a folder"):
        read_answer(tmp_path)
    with pytest.raises(AnswerFileError, match="there is no such file") as caught:
        read_answer(tmp_path / "nope.docx")
    assert isinstance(caught.value.__cause__, FileNotFoundError)


def test_an_answer_drafter_did_not_make_has_no_record():
    found = read_answer(edited(made(), lambda d: d), "a.docx")
    assert found.record
    with zipfile.ZipFile(io.BytesIO(made())) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist() if not i.filename.startswith("customXml")}
    plain = read_answer(opc.write_zip(parts), "b.docx")
    assert (plain.record, plain.found, plain.damaged) == (False, [], "")

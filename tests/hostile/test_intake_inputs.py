"""Bad and hostile sources for `drafter intake`: open-data records whose fields have the wrong
JSON type, numbers of thousands of digits or in other digits than 0-9, dates out of range,
nesting without end; question documents that are pipes, folders, zip bombs, damaged zips,
XML that is not well-formed or declares entities, PDFs that are damaged, locked or endless;
and a record and a document that are not about the same question.

Every case: exit 1, one message naming the file and the place (the record's field, the
document's part or paragraph), no Python in it, and not a byte of the project changed."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.intake_support import (QUESTION, assert_refused, header_lines, intake, make_docx, record,
                                          snapshot)


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], list[str]]  # makes the source(s) in the folder; the arguments of intake
    says: tuple[str, ...]  # the file and place, then what is wrong


def saved(data, name: str = "rec.json") -> Callable[[Path], list[str]]:
    """A saved record: a mapping (as JSON), or the JSON text itself."""

    def make(folder: Path) -> list[str]:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        (folder / name).write_text(text, encoding="utf-8")
        return [name]

    return make


def with_field(**changes) -> Callable[[Path], list[str]]:
    return saved(record(**({"bestand-ordered": []} | changes)))


def with_step(datum) -> Callable[[Path], list[str]]:
    return with_field(procedureverloop=[{"status": "Vraag ingediend", "datum": datum}])


def _written(path: Path, data: bytes) -> list[str]:
    path.write_bytes(data)
    return [path.name]


def nested(depth: int, where: str = "thema") -> str:
    text = json.dumps(record(**{"bestand-ordered": []}))
    return text[:-1] + f', "{where}x": ' + "[" * depth + "]" * depth + "}"


RECORD_CASES = [
    Case("number-a-list", with_field(vraagnummer=[147]),
         ("rec.json, 'vraagnummer': this field is a list, where a whole number belongs",)),
    Case("number-an-object", with_field(vraagnummer={"nr": 147}),
         ("rec.json, 'vraagnummer': this field is an object, where a whole number belongs",)),
    Case("number-true", with_field(vraagnummer=True),
         ("rec.json, 'vraagnummer': this field is true or false, where a whole number belongs",)),
    Case("number-a-fraction", with_field(vraagnummer=147.5),
         ("rec.json, 'vraagnummer': this field is a number, where a whole number belongs",)),
    Case("number-of-5000-digits", saved('{"vraagnummer": ' + "7" * 5000 + ', "zittingsjaar": "2023-2024"}'),
         ("rec.json, 'vraagnummer': the number has 5000 digits",)),
    Case("number-text-of-5000-digits", with_field(vraagnummer="7" * 5000),
         ("rec.json, 'vraagnummer': the number has 5000 digits",)),
    Case("number-in-superscript", with_field(vraagnummer="¹⁴⁷"),
         ("rec.json, 'vraagnummer': the number '¹⁴⁷' cannot be read", "the digits 0-9")),
    Case("number-in-full-width-digits", with_field(vraagnummer="１４７"),
         ("rec.json, 'vraagnummer': the number '１４７' cannot be read",)),
    Case("number-in-arabic-indic-digits", with_field(vraagnummer="١٤٧"),
         ("rec.json, 'vraagnummer': the number '١٤٧' cannot be read",)),
    Case("number-negative", with_field(vraagnummer=-147),
         ("rec.json, 'vraagnummer': the number '-147' cannot be read",)),
    Case("number-zero", with_field(vraagnummer="0"),
         ("rec.json, 'vraagnummer': the number 0 is not one a question can have (1 to 99999)",)),
    Case("number-too-large", with_field(vraagnummer=123456789),
         ("rec.json, 'vraagnummer': the number 123456789 is not one a question can have",)),
    Case("number-empty", with_field(vraagnummer=""), ("rec.json, 'vraagnummer': the field is empty",)),
    Case("id-of-5000-digits", with_field(id="9" * 5000), ("rec.json, 'id': the number has 5000 digits",)),
    Case("minister-as-text", with_field(minister="Jo Brouns"),
         ("rec.json, 'minister': this field is text, where an object with 'voornaam' and 'naam' belongs",)),
    Case("minister-name-an-object", with_field(minister={"naam": {"x": 1}, "voornaam": "Jo"}),
         ("rec.json, 'minister.naam': this field is an object, where text belongs",)),
    Case("asker-first-name-a-list", with_field(vraagsteller={"naam": "Peeters", "voornaam": ["Jan"]}),
         ("rec.json, 'vraagsteller.voornaam': this field is a list, where text belongs",)),
    Case("name-of-a-million-characters", with_field(vraagsteller={"naam": "P" * 1_000_000, "voornaam": "Jan"}),
         ("rec.json, 'vraagsteller.naam': the text is 1000000 characters long; at most 200 belong here",)),
    Case("title-a-list", with_field(titel=["Clusterbeleid"]),
         ("rec.json, 'titel': this field is a list, where text belongs",)),
    Case("steps-a-number", with_field(procedureverloop=7),
         ("rec.json, procedureverloop: this field is a number, where a list belongs",)),
    Case("a-step-a-text", with_field(procedureverloop=["ingediend"]),
         ("rec.json, procedureverloop 1: this field is text, where an object belongs",)),
    Case("date-in-year-9999", with_step("9999-12-31"),
         ("rec.json, procedureverloop 1, 'datum': the date '9999-12-31' is not one a question can have",)),
    Case("date-in-year-0001", with_step("0001-01-01T00:00:00+01:00"),
         ("rec.json, procedureverloop 1, 'datum': the date '0001-01-01T00:00:00+01:00' is not one a question can "
          "have",)),
    Case("date-with-an-impossible-time", with_step("2024-02-26T25:61:00"),
         ("rec.json, procedureverloop 1, 'datum': the date '2024-02-26T25:61:00' cannot be read",)),
    Case("date-with-words-after-it", with_step("2024-02-26 of daaromtrent"),
         ("rec.json, procedureverloop 1, 'datum': the date '2024-02-26 of daaromtrent' cannot be read",)),
    Case("date-in-full-width-digits", with_step("２０２４-０２-２６"),
         ("rec.json, procedureverloop 1, 'datum': the date '２０２４-０２-２６' cannot be read",)),
    Case("date-a-list", with_field(procedureverloop=[{"status": "ingediend", "datum": [2024, 2, 26]}]),
         ("rec.json, procedureverloop 1, 'datum': this field is a list, where text belongs",)),
    Case("zittingsjaar-in-full-width-digits", with_field(zittingsjaar="２０２３-２０２４"),
         ("rec.json, 'zittingsjaar': the zittingsjaar '２０２３-２０２４' cannot be read",)),
    Case("zittingsjaar-far-ahead", with_field(zittingsjaar="9998-9999"),
         ("rec.json, 'zittingsjaar': the zittingsjaar '9998-9999' cannot be read",)),
    Case("document-address-an-object", with_field(**{"bestand-ordered": [{"URL": {"href": "x"}}]}),
         ("rec.json, bestand-ordered 1, 'URL': this field is an object, where text belongs",)),
    Case("nested-100000-deep", saved(nested(100_000)),
         ("rec.json: the record's values are nested more than 64 levels deep",)),
    Case("nested-100-deep-where-drafter-never-looks", saved(nested(100)),
         ("rec.json: the record's values are nested more than 64 levels deep",)),
    Case("not-utf8", lambda folder: _written(folder / "rec.json", b'{"vraagnummer": "\xe9"}'),
         ("rec.json: the record is not UTF-8 text (JSON)",)),
]


def fifo(name: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        os.mkfifo(folder / name)
        return [name]

    return make


def folder_named(name: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).mkdir()
        return [name]

    return make


def device_as(name: str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).symlink_to("/dev/zero")
        return [name]

    return make


def docx_with(parts: dict[str, bytes], name: str = "vraag.docx") -> Callable[[Path], list[str]]:
    """A question .docx made here, with some of its parts replaced (None: left out)."""

    def make(folder: Path) -> list[str]:
        made = make_docx(folder / "gemaakt.docx")
        with zipfile.ZipFile(made) as source:
            original = {info.filename: source.read(info) for info in source.infolist()}
        (folder / "gemaakt.docx").unlink()
        original.update(parts)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
            for part, data in original.items():
                if data is not None:
                    target.writestr(part, data)
        (folder / name).write_bytes(buffer.getvalue())
        return [name]

    return make


def cut_short(folder: Path) -> list[str]:
    data = make_docx(folder / "heel.docx").read_bytes()
    (folder / "heel.docx").unlink()
    (folder / "vraag.docx").write_bytes(data[: len(data) // 2])
    return ["vraag.docx"]


def text_document(text: str, name: str = "vraag.txt") -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        (folder / name).write_text(text, encoding="utf-8")
        return [name]

    return make


def pdf_of(pages: int = 1, password: str | None = None) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        from pypdf import PdfWriter

        writer = PdfWriter()
        for _ in range(pages):
            writer.add_blank_page(width=595, height=842)
        if password:
            writer.encrypt(password)
        with open(folder / "vraag.pdf", "wb") as fh:
            writer.write(fh)
        return ["vraag.pdf"]

    return make


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
          b'<w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
HEADER = "\n".join(header_lines()) + "\n\n"

DOCUMENT_CASES = [
    Case("record-a-fifo", fifo("rec.json"),
         ("rec.json: this is a named pipe (FIFO), not a file; drafter reads only ordinary files",)),
    Case("document-a-fifo", fifo("vraag.docx"), ("vraag.docx: this is a named pipe (FIFO), not a file",)),
    Case("text-a-fifo", fifo("vraag.txt"), ("vraag.txt: this is a named pipe (FIFO), not a file",)),
    Case("record-a-device", device_as("rec.json"), ("rec.json: this is a device, not a file",)),
    Case("document-a-device", device_as("vraag.pdf"), ("vraag.pdf: this is a device, not a file",)),
    Case("record-a-folder", folder_named("rec.json"), ("rec.json: this is a folder, not a file",)),
    Case("document-a-folder", folder_named("vraag.docx"), ("vraag.docx: this is a folder, not a file",)),
    Case("docx-cut-short", cut_short,
         ("vraag.docx: this is not a Word document that can be read (it is no zip package: damaged, cut short or "
          "another kind of file)",)),
    Case("docx-a-zip-bomb", docx_with({"word/document.xml": b"<" + b" " * (80 * 1024 * 1024)}),
         ("vraag.docx: this is not a Word document that can be read (the package unpacks to far more than a "
          "question document (a zip bomb?))",)),
    Case("docx-xml-not-well-formed", docx_with({"word/document.xml": b"<w:document><w:body><w:p>"}),
         ("vraag.docx, part word/document.xml: this is not a Word document that can be read (the part is not "
          "well-formed XML",)),
    Case("docx-xml-cut-short", docx_with({"word/document.xml": LAUGHS[:200].replace(b"<!DOCTYPE", b"<!-- ")}),
         ("vraag.docx, part word/document.xml: this is not a Word document that can be read",)),
    Case("docx-entities", docx_with({"word/document.xml": LAUGHS}),
         ("vraag.docx, part word/document.xml: this is not a Word document that can be read (the part declares a "
          "DTD or entities",)),
    Case("docx-without-a-document-part", docx_with({"word/document.xml": None}),
         ("vraag.docx: this is not a Word document that can be read (it has no word/document.xml)",)),
    Case("docx-an-entry-leading-out", docx_with({"../../outside.xml": b"<x/>"}),
         ("vraag.docx, part ../../outside.xml: this is not a Word document that can be read (the package holds an "
          "entry named '../../outside.xml', a path that leads out of its folder)",)),
    Case("text-of-30000-numbered-lines", text_document(HEADER + "".join(f"{n % 90 + 1}. x\n" for n in range(30_000))),
         ("vraag.txt: the document has 30006 lines of text; a question document has a few hundred",)),
    Case("text-larger-than-20-mb", text_document(HEADER + "x" * (21 * 1024 * 1024)),
         ("vraag.txt: the file is too large (21 MB; at most 20 MB)",)),
    Case("pdf-damaged", text_document("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF",
                                      "vraag.pdf"),
         ("vraag.pdf: this is not a PDF that can be read",)),
    Case("pdf-of-300-pages", pdf_of(pages=300), ("vraag.pdf: the PDF has 300 pages; a question document has a few",)),
    Case("pdf-with-a-password", pdf_of(password="geheim"), ("vraag.pdf: the PDF is protected with a password",)),
    Case("header-number-in-full-width-digits", text_document(HEADER.replace("nr. 147", "nr. １４７") + "Titel\n"),
         ("vraag.txt, line 1: the question number '１４７' cannot be read",)),
    Case("header-date-in-year-9999", text_document(HEADER.replace("februari 2024", "februari 9999") + "Titel\n"),
         ("vraag.txt, line 4: the date '26 februari 9999' is not one a question can have",)),
    Case("header-spread-over-thirty-lines", text_document(
        "SCHRIFTELIJKE VRAAG\n" + "nr. 147\n" + "\n".join(["van"] * 30) + "\ndatum: 26 februari 2024\naan JO\n"),
         ("vraag.txt, line 1: the header of the question cannot be read",)),
]


def record_and_document(record_changes: dict, question_changes: dict) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        saved(record(**{"bestand-ordered": []}, **record_changes))(folder)
        make_docx(folder / "vraag.docx", dict(QUESTION, **question_changes))
        return ["rec.json", "--document", "vraag.docx"]

    return make


CROSS_CASES = [
    Case("another-number-and-asker", record_and_document({"vraagnummer": "613"}, {"asker": "AN DE VOS"}),
         ("rec.json: the record and the question document vraag.docx are not about the same question: number: 613 "
          "in the record, 147 in the document; asker: 'Jan Peeters' in the record, 'AN DE VOS' in the document; "
          "nothing was written",)),
    Case("another-date", record_and_document({}, {"date": QUESTION["date"].replace(day=27)}),
         ("rec.json: the record and the question document vraag.docx are not about the same question: date: "
          "2024-02-26 in the record, 2024-02-27 in the document",)),
    Case("another-minister", record_and_document({}, {"minister": "HILDE CREVITS"}),
         ("minister's name: 'Jo Brouns' in the record, 'HILDE CREVITS' in the document",)),
    Case("another-zittingsjaar", record_and_document({"zittingsjaar": "2022-2023"}, {}),
         ("zittingsjaar: 2022-2023 in the record, 2023-2024 in the document",)),
]


@pytest.mark.parametrize("case", RECORD_CASES + DOCUMENT_CASES + CROSS_CASES, ids=lambda c: c.id)
def test_a_bad_source_is_refused_with_its_place_and_nothing_changes(project, tmp_path, case):
    args = case.make(tmp_path)
    before = snapshot(project)
    assert_refused(intake(project, *args), project, before, *case.says)


def test_names_that_differ_only_in_case_accents_and_order_are_the_same_person(project, tmp_path):
    saved(record(**{"bestand-ordered": []}, vraagsteller={"voornaam": "Jan", "naam": "Péeters"}))(tmp_path)
    make_docx(tmp_path / "vraag.docx", dict(QUESTION, asker="PEETERS JAN", minister="brouns jo"))
    result = intake(project, "rec.json", "--document", "vraag.docx")
    assert result.exit_code == 0, result.output
    assert "added question 147 (2023-2024)" in result.stdout


def test_a_record_date_with_the_service_s_time_of_day_is_that_day(project, tmp_path):
    saved(record(**{"bestand-ordered": []}, procedureverloop=[
        {"status": "Vraag ingediend", "datum": "2024-02-26T23:59:59.123+01:00"}]))(tmp_path)
    result = intake(project, "rec.json", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "date: 2024-02-26" in result.stdout and "asked 2024-02-26" in result.stdout

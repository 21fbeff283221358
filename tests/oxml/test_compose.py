"""A bundle's XML: the page size of a document, the first page made from an answer's parts, and
a section per answer with its page numbers from 1."""

from __future__ import annotations

from drafter import oxml
from drafter.oxml import compose, properties

from .helpers import NS, body, names

SECTION = '<w:sectPr><w:footerReference w:type="default" r:id="rId1"/><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>'


def _document(xml: str) -> bytes:
    return f"<w:document {NS}><w:body>{xml}</w:body></w:document>".encode()


def test_the_page_size_of_the_last_section():
    assert compose.page_size(_document("<w:p/>" + SECTION)) == (12240, 15840)
    assert compose.page_size(_document("<w:p/>")) == compose.DEFAULT_PAGE


def test_a_first_page_from_an_answers_parts():
    styles = (f'<w:styles {NS}><w:style w:type="paragraph" w:styleId="AT"><w:name w:val="Answer Title"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="TH"><w:name w:val="Table Heading"/></w:style></w:styles>')
    footnotes = (f'<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
                 '<w:footnote w:id="1"><w:p><w:r><w:t>Bron</w:t></w:r></w:p></w:footnote></w:footnotes>')
    custom = properties.set_custom(None, {"drafter.question": "2019-2020/4", "Afdeling": "Economie"})
    parts = {"word/document.xml": _document("<w:p><w:r><w:t>de tekst zelf</w:t></w:r></w:p>" + SECTION),
             "word/styles.xml": styles.encode(), "word/footnotes.xml": footnotes.encode(),
             properties.CUSTOM_PART: oxml.serialize(custom)}
    made = compose.cover(parts, "Ter ondertekening", "2 antwoorden", ("Vraag", "Vraagsteller", "Titel"),
                         [("4 (2019-2020)", "N.N.", "Subsidies"), ("5 (2019-2020)", "N.N.", "Opsplitsing")])
    b = oxml.parse(made["word/document.xml"])[0]
    assert names(b) == ["p", "p", "tbl", "p", "sectPr"]
    assert oxml.parse(made["word/document.xml"]).find(".//" + oxml.qn("w:pStyle")).get(oxml.qn("w:val")) == "AT"
    rows = b.findall(oxml.qn("w:tbl") + "/" + oxml.qn("w:tr"))
    assert ["".join(t.text for t in row.iter(oxml.qn("w:t"))) for row in rows] == [
        "VraagVraagstellerTitel", "4 (2019-2020)N.N.Subsidies", "5 (2019-2020)N.N.Opsplitsing"]
    assert "de tekst zelf" not in made["word/document.xml"].decode()  # the answer itself is not on it
    notes = oxml.parse(made["word/footnotes.xml"])
    assert [n.get(oxml.qn("w:type")) for n in notes] == ["separator"]  # the answer's notes are not the first page's
    assert properties.custom_values(oxml.parse(made[properties.CUSTOM_PART])) == {"Afdeling": "Economie"}


def test_each_answer_a_section_of_its_own_with_page_numbers_from_one():
    b = body("<w:p><w:r><w:t>first page</w:t></w:r></w:p><w:p><w:r><w:t>answer 1</w:t></w:r></w:p><w:tbl/>"
             "<w:p><w:r><w:t>answer 2</w:t></w:r></w:p>" + SECTION)
    compose.sections_per_answer(b, [1, 3])
    assert names(b) == ["p", "p", "tbl", "p", "p", "sectPr"]  # a paragraph after the table to end its section
    first_end, second_end = b[0].find(".//" + oxml.qn("w:sectPr")), b[3].find(".//" + oxml.qn("w:sectPr"))
    assert first_end.find(oxml.qn("w:pgNumType")) is None  # the first page counts on
    for section in (second_end, b[-1]):  # each answer's section numbers its pages from 1, after its page size
        assert names(section) == ["footerReference", "pgSz", "pgNumType"]
        assert section.find(oxml.qn("w:pgNumType")).get(oxml.qn("w:start")) == "1"

"""A small hand-made answer for the word stage's tests: a few parts, a real question of the example register."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from drafter import oxml
from drafter.load.register import load_register
from drafter.oxml import opc
from drafter.view.figures import FigureCollector, Source, mark
from drafter.view.footnotes import FootnoteCollector
from drafter.word.finish import Answer

ROOT = Path(__file__).resolve().parent.parent.parent
W = oxml.W
NS = f'xmlns:w="{W}" xmlns:r="{oxml.R}"'
TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         f'<Override PartName="/word/document.xml" ContentType="{opc.DOCUMENT_CT}"/></Types>').encode()
PACKAGE_RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                b'officeDocument" Target="word/document.xml"/></Relationships>')
STYLES = (f'<w:styles {NS}>'
          '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="TableNote"><w:name w:val="Table Note"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="Lijst"><w:name w:val="Answer List Number"/>'
          '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>').encode()
NUMBERING = (f'<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"/></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
SETTINGS = f"<w:settings {NS}><w:zoom/><w:compat/></w:settings>".encode()
SECTION = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:left="1417" w:right="1417"/></w:sectPr>'


@lru_cache(maxsize=1)  # the example register, read once for the tests of this folder
def question():
    return next(q for q in load_register(ROOT / "data" / "questions.yaml").questions if q.number == 4)


def document(body: str) -> bytes:
    return f"<w:document {NS}><w:body>{body}{SECTION}</w:body></w:document>".encode()


def answer(body: str, *, figures: FigureCollector | None = None, footnotes: FootnoteCollector | None = None,
           parts: dict[str, bytes] | None = None, rendered: list[str] = ()) -> Answer:
    """An answer to finish whose main document's body is ``body``."""
    package = opc.Package({"[Content_Types].xml": TYPES, "_rels/.rels": PACKAGE_RELS,
                           "word/document.xml": document(body), "word/styles.xml": STYLES,
                           "word/numbering.xml": NUMBERING, "word/settings.xml": SETTINGS, **(parts or {})})
    return Answer(package, question(), "nl_BE", figures or FigureCollector(), footnotes, "t.docx", list(rendered))


def figure(figures: FigureCollector, shown: str, key: str, **place) -> str:
    """A figure of the data recorded as the view records one: its text with its mark."""
    return mark(figures.record(shown, 1234.0, 1.0, (Source("data/x.csv", "row 2", "ref"),), key,
                               "cell" if place else "text", **place))


def body_of(answer: Answer):
    return answer.body


def xml(element) -> str:
    return oxml.to_text(element).replace(f' xmlns:w="{W}"', "").replace(f' xmlns:r="{oxml.R}"', "")

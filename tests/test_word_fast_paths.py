"""The fast paths of finishing an answer give exactly what the general paths give."""

from __future__ import annotations

import pytest
from lxml import etree

from drafter.view.figures import FIG_CLOSE, FIG_OPEN, FIG_SEP
from drafter.word import figures, oxml

W = oxml.W_NS


def _mark(number: int, shown: str) -> str:
    return f"{FIG_OPEN}{number}{FIG_SEP}{shown}{FIG_CLOSE}"


def _lxml_record(question: str, locale: str, entries) -> bytes:
    """The record built element by element with lxml, as drafter wrote it before."""
    ns = figures.NS
    root = etree.Element(f"{{{ns}}}figures", nsmap={None: ns})
    root.set("question", question)
    root.set("locale", locale)
    for attrib, sources in entries:
        el = etree.SubElement(root, f"{{{ns}}}figure")
        for k, v in attrib.items():
            el.set(k, v)
        for s in sources:
            src = etree.SubElement(el, f"{{{ns}}}source")
            for k, v in s.items():
                src.set(k, v)
    return oxml.serialize(root)


AWKWARD = ['plain', 'a & b < c > d "quoted" \'single\'', "tab\there\nnew line\r\nreturn", "é € \u00a0 \u2013 😀",
           "\x7f delete", "", "&amp; already escaped", "]]> end"]


@pytest.mark.parametrize("value", AWKWARD)
def test_the_figure_record_written_as_text_is_the_record_lxml_writes(value):
    entries = [
        ({"n": "1", "key": value, "shown": value, "place": f'table 1, row "{value}"', "cell": "0 1 1"},
         [{"file": "data/x.csv", "place": value}, {"file": value, "place": "row 2", "ref": value, "part-of": value}]),
        ({"n": "2", "paragraph": value, "at": "3"}, []),
    ]
    assert figures.record_xml("2019-2020/4", value, entries) == _lxml_record("2019-2020/4", value, entries)
    assert figures.record_xml(value, "nl_BE", []) == _lxml_record(value, "nl_BE", [])


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x02", "\x03", "\x0b", "\ufffe", "\x1f"])
def test_a_record_with_a_character_xml_cannot_hold_is_refused_as_by_lxml(bad):
    entries = [({"n": "1", "shown": f"x{bad}"}, [])]
    with pytest.raises(ValueError) as mine:
        figures.record_xml("q", "nl_BE", entries)
    with pytest.raises(ValueError) as theirs:
        _lxml_record("q", "nl_BE", entries)
    assert str(mine.value) == str(theirs.value)


RUNS = [
    f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{_mark(3, "1.234")}</w:t></w:r>',
    f'<w:r><w:t>{_mark(3, "45%")}</w:t></w:r>',
    f'<w:r w:rsidR="00AB"><w:rPr><w:i/></w:rPr><w:t>{_mark(3, " 7 ")}</w:t></w:r>',
    f'<w:r><w:rPr><w:b/></w:rPr><w:t>{_mark(3, "7")}</w:t>\n</w:r>\n',
]


@pytest.mark.parametrize("run", RUNS)
def test_a_run_that_shows_one_figure_is_kept_as_the_general_cut_would_make_it(run, monkeypatch):
    def split(general: bool) -> tuple[bytes, list[int]]:
        p = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:t>before</w:t></w:r>{run}</w:p>')
        t = p.findall(f".//{{{W}}}t")[1]
        with monkeypatch.context() as m:
            if general:
                m.setattr(figures, "_alone_in_run", lambda run, t: False)
            found = figures._split_run(t)
        assert [r.getparent() for _, r in found] == [p]
        return etree.tostring(p), [n for n, _ in found]

    assert split(general=False) == split(general=True)


def test_paragraphs_in_list_styles_are_those_paragraph_style_names():
    body = etree.fromstring(f'''<w:body xmlns:w="{W}">
      <w:p><w:pPr><w:pStyle w:val="List"/></w:pPr><w:r><w:t>one</w:t></w:r></w:p>
      <w:p><w:pPr><w:pStyle w:val="List"/><w:pStyle w:val="Other"/></w:pPr></w:p>
      <w:p><w:pPr><w:pStyle w:val="Other"/><w:pStyle w:val="List"/></w:pPr></w:p>
      <w:p><w:pPr><w:pPrChange><w:pPr><w:pStyle w:val="List"/></w:pPr></w:pPrChange></w:pPr></w:p>
      <w:p><w:pPr><w:pStyle/></w:pPr></w:p>
      <w:p><w:pPr><w:pStyle w:val="List"/></w:pPr><w:r><w:drawing><w:txbxContent>
        <w:p><w:pPr><w:pStyle w:val="List"/></w:pPr></w:p></w:txbxContent></w:drawing></w:r></w:p>
      <w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="List"/></w:pPr></w:p><w:p/></w:tc></w:tr></w:tbl>
      <w:p><w:pPr><w:rPr/></w:pPr></w:p><w:p><w:pPr/><w:pPr><w:pStyle w:val="List"/></w:pPr></w:p>
    </w:body>''')
    ids = {"List": "3"}
    general = [p for p in body.iter(f"{{{W}}}p") if oxml.paragraph_style(p) in ids]
    assert oxml._paragraphs_in_styles(body, ids) == general
    assert len(general) == 5


def test_a_paragraph_read_once_gives_the_text_before_each_run_as_read_run_by_run():
    body = etree.fromstring(f'''<w:body xmlns:w="{W}">
      <w:p><w:r><w:t>Circa </w:t><w:tab/></w:r><w:r><w:t>45%</w:t></w:r>
        <w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>(1)</w:t></w:r>
        <w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:t>2</w:t></w:r>
        <w:r><w:t xml:space="preserve"> van </w:t></w:r><w:r/><w:r><w:tab/><w:t>12</w:t></w:r>
        <w:hyperlink><w:r><w:t>link</w:t></w:r></w:hyperlink><w:r><w:t>end</w:t></w:r></w:p>
      <w:p><w:r><w:t>other</w:t></w:r></w:p>
    </w:body>''')
    layout = figures._Layout(body)
    p, other = body.findall(f"{{{W}}}p")
    runs = list(body.iter(f"{{{W}}}r"))
    for run in runs:
        assert layout.text_before(p, run) == figures._visible(p, calls=False, until=run)
    assert layout.text(p) == figures._clean(figures._visible(p, calls=False))
    assert layout.text_before(other, runs[0]) == figures._visible(other, calls=False, until=runs[0])

"""The fast paths of finishing an answer give exactly what the general paths give."""

from __future__ import annotations

import pytest
from lxml import etree

from drafter.view.figures import FIG_CLOSE, FIG_OPEN, FIG_SEP, MARK_RE
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


# --------------------------------------------------------------------------- tables' rows standing apart

TABLES = [
    "data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\ncorner: Department\n"
    "decimals: stated\nunit: {currency: GBP, scale: million, data_scale: million, show: cells}\n"
    "column_total: computed\ntotal: computed\n",
    "data: spending\nrows: department\ngroups: {dimension: type, values: [{value: resource, label: Lopend}, "
    "{value: capital, label: Kapitaal}]}\ncolumns: year\nunit: {currency: EUR, scale: thousand, data_scale: thousand}\n"
    "negative: parentheses\ndecimals: 1\nplaceholders: {nil: \"-\", not_applicable: n.v.t., unknown: \"?\", empty: \"\"}\n"
    "remarks: [\"Bron: Rekenhof.\"]\n",
    "data: spending\nrows: department\ngroups: type\ncolumns: year\ncolumn_total: computed\n",
]
NESTED = [
    ("group,line,2019,2020\nA,a1,1,2\nA,a2,3,4\nA,Total,4,6\nB,b1,5,6\nB,Total,5,6\n",
     "data: spending\nrows: {dimension: line, within: group}\ncolumns: year\ntotal: {value: Total, label: Subtotal}\n"),
    ("group,line,2019,2020\nA,a1,1,2\nA,a2,3,4\nB,b1,5,6.5\n",
     "data: spending\nrows: {dimension: line, within: {dimension: group, values: [{value: B, label: Groep B}, A]}}\n"
     "columns: year\ndecimals: stated\ntotal: computed\ngrand_total: {computed: true, label: Grand total}\n"),
    # more rows than are kept on one page, in sections, one label with '&', '<' and a tab
    ("group,line,2019,2020\n" + "".join(f"{g},l{i} & <{g}>\t{i},{i},{i * 2}\n" for g in "AB" for i in range(20)),
     "data: spending\nrows: {dimension: line, within: group}\ncolumns: year\ntotal: computed\n"),
]


def _registers(project):
    """Each register to answer, made when it is asked for (they share a data file and notes)."""
    from benchmarks.bench import big_table_register
    from tests.test_figures import WIDE, register

    notes = project / "data" / "notes.yaml"
    own_notes = notes.read_text(encoding="utf-8")

    def made(spec: str, **kw):
        notes.write_text(own_notes, encoding="utf-8")
        return register(project, spec, **kw)

    yield project / "data" / "questions.yaml"  # with question 6's table printed again, in a table's cell
    yield big_table_register(project, 30)
    for i, spec in enumerate(TABLES):
        yield made(spec, locale="nl_BE" if i else "en_GB")
    for data, spec in NESTED:
        yield made(spec, data=data)
    for fit in ("smaller", "landscape"):
        yield made(f"data: spending\nrows: department\ncolumns: year\nfit: {fit}\n", locale="nl_BE", data=WIDE)


def _parts(register, templates) -> list[tuple[str, dict[str, bytes]]]:
    import io
    import zipfile

    from drafter.load.register import load_register
    from drafter.pipeline import Generator

    reg = load_register(register)
    gen = Generator(reg, templates)
    out = []
    for q in reg.questions:
        with zipfile.ZipFile(io.BytesIO(gen.generate(q).data)) as z:
            out.append((f"{register.name} {q.number}", {i.filename: z.read(i) for i in z.infolist()}))
    return out


def test_answers_with_rows_standing_apart_are_byte_for_byte_those_made_in_the_parsed_document(project, monkeypatch):
    """Every part of every answer (document, figure record, fingerprint) is what the general path
    makes, where a table's body rows stay in the parsed document and word/figures cuts them."""
    import docx

    path = project / "answer_templates" / "gegroepeerde-kop.docx"  # a figure printed twice: bookmarked once
    template = docx.Document(str(path))
    template.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].text = '{{p table("kredieten") }}'
    template.save(str(path))
    apart, beside = [], []
    cut = oxml._rows_apart

    def spied(table, *args):
        apart.append(cut(table, *args))
        if apart[-1] is not None:  # a figure with text beside it in its cell ('1.200,0 (1)')
            beside.extend(str(c) for row in table.rows for c in row.cells
                          if FIG_OPEN in str(c) and not MARK_RE.fullmatch(str(c)))
        return apart[-1]

    answers = 0
    for register in _registers(project):
        monkeypatch.setattr(oxml, "_rows_apart", spied)
        fast = _parts(register, project / "answer_templates")
        monkeypatch.setattr(oxml, "_rows_apart", lambda *a: None)
        general = _parts(register, project / "answer_templates")
        assert [name for name, _ in fast] == [name for name, _ in general]
        for (name, mine), (_, theirs) in zip(fast, general):
            assert mine.keys() == theirs.keys(), name
            for part in mine:
                assert mine[part] == theirs[part], (name, part)
        answers += len(fast)
    standing = [rows for rows in apart if rows is not None]
    assert answers >= 15 and len(standing) >= 8
    assert any(len(rows.labels) > oxml.KEEP_TOGETHER_ROWS for rows in standing)
    assert beside


def test_lists_numbered_from_the_cache_are_numbered_as_anew_and_a_changed_numbering_is_read_again():
    numbering = (f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:nsid w:val="00000001"/>'
                 '<w:styleLink w:val="L"/><w:lvl w:ilvl="0"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
    item = '<w:p><w:pPr><w:pStyle w:val="L"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'

    def numbered(numbering: bytes, style_nums: dict) -> tuple[bytes | None, bytes, list[str]]:
        body = etree.fromstring(f'<w:body xmlns:w="{W}">{item}{item}<w:p/>{item}<w:p/></w:body>')
        xml = oxml.restart_lists(body, numbering, style_nums)
        return xml, etree.tostring(body), [n.get(f"{{{W}}}val") for n in body.iter(f"{{{W}}}numId")]

    oxml._numbered.cache_clear()
    first = numbered(numbering, {"L": "1"})
    assert numbered(numbering, {"L": "1"}) == first and oxml._numbered.cache_info().hits == 1
    assert first[2] == ["2", "2", "3"]
    root = etree.fromstring(first[0])
    assert [n.get(f"{{{W}}}numId") for n in root.findall(f"{{{W}}}num")] == ["1", "2", "3"]
    assert root.find(f".//{{{W}}}styleLink") is not None  # the template's own abstract keeps its link
    changed = numbered(numbering.replace(b'w:numId="1"', b'w:numId="5"'), {"L": "5"})
    assert changed[2] == ["6", "6", "7"] and changed[0] != first[0]
    unknown = numbered(numbering, {"L": "9"})  # a style whose numbering the part lacks: its lists are left
    assert unknown[2] == [] and etree.fromstring(unknown[0]).findall(f"{{{W}}}num")[1:] == []


def _one_row_table(label: str, shown: str):
    from drafter.view.answer import Cell, Row, TableView

    cell = Cell(shown, numeric=True, marked=_mark(1, shown))
    return TableView("t", None, "", Cell(""), (Cell("2016"),), (Row(Cell(label), (cell,)),), (), "")


STYLE_IDS = {role: role.title().replace("_", "") for role in ("caption", "table", "heading", "heading_number",
                                                              "heading_group", "text", "number", "total",
                                                              "total_number", "note")}


@pytest.mark.parametrize("label, apart", [
    ("Budgetlijn 1", True), ("a & <b> \"c\"\td é 😀 \uf0b7", True),
    ("a\rb", False), ("a\x0bb", False), ("a\x7f", False), ("a\ufffe", False), ("a\ud800", False),
    ("a\ue0021\ue003", False),  # a note call, raised by a pass over the document
    ("a\ue0001\ue001", False),  # a footnote
    (_mark(2, "7"), False),  # a figure in a label
])
def test_rows_stand_apart_only_when_no_pass_would_change_them(label, apart):
    from drafter.view.figures import strip_marks

    built = oxml.build_table(_one_row_table(label, "1.234"), STYLE_IDS)
    assert (built.rows is not None) is apart
    if apart:  # the rows as the general path leaves a figure alone in its run: the mark taken off
        assert b"".join(built.rows.pieces).decode("utf-8") == strip_marks(built.body)
        assert (built.rows.numbers, built.rows.rows, built.rows.cells) == ([1], [1], [1])
        assert built.rows.labels == (label,) and built.rows.sizes == (2,)


def test_rows_whose_style_id_lxml_would_write_escaped_stay_in_the_document():
    assert oxml.build_table(_one_row_table("a", "1"), {**STYLE_IDS, "number": "A&B"}).rows is None
    assert oxml.build_table(_one_row_table("a", "1"), {**STYLE_IDS, "number": "A>B"}).rows is None
    assert oxml.build_table(_one_row_table("a", ""), STYLE_IDS).rows is None  # an empty figure: no run of its own


_CUSTOM_OTHER = oxml._custom_properties(None, {"Client": "Kabinet", "drafter.question": "old"})


@pytest.mark.parametrize("existing", [None, _CUSTOM_OTHER, _CUSTOM_OTHER.replace(b"Kabinet", b"@drafter-value-0@")])
@pytest.mark.parametrize("value", [*AWKWARD, "2019-2020/4", "@drafter-value-1@", "a" * 64])
def test_custom_properties_made_once_per_template_are_those_made_element_by_element(existing, value):
    values = {"drafter.fingerprint": value, "drafter.question": "2019-2020/4"}
    assert oxml.set_custom_properties(existing, values) == oxml._custom_properties(existing, values)
    many = {f"p{i}": f"{value}{i}" for i in range(12)}  # value indexes past 9
    assert oxml.set_custom_properties(existing, many) == oxml._custom_properties(existing, many)


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\ufffe"])
def test_custom_properties_refuse_what_lxml_refuses(bad):
    with pytest.raises(ValueError):
        oxml.set_custom_properties(None, {"drafter.question": f"x{bad}"})


def test_rendered_text_loses_its_locations_as_by_the_regular_expressions():
    import random
    import re

    from drafter.word import template

    pieces = [' drafterloc="12"', '{#- drafterloc 3 #}', " drafterloc", "drafterloc", '="4"', " 5 #}", "{#- ",
              " ", "{", "\n<w:p ", "\n<w:p>", "\n", "<w:p", " x", '"', "٣", "{_{", "%_}"]
    rng = random.Random(7)
    for _ in range(3000):
        xml = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        general = template._LOC_RE.sub("", re.sub(r"\n<w:p([ >])", r"<w:p\1", xml))
        general = general.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        assert template._finish_rendered(xml) == general, xml
        assert template._without_locations(xml) == template._LOC_RE.sub("", xml), xml

"""The figure record: marks cut into runs and bookmarked, the record written and read back."""

from __future__ import annotations

import pytest

from drafter import oxml
from drafter.oxml import customxml
from drafter.view.answer import Cell, Row, TableView
from drafter.view.figures import FigureCollector, Source, mark
from drafter.word import figure_record
from drafter.word import tables as word_tables

from .helpers import answer, figure, xml

#: The style ids of a table built from data, by role (each its role's name).
STYLES = {role: role for role in ("caption", "table", "heading", "heading_number", "heading_group", "text", "number",
                                  "total", "total_number", "note")}
TABLE = ('<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>VAK</w:t></w:r></w:p>'
         '</w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>2016</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{}</w:t></w:r>'
         "</w:p></w:tc></w:tr></w:tbl>")


def test_each_figure_once_in_document_order_and_a_second_print_loses_only_its_mark():
    figures = FigureCollector()
    first, second = figure(figures, "45%", "a"), figure(figures, "12", "b")
    a = answer(f"<w:p><w:r><w:t>{second} en {first}</w:t></w:r></w:p><w:p><w:r><w:t>{second}</w:t></w:r></w:p>",
               figures=figures)
    placed = figure_record.mark_figures(a.body, figures)
    assert [f.key for f, _ in placed] == ["b", "a"]
    assert "".join(t.text for t in a.body.iter(oxml.qn("w:t"))) == "12 en 45%12"


def test_bookmarks_numbered_above_the_documents_ids_and_entries_with_their_places():
    figures = FigureCollector()
    cell = figure(figures, "14.250.000", "k.cell", table="t", row="2016", column="VAK")
    text = figure(figures, "45%", "k.text")
    a = answer(f'<w:bookmarkStart w:id="4" w:name="_GoBack"/><w:p><w:r><w:t>Circa {text} van de steun</w:t></w:r>'
               f"</w:p>{TABLE.format(cell)}", figures=figures)
    figure_record.trace(a.package, figures, "2019-2020/4", "nl_BE")
    document = xml(a.body)
    assert '<w:bookmarkStart w:id="5" w:name="_DrafterFig2"/>' in document
    assert '<w:bookmarkStart w:id="6" w:name="_DrafterFig1"/>' in document
    record, why = customxml.find_item(a.package.parts(), figure_record.NS, figure_record.ROOT)
    head, entries = customxml.contents(record, "figure", "source")
    assert head == {"question": "2019-2020/4", "locale": "nl_BE"}
    by_key = {attrs["key"]: attrs for attrs, _ in entries}
    assert by_key["k.text"]["place"] == 'paragraph 1, "Circa 45% ..."'
    assert (by_key["k.text"]["paragraph"], by_key["k.text"]["at"]) == ("Circa 45% van de steun", "6")
    assert (by_key["k.cell"]["place"], by_key["k.cell"]["cell"]) == ('table 1, row "2016", column "VAK"', "0 1 1")
    assert [key for key in by_key] == ["k.text", "k.cell"]  # in document order


def test_an_answer_without_figures_still_gets_an_empty_record():
    a = answer("<w:p/>")
    figure_record.trace(a.package, FigureCollector(), "q", "en_GB")
    record, _ = customxml.find_item(a.package.parts(), figure_record.NS, figure_record.ROOT)
    assert customxml.contents(record, "figure", "source") == ({"question": "q", "locale": "en_GB"}, [])


def test_the_record_reads_back_as_the_figures_it_records():
    figures = FigureCollector()
    figures.record("1.234", 1234.5, 1000.0, (Source("d.csv", "row 3", "r", "p"), Source("d.csv", "row 4")), 'k "1"',
                   "total", table="t", row="Totaal", column="VAK", adds="all", section="A & B")
    data = figure_record.record("q", "nl_BE", [(figures.figures[0], [("place", "table 1"), ("cell", "0 2 1")])])
    attributes, sources = customxml.contents(oxml.parse(data), "figure", "source")[1][0]
    assert figure_record.figure_of(attributes, sources) == figures.figures[0]
    with pytest.raises(KeyError):
        figure_record.figure_of({"key": "x"}, [])


def test_a_built_tables_figures_are_placed_by_the_table_and_numbered_with_the_texts_in_document_order():
    figures = FigureCollector()
    cells = [Cell(shown, True, figure=figures.record(shown, 1.0, 1.0, (Source("d.csv", "row 2"),), f"t{shown}",
                                                     "cell", table="t", row="2016", column=column))
             for shown, column in (("14", "VAK"), ("15", "VEK"))]
    built = word_tables.build(TableView("t", None, "", Cell(""), (Cell("VAK"), Cell("VEK")),
                                        (Row(Cell("2016"), tuple(cells)),), (), "number"), STYLES)
    text = figure(figures, "45%", "k.text")
    again = mark(cells[1].figure)  # the table's second figure, also printed in the text before the table
    a = answer(f"<w:p><w:r><w:t>Circa {text} en {again}</w:t></w:r></w:p>{built.xml}{built.xml}", figures=figures)
    figure_record.trace(a.package, figures, "q", "nl_BE", built.figures)
    starts = [(el.get(oxml.qn("w:id")), el.get(oxml.qn("w:name"))) for el in a.body.iter(oxml.qn("w:bookmarkStart"))]
    assert starts == [("0", "_DrafterFig3"), ("1", "_DrafterFig2"), ("2", "_DrafterFig1")]
    assert len(list(a.body.iter(oxml.qn("w:bookmarkEnd")))) == 3
    record, _ = customxml.find_item(a.package.parts(), figure_record.NS, figure_record.ROOT)
    entries = [attrs for attrs, _ in customxml.contents(record, "figure", "source")[1]]
    assert [(e["key"], e["place"], e.get("cell")) for e in entries] == [
        ("k.text", 'paragraph 1, "Circa 45% ..."', None), ("t15", 'paragraph 1, "Circa 45% en 15"', None),
        ("t14", 'table 1, row "2016", column "VAK"', "0 1 1")]

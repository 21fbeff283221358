"""A table from data: its columns' widths follow their content, a wide table gets smaller type or a landscape page."""

from __future__ import annotations

from drafter import oxml
from drafter.oxml import section
from drafter.oxml import table as tables
from drafter.view.answer import Cell, Group, Row, TableView
from drafter.view.figures import FigureCollector, Source
from drafter.view.notes import superscript
from drafter.word import finish, places
from drafter.word import tables as word_tables

from .helpers import SECTION, answer

STYLES = {role: role.title().replace("_", "") for role in ("caption", "table", "heading", "heading_number",
                                                           "heading_group", "text", "number", "total",
                                                           "total_number", "note")}


def view(columns: int = 2, rows: int = 3, width: int = 6, **kw) -> TableView:
    body = tuple(Row(Cell(f"Lijn {r}"), tuple(Cell("9" * width, numeric=True) for _ in range(columns)))
                 for r in range(rows))
    total = Row(Cell("Totaal"), tuple(Cell("9", numeric=True, total=True) for _ in range(columns)), total=True)
    return TableView("t", Cell("Kredieten"), "bedragen in euro", Cell(""), tuple(Cell(f"K{i}") for i in range(columns)),
                     body + (total,), (), "number", **kw)


def parsed(xml: str) -> list:
    return oxml.fragment(xml)


def test_a_table_fits_the_text_width_with_its_caption_header_body_and_total():
    made = parsed(word_tables.build(view(), STYLES).xml)
    caption, tbl = made
    assert oxml.paragraph.text_of(caption) == "Kredieten (bedragen in euro)"
    rows = tables.rows(tbl)
    assert [[oxml.paragraph.text_of(c) for c in tables.cells(r)] for r in rows] == [
        ["", "K0", "K1"], ["Lijn 0", "999999", "999999"], ["Lijn 1", "999999", "999999"],
        ["Lijn 2", "999999", "999999"], ["Totaal", "9", "9"]]
    assert [oxml.paragraph.style_of(tables.cells(rows[-1])[i][1]) for i in range(3)] == ["Total", "TotalNumber",
                                                                                         "TotalNumber"]
    widths, factor = word_tables.column_widths(view(), section.Page().text_width)
    assert factor == 1.0 and sum(widths) <= section.Page().text_width


def test_a_wide_table_gets_narrower_columns_then_smaller_type_but_never_passes_the_margin():
    page = section.Page()
    widths, factor = word_tables.column_widths(view(columns=13, width=12), page.text_width)
    assert factor < 1 and sum(widths) <= page.text_width
    tbl = parsed(word_tables.build(view(columns=13, width=12), STYLES, page).xml)[1]
    sizes = {el.get(oxml.qn("w:val")) for el in tbl.iter(oxml.qn("w:sz"))}
    assert len(sizes) == 1 and int(sizes.pop()) >= word_tables.SMALLEST_TYPE


def test_a_wide_table_that_fits_landscape_stands_between_two_section_breaks():
    page = section.page_of(oxml.fragment(f"<w:body>{SECTION}</w:body>")[0], None)
    xml = word_tables.build(view(columns=13, width=12, fit="landscape"), STYLES, page).xml
    assert xml.startswith(f'<{word_tables.SECTION_BREAK} n="0"/>') and xml.endswith(f'<{word_tables.SECTION_BREAK} n="1"/>')
    assert word_tables.SECTION_BREAK not in word_tables.build(view(fit="landscape"), STYLES, page).xml


def test_column_groups_make_two_header_rows_and_a_long_table_only_keeps_its_start_together():
    grouped = view(columns=2, groups=(Group(Cell("2016"), 2),))
    tbl = parsed(word_tables.build(grouped, STYLES).xml)[1]
    assert tables.header_rows(tbl) == 2
    assert tables.span(tables.cells(tables.rows(tbl)[0])[1]) == 2
    long = parsed(word_tables.build(view(rows=40), STYLES).xml)[1]
    keep = [tr.find(f".//{oxml.qn('w:keepNext')}").get(oxml.qn("w:val"), "1") != "0" for tr in tables.rows(long)]
    assert keep[:2] == [True, True] and not any(keep[2:])  # the header row and the first row
    # the others say so, whatever the template's table text style says (keeping each row with the next)


def test_a_table_says_where_each_figure_stands_as_a_reader_finds_it_in_the_finished_answer():
    """Groups over the columns, sections of nested rows, note calls in labels (raised and in
    parentheses), a grand total under every section: the places the table gives its figures are
    those the answer's layout reads back, once the note calls are raised."""
    figures = FigureCollector()

    def cell(shown: str, adds: str = "") -> Cell:
        figure = figures.record(shown, 1.0, 1.0, (Source("d.csv", "row 2"),), f"k{len(figures.figures)}", "cell",
                                table="t", adds=adds)
        return Cell(shown + (superscript("1") if shown == "7" else ""), True, figure=figure)

    grouped = TableView(
        "t", None, "", Cell("Post"), (Cell("plan"), Cell("outturn\u00a0(2)"), Cell("Totaal")),
        (Row(Cell("Other departments" + superscript("3")), (), section=True),
         Row(Cell("Defence (4)"), (cell("1.234"), cell("7"), Cell(""))),
         Row(Cell("Totaal"), (cell("2"), cell("3"), cell("5", adds="all")), total=True)),
        (), "number", groups=(Group(Cell("1982–83"), 2),))
    built = word_tables.build(grouped, STYLES)
    a = answer(built.xml, figures=figures)
    finish.raise_note_calls(a)
    layout = places.Layout(a.body)
    starts = {el.get(oxml.qn("w:name")): el for el in a.body.iter(oxml.qn("w:bookmarkStart"))}
    assert sorted(built.figures) == [1, 2, 3, 4, 5]
    for number, found in built.figures.items():
        figure = figures.get(number)
        assert layout.cell_of(starts[f"_DrafterFig{number}"].getnext()) == (0, found.row, found.cell)
        assert places.cell_place(0, found.within) == layout.cell_place(0, found.row, found.cell,
                                                                       grand_total=figure.adds == "all")
    assert places.cell_place(0, built.figures[2].within).text == (
        'table 1, section "Other departments", row "Defence", column "1982–83, outturn"')
    assert places.cell_place(0, built.figures[5].within).text == 'table 1, row "Totaal", column "Totaal"'

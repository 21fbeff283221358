"""A table's view built from its spec and data: the steps in reading order."""

from __future__ import annotations

from drafter.load.register import Axis, HouseStyle, Total, Unit
from drafter.view.figures import FigureCollector
from drafter.view.tables import build_table
from tests.view.tables.conftest import FMT, item, series, spec


def test_notes_are_numbered_as_a_reader_meets_them_title_corner_columns_rows(data):
    table = build_table(
        spec(title="Uitgaven", title_notes=("t",), corner="Departement", corner_notes=("c",),
             columns=Axis("year", (item("2019", notes=("y",)), item("2020"))), total=Total(None),
             unit=Unit(kind="money", show="caption"), remarks=("Bron: {{ 'begroting' | upper }}",)),
        data(), FMT, series(), HouseStyle(), "data/questions.yaml",
        lambda text, place, what: text.replace("{{ 'begroting' | upper }}", "BEGROTING"), FigureCollector())
    assert [n.key for n in table.notes] == ["t", "c", "y", "a", "b"]
    assert table.title.text == "Uitgaven\u00a0(1)" and table.corner.text == "Departement\u00a0(2)"
    assert [c.text for c in table.columns] == ["2019\u00a0(3)", "2020"]
    assert [r.label.text for r in table.rows] == ["Education", "Health", "Totaal"]
    assert table.total is table.rows[-1] and len(table.body_rows) == 2
    assert table.caption == "bedragen in euro" and table.remarks == ("Bron: BEGROTING",)
    assert table.fit == "smaller" and table.note_style == "parentheses"


def test_groups_span_their_columns_and_nested_rows_end_in_a_grand_total(data):
    text = ("region,department,year,value\nNorth,Education,2019,1\nNorth,Health,2019,2\n"
            "South,Education,2019,3\nSouth,Health,2019,4\n")
    table = build_table(spec(rows=Axis("department", within="region"), columns=Axis("year"), where={},
                             total=Total(None), grand_total=Total(None)),
                        data(text), FMT, series(), HouseStyle(), "data/questions.yaml", lambda *a: a[0])
    assert [(r.label.text, [c.text for c in r.cells], r.section, r.total) for r in table.rows] == [
        ("North", [], True, False), ("Education", ["1"], False, False), ("Health", ["2"], False, False),
        ("Totaal", ["3"], False, True), ("South", [], True, False), ("Education", ["3"], False, False),
        ("Health", ["4"], False, False), ("Totaal", ["7"], False, True), ("Totaal", ["10"], False, True)]
    # each group's own columns: the types it has figures of
    grouped = build_table(spec(rows=Axis("year", (item("2020"),)), columns=Axis("type"), groups=Axis("department"),
                               where={}), data(), FMT, series(), HouseStyle(), "data/questions.yaml", lambda *a: a[0])
    assert [(g.label.text, g.span) for g in grouped.groups] == [("Education", 1), ("Health", 2)]
    assert [c.text for c in grouped.columns] == ["resource", "resource", "capital"]
    assert [c.text for c in grouped.rows[0].cells] == ["12\u00a0(1)", "8\u00a0(2)", "3"]  # the notes of the data

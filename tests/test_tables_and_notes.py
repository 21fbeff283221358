"""Tables from data and note numbering, at the level of the answer's view."""

from __future__ import annotations

import textwrap

import pytest

from drafter.load.datasets import load_notes
from drafter.errors import DrafterError
from drafter.load.register import load_register
from drafter.view.answer import build_view, notes_path

NBSP = "\u00a0"


def view_of(project, table_yaml: str, extra: str = "", parts: str | None = None):
    """A register with one question whose table is given, built into its view."""
    reg = project / "data" / "t.yaml"
    parts = parts or "        - number: 1\n          table: t\n"
    reg.write_text(
        "notes: notes.yaml\n" + extra + textwrap.dedent("""\
        questions:
          - zittingsjaar: 2019-2020
            number: 1
            date: null
            asker: N.N.
            minister: {name: N.N., title: N.N.}
            title: T - T
            template: algemeen.docx
            data: {budget: budget.csv}
            subquestions: {1: "Vraag"}
            tables:
              t:
        """) + textwrap.indent(textwrap.dedent(table_yaml), " " * 8)
        + "    answer:\n      parts:\n" + parts
    )
    register = load_register(reg)
    return build_view(register, register.questions[0], load_notes(notes_path(register)))


def cells(table):
    return [[table.corner.text] + [c.text for c in table.columns]] + [
        [r.label.text] + [c.text for c in r.cells] for r in table.rows
    ]


def test_years_as_columns_with_thousands(project):
    view = view_of(project, """\
        data: budget
        line: clusters
        rows: kind
        columns: year
        years: 2016-2018
        kinds: [VAK, VEK]
        unit: thousand
    """)
    t = view.context["tables"]["t"]
    assert cells(t) == [
        ["", "2016", "2017", "2018"],
        ["VAK", f"14.250{NBSP}(1)", "58.000", "58.000"],
        ["VEK", "(2)", "(2)", "45.800"],
    ]
    assert t.caption == "bedragen x 1.000 euro"
    assert [n.key for n in t.notes] == ["opsplitsing_2016", "vek_bedrijfssteun"]


def test_placeholder_decimals_per_column_and_computed_total(project):
    view = view_of(project, """\
        data: budget
        line: clusters
        years: 2014-2018
        kinds: [VAK, VEK]
        unit: million
        decimals: {default: 1, columns: {VEK: 2}}
        missing: "—"
        total: computed
    """)
    t = view.context["tables"]["t"]
    assert cells(t)[1] == ["2014", f"—{NBSP}(1)", f"—{NBSP}(1)"]
    assert cells(t)[3] == ["2016", f"14,3{NBSP}(2)", "(3)"]
    assert cells(t)[-1] == ["Totaal", "130,3", "45,80"]  # 14,25 + 58 + 58 = 130,25 -> half up
    assert t.total is not None and t.rows[-1].total


def test_stated_total_and_notes_on_title_header_and_label(project):
    (project / "data" / "notes.yaml").write_text(
        (project / "data" / "notes.yaml").read_text()
        + "titel: Een noot bij de titel.\nkop: Een noot bij de kolom.\nlabel: Een noot bij de rij.\n"
    )
    view = view_of(project, """\
        data: budget
        title: Opsplitsing
        title_notes: [titel]
        rows: line
        columns: kind
        lines: [{line: ibn, label: IBN, notes: [label]}, {line: speerpuntclusters, label: Speerpunt}]
        years: [2016]
        kinds: [{kind: VAK, label: VAK, notes: [kop, titel]}]
        unit: million
        decimals: 3
        total: {line: clusters, label: Totaal}
    """)
    t = view.context["tables"]["t"]
    # reading order: title, column header, then row by row; a note used twice keeps its number
    assert t.title.text == f"Opsplitsing{NBSP}(1)"
    assert cells(t) == [
        ["", f"VAK{NBSP}(2){NBSP}(1)"],
        [f"IBN{NBSP}(3)", "6,750"],
        ["Speerpunt", "7,500"],
        ["Totaal", f"14,250{NBSP}(4)"],
    ]
    assert [(n.number, n.key) for n in t.notes] == [(1, "titel"), (2, "kop"), (3, "label"), (4, "opsplitsing_2016")]


def test_document_numbering_continues_across_tables_and_text(project):
    table = """\
        data: budget
        line: clusters
        years: 2014-2016
        kinds: [VAK]
    """
    reg_parts = (
        "        - number: 1\n          blocks:\n"
        "            - text: 'Zie ook{{ note(\"vek_bedrijfssteun\") }}.'\n"
        "            - table: t\n"
    )
    view = view_of(project, table, extra="note_numbering: document\n", parts=reg_parts)
    part = view.context["answer"]["parts"][0]
    assert part.blocks[0].text == f"Zie ook{NBSP}(1)."
    t = view.context["tables"]["t"]
    assert cells(t)[1] == ["2014", f"n.v.t.{NBSP}(2)"]
    assert [n.number for n in part.notes] == [1]
    assert [n.number for n in t.notes] == [2, 3]


def test_superscript_calls(project):
    view = view_of(project, """\
        data: budget
        line: clusters
        years: [2016]
        kinds: [VAK, VEK]
        notes: superscript
    """)
    t = view.context["tables"]["t"]
    assert cells(t)[1] == ["2016", "14.250.000\ue0021\ue003", "\ue0022\ue003"]
    assert t.notes[0].marker == "\ue0021\ue003"


def test_unknown_table_line_and_axis_mistakes_are_clear(project):
    with pytest.raises(DrafterError) as exc:
        view_of(project, """\
            data: budget
            line: clustres
            years: [2016]
            kinds: [VAK]
        """)
    assert "budget line 'clustres' is not in" in str(exc.value) and "t.yaml" in str(exc.value)
    with pytest.raises(DrafterError) as exc:
        view_of(project, """\
            data: budget
            line: clusters
            rows: year
            columns: year
            years: [2016]
            kinds: [VAK]
        """)
    assert "rows and columns must differ" in str(exc.value)
    with pytest.raises(DrafterError) as exc:
        view_of(project, """\
            data: budget
            line: clusters
            years: [2013]
            kinds: [VAK]
        """)
    assert "budget line 'clusters', 2013 VAK, which has no row" in str(exc.value)

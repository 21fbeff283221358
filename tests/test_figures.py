"""The general model of figures: any dimensions, measures, units, totals and placeholders, and
the mistakes a colleague can make in a table spec or a data file."""

from __future__ import annotations

import textwrap

import pytest

from drafter.errors import DrafterError
from drafter.load.datasets import load_notes
from drafter.load.register import load_register
from drafter.load.schema import TABLE_KEYS
from drafter.view.answer import build_view, notes_path

from .conftest import assert_refused, run_cli

NBSP = "\u00a0"

SPENDING = """\
department,type,year,value,notes
Education,resource,2019–20,466,
Education,capital,2019–20,912.9,
Education,resource,2020–21,-12.5,
Education,capital,2020–21,n/a,
Health,resource,2019–20,1200,bron
Health,capital,2019–20,—,
Health,resource,2020–21,..,
Health,capital,2020–21,,
"""


def register(project, table_yaml: str, *, locale: str = "en_GB", data: str = SPENDING, extra: str = "") -> object:
    (project / "data" / "spending.csv").write_text(data, encoding="utf-8")
    with open(project / "data" / "notes.yaml", "a", encoding="utf-8") as fh:
        fh.write("bron: 'Source: departmental accounts.'\n")
    reg = project / "data" / "t.yaml"
    reg.write_text(
        f"locale: {locale}\nnotes: notes.yaml\n" + extra + textwrap.dedent("""\
        questions:
          - zittingsjaar: 2019-2020
            number: 1
            date: null
            asker: N.N.
            minister: {name: N.N., title: N.N.}
            title: T - T
            template: algemeen.docx
            data: {spending: spending.csv}
            subquestions: {1: "Vraag"}
            tables:
              t:
        """) + textwrap.indent(textwrap.dedent(table_yaml), " " * 8)
        + "    answer:\n      parts:\n        - number: 1\n          table: t\n"
    )
    return reg


def answer_of(project, reg):
    """`drafter answer -q 1` over the register reg, into the project's out/."""
    return run_cli("answer", "-q", "1", "--register", str(reg), "--templates", str(project / "answer_templates"),
                   "--output", str(project / "out"))


def written_answer(project, reg):
    """The answer `answer_of` wrote, validated."""
    from .conftest import validate_docx

    result = answer_of(project, reg)
    assert result.exit_code == 0, result.output
    path = next((project / "out").glob("*.docx"))
    validate_docx(path)
    return path


def view_of(project, table_yaml: str, **kw):
    reg = load_register(register(project, table_yaml, **kw))
    return build_view(reg, reg.questions[0], load_notes(notes_path(reg))).context["tables"]["t"]


def cells(table):
    return [[table.corner.text] + [c.text for c in table.columns]] + [
        [r.label.text] + [c.text for c in r.cells] for r in table.rows]


def test_any_dimensions_stated_precision_placeholders_and_a_computed_total_column(project):
    t = view_of(project, """\
        data: spending
        rows: department
        columns: year
        where: {type: resource}
        corner: Department
        decimals: stated
        unit: {currency: GBP, scale: million, data_scale: million, show: cells}
        column_total: computed
        total: computed
    """)
    assert cells(t) == [
        ["Department", "2019–20", "2020–21", "Total"],
        ["Education", "£466m", "-£12.5m", "£453.5m"],
        ["Health", f"£1,200m{NBSP}(1)", "..", ".."],  # a part unknown: the total is unknown too
        ["Total", "£1,666m", "..", ".."],
    ]
    assert t.notes[0].text == "Source: departmental accounts." and t.caption == ""
    assert t.columns[-1].total and t.rows[1].cells[-1].total


def test_a_computed_total_with_an_unknown_part_is_unknown_and_one_without_a_figure_that_does_not_apply_is_not(
        project):
    # as statistical offices publish: a sum without one of its parts would pass for the whole
    data = ("periode;jaar;gewest;aantal\nA;2021;Vlaanderen;11.204\nA;2021;Wallonie;7.011\nA;2021;Brussel;..\n"
            "B;2022;Vlaanderen;12.980\nB;2022;Wallonie;n.v.t.\nB;2022;Brussel;-\n")
    path = written_answer(project, register(project, """\
        data: spending
        measure: aantal
        rows: {dimension: jaar, within: periode}
        columns: gewest
        column_total: computed
        total: computed
        grand_total: computed
    """, locale="nl_BE", data=data))
    import docx

    table = docx.Document(str(path)).tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[1:] == [
        ["A"] * 5,
        ["2021", "11.204", "7.011", "..", ".."],
        ["Totaal", "11.204", "7.011", "..", ".."],
        ["B"] * 5,
        ["2022", "12.980", "n.v.t.", "—", "12.980"],
        ["Totaal", "12.980", "", "", "12.980"],
        ["Totaal", "24.184", "7.011", "..", ".."],
    ], rows


def test_column_groups_from_any_dimension_negative_style_and_a_dutch_caption(project):
    t = view_of(project, """\
        data: spending
        rows: department
        groups: {dimension: type, values: [{value: resource, label: Lopend}, {value: capital, label: Kapitaal}]}
        columns: year
        unit: {currency: EUR, scale: thousand, data_scale: thousand}
        negative: parentheses
        decimals: 1
        placeholders: {nil: "-", not_applicable: n.v.t., unknown: "?", empty: ""}
        remarks: ["Bron: Rekenhof."]
    """, locale="nl_BE")
    assert [g.label.text for g in t.groups] == ["Lopend", "Kapitaal"] and [g.span for g in t.groups] == [2, 2]
    assert cells(t)[1:] == [
        ["Education", "466,0", "(12,5)", "912,9", "n.v.t."],
        ["Health", f"1.200,0{NBSP}(1)", "?", "-", ""],
    ]
    assert t.caption == "bedragen x 1.000 euro" and t.remarks == ("Bron: Rekenhof.",)


def test_a_wide_sheet_with_years_as_columns_and_nested_rows_with_stated_subtotals(project):
    wide = "group,line,2019,2020\nA,a1,1,2\nA,a2,3,4\nA,Total,4,6\nB,b1,5,6\nB,Total,5,6\n"
    t = view_of(project, """\
        data: spending
        rows: {dimension: line, within: group}
        columns: year
        total: {value: Total, label: Subtotal}
    """, data=wide)
    assert cells(t) == [["", "2019", "2020"], ["A"], ["a1", "1", "2"], ["a2", "3", "4"], ["Subtotal", "4", "6"],
                        ["B"], ["b1", "5", "6"], ["Subtotal", "5", "6"]]
    assert [r.section for r in t.rows] == [True, False, False, False, True, False, False]


def test_nested_rows_with_computed_section_totals_and_a_grand_total(project):
    wide = "group,line,2019,2020\nA,a1,1,2\nA,a2,3,4\nB,b1,5,6.5\n"
    t = view_of(project, """\
        data: spending
        rows: {dimension: line, within: {dimension: group, values: [{value: B, label: Groep B}, A]}}
        columns: year
        decimals: stated
        total: computed
        grand_total: {computed: true, label: Grand total}
    """, data=wide)
    assert cells(t)[1:] == [["Groep B"], ["b1", "5", "6.5"], ["Total", "5", "6.5"], ["A"], ["a1", "1", "2"],
                            ["a2", "3", "4"], ["Total", "4", "6"], ["Grand total", "9", "12.5"]]


def test_measures_as_columns_a_text_column_and_units_in_the_header(project):
    data = "code,name,fte,persons\nA1,Agency one,12.5,14\nB2,Agency two,3,3\n"
    t = view_of(project, """\
        data: spending
        rows: code
        text_columns: [{column: name, label: Name}]
        columns: {measures: [{measure: fte, label: Staff, decimals: 1}, {measure: persons, label: Heads}]}
        unit: {kind: fte, show: header}
    """, data=data)
    assert cells(t) == [["", "Name", "Staff FTE", "Heads FTE"], ["A1", "Agency one", "12.5", "14"],
                        ["B2", "Agency two", "3.0", "3"]]
    assert t.lead == 1 and not t.columns[0].numeric


@pytest.mark.parametrize("table, needles", [
    ("data: spending\nrows: department\ncolums: year\n",
     ["line 17", "unknown key 'colums'", "Did you mean 'columns'?", "The keys here are: " + ", ".join(TABLE_KEYS)]),
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\n"
     "text_columns: [{column: type, lable: Type}]\n",
     ["unknown key 'lable' in an entry of 'text_columns'", "Did you mean 'label'?",
      "The keys here are: column, label, notes"]),
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\ndecimals: {defualt: 1}\n",
     ["unknown key 'defualt' in 'decimals'", "Did you mean 'default'?"]),
    ("data: spending\nrows: {dimension: department, values: [Education, Education]}\ncolumns: year\n",
     ["'Education' is listed twice", "Remove one of them."]),
    ("data: spending\nrows: department\ncolumns: {measures: [value, {measure: value, label: Again}]}\n",
     ["'value' is listed twice"]),
    ("data: spending\nrows: {dimension: department, valeus: [Education]}\ncolumns: year\n",
     ["unknown key 'valeus' in 'rows'", "Did you mean 'values'?"]),
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\ngrand_total: computed\n",
     ["'grand_total' is the computed sum of nested rows", "for other tables use 'total:'"]),
    ("data: spending\nrows: departmnt\ncolumns: year\nwhere: {type: resource}\n",
     ["'departmnt' is not a column of data/spending.csv", "Did you mean 'department'?"]),
    ("data: spending\nrows: {dimension: department, values: [Educaton]}\ncolumns: year\nwhere: {type: resource}\n",
     ["department 'Educaton' is not in data/spending.csv", "Did you mean 'Education'?"]),
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\nunit: {currency: GPB}\n",
     ["'GPB' is not a currency code", "ISO code"]),
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\n"
     "total: {dimension: type, value: all}\n",
     ["the 'total' is over 'type', which the table does not show as its rows"]),
    ("data: spending\nrows: department\ncolumns: year\n",
     ["more than one figure for department 'Education', year '2019–20'", "They differ in 'type'"]),
    # a column decimals: names that the table does not show would leave its figures at the default
    # ('2019-20' is the column 2019–20: financial years are read with the house's dash; '2019-21' is no such year)
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\ndecimals: {columns: {'2019-21': 1}}\n",
     ["decimals: columns: '2019-21' is not one of the table's columns", "Did you mean '2019–20'?"]),
    ("data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\ndecimals: {rows: {Educaton: 1}}\n",
     ["decimals: rows: 'Educaton' is not one of the table's rows", "Did you mean 'Education'?"]),
    # a column total beside column groups: under no group, or adding up different measures
    ("data: spending\nrows: department\ngroups: type\ncolumns: year\ncolumn_total: {value: '2020–21'}\n",
     ["line 15", "the stated column total '2020–21' would stand under none of the column groups"]),
    ("data: spending\nrows: {dimension: department, values: [Education]}\ngroups: {measures: [value]}\n"
     "columns: year\nwhere: {type: resource}\ncolumn_total: computed\n",
     ["line 15", "a column total would add up different measures (the column groups)"]),
])
def test_mistakes_in_a_table_are_named_with_their_place_and_nothing_is_written(project, table, needles):
    reg = register(project, table)
    result = answer_of(project, reg)
    assert_refused(result, project, *needles)
    assert "Traceback" not in result.stderr


def test_a_figure_that_is_not_a_number_names_its_row_and_column(project):
    bad = SPENDING.replace("Health,resource,2019–20,1200", "Health,resource,2019–20,12OO")
    with pytest.raises(DrafterError) as exc:
        view_of(project, "data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\n", data=bad)
    assert "data/spending.csv, row 6, column 'value': '12OO' is not a figure" in str(exc.value)


def test_a_wide_sheet_that_also_has_a_year_column_is_refused(project):
    with pytest.raises(DrafterError) as exc:
        view_of(project, "data: spending\nrows: line\ncolumns: year\n", data="line,year,2019\na,x,1\n")
    assert "are years, so this is a wide sheet, but it also has a column 'year'" in str(exc.value)


def test_a_text_takes_one_figure_of_any_data_set(project):
    from drafter.load.datasets import load_dataset

    (project / "data" / "spending.csv").write_text(SPENDING, encoding="utf-8")
    data = load_dataset("spending", project / "data" / "spending.csv")
    assert data.value(department="Education", type="capital", year="2019–20") == 912.9
    with pytest.raises(DrafterError) as exc:
        data.value(department="Education", year="2019–20")
    assert "more than one row has department 'Education', year '2019–20'" in str(exc.value)


def test_the_example_of_the_template_guide_works(project):
    data = "department,type,year,value,notes\nFinanciën,resource,2019,1250000,\nFinanciën,resource,2020,1300000,raming\n" \
           "Onderwijs,resource,2019,900000,\nOnderwijs,resource,2020,950000,\nOnderwijs,capital,2020,1,\n"
    with open(project / "data" / "notes.yaml", "a", encoding="utf-8") as fh:
        fh.write("raming: Een raming.\n")
    t = view_of(project, """\
        data: spending
        title: Uitgaven per departement
        rows: department
        columns:
          dimension: year
          values: [2019, {value: 2020, label: "2020 (begroting)", notes: [raming]}]
        where: {type: resource}
        corner: Departement
        unit: {currency: EUR, scale: million, data_scale: units}
        decimals: 1
        total: computed
    """, locale="nl_BE", data=data)
    assert cells(t) == [["Departement", "2019", f"2020 (begroting){NBSP}(1)"], ["Financiën", "1,3", f"1,3{NBSP}(1)"],
                        ["Onderwijs", "0,9", "1,0"], ["Totaal", "2,2", "2,3"]]
    assert t.caption == "bedragen in miljoen euro"


WIDE = "department," + ",".join(f"{y}–{str(y + 1)[2:]}" for y in range(2012, 2024)) + "\n" + "".join(
    f"Department number {d} with a long name," + ",".join(str(1000 * d + y) for y in range(12)) + "\n" for d in range(1, 6))


@pytest.mark.parametrize("fit", ["smaller", "landscape"])
def test_a_table_of_thirteen_columns_never_passes_the_margin(project, fit, tmp_path):
    import docx
    from docx.oxml.ns import qn

    from .conftest import pdf_text, render_pdf

    reg = register(project, f"data: spending\nrows: department\ncolumns: year\nfit: {fit}\n"
                   "unit: {currency: EUR, scale: thousand, data_scale: thousand}\n", locale="nl_BE", data=WIDE)
    path = written_answer(project, reg)
    document = docx.Document(str(path))
    tbl = document.tables[0]._tbl
    widths = [int(c.get(qn("w:w"))) for c in tbl.tblGrid.findall(qn("w:gridCol"))]
    sections = document.sections
    if fit == "landscape":  # the table has a landscape page of its own; no empty page after it
        assert [s.orientation for s in sections] == [0, 1]
        page = sections[1]
    else:
        assert len(sections) == 1
        page = sections[0]
    assert len(widths) == 13 and sum(widths) <= (page.page_width - page.left_margin - page.right_margin) / 635
    assert [c.text for c in document.tables[0].rows[1].cells][:2] == ["Department number 1 with a long name", "1.000"]
    text = pdf_text(render_pdf(path, tmp_path))
    assert "2023–" in text and "5.011" in text  # the last column is on the page


def test_shares_are_figures_too_with_the_unit_in_each_row_label(project):
    reg = project / "data" / "s.yaml"
    reg.write_text(textwrap.dedent("""\
        locale: nl_BE
        questions:
          - zittingsjaar: 2019-2020
            number: 1
            date: null
            asker: N.N.
            minister: {name: N.N., title: N.N.}
            title: T - T
            template: algemeen.docx
            data: {shares: support_by_size.csv}
            subquestions: {1: "Vraag"}
            tables:
              t:
                data: shares
                rows: {dimension: size, values: [{value: kmo, label: Kmo's}, {value: groot, label: Grote}]}
                columns: {measures: [{measure: share, label: Aandeel}]}
                unit: {kind: persons, show: rows}
            answer:
              parts:
                - number: 1
                  table: t
        """), encoding="utf-8")
    loaded = load_register(reg)
    t = build_view(loaded, loaded.questions[0], load_notes(None)).context["tables"]["t"]
    assert cells(t) == [["", "Aandeel"], ["Kmo's (aantal personen)", "45"], ["Grote (aantal personen)", "55"]]


def test_check_warns_when_a_stated_total_of_any_table_does_not_add_up(project):
    data = "service,plan,outturn\nA,100,10\nB,200,20\nTotal,310,30\n"
    reg = register(project, """\
        data: spending
        rows: service
        columns: {measures: [plan, outturn]}
        total: {value: Total}
    """, data=data)
    result = run_cli("check", "--register", str(reg), "--templates", str(project / "answer_templates"))
    assert result.exit_code == 0, result.output
    assert ("warning: data/spending.csv, row 4, column 'plan': table 't': the rows for plan add up to 300, "
            "but the total 'Total' says 310") in result.stdout + result.stderr
    assert "outturn add up" not in result.stdout + result.stderr  # 30 = 10 + 20


def test_check_counts_a_note_called_from_any_data_file_as_used(project):
    reg = register(project, "data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\n")
    result = run_cli("check", "--register", str(reg), "--templates", str(project / "answer_templates"))
    assert result.exit_code == 0, result.output
    assert "'bron' is not used" not in result.stdout


def test_a_budget_file_answers_the_general_form_too(project):
    from tests.test_tables_and_notes import view_of as budget_view

    t = budget_view(project, """\
        data: budget
        rows: {dimension: line, values: [{value: ibn, label: IBN}, {value: speerpuntclusters, label: Speerpunt}]}
        columns: {dimension: year, values: [2016]}
        where: {kind: VAK}
        unit: {currency: EUR, scale: million}
        decimals: 3
        total: {value: clusters, label: Totaal clusters}
    """).context["tables"]["t"]
    assert cells(t)[1:] == [["IBN", "6,750"], ["Speerpunt", "7,500"], ["Totaal clusters", f"14,250{NBSP}(1)"]]
    assert t.caption == "bedragen in miljoen euro"


def test_the_measure_is_the_one_column_of_figures_when_the_table_names_none(project):
    t = view_of(project, "data: spending\nrows: region\ncolumns: year\n",
                data="region,year,inhabitants\nVlaanderen,2020,6629143\nBrussel,2020,1218255\n", locale="nl_BE")
    assert cells(t) == [["", "2020"], ["Vlaanderen", "6.629.143"], ["Brussel", "1.218.255"]]


def test_percentages_in_every_cell_in_the_answer_s_language(project):
    data = "size,share\nkmo,45\ngroot,55.5\n"
    t = view_of(project, "data: spending\nrows: size\ncolumns: {measures: [{measure: share, label: Aandeel}]}\n"
                "unit: percent\ndecimals: 1\n", data=data, locale="fr_BE")
    assert cells(t)[1:] == [["kmo", f"45,0{NBSP}%"], ["groot", f"55,5{NBSP}%"]]


def test_a_table_of_thousands_of_rows_is_written_whole(project):
    """A table's XML is built from the data, not by the template: however long it is, the
    sandbox's budget for texts a template builds (a million characters) does not refuse it."""
    import docx

    rows = 6_000  # some 1.5 million characters of table XML
    data = "department,year,value\n" + "".join(f"Office {i:05d},2019–20,{i * 7}\n" for i in range(rows))
    reg = register(project, "data: spending\nrows: department\ncolumns: year\n", data=data)
    path = written_answer(project, reg)
    table = docx.Document(str(path)).tables[0]
    assert len(table.rows) == rows + 1
    assert [c.text for c in table.rows[1].cells] == ["Office 00000", "0"]
    assert [c.text for c in table.rows[-1].cells] == [f"Office {rows - 1:05d}", f"{(rows - 1) * 7:,}"]


def test_a_table_changed_by_a_filter_is_an_error_not_a_lost_table(project):
    from .conftest import files_in

    reg = register(project, "data: spending\nrows: department\ncolumns: year\nwhere: {type: resource}\n")
    template = project / "answer_templates" / "t.docx"
    import docx

    d = docx.Document(str(project / "answer_templates" / "algemeen.docx"))
    d.add_paragraph("{{ table('t') | upper }}")
    d.save(str(template))
    text = reg.read_text(encoding="utf-8").replace("template: algemeen.docx", "template: t.docx")
    reg.write_text(text, encoding="utf-8")
    result = answer_of(project, reg)
    assert result.exit_code == 1, result.output
    assert "t.docx" in result.output and "{{p table('name') }}" in result.output
    assert not (project / "out").exists() or files_in(project / "out") == []


def test_a_column_total_beside_column_groups_has_its_header_down_both_header_rows(project):
    """Each header row covers every column of the grid: the total, under no group, is headed
    by one cell merged down the two rows (as the corner is), not left out of the first."""
    import docx
    from docx.oxml.ns import qn

    data = SPENDING.replace(",n/a,", ",7,").replace(",—,", ",8,").replace(",..,", ",9,").replace(",,\n", ",10,\n")
    reg = register(project, "data: spending\nrows: department\ngroups: type\ncolumns: year\ncolumn_total: computed\n",
                   locale="nl_BE", data=data)
    path = written_answer(project, reg)
    table = docx.Document(str(path)).tables[0]
    tbl = table._tbl
    grid = len(tbl.tblGrid.findall(qn("w:gridCol")))
    for tr in tbl.findall(qn("w:tr")):
        spans = [int(s.get(qn("w:val"))) if (s := tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")) is not None else 1
                 for tc in tr.findall(qn("w:tc"))]
        assert sum(spans) == grid == 6
    first, second = tbl.findall(qn("w:tr"))[:2]
    total_head, under = first.findall(qn("w:tc"))[-1], second.findall(qn("w:tc"))[-1]
    assert total_head.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}").get(qn("w:val")) == "restart"
    assert under.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") is not None
    assert [c.text for c in table.rows[0].cells] == ["", "resource", "resource", "capital", "capital", "Totaal"]
    assert [c.text for c in table.rows[2].cells] == ["Education", "466", "-13", "913", "7", "1.373"]


def _workbook_register(project, table_yaml: str, sheet_rows: list[tuple]):
    """A register whose table reads the sheet 'Doelgroep' of a workbook with these rows."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Doelgroep"
    for row in sheet_rows:
        sheet.append(row)
    book.save(project / "data" / "maatwerk.xlsx")
    reg = register(project, table_yaml, locale="nl_BE")
    reg.write_text(reg.read_text(encoding="utf-8").replace("spending.csv", "maatwerk.xlsx#Doelgroep"),
                   encoding="utf-8")
    return reg


def test_an_ordinary_sheet_keeps_its_column_names_even_a_dutch_one_the_shares_table_knows(project):
    # 'aandeel' is a shares table's share only in a shares table (categories, share, label): a
    # sheet with columns of its own is a table of figures, its columns named as in the file
    rows = [("doelgroep", "werknemers", "aandeel"), ("Arbeidshandicap", 14523, 52.3), ("Andere", 1335, 4.8)]
    path = written_answer(project, _workbook_register(project, """\
        data: spending
        rows: doelgroep
        columns: {measures: [werknemers, {measure: aandeel, decimals: 1, sum: false}]}
        total: computed
    """, rows))
    import docx

    cells = [[c.text for c in r.cells] for r in docx.Document(str(path)).tables[0].rows]
    assert cells[1:] == [["Arbeidshandicap", "14.523", "52,3"], ["Andere", "1.335", "4,8"], ["Totaal", "15.858", ""]]


def test_a_column_the_table_names_that_a_sheet_lacks_names_the_sheet(project):
    rows = [("doelgroep", "werknemers", "aandeel"), ("Andere", 1335, 4.8)]
    reg = _workbook_register(project, "data: spending\nrows: doelgroep\ncolumns: {measures: [share]}\n", rows)
    assert_refused(answer_of(project, reg), project,
                   "'share' is not a column of data/maatwerk.xlsx, sheet 'Doelgroep'",
                   "doelgroep, werknemers, aandeel")


@pytest.mark.parametrize("header", ["noten", "Notes", "noot"])
def test_the_notes_column_of_any_sheet_is_read_however_it_is_named(project, header):
    rows = [("provincie", "2022", "2023", header), ("Antwerpen", 42, 43, ""), ("Brussel", 4, 4, "bron")]
    path = written_answer(project, _workbook_register(project, "data: spending\nrows: provincie\ncolumns: year\n",
                                                      rows))
    import docx

    document = docx.Document(str(path))
    cells = [[c.text for c in r.cells] for r in document.tables[0].rows]
    assert cells[2] == ["Brussel", f"4{NBSP}(1)", f"4{NBSP}(1)"]
    assert any(p.text.endswith("Source: departmental accounts.") for p in document.paragraphs)


@pytest.mark.parametrize("headers, needle", [
    (("provincie", "2022", "note"), "the column 'note' looks like the notes column"),
    (("provincie", "2022", "notes", "noten"), "the columns 'notes', 'noten' would both be the notes column"),
])
def test_a_column_clearly_meant_as_the_notes_is_never_silently_ignored(project, headers, needle):
    rows = [headers, ("Brussel", 4, "bron", "")[:len(headers)]]
    reg = _workbook_register(project, "data: spending\nrows: provincie\ncolumns: year\n", rows)
    assert_refused(answer_of(project, reg), project, "data/maatwerk.xlsx", "sheet 'Doelgroep', row 1, column", needle)


def test_the_paragraph_that_introduces_a_short_table_keeps_with_its_caption_and_the_table(project):
    # "... als volgt:" left alone at the foot of a page, its table on the next, reads as cut off
    reg = register(project, "data: spending\ntitle: Uitgaven\nrows: department\ncolumns: year\n"
                            "where: {type: resource}\nunit: {currency: GBP, scale: million, show: line}\n")
    text = reg.read_text(encoding="utf-8").replace(
        "        - number: 1\n          table: t\n",
        "        - number: 1\n          text: 'Vooraf.'\n        - number: 2\n"
        "          text: 'De uitgaven waren als volgt:'\n          table: t\n")
    reg.write_text(text.replace('subquestions: {1: "Vraag"}', 'subquestions: {1: "Vraag", 2: "Vraag"}'),
                   encoding="utf-8")
    import docx

    paragraphs = docx.Document(str(written_answer(project, reg))).paragraphs
    kept = {p.text: bool(p.paragraph_format.keep_with_next) for p in paragraphs}
    lead_in = next(t for t in kept if t.endswith("als volgt:"))
    assert kept[lead_in] and kept["Uitgaven"], kept
    assert not kept[next(t for t in kept if t.endswith("Vooraf."))]

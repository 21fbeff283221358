"""The example answers beyond the seed (questions 5-7): general template, a table designed
in Word with two header rows, another locale and note style. Read back cell by cell."""

from __future__ import annotations

import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from drafter.load.register import load_register
from drafter.word import styles

from .conftest import copy_project, need_libreoffice, pdf_text, render_pdfs, run_in, validate_docx

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("general"))
    made = {}
    for number in (5, 6, 7, 8):
        result = run_in(project, "answer", "--question", str(number))
        assert result.exit_code == 0, result.output
        made[number] = next((project / "out").glob(f"antwoord-2019-2020-vraag-{number}-*.docx"))
    return made


def table_texts(table):
    return [[c.text for c in row.cells] for row in table.rows]


def paragraphs(document):
    return [(p.style.name, p.text) for p in document.paragraphs]


def test_general_template_split_table_with_stated_total(answers):
    d = docx.Document(str(answers[5]))
    texts = paragraphs(d)
    assert texts[:4] == [
        (styles.MINISTER_NAME, "N.N."),
        (styles.MINISTER_TITLE, "N.N."),
        (styles.ANSWER_TITLE, "ANTWOORD"),
        (styles.ANSWER_REFERENCE, "op vraag nr. 5 van [datum onbekend] van N.N."),
    ]
    assert (styles.ANSWER_NUMBER, "1.\tDe clustersteun van 2016 was als volgt verdeeld:") in texts
    assert (styles.TABLE_CAPTION, "Clustersteun 2016 (VAK) (bedragen in miljoen euro)") in texts
    assert table_texts(d.tables[0]) == [
        ["", "VAK"],
        ["Innovatieve bedrijfsnetwerken (IBN)", "6,750"],
        ["Speerpuntclusters", "7,500"],
        ["Totaal clusters", f"14,250{NBSP}(1)"],
    ]
    assert d.tables[0].style.name == styles.TABLE
    assert d.tables[0].rows[-1].cells[1].paragraphs[0].style.name == styles.TABLE_TOTAL_NUMBER
    # the combined answer, a note called in the text, and the bullets
    assert (styles.ANSWER_HEADING, "Antwoord op vragen 2 en 3") in texts
    assert any(t.startswith(f"Het vereffeningskrediet voor de clusters werd in 2016 en 2017 niet apart gebudgetteerd{NBSP}(2).")
               for _, t in texts)
    assert table_texts(d.tables[1]) == [["", f"VEK bedrijfssteun{NBSP}(2)"], ["2016", "145.585"], ["2017", "102.493"]]
    assert [t for s, t in texts if s == styles.LIST_BULLET] == ["O&O projecten", "KMO projecten", "clustersteun", "VIS"]
    notes = [t for s, t in texts if s == styles.TABLE_NOTE]
    assert [n[:4] for n in notes] == ["(1)\t", "(2)\t"]
    assert "6,750 mln euro voor IBN" in notes[0]


def test_figures_come_from_the_data(project):
    csv = project / "data" / "budget.csv"
    csv.write_text(csv.read_text().replace("ibn,2016,VAK,6750000", "ibn,2016,VAK,6800000"))
    reg = project / "data" / "questions.yaml"
    reg.write_text(reg.read_text().replace("budget: budget.xlsx", "budget: budget.csv"))
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 0, result.output
    d = docx.Document(str(next((project / "out").glob("*vraag-5-*.docx"))))
    assert d.tables[0].rows[1].cells[1].text == "6,800"
    assert "6,800 mln euro voor IBN" in d.paragraphs[-1].text or any(
        "6,800 mln euro voor IBN" in p.text for p in d.paragraphs)


def test_word_designed_table_with_two_header_rows(answers):
    d = docx.Document(str(answers[6]))
    table = d.tables[0]
    texts = table_texts(table)
    assert texts[0] == ["", "Clusters", "Clusters", "Bedrijfssteun"]  # "Clusters" spans two columns
    assert texts[1] == ["", "VAK", "VEK", "VEK"]
    assert texts[2:] == [
        ["2016", f"14.250.000{NBSP}(1)", "(2)", "145.585.000"],
        ["2017", "58.000.000", "(2)", "102.493.000"],
    ]
    header_rows = [r for r in table.rows if r._tr.trPr is not None and r._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 2
    assert table.rows[0]._tr.findall(qn("w:tc"))[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    notes = [p.text for p in d.paragraphs if p.style.name == styles.TABLE_NOTE]
    assert [n[:3] for n in notes] == ["(1)", "(2)"]


def test_french_house_style_superscript_calls_and_lists_that_restart(answers):
    d = docx.Document(str(answers[7]))
    texts = paragraphs(d)
    assert (styles.ANSWER_TITLE, "RÉPONSE") in texts
    assert (styles.ANSWER_REFERENCE, "à la question n° 7 du [date inconnue] de N.N.") in texts
    assert (styles.TABLE_CAPTION, "Montants en milliers d’euros") in texts
    assert table_texts(d.tables[0]) == [
        ["", "2016", "2017", "2018"],
        ["Crédits d’engagement", f"14{NNBSP}2501", f"58{NNBSP}000", f"58{NNBSP}000"],
        ["Crédits de liquidation", "2", "2", f"45{NNBSP}800"],
    ]
    # the calls are raised runs in the Note Reference style, not digits in the text
    cell = d.tables[0].rows[1].cells[1].paragraphs[0]
    assert [(r.text, r.style.name) for r in cell.runs] == [(f"14{NNBSP}250", "Default Paragraph Font"), ("1", styles.NOTE_REFERENCE)]
    assert d.styles[styles.NOTE_REFERENCE].font.superscript
    assert any("Environ 45 pour cent du soutien est allé aux PME, 55 pour cent aux grandes entreprises." in t for _, t in texts)
    # the notes in the answer's language, with the figures in its format
    notes = [t for s, t in texts if s == styles.TABLE_NOTE]
    assert notes[0].startswith("1\tLes 14,250 millions d’euros de soutien aux clusters se répartissaient en 6,750")
    items = [p for p in d.paragraphs if p.style.name == styles.LIST_NUMBER]
    assert len(items) == 5
    num_ids = [p._p.pPr.numPr.numId.val for p in items]
    assert num_ids[0] == num_ids[1] == num_ids[2] and num_ids[3] == num_ids[4] and num_ids[0] != num_ids[3]
    numbering = d.part.numbering_part.element
    for num_id in {num_ids[0], num_ids[3]}:
        num = [n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id)][0]
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"
    abstract = {n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val")) for n in numbering.findall(qn("w:num"))}
    assert abstract[str(num_ids[0])] != abstract[str(num_ids[3])]  # a fresh abstract numbering per list
    lang = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "fr-BE"


def test_notes_as_real_footnotes(answers):
    from docx2python import docx2python

    with docx2python(str(answers[8])) as d:
        notes = [" ".join(t.split()) for t in _flat(d.footnotes) if t.strip()]
        body = "\n".join(_flat(d.body))
    notes = [n.split(")", 1)[1].strip() for n in notes]
    assert [n[:40] for n in notes] == [
        "In 2014 en 2015 was er nog geen budget v",
        "De 14,250 miljoen euro aan clustersteun ",
        "In 2016 en 2017 vormde de clustersteun e",
        "Jaarverslag 2018 van het Agentschap Inno",
    ]
    assert "6,750 mln euro voor IBN" in notes[1]
    # one footnote per note: the 2014 VAK cell holds the footnote, later cells refer to it
    assert body.count("----footnote") == 4
    assert "Innoveren en Ondernemen----footnote" in body
    d = docx.Document(str(answers[8]))
    assert not any(p.style.name == styles.TABLE_NOTE for p in d.paragraphs)  # nothing printed under the table
    assert d.tables[0].rows[3].cells[1].text.startswith("14.250.000")


def _flat(nested):
    if isinstance(nested, str):
        return [nested]
    return [s for item in nested for s in _flat(item)]


@pytest.mark.parametrize("number", [5, 6, 7, 8])
def test_valid_office_open_xml(answers, number):
    validate_docx(answers[number])


def test_all_render_in_libreoffice(answers, tmp_path):
    render_pdfs(answers.values(), tmp_path)
    for number, path in answers.items():
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists(), f"question {number} did not render"
        text = " ".join(pdf_text(pdf).split())
        assert {5: "Totaal clusters 14,250 (1)", 6: "2016 14.250.000 (1) (2) 145.585.000",
                7: "Réponse aux questions 2 et 3", 8: "(VLAIO), pagina 9."}[number] in text.replace(NBSP, " ")
        if number == 7:  # both numbered lists start at 1
            assert "1. les KPI" in text and "1. la présence" in text


def test_templates_saved_again_by_libreoffice_give_valid_answers(project, tmp_path):
    """Colleagues edit templates in an office suite: every answer must stay valid Word."""
    from .conftest import run_in as run

    exe = need_libreoffice()
    folder = project / "answer_templates"
    templates = sorted(folder.glob("*.docx"))
    saved = tmp_path / "saved"
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(saved), *map(str, sorted(folder.glob("*.docx")))],
                   capture_output=True, timeout=300, check=False)
    for template in saved.glob("*.docx"):
        (folder / template.name).write_bytes(template.read_bytes())
    assert len(list(saved.glob("*.docx"))) == len(templates) >= 6  # every template, the new layouts too
    result = run(project, "batch", "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = sorted((project / "out").glob("*.docx"))
    assert len(made) == len(load_register(project / "data" / "questions.yaml").questions) >= 7
    for path in made:
        validate_docx(path)


def test_a_table_from_data_inside_a_table_cell_ends_the_cell_with_a_paragraph(project):
    from .conftest import run_in as run

    path = project / "answer_templates" / "gegroepeerde-kop.docx"
    d = docx.Document(str(path))
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = '{{p table("kredieten") }}'
    d.save(str(path))
    result = run(project, "answer", "-q", "6")
    assert result.exit_code == 0, result.output
    answer = next((project / "out").glob("*.docx"))
    outer = docx.Document(str(answer)).tables[-1]
    tc = outer._tbl.findall(qn("w:tr"))[0].findall(qn("w:tc"))[0]
    assert tc[-1].tag == qn("w:p") and tc.find(qn("w:tbl")) is not None
    validate_docx(answer)


def test_notes_of_a_table_with_column_groups_follow_reading_order(project):
    from .conftest import run_in as run

    csv = project / "data" / "budget.csv"
    text = csv.read_text()
    text = text.replace("bedrijfssteun,2016,VEK,145585000,,", "bedrijfssteun,2016,VEK,145585000,,opsplitsing_2016")
    text = text.replace("clusters,2017,VAK,58000000,,", "clusters,2017,VAK,58000000,,geen_clusterbudget")
    csv.write_text(text)
    result = run(project, "answer", "-q", "6")
    assert result.exit_code == 0, result.output
    d = docx.Document(str(next((project / "out").glob("*.docx"))))
    assert table_texts(d.tables[0])[2:] == [
        ["2016", f"14.250.000{NBSP}(1)", "(2)", f"145.585.000{NBSP}(1)"],
        ["2017", f"58.000.000{NBSP}(3)", "(2)", "102.493.000"],
    ]
    notes = [p.text[:4] for p in d.paragraphs if p.style.name == styles.TABLE_NOTE]
    assert notes == ["(1)\t", "(2)\t", "(3)\t"]  # every note called is printed, once


def test_a_table_with_column_groups_from_data_in_one_tag(project):
    from .conftest import run_in as run

    reg = project / "data" / "questions.yaml"
    text = reg.read_text()
    start = text.index("    number: 6\n")
    text = text[:start] + text[start:].replace("template: gegroepeerde-kop.docx", "template: algemeen.docx", 1)
    reg.write_text(text)
    result = run(project, "answer", "-q", "6")
    assert result.exit_code == 0, result.output
    path = next((project / "out").glob("*.docx"))
    d = docx.Document(str(path))
    table = d.tables[0]
    assert table_texts(table)[:2] == [["", "Clusters", "Clusters", "Bedrijfssteun"], ["", "VAK", "VEK", "VEK"]]
    first = table.rows[0]._tr.findall(qn("w:tc"))
    assert first[0].tcPr.find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    assert first[1].tcPr.find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert table.rows[0].cells[1].paragraphs[0].style.name == styles.TABLE_HEADING_GROUP
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is not None for r in table.rows[:2])
    validate_docx(path)


def test_braces_and_marker_like_text_from_the_register_appear_exactly_as_written(project):
    """drafter's own markers in a rendered part ('{_{' for a literal '{{', a paragraph's
    '{#- drafterloc N #}') are taken out only where the template has them, never from a text."""
    from drafter import oxml

    typed = "Zie {_{ x }_} en {_% y %_}, {#- drafterloc 12 #} en }_} {{ '{_{' }} {a}."
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    start = "      preamble: >-\n        Vooreerst een verduidelijking."
    assert start in text
    register.write_text(text.replace(start, "      preamble: >-\n        {% raw %}" + typed + "{% endraw %}"
                                     " {{ '{_{' }} Vooreerst een verduidelijking.", 1), encoding="utf-8")
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    (answer,) = (project / "out").glob("*.docx")
    with zipfile.ZipFile(answer) as z:
        body = oxml.parse(z.read("word/document.xml"))
    paragraphs = ["".join(p.itertext()) for p in body.iter(oxml.qn("w:p"))]
    assert any(p.startswith(typed + " {_{ Vooreerst een verduidelijking.") for p in paragraphs), paragraphs[:12]
    validate_docx(answer)

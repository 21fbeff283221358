"""`drafter answer --question 4` reproduces the seed answer exactly, as clean Word."""

from __future__ import annotations

import re
import zipfile

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from drafter.word import styles

from . import seed
from .conftest import SEED_DIR, files_in, pdf_text, render_pdf, run_in, validate_docx

NBSP = "\u00a0"


def norm(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace(NBSP, " ").split())


@pytest.fixture(scope="module")
def answer_path(tmp_path_factory):
    from .conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("seed"))
    with pytest.MonkeyPatch.context() as patch:  # the module's tests share one answer, made in its project
        patch.chdir(project)
        result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 0, result.output
    made = list((project / "out").glob("*.docx"))
    assert [p.name for p in made] == ["antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"]
    assert result.stdout.splitlines()[0] == f"wrote out/{made[0].name}"
    return made[0]


@pytest.fixture(scope="module")
def document(answer_path):
    return docx.Document(str(answer_path))


def body_paragraphs(document):
    return [p for p in document.paragraphs]


def test_header_and_answers_in_order(document):
    texts = [norm(p.text) for p in body_paragraphs(document)]
    expected = [
        "N.N.",
        "N.N.",
        "ANTWOORD",
        "op vraag nr. 4 van [datum onbekend] van N.N.",
        seed.PREAMBLE,
        seed.ANSWERS[1],
        *seed.NOTES,
        seed.AFTER_TABLE,
        seed.ANSWERS[2],
        seed.ANSWERS[3],
        seed.ANSWERS[4],
    ]
    assert texts == [norm(t) for t in expected]


def test_named_styles_and_no_direct_formatting(document):
    by_text = {norm(p.text)[:12]: p for p in body_paragraphs(document)}
    assert by_text["ANTWOORD"].style.name == styles.ANSWER_TITLE
    assert by_text["op vraag nr."].style.name == styles.ANSWER_REFERENCE
    numbered = [p for p in body_paragraphs(document) if p.style.name == styles.ANSWER_NUMBER]
    assert [norm(p.text)[:2] for p in numbered] == ["1.", "2.", "3.", "4."]
    notes = [p for p in body_paragraphs(document) if p.style.name == styles.TABLE_NOTE]
    assert [norm(p.text)[:3] for p in notes] == ["(1)", "(2)", "(3)"]
    for p in document.paragraphs:
        for run in p.runs:
            assert run._r.rPr is None, f"direct run formatting in {p.text[:40]!r}"


def test_table_cells_match_the_seed(document):
    assert len(document.tables) == 1
    table = document.tables[0]
    assert table.style.name == styles.TABLE
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert [[norm(c) for c in row] for row in cells] == seed.TABLE
    # value and note call stay on one line
    assert cells[3][1] == f"14.250.000{NBSP}(2)"
    assert cells[1][1] == f"n.v.t.{NBSP}(1)"


def test_numbers_right_aligned_header_repeats_table_kept_with_notes(document):
    table = document.tables[0]
    for r, row in enumerate(table.rows):
        trpr = row._tr.trPr
        assert trpr is not None and trpr.find(qn("w:cantSplit")) is not None
        if r == 0:
            assert trpr.find(qn("w:tblHeader")) is not None
        for c, cell in enumerate(row.cells):
            para = cell.paragraphs[0]
            if c > 0:
                assert para.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT or (
                    para.style.base_style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
                )
            assert para._p.pPr.find(qn("w:keepNext")) is not None
    tbl = table._tbl
    intro = tbl.getprevious()
    assert intro.pPr.find(qn("w:keepNext")) is not None
    notes = []
    nxt = tbl.getnext()
    while nxt is not None and norm("".join(t.text or "" for t in nxt.iter(qn("w:t")))).startswith("("):
        notes.append(nxt)
        nxt = nxt.getnext()
    assert len(notes) == 3
    assert all(n.pPr.find(qn("w:keepNext")) is not None for n in notes[:-1])
    assert notes[-1].pPr.find(qn("w:keepNext")) is None


def test_properties_and_language(answer_path, document):
    props = document.core_properties
    assert props.title == "Bedrijfsclusters - Subsidies"
    assert props.subject == "Antwoord op schriftelijke vraag nr. 4 (2019-2020)"
    assert props.author == "N.N."
    assert props.author != "python-docx" and props.created is None
    assert props.language == "nl-BE"
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "nl-BE"
    names = zipfile.ZipFile(answer_path).namelist()
    assert "docProps/thumbnail.jpeg" not in names and "word/stylesWithEffects.xml" not in names


def test_valid_office_open_xml(answer_path):
    validate_docx(answer_path)


def test_every_paragraph_and_row_is_in_the_seed_file(document):
    seed_files = sorted(SEED_DIR.glob("*.txt"))
    if not seed_files:
        # tests/seed.py holds the same values, so every other test still compares with the seed
        pytest.skip(f"the seed file is not beside this checkout ({SEED_DIR})")
    seed_text = norm(seed_files[0].read_text(encoding="utf-8"))
    for p in body_paragraphs(document)[4:]:  # the header is not in the seed
        assert norm(p.text) in seed_text, p.text[:80]
    for row in document.tables[0].rows[1:]:
        assert norm(" ".join(c.text for c in row.cells)) in seed_text
    assert norm("VAK budget VEK budget") in seed_text


def test_renders_in_libreoffice(answer_path, tmp_path):
    pdf = render_pdf(answer_path, tmp_path)
    text = norm(pdf_text(pdf))
    for row in seed.TABLE[1:]:
        assert norm(" ".join(row)) in text
    assert "Circa 45% van de steun was bestemd voor kmo’s" in text
    assert files_in(tmp_path)  # the PDF is there
    assert re.search(r"\(3\) In 2016 en 2017 vormde de clustersteun", text)


def test_a_template_saved_again_by_libreoffice_still_gives_the_seed_answer(project, tmp_path):
    """A colleague opens the template in an office suite and saves it: the answer must not change."""
    import subprocess

    from .conftest import need_libreoffice

    exe = need_libreoffice()
    saved = tmp_path / "saved"
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(saved), str(project / "answer_templates" / "bedrijfsclusters.docx")],
                   capture_output=True, timeout=180, check=False)
    resaved = saved / "bedrijfsclusters.docx"
    assert resaved.exists()
    (project / "answer_templates" / "bedrijfsclusters.docx").write_bytes(resaved.read_bytes())
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 0, result.output
    path = next((project / "out").glob("*.docx"))
    d = docx.Document(str(path))
    assert [[norm(c.text) for c in row.cells] for row in d.tables[0].rows] == seed.TABLE
    notes = [p for p in d.paragraphs if p.style.name == styles.TABLE_NOTE]
    assert [norm(p.text) for p in notes] == [norm(n) for n in seed.NOTES]
    assert all(n._p.pPr.find(qn("w:keepNext")) is not None for n in notes[:-1])
    validate_docx(path)

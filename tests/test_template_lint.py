"""A template's text reaches the answer: every static text of every template in the repo is
found in its answers, and the lint catches text that tag preparation would drop."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from drafter.word import lint

from .conftest import ROOT, copy_project, run_in

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}")
TEMPLATES = sorted(p.name for p in (ROOT / "answer_templates").glob("*.docx"))


def _texts(document) -> list[str]:
    """Every paragraph's text: the body's, the tables' cells', the headers' and footers'."""
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        out += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return out


def _static(text: str) -> list[str]:
    """The pieces of a template paragraph a person typed: what lies between its tags."""
    return [piece.strip() for piece in _TAG.split(text) if piece.strip(" \t.")]


def _questions_using(template: str) -> list[int]:
    register = yaml.safe_load((ROOT / "data" / "questions.yaml").read_text(encoding="utf-8"))
    return [q["number"] for q in register["questions"] if q["template"] == template]


#: Templates no question of the example register uses are tried on a copy of a question in
#: their language: the French Chamber layout on question 7 (French), with the minister's
#: gender its French needs ("à la ministre") and the language it was put in, which the layout prints;
#: the Hansard layout on the Tweede Kamer question 1028.
STAND_INS = {"chambre.docx": (7, "      title: N.N.\n", "      title: N.N.\n      gender: f\n    asked_in: fr\n"),
             # the Hansard layout answers any question; its example questions are in data/published.yaml
             "hansard.docx": (1028, "", ""),
             # a committee's list, on the Tweede Kamer question with the committee its header prints
             "lijst-van-vragen.docx": (1028, "      department: Binnenlandse Zaken en Koninkrijksrelaties\n",
                                       "      department: Binnenlandse Zaken en Koninkrijksrelaties\n"
                                       "    committee: {name: De vaste commissie voor Binnenlandse Zaken, dossier: 36 600,"
                                       " subject: over de brief, chair: Sneller, clerk: Bergman}\n")}


def _answering(template: str, project) -> list[int]:
    """The questions that answer with template in project's register (a stand-in made when none does)."""
    numbers = _questions_using(template)
    if numbers or template not in STAND_INS:
        return numbers
    number, old, new = STAND_INS[template]
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    start = text.index(f"    number: {number}\n")
    end = text.find("\n  - ", start)
    end = len(text) if end < 0 else end
    entry = text[start:end]
    entry = re.sub(r"(\n    template: )\S+", rf"\g<1>{template}", entry, count=1).replace(old, new, 1)
    register.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    return [number]


def _written(result) -> Path:
    """The answer a run of `drafter answer` wrote (its file name follows the register's pattern)."""
    found = re.search(r"wrote (\S+\.docx)", result.stdout)
    assert found, result.output
    return Path(found.group(1))


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_static_text_of_each_template_is_in_its_answers(template, tmp_path):
    pieces = [piece for text in _texts(docx.Document(str(ROOT / "answer_templates" / template)))
              for piece in _static(text)]
    project = copy_project(tmp_path)
    numbers = _answering(template, project)
    assert numbers, f"no question of the example register uses {template}"
    for number in numbers:
        result = run_in(project, "answer", "--question", str(number))
        assert result.exit_code == 0, result.output
        made = project / _written(result)
        answer = "\n".join(_texts(docx.Document(str(made))))
        missing = [piece for piece in pieces if piece not in answer]
        assert missing == [], f"question {number}: static text of {template} missing in the answer: {missing}"


def test_the_templates_have_static_text_to_check():
    # the stock layouts take their words from the answer's language; Hansard's brackets are typed
    assert "[" in _static(docx.Document(str(ROOT / "answer_templates" / "hansard.docx")).paragraphs[3].text)


def test_text_the_preparation_drops_is_an_error_at_its_paragraph():
    paragraphs = [lint.Paragraph("paragraph 1", "ANTWOORD"), lint.Paragraph("paragraph 2", "Vooraf: {{ p }}")]
    prepared = "<w:p><w:r><w:t>ANTWOORD</w:t></w:r></w:p><w:p><w:r><w:t>{{ p }}</w:t></w:r></w:p>"
    problems = lint.dropped(paragraphs, prepared, "answer_templates/x.docx", "the document")
    assert [(p.place, p.message) for p in problems] == [
        ("paragraph 2", "template tag error: text of this paragraph would be dropped when the tags are prepared ('Vooraf')")]
    assert lint.dropped(paragraphs, prepared.replace("{{ p }}", "Vooraf: {{ p }}"), "x.docx", "the document") == []


def test_a_correct_template_passes_the_lint():
    paragraphs = [lint.Paragraph("paragraph 1", "{%p if x %}"), lint.Paragraph("paragraph 2", "{{ a }} en {{ b|num(2) }}"),
                  lint.Paragraph("paragraph 3", "{%p else %}"), lint.Paragraph("paragraph 4", "{% set y = 1 %}{{ y }}"),
                  lint.Paragraph("paragraph 5", "{%p endif %}")]
    assert lint.lint(paragraphs, "x.docx", "the document") == []


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_answer_is_a_plain_word_document(template, tmp_path):
    """The Open XML validators accept a .dotx or .docm content type, so this checks the package itself."""
    import zipfile

    from lxml import etree

    from drafter.oxml import opc

    project = copy_project(tmp_path)
    number = _answering(template, project)[0]
    result = run_in(project, "answer", "--question", str(number))
    assert result.exit_code == 0, result.output
    made = project / _written(result)
    with zipfile.ZipFile(made) as archive:
        names = archive.namelist()
        types = etree.fromstring(archive.read("[Content_Types].xml"))
    assert [opc.unsafe_name(n) for n in names] == [None] * len(names)
    assert not [n for n in names if "vba" in n.lower() or "activex" in n.lower()]
    main = [o.get("ContentType") for o in types if o.get("PartName") == "/word/document.xml"]
    assert main == [opc.DOCUMENT_CT]

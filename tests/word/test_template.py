"""A Word template read, compiled once and rendered: its tables put in as XML and parsed with it."""

from __future__ import annotations

import shutil

import docx
import pytest

from drafter import oxml
from drafter.errors import TemplateProblem
from drafter.load.datasets import load_notes
from drafter.load.register import load_register
from drafter.oxml import opc
from drafter.pipeline import Generator
from drafter.view.answer import build_view, notes_path
from drafter.word import template as templates

from .helpers import ROOT


def general_answer(tmp_path, edit=None):
    """A question answered with the general template (a table printed by table()), the template
    changed first by edit(document) when given: (template, context)."""
    shutil.copytree(ROOT / "answer_templates", tmp_path / "t")
    path = tmp_path / "t" / "algemeen.docx"
    if edit is not None:
        document = docx.Document(str(path))
        edit(document)
        document.save(str(path))
    register = load_register(ROOT / "data" / "questions.yaml")
    q = next(q for q in register.questions if q.template == "algemeen.docx" and q.tables)
    view = build_view(register, q, load_notes(notes_path(register)))
    return templates.load_template(path), view.context


def test_a_table_stands_where_its_tag_stood_in_the_parsed_document(tmp_path):
    template, context = general_answer(tmp_path)
    rendered = template.render(context)
    body = oxml.document.body_of(rendered.document)
    assert len(oxml.table.tables(body)) >= 1
    assert not list(body.iter("drafter-table")) and not list(body.iter("drafter-section-break"))
    assert oxml.local_name(oxml.table.tables(body)[0].getparent()) == "body"


def test_a_block_that_leaves_the_xml_broken_is_the_templates_problem_with_its_cause(tmp_path):
    def break_xml(document):  # a block that opens in a table cell and ends after the table
        table = document.add_table(rows=1, cols=1)
        table.cell(0, 0).paragraphs[0].text = "{% if false %}"
        document.add_paragraph("{% endif %}")

    template, context = general_answer(tmp_path, break_xml)
    with pytest.raises(TemplateProblem) as caught:
        template.render(context)
    assert "the tags make the document's XML unreadable" in caught.value.problems[0].message
    assert isinstance(caught.value.__cause__, oxml.XMLSyntaxError)


def test_a_file_that_is_no_word_document_says_why_and_keeps_the_cause(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"plain text")
    with pytest.raises(TemplateProblem, match="the file is not a valid zip package") as caught:
        templates.read_template_parts(path)
    assert isinstance(caught.value.__cause__, opc.NotAZip)


def test_a_generator_reads_a_template_again_only_when_it_changed(tmp_path):
    shutil.copytree(ROOT / "answer_templates", tmp_path / "t")
    register = load_register(ROOT / "data" / "questions.yaml")
    generator = Generator(register, tmp_path / "t")
    path = tmp_path / "t" / "algemeen.docx"
    first = generator.template(path)
    assert generator.template(path) is first
    document = docx.Document(str(path))
    document.add_paragraph("Nieuw")
    document.save(str(path))
    assert generator.template(path) is not first

"""Templates and texts run in a sandbox: no Python internals, files or environment; values stay text."""

from __future__ import annotations

import docx
import pytest
from jinja2 import TemplateError

from drafter.load import datasets
from drafter.errors import DrafterError
from drafter.view.jinja import text_environment, xml_environment
from drafter.load.register import load_register
from drafter.view.answer import build_view, notes_path

from . import breakage as b
from .conftest import ROOT, files_in, run_in, validate_docx
from .test_bad_input import check_in

ANSWER = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"

#: Known server-side template injection payloads, and drafter's own ways in: a data set's
#: file path and its pandas frame.
PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os }}",
    "{{ config.__class__.__init__.__globals__['os'] }}",
    "{{ config }}",
    "{{ request.application.__globals__.__builtins__ }}",
    "{{ request }}",
    "{{ budget.raw.path }}",
    "{{ budget.raw.path.read_text() }}",
    "{{ budget.raw.path.parent.parent.joinpath('README.md').read_bytes() }}",
    "{{ budget.frame().to_csv('gestolen.csv') }}",
    "{{ budget.raw.frame.to_pickle('gestolen.pkl') }}",
    "{{ evaluation.path.read_text() }}",
    "{{ budget.amount.__func__.__globals__ }}",
    "{{ budget.amount|attr('__globals__') }}",
    "{{ '{0.__class__.__init__.__globals__}'.format(budget) }}",
    "{{ minister.__class__.__mro__ }}",
    "{{ fmt.__class__ }}",
    "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ budget.cells.clear() }}",
    "{{ range(10 ** 10) | list }}",
    "{{ 'a' * 10 ** 9 }}",
    "{{ 9 ** 99999999 }}",
    "{% include 'questions.yaml' %}",
    "{% import 'os' as os %}{{ os }}",
    "{% extends '/etc/passwd' %}",
]


@pytest.fixture(scope="module")
def context():
    register = load_register(ROOT / "data" / "questions.yaml")
    question = register.questions[0]
    return build_view(register, question, datasets.load_notes(notes_path(register))).context


@pytest.mark.parametrize("environment", [xml_environment, text_environment], ids=["template", "text"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_refused(payload, environment, context, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    # what the template and text renderers turn into a message with the place
    with pytest.raises((TemplateError, DrafterError, TypeError, ValueError, ArithmeticError, LookupError)):
        environment().from_string(payload).render(context)
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("payload", PAYLOADS[:8] + PAYLOADS[11:16])
def test_payload_in_a_template_or_a_text_never_leaks_and_writes_nothing(payload, project, monkeypatch):
    monkeypatch.setenv("DRAFTER_SECRET", "s3cr3t-value")
    secret = (project / "data" / "questions.yaml").read_text(encoding="utf-8")[:60]
    b.set_paragraph(project, 16, payload)
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 1 and "internal error" not in result.output
    assert result.stderr.startswith("error: answer_templates/bedrijfsclusters.docx, paragraph 17")
    assert files_in(project / "out") == [] and not list(project.rglob("gestolen*"))
    assert secret not in result.output and "s3cr3t-value" not in result.output

    b.replace_in(project, b.REGISTER, '"{{ evaluation.text }}"', repr(payload).replace("\\'", "''"))
    result = check_in(project)
    assert result.exit_code == 1
    assert f"error: data/questions.yaml, line {b.line_of(project, b.REGISTER, '- number: 4')}: answer part 4" in result.stdout
    assert secret not in result.stdout and "s3cr3t-value" not in result.stdout and not list(project.rglob("gestolen*"))


def test_the_sandbox_still_lets_templates_do_their_work(context):
    env = xml_environment()
    source = ("{% for row in tables.kredieten.rows %}{{ loop.index }}:{{ row.label }} {% endfor %}"
              "{{ answers[1].number }} {{ budget.amount('ibn', 2016, 'VAK') | mln(3) }} "
              "{{ shares.percent('kmo') }} {{ minister.name | upper }} {{ answers.keys() | list | length }} "
              "{{ range(3) | join(',') }} {{ '%s-%s' | format(1, 2) }}")
    assert env.from_string(source).render(context) == (
        "1:2014 2:2015 3:2016 4:2017 5:2018 1 6,750 45% N.N. 4 0,1,2 1-2")


VALUES = {
    "name": 'Jan "Janneke" D’Hondt & Zonen <b>',
    "title": "Minister van Werk & Economie <w:t>\"quoted\"</w:t> 'single' ]]> --> &amp;",
}


def test_values_with_xml_characters_come_out_as_text_and_the_document_stays_valid(project):
    b.replace_in(project, b.REGISTER, "      name: N.N.", f"      name: '{VALUES['name']}'")
    b.replace_in(project, b.REGISTER, "      title: N.N.", f"      title: '{VALUES['title'].replace(chr(39), chr(39) * 2)}'")
    b.replace_in(project, b.SHARES, "kmo,kmo’s,45", 'kmo,"kmo’s & <zelfstandigen>",45')
    b.replace_in(project, b.REGISTER, "De definitieve cijfers voor 2019", "Cijfers <2019> & \"later\"; de definitieve cijfers voor 2019")
    assert check_in(project).exit_code == 0
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 0, result.output
    path = project / "out" / ANSWER
    validate_docx(path)
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[0] == VALUES["name"]
    assert texts[1] == VALUES["title"]
    assert 'Cijfers <2019> & "later"; de definitieve cijfers voor 2019 moeten nog verwerkt worden.' in texts


def test_the_sandbox_remembers_by_type_exactly_what_it_decides_object_by_object(context):
    """The sandbox's answers kept per (type, attribute) (its environment's safe_by_type) are the answers of
    the checks themselves, for every object a template reaches and every kind of name, asked
    twice (the second time from what it kept)."""
    import types
    from pathlib import PurePath

    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from drafter.view import jinja

    def decided(env, obj, attr, value):  # the checks, object by object
        return (ImmutableSandboxedEnvironment.is_safe_attribute(env, obj, attr, value) and jinja._own(obj)
                and not isinstance(value, (PurePath, types.ModuleType, type)))

    table = next(iter(context["tables"].values()))
    objects = [context["question"], context["minister"], context["answer"]["parts"][0], table, table.rows[0],
               table.rows[0].cells[0], context["budget"], context["budget"].raw, context["fmt"], "text", 3, 2.5,
               [1], {"a": 1}, (1,), set(), print, len, type, jinja, PurePath("x"), context["answer"]["parts"][0].blocks]
    names = ["text", "rows", "cells", "raw", "path", "frame", "file", "upper", "format", "append", "clear", "pop",
             "keys", "items", "update", "add", "mro", "__class__", "__init__", "_data", "__globals__", "__func__",
             "number", "title", "amount", "words", "to", "real", "index", "os", "strip", "cells_in_order"]
    for env in (jinja.xml_environment(), jinja.text_environment()):
        for _ in range(2):
            for obj in objects:
                for attr in names:
                    try:
                        value = getattr(obj, attr)
                    except Exception:
                        continue
                    assert env.is_safe_attribute(obj, attr, value) == decided(env, obj, attr, value), (obj, attr)
        assert env.safe_by_type and not any(kind in (types.FunctionType, types.BuiltinFunctionType, type, PurePath)
                                            for kind, _ in env.safe_by_type)

"""The pipeline's Generator: what it reuses between answers, and how its views are freed."""

from __future__ import annotations

import gc

from drafter.load.datasets import DatasetCache, load_notes
from drafter.load.register import load_register
from drafter.pipeline import Generator
from drafter.view.answer import build_view, notes_path
from drafter.view.jinja import TextCompiler


def _generator(project):
    reg = load_register(project / "data" / "questions.yaml")
    return reg, Generator(reg, project / "answer_templates")


def test_a_view_holds_no_cycles_so_dropping_it_frees_it(project):
    """A view, dropped once its answer is written, is freed by its references alone: a batch's
    memory does not grow with the views of the answers made before, waiting for the collector."""
    reg = load_register(project / "data" / "questions.yaml")
    # what the run keeps for its answers, as a Generator does: data read once (its frames hold
    # cycles), texts compiled once (a Jinja2 environment holds cycles)
    notes, data, texts = load_notes(notes_path(reg)), DatasetCache(), TextCompiler()
    for q in reg.questions:
        build_view(reg, q, notes, data.load, texts)
    gc.collect()
    for q in reg.questions:
        view = build_view(reg, q, notes, data.load, texts)
        assert view.context["answer"]["parts"]
        del view
        assert gc.collect() == 0, q.label


def test_a_generator_finds_a_template_as_template_path_does_and_sees_it_change(project, tmp_path):
    from drafter.errors import TemplateProblem
    from drafter.pipeline import template_path

    reg, gen = _generator(project)
    q = reg.find(4, None, None)
    templates = project / "answer_templates"
    general = template_path(q, templates)
    assert gen.template_path(q) == general and gen.template_path(q) == general  # worked out, then reused
    assert gen._template_paths
    # the template replaced by a link to a file outside the folder: refused, as template_path refuses it
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes((templates / q.template).read_bytes())
    (templates / q.template).unlink()
    (templates / q.template).symlink_to(outside)
    for find in (lambda: template_path(q, templates), lambda: gen.template_path(q)):
        try:
            find()
        except TemplateProblem as exc:
            assert "outside the templates folder" in str(exc)
        else:
            raise AssertionError("a template outside the folder was used")
    # and back as a file of its own: found again
    (templates / q.template).unlink()
    (templates / q.template).write_bytes(outside.read_bytes())
    assert gen.template_path(q) == template_path(q, templates) == general


def test_a_data_sets_warnings_are_worked_out_again_when_its_file_changes(project):
    from drafter.pipeline import data_set_warnings, data_warnings

    reg, gen = _generator(project)
    q = reg.find(4, None, None)
    view = build_view(reg, q, gen.notes, gen.datasets.load)
    assert data_warnings(view, gen.data_set_warnings) == data_warnings(view)
    assert data_warnings(view, gen.data_set_warnings) == data_warnings(view)  # from the cache
    before = [w.message for w in data_warnings(view, gen.data_set_warnings)]
    budget = project / "data" / "budget.csv"
    text = budget.read_text(encoding="utf-8")
    assert "ibn,2016,VAK,6750000,clusters," in text
    budget.write_text(text.replace("ibn,2016,VAK,6750000,clusters,", "ibn,2016,VAK,175000,clusters,"), encoding="utf-8")
    changed = build_view(reg, q, gen.notes, gen.datasets.load)  # a split that no longer adds up
    after = [w.message for w in data_warnings(changed, gen.data_set_warnings)]
    assert after == [w.message for w in data_warnings(changed)] and after != before
    for data in changed.data.values():
        assert gen.data_set_warnings(data) == data_set_warnings(data)


def test_a_generator_names_data_files_as_data_file_does(project):
    from drafter.load.tabular import data_file

    reg, gen = _generator(project)
    for q in reg.questions:
        for f in q.data.values():
            assert gen.data_file(f) == data_file(reg.data_dir / f) == gen.data_file(f)
    assert gen.data_file("budget.xlsx#Begroting") == data_file(reg.data_dir / "budget.xlsx#Begroting")


def test_slugs_and_safe_names_are_what_they_were(tmp_path):
    """paths.slug and safe_file_name by regular expression give what they gave character by character."""
    import random
    import unicodedata

    from drafter import paths

    def slug(text, length=None):
        ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
        out = "".join(c if c.isalnum() else "-" for c in ascii_text.lower())
        out = "-".join(part for part in out.split("-") if part)
        return out[:length].strip("-") if length else out

    def clean(stem):
        return "".join("-" if c in paths.WINDOWS_FORBIDDEN or ord(c) < 32 else c for c in stem)

    rng = random.Random(4)
    alphabet = [chr(i) for i in range(400)] + list("éèëçñøßÆŒ—–’ﬁ½²") + list('<>:"/\\|?* -.')
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        for length in (None, 5, 60):
            assert paths.slug(text, length) == slug(text, length), repr(text)
        assert paths._FORBIDDEN_CHARACTER.sub("-", text) == clean(text), repr(text)

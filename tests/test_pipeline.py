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


def test_a_generator_refuses_a_template_linked_from_outside_its_folder_and_sees_it_come_back(project, tmp_path):
    import pytest

    from drafter.errors import TemplateProblem

    reg, gen = _generator(project)
    q = reg.find(4, None, None)
    templates = project / "answer_templates"
    first = gen.generate(q).data
    # the template replaced by a link to a file outside the folder: refused
    outside = tmp_path / "elsewhere.docx"
    outside.write_bytes((templates / q.template).read_bytes())
    (templates / q.template).unlink()
    (templates / q.template).symlink_to(outside)
    with pytest.raises(TemplateProblem, match="outside the templates folder"):
        gen.generate(q)
    # and back as a file of its own: the same answer again
    (templates / q.template).unlink()
    (templates / q.template).write_bytes(outside.read_bytes())
    assert gen.generate(q).data == first


def test_a_long_lived_generator_warns_about_a_data_file_as_it_now_is(project):
    reg, gen = _generator(project)
    q = reg.find(4, None, None)
    before = [w.message for w in gen.generate(q).warnings]
    budget = project / "data" / "budget.csv"
    text = budget.read_text(encoding="utf-8")
    assert "ibn,2016,VAK,6750000,clusters," in text
    budget.write_text(text.replace("ibn,2016,VAK,6750000,clusters,", "ibn,2016,VAK,175000,clusters,"), encoding="utf-8")
    after = [w.message for w in gen.generate(q).warnings]  # a split that no longer adds up
    fresh = [w.message for w in _generator(project)[1].generate(q).warnings]
    assert after == fresh and after != before


def test_a_draft_names_the_files_it_was_made_from(project):
    reg, gen = _generator(project)
    q = reg.find(4, None, None)
    draft = gen.generate(q)
    assert draft.register == reg.path and draft.template == (project / "answer_templates" / q.template).resolve()
    assert draft.data_files == {name: reg.data_dir / f for name, f in q.data.items()}
    assert draft.notes == reg.data_dir / "notes.yaml"


def test_slugs_and_safe_names_are_what_they_were(tmp_path):
    """paths.slug and safe_file_name give what the plain character-by-character rules give."""
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
        assert paths.safe_file_name(text + "x.docx", max_length=1000) == clean(text) + "x.docx", repr(text)

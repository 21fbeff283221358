"""The pipeline's Generator: what it reuses between answers, and how it treats the collector."""

from __future__ import annotations

import gc

from drafter.load.datasets import DatasetCache, load_notes
from drafter.load.register import load_register
from drafter.pipeline import Generator
from drafter.view.answer import build_view, notes_path


def _generator(project):
    reg = load_register(project / "data" / "questions.yaml")
    return reg, Generator(reg, project / "answer_templates")


def test_an_answer_leaves_the_collector_as_it_found_it(project):
    reg, gen = _generator(project)
    q = reg.find(4, None, None)
    assert gc.isenabled()
    first = gen.generate(q).data
    assert gc.isenabled()
    gc.disable()
    try:
        assert gen.generate(q).data == first
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_view_holds_no_cycles_so_dropping_it_frees_it(project):
    """The collector is paused while an answer is made (view.answer.collector_paused): its view,
    dropped at the end, must be freed by its references alone."""
    reg = load_register(project / "data" / "questions.yaml")
    notes, data = load_notes(notes_path(reg)), DatasetCache()  # data read once: its frames hold cycles
    for q in reg.questions:
        build_view(reg, q, notes, data.load)
    gc.collect()
    for q in reg.questions:
        view = build_view(reg, q, notes, data.load)
        assert view.context["answer"]["parts"]
        del view
        assert gc.collect() == 0, q.label

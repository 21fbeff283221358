"""The answer command as a function: what it writes and what it returns, for any caller."""

from __future__ import annotations

import docx
import pytest

from drafter import paths
from drafter.commands.answer import answer
from drafter.commands.verify import FindingStatus
from drafter.errors import DrafterError
from drafter.write.output import Status

from ..conftest import files_in

NAME = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"


def where(project) -> paths.Project:
    return paths.Project.at(project, {"paths": {"register": "data/questions.yaml", "output": "out"}})


def test_written_then_up_to_date(project):
    made = answer(where(project), 4)
    assert made.written.status == Status.WRITTEN and made.written.path == project / "out" / NAME
    assert made.written.path.read_bytes() == made.draft.data and made.draft.file_name == NAME
    assert made.question.number == 4 and made.carry_over == ()
    assert [w.severity for w in made.draft.warnings] == ["warning"]  # the placeholders of the example
    again = answer(where(project), 4)
    assert again.written.status == Status.UNCHANGED and again.draft.data == made.draft.data


def test_an_edited_answer_is_left_alone_and_the_figures_to_carry_over_are_named(project):
    first = answer(where(project), 4).written.path
    document = docx.Document(str(first))
    run = next(r for r in document.tables[0].rows[3].cells[1].paragraphs[0].runs if r.text == "14.250.000")
    run.text = "14.300.000"  # 2016 VAK, by hand
    document.save(str(first))
    edited = first.read_bytes()
    made = answer(where(project), 4)
    assert made.written.status == Status.BESIDE and made.written.existing == first
    assert first.read_bytes() == edited and made.written.path.name.endswith("-nieuwe-versie.docx")
    assert [(f.status, f.now, f.data) for f in made.carry_over] == [(FindingStatus.BY_HAND, "14.300.000",
                                                                     "14.250.000")]


def test_a_question_the_register_lacks_writes_nothing(project):
    with pytest.raises(DrafterError, match="there is no question 17"):
        answer(where(project), 17)
    assert files_in(project / "out") == []

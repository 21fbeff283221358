"""What drafter writes: answers in an output folder of their own, never over an input, never
into a FIFO or a link's target; check --annotate ends with exit 1, never 3, on a file it
cannot read. Each case: exit 1, the file named, nothing in the project written or changed.
"""

from __future__ import annotations

import os

import pytest

from . import breaking as b
from .helpers import Case, run_case

R, T, X = b.REGISTER, b.TEMPLATE, b.WORKBOOK
ANSWER = ("answer", "-q", "4")
#: Where answer -q 4 writes, in the example project.
TARGET = "output/antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
AMONG_INPUTS = "drafter writes answers in an output folder of their own, never among its inputs"
NOT_A_DOCUMENT = "a file of this name exists and is no document drafter can read; it is not replaced"


def _at_target(make):
    return lambda project: make(project / TARGET)


def _broken_workbook(project):
    (project / X).write_bytes(b"PK\x03\x04 cut off in an e-mail")
    b.replace_in(project, R, "      budget: budget.csv\n", "      budget: budget.xlsx\n")


CASES = [
    Case("output-is-the-templates-folder", lambda p: None, (*ANSWER, "--output", "answer_templates"), None, None,
         ("--output answer_templates is in the templates folder", AMONG_INPUTS)),
    Case("output-file-among-the-templates", lambda p: None, (*ANSWER, "--output", "answer_templates/nieuw.docx"),
         None, None, ("is in the templates folder",)),
    Case("batch-output-is-the-data-folder", lambda p: None, ("batch", "--output", "data"), None, None,
         ("--output data is in the data folder (beside the register)",)),
    Case("annotated-copies-among-the-templates", lambda p: None, ("check", "--annotate", "--output", "answer_templates/x"),
         None, None, ("is in the templates folder",)),
    Case("project-output-is-the-data-folder",
         b.replacing(b.PROJECT_FILE, 'output = "output"', 'output = "data"'), ANSWER, None, None,
         ("[paths] output in drafter.toml, data is in the data folder",)),
    Case("output-names-the-register", lambda p: None, (*ANSWER, "--output", "data/questions.yaml"), "data/questions.yaml",
         None, ("cannot create the output folder",)),
    Case("a-fifo-at-the-answers-place", _at_target(os.mkfifo), ANSWER, TARGET, None, (NOT_A_DOCUMENT,)),
    Case("a-folder-at-the-answers-place", _at_target(lambda path: path.mkdir()), ANSWER, TARGET, None, (NOT_A_DOCUMENT,)),
    Case("a-dangling-link-at-the-answers-place", _at_target(lambda path: os.symlink("nergens.docx", path)), ANSWER,
         TARGET, None, (NOT_A_DOCUMENT,)),
    Case("a-link-to-the-register-at-the-answers-place",
         lambda p: os.symlink(p / R, p / TARGET), ANSWER, TARGET, None,
         ("a file of this name exists and drafter did not make it; it is not replaced",)),
    Case("annotate-a-damaged-workbook", _broken_workbook, ("check", "--annotate"), X, None,
         ("not an Excel workbook (.xlsx)",)),
    Case("annotate-a-template-that-is-a-fifo", b.fifo(T), ("check", "--annotate"), T, None,
         ("this is a named pipe (FIFO), not a file",)),
]


def test_the_write_cases_are_many_and_distinct():
    assert len({c.id for c in CASES}) == len(CASES) >= 10


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_nothing_is_written_where_it_must_not_be(case, hostile_project):
    run_case(case, hostile_project)

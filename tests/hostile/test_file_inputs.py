"""Hostile and broken files: every file drafter reads is opened the one safe way.

A FIFO, a folder or a link out of its folder in a file's place, files far too large, zip
packages whose directory lies, XML with entities, YAML nested without end or holding numbers
of thousands of digits, names longer than the system allows: each is refused at once with
its file (and place), exit 1, and nothing in the project written or changed.
"""

from __future__ import annotations

import os

import pytest

from . import breaking as b
from .helpers import Case, at_line, run_case

R, D, T, N, E, X, P = b.REGISTER, b.BUDGET, b.TEMPLATE, b.NOTES, b.EVALUATION, b.WORKBOOK, b.PROJECT_FILE
ANSWER = ("answer", "-q", "4")
CHECK = ("check",)
FIFO = "this is a named pipe (FIFO), not a file"
FOLDER = "this is a folder, not a file"
OUTSIDE = "is a link to a file outside its folder"
LONG = "x" * 300


def _use_workbook(project):
    b.replace_in(project, R, "      budget: budget.csv\n", "      budget: budget.xlsx\n")


def _workbook(change):
    def breaks(project):
        b.rezip(X, change)(project)
        _use_workbook(project)
    return breaks


def _entity_in(part: str):
    def change(parts):
        body = parts[part]
        if body.startswith(b"<?xml"):
            body = body[body.index(b"?>") + 2:].lstrip()
        parts[part] = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;">]>\n' + body
    return change


def _lying_workbook(project):
    b.lying_zip(X, "xl/worksheets/sheet1.xml")(project)
    _use_workbook(project)


def _deep_block(project):
    """A mapping nested 300 levels deep by indentation, inside a question."""
    deep = "".join("    " + "  " * i + f"n{i}:\n" for i in range(300)) + "    " + "  " * 300 + "end: 1\n"
    b.replace_in(project, R, "    title: Bedrijfsclusters - Subsidies\n",
                 "    diep:\n" + "".join("  " + line + "\n" for line in deep.splitlines())
                 + "    title: Bedrijfsclusters - Subsidies\n")


def _deep_dashes(project):
    b.replace_in(project, E, "subject: speerpuntclusters\n",
                 "subject: speerpuntclusters\nlijst:\n  " + "- " * 100_000 + "x\n")


CASES = [
    # -- not a regular file
    Case("register-is-a-fifo", b.fifo(R), ANSWER, R, None, (FIFO,)),
    Case("data-csv-is-a-fifo", b.fifo(D), ANSWER, D, None, (FIFO,)),
    Case("template-is-a-fifo", b.fifo(T), ANSWER, T, None, (FIFO,)),
    Case("notes-is-a-fifo", b.fifo(N), CHECK, N, None, (FIFO,)),
    Case("yaml-data-is-a-fifo", b.fifo(E), CHECK, E, None, (FIFO,)),
    Case("workbook-is-a-fifo", lambda p: (b.fifo(X)(p), _use_workbook(p)), ANSWER, X, None, (FIFO,)),
    Case("project-file-is-a-fifo", b.fifo(P), ANSWER, P, None, (FIFO,)),
    Case("register-is-a-folder", b.folder(R), ANSWER, R, None, (FOLDER,)),
    Case("template-is-a-folder", b.folder(T), CHECK, T, None, (FOLDER,)),
    Case("data-file-is-a-folder", b.folder(b.SHARES), ANSWER, b.SHARES, None, (FOLDER,)),
    Case("project-file-is-a-folder", b.folder(P), CHECK, P, None, (FOLDER,)),
    # -- links out of their folder
    Case("data-links-outside", b.link(D, b.outside_copy(D, "budget.csv")), ANSWER, D, None,
         (OUTSIDE, "Copy the file into the folder")),
    Case("notes-link-outside", b.link(N, b.outside_copy(N, "notes.yaml")), CHECK, N, None, (OUTSIDE,)),
    Case("yaml-data-links-outside", b.link(E, b.outside_copy(E, "evaluation.yaml")), ANSWER, E, None, (OUTSIDE,)),
    Case("data-links-to-a-device", b.link(D, lambda p: "/dev/zero"), CHECK, D, None, (OUTSIDE, "/dev/zero")),
    Case("data-link-goes-round", b.link(D, lambda p: p / D), ANSWER, D, None,
         ("a link that leads round in a circle",)),
    # -- too large, before a byte is read
    Case("register-too-large", b.grow(R, 21), CHECK, R, None, ("the file is too large (21 MB; at most 20 MB)",)),
    Case("notes-too-large", b.grow(N, 21), ANSWER, N, None, ("the file is too large",)),
    Case("template-too-large", b.grow(T, 21, b"\0" * 1024), ANSWER, T, None, ("the file is too large",)),
    Case("project-file-too-large", b.grow(P, 2), CHECK, P, None, ("the file is too large (2 MB; at most 1 MB)",)),
    Case("project-file-not-utf8", lambda p: (p / P).write_bytes((p / P).read_bytes() + b"# caf\xe9\n"), CHECK, P,
         "line ", ("the project file is not UTF-8 text",)),
    # -- zip packages and XML
    Case("workbook-directory-lies", _lying_workbook, ANSWER, X, None,
         ("the package is damaged", "xl/worksheets/sheet1.xml")),
    Case("template-directory-lies", b.lying_zip(T, "word/document.xml"), CHECK, T, None,
         ("the package is damaged", "word/document.xml")),
    Case("workbook-sheet-with-entities", _workbook(_entity_in("xl/worksheets/sheet1.xml")), ANSWER, X,
         "part 'xl/worksheets/sheet1.xml'", ("declares a DTD or entities",)),
    Case("workbook-book-with-entities", _workbook(_entity_in("xl/workbook.xml")), CHECK, X,
         "part 'xl/workbook.xml'", ("declares a DTD or entities",)),
    Case("workbook-cut-in-half", lambda p: ((p / X).write_bytes((p / X).read_bytes()[:3000]), _use_workbook(p)),
         ANSWER, X, None, ("not an Excel workbook (.xlsx)",)),
    # -- YAML nested without end, numbers without end
    Case("register-nested-by-indentation", _deep_block, ANSWER, R, at_line(R, "n60:"),
         ("nested too deeply (more than 64 levels)",)),
    Case("notes-nested-in-brackets", b.replacing(N, "geen_clusterbudget:\n", "diep: " + "[1, " * 50_000 + "1"
                                                 + "]" * 50_000 + "\ngeen_clusterbudget:\n"),
         CHECK, N, "line 5", ("nested too deeply",)),
    Case("yaml-data-nested-in-dashes", _deep_dashes, ANSWER, E, "line 5", ("nested too deeply",)),
    Case("register-number-of-5000-digits", b.replacing(R, "    number: 4\n", "    number: " + "9" * 5000 + "\n"),
         ANSWER, R, at_line(R, "9999999999"), ("a number of 5000 characters, far larger than any figure",)),
    Case("yaml-data-base-60-number", b.replacing(E, "subject: speerpuntclusters\n",
                                                 "subject: speerpuntclusters\nteller: 1" + ":30" * 20_000 + "\n"),
         ANSWER, E, "line 4", ("a number of 60001 characters",)),
    Case("register-infinite-number", b.replacing(R, "questions:\n", "deadlines:\n  internal_days: .inf\nquestions:\n"),
         CHECK, R, at_line(R, "internal_days: .inf"), ("'.inf' is not a number drafter can use",)),
    # -- names longer than the system allows
    Case("project-folder-name-too-long", lambda p: None, ("check", "--project", "/tmp/" + LONG), None, None,
         ("--project cannot be used", "300 bytes long", "at most 255")),
    Case("data-file-name-too-long", b.replacing(R, "budget: budget.csv", f"budget: {LONG}.csv"), ANSWER,
         f"data/{LONG}"[:80], None, ("this path cannot be used", "at most 255")),
    Case("template-name-too-long", b.replacing(R, "template: bedrijfsclusters.docx", f"template: {LONG}.docx"),
         ANSWER, f"answer_templates/{LONG}"[:80], None, ("at most 255",)),
    Case("init-folder-name-too-long", lambda p: None, ("init", LONG), LONG[:80], None,
         ("the folder cannot be used", "at most 255")),
    Case("output-folder-name-too-long", lambda p: None, (*ANSWER, "--output", f"output/{LONG}"), f"output/{LONG}",
         None, ("cannot create the output folder (the name is longer than the system allows)",)),
]


def test_the_file_cases_are_many_and_distinct():
    assert len({c.id for c in CASES}) == len(CASES) >= 35


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_hostile_file_is_refused_with_its_place_and_nothing_changes(case, hostile_project):
    run_case(case, hostile_project)


#: Where answer -q 4 writes, in the example project: bundle reads the answer from there.
ANSWER_4 = "output/antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"


def _large_answer(project):
    with open(project / ANSWER_4, "wb") as fh:
        fh.truncate(21 * 1024 * 1024)


BUNDLE_CASES = [
    Case("bundle-answer-too-large", _large_answer, ("bundle", "--question", "4"), ANSWER_4, None,
         ("the file is too large (21 MB; at most 20 MB)", "draft the answer again with drafter answer -q 4")),
    Case("bundle-answer-is-a-fifo", lambda p: os.mkfifo(p / ANSWER_4), ("bundle", "--question", "4"),
         ANSWER_4, None, ("question 4 (2019-2020) has no answer in the output folder",)),
]


@pytest.mark.parametrize("case", BUNDLE_CASES, ids=lambda c: c.id)
def test_bundle_reads_an_answer_the_safe_way(case, hostile_project):
    run_case(case, hostile_project)

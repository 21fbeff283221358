"""intake's choices: the template proposed for a new question, and what it tells the user."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafter.commands.intake import IntakeResult, describe, propose_template
from drafter.deadlines import Deadlines
from drafter.intake.question import NewQuestion
from drafter.load.register import load_register

ROOT = Path(__file__).resolve().parents[2]


def new(title: str, minister: str = "N.N.") -> NewQuestion:
    return NewQuestion(source="vraag.docx", zittingsjaar="2023-2024", number=147, date=dt.date(2024, 2, 26),
                       title=title, minister_name=minister)


def test_the_template_of_the_latest_question_on_the_subject_to_the_same_minister():
    register = load_register(ROOT / "data" / "questions.yaml")
    assert propose_template(register, new("Bedrijfsclusters - Evaluatie")) == "bedrijfsclusters.docx"
    assert propose_template(register, new("bedrijfsclusters - Evaluatie", "n.n.")) == "bedrijfsclusters.docx"
    # the latest of the Clusterbeleid questions to N.N. is question 10's
    assert propose_template(register, new("Clusterbeleid - Evaluatie")) == "kamer.docx"
    assert propose_template(register, new("Bedrijfsclusters - Evaluatie", "Jo Brouns")) == "algemeen.docx"
    assert propose_template(register, new("Landbouw - Subsidies")) == "algemeen.docx"
    assert propose_template(register, new("N.N.")) == "algemeen.docx"  # no title in the source


def test_what_intake_tells():
    q = new("Bedrijfsclusters - Evaluatie")
    due = Deadlines(asked=dt.date(2024, 2, 26), due=dt.date(2024, 3, 25), internal_due=dt.date(2024, 3, 18))
    added = IntakeResult(q, "bedrijfsclusters.docx", "- number: 147\n", 40, due)
    assert describe(added, Path("/elders/questions.yaml")) == [
        "added question 147 (2023-2024) from vraag.docx to /elders/questions.yaml, line 40, with template "
        "bedrijfsclusters.docx",
        "asked 2024-02-26; due 2024-03-25 (legal: 20 working days), 2024-03-18 (internal)",
        "not in the source, left unknown (N.N. or empty): asker, minister's name, minister's title, introduction, "
        "sub-questions"]
    dry = describe(IntakeResult(q, "algemeen.docx", "- number: 147\n", None, None), Path("/elders/questions.yaml"))
    assert dry[:2] == ["question 147 (2023-2024) from vraag.docx would be added to /elders/questions.yaml "
                       "(--dry-run: nothing written):", "- number: 147"]

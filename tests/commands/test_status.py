"""status's pure parts: an answer's state from the files and the deadline, the selection, the formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os

import pytest

from drafter.commands.status import (COLUMNS, Row, State, answer_state, as_csv, as_json, as_text, final_state,
                                     parse_today, select)
from drafter.errors import DataError
from drafter.load.register import load_register
from drafter.pipeline import Generator, file_name

D = dt.date
TODAY = D(2024, 3, 20)


@pytest.mark.parametrize("state, due, answered, expected", [
    (State.DRAFT, D(2024, 3, 19), False, State.LATE),  # past the legal deadline without a PDF
    (State.EDITED, D(2024, 3, 19), False, State.LATE),
    (State.NO_DRAFT, D(2024, 3, 19), False, State.LATE),
    (State.PDF, D(2024, 3, 19), False, State.PDF),  # the PDF went out: never late
    (State.DRAFT, D(2024, 3, 20), False, State.DRAFT),  # the deadline is today: not yet late
    (State.EDITED, None, False, State.EDITED),  # no date, no deadline
    (State.NO_DRAFT, D(2024, 3, 1), True, State.ANSWERED),  # the register says it was answered
])
def test_the_state_a_question_is_in(state, due, answered, expected):
    assert final_state(state, TODAY, due, answered) == expected


def test_the_states_keep_their_words():
    assert [s.value for s in State] == ["no draft", "draft", "edited", "pdf", "late", "answered"]


def test_the_state_of_an_answer_in_the_output_folder(project):
    reg = load_register(project / "data" / "questions.yaml")
    q = reg.find(4)
    out = project / "out"
    assert answer_state(q, out, None) == (State.NO_DRAFT, None)
    answer = out / file_name(q)
    answer.write_bytes(Generator(reg, project / "answer_templates").generate(q).data)
    assert answer_state(q, out, None) == (State.DRAFT, answer)
    pdf = answer.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4")
    assert answer_state(q, out, None) == (State.PDF, answer)
    os.utime(pdf, (answer.stat().st_mtime - 60, answer.stat().st_mtime - 60))  # a PDF older than the answer
    assert answer_state(q, out, None) == (State.DRAFT, answer)
    answer.write_bytes(b"not drafter's")  # a file drafter did not make, or no longer a Word file
    assert answer_state(q, out, None) == (State.EDITED, answer)


def row(number: int, state: State, minister: str = "N.N.", year: str = "2023-2024", due: D | None = None) -> Row:
    return Row(zittingsjaar=year, number=number, title=f"Vraag {number}", asker="N.N.", minister=minister,
               asked=None, due=due, internal_due=None, days_left=None if due is None else -1, state=state,
               file=None, drafted=None)


def test_select_by_year_minister_and_lateness():
    rows = [row(1, State.LATE, "Jo Brouns"), row(2, State.DRAFT, "Jo Brouns", "2022-2023"), row(3, State.LATE)]
    assert select(rows, set(), None, False) == rows
    assert [r.number for r in select(rows, {"2022-2023"}, None, False)] == [2]
    assert [r.number for r in select(rows, set(), "jo brouns", False)] == [1, 2]
    assert [r.number for r in select(rows, set(), None, True)] == [1, 3]


def test_the_formats_write_the_same_columns_and_values():
    rows = [row(1, State.LATE, due=D(2024, 3, 19)), row(2, State.NO_DRAFT)]
    data = json.loads(as_json(rows, TODAY))
    assert data["today"] == "2024-03-20" and list(data["questions"][0]) == list(COLUMNS)
    assert data["questions"][0]["state"] == "late" and data["questions"][0]["due"] == "2024-03-19"
    assert data["questions"][1]["due"] is None
    table = list(csv.DictReader(io.StringIO(as_csv(rows))))
    assert [(r["number"], r["state"], r["due"]) for r in table] == [("1", "late", "2024-03-19"), ("2", "no draft", "")]
    text = as_text(rows, TODAY).splitlines()
    assert text[0].split() == ["due", "internal", "left", "state", "year", "nr", "title", "asker", "minister"]
    assert text[-1] == ("drafter status: 2 questions, 1 late, on 2024-03-20; 'left' counts working days to the legal "
                        "deadline")


def test_today_as_given():
    assert parse_today("2024-03-20") == TODAY
    with pytest.raises(DataError, match="--today '20-03-2024' is not a date"):
        parse_today("20-03-2024")

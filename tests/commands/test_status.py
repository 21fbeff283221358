"""status's pure parts: an answer's state from what is true, the flags, the selection, the
formats, what a file at --to is."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from drafter.commands.status import (COLUMNS, ListFile, OnDisk, Row, State, as_csv, as_json, as_text, as_xlsx,
                                     csv_separator, neutralised, parse_separator, parse_today, question_row,
                                     read_on_disk, Runs, select, state_of, what_file)
from drafter.deadlines import WorkingDays
from drafter.errors import DataError, DrafterError, Problem
from drafter.load.register import load_register
from drafter.pipeline import Generator, file_name
from drafter.word import gaps as gap_finder
from drafter.word.gaps import Gap, GapKind

D = dt.date
TODAY = D(2024, 3, 20)
GAP = Gap("N.N.", GapKind.PERSON, "paragraph 2", 'paragraph 2, "N.N."')
ERROR = Problem("the template uses 'x'", file="answer_templates/a.docx", place="paragraph 1")


@pytest.fixture
def register(project):
    return load_register(project / "data" / "questions.yaml")


def question(register, number: int, **changes):
    from dataclasses import replace

    return replace(register.find(number), **changes)


@pytest.mark.parametrize("on_disk, errors, answered, expected", [
    (OnDisk(), None, None, State.NO_DRAFT),
    (OnDisk(Path("a.docx"), gaps=(GAP,)), None, None, State.DRAFT),  # gaps left
    (OnDisk(Path("a.docx"), edited=True, gaps=(GAP,)), None, None, State.EDITED),
    (OnDisk(Path("a.docx")), [], None, State.READY),  # no gap, check clean
    (OnDisk(Path("a.docx"), edited=True), [], None, State.READY),
    (OnDisk(Path("a.docx")), [ERROR], None, State.DRAFT),  # no gap, but check finds an error
    (OnDisk(Path("a.docx"), edited=True), [ERROR], None, State.EDITED),
    (OnDisk(Path("a.docx"), problem="damaged"), None, None, State.ERROR),
    (OnDisk(), None, D(2024, 3, 1), State.SENT),  # a person recorded it; no file needed
    (OnDisk(Path("a.docx"), gaps=(GAP,)), None, D(2024, 3, 1), State.SENT),
])
def test_the_state_is_derived_from_what_is_true(register, on_disk, errors, answered, expected):
    assert state_of(question(register, 4, answered=answered), on_disk, errors) == expected


def test_the_states_keep_their_words():
    assert [s.value for s in State] == ["no draft", "draft", "edited", "figures to check", "tracked changes", "ready",
                                        "sent", "error"]


@pytest.mark.parametrize("asked, answered, late, overdue, left", [
    (D(2024, 2, 12), None, True, True, -7),  # past the legal deadline (2024-03-11)
    (D(2024, 2, 26), None, False, True, 3),  # past the internal one (2024-03-18) only
    (D(2024, 3, 1), None, False, False, 7),
    (D(2024, 2, 12), D(2024, 3, 15), False, False, None),  # sent, late or not: no flags, no days left
    (None, None, False, False, None),  # no date, no deadlines
])
def test_late_and_overdue_internally_are_flags_beside_the_state(register, asked, answered, late, overdue, left):
    q = question(register, 4, date=asked, answered=answered)
    row = question_row(q, OnDisk(Path("a.docx"), gaps=(GAP,)), None, WorkingDays(register.deadlines), TODAY)
    assert (row.late, row.overdue_internally, row.days_left) == (late, overdue, left)
    assert row.state == (State.SENT if answered else State.DRAFT)
    assert row.gaps == (None if answered else 1)
    assert row.message == ("" if answered else "1 gap to fill in: 'N.N.' at paragraph 2")


def test_a_draft_without_gaps_says_what_check_finds(register):
    q = question(register, 4)
    row = question_row(q, OnDisk(Path("a.docx")), [ERROR, ERROR], WorkingDays(register.deadlines), TODAY)
    assert (row.state, row.gaps) == (State.DRAFT, 0)
    assert row.message == ("check finds 2 errors, the first: answer_templates/a.docx, paragraph 1: the template "
                           "uses 'x'")


def test_an_answer_on_disk_read_for_its_state(project, register):
    q = register.find(4)
    out = project / "out"
    markers = gap_finder.markers(())
    assert read_on_disk(q, out, Runs(), markers) == OnDisk()
    answer = out / file_name(q)
    answer.write_bytes(Generator(register, project / "answer_templates").generate(q).data)
    found = read_on_disk(q, out, Runs(), markers)
    assert (found.path, found.edited, found.pdf, found.problem) == (answer, False, None, "")
    assert [(g.text, g.where) for g in found.gaps] == [("N.N.", "paragraph 1"), ("N.N.", "paragraph 2"),
                                                      ("[datum onbekend]", "paragraph 4"), ("N.N.", "paragraph 4")]
    assert found.drafted == dt.datetime.fromtimestamp(answer.stat().st_mtime).isoformat(timespec="seconds")
    assert read_on_disk(q, out, Runs(written={"0" * 64: "x"}), markers).drafted == found.drafted
    pdf = answer.with_suffix(".pdf")
    pdf.write_bytes(b"%PDF-1.4")
    assert read_on_disk(q, out, Runs(), markers).pdf == pdf.name
    import os

    os.utime(pdf, (answer.stat().st_mtime - 60, answer.stat().st_mtime - 60))  # older than the answer: not its PDF
    assert read_on_disk(q, out, Runs(), markers).pdf is None
    answer.write_bytes(b"not a Word file")
    broken = read_on_disk(q, out, Runs(), markers)
    assert broken.path == answer and "not a Word document (.docx)" in broken.problem
    assert state_of(q, broken, None) == State.ERROR


def row(number: int | None, state: State, minister: str | None = "N.N.", year: str | None = "2023-2024",
        due: D | None = None, late: bool = False, title: str | None = None) -> Row:
    return Row(zittingsjaar=year, number=number, title=title or f"Vraag {number}", asker="N.N.", minister=minister,
               asked=None, due=due, internal_due=None, days_left=None if due is None else -1, state=state,
               gaps=None, late=late, overdue_internally=late, sent=None, file=None, pdf=None, drafted=None)


def test_select_by_year_minister_and_lateness_keeps_what_cannot_be_read():
    rows = [row(1, State.DRAFT, "Jo Brouns", late=True), row(2, State.DRAFT, "Jo Brouns", "2022-2023"),
            row(3, State.NO_DRAFT, late=True), row(None, State.ERROR, None, None)]
    assert select(rows, set(), None, False) == rows
    assert [r.number for r in select(rows, {"2022-2023"}, None, False)] == [2, None]
    assert [r.number for r in select(rows, set(), "jo brouns", False)] == [1, 2, None]
    assert [r.number for r in select(rows, set(), None, True)] == [1, 3, None]
    known = row(9, State.ERROR, "Jo Brouns", "2021-2022")  # an entry that says its year and minister
    assert select([known], {"2022-2023"}, None, False) == [] and select([known], set(), "Hilde Crevits", False) == []


def test_the_formats_write_the_same_columns_and_values():
    rows = [row(1, State.DRAFT, due=D(2024, 3, 19), late=True), row(2, State.NO_DRAFT)]
    data = json.loads(as_json(rows, TODAY))
    assert data["today"] == "2024-03-20" and list(data["questions"][0]) == list(COLUMNS)
    assert data["questions"][0]["state"] == "draft" and data["questions"][0]["due"] == "2024-03-19"
    assert data["questions"][0]["late"] is True and data["questions"][1]["due"] is None
    table = list(csv.DictReader(io.StringIO(as_csv(rows).removeprefix("\ufeff")), delimiter=";"))
    assert [(r["number"], r["state"], r["due"], r["late"]) for r in table] == [("1", "draft", "2024-03-19", "yes"),
                                                                               ("2", "no draft", "", "no")]
    text = as_text(rows, TODAY).splitlines()
    assert text[0].split() == ["due", "internal", "left", "state", "gaps", "flag", "year", "nr", "title", "asker",
                               "minister", "pdf"]
    assert text[-1] == ("drafter status: 2 questions, 1 late, 0 overdue internally, 0 that cannot be read, on "
                        "2024-03-20; 'left' counts working days to the legal deadline")


@pytest.mark.parametrize("text, shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+32 2 552 11 11", "'+32 2 552 11 11"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tX", "'\tX"), ("\rX", "'\rX"),
    ("Bedrijfsclusters - Subsidies", "Bedrijfsclusters - Subsidies"), ("", ""), (-7, -7), (None, None),
])
def test_a_text_a_spreadsheet_would_read_as_a_formula_gets_a_quote(text, shown):
    assert neutralised(text) == shown


@pytest.mark.parametrize("locale, separator", [("nl_BE", ";"), ("fr_BE", ";"), ("nl_NL", ";"), ("de_DE", ";"),
                                               ("en_GB", ","), ("en_US", ",")])
def test_the_csv_separator_is_the_one_excel_uses_under_the_locale(locale, separator):
    assert csv_separator(locale) == separator
    assert parse_separator(None, locale) == separator


def test_the_separator_can_be_chosen():
    assert [parse_separator(v, "nl_BE") for v in (";", ",", "tab", "TAB", "semicolon", "comma", "\t")] == \
        [";", ",", "\t", "\t", ";", ",", "\t"]
    with pytest.raises(DrafterError) as caught:
        parse_separator("|", "nl_BE")
    assert caught.value.problems[0].message == "--csv-separator '|' is not a separator drafter writes"


def test_what_a_file_at_to_is(tmp_path):
    rows = [row(1, State.DRAFT, due=D(2024, 3, 19)), row(2, State.NO_DRAFT, title="=1+1")]
    made = {"list.json": as_json(rows, TODAY).encode(), "list.csv": as_csv(rows).encode(),
            "list.txt": as_text(rows, TODAY).encode(), "list.xlsx": as_xlsx(rows),
            "comma.csv": as_csv(rows, ",").encode(), "tab.csv": as_csv(rows, "\t").encode()}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
        assert what_file(tmp_path / name) == ListFile.LIST, name
    for name, data in {"notes.txt": b"due internal\n", "data.json": b'{"today": 1}', "x.csv": b"a;b\n1;2\n",
                       "binary": b"\xff\xfe\x00", "other.zip": b"PK\x03\x04broken"}.items():
        (tmp_path / name).write_bytes(data)
        assert what_file(tmp_path / name) == ListFile.OTHER, name
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "list.xlsx")
    book.active["S2"] = "opgevolgd door Jan"  # the secretariat's own column: the list was changed
    book.save(tmp_path / "list.xlsx")
    assert what_file(tmp_path / "list.xlsx") == ListFile.CHANGED


def test_today_as_given():
    assert parse_today("2024-03-20") == TODAY
    assert parse_today("20/03/2024") == parse_today("20-03-2024") == TODAY  # day first, as a Belgian types it
    with pytest.raises(DataError, match="--today: '20-03-24' has a year of 2 digits"):
        parse_today("20-03-24")

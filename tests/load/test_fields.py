"""Reading a mapping's fields by the declaration of keys, each problem at its line."""

from __future__ import annotations

import datetime as dt

from drafter.load.fields import FieldReader
from drafter.load.yamlfile import load_yaml


def _read(tmp_path, text: str):
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    return FieldReader(path), load_yaml(path)


def _problems(reader):
    return [(p.place, p.message) for p in reader.problems]


def test_a_field_is_read_as_its_key_is_declared(tmp_path):
    reader, raw = _read(tmp_path, "number: 4\nzittingsjaar: 2019\ndate: 2019-10-07\nasked_in: fr\n"
                                  "introduction: |\n  One.\n\n  Two.\n")
    assert reader.field(raw, "question", "number", "question") == 4
    assert reader.field(raw, "question", "zittingsjaar", "question") == "2019"  # a number written as a text
    assert reader.field(raw, "question", "date", "question") == dt.date(2019, 10, 7)
    assert reader.field(raw, "question", "asked_in", "question") == "fr"
    assert reader.field(raw, "question", "introduction", "question") == ("One.", "Two.")
    assert reader.field(raw, "question", "answered", "question") is None and reader.problems == []


def test_a_missing_or_wrong_field_is_a_problem_at_its_line(tmp_path):
    reader, raw = _read(tmp_path, "number: vier\ndate: gisteren\nasked_in: en\nanswered: 3\nminister: Jan\n")
    for key in ("number", "date", "asked_in", "answered", "minister", "title"):
        assert reader.field(raw, "question", key, "question 4") is None
    assert _problems(reader) == [
        ("line 1", "question 4: 'number' must be a whole number, not 'vier'"),
        ("line 2", "question 4: 'date' must be a date like 2019-10-07 (or null when unknown), not 'gisteren'"),
        ("line 3", "question 4: 'asked_in' must be one of nl, fr, de, not 'en'"),
        ("line 4", "question 4: 'answered' must be the date of the answer, like 2025-02-04 (or null when not "
                   "known yet), not 3"),
        ("line 5", "question 4: 'minister' must be a mapping (key: value lines), not 'Jan'"),
        ("line 1", "question 4: the field 'title' is missing"),
    ]


def test_a_field_may_be_required_where_the_question_says_so(tmp_path):
    reader, raw = _read(tmp_path, "number: 4\n")
    assert reader.field(raw, "question", "asker", "question 4") is None and reader.problems == []
    reader.field(raw, "question", "asker", "question 4", required=True)
    assert _problems(reader) == [("line 1", "question 4: the field 'asker' is missing")]

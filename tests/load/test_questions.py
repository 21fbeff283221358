"""A question of the register: its parts and tables, with their lines."""

from __future__ import annotations

from drafter.load.fields import FieldReader
from drafter.load.questions import BlockKind, read_question
from drafter.load.style import HouseStyle
from drafter.load.yamlfile import load_yaml

QUESTION = """\
zittingsjaar: 2019-2020
number: 4
minister: {name: N.N., title: minister}
asker: N.N.
title: Steun
template: algemeen.docx
subquestions: {1: Hoeveel?, 2: Waarom?}
tables:
  t: {data: budget, years: 2016, line: x, kinds: [VAK]}
answer:
  parts:
    - number: 1
      text: Zoveel.
      table: t
    - number: 2
      blocks:
        - bullets: [een, twee]
        - table: u
"""


def _read(tmp_path, text: str):
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    reader = FieldReader(path)
    return reader, read_question(reader, load_yaml(path), 1, HouseStyle(), path)


def test_parts_and_tables_carry_the_line_they_start_at(tmp_path):
    reader, question = _read(tmp_path, QUESTION.replace("        - table: u\n", ""))
    assert reader.problems == []
    assert [(p.numbers, p.line) for p in question.parts] == [((1,), 12), ((2,), 15)]
    assert [b.kind for b in question.parts[0].blocks] == [BlockKind.TEXT, BlockKind.TABLE]
    assert question.parts[1].blocks[0].items == ("een", "twee") and question.tables["t"].line == 9
    assert question.tables["t"].place == "line 9"


def test_a_table_a_part_uses_but_the_question_lacks_is_named_at_the_part(tmp_path):
    reader, question = _read(tmp_path, QUESTION)
    assert question is None
    assert [(p.place, p.message) for p in reader.problems] == [
        ("line 15", "question 4: answer part 2 uses table 'u', which is not defined")]


def test_a_zittingsjaar_is_two_years_in_a_row(tmp_path):
    reader, question = _read(tmp_path, QUESTION.replace("2019-2020", "2019-2021").replace("        - table: u\n", ""))
    assert question is None
    assert [(p.place, p.message) for p in reader.problems] == [
        ("line 1", "question 4: zittingsjaar must look like 2019-2020, not '2019-2021'")]

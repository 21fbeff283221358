"""The house style and the layout, as the register sets them."""

from __future__ import annotations

from drafter.load.fields import FieldReader
from drafter.load.keys import NoteStyle, Numbering, PercentStyle
from drafter.load.style import HouseStyle, Layout, read_layout, read_style
from drafter.load.yamlfile import load_yaml


def _read(tmp_path, text: str):
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    return FieldReader(path), load_yaml(path)


def test_the_style_takes_what_a_mapping_sets_and_keeps_the_rest(tmp_path):
    reader, raw = _read(tmp_path, "locale: fr-BE\nnote_style: footnotes\npercent_style: word\n")
    style = read_style(reader, raw, HouseStyle(negative="minus"), "register")
    assert style == HouseStyle(locale="fr_BE", note_style=NoteStyle.FOOTNOTES, percent_style=PercentStyle.WORD,
                               negative="minus")
    assert reader.problems == []


def test_a_value_the_style_does_not_have_is_a_problem_at_its_line(tmp_path):
    reader, raw = _read(tmp_path, "rounding: up\nlocale: xx_YY\n")
    assert read_style(reader, raw, HouseStyle(), "register") == HouseStyle()
    assert [(p.place, p.message) for p in reader.problems] == [
        ("line 2", "register: unknown locale 'xx_YY'"),
        ("line 1", "register: 'rounding' must be one of half_up, half_even, not 'up'"),
    ]  # in the order the style's keys are declared


def test_a_file_name_pattern_must_name_each_answer_apart(tmp_path):
    reader, raw = _read(tmp_path, "numbering: always\nfile_name: 'antwoord-{title}'\n")
    layout = read_layout(reader, raw, Layout(), "register")
    assert layout.numbering == Numbering.ALWAYS and layout.file_name == Layout().file_name
    assert [(p.place, p.message) for p in reader.problems] == [
        ("line 2", "register: 'file_name' 'antwoord-{title}': it must hold {number}, so that two answers never "
                   "get the same name")]

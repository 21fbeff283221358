"""What a person reads when a YAML file cannot be read: the line a pasted odd space stands on,
and the reader's own token names ('<block mapping start>') in words, in every language."""

from __future__ import annotations

import re

import pytest

from drafter import i18n
from drafter.errors import DataError
from drafter.load.yamlfile import load_yaml

GOOD = "questions:\n  - zittingsjaar: 2019-2020\n    number: 4\n    date: null\n    asker: N.N.\n"


def _refused(tmp_path, text: str, language: str = "en") -> list:
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    with i18n.speaking(language), pytest.raises(DataError) as refused:
        load_yaml(path)
    return [(p.place, p.message, p.hint) for p in refused.value.problems]


@pytest.mark.parametrize(("space", "words"), [
    ("\u00a0", "a non-breaking space"), ("\u202f", "a non-breaking space"),
    ("\u2003", "a special space (U+2003)"), ("\u200b", "a special space (U+200B)"),
])
@pytest.mark.parametrize("where", ["before", "after"])
def test_a_line_indented_with_an_odd_space_is_named_at_its_own_line(tmp_path, space, words, where):
    lines = GOOD.splitlines()
    lines[3] = (space + lines[3][1:]) if where == "before" else ("   " + space + lines[3][4:])
    problems = _refused(tmp_path, "\n".join(lines) + "\n")
    assert problems == [("line 4", f"this line is indented with {words}, which YAML does not count as a space",
                         "Replace it with ordinary spaces: such a space comes along when text is copied from Word "
                         "or Outlook.")]


def test_in_dutch_the_odd_space_is_a_harde_spatie(tmp_path):
    lines = GOOD.splitlines()
    lines[3] = "\u00a0" + lines[3][1:]
    [(place, message, hint)] = _refused(tmp_path, "\n".join(lines) + "\n", "nl")
    assert place == "regel 4" and "harde spatie (niet-afbreekbare spatie)" in message
    assert hint.startswith("Vervang ze door gewone spaties")


BROKEN = [
    GOOD + "   title: Steun\n",  # a key indented too far
    "a: b: c\n",
    "a: 1\n- b\n",
    "a: [1, 2\n",
    "- a\nb: 1\n",
    "a:\n  - b\n c: 1\n",
    "--- a\n--- b\n",
    "a: !!python/name:os.system x\n",
    "a: &x 1\nb: *y\n",
    "a: 'open\n",
    "a:\n  b: 1\n - c\n",
    "key: value\n  other: 2\n",
]


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("text", BROKEN)
def test_no_message_names_the_reader_s_tokens(tmp_path, text, language):
    for place, message, hint in _refused(tmp_path, text, language):
        assert not re.search(r"<[a-z ]+>", message), message

"""The language a run speaks changes what drafter says, never what it writes: the same inputs
give the same answer, byte for byte, under en, nl and fr (the figure record keeps the places of
its sources in English)."""

from __future__ import annotations

import zipfile

import pytest

from ..conftest import copy_project, run_in


@pytest.mark.parametrize("question", ["4", "5"])
def test_the_same_answer_whatever_language_the_run_speaks(tmp_path, question):
    made = {}
    for language in ("en", "nl", "fr"):
        project = copy_project(tmp_path / language)
        result = run_in(project, "answer", "-q", question, "--lang", language)
        assert result.exit_code == 0, result.output
        (answer,) = (project / "out").glob("*.docx")
        made[language] = answer.read_bytes()
    assert made["nl"] == made["en"] and made["fr"] == made["en"]
    with zipfile.ZipFile(tmp_path / "en" / "out" / answer.name) as package:
        record = next(data for data in (package.read(n) for n in package.namelist() if n.startswith("customXml/item"))
                      if b"<figures" in data)
    assert b"<source " in record and b'place="rij ' not in record  # the sources' places, in English

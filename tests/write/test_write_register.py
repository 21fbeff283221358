"""A whole new register text written by the editor's rules (as `collect` writes the texts it
read back): through a symbolic link at its target, refused when the register changed since the
text was made; and a question's copy for another minister counts as the question when an
entry is added under the lock."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drafter.errors import DataError
from drafter.write.register import Existing, appended, write_register
from tests.conftest import ROOT


@pytest.fixture
def register(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data" / "questions.yaml"


def with_comment(data: bytes) -> bytes:
    return data.replace(b"questions:", b"# checked\nquestions:", 1)


def test_write_register_changes_a_linked_register_at_its_target(register, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(register)
    original = register.read_bytes()
    write_register(link, with_comment(original), original)
    assert link.is_symlink()
    assert register.read_bytes() == with_comment(original)


def test_write_register_refuses_a_register_changed_since_its_text_was_made(register):
    original = register.read_bytes()
    someone_else = original + b"# a person's note\n"
    register.write_bytes(someone_else)
    with pytest.raises(DataError) as caught:
        write_register(register, with_comment(original), original)
    [problem] = caught.value.problems
    assert problem.file.endswith("questions.yaml")
    assert "changed by someone else" in problem.message
    assert register.read_bytes() == someone_else


def test_an_entry_for_another_ministers_copy_of_a_question_is_refused_as_a_duplicate():
    text = (ROOT / "data" / "several-ministers.yaml").read_text(encoding="utf-8")
    copy = {"zittingsjaar": "2019-2020", "number": 312, "minister": {"name": "n.n.", "title": "N.N."},
            "title": "Clusterbeleid", "template": "algemeen.docx"}

    class Duplicate(Exception):
        pass

    def refuse(found: Existing) -> Exception:
        return Duplicate(found.line)

    with pytest.raises(Duplicate) as caught:
        appended(text, copy, refuse=refuse)
    assert text.splitlines()[caught.value.args[0] - 1] == "  - zittingsjaar: 2019-2020"

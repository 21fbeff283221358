"""`drafter init` into a folder whose parts are symbolic links: init writes inside the folder it
was given, never where a link leads out of it. Each refusal: exit 1, a message naming the
link and where it leads, no Python in it, and nothing written anywhere (the new folder and
the link's target compared byte for byte)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hostile.intake_support import assert_refused, snapshot


def linked(name: str, target: str = "elders"):
    """The new project's folder holds `name`, a link to a folder outside it."""

    def make(base: Path) -> Path:
        (base / target).mkdir(exist_ok=True)
        (base / target / "van-een-collega.txt").write_text("blijft", encoding="utf-8")
        project = base / "nieuw"
        (project / Path(name).parent).mkdir(parents=True, exist_ok=True)
        (project / name).symlink_to(base / target, target_is_directory=True)
        return project

    return make


@pytest.mark.parametrize("empty", [False, True], ids=["example", "empty"])
@pytest.mark.parametrize("name", ["data", "answer_templates", "output"])
def test_a_folder_linked_out_of_the_project_is_refused(tmp_path, monkeypatch, name, empty):
    monkeypatch.chdir(tmp_path)
    project = linked(name)(tmp_path)
    before = snapshot(tmp_path)
    result = run_cli("init", "nieuw", *(["--empty"] if empty else []))
    assert_refused(result, tmp_path, before, f"nieuw: {name} is a link to {tmp_path / 'elders'}, outside the new "
                   "project; drafter init writes only inside the project's folder, so nothing was written",
                   "Remove the link")
    assert project.is_dir()


def test_a_link_to_a_file_outside_is_refused_too(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nieuw" / "data").mkdir(parents=True)
    (tmp_path / "gedeeld.yaml").write_text("questions: []\n", encoding="utf-8")
    (tmp_path / "nieuw" / "data" / "questions.yaml").symlink_to(tmp_path / "gedeeld.yaml")
    before = snapshot(tmp_path)
    assert_refused(run_cli("init", "nieuw"), tmp_path, before,
                   f"nieuw: data/questions.yaml is a link to {tmp_path / 'gedeeld.yaml'}, outside the new project")


def test_a_dangling_link_counts_as_a_file_that_is_there(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nieuw").mkdir()
    (tmp_path / "nieuw" / "drafter.toml").symlink_to(tmp_path / "nieuw" / "weg.toml")  # leads to nothing, inside
    before = snapshot(tmp_path)
    assert_refused(run_cli("init", "nieuw"), tmp_path, before,
                   "nieuw: this folder already holds files of a project (drafter.toml); nothing was written")


def test_a_link_that_stays_inside_the_project_is_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nieuw" / "sjablonen").mkdir(parents=True)
    (tmp_path / "nieuw" / "answer_templates").symlink_to(tmp_path / "nieuw" / "sjablonen", target_is_directory=True)
    result = run_cli("init", "nieuw", "--empty")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "nieuw" / "sjablonen" / "algemeen.docx").is_file()

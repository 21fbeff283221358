"""Windows habits: '\\' in the register's and drafter.toml's paths, and absolute paths inside
the data folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.paths import read_project

from ..conftest import assert_refused, run_in

ANSWER_4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
BUDGET_LINE = "      budget: budget.csv\n"


def _move_budget(project: Path) -> None:
    folder = project / "data" / "cijfers 2019"
    folder.mkdir()
    shutil.move(project / "data" / "budget.csv", folder / "budget.csv")


def _register(project: Path, old: str, new: str) -> None:
    register = project / "data" / "questions.yaml"
    content = register.read_text(encoding="utf-8")
    assert old in content
    register.write_text(content.replace(old, new), encoding="utf-8")


def _answer(project: Path) -> bytes:
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    return (project / "out" / ANSWER_4).read_bytes()


def test_backslash_paths_plain_and_single_quoted_and_absolute_inside_the_data_folder(project):
    _move_budget(project)
    _register(project, BUDGET_LINE, "      budget: cijfers 2019/budget.csv\n")
    expected = _answer(project)  # the same answer, and the same bytes: the same file is read
    _register(project, "      budget: cijfers 2019/budget.csv\n", BUDGET_LINE)
    absolute = str((project / "data" / "cijfers 2019" / "budget.csv").resolve())
    for written in ("cijfers 2019\\budget.csv", "'cijfers 2019\\budget.csv'", absolute):
        _register(project, BUDGET_LINE, f"      budget: {written}\n")
        (project / "out" / ANSWER_4).unlink()
        assert _answer(project) == expected, written
        _register(project, f"      budget: {written}\n", BUDGET_LINE)


def test_a_double_quoted_windows_path_is_an_error_that_says_how_to_write_it(project):
    _move_budget(project)
    _register(project, BUDGET_LINE, '      budget: "cijfers 2019\\budget.csv"\n')
    before = (project / "data" / "questions.yaml").read_bytes()
    lines = before.decode("utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "cijfers 2019" in text)
    result = run_in(project, "answer", "-q", "4")
    assert_refused(result, project, f"questions.yaml, line {line}", "Write the path with / or in single quotes")
    assert "control characters" in result.stderr
    assert (project / "data" / "questions.yaml").read_bytes() == before


def test_an_absolute_path_outside_the_data_folder_is_still_refused(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elders") / "budget.csv"
    shutil.copy(project / "data" / "budget.csv", elsewhere)
    _register(project, BUDGET_LINE, f"      budget: {elsewhere}\n")
    result = run_in(project, "answer", "-q", "4")
    assert_refused(result, project, "must be a file name inside the data folder")


def test_drafter_toml_with_windows_paths_in_single_quotes(tmp_path):
    (tmp_path / "drafter.toml").write_text("[paths]\nregister = 'gegevens\\vragen.yaml'\noutput = 'uit\\antwoorden'\n",
                                           encoding="utf-8")
    project = read_project(tmp_path / "drafter.toml")
    assert project.register == tmp_path.resolve() / "gegevens" / "vragen.yaml"
    assert project.output == tmp_path.resolve() / "uit" / "antwoorden"


def test_drafter_toml_with_a_windows_path_in_double_quotes_says_how_to_write_it(tmp_path, monkeypatch):
    (tmp_path / "drafter.toml").write_text('[paths]\nregister = "gegevens\\vragen.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from ..conftest import run_cli

    result = run_cli("check")
    assert result.exit_code == 1
    assert "drafter.toml, line 2" in result.stderr
    assert "Write the path with / or in single quotes" in result.stderr
    assert "Traceback" not in result.output

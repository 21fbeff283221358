"""`drafter init --empty`: the house style and the templates, a register without questions whose
example entry (in comments) is one drafter answers; and the modes of what init writes follow
the user's umask, with and without --empty."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from drafter.commands.init import EMPTY_REGISTER
from drafter.load.register import load_register
from tests.conftest import ROOT, run_cli


def init(folder: Path, *args: str):
    return run_cli("init", str(folder), *args)


def test_an_empty_project_has_the_house_style_the_templates_and_no_questions(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = init(Path("kabinet"), "--empty")
    assert result.exit_code == 0, result.output
    made = sorted(p.relative_to(tmp_path / "kabinet").as_posix() for p in (tmp_path / "kabinet").rglob("*")
                  if p.is_file())
    templates = sorted(f"answer_templates/{p.name}" for p in (ROOT / "answer_templates").glob("*.docx"))
    assert made == sorted(["drafter.toml", "data/questions.yaml"] + templates)
    project_file = (tmp_path / "kabinet" / "drafter.toml").read_bytes()  # the example's, with its register's language
    assert project_file.startswith(b'language = "nl"') and project_file.endswith((ROOT / "drafter.toml").read_bytes())
    for template in templates:
        assert (tmp_path / "kabinet" / template).read_bytes() == (ROOT / template).read_bytes()
    assert (tmp_path / "kabinet" / "output").is_dir()
    register = load_register(tmp_path / "kabinet" / "data" / "questions.yaml")
    assert register.questions == () and register.style.locale == "nl_BE"
    assert result.stdout.splitlines()[-1] == ('next: cd "kabinet", then drafter intake <the question\'s open-data id, '
                                              'or its document>')
    monkeypatch.chdir(tmp_path / "kabinet")
    checked = run_cli("check")  # the new project says language = "nl": drafter speaks Dutch there
    assert checked.exit_code == 0, checked.output
    assert "0 vragen" in checked.stdout and f"{len(templates)} sjablonen" in checked.stdout
    status = run_cli("status", "--format", "json")
    assert status.exit_code == 0, status.output


def test_the_commented_example_entry_is_one_drafter_answers(tmp_path, monkeypatch):
    assert init(tmp_path / "kabinet", "--empty").exit_code == 0
    register = tmp_path / "kabinet" / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    start = text.index("#  - zittingsjaar:")
    end = text.index("questions: []")
    example = "".join(line[1:] + "\n" for line in text[start:end].splitlines())  # the '#' taken off
    register.write_text(text[:end] + "questions:\n" + example, encoding="utf-8")
    q = load_register(register).find(12, "2024-2025")
    assert (q.asker, q.minister.name, q.title, q.template) == ("An Van den Bossche", "Caroline Gennez",
                                                               "Kinderopvang - Wachtlijsten", "algemeen.docx")
    monkeypatch.chdir(tmp_path / "kabinet")
    answered = run_cli("answer", "-q", "12")
    assert answered.exit_code == 0, answered.output
    assert list((tmp_path / "kabinet" / "output").glob("*.docx"))


def test_intake_adds_the_first_question_under_the_example(tmp_path, monkeypatch):
    assert init(tmp_path / "kabinet", "--empty").exit_code == 0
    register = tmp_path / "kabinet" / "data" / "questions.yaml"
    source = tmp_path / "vraag.txt"
    source.write_text("SCHRIFTELIJKE VRAAG\nnr. 3\nvan AN DE VOS\ndatum: 7 oktober 2024\naan JO BROUNS\n"
                      "VLAAMS MINISTER VAN ECONOMIE\n\nLandbouw - Subsidies\n\n1. Hoeveel?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "kabinet")
    result = run_cli("intake", str(source))
    assert result.exit_code == 0, result.output
    text = register.read_text(encoding="utf-8")
    assert text.startswith(EMPTY_REGISTER.replace("questions: []\n", "questions:\n"))  # all else as it was
    assert [q.number for q in load_register(register).questions] == [3]


@pytest.mark.parametrize("empty", [False, True], ids=["example", "empty"])
@pytest.mark.parametrize("mask", [0o002, 0o022, 0o077])
def test_files_and_folders_get_the_modes_of_the_users_umask(tmp_path, mask, empty):
    old = os.umask(mask)
    try:
        result = init(tmp_path / "p", *(["--empty"] if empty else []))
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    for path in [tmp_path / "p", *(tmp_path / "p").rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        wanted = (0o777 if path.is_dir() else 0o666) & ~mask
        assert mode == wanted, f"{path.relative_to(tmp_path)}: {oct(mode)}, not {oct(wanted)}"


def test_the_files_a_person_edits_are_commented_in_the_language_in_use(tmp_path):
    """drafter.toml and the empty register: their comments in Dutch under --lang nl, the settings
    and the example entry as in English, and both still read."""
    assert init(tmp_path / "nl", "--empty", "--lang", "nl").exit_code == 0
    assert init(tmp_path / "en", "--empty").exit_code == 0
    for name in ("drafter.toml", "data/questions.yaml"):
        dutch = (tmp_path / "nl" / name).read_text(encoding="utf-8")
        english = (tmp_path / "en" / name).read_text(encoding="utf-8")
        comments = [line for line in dutch.splitlines() if line.lstrip().startswith("#") or "  # " in line]
        assert comments
        english_comments = {line.split("# ", 1)[1] for line in english.splitlines() if "# " in line}
        for line in comments:
            if "# " in line and not line.startswith("#  "):  # the example entry's lines keep the register's keys
                assert line.split("# ", 1)[1] not in english_comments, line
        settings = [line for line in dutch.splitlines() if line and not line.startswith("#")]
        assert [line.split("  # ")[0].rstrip() for line in settings] == [
            line.split("  # ")[0].rstrip() for line in english.splitlines() if line and not line.startswith("#")]
    register = (tmp_path / "nl" / "data" / "questions.yaml").read_text(encoding="utf-8")
    assert "# Register van de schriftelijke vragen en hun ontwerpantwoorden." in register
    assert "# Een item ziet er zo uit:" in register
    assert load_register(tmp_path / "nl" / "data" / "questions.yaml").questions == ()
    assert paths_language(tmp_path / "nl") == "nl"


def paths_language(folder: Path) -> str | None:
    from drafter.paths import read_project

    return read_project(folder / "drafter.toml").language

"""Which language drafter speaks (--lang, drafter.toml, the environment, Windows), and Click's
own words in it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter import i18n
from drafter.commands.cli import language_of
from drafter.errors import DrafterError
from drafter.paths import read_project

from ..conftest import run_cli

def never() -> None:
    return None


@pytest.mark.parametrize("environ, expected", [
    ({}, "en"),
    ({"LANG": "nl_BE.UTF-8"}, "nl"),
    ({"LANG": "fr_BE.UTF-8"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "en"),  # a language drafter does not speak: English
    ({"LC_MESSAGES": "nl_BE", "LANG": "fr_BE"}, "nl"),
    ({"LC_ALL": "fr_BE.UTF-8", "LC_MESSAGES": "nl_BE", "LANG": "nl_BE"}, "fr"),
    ({"LANGUAGE": "de:nl_BE:fr", "LC_ALL": "fr_BE.UTF-8"}, "nl"),  # the first of LANGUAGE's list drafter speaks
    ({"LANGUAGE": "", "LANG": "nl-BE"}, "nl"),
    ({"LC_ALL": "C", "LANG": "nl_BE.UTF-8"}, "en"),  # C: no language chosen
])
def test_the_environment(environ, expected):
    assert i18n.choose(None, None, environ, system=never) == expected


def test_precedence_flag_then_project_then_environment_then_windows():
    environ = {"LANG": "fr_BE.UTF-8"}
    assert i18n.choose("nl", "fr", environ, system=lambda: "fr") == "nl"
    assert i18n.choose(None, "nl", environ, system=lambda: "fr") == "nl"
    assert i18n.choose(None, None, environ, system=lambda: "nl") == "fr"
    assert i18n.choose(None, None, {}, system=lambda: "nl") == "nl"
    assert i18n.choose(None, None, {}, system=never) == "en"


def test_windows_language_is_read_where_there_is_windows():
    found = i18n.system_language()
    assert found is None if os.name != "nt" else found in (None, *i18n.languages())


def _project(folder: Path, language: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = '[paths]\nregister = "data/questions.yaml"\n'
    if language is not None:
        text = f'language = "{language}"\n' + text
    (folder / "drafter.toml").write_text(text, encoding="utf-8")
    return folder


def test_the_project_file_chooses_and_the_command_line_overrides(tmp_path, monkeypatch):
    project = _project(tmp_path / "p", "nl")
    assert read_project(project / "drafter.toml").language == "nl"
    monkeypatch.chdir(project)
    assert language_of(["check"], {"LANG": "fr_BE.UTF-8"}) == "nl"
    assert language_of(["check", "--lang", "fr"], {}) == "fr"
    assert language_of(["--lang=en", "check"], {}) == "en"
    monkeypatch.chdir(tmp_path)  # no project here, but --project names it
    assert language_of(["check", "--project", str(project)], {}) == "nl"
    assert language_of(["check"], {"DRAFTER_HOME": str(project)}) == "nl"
    assert language_of(["check"], {"LANG": "fr_BE.UTF-8"}) == "fr"


def test_a_language_drafter_does_not_speak_in_the_project_file_is_an_error_with_its_line(tmp_path):
    project = _project(tmp_path, "de")
    with pytest.raises(DrafterError) as caught:
        read_project(project / "drafter.toml")
    [problem] = caught.value.problems
    assert problem.place == "line 1" and "'de'" in problem.message and "nl" in problem.hint


def test_help_in_dutch():
    result = run_cli("--lang", "nl", "--help")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Gebruik: ")
    assert "Opties:" in lines and "Opdrachten:" in lines
    assert "Toon deze hulp en stop." in result.stdout
    assert "De taal van deze uitvoering" in result.stdout
    for english in ("Usage:", "Options:", "Commands:", "Show this message and exit."):
        assert english not in result.stdout


def test_a_command_s_help_in_dutch_with_lang_after_help():
    result = run_cli("collect", "--help", "--lang", "nl")
    assert result.exit_code == 0
    assert result.stdout.startswith("Gebruik: ") and " collect " in result.stdout.splitlines()[0]
    assert "Toon het item zoals het zou worden; verander niets." in result.stdout
    assert "[verplicht]" in result.stdout


@pytest.mark.parametrize("args, expected", [
    (["answer", "--qestion", "4"], "fout: Optie --qestion bestaat niet (bedoelt u: --question?)"),
    (["anwser", "-q", "4"], "fout: Opdracht 'anwser' bestaat niet. Bedoelt u 'answer'?"),
    (["answer"], "fout: Optie '--question' / '-q' ontbreekt."),
    (["answer", "-q", "vier"], "fout: Ongeldige waarde voor '--question' / '-q': 'vier' is geen geheel getal."),
    (["status", "--format", "pdf"], "fout: Ongeldige waarde voor '--format': 'pdf' is niet een van "
                                    "'text', 'json', 'csv', 'xlsx'."),
    (["check", "a"], "fout: Onverwacht(e) extra argument(en) (a)"),
    ([], "fout: Er ontbreekt een opdracht."),
])
def test_usage_errors_in_dutch(args, expected):
    result = run_cli("--lang", "nl", *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith("Gebruik: ")
    assert "Probeer '" in result.stderr and "--help' voor hulp." in result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == expected


def test_a_language_drafter_does_not_speak_on_the_command_line():
    result = run_cli("answer", "-q", "4", "--lang", "de")
    assert result.exit_code == 2
    assert result.stderr.rstrip().splitlines()[-1] == \
        "Error: Invalid value for '--lang': drafter does not speak 'de'; choose one of en, fr, nl"


def test_usage_error_in_english_and_in_french():
    english = run_cli("answer", "--qestion", "4")
    assert english.stderr.startswith("Usage: ")
    assert english.stderr.rstrip().splitlines()[-1] == "Error: No such option: --qestion (did you mean: --question?)"
    french = run_cli("--lang", "fr", "anwser")
    assert french.stderr.rstrip().splitlines()[-1] == \
        "Erreur : La commande 'anwser' n'existe pas. Vouliez-vous dire 'answer' ?"


def test_the_environment_s_language_as_its_own_process(tmp_path):
    """LANG=nl_BE.UTF-8, drafter run as a user runs it, outside any project."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "DRAFTER_HOME")}
    env["LANG"] = "nl_BE.UTF-8"
    result = subprocess.run([sys.executable, "-m", "drafter", "answer", "--qestion", "4"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "fout: Optie --qestion bestaat niet" in result.stderr


def test_init_for_an_nl_be_register_makes_a_dutch_speaking_project(tmp_path, monkeypatch):
    result = run_cli("init", str(tmp_path / "nieuw"))
    assert result.exit_code == 0, result.output
    project = tmp_path / "nieuw"
    assert read_project(project / "drafter.toml").language == "nl"
    example = (Path(__file__).resolve().parents[2] / "drafter.toml").read_text(encoding="utf-8")
    assert (project / "drafter.toml").read_text(encoding="utf-8").endswith(example)  # the rest as it was
    monkeypatch.chdir(project)
    misspelt = run_cli("answer", "--qestion", "4")
    assert misspelt.stderr.rstrip().splitlines()[-1] == "fout: Optie --qestion bestaat niet (bedoelt u: --question?)"


#: The placeholders of the usage lines and options as Click, Typer and drafter write them in English.
ENGLISH_PLACEHOLDERS = ("OPTIONS", "COMMAND", "ARGS", "SOURCE", "FILE", "FOLDER", "NAME", "NUMBER", "NUMBERS", "PATH",
                        "DATE", "STATE", "ADDRESS", "LANGUAGE", "ANSWER", "YYYY")


def test_the_usage_lines_and_placeholders_in_dutch():
    main = run_cli("--help", "--lang", "nl").stdout
    assert main.splitlines()[0] == "Gebruik: root [OPTIES] OPDRACHT [ARGUMENTEN]..."
    intake = run_cli("intake", "--help", "--lang", "nl").stdout
    assert intake.splitlines()[0] == "Gebruik: root intake [OPTIES] {BRON}"
    assert "--from ZITTINGSJAAR/NUMMER" in intake and "--template BESTAND" in intake and "--project MAP" in intake
    missing = run_cli("intake", "--lang", "nl")
    assert missing.stderr.splitlines()[-1] == "fout: Argument 'BRON' ontbreekt."
    commands = [line.split()[0] for line in main.split("Opdrachten:")[1].splitlines() if line.startswith("  ")]
    assert "intake" in commands and "status" in commands
    for command in commands:
        shown = run_cli(command, "--help", "--lang", "nl").stdout
        words = {word for word in shown.replace("|", " ").replace("[", " ").replace("]", " ").replace("{", " ")
                 .replace("}", " ").replace(".", " ").replace("/", " ").split()}
        assert not words & set(ENGLISH_PLACEHOLDERS), (command, words & set(ENGLISH_PLACEHOLDERS))

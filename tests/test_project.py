"""Projects (drafter.toml, --project, DRAFTER_HOME, drafter init), file names safe on Windows,
LibreOffice found on every system, a file open in Word, and the CLI's conventions."""

from __future__ import annotations

import json
import re
from pathlib import Path, PureWindowsPath

import pytest

from drafter import paths
from drafter.errors import DrafterError
from drafter.load.register import load_register
from drafter.write import output, pdf

from .conftest import ROOT, run_cli

ANSWER_4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"


def init(folder: Path):
    return run_cli("init", str(folder))


# -- finding the project


def test_the_checkout_is_a_project():
    project = paths.read_project(ROOT / "drafter.toml")
    assert project.register == ROOT / "data" / "questions.yaml"
    assert project.templates == ROOT / "answer_templates"
    assert project.output == ROOT / "output"
    assert paths.find_project(start=ROOT / "drafter" / "load", environ={}).root == ROOT


def test_a_project_is_found_from_any_folder_below_it_as_git_does(tmp_path):
    assert init(tmp_path / "p").exit_code == 0
    deep = tmp_path / "p" / "data" / "a" / "b"
    deep.mkdir(parents=True)
    found = paths.find_project(start=deep, environ={})
    assert found.root == (tmp_path / "p").resolve() and found.file == (tmp_path / "p" / "drafter.toml").resolve()


def test_project_option_beats_drafter_home_which_beats_the_current_folder(tmp_path):
    for name in ("a", "b"):
        assert init(tmp_path / name).exit_code == 0
    a, b = (tmp_path / "a").resolve(), (tmp_path / "b").resolve()
    assert paths.find_project(start=a, environ={"DRAFTER_HOME": str(b)}).root == b
    assert paths.find_project(a, start=b, environ={"DRAFTER_HOME": str(b)}).root == a


def test_outside_any_project_the_message_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRAFTER_HOME", raising=False)
    result = run_cli("answer", "-q", "4")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"the folder {tmp_path.resolve()} is not in a drafter project: there is no drafter.toml in it or in any folder above it" in result.stderr
    assert "drafter init" in result.stderr and "--project" in result.stderr
    missing = run_cli("check", "--project", str(tmp_path / "nergens"))
    assert missing.exit_code == 1 and "--project" in missing.stderr and "there is no such folder" in missing.stderr


def test_the_project_file_sets_where_things_are_relative_to_itself(tmp_path, monkeypatch):
    assert init(tmp_path / "p").exit_code == 0
    p = tmp_path / "p"
    (p / "data").rename(p / "gegevens")
    (p / "drafter.toml").write_text('[paths]\nregister = "gegevens/questions.yaml"\noutput = "antwoorden"\n',
                                    encoding="utf-8")
    monkeypatch.chdir(p / "gegevens")
    result = run_cli("answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert (p / "antwoorden" / ANSWER_4).is_file()
    assert not (p / "output" / ANSWER_4).exists()


@pytest.mark.parametrize("text, needles", [
    ('[paths\nregister = "x"\n', ["drafter.toml, line 1: this is not valid TOML"]),
    ('[paths]\nregistre = "x.yaml"\n', ["drafter.toml, line 2: [paths] has no setting 'registre'", "register, templates, output"]),
    ('[paths]\nregister = 4\n', ["line 2: [paths] register must be a path in quotes"]),
    ('[style]\nlocale = "nl_BE"\n', ["line 1: unknown setting 'style'", "[house_style]"]),
    ('[house_style]\nnote_style = "voetnoten"\n', ["line 2: [house_style] note_style must be one of parentheses, superscript, footnotes, not 'voetnoten'"]),
    ('[house_style]\nlocale = "vl_VL"\n', ["line 2: [house_style] unknown locale 'vl_VL'"]),
])
def test_a_mistake_in_the_project_file_names_its_line(tmp_path, monkeypatch, text, needles):
    assert init(tmp_path / "p").exit_code == 0
    (tmp_path / "p" / "drafter.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "p")
    for args in (("answer", "-q", "4"), ("check",)):
        result = run_cli(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        for needle in needles:
            assert needle in result.output, result.output
    assert list((tmp_path / "p" / "output").iterdir()) == []


def test_the_project_files_house_style_is_the_default_the_register_overrides(tmp_path):
    assert init(tmp_path / "p").exit_code == 0
    toml = tmp_path / "p" / "drafter.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('percent_style = "symbol"', 'percent_style = "word"'),
                    encoding="utf-8")
    register = load_register(tmp_path / "p" / "data" / "questions.yaml")
    assert register.style.percent_style == "word"
    assert register.style.locale == "nl_BE"  # the register's own setting
    assert register.find(7).style.locale == "fr_BE"  # a question's own setting wins


# -- drafter init


def test_init_copies_the_example_and_replaces_nothing(tmp_path):
    result = init(tmp_path / "nieuw")
    assert result.exit_code == 0, result.output
    made = sorted(p.relative_to(tmp_path / "nieuw").as_posix() for p in (tmp_path / "nieuw").rglob("*") if p.is_file())
    expected = sorted(["drafter.toml"] + [p.relative_to(ROOT).as_posix() for d in ("data", "answer_templates")
                                          for p in (ROOT / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts])
    assert made == expected
    for rel in expected:
        copied, example = (tmp_path / "nieuw" / rel).read_bytes(), (ROOT / rel).read_bytes()
        if rel == "drafter.toml":  # the example's, saying the language of its nl_BE register first
            assert copied.startswith(b'language = "nl"') and copied.endswith(example)
        else:
            assert copied == example
    assert (tmp_path / "nieuw" / "output").is_dir()
    # a second init in the same folder refuses, and changes nothing
    (tmp_path / "nieuw" / "data" / "questions.yaml").write_text("edited", encoding="utf-8")
    again = init(tmp_path / "nieuw")
    assert again.exit_code == 1 and "already holds files of a project" in again.stderr
    assert (tmp_path / "nieuw" / "data" / "questions.yaml").read_text(encoding="utf-8") == "edited"


def test_init_into_a_file_or_an_unwritable_folder_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    result = init(tmp_path / "f")
    assert result.exit_code == 1 and "this is a file, not a folder" in result.stderr
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if (locked / "probe").parent.stat().st_mode & 0o200 == 0 and not _root():
            result = init(locked)
            assert result.exit_code == 1 and "cannot write the project" in result.stderr
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def _root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_init_without_a_folder_makes_the_current_folder_a_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("init")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "next: drafter check and drafter answer -q 4"
    assert paths.find_project(environ={}).root == tmp_path.resolve()
    answered = run_cli("answer", "-q", "4")
    assert answered.exit_code == 0 and (tmp_path / "output" / ANSWER_4).is_file()


def test_a_project_folder_without_a_project_file_has_the_usual_layout(tmp_path, monkeypatch):
    from .conftest import copy_project

    folder = copy_project(tmp_path / "gedeeld")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DRAFTER_HOME", str(folder))
    result = run_cli("answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert (folder / "output" / ANSWER_4).is_file()
    assert paths.find_project(environ={"DRAFTER_HOME": str(folder)}).file is None


def test_init_in_json(tmp_path):
    result = run_cli("init", str(tmp_path / "p"), "--format", "json")
    assert result.exit_code == 0
    made = json.loads(result.stdout)
    assert "drafter.toml" in made["files"] and "data/questions.yaml" in made["files"]


# -- file names on Windows (pure path logic, on any system)


@pytest.mark.parametrize("name", ["CON", "con.docx", "Nul.txt", "COM1.docx", "lpt9", "aux.tar.gz", "PRN "])
def test_reserved_device_names_are_not_safe(name):
    assert "reserves" in paths.windows_name_problem(name.strip()) or name.endswith(" ")
    safe = paths.safe_file_name(name)
    assert paths.windows_name_problem(safe) is None, safe


@pytest.mark.parametrize("name, why", [
    ("antwoord.", "ends with a dot"),
    ("antwoord ", "ends with a dot or a space"),
    ("vraag 4: antwoord.docx", "':'"),
    ('a<b>"c|d?*.docx', "'<'"),
    ("x" * 256 + ".docx", "more than the 255"),
])
def test_names_windows_refuses(name, why):
    assert why in paths.windows_name_problem(name)
    assert paths.windows_name_problem(paths.safe_file_name(name)) is None


def test_ordinary_names_are_safe_and_kept():
    for name in ("antwoord-2019-2020-vraag-4.docx", "console.docx", "CONFIG.docx", "Kabinet é.docx", ".antwoord.part"):
        assert paths.windows_name_problem(name) is None
        assert paths.safe_file_name(name) == name


def test_windows_paths():
    ok = PureWindowsPath(r"C:\Users\jan\Documents\Kabinet Economie\antwoord.docx")
    assert paths.windows_path_problem(ok) is None
    assert "'CON'" in paths.windows_path_problem(PureWindowsPath(r"C:\Users\jan\CON\antwoord.docx"))
    long = PureWindowsPath("C:\\" + "\\".join(["map" * 20] * 5) + "\\antwoord.docx")
    assert "Word on Windows opens paths of at most 259" in paths.windows_path_problem(long)
    assert paths.windows_path_problem(PureWindowsPath(r"\\server\share\vragen\antwoord.docx")) is None


def test_on_windows_an_answer_path_word_cannot_open_is_refused():
    deep = Path("/" + "/".join(["Schriftelijke vragen van het kabinet"] * 6))
    with pytest.raises(DrafterError, match="Word on Windows opens paths of at most 259"):
        paths.answer_target(deep, "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx", given=False, windows=True)
    assert paths.answer_target(deep, "a.docx", given=False, windows=False) == deep / "a.docx"
    assert paths.answer_target(Path("/tmp/out"), "a.docx", given=False, windows=True) == Path("/tmp/out/a.docx")


def test_answer_file_names_are_safe_however_the_title_reads():
    for title in ("CON", "Aux", "Vraag: wat? <nu>", "x" * 300, "Économie . . .", "...", ""):
        name = paths.answer_file_name("2019-2020", 4, title)
        assert paths.windows_name_problem(name) is None, name
        assert name.startswith("antwoord-2019-2020-vraag-4") and name.endswith(".docx")


def test_an_output_file_name_windows_refuses_is_refused_before_writing(project):
    result = run_cli("answer", "-q", "4", "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out" / "CON.docx"))
    assert result.exit_code == 1 and "'CON' is a name Windows reserves for a device" in result.stderr
    assert list((project / "out").iterdir()) == []


# -- a file open in another program


def _answer(project, *extra):
    return run_cli("answer", "-q", "4", "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"), *extra)


def test_an_answer_open_in_word_gets_close_it_in_word(project, monkeypatch):
    assert _answer(project, "--date", "2019-10-01").exit_code == 0
    target = project / "out" / ANSWER_4
    before = target.read_bytes()
    (project / "out" / ("~$" + ANSWER_4[2:])).write_bytes(b"owner")  # Word's lock file beside it
    real_replace = output.os.replace

    def refuse(src, dst):
        if Path(dst) == target:
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", refuse)
    result = _answer(project, "--date", "2019-10-02")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "is open in another program (Word?)" in result.stderr and "Close it in Word, then run again." in result.stderr
    assert target.read_bytes() == before
    assert sorted(p.name for p in (project / "out").iterdir()) == sorted([ANSWER_4, "~$" + ANSWER_4[2:]])


def test_windows_sharing_violation_is_a_locked_file(tmp_path):
    exc = PermissionError(13, "The process cannot access the file")
    exc.winerror = 32
    assert output.is_locked(exc, tmp_path / "a.docx")
    assert not output.is_locked(PermissionError(13, "denied"), tmp_path / "a.docx") or output.os.name == "nt"
    assert not output.is_locked(OSError(28, "No space left"), tmp_path / "a.docx")


def test_lock_files_of_word_and_libreoffice(tmp_path):
    doc = tmp_path / "antwoord-vraag-4.docx"
    assert paths and not output.office_lock_files(doc)
    (tmp_path / "~$twoord-vraag-4.docx").write_text("x")
    (tmp_path / ".~lock.antwoord-vraag-4.docx#").write_text("x")
    assert len(output.office_lock_files(doc)) == 2
    (tmp_path / "~$kort.docx").write_text("x")  # short names keep all their letters
    assert output.office_lock_files(tmp_path / "kort.docx") == [tmp_path / "~$kort.docx"]


def test_temporary_files_start_with_a_dot(tmp_path):
    with output.staged(tmp_path, "antwoord.docx", b"x") as made:
        assert made.name.startswith(".antwoord.docx.") and made.name.endswith(".part")
        assert made.read_bytes() == b"x"
    assert not made.exists()


# -- LibreOffice on every system


def test_libreoffice_usual_places_per_system():
    windows = pdf.usual_places("Windows", {"ProgramFiles": r"D:\Programs", "LOCALAPPDATA": r"C:\Users\jan\AppData\Local"})
    shown = [str(p) for p in windows]
    assert r"D:\Programs\LibreOffice\program\soffice.exe" in shown
    assert r"C:\Program Files\LibreOffice\program\soffice.exe" in shown
    assert r"C:\Users\jan\AppData\Local\Programs\LibreOffice\program\soffice.exe" in shown
    mac = [str(p) for p in pdf.usual_places("Darwin", {"HOME": "/Users/jan"})]
    assert "/Applications/LibreOffice.app/Contents/MacOS/soffice" in mac
    assert "/Users/jan/Applications/LibreOffice.app/Contents/MacOS/soffice" in mac


def test_install_hints_per_system():
    assert "winget install" in pdf.install_hint("Windows") and "apt-get" not in pdf.install_hint("Windows")
    assert "brew install --cask libreoffice" in pdf.install_hint("Darwin")
    assert "apt-get install" in pdf.install_hint("Linux")
    for system in ("Windows", "Darwin", "Linux"):
        assert "--soffice" in pdf.install_hint(system) and "DRAFTER_SOFFICE" in pdf.install_hint(system)


def test_soffice_given_or_in_the_environment(tmp_path, monkeypatch):
    program = tmp_path / "LibreOffice" / "program" / "soffice"
    program.parent.mkdir(parents=True)
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert pdf.find_soffice(program, environ={}) == str(program)
    assert pdf.find_soffice(tmp_path / "LibreOffice", environ={}) == str(program)  # the installation folder
    assert pdf.find_soffice(environ={"DRAFTER_SOFFICE": str(program)}) == str(program)
    with pytest.raises(DrafterError, match="--soffice .*: LibreOffice's program is not there"):
        pdf.find_soffice(tmp_path / "nope", environ={})
    result = run_cli("answer", "-q", "4", "--pdf", "--soffice", str(tmp_path / "nope"))
    assert result.exit_code == 1 and "LibreOffice's program is not there" in result.stderr


# -- the CLI's conventions

COMMANDS = ("init", "answer", "check", "batch")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_type_names(command):
    result = run_cli(command, "--help")
    assert result.exit_code == 0
    assert not re.search(r"<(bool|str|int|path|list\[str\]|int range)>|x>=1", result.stdout), result.stdout
    for option in ("--quiet", "--verbose", "--format"):
        assert option in result.stdout, f"drafter {command} has no {option}"


def test_every_command_documents_itself_sentence_by_sentence():
    from drafter.commands import cli

    helps = {c.name or c.callback.__name__: c.help for c in cli.app.registered_commands}  # the help Typer shows
    for command in COMMANDS:
        doc = helps[command]
        assert doc, f"{command} has no help"
        for line in doc.strip().splitlines():
            assert not line.strip() or line.rstrip().endswith((".", ":")), f"{command}: {line!r} breaks a sentence"


def test_shell_completion_is_on():
    result = run_cli("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_the_same_names_for_the_same_things():
    for command in ("answer", "check", "batch"):
        text = run_cli(command, "--help").stdout
        for option in ("--question", "--year", "--minister", "--project", "--register", "--templates"):
            assert option in text, f"drafter {command} has no {option}"


def test_quiet_and_verbose(project):
    common = ["--register", str(project / "data" / "questions.yaml"), "--templates", str(project / "answer_templates")]
    quiet = run_cli("answer", "-q", "4", *common, "--output", str(project / "out"), "--quiet")
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    verbose = run_cli("check", *common, "--verbose")
    assert verbose.exit_code == 0 and "register: data/questions.yaml" in verbose.stderr
    assert "templates: answer_templates" in verbose.stderr
    both = run_cli("check", *common, "--quiet", "--verbose")
    assert both.exit_code == 1 and "--quiet and --verbose contradict each other" in both.stderr


def test_answer_and_errors_in_json(project):
    common = ["--register", str(project / "data" / "questions.yaml"), "--templates", str(project / "answer_templates"),
              "--output", str(project / "out")]
    made = run_cli("answer", "-q", "5", *common, "--format", "json")
    assert made.exit_code == 0
    report = json.loads(made.stdout)
    assert report["status"] == "written" and Path(report["file"]).is_file()
    assert report["question"]["number"] == 5 and report["problems"][0]["severity"] == "warning"
    wrong = run_cli("answer", "-q", "17", *common, "--format", "json")
    assert wrong.exit_code == 1
    error = json.loads(wrong.stdout)
    assert error["errors"] == 1 and "there is no question 17" in error["problems"][0]["message"]


def test_batch_selects_by_question_and_minister(project):
    common = ["--register", str(project / "data" / "questions.yaml"), "--templates", str(project / "answer_templates"),
              "--output", str(project / "out"), "-j", "1"]
    none = run_cli("batch", *common, "--minister", "Jan Jambon")
    assert none.exit_code == 1 and "minister Jan Jambon" in none.stderr
    some = run_cli("batch", *common, "-q", "4-5", "--minister", "N.N.", "--format", "json")
    assert some.exit_code == 0, some.output
    manifest = json.loads(some.stdout)
    assert [a["question"]["number"] for a in manifest["answers"]] == [4, 5]
    assert manifest["options"]["selection"]["ministers"] == ["N.N."]
    zero = run_cli("batch", *common, "--jobs", "0")
    assert zero.exit_code == 1 and "at least one process" in zero.stderr

"""drafter speaks Dutch throughout under `--lang nl`: every command's help, and the errors,
warnings and summaries of the whole tool (the register's keys, the data's columns, dates,
templates, tables, output, usage errors, and status, verify, update, sent, intake, batch, check).

Each run's printed lines are held against the English of the catalog (drafter/locale/drafter.pot):
a line that holds an English message (its placeholders filled in any way) fails, and so does a
clause whose words, once quoted values, paths and options are left out, are mostly English
function words ("the", "not", "must", "with", "of", "a", ...): an English sentence that was never
marked for translation.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from drafter import i18n
from drafter.commands.cli import app

from .. import breakage as b
from ..conftest import ROOT, files_in, run_cli
from ..test_bad_input import CASES, STRICT
from ..test_intake import make_txt

CATALOG = ROOT / "drafter" / "locale" / "drafter.pot"

#: Words that are English and not Dutch (or that Dutch uses too seldom to make a clause of them):
#: a clause made mostly of these is an English sentence. Words Dutch writes as often ("of", "is",
#: "was", "had", "been") are not among them: "(of null als ze onbekend is)" is Dutch.
ENGLISH_WORDS = frozenset("""
    the a an to with must not are be has have which that this these those there from
    for it its at by on but only than would will can cannot does should no any or and their they you
    your were when where while into nor
""".split())

#: What is not a sentence: values quoted from the user's files, paths, file names, options.
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|`[^`]*`|«[^»]*»|„[^“”]*[“”]")
_PATHISH = re.compile(r"\S*[/\\_]\S*|\S+\.(?:csv|docx|xlsx|yaml|yml|json|toml|txt|pdf|docm|dotx)\b|--?[\w-]+")
_CLAUSE = re.compile(r"[:;!?()\[\]]|\.(?:\s|$)|,\s")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


@cache
def english_messages() -> tuple[tuple[str, re.Pattern], ...]:
    """Each English message of the catalog as a pattern (its placeholders match anything), with its
    longest piece of text (a line without it cannot hold the message), for the messages of three
    words or more that Dutch says otherwise."""
    with CATALOG.open("rb") as stream:
        template = read_po(stream)
    dutch = i18n.translation("nl")
    patterns = []
    for message in template:
        if not message.id:
            continue
        plural = not isinstance(message.id, str)
        english = message.id if plural else (message.id,)
        said = (dutch.ngettext(*message.id, 1), dutch.ngettext(*message.id, 2)) if plural else (dutch.gettext(message.id),)
        for text in english:
            if len(_WORD.findall(re.sub(r"\{[^}]*\}", " ", text))) < 3:
                continue
            if text in said:
                continue  # the same in both languages (a command line, a name): not untranslated
            pieces = re.split(r"\{[^}]*\}", text.strip())
            patterns.append((max(pieces, key=len), re.compile(".+?".join(map(re.escape, pieces)))))
    return tuple(patterns)


def _english_message(text: str) -> str | None:
    """The first English message of the catalog that text holds, else None."""
    return next((p.pattern for piece, p in english_messages() if piece in text and p.search(text)), None)


def english_clause(line: str) -> str | None:
    """The first clause of line that is an English sentence, else None."""
    text = _PATHISH.sub(" ", _QUOTED.sub(" ", line))
    for clause in _CLAUSE.split(text):
        words = [w.lower() for w in _WORD.findall(clause)]
        english = sum(1 for w in words if w in ENGLISH_WORDS)
        if len(words) >= 3 and english >= 2 and english / len(words) >= 0.25:
            return clause.strip()
    return None


def untranslated(output: str) -> list[str]:
    """The printed lines that are (or hold) English, each with what gives it away."""
    found = []
    for line in output.splitlines():
        if not line.strip():
            continue
        message = _english_message(line)
        if message is not None:
            found.append(f"{line!r} holds the English message {message!r}")
            continue
        clause = english_clause(line)
        if clause is not None:
            found.append(f"{line!r} has an English clause: {clause!r}")
    return found


def assert_dutch(result, *expected: str) -> None:
    """Something was printed, nothing in English, no traceback; and each expected (Dutch) text is there."""
    output = result.stdout + result.stderr
    assert output.strip(), "nothing was printed"
    assert "Traceback" not in output, output
    bad = untranslated(output)
    assert not bad, "English under --lang nl:\n" + "\n".join(bad)
    for text in expected:
        assert text in output, f"{text!r} not in:\n{output}"


def nl(project: Path, command: str, *args: str, register=True, templates=True, output=True):
    """`drafter COMMAND ... --lang nl` with the project copy's register, templates and out/."""
    given = [command, *args, "--lang", "nl"]
    if register:
        given += ["--register", str(project / "data" / "questions.yaml")]
    if templates:
        given += ["--templates", str(project / "answer_templates")]
    if output:
        given += ["--output", str(project / "out")]
    return run_cli(*given)


# ---------------------------------------------------------------------- the checker itself


def test_the_checker_finds_english_and_lets_dutch_through():
    assert untranslated("error: data/budget.csv, row 8: the file is empty")
    assert untranslated("fout: data/budget.csv, rij 8: the amount must be a number with at most two decimals")
    assert untranslated("--quiet and --verbose contradict each other")  # a message of the catalog
    assert not untranslated("fout: data/budget.csv, rij 8, kolom 'amount': '58 miljoen' is geen bedrag. "
                            "Schrijf een getal, bv. 58000000.")
    assert not untranslated("drafter check: 0 fouten, 6 waarschuwingen in 7 vragen, 4 gegevensbestanden, 7 sjablonen")
    assert not untranslated("Gebruik: drafter answer [OPTIONS]")


# ---------------------------------------------------------------------- help


def _commands() -> list[str]:
    import typer.main

    return sorted(typer.main.get_command(app).commands)


def test_every_command_is_listed():
    assert {"init", "answer", "update", "check", "batch", "intake", "sent", "status", "verify", "collect",
            "bundle", "serve"} <= set(_commands())


@pytest.mark.parametrize("command", [[], *([c] for c in _commands())], ids=lambda c: " ".join(c) or "drafter")
def test_help_of_every_command_and_option_is_dutch(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(*command, "--help", "--lang", "nl")
    assert result.exit_code == 0, result.output
    assert_dutch(result, "Gebruik:", "Opties:", "Toon deze hulp en stop.")
    # the English help, joined over its wrapped lines, is not there either
    joined = " ".join(result.stdout.split())
    assert _english_message(joined) is None, _english_message(joined)


# ---------------------------------------------------------------------- the corpus of bad inputs, in Dutch

#: Cases of tests/test_bad_input.py whose message is drafter's own (not a Jinja2 text it passes on),
#: across the register's keys and values, dates, tables, the data's columns and values, and templates.
CORPUS = {c.id: c for c in CASES + STRICT}
CHOSEN = [
    # the register: its keys, its values, its dates, its tables
    "register-yaml-syntax", "register-field-missing", "register-zittingsjaar", "register-question-twice",
    "register-template-outside", "register-data-outside", "register-undefined-table", "register-no-such-subquestion",
    "register-date", "register-years", "register-key-twice", "register-unknown-locale", "register-key-afetr",
    "register-key-introducton", "register-key-table-titel", "register-show-unit-not-boolean", "register-not-utf8",
    # the data: its columns, its values, its files
    "data-file-missing", "data-amount-not-a-number", "data-kind", "data-year", "data-column-misspelt",
    "data-row-twice", "data-extra-cell", "data-empty-file", "data-header-only", "data-ambiguous-decimal",
    "data-xlsx-unknown-sheet", "data-xlsx-formula-not-computed", "data-note-key-unknown", "data-column-lable",
    "data-share-total-row",
    # the templates
    "template-missing", "template-corrupt", "template-one-brace", "template-if-never-closed",
    "template-tr-outside-table", "template-not-word",
]


def test_the_chosen_cases_exist():
    assert set(CHOSEN) <= set(CORPUS)


@pytest.mark.parametrize("case_id", CHOSEN)
def test_answer_refuses_in_dutch(case_id, project):
    CORPUS[case_id].breaks(project)
    result = nl(project, "answer", "-q", "4")
    assert result.exit_code == 1, result.output
    assert_dutch(result, "fout: ")
    assert files_in(project / "out") == []


def test_a_date_that_is_no_day_of_the_calendar(project):
    b.replace_in(project, b.REGISTER, "date: null", "date: 31/02/2019")
    result = nl(project, "answer", "-q", "4")
    assert result.exit_code == 1
    assert_dutch(result, f"regel {b.line_of(project, b.REGISTER, 'date: 31/02/2019')}")


def test_check_names_a_template_s_unknown_name_in_dutch(project):
    b.set_paragraph(project, 0, "{{ ministre.name }}")
    result = nl(project, "check", "-q", "4")
    assert result.exit_code == 1
    assert_dutch(result, "het sjabloon gebruikt 'ministre'", "drafter check: ")


# ---------------------------------------------------------------------- usage errors and options


@pytest.mark.parametrize("args, expected", [
    (["answer", "--vraag", "4"], "fout: "),
    (["answer"], "fout: "),
    (["answer", "-q", "vier"], "fout: "),
    (["status", "--format", "pdf"], "fout: "),
    (["verzin"], "fout: "),
], ids=["unknown-option", "missing-option", "not-a-number", "not-a-choice", "unknown-command"])
def test_usage_errors_in_dutch(args, expected, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args, "--lang", "nl")
    assert result.exit_code == 2, result.output
    assert_dutch(result, expected, "Gebruik:")
    assert "Fout:" not in result.stderr  # one form for every error: drafter's own say "fout:"


@pytest.mark.parametrize("args, expected", [
    (["answer", "-q", "4", "--quiet", "--verbose"], "spreken elkaar tegen"),
    (["answer", "-q", "4", "--date", "gisteren"], "is geen datum"),
    (["batch", "-q", "4,x"], "is geen nummer en geen reeks nummers"),
    (["batch", "--year", "2030-2031"], "geen enkele vraag in het register past bij zittingsjaar 2030-2031"),
    (["check", "--jobs", "0"], "minstens één proces"),
    (["check", "--year", "2030-2031"], "het register heeft geen vraag van zittingsjaar 2030-2031"),
    (["status", "--today", "gisteren"], "is geen datum"),
    (["status", "--format", "xlsx"], "is er een bestand nodig"),
    (["update", "-q", "4"], "fout: "),
    (["collect", "-q", "4"], "fout: "),
    (["answer", "-q", "99"], "fout: "),
], ids=["quiet-verbose", "bad-date", "bad-numbers", "batch-selects-nothing", "no-jobs", "check-selects-nothing",
        "status-bad-today", "xlsx-without-file", "update-without-answer", "collect-without-answer", "no-question"])
def test_a_command_s_refusal_in_dutch(args, expected, project):
    result = nl(project, *args)
    assert result.exit_code == 1, result.output
    assert_dutch(result, expected)
    assert files_in(project / "out") == []


def test_batch_output_must_be_a_folder(project):
    result = nl(project, "batch", "--output", str(project / "out" / "antwoord.docx"), output=False)
    assert result.exit_code == 1
    assert_dutch(result, "een batch schrijft veel antwoorden")


def test_status_list_in_a_folder_that_does_not_exist(project):
    result = nl(project, "status", "--to", str(project / "nergens" / "lijst.csv"), "--format", "csv")
    assert result.exit_code == 1
    assert_dutch(result, "de map voor de lijst bestaat niet")


def test_sent_refuses_in_dutch(project):
    unknown = nl(project, "sent", "-q", "99", templates=False, output=False)
    assert unknown.exit_code == 1
    assert_dutch(unknown, "fout: ")
    bad_day = nl(project, "sent", "-q", "4", "--date", "gisteren", templates=False, output=False)
    assert bad_day.exit_code == 1
    assert_dutch(bad_day, "fout: ")


def test_bundle_refuses_a_name_that_is_not_docx(project):
    result = nl(project, "bundle", "--to", str(project / "out" / "bundel.pdf"), templates=False)
    assert result.exit_code == 1
    assert_dutch(result, "een bundel is een Word-document")


def test_init_refuses_in_dutch(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "een-bestand").write_text("x", encoding="utf-8")
    on_a_file = run_cli("init", str(tmp_path / "een-bestand"), "--lang", "nl")
    assert on_a_file.exit_code == 1
    assert_dutch(on_a_file, "dit is een bestand, geen map")
    made = run_cli("init", str(tmp_path / "kabinet"), "--lang", "nl")
    assert made.exit_code == 0, made.output
    assert_dutch(made, "drafter-project gemaakt in")
    again = run_cli("init", str(tmp_path / "kabinet"), "--lang", "nl")
    assert again.exit_code == 1
    assert_dutch(again, "deze map bevat al bestanden van een project")


def test_verify_refuses_in_dutch(project):
    nothing = nl(project, "verify", str(project / "out"), output=False)
    assert nothing.exit_code == 1
    assert_dutch(nothing, "er is geen .docx-antwoord om te controleren")
    not_drafters = nl(project, "verify", str(project / b.TEMPLATE), output=False)
    assert not_drafters.exit_code == 1
    assert_dutch(not_drafters, "drafter heeft dit antwoord niet gemaakt")


# ---------------------------------------------------------------------- intake


def test_intake_in_dutch(project, tmp_path):
    document = make_txt(tmp_path / "vraag.txt")
    dry = nl(project, "intake", str(document), "--dry-run", output=False)
    assert dry.exit_code == 0, dry.output
    assert_dutch(dry, "zou toegevoegd worden aan")
    wrong = nl(project, "intake", str(document), "--template", "../algemeen.docx", output=False)
    assert wrong.exit_code == 1
    assert_dutch(wrong, "moet de naam zijn van een .docx-bestand")
    missing = nl(project, "intake", str(document), "--template", "bestaat-niet.docx", output=False)
    assert missing.exit_code == 1
    assert_dutch(missing, "er is geen sjabloon")
    added = nl(project, "intake", str(document), output=False)
    assert added.exit_code == 0, added.output
    assert_dutch(added, "toegevoegd aan")
    twice = nl(project, "intake", str(document), output=False)
    assert twice.exit_code == 1
    assert_dutch(twice, "staat al in het register")
    no_file = nl(project, "intake", str(tmp_path / "bestaat-niet.txt"), output=False)
    assert no_file.exit_code == 1
    assert_dutch(no_file, "fout: ")


# ---------------------------------------------------------------------- what a run says when it works


def test_a_run_s_lines_in_dutch(project):
    check = nl(project, "check")
    assert_dutch(check, "drafter check: ", "waarschuwing: ")
    batch = nl(project, "batch", "-q", "4,5", "-j", "1")
    assert batch.exit_code == 0, batch.output
    assert_dutch(batch, "antwoorden", "manifest: ")
    verify = nl(project, "verify", str(project / "out"), output=False)
    assert_dutch(verify, "drafter verify: ")
    status = nl(project, "status", "--today", "2019-11-04")
    assert status.exit_code == 0, status.output
    assert_dutch(status, "ontwerp")
    again = nl(project, "answer", "-q", "4")
    assert again.exit_code == 0, again.output
    assert_dutch(again)
    collect = nl(project, "collect", "-q", "4")
    assert_dutch(collect)
    update = nl(project, "update", "-q", "4")
    assert_dutch(update)


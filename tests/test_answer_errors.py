"""Bad input for `drafter answer`: one clear message with file and place, exit 1, nothing written."""

from __future__ import annotations

from .conftest import assert_refused, files_in, run_in


def test_unknown_question_lists_the_numbers_that_exist(project):
    reg = project / "data" / "questions.yaml"
    reg.write_text(reg.read_text().replace("    number: 7\n", "    number: 17\n"))
    result = run_in(project, "answer", "--question", "7")
    assert_refused(result, project, "questions.yaml", "there is no question 7",
                   "4 (2019-2020), 5 (2019-2020), 6 (2019-2020), 8 (2019-2020), 10 (2019-2020), 17 (2019-2020), "
                   "1028 (2024-2025)")
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_data_file_is_named(project):
    (project / "data" / "support_by_size.csv").unlink()
    result = run_in(project, "answer", "--question", "4")
    assert_refused(result, project, "support_by_size.csv", "file not found")


def test_amount_that_is_not_a_number_names_row_and_column(project):
    csv = project / "data" / "budget.csv"
    csv.write_text(csv.read_text().replace("58000000", "58 miljoen", 1))
    result = run_in(project, "answer", "--question", "4")
    assert_refused(result, project, "budget.csv", "row 8", "column 'amount'", "'58 miljoen' is not an amount")


def test_malformed_register_names_the_line(project):
    reg = project / "data" / "questions.yaml"
    lines = reg.read_text().splitlines()
    lines[13] = lines[13] + " : :"  # breaks the YAML on line 14
    reg.write_text("\n".join(lines) + "\n")
    result = run_in(project, "answer", "--question", "4")
    assert_refused(result, project, "questions.yaml", "line 14")


def test_unknown_note_key_names_key_and_place(project):
    csv = project / "data" / "budget.csv"
    csv.write_text(csv.read_text().replace("opsplitsing_2016", "opsplitsing_2061"))
    result = run_in(project, "answer", "--question", "4")
    assert_refused(result, project, "unknown note key 'opsplitsing_2061'", "budget.csv, row 6", "notes.yaml")


def test_a_file_drafter_did_not_make_is_never_replaced(project):
    target = project / "out" / "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
    target.write_bytes(b"a colleague's own document")
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 1
    assert "drafter did not make it" in result.stderr
    assert target.read_bytes() == b"a colleague's own document"
    assert files_in(project / "out") == [target.name]


def test_version_and_help():
    from drafter import __version__

    from .conftest import run_cli

    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"drafter {__version__}"
    result = run_cli("--help")
    assert result.exit_code == 0
    for command in ("answer", "batch", "check"):
        assert command in result.stdout

"""`drafter check`: clean on the example, every problem at once, warnings told apart from errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx

from . import breakage as b
from .conftest import files_in, run_cli, run_in, validate_docx
from .test_bad_input import check_in

ANSWER = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"


def lines_of(result) -> list[str]:
    return result.stdout.rstrip("\n").splitlines()


def counted(project: Path) -> dict:
    """What check must say it checked: every question, data file and template of the project."""
    import yaml

    register = yaml.safe_load((project / b.REGISTER).read_text(encoding="utf-8"))
    files = {f for q in register["questions"] for f in (q.get("data") or {}).values()}
    templates = [p for p in (project / "answer_templates").glob("*.docx") if not p.name.startswith("~$")]
    return {"questions": len(register["questions"]), "data_files": len(files), "templates": len(templates)}


def scope(project: Path) -> str:
    c = counted(project)
    plural = lambda n, w: f"{n} {w}{'' if n == 1 else 's'}"  # noqa: E731
    return (f"{plural(c['questions'], 'question')}, {plural(c['data_files'], 'data file')}, "
            f"{plural(c['templates'], 'template')}")


def test_the_example_project_is_clean(project):
    """No errors; the warnings are what `answer` warns about too (one report): the
    placeholders (N.N., no date) each example question shows, and nothing else."""
    result = check_in(project)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    questions = counted(project)["questions"]
    warnings = len(lines) - 1  # one per question that shows a placeholder (a complete one shows none)
    assert lines[-1] == f"drafter check: 0 errors, {warnings} warnings in {scope(project)}"
    assert 5 <= warnings <= questions
    assert all(line.startswith("warning: data/questions.yaml, line ") and ": the draft shows placeholders for " in line
               for line in lines[:-1]), lines
    assert questions >= 5 and counted(project)["templates"] >= 3
    as_json = check_in(project, "--format", "json")
    assert as_json.exit_code == 0
    report = json.loads(as_json.stdout)
    assert (report["errors"], report["warnings"], report["checked"]) == (0, warnings, counted(project))


def test_the_real_project_folder_is_clean():
    """What docs/commands.md promises: `drafter check` in the checkout itself."""
    from .conftest import ROOT, run_cli

    result = run_cli("check")
    assert result.exit_code == 0, result.output
    summary = result.stdout.splitlines()[-1]
    assert summary.startswith("drafter check: 0 errors, ")
    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    assert f"On the example data as it is in `data/`, it says\n`{summary}` and exits with 0." in readme


QUESTION_5 = """
  - zittingsjaar: 2019-2020
    number: 15
    minister: {name: N.N., title: N.N.}
    title: Bedrijfsclusters - Evaluatie
    template: bedrijfsclusters.docx
    subquestions: {1: "Hoe?"}
    answer:
      parts:
        - number: 1
          text: Zo.
"""

QUESTION_6 = """
  - zittingsjaar: 2019-2020
    number: 16
    asker: N.N.
    minister: {name: N.N., title: N.N.}
    title: Kmo's - Steun
    template: tweede.docx
    data: {shares: support_by_size.csv}
    subquestions: {1: "Wat?", 2: "Hoe?", 3: "Waarom?", 4: "Wanneer?"}
    answer:
      parts:
        - {number: 1, text: Een.}
        - {number: 2, text: Twee.}
        - {number: 3, text: "Circa {{ shares.percent('kmo') }}."}
        - {number: 4, text: Vier.}
"""


def break_in_several_places(project: Path) -> None:
    """Problems in the data, the notes, two questions' texts, a question without an asker and
    a template that uses names no question provides."""
    # data: an amount that is not a number
    b.replace_in(project, b.BUDGET, "58000000", "58 miljoen")
    # notes: a note text with a broken tag
    with open(project / b.NOTES, "a", encoding="utf-8") as fh:
        fh.write('kapot: "Zie {{ budget.amount( }}"\n')
    # register: two texts of question 4 with broken tags, question 5 without an asker,
    # question 6 fine but with a template that uses two names that do not exist
    b.replace_in(project, b.REGISTER, '{{ shares.percent("groot") }}', '{{ shares.percent("groot") }')
    b.replace_in(project, b.REGISTER, '"{{ evaluation.text }}"', '"{{ evaluation.text }"')
    with open(project / b.REGISTER, "a", encoding="utf-8") as fh:
        fh.write(QUESTION_5 + QUESTION_6)
    shutil.copy(project / b.TEMPLATE, project / "answer_templates" / "tweede.docx")
    document = docx.Document(str(project / "answer_templates" / "tweede.docx"))
    document.paragraphs[0].runs[0].text = "{{ ministre.name }}"
    document.paragraphs[1].runs[0].text = "{{ vraag.titel }}"
    document.save(str(project / "answer_templates" / "tweede.docx"))


def test_every_problem_is_reported_at_once(project):
    break_in_several_places(project)
    result = check_in(project)
    assert result.exit_code == 1
    out = lines_of(result)
    expected = [
        f"error: data/questions.yaml, line {b.line_of(project, b.REGISTER, 'number: 15') - 1}: "
        "question 15: the field 'asker' is missing",
        f"error: data/notes.yaml, line {b.line_of(project, b.NOTES, 'kapot:')}: note 'kapot': unexpected '}}'",
        "error: answer_templates/tweede.docx, paragraph 1 ('{{ ministre.name }}'): the template uses 'ministre'",
        "error: answer_templates/tweede.docx, paragraph 2 ('{{ vraag.titel }}'): the template uses 'vraag'",
        f"error: data/questions.yaml, line {b.line_of(project, b.REGISTER, '- number: 3')}: answer part 3: unexpected '}}'",
        f"error: data/questions.yaml, line {b.line_of(project, b.REGISTER, '- number: 4')}: answer part 4: unexpected '}}'",
        "error: data/budget.csv, row 8, column 'amount': '58 miljoen' is not an amount",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in out), f"{start!r} not in:\n{result.stdout}"
    errors = [line for line in out if line.startswith("error: ")]
    assert len(errors) == len(expected), result.stdout
    # (with a question of the register unread, 'kapot' may be used there: no warning about it;
    # the one warning is the placeholders of question 6, which renders, as `answer` says too)
    assert [line for line in out if line.startswith("warning: ")] == [
        line for line in out if line.startswith("warning: ") and "the draft shows placeholders" in line][:1]
    assert out[-1] == f"drafter check: 7 errors, 1 warning in {scope(project).replace(str(counted(project)['questions']) + ' questions', str(counted(project)['questions'] - 1) + ' questions')}"


def test_the_report_is_the_same_for_any_number_of_jobs(project):
    """Questions are checked over --jobs processes: what each finds is reported in the
    register's order, each problem once, as in one process."""
    break_in_several_places(project)
    with open(project / b.REGISTER, "a", encoding="utf-8") as fh:  # more questions than one worker's share
        for n in range(20, 60):
            fh.write(QUESTION_6.replace("number: 16", f"number: {n}").replace("Waarom?", f"Waarom {n}?"))
            if n % 7 == 0:
                fh.write(QUESTION_5.replace("number: 15", f"number: {n + 100}"))
    one = check_in(project, "--jobs", "1")
    assert one.exit_code == 1
    assert sum("does not provide" in line for line in lines_of(one)) == 2 * 41, one.stdout  # 2 per question 16-59
    assert sum("the field 'asker' is missing" in line for line in lines_of(one)) == 7, one.stdout
    for jobs in ("2", "3"):
        many = check_in(project, "--jobs", jobs)
        assert (many.exit_code, many.stdout) == (one.exit_code, one.stdout)
    as_json = [check_in(project, "--jobs", jobs, "--format", "json").stdout for jobs in ("1", "2")]
    assert as_json[0] == as_json[1]
    assert check_in(project, "--jobs", "0").exit_code == 1


def test_errors_come_before_warnings(project):
    b.replace_in(project, b.BUDGET, "ibn,2016,VAK,6750000", "ibn,2016,VAK,6850000")  # a warning, found first
    b.replace_in(project, b.SHARES, "kmo’s,45", "kmo’s,veel")  # an error, found later
    result = check_in(project)
    out = [line for line in lines_of(result) if "the draft shows placeholders" not in line]
    assert [line.split(":")[0] for line in out[:-1]] == ["error", "warning"]
    assert out[-1] == f"drafter check: 1 error, {1 + _placeholders(result)} warnings in {scope(project)}"


def test_only_one_question(project):
    assert check_in(project, "--question", "4").exit_code == 0
    result = check_in(project, "--question", "9")
    assert result.exit_code == 1
    assert lines_of(result)[0].startswith("error: data/questions.yaml: there is no question 9 in the register")
    assert lines_of(result)[-1].endswith("in 0 questions, 0 data files, 0 templates")


# --------------------------------------------------------------------------- warnings


def _placeholders(result) -> int:
    return sum("the draft shows placeholders" in line for line in lines_of(result))


def _warnings(result) -> list[str]:
    """The data's warnings: without the placeholders every example question shows (N.N., no
    date), which check reports as answer does and test_the_example_project_is_clean checks."""
    return [line for line in lines_of(result) if line.startswith("warning: ") and "the draft shows placeholders" not in line]


def test_a_split_that_does_not_add_up_is_a_warning_and_the_answer_is_still_made(project):
    b.replace_in(project, b.BUDGET, "ibn,2016,VAK,6750000", "ibn,2016,VAK,6850000")
    result = check_in(project)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [
        "warning: data/budget.csv, row 6, column 'amount': the parts of 'clusters', 2016 VAK add up to 14.350.000 "
        "(ibn 6.850.000 + speerpuntclusters 7.500.000), but its amount is 14.250.000: a difference of 100.000, "
        "more than rounding. Check the amounts of the split and of the line it splits."]
    assert lines_of(result)[-1] == f"drafter check: 0 errors, {1 + _placeholders(result)} warnings in {scope(project)}"
    report = json.loads(check_in(project, "--format", "json").stdout)
    assert (report["errors"], report["warnings"]) == (0, 1 + _placeholders(result))
    assert report["problems"][0]["severity"] == "warning"
    assert report["problems"][0]["place"] == "row 6, column 'amount'"
    answer = run_in(project, "answer", "--question", "4")
    assert answer.exit_code == 0 and files_in(project / "out") == [ANSWER]


def test_a_difference_within_rounding_is_no_warning(project):
    # 0,4% off: amounts copied in rounded form from a source
    b.replace_in(project, b.BUDGET, "ibn,2016,VAK,6750000", "ibn,2016,VAK,6800000")
    result = check_in(project)
    assert result.exit_code == 0 and _warnings(result) == []


def test_a_split_naming_a_line_that_does_not_exist(project):
    b.replace_in(project, b.BUDGET, "ibn,2016,VAK,6750000,clusters,", "ibn,2016,VAK,6750000,cluster,")
    warnings = _warnings(check_in(project))
    assert warnings == [
        "warning: data/budget.csv, row 12, column 'part_of': part_of 'cluster': there is no row for 'cluster', "
        "2016 VAK. Correct the name (lines here: bedrijfssteun, clusters, ibn, speerpuntclusters), or add that row.",
        # and so the other part is left alone to make up the amount
        "warning: data/budget.csv, row 6, column 'amount': the parts of 'clusters', 2016 VAK add up to 7.500.000 "
        "(speerpuntclusters 7.500.000), but its amount is 14.250.000: a difference of 6.750.000, more than rounding. "
        "Check the amounts of the split and of the line it splits."]


TOTAL_TABLE = """      splitsing:
        data: budget
        lines: [ibn, speerpuntclusters]
        years: 2016
        kinds: [VAK]
        rows: line
        columns: kind
        total: {line: clusters}
"""


def test_a_stated_total_that_differs_from_its_rows(project):
    # no part_of here: the table's own total line is what is checked
    b.replace_in(project, b.BUDGET, "6750000,clusters,", "6750000,,")
    b.replace_in(project, b.BUDGET, "7500000,clusters,", "7600000,,")
    b.replace_in(project, b.REGISTER, "    answer:\n", TOTAL_TABLE + "    answer:\n")
    result = check_in(project)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [
        "warning: data/budget.csv, row 6, column 'amount': table 'splitsing': the rows for 2016 VAK add up to "
        "14.350.000, but the total line 'clusters' says 14.250.000: a difference of 100.000, more than rounding. "
        "Check the figures; the table is defined at data/questions.yaml, "
        f"line {b.line_of(project, b.REGISTER, 'splitsing:') + 1}."]


def test_with_a_split_and_a_total_over_the_same_figures_one_warning_is_enough(project):
    b.replace_in(project, b.BUDGET, "ibn,2016,VAK,6750000", "ibn,2016,VAK,6850000")
    b.replace_in(project, b.REGISTER, "    answer:\n", TOTAL_TABLE + "    answer:\n")
    warnings = _warnings(check_in(project))
    assert len(warnings) == 1 and "the parts of 'clusters', 2016 VAK" in warnings[0]


def test_notes_defined_but_unused_and_used_but_undefined(project):
    with open(project / b.NOTES, "a", encoding="utf-8") as fh:
        fh.write("oude_noot: Niet meer nodig.\ngeroepen: Wordt in een tekst geroepen.\n")
    b.replace_in(project, b.REGISTER, "voor grote ondernemingen.", "voor grote ondernemingen.{{ note('geroepen') }}")
    # a row no table shows, with a key the notes file lacks
    with open(project / b.BUDGET, "a", encoding="utf-8") as fh:
        fh.write("archief,2010,VAK,1000,,bron_2010\n")
    result = check_in(project)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [
        f"warning: data/budget.csv, row {len(b.budget_rows(project))}, column 'notes': the note key 'bron_2010' is not "
        "defined in data/notes.yaml. Define 'bron_2010:' in the notes file, or correct the key; no table shows this "
        "row yet.",
        f"warning: data/notes.yaml, line {b.line_of(project, b.NOTES, 'oude_noot:')}: the note 'oude_noot' is not used "
        "by any data row, table, text or template. Remove it, or call it: a key in a row's 'notes' cell, or "
        '{{ note("oude_noot") }} in a text.',
    ]


def test_a_misspelt_column_is_an_error(project):
    """Issue 10: a 'note' column for 'notes' would drop every note call, so it is an error, not a warning."""
    b.replace_in(project, b.BUDGET, "line,year,kind,amount,part_of,notes", "line,year,kind,amount,part_of,note")
    result = check_in(project)
    assert result.exit_code == 1
    assert ("error: data/budget.csv, row 1, column 'note': budget table: the column 'note' is not one drafter reads, "
            "so its cells would be lost. Did you mean 'notes'? Rename it to 'notes' if it holds the notes that explain "
            "this cell, separated by spaces; the columns drafter reads are line, year, kind, amount, part_of, notes."
            ) in result.stdout.splitlines()


def test_control_characters_are_cleaned_reported_and_the_answer_stays_valid(project):
    b.replace_in(project, b.SHARES, "kmo,kmo’s,45", "kmo,kmo’s\x0b,45")
    b.replace_in(project, b.REGISTER, "title: N.N.", "title: \"Vlaams minister\\x0bvan Economie\"")
    result = check_in(project)
    assert result.exit_code == 0, result.output
    assert _warnings(result) == [
        "warning: data/support_by_size.csv, row 2, column 'label': a control character (pasted from Excel or Word) "
        "was replaced by a space. Retype the cell if its text looks wrong."]
    assert run_in(project, "answer", "--question", "4").exit_code == 0
    path = project / "out" / ANSWER
    validate_docx(path)
    assert docx.Document(str(path)).paragraphs[1].text == "Vlaams ministervan Economie"


def test_a_template_no_question_uses_is_checked_too_but_not_word_lock_files(project):
    (project / "answer_templates" / "oud.docx").write_bytes(b"not a zip")
    (project / "answer_templates" / "~$drijfsclusters.docx").write_bytes(b"\x08Word lock file")
    result = check_in(project)
    assert result.exit_code == 1
    errors = [line for line in lines_of(result) if line.startswith("error: ")]
    assert errors == ["error: answer_templates/oud.docx: not a Word document (.docx): the file is not a valid zip "
                      "package. Open the template in Word and save it again as a .docx (Word document)."]


def test_answer_prints_no_traceback_but_debug_does(project):
    b.replace_in(project, b.BUDGET, "58000000", "58 miljoen")
    plain = run_in(project, "answer", "--question", "4")
    assert plain.exit_code == 1 and "Traceback" not in plain.output
    debug = run_in(project, "answer", "--question", "4", "--debug")
    assert debug.exit_code == 1 and "Traceback" in debug.stderr
    assert "'58 miljoen' is not an amount" in debug.stderr
    assert files_in(project / "out") == []


def test_check_with_debug_still_reports(project):
    result = check_in(project, "--debug")
    assert result.exit_code == 0 and "drafter check: 0 errors, " in result.stdout


def test_check_of_a_project_without_templates_folder(project):
    shutil.rmtree(project / "answer_templates")
    result = check_in(project)
    assert result.exit_code == 1
    assert "error: answer_templates/bedrijfsclusters.docx: template not found" in result.stdout
    assert "error: answer_templates: the templates folder does not exist" in result.stdout
    assert Path(project / "answer_templates").exists() is False


def test_the_readme_shows_real_output(project):
    """docs/commands.md's example of `drafter check` is what drafter prints for these mistakes."""
    import re

    from .conftest import ROOT

    b.replace_in(project, b.BUDGET, "ibn,2016,VAK,6750000", "ibn,2016,VAK,6850000")
    with open(project / b.NOTES, "a", encoding="utf-8") as fh:
        fh.write("oude_noot: Niet meer nodig.\n")
    b.set_paragraph(project, 0, "{{ ministre.name }}")
    readme = (ROOT / "docs" / "commands.md").read_text(encoding="utf-8")
    text = re.search(r"```text\n\$ drafter check\n(.*?)\$ echo \$\?\n1\n```", readme, re.S).group(1)
    as_json = re.search(r"```text\n\$ drafter check --format json\n(.*?)```", readme, re.S).group(1)
    assert check_in(project).stdout == text
    assert check_in(project, "--format", "json").stdout == as_json


def test_annotate_puts_a_comment_at_each_problem_in_copies_that_open(project):
    """check --annotate: the template and the workbook, each with a comment where its problem is."""
    import zipfile

    import openpyxl

    from .conftest import validate_docx

    b.set_paragraph(project, 3, "op vraag nr. {{ question.number }. van {{ question.date }}")
    b.workbook(project, formula_at="D6")
    b.use_data_file(project, "budget", b.WORKBOOK)
    before = b.snapshot(project / "data"), b.snapshot(project / "answer_templates")
    result = run_cli("check", "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--annotate", "--output", str(project / "out"))
    assert result.exit_code == 1, result.output
    assert (b.snapshot(project / "data"), b.snapshot(project / "answer_templates")) == before
    folder = project / "out" / "opmerkingen"
    assert "wrote out/opmerkingen/bedrijfsclusters-opmerkingen.docx: 1 comment(s), 1 at their place" in result.stdout
    copy = folder / "bedrijfsclusters-opmerkingen.docx"
    validate_docx(copy)
    document = docx.Document(str(copy))
    paragraph = document.paragraphs[3]._p
    assert paragraph.xpath("./w:commentRangeStart") and paragraph.xpath(".//w:commentReference")
    with zipfile.ZipFile(copy) as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert "error: template tag error: a &apos;{{&apos; is not closed" in comments or \
        "error: template tag error: a '{{' is not closed" in comments
    book = openpyxl.load_workbook(folder / "begroting-opmerkingen.xlsx")
    assert "formula (=D12+D13) whose result was never computed" in book["Begroting"]["D6"].comment.text


def test_one_question_that_cannot_be_read_is_reported_once(project):
    """check -q 4 on an entry with a mistake names the mistake, not also 'there is no question 4'."""
    b.replace_in(project, b.REGISTER, "    introduction:", "    introducton:")
    result = check_in(project, "--question", "4")
    assert result.exit_code == 1, result.output
    assert "unknown key 'introducton'" in result.stdout and "Did you mean 'introduction'?" in result.stdout
    assert "there is no question" not in result.stdout


def test_annotate_finds_the_sheet_cell_and_row_a_dutch_place_names(project):
    """Under nl a workbook's places read "werkblad 'Begroting', cel D6": the comments still go there."""
    import openpyxl

    from drafter import i18n, places
    from drafter.commands.check import annotate_project
    from drafter.errors import Problem

    path = b.workbook(project)
    shown = str(path.relative_to(project))
    with i18n.speaking("nl"):
        problems = [Problem("de formule werd nooit berekend", file=shown, place=places.sheet_cell("Begroting", "D6")),
                    Problem("deze rij staat er twee keer", file=shown, place=places.sheet_row("Begroting", 9))]
        assert problems[0].place == "werkblad 'Begroting', cel D6"
        written = annotate_project(problems, project / "out" / "opmerkingen")
    assert written == ["out/opmerkingen/begroting-opmerkingen.xlsx geschreven: 2 opmerking(en), 2 op hun plaats"]
    sheet = openpyxl.load_workbook(project / "out" / "opmerkingen" / "begroting-opmerkingen.xlsx")["Begroting"]
    assert sheet["D6"].comment.text == "fout: de formule werd nooit berekend"
    assert sheet["A9"].comment.text == "fout: deze rij staat er twee keer"
    assert sheet["A1"].comment is None

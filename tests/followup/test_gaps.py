"""Gaps are counted everywhere: check, answer, batch and verify report an answer's gaps with
their places; answer --pdf and batch --pdf make no PDF of an answer with gaps unless
--allow-gaps; the house lists its own markers in drafter.toml."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest

from tests.conftest import files_in
from tests.followup.helpers import REGISTER, drafter, fake_soffice, make_project, snapshot

#: Question 612 as intake adds it: the sub-questions, and an answer part per sub-question to write.
INTAKE_ENTRY = """
  - zittingsjaar: 2025-2026
    number: 612
    date: 2025-10-06
    asker: Jan Peeters
    minister:
      name: Jo Brouns
      title: Vlaams minister van Economie
    title: Clusterbeleid - Evaluatie
    template: algemeen.docx
    subquestions:
      1: Hoe wordt het clusterbeleid geëvalueerd?
      2: Wanneer is de evaluatie klaar?
    answer:
      parts:
        - number: 1
          text: '[antwoord nog te schrijven]'
        - number: 2
          text: '[antwoord nog te schrijven]'
"""


@pytest.fixture
def intake_project(project):
    make_project(project, numbers=(4, 1028))
    with open(project / REGISTER, "a", encoding="utf-8") as fh:
        fh.write(INTAKE_ENTRY)
    return project


def _paragraph_of(path: Path, text: str) -> int:
    """The number of the first paragraph outside tables that holds text, as Word counts them."""
    return next(n for n, p in enumerate(docx.Document(str(path)).paragraphs, 1) if text in p.text)


def test_check_counts_the_answers_still_to_write(intake_project):
    """It used to say "no problems": the two answers still to write are gaps, each at its paragraph."""
    result = drafter("check", "-q", "612")
    assert result.exit_code == 0, result.output  # a gap is a warning: the draft can be made
    answer = drafter("answer", "-q", "612")
    (made,) = (intake_project / "out").glob("*vraag-612-*.docx")
    first, second = (_paragraph_of(made, f"{n}.\t[antwoord nog te schrijven]") for n in (1, 2))
    line = next(n for n, text in enumerate((intake_project / REGISTER).read_text(encoding="utf-8").splitlines(), 1)
                if text == "  - zittingsjaar: 2025-2026")
    warning = (f"warning: data/questions.yaml, line {line}: question 612 (2025-2026): the draft has 2 gaps to fill in: "
               f"'[antwoord nog te schrijven]' at paragraph {first}, paragraph {second}. Fill them in, in the register "
               "or in the answer, before the answer is sent.")
    assert result.stdout.splitlines() == [warning, "drafter check: 0 errors, 1 warning in 1 question, 0 data files, "
                                                   "1 template"]
    assert answer.exit_code == 0 and warning in answer.stderr.splitlines()
    report = json.loads(drafter("answer", "-q", "612", "--format", "json").stdout)
    assert report["gaps"] == [
        {"text": "[antwoord nog te schrijven]", "kind": "answer",
         "place": f'paragraph {first}, "1. [antwoord nog te schrijven]"'},
        {"text": "[antwoord nog te schrijven]", "kind": "answer",
         "place": f'paragraph {second}, "2. [antwoord nog te schrijven]"'}]


def test_a_complete_answer_has_no_gaps(intake_project):
    result = drafter("check", "-q", "1028")
    assert (result.exit_code, result.stdout) == (0, "drafter check: no problems in 1 question, 0 data files, 1 template\n")


def test_the_placeholders_of_every_language_drafter_writes(intake_project):
    register = intake_project / REGISTER
    register.write_text(register.read_text(encoding="utf-8").replace(
        "          text: '[antwoord nog te schrijven]'\n", "          text: '[réponse à rédiger]'\n", 1).replace(
        "          text: '[antwoord nog te schrijven]'\n", "          text: 'See [answer to be written].'\n", 1),
        encoding="utf-8")
    result = drafter("check", "-q", "612")
    assert "the draft has 2 gaps to fill in: '[réponse à rédiger]' at paragraph " in result.stdout
    assert "; '[answer to be written]' at paragraph " in result.stdout


def test_the_house_s_markers_from_drafter_toml(intake_project):
    register = intake_project / REGISTER
    register.write_text(register.read_text(encoding="utf-8").replace(
        "          text: '[antwoord nog te schrijven]'\n", "          text: 'Het budget was XXX euro.'\n", 2),
        encoding="utf-8")
    assert "2 gaps to fill in: 'XXX' at paragraph " in drafter("check", "-q", "612").stdout
    (intake_project / "drafter.toml").write_text('[paths]\noutput = "out"\n', encoding="utf-8")
    assert drafter("check", "-q", "612").stdout.startswith("drafter check: no problems")  # not a marker of this house


def test_a_figure_the_data_gives_as_unknown_is_a_gap_in_its_cell(project):
    published = project / "data" / "published"
    cash = published / "cash_planning.csv"
    cash.write_text(cash.read_text(encoding="utf-8").replace("1988–89,Planning Total,156.9,", "1988–89,Planning "
                                                             "Total,..,"), encoding="utf-8")
    result = drafter("check", "--register", str(project / "data" / "published.yaml"), "--templates",
                     str(project / "answer_templates"), "-q", "22539")
    assert "'..' at table 1, row \"1988–89\", column \"Planned expenditure\"" in result.stdout, result.stdout


@pytest.mark.parametrize("text, needle", [
    ('[check]\ngap_markers = "XXX"\n', "line 2: [check] gap_markers: it must be a list of texts, not a single value"),
    ('[check]\ngap_markers = ["XXX", 4]\n', "line 2: [check] gap_markers: 4 is not a text"),
    ('[check]\ngap_markers = ["  "]\n', "line 2: [check] gap_markers: '  ' is not a text"),
    ('[check]\ngap_markers = ["' + "X" * 81 + '"]\n', "is 81 characters long; at most 80 are allowed"),
    ('[check]\ngap_markers = ["a\\tb"]\n', "holds a control character"),
    ('[check]\nmarkers = ["XXX"]\n', "line 2: [check] has no setting 'markers'. It may set: gap_markers."),
])
def test_a_mistake_in_the_house_s_markers_names_its_line(intake_project, text, needle):
    (intake_project / "drafter.toml").write_text(text, encoding="utf-8")
    before = snapshot(intake_project)
    for args in (("check",), ("answer", "-q", "612"), ("status",)):
        result = drafter(*args)
        assert result.exit_code == 1 and "Traceback" not in result.output, result.output
        assert "error: drafter.toml, " in result.output and needle in result.output, result.output
    assert snapshot(intake_project) == before


def test_answer_pdf_refuses_an_answer_with_gaps_and_writes_nothing(intake_project, tmp_path):
    soffice = fake_soffice(tmp_path)
    result = drafter("answer", "-q", "612", "--pdf", "--soffice", str(soffice))
    assert result.exit_code == 1 and "Traceback" not in result.output
    (line,) = result.stderr.splitlines()
    assert re.fullmatch(r"error: data/questions\.yaml, line \d+: question 612 \(2025-2026\): the answer still has 2 gaps "
                        r"to fill in: '\[antwoord nog te schrijven\]' at paragraph \d+, paragraph \d+, so no PDF is made "
                        r"and nothing was written\. Fill them in \(in the register, or in the answer in Word\), or add "
                        r"--allow-gaps for a PDF of the draft as it is\.", line), line
    assert files_in(intake_project / "out") == []
    allowed = drafter("answer", "-q", "612", "--pdf", "--allow-gaps", "--soffice", str(soffice))
    assert allowed.exit_code == 0, allowed.output
    assert [Path(f).suffix for f in files_in(intake_project / "out")] == [".docx", ".pdf"]
    complete = drafter("answer", "-q", "1028", "--pdf", "--soffice", str(soffice))  # no gaps: no flag needed
    assert complete.exit_code == 0, complete.output
    assert len(files_in(intake_project / "out")) == 4


def test_batch_pdf_makes_pdfs_only_of_answers_without_gaps(intake_project, tmp_path):
    soffice = fake_soffice(tmp_path)
    result = drafter("batch", "--pdf", "--soffice", str(soffice), "--jobs", "1")
    assert result.exit_code == 1  # two answers got no PDF: the run says so
    out = intake_project / "out"
    assert sorted(p.suffix for p in out.iterdir() if p.name.startswith(("antwoord", "answer"))) == [
        ".docx", ".docx", ".docx", ".pdf"]  # questions 4, 612 and 1028; only 1028 is complete
    refused = [line for line in result.stderr.splitlines() if "so no PDF is made; its .docx is written" in line]
    assert [re.search(r"question (\d+)", line).group(1) for line in refused] == ["4", "612"]
    manifest = json.loads(next(out.glob("drafter-manifest-*.json")).read_text(encoding="utf-8"))
    assert {a["question"]["number"]: (len(a["gaps"]), a["pdf"] is not None) for a in manifest["answers"]} == {
        4: (4, False), 612: (2, False), 1028: (0, True)}
    as_json = drafter("batch", "--pdf", "--soffice", str(soffice), "--jobs", "1", "--format", "json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["counts"] == {"unchanged": 3}
    assert [re.search(r"question (\d+)", line).group(1) for line in as_json.stderr.splitlines()] == ["4", "612"]
    again = drafter("batch", "--pdf", "--allow-gaps", "--soffice", str(soffice), "--jobs", "1")
    assert again.exit_code == 0, again.output
    assert sum(1 for p in out.iterdir() if p.suffix == ".pdf") == 3


def test_verify_lists_the_gaps_of_an_edited_answer(intake_project):
    assert drafter("answer", "-q", "612").exit_code == 0
    (made,) = (intake_project / "out").glob("*vraag-612-*.docx")
    edited = docx.Document(str(made))
    for paragraph in edited.paragraphs:
        for run in paragraph.runs:
            run.text = run.text.replace("1.\t[antwoord nog te schrijven]", "1.\tDoor VLAIO, in 2026.")
    edited.add_paragraph("De datum volgt: [invullen].")
    edited.save(str(made))
    result = drafter("verify", str(made))
    second, last = _paragraph_of(made, "2.\t[antwoord"), len(docx.Document(str(made)).paragraphs)
    assert (f"  gaps: 2 gaps to fill in: '[antwoord nog te schrijven]' at paragraph {second}; '[invullen]' at "
            f"paragraph {last}") in result.stdout.splitlines()
    report = json.loads(drafter("verify", str(made), "--format", "json").stdout)
    assert [g["text"] for g in report["answers"][0]["gaps"]] == ["[antwoord nog te schrijven]", "[invullen]"]

"""Bad input in the general answers: a clear message naming file and place, exit 1, nothing written."""

from __future__ import annotations

import docx
import pytest

from .conftest import assert_refused, files_in, run_in


def edit(path, old, new, count=1):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))


CASES = [
    # (file to change, old text, new text, question, words the message must hold)
    ("questions.yaml", "          blocks:\n            - text: >-\n                De clustersteun",
     "          blocks:\n            - text: >-\n                De {{ note(\"onbekend\") }} clustersteun", "5",
     ["notes.yaml", "unknown note key 'onbekend'", "questions.yaml, line"]),
    ("questions.yaml", "            - table: opsplitsing", "            - table: opsplitsingen", "5",
     ["questions.yaml", "line", "uses table 'opsplitsingen', which is not defined"]),
    ("questions.yaml", "        kinds: [{kind: VAK, label: VAK}]\n        unit: million",
     "        kinds: [{kind: VAKK, label: VAK}]\n        unit: million", "5",
     ["questions.yaml", "line", "'VAKK' is not a budget kind"]),
    ("questions.yaml", "          - line: speerpuntclusters", "          - line: speerpuntcluster", "5",
     ["questions.yaml", "line", "budget line 'speerpuntcluster' is not in data/budget.xlsx"]),
    ("questions.yaml", "    locale: fr_BE", "    locale: xx_QQ", "7",
     ["questions.yaml", "line", "unknown locale 'xx_QQ'", "Use a language and country code, such as nl_BE"]),
    ("questions.yaml", "    note_style: superscript", "    note_style: sterretjes", "7",
     ["questions.yaml", "line", "'note_style' must be one of parentheses, superscript, footnotes"]),
    ("questions.yaml", "{{ shares.percent(\"kmo\") }} du soutien", "{{ shares.percent(\"kmos\") }} du soutien", "7",
     ["questions.yaml", "line", "there is no category 'kmos'", "support_by_size.csv"]),
]


@pytest.mark.parametrize("file, old, new, question, needles", CASES, ids=[c[4][-1][:40] for c in CASES])
def test_bad_input_is_reported_with_its_place(project, file, old, new, question, needles):
    edit(project / "data" / file, old, new)
    assert_refused(run_in(project, "answer", "--question", question), project, *needles)


def test_table_style_that_the_template_lacks(project):
    path = project / "answer_templates" / "algemeen.docx"
    d = docx.Document(str(path))
    for p in d.paragraphs:
        if p.text.startswith("{{p table(block.table"):
            p.runs[0].text = '{{p table(block.table, style="Geen Stijl") }}'
            for run in p.runs[1:]:
                run.text = ""
    d.save(str(path))
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 1
    assert "algemeen.docx" in result.stderr and "paragraph" in result.stderr
    assert "the template has no style named 'Geen Stijl'" in result.stderr
    assert files_in(project / "out") == []


def test_a_note_without_a_text_in_the_answers_language(project):
    reg = project / "data" / "questions.yaml"
    edit(reg, "    title: Clusterbeleid - Opsplitsing van de clustersteun\n",
         "    title: Clusterbeleid - Opsplitsing van de clustersteun\n    locale: en_GB\n")
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 1
    assert "data/notes.yaml, line" in result.stderr
    assert "the note 'opsplitsing_2016' has no text in the answer's language (en)" in result.stderr
    assert "Add 'en: ...' under 'opsplitsing_2016:' (it has: nl, fr)" in result.stderr
    assert files_in(project / "out") == []


def test_a_question_may_override_the_locale(project):
    import yaml

    notes = project / "data" / "notes.yaml"
    texts = yaml.safe_load(notes.read_text())
    for key in texts:
        texts[key]["en"] = f"The note {key} in English."
    notes.write_text(yaml.safe_dump(texts, allow_unicode=True))
    reg = project / "data" / "questions.yaml"
    edit(reg, "    title: Clusterbeleid - Opsplitsing van de clustersteun\n",
         "    title: Clusterbeleid - Opsplitsing van de clustersteun\n    locale: en_GB\n")
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 0, result.output
    d = docx.Document(str(next((project / "out").glob("*vraag-5-*.docx"))))
    assert [c.text for c in d.tables[0].rows[1].cells] == ["Innovatieve bedrijfsnetwerken (IBN)", "6.750"]
    assert d.tables[1].rows[1].cells[1].text == "145,585"  # x 1,000 euro, English separators
    assert any(p.text == "ANSWER" for p in d.paragraphs)
    assert any(p.text == "(1)\tThe note opsplitsing_2016 in English." for p in d.paragraphs)


def test_lower_case_kinds_are_read_as_in_the_data(project):
    edit(project / "data" / "questions.yaml", "        kinds: [{kind: VAK, label: VAK}]\n        unit: million",
         "        kinds: [{kind: vak, label: VAK}]\n        unit: million")
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 0, result.output


def test_a_question_put_to_two_ministers(project):
    reg = project / "data" / "questions.yaml"
    text = reg.read_text()
    start = text.index("  - zittingsjaar: 2019-2020\n    number: 6\n")
    end = text.index("  - zittingsjaar: 2019-2020\n    number: 7\n")
    block = text[start:end].replace("    number: 6\n", "    number: 5\n").replace(
        "    minister:\n      name: N.N.", "    minister:\n      name: Andere Minister", 1)
    reg.write_text(text[:start] + block + text[end:])
    result = run_in(project, "answer", "--question", "5")
    assert result.exit_code == 1
    assert "question 5 of 2019-2020 was put to several ministers ('N.N.', 'Andere Minister')" in result.stderr
    assert "--minister" in result.stderr
    result = run_in(project, "answer", "--question", "5", "--minister", "Andere Minister")
    assert result.exit_code == 0, result.output
    d = docx.Document(str(next((project / "out").glob("*.docx"))))
    assert d.paragraphs[0].text == "Andere Minister"


def test_a_note_without_a_notes_file(project):
    edit(project / "data" / "questions.yaml", "notes: notes.yaml", "")
    result = run_in(project, "answer", "--question", "4")
    assert result.exit_code == 1
    assert "unknown note key 'geen_clusterbudget'" in result.stderr
    assert "the register names no notes file. Add 'notes: notes.yaml' to the register" in result.stderr
    assert files_in(project / "out") == []


def test_debug_shows_the_error_beneath_drafter_s_own(project):
    """--debug prints the traceback down to the library's error (here tomllib's), and the
    problem as always; without it, the problem alone."""
    from .conftest import run_cli

    (project / "drafter.toml").write_text("[paths\nregister = 1\n", encoding="utf-8")
    plain = run_cli("check", "--project", str(project))
    assert plain.exit_code == 1 and "Traceback" not in plain.stderr
    debug = run_cli("check", "--project", str(project), "--debug")
    assert debug.exit_code == 1
    assert "tomllib.TOMLDecodeError: Expected ']' at the end of a table declaration" in debug.stderr
    assert "The above exception was the direct cause of the following exception" in debug.stderr
    for result in (plain, debug):
        assert result.stderr.rstrip().endswith(
            "error: drafter.toml, line 1: this is not valid TOML: Expected ']' at the end of a table declaration. "
            'Write each setting as name = "value", under [paths] or [house_style].')


@pytest.mark.parametrize("old, new, needles", [
    ("    asker: N.N.", "    asker: {name: Sander Loones}",
     ["'asker' must be a text, not a mapping with the key 'name'",
      "write askers: [{name: ..., party: ...}] instead"]),
    ("    asker: N.N.", "    asker: [Loones, Depraetere]",
     ["'asker' must be a text, not a list of 2 items", "write askers: [{name: ..., party: ...}] instead"]),
    ("    title: Bedrijfsclusters - Subsidies", "    title: {nl: Bedrijfsclusters, fr: Clusters}",
     ["'title' must be a text, not a mapping with the keys 'nl', 'fr'", "Write one text there."]),
])
def test_a_mapping_or_list_where_a_text_belongs_is_said_in_words_with_what_to_write(project, old, new, needles):
    # never Python's notation of it ({'name': 'Sander Loones'}), which reads as a programmer's
    edit(project / "data" / "questions.yaml", old, new)
    result = run_in(project, "answer", "--question", "4")
    assert_refused(result, project, "questions.yaml, line", *needles)
    assert "{'" not in result.stderr and "['" not in result.stderr


def test_an_empty_register_points_to_intake_not_to_numbers_it_does_not_list(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text()
    register.write_text(text[:text.index("questions:")] + "questions: []\n")
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 1
    assert "the register has: no questions" in result.stderr and "drafter intake takes a question in" in result.stderr
    assert "pick one of these numbers" not in result.stderr

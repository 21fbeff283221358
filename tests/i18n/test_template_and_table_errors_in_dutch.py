"""Under nl the template, table and output messages a person meets most are Dutch, with their
places named in Dutch; the same run in English says what it always said."""

from __future__ import annotations

import docx

from ..conftest import run_in


def _break_template(project) -> None:
    path = project / "answer_templates" / "bedrijfsclusters.docx"
    document = docx.Document(str(path))
    document.add_paragraph("{% if question.number %}Hallo")
    document.add_paragraph("{%p endfor %}")
    document.save(str(path))


def test_a_broken_template_is_refused_in_dutch_at_its_paragraph(project):
    _break_template(project)
    dutch = run_in(project, "answer", "--lang", "nl", "-q", "4")
    assert dutch.exit_code == 1
    assert ("fout in een sjabloontag: hier staat {% endfor %}, maar het blok dat op dit punt open is, is de "
            "{% if %} van alinea ") in dutch.output
    assert "Sluit dat blok eerst met {% endif %}." in dutch.output
    assert "template tag error" not in dutch.output and "paragraph" not in dutch.output

    english = run_in(project, "answer", "-q", "4")
    assert english.exit_code == 1
    assert "template tag error: {% endfor %} here, but the block open at this point is the {% if %} of paragraph " \
        in english.output


def test_a_table_naming_a_budget_line_the_data_lacks_is_refused_in_dutch(project):
    register = project / "data" / "questions.yaml"
    register.write_text(register.read_text(encoding="utf-8").replace("        line: clusters\n",
                                                                      "        line: clustres\n", 1),
                        encoding="utf-8")
    dutch = run_in(project, "answer", "--lang", "nl", "-q", "4")
    assert dutch.exit_code == 1
    assert "tabel 'kredieten': begrotingslijn 'clustres' staat niet in " in dutch.output
    assert "Lijnen in dat bestand: " in dutch.output

    english = run_in(project, "answer", "-q", "4")
    assert "table 'kredieten': budget line 'clustres' is not in " in english.output


def test_what_was_written_is_told_in_dutch(project):
    first = run_in(project, "answer", "--lang", "nl", "-q", "4")
    assert first.exit_code == 0, first.output
    assert " geschreven" in first.output and "wrote " not in first.output
    again = run_in(project, "answer", "--lang", "nl", "-q", "4")
    assert "is al actueel (niets veranderd)" in again.output


def test_jinja_syntax_errors_keep_their_words_in_english_and_are_dutch_under_nl():
    import pytest
    from jinja2 import TemplateSyntaxError

    from drafter import i18n
    from drafter.view.jinja import syntax_error_text, xml_environment

    said = {}
    for source in ("{% iff x %}{% endif %}", "{{ x | hoofdletters }}", "{{ x y }}", "{% if x %}a"):
        with pytest.raises(TemplateSyntaxError) as caught:
            xml_environment().from_string(source)
        assert syntax_error_text(caught.value.message) == caught.value.message  # English: Jinja2's own words
        with i18n.speaking("nl"):
            said[source] = syntax_error_text(caught.value.message)
    assert said["{% iff x %}{% endif %}"] == "Onbekende tag 'iff'."
    assert said["{{ x | hoofdletters }}"] == "Er is geen filter met de naam 'hoofdletters'."
    assert said["{{ x y }}"] == "hier hoort 'einde van de tag (}})', maar er staat 'y'"
    assert said["{% if x %}a"].startswith("Onverwacht einde van het sjabloon. Jinja zocht deze tags: "
                                          "'elif' of 'else' of 'endif'.")


def test_an_unknown_filter_in_a_template_is_refused_in_dutch(project):
    path = project / "answer_templates" / "bedrijfsclusters.docx"
    document = docx.Document(str(path))
    document.add_paragraph("{{ question.title | hoofdletters }}")
    document.save(str(path))
    dutch = run_in(project, "answer", "--lang", "nl", "-q", "4")
    assert dutch.exit_code == 1
    assert "fout in een sjabloontag: Er is geen filter met de naam 'hoofdletters'." in dutch.output
    assert "No filter named" not in dutch.output


def test_an_unknown_name_in_a_template_is_refused_in_dutch_and_as_before_in_english(project):
    path = project / "answer_templates" / "bedrijfsclusters.docx"
    document = docx.Document(str(path))
    document.add_paragraph("{{ onbekend }}")
    document.save(str(path))
    dutch = run_in(project, "answer", "--lang", "nl", "-q", "4")
    assert dutch.exit_code == 1
    assert "fout in een sjabloontag: 'onbekend' is een onbekende naam" in dutch.output
    english = run_in(project, "answer", "-q", "4")
    assert "template tag error: 'onbekend' is undefined" in english.output

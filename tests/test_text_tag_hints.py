"""A broken tag in a register text is refused with the hint that fits it: typographic quotes
inside a tag are named; a tag left open is not blamed on a quote in the text after it."""

from __future__ import annotations

from .conftest import assert_refused, run_in

KMO = '{{ shares.percent("kmo") }} van de steun'


def test_a_tag_left_open_is_not_blamed_on_the_apostrophe_after_it(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    assert KMO in text and "kmo’s" in text
    register.write_text(text.replace(KMO, KMO.replace("}}", "}"), 1), encoding="utf-8")
    result = run_in(project, "answer", "-q", "4")
    assert_refused(result, project, "unexpected '}'", "Check the {{ ... }} tags in this text")
    assert "straight quotes" not in result.output


def test_typographic_quotes_inside_a_tag_are_named(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace(KMO, '{{ shares.percent(”kmo”) }} van de steun', 1), encoding="utf-8")
    result = run_in(project, "answer", "-q", "4")
    assert_refused(result, project, "Retype the quotes ” in the tag as straight quotes")

"""The texts of the register and the notes file, compiled in the strict sandbox."""

from __future__ import annotations

import pytest
from jinja2 import TemplateSyntaxError, UndefinedError

from drafter.view.jinja import TextCompiler, compile_text


def test_a_text_renders_with_its_context_and_fails_on_a_name_it_lacks():
    texts = TextCompiler()
    assert texts.compile("{{ a }} en {{ b }}").render(a=1, b="twee") == "1 en twee"
    assert texts.compile("{{ a }} en {{ b }}").render(a=3, b="vier") == "3 en vier"
    with pytest.raises(UndefinedError):
        texts.compile("{{ c }}").render(a=1)


def test_a_tags_end_without_its_start_is_an_error_but_not_in_raw_text():
    with pytest.raises(TemplateSyntaxError) as caught:
        compile_text("Het bedrag { x }} euro")
    assert caught.value.message == "a stray '}}': no tag was opened before it; open it with '{{', or remove it"
    assert compile_text("{% raw %}x }}{% endraw %}").render() == "x }}"


def test_each_run_has_its_own_environment():
    first, second = TextCompiler(), TextCompiler()
    assert first.environment is not second.environment
    assert first.compile("{{ 1 + 1 }}").render() == second.compile("{{ 1 + 1 }}").render() == "2"

"""No path from a template or a register text to an object's Python description.

'{{ evaluation|string }}' in a register text once put '<drafter.load.yaml_data.RecordData
object at 0x...>' in the answer, with exit 0. Every way of turning a value into text (|string,
'~', |format, str.format, '%', |join, |tojson, the text filters) refuses what is not a plain
value, and |pprint is refused: each at the register's line or the template's paragraph.
"""

from __future__ import annotations

import pytest

from . import breaking as b
from .helpers import Case, at_line, run_case

R, T, N = b.REGISTER, b.TEMPLATE, b.NOTES
ANSWER = ("answer", "-q", "4")
PART_4 = at_line(R, "- number: 4")
INTO_TEXT = "into text, which would put Python's description of it in the answer"


def text_case(id: str, text: str, *says: str, command=ANSWER) -> Case:
    return Case(id, b.part_text(text), command, R, PART_4, ("answer part 4", *says))


def template_case(id: str, text: str, *says: str, command=ANSWER) -> Case:
    return Case(id, b.template_paragraph(16, text), command, T, "paragraph 17", says)


CASES = [
    # register texts
    text_case("text-string-of-a-data-set", "{{ evaluation|string }}", "|string turns a whole data set (an object)",
              INTO_TEXT),
    text_case("text-tilde-with-a-data-set", "Zie {{ evaluation ~ '' }}", "'~' turns a whole data set (an object)"),
    text_case("text-format-filter-of-a-data-set", "{{ '%s'|format(shares) }}", "|format turns a whole data set"),
    text_case("text-str-format-of-a-data-set", "{{ '{}'.format(budget) }}", "format() turns a whole data set"),
    text_case("text-percent-of-a-data-set", "{{ '%s' % evaluation }}", "'%' turns a whole data set"),
    text_case("text-join-of-data-sets", "{{ [budget, shares]|join(', ') }}", "|join turns a whole data set"),
    text_case("text-upper-of-a-data-set", "{{ evaluation|upper }}", "|upper turns a whole data set"),
    text_case("text-pprint", "{{ evaluation.text|pprint }}", "|pprint writes Python's notation of a value"),
    text_case("text-pprint-of-an-unknown-name", "{{ evaluatie|pprint }}", "|pprint writes Python's notation"),
    text_case("text-repr-conversion", "{{ '%r' % evaluation.text }}", "asks for Python's notation of a value"),
    text_case("text-repr-in-str-format", "{{ '{!r}'.format(evaluation.text) }}", "asks for Python's notation"),
    text_case("text-string-of-none", "{{ none|string }}", "|string turns an empty value (None) into text"),
    text_case("text-string-of-yes-no", "{{ (1 == 1)|string }}", "|string turns the yes/no value True into text"),
    text_case("text-tojson-of-a-data-set", "{{ {'x': budget}|tojson }}", "|tojson turns a whole data set"),
    text_case("text-string-of-a-macro", "{% macro m() %}x{% endmacro %}{{ m|string }}",
              "|string turns a macro without calling it"),
    text_case("text-string-of-a-method", "{{ shares.percent|string }}", "|string turns a method ('percent')"),
    # Word templates
    template_case("template-string-of-the-question", "{{ question|string }}",
                  "|string turns a whole question (an object)"),
    template_case("template-tilde-with-the-minister", "{{ 'Minister ' ~ minister }}",
                  "'~' turns a whole minister (an object)"),
    template_case("template-tojson-of-the-question", "{{ question|tojson }}", "|tojson turns a whole question"),
    template_case("template-repr-of-the-title", "{{ '{!r}'.format(question.title) }}",
                  "asks for Python's notation of a value"),
    template_case("template-join-of-answers", "{{ answers.values()|join('; ') }}", "|join turns a whole"),
    template_case("template-pprint", "{{ question.title|pprint }}", "|pprint writes Python's notation"),
    template_case("template-xmlattr-of-the-minister", "<x{{ {'a': minister}|xmlattr }}>", "|xmlattr turns a whole minister"),
    template_case("template-string-of-self", "{{ self|string }}", "|string turns an object into text",
                  command=("check",)),
    # the notes file
    Case("note-string-of-a-data-set", b.replacing(N, '{{ budget.amount("clusters", 2016, "VAK") | mln(3) }} miljoen',
                                                  "{{ budget|string }} miljoen"),
         ANSWER, N, at_line(N, "nl: >-", 2), ("note 'opsplitsing_2016'", "|string turns a whole data set")),
]


def test_the_object_text_cases_are_many_and_distinct():
    assert len({c.id for c in CASES}) == len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_an_objects_description_never_reaches_an_answer(case, hostile_project):
    run_case(case, hostile_project)

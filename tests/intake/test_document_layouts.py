"""A question document read whatever the way its paragraphs are separated: by blank lines, or
not at all (text copied from a PDF: one line per printed line, in a .txt or pasted into Word a
paragraph per line). Every field is compared with the question the document was made from;
the title never takes the introduction or the sub-questions with it."""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import docx
import pytest

from drafter.intake.document import read_question_document
from tests.hostile.intake_support import QUESTION, header_lines


def assert_read_as(path: Path, q: dict = QUESTION) -> None:
    found = read_question_document(path)
    assert (found.number, found.date, found.asker, found.minister_name, found.minister_title) == (
        q["number"], q["date"], q["asker"], q["minister"], q["minister_title"])
    assert found.title == q["title"]
    assert list(found.introduction) == q["introduction"]
    assert found.subquestions == q["subquestions"]


def printed_lines(q: dict, width: int) -> list[str]:
    """The question's body as a PDF prints it: every paragraph wrapped at width."""
    lines = textwrap.wrap(q["title"], width)
    for paragraph in q["introduction"]:
        lines += textwrap.wrap(paragraph, width)
    for n, text in q["subquestions"].items():
        lines += textwrap.wrap(f"{n}. {text}", width)
    return lines


@pytest.mark.parametrize("width", [60, 70, 90])
def test_text_copied_from_a_pdf_without_blank_lines(tmp_path, width):
    path = tmp_path / "vraag.txt"
    path.write_text("\n".join(header_lines() + printed_lines(QUESTION, width)) + "\n", encoding="utf-8")
    assert_read_as(path)


def test_a_paragraph_whose_last_line_is_full_goes_on_into_the_next(tmp_path):
    """At 50 letters a line, the introduction's first paragraph ends on a full line: nothing tells
    that a new paragraph starts after it, so the two are read as one; no text is lost, and the
    title and the sub-questions are read as they are."""
    lines = printed_lines(QUESTION, 50)
    assert len(lines[0]) == 50 == len(lines[4])  # the title and the paragraph's last line fill their lines
    path = tmp_path / "vraag.txt"
    path.write_text("\n".join(header_lines() + lines) + "\n", encoding="utf-8")
    found = read_question_document(path)
    assert found.title == QUESTION["title"] and found.subquestions == QUESTION["subquestions"]
    assert found.introduction == (" ".join(QUESTION["introduction"]),)


def test_a_title_that_wraps_over_two_printed_lines(tmp_path):
    q = dict(QUESTION, title="Clusterbeleid - Evaluatie van de speerpuntclusters en van de innovatieve "
                             "bedrijfsnetwerken sinds 2016")
    path = tmp_path / "vraag.txt"
    lines = printed_lines(q, 60)
    assert lines[0] + " " + lines[1] == q["title"]  # the title takes two lines here
    path.write_text("\n".join(header_lines(q) + lines) + "\n", encoding="utf-8")
    assert_read_as(path, q)


def test_a_pdf_pasted_into_word_a_paragraph_per_printed_line(tmp_path):
    document = docx.Document()
    for line in header_lines() + printed_lines(QUESTION, 70):
        document.add_paragraph(line)
    path = tmp_path / "vraag.docx"
    document.save(path)
    assert_read_as(path)


def test_blank_lines_between_the_sub_questions_only(tmp_path):
    """The title and the introduction in one block: the title still ends where its line does."""
    body = printed_lines(dict(QUESTION, subquestions={}), 70)
    subs = ["\n".join(textwrap.wrap(f"{n}. {t}", 70)) for n, t in QUESTION["subquestions"].items()]
    path = tmp_path / "vraag.txt"
    path.write_text("\n".join(header_lines()) + "\n\n" + "\n".join(body) + "\n\n" + "\n\n".join(subs) + "\n",
                    encoding="utf-8")
    found = read_question_document(path)
    assert found.title == QUESTION["title"]
    assert found.subquestions == QUESTION["subquestions"]
    assert " ".join(found.introduction) == " ".join(QUESTION["introduction"])


def test_no_introduction_the_sub_questions_follow_the_title(tmp_path):
    q = dict(QUESTION, introduction=[])
    path = tmp_path / "vraag.txt"
    path.write_text("\n".join(header_lines(q) + printed_lines(q, 70)) + "\n", encoding="utf-8")
    assert_read_as(path, q)


def test_a_long_document_of_numbered_lines_is_read_in_linear_time(tmp_path):
    """19,000 stray numbered lines (below the limit of lines): read in well under the time a
    quadratic join of the sub-questions would take."""
    path = tmp_path / "vraag.txt"
    path.write_text("\n".join(header_lines()) + "\nTitel\n" + "".join(f"{n % 9 + 1}. x\n" for n in range(19_000)),
                    encoding="utf-8")
    started = time.monotonic()
    found = read_question_document(path)
    assert time.monotonic() - started < 5
    assert sorted(found.subquestions) == list(range(1, 10))

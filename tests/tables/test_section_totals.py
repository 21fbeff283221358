"""Section totals on the heading row: with nested rows, `total: {value: Total, at: heading}` prints
each section's total on its own heading, the details below, and no total row under them."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from drafter.oxml.paragraph import text_of

from ..conftest import assert_refused, copy_project, run_cli, validate_docx
from .test_published_shapes import drafted_table


def answer(project, out):
    return run_cli("answer", "--question", "741", "--register", str(project / "data" / "published.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(out))


def test_each_sections_total_stands_on_its_heading(tmp_path):
    project = copy_project(tmp_path / "project")
    assert answer(project, tmp_path / "below").exit_code == 0
    below = drafted_table(next((tmp_path / "below").glob("*.docx")))
    register = project / "data" / "published.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("        total: {value: Total}               # each group's total as stated",
                                     "        total: {value: Total, at: heading}"), encoding="utf-8")
    result = answer(project, tmp_path / "heading")
    assert result.exit_code == 0, result.output
    path = next((tmp_path / "heading").glob("*.docx"))
    validate_docx(path)
    # the same table, each section's 'Total' row moved up onto its heading (which gets its figures)
    expected, heading_at, header_rows = [], None, 2  # years over their status
    for row in below:
        if len(row) == 1 and len(expected) >= header_rows:  # a section heading: one cell across the table
            heading_at = len(expected)
            expected.append(row)
        elif row[0] == "Total" and heading_at is not None:
            expected[heading_at] = expected[heading_at] + row[1:]
            heading_at = None
        else:
            expected.append(row)
    assert drafted_table(path) == expected
    assert not any(row[0] == "Total" for row in drafted_table(path))
    # a heading with its total is a row of cells, set in the total's style
    tbl = docx.Document(str(path)).element.body.find(qn("w:tbl"))
    first_section = next(tr for tr in tbl.findall(qn("w:tr")) if text_of(tr.findall(qn("w:tc"))[0]) == expected[2][0])
    assert len(first_section.findall(qn("w:tc"))) == len(expected[1])  # the corner and every column


def test_at_heading_needs_nested_rows(tmp_path):
    project = copy_project(tmp_path)
    register = project / "data" / "published.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("        total: {value: Total}               # the total as stated",
                                     "        total: {value: Total, at: heading}   # the total as stated"),
                        encoding="utf-8")
    result = run_cli("answer", "--question", "14959", "--register", str(register),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert_refused(result, project, "published.yaml, line",
                   "'at: heading' puts each section's total on its heading row, which needs nested rows",
                   "Nest the rows")

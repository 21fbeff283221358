"""A table of 60 rows across a page break: its caption stays with its header and first rows
(never alone at the bottom of a page), the rest of the table breaks where the page ends (the
template's table text style keeps every row with the next, which would keep the whole table
from breaking), and its header row repeats on the next page. Checked in LibreOffice's
rendering, with the text before the table made longer step by step so that the page ends at
every place near the caption."""

from __future__ import annotations

import re
import shutil
import subprocess

from ..conftest import copy_project, render_pdfs, run_cli, validate_docx

PADDINGS = range(34, 44)  # lines of text before the table: the page ends before, at and after the caption
SENTENCE = "This sentence only makes the text before the table longer. "


def pages_of(pdf) -> list[str]:
    exe = shutil.which("pdftotext")
    return subprocess.run([exe, str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")


def test_a_caption_stays_with_the_first_rows_of_a_long_table(tmp_path):
    project = copy_project(tmp_path / "project")
    data = project / "data" / "published" / "ministerial_meetings.csv"
    data.write_text("date,meeting\n" + "".join(f"{d} March 2001,Meeting number {d} with a member\n"
                                              for d in range(1, 61)), encoding="utf-8")
    register = project / "data" / "published.yaml"
    text = register.read_text(encoding="utf-8")
    text = text.replace("        rows: date ", "        title: Meetings cancelled\n        rows: date ")
    made = []
    for lines in PADDINGS:
        padded = text.replace("                to cancel since 1 January 2001 are as follows:",
                              "".join(f"                {SENTENCE * 2}\n" for _ in range(lines))
                              + "                to cancel since 1 January 2001 are as follows:")
        register.write_text(padded, encoding="utf-8")
        out = tmp_path / f"out{lines}"
        result = run_cli("answer", "--question", "155240", "--register", str(register),
                         "--templates", str(project / "answer_templates"), "--output", str(out))
        assert result.exit_code == 0, result.output
        made.append(next(out.glob("*.docx")))
    validate_docx(made[0])
    render_pdfs(made, tmp_path)
    breaks_inside = 0
    for path in made:
        pages = pages_of(tmp_path / (path.stem + ".pdf"))
        caption = next(i for i, p in enumerate(pages) if "Meetings cancelled" in p)
        lines = [line for line in pages[caption].splitlines() if line.strip()]
        after = lines[lines.index("Meetings cancelled") + 1:]
        assert after[:2] == ["Date", "Meeting"] and "1 March 2001" in after and "2 March 2001" in after, path.name
        last = next(i for i, p in enumerate(pages) if "60 March 2001" in p)
        if last > caption:
            breaks_inside += 1
            assert re.search(r"^Date\s*$", pages[last], re.M)  # the header row repeated on the next page
        # the table ends no more than one page after it begins: it broke where the page ended
        assert last - caption <= 1 + (60 // 40), path.name
        first_page_rows = len(re.findall(r"^\d+ March 2001$", pages[caption], re.M))
        assert first_page_rows >= 2
    assert breaks_inside == len(made)

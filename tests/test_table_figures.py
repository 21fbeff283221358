"""A long table built from data: each of its figures recorded, and verify finding a change in any cell.

The table builder bookmarks its own figures and says where each stands; these tests read the
drafted answer back (python-docx, the verify report) and hold every figure against the cell
that shows it and the data row behind it, and then change cells as a person does in Word.
"""

from __future__ import annotations

import copy
import csv
import json
import random
from pathlib import Path

import docx
import yaml

from drafter.word.figure_record import BOOKMARK_PREFIX

from .conftest import run_cli, validate_docx

LINES = 40
KINDS = ("VAK", "VEK")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def long_table_register(project: Path) -> Path:
    """A register of one question whose answer is a table of LINES budget lines by KINDS, from a CSV."""
    rng = random.Random(26)
    with (project / "data" / "lines.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["line", "year", "kind", "amount", "part_of", "notes"])
        for i in range(LINES):
            for kind in KINDS:
                out.writerow([f"lijn{i:03d}", 2016, kind, rng.randrange(1_000, 90_000_000), "", ""])
    raw = yaml.safe_load((project / "data" / "questions.yaml").read_text(encoding="utf-8"))
    q = copy.deepcopy(next(q for q in raw["questions"] if q["number"] == 5))
    q["data"] = {"budget": "lines.csv"}
    q["subquestions"] = {1: "Kan de minister een overzicht geven van de kredieten per budgetlijn in 2016?"}
    q["tables"] = {"lijnen": {
        "data": "budget", "rows": "line", "columns": "kind", "years": [2016],
        "lines": [{"line": f"lijn{i:03d}", "label": f"Budgetlijn {i + 1}"} for i in range(LINES)],
        "kinds": [{"kind": k, "label": k} for k in KINDS],
    }}
    q["answer"] = {"parts": [{"number": 1, "blocks": [{"text": "Hieronder het overzicht per budgetlijn:"},
                                                       {"table": "lijnen"}]}]}
    q.pop("note_numbering", None)
    raw["questions"] = [q]
    path = project / "data" / "questions-table.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return path


def drafter(register: Path, project: Path, *args: str):
    result = run_cli(*args, "--register", str(register), "--templates", str(project / "answer_templates"))
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def draft(project: Path) -> tuple[Path, Path]:
    register = long_table_register(project)
    result = drafter(register, project, "answer", "-q", "5", "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    (answer,) = (project / "out").glob("*.docx")
    return register, answer


def verify(register: Path, project: Path, answer: Path) -> tuple[int, dict]:
    result = drafter(register, project, "verify", str(answer), "--format", "json")
    (a,) = json.loads(result.stdout)["answers"]
    return result.exit_code, a


def amounts(project: Path) -> dict[tuple[str, str], str]:
    """(row label, column) -> the amount as the answer writes it, from the CSV."""
    with (project / "data" / "lines.csv").open(encoding="utf-8") as fh:
        return {(f"Budgetlijn {int(r['line'][4:]) + 1}", r["kind"]): f"{int(r['amount']):,}".replace(",", ".")
                for r in csv.DictReader(fh)}


def place(row: str, column: str) -> str:
    return f'table 1, row "{row}", column "{column}"'


def cell(document, row: str, column: str):
    table = document.tables[0]
    headers = [c.text for c in table.rows[0].cells]
    return next(r for r in table.rows if r.cells[0].text == row).cells[headers.index(column)]


def test_every_figure_of_a_long_table_is_recorded_in_its_cell_with_its_data_row(project):
    register, answer = draft(project)
    validate_docx(answer)
    code, a = verify(register, project, answer)
    assert code == 0 and a["ok"], a
    data = amounts(project)
    figures = [f for f in a["figures"] if f["place"].startswith("table 1")]
    assert len(figures) == len(data) == LINES * len(KINDS) == a["counts"]["as drafted"]
    assert {f["place"] for f in figures} == {place(row, column) for row, column in data}
    document = docx.Document(answer)
    with (project / "data" / "lines.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    for f in figures:
        row = f["place"].split('row "')[1].split('"')[0]
        column = f["place"].split('column "')[1].split('"')[0]
        assert f["now"] == f["drafted"] == f["data"] == data[row, column]
        shown = cell(document, row, column)
        assert shown.text == data[row, column]  # the cell shows it
        # inside its own hidden bookmark
        (start,) = shown._tc.iter(W + "bookmarkStart")
        assert start.get(W + "name").startswith(BOOKMARK_PREFIX)
        # and its source is the CSV row (numbered as a spreadsheet shows it) that holds it
        line, year, kind, amount = rows[int(f["source"].split("row ")[1]) - 1][:4]
        assert (f"Budgetlijn {int(line[4:]) + 1}", kind) == (row, column)
        assert f"{int(amount):,}".replace(",", ".") == f["now"]


def test_verify_finds_a_changed_figure_in_any_cell_of_a_long_table(project):
    register, answer = draft(project)
    data = amounts(project)
    document = docx.Document(answer)
    # typed over in its run (the bookmark stays), and a whole cell retyped (its bookmark gone)
    typed = cell(document, "Budgetlijn 17", "VEK")
    (run,) = typed.paragraphs[0].runs
    run.text = "1.234"
    retyped = cell(document, "Budgetlijn 33", "VAK")
    retyped.text = "5.678"
    assert not list(retyped._tc.iter(W + "bookmarkStart"))
    document.save(answer)

    code, a = verify(register, project, answer)
    assert code == 1
    changed = {f["place"]: f for f in a["figures"] if f["status"] != "as drafted"}
    assert set(changed) == {place("Budgetlijn 17", "VEK"), place("Budgetlijn 33", "VAK")}
    for (row, column), now in ((("Budgetlijn 17", "VEK"), "1.234"), (("Budgetlijn 33", "VAK"), "5.678")):
        f = changed[place(row, column)]
        assert f["status"] == "changed by hand"
        assert (f["drafted"], f["now"], f["data"]) == (data[row, column], now, data[row, column])
    assert a["counts"]["as drafted"] == LINES * len(KINDS) - 2

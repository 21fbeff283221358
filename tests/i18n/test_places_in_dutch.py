"""The places of figures in `drafter verify` and `drafter update` under nl: a person reads 'tabel 1,
rij "2016", kolom "VAK budget"' and 'alinea 13, "..."'; under en the places read as before; the
JSON output keeps the English places (a tool's interface) in every language."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx

from ..conftest import run_cli, run_in

ANSWER4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
#: What differs from the data, as `--format json` names it in every language.
PLACES = {
    ("changed by hand", 'table 1, row "2016", column "VAK budget"'),
    ("the data has changed", 'table 1, row "2018", column "VEK budget"'),
    ("as drafted", 'paragraph 13, "3. Circa 45% ..."'),
    ("as drafted", 'paragraph 13, "3. Circa 45% van de steun was bestemd voor kmo’s, 55% ..."'),
}


def edited_answer(project: Path, output: str = "out") -> Path:
    """Answer 4 drafted into the project's `output` folder, then edited (a figure typed over, a
    paragraph moved to the end), and the data changed since (clusters 2018 VEK)."""
    made = run_cli("answer", "-q", "4", "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / output))
    assert made.exit_code == 0, made.output
    path = project / output / ANSWER4
    d = docx.Document(str(path))
    cell = d.tables[0].rows[3].cells[1].paragraphs[0]  # 2016 VAK
    run = next(r for r in cell.runs if "14.250.000" in r.text)
    run.text = run.text.replace("14.250.000", "14.350.000")
    p = next(p for p in d.paragraphs if "Circa 45%" in p.text)
    p._p.getparent().remove(p._p)
    d.paragraphs[-1]._p.addnext(p._p)
    d.save(str(path))
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace("45800000", "45900000"), encoding="utf-8")
    return path


def verify(project: Path, answer: Path, *extra: str):
    return run_cli("verify", str(answer), "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), *extra)


def copy_of(project: Path, name: str) -> Path:
    """Another copy of the project as it stands (its data, templates and answers)."""
    other = project / name
    for folder in ("data", "answer_templates", "out"):
        shutil.copytree(project / folder, other / folder)
    return other


def test_verify_names_the_places_in_dutch_and_json_keeps_them_in_english(project):
    answer = edited_answer(project)
    dutch = verify(project, answer, "--lang", "nl")
    assert dutch.exit_code == 1, dutch.output
    lines = dutch.stdout.splitlines()
    assert any(line.startswith('  tabel 1, rij "2016", kolom "VAK budget": ') and "14.350.000" in line
               for line in lines), dutch.stdout
    assert any(line.startswith('  tabel 1, rij "2018", kolom "VEK budget": ') and "45.900.000" in line
               for line in lines), dutch.stdout
    moved = [line for line in lines if line.startswith('  alinea 13, "3. Circa 45% ...": ')]
    assert moved and moved[0].rstrip(")").endswith("alinea 12"), dutch.stdout
    for english in ("table 1", 'row "', 'column "', "paragraph ", "the document"):
        assert english not in dutch.stdout, f"{english!r} in {dutch.stdout}"

    english = verify(project, answer)
    assert ('  table 1, row "2016", column "VAK budget": changed by hand from 14.250.000 to 14.350.000; the data '
            "says 14.250.000 (data/budget.csv, row 6)") in english.stdout.splitlines()
    assert '  paragraph 13, "3. Circa 45% ...": 45% as drafted, moved (it was at paragraph 12)' \
        in english.stdout.splitlines()

    def figures(*lang: str) -> list[dict]:
        result = verify(project, answer, "--format", "json", *lang)
        (a,) = json.loads(result.stdout)["answers"]
        return a["figures"]

    en, nl = figures(), figures("--lang", "nl")
    assert {(f["status"], f["place"]) for f in nl if f["status"] != "as drafted" or "moved_from" in f} == PLACES
    assert [(f["status"], f["place"], f.get("moved_from")) for f in nl] == \
        [(f["status"], f["place"], f.get("moved_from")) for f in en]
    assert {f.get("moved_from") for f in nl} == {None, 'paragraph 12, "3. Circa 45% ..."',
                                                 'paragraph 12, "3. Circa 45% van de steun was bestemd voor kmo’s, 55% ..."'}


def test_update_names_the_places_in_dutch_and_json_keeps_them_in_english(project):
    edited_answer(project)
    english, as_json = copy_of(project, "en"), copy_of(project, "json")

    dutch = run_in(project, "update", "-q", "4", "--lang", "nl")
    assert dutch.exit_code == 0, dutch.output
    lines = dutch.stdout.splitlines()
    assert any(line.startswith('  tabel 1, rij "2018", kolom "VEK budget": ') and "45.900.000" in line
               for line in lines), dutch.stdout  # written as a tracked change
    assert any(line.startswith('  tabel 1, rij "2016", kolom "VAK budget": ') and "14.350.000" in line
               for line in lines), dutch.stdout  # typed over by hand: left
    for word in ("table 1", 'row "', 'column "', "paragraph "):
        assert word not in dutch.stdout, f"{word!r} in {dutch.stdout}"

    shown = run_in(english, "update", "-q", "4")
    assert '  table 1, row "2018", column "VEK budget": 45.800.000 becomes 45.900.000' in shown.stdout.splitlines()

    made = json.loads(run_in(as_json, "update", "-q", "4", "--lang", "nl", "--format", "json").stdout)
    (updated,) = made if isinstance(made, list) else [made]
    assert [c["place"] for c in updated["changed"]] == ['table 1, row "2018", column "VEK budget"']
    assert 'table 1, row "2016", column "VAK budget"' in [c["place"] for c in updated["left"]]

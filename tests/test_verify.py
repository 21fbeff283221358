"""drafter verify: edited answers held against their data, figure by figure (issue 13).

Answers are edited as people edit them: with python-docx (a run's text changed, as Word
does when you type over a figure; a row deleted; a paragraph moved; a whole cell retyped)
and through a LibreOffice open-and-save; the data is changed after drafting. verify must
find each change at the place a Word user finds it, and say nothing about wording edits.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.word.figures import BOOKMARK_PREFIX

from .conftest import need_libreoffice, run_cli, run_in, validate_docx

ANSWER4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"
ANSWER5 = "antwoord-2019-2020-vraag-5-clusterbeleid-opsplitsing-van-de-clustersteun.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def draft(project: Path, number: int) -> Path:
    result = run_in(project, "answer", "-q", str(number))
    assert result.exit_code == 0, result.output
    return project / "out" / (ANSWER4 if number == 4 else ANSWER5)


def verify(project: Path, *paths: Path, fmt: str = "json"):
    result = run_cli("verify", *map(str, paths), "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--format", fmt)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def report(project: Path, *paths: Path):
    result = verify(project, *paths)
    return result.exit_code, json.loads(result.stdout)


def changes(answer: dict) -> set[tuple[str, str]]:
    """(status, place) of every figure that is not simply as drafted."""
    return {(f["status"], f["place"]) for f in answer["figures"] if f["status"] != "as drafted" or "moved_from" in f}


def figure_at(answer: dict, place: str, status: str | None = None) -> dict:
    found = [f for f in answer["figures"] if f["place"] == place and (status is None or f["status"] == status)]
    assert found, f"nothing at {place}: {[f['place'] for f in answer['figures']]}"
    return found[0]


def run_with_text(paragraph, old: str, new: str) -> None:
    """Change a word in the run that holds it, as Word does when you type over it."""
    for run in paragraph.runs:
        if old in run.text:
            run.text = run.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in {paragraph.text!r}")


def paragraph_with(document, text: str):
    return next(p for p in document.paragraphs if text in p.text)


def lo_resave(path: Path, tmp_path: Path) -> Path:
    """Open and save the answer with LibreOffice (as .docx), as someone editing in LibreOffice does."""
    exe = need_libreoffice()
    out = tmp_path / "lo"
    out.mkdir(exist_ok=True)
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "docx", "--outdir", str(out), str(path)], check=False, capture_output=True, timeout=180)
    saved = out / path.name
    assert saved.exists(), "LibreOffice did not save the answer"
    return saved


# --------------------------------------------------------------------------- the record


def test_every_figure_is_recorded_with_its_data_row_and_the_answer_stays_valid(project):
    answer = draft(project, 4)
    validate_docx(answer)
    code, out = report(project, answer)
    assert code == 0 and out["ok"], out
    (a,) = out["answers"]
    assert a["counts"]["as drafted"] == 11 and len(a["figures"]) == 11
    # each table figure: the cell shows it, and its source row in the CSV holds that amount
    rows = list(csv.reader((project / "data" / "budget.csv").open(encoding="utf-8")))
    table = docx.Document(answer).tables[0]
    labels = [r.cells[0].text for r in table.rows]
    headers = [c.text for c in table.rows[0].cells]
    cells = [f for f in a["figures"] if f["place"].startswith("table 1")]
    assert len(cells) == 4
    for f in cells:
        row_label = f["place"].split('row "')[1].split('"')[0]
        column = f["place"].split('column "')[1].split('"')[0]
        text = table.rows[labels.index(row_label)].cells[headers.index(column)].text
        assert text.startswith(f["now"]) and f["now"] == f["drafted"] == f["data"]
        row = int(f["source"].split("row ")[1])
        line, year, kind, amount = rows[row - 1][:4]  # rows numbered as Excel shows them
        assert (year, kind[:3]) == (row_label, column[:3])
        assert f"{int(amount):,}".replace(",", ".") == f["now"]
    texts = {f["figure"].split(": ", 1)[1]: f for f in a["figures"] if f["place"].startswith("paragraph")}
    assert texts['shares.percent("kmo")']["now"] == "45%"
    assert texts['shares.percent("kmo")']["place"] == 'paragraph 12, "3. Circa 45% ..."'
    assert texts['budget.amount("ibn", 2016, "VAK") | mln(3)']["source"] == "data/budget.csv, row 12"


def test_the_record_is_invisible_hidden_bookmarks_and_a_custom_xml_part(project):
    answer = draft(project, 4)
    with zipfile.ZipFile(answer) as z:
        names = z.namelist()
        texts = b"".join(z.read(n) for n in names)
        document = z.read("word/document.xml").decode("utf-8")
    assert "customXml/item1.xml" in names and "customXml/itemProps1.xml" in names
    assert not any(c in texts.decode("utf-8") for c in "\ue004\ue005\ue006")  # no mark is left
    root = docx.Document(answer).element.body
    marks = [b.get(W + "name") for b in root.iter(W + "bookmarkStart")]
    assert len([m for m in marks if m.startswith(BOOKMARK_PREFIX)]) == 11
    assert all(m.startswith("_") for m in marks)  # hidden in Word's bookmark list
    assert "Circa 45% van de steun" in docx.Document(answer).paragraphs[11].text
    assert document.count("bookmarkStart") == document.count("bookmarkEnd")


def test_other_answers_verify_clean_in_a_folder(project):
    assert run_in(project, "batch", "--jobs", "1").exit_code == 0
    code, out = report(project, project / "out")
    assert code == 0 and out["ok"]
    written = sorted(p.name for p in (project / "out").glob("*.docx"))
    assert sorted(Path(a["file"]).name for a in out["answers"]) == written and len(written) >= 5
    for a in out["answers"]:
        assert all(f["status"] == "as drafted" for f in a["figures"]), a
    assert sum(1 for a in out["answers"] if a["figures"]) >= 5  # every answer with figures from the data
    result = verify(project, project / "out", fmt="text")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith(f"drafter verify: {len(written)} answers, every figure matches the data")


# --------------------------------------------------------------------------- edits


def edit_answer4(path: Path) -> None:
    d = docx.Document(path)
    table = d.tables[0]
    run_with_text(table.rows[3].cells[1].paragraphs[0], "14.250.000", "14.350.000")  # 2016 VAK, by hand
    table.rows[4]._tr.getparent().remove(table.rows[4]._tr)  # the row 2017 deleted
    table.rows[4].cells[2].text = "45.900.000"  # 2018 VEK retyped: its bookmark goes with the old text
    p = paragraph_with(d, "Circa 45%")
    run_with_text(p, "Circa", "Ongeveer")  # the sentence rewritten around its figures
    run_with_text(p, "grote ondernemingen", "de grote bedrijven")
    p._p.getparent().remove(p._p)  # and moved to the end of the answer
    d.paragraphs[-1]._p.addnext(p._p)
    d.save(path)


EXPECTED4 = {
    ("changed by hand", 'table 1, row "2016", column "VAK budget"'),
    ("removed", 'table 1, row "2017", column "VAK budget"'),
    ("changed by hand", 'table 1, row "2018", column "VEK budget"'),
    ("as drafted", 'paragraph 13, "3. Ongeveer 45% ..."'),
    ("as drafted", 'paragraph 13, "3. Ongeveer 45% van de steun was bestemd voor kmo’s, 55% ..."'),
}


def test_edits_with_python_docx_are_found_with_their_place(project):
    answer = draft(project, 4)
    edit_answer4(answer)
    code, out = report(project, answer)
    assert code == 1 and not out["ok"]
    (a,) = out["answers"]
    assert changes(a) == EXPECTED4
    by_hand = figure_at(a, 'table 1, row "2016", column "VAK budget"')
    assert (by_hand["drafted"], by_hand["now"], by_hand["data"]) == ("14.250.000", "14.350.000", "14.250.000")
    assert by_hand["source"] == "data/budget.csv, row 6"
    assert figure_at(a, 'table 1, row "2018", column "VEK budget"')["now"] == "45.900.000"
    assert figure_at(a, 'table 1, row "2017", column "VAK budget"')["now"] == ""
    moved = figure_at(a, 'paragraph 13, "3. Ongeveer 45% ..."')
    assert moved["moved_from"] == 'paragraph 12, "3. Circa 45% ..."'
    text = verify(project, answer, fmt="text")
    assert text.exit_code == 1
    assert ('table 1, row "2016", column "VAK budget": changed by hand from 14.250.000 to 14.350.000; '
            "the data says 14.250.000 (data/budget.csv, row 6)") in text.stdout
    assert 'table 1, row "2017", column "VAK budget": 58.000.000 was removed' in text.stdout


def test_edits_survive_a_libreoffice_open_and_save(project, tmp_path):
    answer = draft(project, 4)
    saved = lo_resave(answer, tmp_path)
    code, out = report(project, saved)  # unedited, saved by LibreOffice: still every figure as drafted
    assert code == 0, out
    assert out["answers"][0]["counts"]["as drafted"] == 11
    edit_answer4(answer)
    saved = lo_resave(answer, tmp_path)
    code, out = report(project, saved)
    assert code == 1
    assert changes(out["answers"][0]) == EXPECTED4


def test_a_total_edited_by_hand_and_a_row_deleted_no_longer_add_up(project, tmp_path):
    answer = draft(project, 5)
    code, out = report(project, answer)
    assert code == 0, out
    d = docx.Document(answer)
    total_row = d.tables[0].rows[-1]
    assert total_row.cells[0].text == "Totaal clusters"
    run_with_text(total_row.cells[1].paragraphs[0], "14,250", "14,500")
    d.save(answer)
    code, out = report(project, answer)
    (a,) = out["answers"]
    place = 'table 1, row "Totaal clusters", column "VAK"'
    assert code == 1 and changes(a) == {("changed by hand", place), ("does not add up", place)}
    assert "add up to 14,250 now, but 14,500 is stated" in figure_at(a, place, "does not add up")["detail"]

    answer.unlink()
    answer = draft(project, 5)  # a fresh draft; delete a row from it instead
    d = docx.Document(answer)
    ibn = next(r for r in d.tables[0].rows if r.cells[0].text.startswith("Innovatieve"))
    ibn._tr.getparent().remove(ibn._tr)
    d.save(answer)
    code, out = report(project, lo_resave(answer, tmp_path))
    (a,) = out["answers"]
    assert code == 1
    assert changes(a) == {("removed", 'table 1, row "Innovatieve bedrijfsnetwerken (IBN)", column "VAK"'),
                          ("does not add up", place)}
    assert "(1 of them removed)" in figure_at(a, place, "does not add up")["detail"]


def test_a_split_in_a_note_that_no_longer_adds_up(project):
    answer = draft(project, 4)
    d = docx.Document(answer)
    run_with_text(paragraph_with(d, "opgesplitst in"), "6,750", "6,850")
    d.save(answer)
    code, out = report(project, answer)
    (a,) = out["answers"]
    assert code == 1
    statuses = sorted(s for s, _ in changes(a))
    assert statuses == ["changed by hand", "does not add up"]
    split = next(f for f in a["figures"] if f["status"] == "does not add up")
    assert split["place"].startswith('paragraph 8, "(2) De 14,250')
    assert "the parts of 14,250 in note 'opsplitsing_2016' add up to 14,350 now" in split["detail"]


def test_data_changed_after_drafting_and_wording_edits(project):
    answer = draft(project, 4)
    d = docx.Document(answer)
    run_with_text(paragraph_with(d, "Vooreerst"), "Vooreerst een verduidelijking.", "Eerst dit.")
    run_with_text(paragraph_with(d, "Circa 45%"), "van de steun", "van alle steun")
    d.save(answer)
    code, out = report(project, answer)
    assert code == 0 and out["ok"], out  # edited only in its wording: clean
    shares = project / "data" / "support_by_size.csv"
    shares.write_text(shares.read_text(encoding="utf-8").replace(",45", ",47").replace(",55", ",53"), encoding="utf-8")
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text().replace("45800000", "45900000"))
    code, out = report(project, answer)
    (a,) = out["answers"]
    assert code == 1
    assert changes(a) == {("the data has changed", 'table 1, row "2018", column "VEK budget"'),
                          ("the data has changed", 'paragraph 12, "3. Circa 45% ..."'),
                          ("the data has changed",
                           'paragraph 12, "3. Circa 45% van alle steun was bestemd voor kmo’s, 55% ..."')}
    kmo = figure_at(a, 'paragraph 12, "3. Circa 45% ..."')
    assert (kmo["now"], kmo["data"], kmo["source"]) == ("45%", "47%", "data/support_by_size.csv, row 2")
    # corrected by hand to what the data now says: that matches
    d = docx.Document(answer)
    run_with_text(d.tables[0].rows[5].cells[2].paragraphs[0], "45.800.000", "45.900.000")
    d.save(answer)
    (a,) = report(project, answer)[1]["answers"]
    assert figure_at(a, 'table 1, row "2018", column "VEK budget"')["status"] == "changed by hand, as the data now says"


def test_a_new_draft_beside_an_edited_answer_says_what_to_carry_over(project):
    answer = draft(project, 4)
    d = docx.Document(answer)
    run_with_text(paragraph_with(d, "Vooreerst"), "Vooreerst", "Eerst")
    d.save(answer)
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text().replace("45800000", "45900000"))
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert "was edited since drafter made it and was left alone" in result.stdout
    assert "figures that differ between" in result.stdout
    assert 'table 1, row "2018", column "VEK budget": 45.800.000 in the edited answer, 45.900.000 in the new draft' \
        in result.stdout
    for extra in (project / "out").glob("*nieuwe-versie*"):
        extra.unlink()
    result = run_in(project, "batch", "--jobs", "1", "--numbers", "4")
    assert result.exit_code == 0, result.output
    assert "45.800.000 in the edited answer, 45.900.000 in the new draft" in result.stdout


# --------------------------------------------------------------------------- what verify cannot read


def test_files_it_cannot_verify_get_a_clear_message(project):
    good = draft(project, 4)
    folder = project / "te-controleren"
    folder.mkdir()
    shutil.copy(good, folder / "goed.docx")
    (folder / "tekst.docx").write_text("dit is geen Word-document")
    (folder / "kapot.docx").write_bytes(good.read_bytes()[:3000])
    (folder / "wachtwoord.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
                                             + "EncryptedPackage".encode("utf-16-le") + b"\0" * 500)
    docx.Document().save(folder / "vreemd.docx")
    with zipfile.ZipFile(good) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    with zipfile.ZipFile(folder / "oud.docx", "w") as z:  # an answer from before figures were traced
        for n, data in parts.items():
            if not n.startswith("customXml/"):
                z.writestr(n, data)
    with zipfile.ZipFile(folder / "beschadigd.docx", "w") as z:  # its record damaged by editing
        for n, data in parts.items():
            z.writestr(n, data.replace(b"</figures>", b"") if n == "customXml/item1.xml" else data)
    code, out = report(project, folder)
    assert code == 1
    by_file = {Path(a["file"]).name: a for a in out["answers"]}
    assert by_file["goed.docx"]["ok"] and by_file["goed.docx"]["counts"]["as drafted"] == 11
    expected = {
        "tekst.docx": "not a Word document (.docx)",
        "kapot.docx": "not a zip package",
        "wachtwoord.docx": "protected with a password",
        "vreemd.docx": "drafter did not make this answer",
        "oud.docx": "before it recorded where its figures come from",
        "beschadigd.docx": "figure record (customXml/item1.xml) is not well-formed XML",
    }
    for name, needle in expected.items():
        answer = by_file[name]
        assert not answer["ok"]
        (problem,) = answer["problems"]
        assert needle in problem["message"], (name, problem)
        assert problem["file"].endswith(name) and problem["hint"]
    text = verify(project, folder / "wachtwoord.docx", folder / "goed.docx", fmt="text")
    assert text.exit_code == 1
    assert "wachtwoord.docx: not checked" in text.stdout and "goed.docx, question 4 (2019-2020): 11 figures" in text.stdout
    missing = verify(project, project / "leeg")
    assert missing.exit_code == 1 and "there is no such file" in missing.stdout
    (project / "leeg").mkdir()
    empty = verify(project, project / "leeg")  # --format json: the problem as JSON, like the other commands
    assert empty.exit_code == 1
    assert "there is no .docx answer to verify in" in json.loads(empty.stdout)["problems"][0]["message"]
    empty = verify(project, project / "leeg", fmt="text")
    assert empty.exit_code == 1 and empty.stderr.startswith("error: there is no .docx answer to verify in leeg")


def test_a_computed_total_and_a_sum_in_a_text(project):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    text = text.replace("            label: VEK budget\n    answer:", "            label: VEK budget\n        total: computed\n    answer:", 1)
    text = text.replace("          after: De definitieve cijfers voor 2019 moeten nog verwerkt worden.",
                        "          after: 'Samen {{ (budget.amount(\"ibn\", 2016, \"VAK\") + "
                        "budget.amount(\"speerpuntclusters\", 2016, \"VAK\")) | mln(3) }} mln euro.'", 1)
    register.write_text(text, encoding="utf-8")
    answer = draft(project, 4)
    code, out = report(project, answer)
    (a,) = out["answers"]
    assert code == 0, a
    total = figure_at(a, 'table 1, row "Totaal", column "VAK budget"')
    assert total["now"] == "130.250.000" and total["source"] == "data/budget.csv, row 6 + row 8 + row 10"
    total_cell = docx.Document(answer).tables[0].rows[-1].cells
    assert (total_cell[0].text, total_cell[1].text) == ("Totaal", "130.250.000")
    together = next(f for f in a["figures"] if f["place"].startswith('paragraph 10, "Samen'))
    assert (together["now"], together["source"]) == ("14,250", "data/budget.csv, row 12 + row 13")
    d = docx.Document(answer)
    run_with_text(d.tables[0].rows[5].cells[1].paragraphs[0], "58.000.000", "59.000.000")  # 2018 VAK
    d.save(answer)
    code, out = report(project, answer)
    (a,) = out["answers"]
    assert code == 1
    assert changes(a) == {("changed by hand", 'table 1, row "2018", column "VAK budget"'),
                          ("does not add up", 'table 1, row "Totaal", column "VAK budget"')}
    detail = figure_at(a, 'table 1, row "Totaal", column "VAK budget"', "does not add up")["detail"]
    assert detail == ('the figures of column "VAK budget" add up to 131.250.000 now, but 130.250.000 is stated: '
                      "a difference of 1.000.000")


def test_a_figure_typed_over_in_word_without_its_bookmark(project):
    """Word drops a bookmark whose whole text is typed over; the figure is found by its paragraph."""
    answer = draft(project, 4)
    d = docx.Document(answer)
    p = paragraph_with(d, "Circa 45%")
    for mark in list(p._p.iter(W + "bookmarkStart")) + list(p._p.iter(W + "bookmarkEnd")):
        mark.getparent().remove(mark)
    run_with_text(p, "45%", "47%")
    run_with_text(p, "Circa", "Ongeveer")
    d.save(answer)
    code, out = report(project, answer)
    (a,) = out["answers"]
    assert code == 1
    assert changes(a) == {("changed by hand", 'paragraph 12, "3. Ongeveer 47% ..."')}
    f = figure_at(a, 'paragraph 12, "3. Ongeveer 47% ..."')
    assert (f["drafted"], f["now"], f["data"]) == ("45%", "47%", "45%")
    # the 55% of the same sentence kept nothing either, and is found as drafted
    assert a["counts"]["as drafted"] == 10


def test_a_record_with_one_damaged_entry_still_checks_the_others(project, tmp_path):
    answer = draft(project, 4)
    with zipfile.ZipFile(answer) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["customXml/item1.xml"] = parts["customXml/item1.xml"].replace(b'raw="14250000.0"', b'raw="veel"', 1)
    damaged = tmp_path / "beschadigd.docx"
    with zipfile.ZipFile(damaged, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    code, out = report(project, damaged)
    (a,) = out["answers"]
    assert code == 1 and not a["ok"]
    (problem,) = a["problems"]
    assert "its figure record has a damaged entry (table 'kredieten', clusters, 2016, VAK)" in problem["message"]
    assert "the figures it still records were checked" in problem["message"]
    assert a["counts"]["as drafted"] == 10


def test_a_row_added_by_hand_to_a_table_with_a_total(project):
    answer = draft(project, 5)
    d = docx.Document(answer)
    table = d.tables[0]
    speerpunt = next(r for r in table.rows if r.cells[0].text == "Speerpuntclusters")
    import copy

    added = copy.deepcopy(speerpunt._tr)
    speerpunt._tr.addnext(added)
    d.save(answer)
    d = docx.Document(answer)
    new_row = d.tables[0].rows[3]
    new_row.cells[0].text = "Andere clusters"
    new_row.cells[1].text = "1,000"
    d.save(answer)
    code, out = report(project, answer)
    (a,) = out["answers"]
    assert code == 1
    place = 'table 1, row "Totaal clusters", column "VAK"'
    assert changes(a) == {("does not add up", place)}
    assert figure_at(a, place, "does not add up")["detail"].startswith(
        'the figures of column "VAK" add up to 15,250 now, but 14,250 is stated')


"""drafter verify: edited answers held against their data, figure by figure.

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

from drafter.word.figure_record import BOOKMARK_PREFIX

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
    assert "figures and paragraphs that differ between" in result.stdout  # the sentence reworded, a figure changed
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
        "kapot.docx": "its zip package is incomplete (cut off while it was copied or saved?)",
        "wachtwoord.docx": "protected with a password",
        "vreemd.docx": "drafter did not make this answer",
        "oud.docx": "before it recorded where its figures come from",
        "beschadigd.docx": "the part is not well-formed XML",
    }
    for name, needle in expected.items():
        answer = by_file[name]
        assert not answer["ok"]
        (problem,) = answer["problems"]
        assert needle in problem["message"], (name, problem)
        assert problem["file"].endswith(name) and problem["hint"]
    assert by_file["beschadigd.docx"]["problems"][0]["place"] == "customXml/item1.xml"
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


def test_a_folder_gives_each_questions_current_answer_not_its_backups_or_new_drafts(project):
    """Beside an edited answer lie a new draft (answer) and a backup (update): verify of the folder
    counts each question's answer once and says what it left out; named, a copy is verified."""
    assert run_in(project, "batch", "--jobs", "1").exit_code == 0
    answers = sorted(p.name for p in (project / "out").glob("*.docx"))
    answer = project / "out" / ANSWER4
    d = docx.Document(answer)
    run_with_text(paragraph_with(d, "Vooreerst"), "Vooreerst", "Eerst")
    d.save(answer)
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text().replace("45800000", "45900000"))
    assert run_in(project, "answer", "-q", "4").exit_code == 0  # the new draft beside the edited answer
    assert run_in(project, "update", "-q", "4").exit_code == 0  # a backup of it, then the figure updated
    copies = sorted(p.name for p in (project / "out").glob("*.docx") if p.name not in answers)
    assert len(copies) == 2 and any("-backup-" in c for c in copies) and any("nieuwe-versie" in c for c in copies)
    result = verify(project, project / "out", fmt="text")
    lines = result.stdout.splitlines()
    assert sorted(line.split(",")[0] for line in lines if line.startswith("out/")) == [f"out/{a}" for a in answers]
    assert lines[-2] == "left out 2 backups and new drafts beside answers (name a file to verify it)"
    assert lines[-1].startswith(f"drafter verify: {len(answers)} answers, ")
    assert sorted(Path(f).name for f in json.loads(verify(project, project / "out").stdout)["skipped"]) == copies
    pattern = verify(project, project / "out" / "*vraag-4-*.docx", fmt="text")  # as a Windows console passes it
    assert [line.split(",")[0] for line in pattern.stdout.splitlines() if line.startswith("out/")] == [f"out/{ANSWER4}"]
    named = verify(project, *(project / "out" / c for c in copies), fmt="text")
    assert named.stdout.splitlines()[-1].startswith("drafter verify: 2 answers, ")


def test_a_name_or_pattern_that_is_no_file_is_an_error_not_an_answer(project):
    draft(project, 4)
    for given, message in ((project / "out" / "*vraag-214*.docx", "error: no file matches out/*vraag-214*.docx. "
                                                                  "Check the name."),
                           (project / "out" / "vraag-214.docx", "error: out/vraag-214.docx: there is no such file. "
                                                                "Check the name.")):
        result = verify(project, given, project / "out" / ANSWER4, fmt="text")
        assert result.exit_code == 1
        assert result.stderr.splitlines() == [message]
        assert "drafter verify:" not in result.stdout


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


# --------------------------------------------------------------------------- the general tables

ANSWER741 = "antwoord-1987-1988-vraag-741-public-expenditure.docx"
OTHER = 'table 1, section "Other departments"'


def published(project: Path, *args: str):
    """drafter with the published examples' register (data/published.yaml)."""
    result = run_cli(*args, "--register", str(project / "data" / "published.yaml"),
                     "--templates", str(project / "answer_templates"))
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def draft741(project: Path) -> Path:
    result = published(project, "answer", "-q", "741", "--output", str(project / "out"))
    assert result.exit_code == 0, result.output
    return project / "out" / ANSWER741


def report741(project: Path, *paths: Path):
    result = published(project, "verify", *map(str, paths), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def table_row(document, label: str, after: str | None = None):
    """The row with this label (in the section whose heading is `after`)."""
    rows = document.tables[0].rows
    start = 0 if after is None else next(i for i, r in enumerate(rows) if r.cells[0].text == after)
    return next(r for r in rows[start:] if r.cells[0].text == label)


def test_nested_rows_with_stated_totals_every_figure_is_recorded_in_its_section(project):
    """Question 741 (Hansard): departments under their group, years over their status, each
    group's total as the data states it; every figure is traced to its CSV row."""
    answer = draft741(project)
    validate_docx(answer)
    code, out = report741(project, answer)
    (a,) = out["answers"]
    assert code == 0 and a["ok"], a
    rows = list(csv.reader((project / "data" / "published" / "receipts.csv").open(encoding="utf-8")))
    shown = [r for r in rows[1:] if r[4] != "—"]  # the placeholders are not figures
    assert len(a["figures"]) == len(shown) == a["counts"]["as drafted"]
    document = docx.Document(answer)
    table = document.tables[0]
    header = [[c.text for c in r.cells] for r in table.rows[:2]]
    for f in a["figures"]:
        section, item, year, status, value = rows[int(f["source"].split("row ")[1].split(",")[0]) - 1]
        assert f["now"] == f["drafted"] == f["data"] == value
        assert f["place"] == f'table 1, section "{section}", row "{item}", column "{year}, {status}"'
        assert f["figure"] == f"table 'receipts', {section}, {item}, {year}, {status}"
        column = next(i for i in range(1, len(header[0])) if (header[0][i], header[1][i]) == (year, status))
        assert table_row(document, item, section).cells[column].text == value  # the cell shows it


def test_nested_rows_an_edited_cell_a_deleted_row_and_changed_data_are_each_named(project):
    answer = draft741(project)
    document = docx.Document(answer)
    # a cell typed over: Land Registry 1983–84, 110 -> 120
    land = table_row(document, "Land Registry", "Other departments")
    land.cells[2].paragraphs[0].runs[0].text = "120"
    # a row deleted under the stated total: Property Services Agency
    agency = table_row(document, "Property Services Agency", "Other departments")
    agency._tr.getparent().remove(agency._tr)
    document.save(answer)
    # the data changed since: Her Majesty's Treasury 1985–86, 26 -> 28 (row 32)
    data = project / "data" / "published" / "receipts.csv"
    rows = list(csv.reader(data.open(encoding="utf-8")))
    assert rows[31][:4] == ["Chancellor's departments", "Her Majesty's Treasury", "1985–86", "outturn"]
    rows[31][4] = "28"
    with data.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    code, out = report741(project, answer)
    (a,) = out["answers"]
    assert code == 1 and not a["ok"]
    edited = figure_at(a, f'{OTHER}, row "Land Registry", column "1983–84, outturn"')
    assert (edited["status"], edited["drafted"], edited["now"], edited["data"]) == ("changed by hand", "110", "120", "110")
    assert edited["source"] == "data/published/receipts.csv, row 57, column 'value'"
    removed = [f for f in a["figures"] if f["status"] == "removed"]
    assert {f["figure"].split(", ")[2] for f in removed} == {"Property Services Agency"}
    assert len(removed) == 9 and {f["drafted"] for f in removed} >= {"74", "639", "664"}
    treasury = figure_at(a, 'table 1, section "Chancellor\'s departments", row "Her Majesty\'s Treasury", '
                            'column "1985–86, outturn"')
    assert (treasury["status"], treasury["now"], treasury["data"]) == ("the data has changed", "26", "28")
    # the stated totals of "Other departments" no longer add up: each column the deleted row had a
    # figure in, but 1987–88, whose published total (111) did not add up when drafted either (check warns of that)
    sums = {f["place"]: f for f in a["figures"] if f["status"] == "does not add up"}
    assert set(sums) == {f'{OTHER}, row "Total", column "{year}, {status}"' for year, status in (
        ("1982–83", "outturn"), ("1983–84", "outturn"), ("1984–85", "outturn"), ("1985–86", "outturn"),
        ("1986–87", "outturn"), ("1988–89", "plans"), ("1989–90", "plans"), ("1990–91", "plans"))}
    # 1983–84: 120 + 1 + 2 now (Property Services' 639 gone) against the 754 stated
    assert sums[f'{OTHER}, row "Total", column "1983–84, outturn"']["detail"] == (
        'the figures of column "1983–84, outturn" in "Other departments" add up to 123 now (1 of them removed), '
        "but 754 is stated: a difference of 631")
    # nothing else: the Chancellor's departments' totals are as drafted (the data's change is named above)
    assert not [f for f in a["figures"] if f["status"] == "does not add up" and "Chancellor" in f["place"]]
    text = published(project, "verify", str(answer))
    assert text.exit_code == 1
    assert (f'{OTHER}, row "Land Registry", column "1983–84, outturn": changed by hand from 110 to 120; '
            "the data says 110 (data/published/receipts.csv, row 57, column 'value')") in text.stdout


def _computed_741(project: Path) -> None:
    """Question 741 with computed totals (of each section, of every section, of each row) and a
    figure in a text from value(); the data's own total rows are left out."""
    register = project / "data" / "published.yaml"
    text = register.read_text(encoding="utf-8")
    old = "        total: {value: Total}               # each group's total as stated\n"
    assert text.count(old) == 1
    text = text.replace(old, "        total: computed\n        grand_total: computed\n        column_total: computed\n")
    old = ("            - text: >-\n                The Government's main objective")
    text = text.replace(old, "            - text: 'The Land Registry took £{{ receipts.value(item=\"Land Registry\", "
                        "year=\"1984–85\", status=\"outturn\") | num }} million in 1984–85.'\n" + old, 1)
    register.write_text(text, encoding="utf-8")
    data = project / "data" / "published" / "receipts.csv"
    rows = [r for r in csv.reader(data.open(encoding="utf-8")) if r[1] != "Total"]
    with data.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def test_computed_subtotals_grand_total_row_totals_and_a_value_in_a_text(project):
    _computed_741(project)
    answer = draft741(project)
    validate_docx(answer)
    code, out = report741(project, answer)
    (a,) = out["answers"]
    assert code == 0 and a["ok"], a
    by_key = {f["figure"]: f for f in a["figures"]}
    # each kind of total is recorded, with the rows it adds up
    subtotal = by_key["table 'receipts', Other departments, total, 1983–84, outturn"]
    assert subtotal["now"] == "752" and subtotal["place"] == f'{OTHER}, row "Total", column "1983–84, outturn"'
    assert subtotal["source"].count(" + ") == 3  # 1 + 110 + 1 + 639 + 2 would be 4: Cabinet Office has none
    grand = by_key["table 'receipts', grand total, 1983–84, outturn"]
    assert grand["now"] == "787" and grand["place"] == 'table 1, row "Total", column "1983–84, outturn"'
    row_total = by_key["table 'receipts', Other departments, Land Registry, total"]
    assert row_total["now"] == "1,150" and row_total["place"] == f'{OTHER}, row "Land Registry", column "Total"'
    (in_text,) = [f for f in a["figures"] if f["place"].startswith("paragraph")]
    data = project / "data" / "published" / "receipts.csv"
    rows = list(csv.reader(data.open(encoding="utf-8")))
    (at,) = [i for i, r in enumerate(rows) if r[1:4] == ["Land Registry", "1984–85", "outturn"]]
    assert rows[at][4] == in_text["now"] == "100"
    assert in_text["source"] == f"data/published/receipts.csv, row {at + 1}, column 'value'"  # as a spreadsheet numbers it
    assert in_text["place"].endswith('"The Land Registry took £100 ..."')

    # a cell typed over: the section's total, the grand total and the row's total no longer add up
    document = docx.Document(answer)
    land = table_row(document, "Land Registry", "Other departments")
    land.cells[2].paragraphs[0].runs[0].text = "120"
    document.save(answer)
    # and the data changed since for the figure the text shows (1984–85: 100 -> 105)
    rows[at][4] = "105"
    with data.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    code, out = report741(project, answer)
    (a,) = out["answers"]
    assert code == 1
    sums = {f["place"]: f["detail"] for f in a["figures"] if f["status"] == "does not add up"}
    assert set(sums) == {f'{OTHER}, row "Total", column "1983–84, outturn"',
                         'table 1, row "Total", column "1983–84, outturn"',
                         f'{OTHER}, row "Land Registry", column "Total"'}
    assert "add up to 762 now, but 752 is stated: a difference of 10" in sums[f'{OTHER}, row "Total", column "1983–84, outturn"']
    assert "add up to 797 now, but 787 is stated" in sums['table 1, row "Total", column "1983–84, outturn"']
    changed = {f["place"]: f for f in a["figures"] if f["status"] == "the data has changed"}
    assert changed[in_text["place"]]["data"] == "105"
    assert changed[f'{OTHER}, row "Land Registry", column "1984–85, outturn"']["data"] == "105"
    assert changed[f'{OTHER}, row "Land Registry", column "Total"']["data"] == "1,155"
    assert changed[f'{OTHER}, row "Total", column "1984–85, outturn"']["data"] == "772"  # was 100 + 1 + 664 + 2 = 767


def test_verify_in_a_project_its_output_folder_quiet_and_verbose(project, tmp_path):
    """verify finds the project (drafter.toml, --project) as the other commands do, and checks
    the project's output folder when no answer is named."""
    (project / "drafter.toml").write_text('[paths]\nregister = "data/questions.yaml"\n'
                                          'templates = "answer_templates"\noutput = "out"\n', encoding="utf-8")
    answer = draft(project, 4)
    clean = run_cli("verify", "--project", str(project))
    assert clean.exit_code == 0, clean.output
    assert clean.stdout.splitlines()[0].startswith(f"out/{ANSWER4}, question 4 (2019-2020): 11 figures: 11 as drafted")
    assert run_cli("verify", "--project", str(project), "--quiet").stdout == ""  # nothing to look at
    document = docx.Document(answer)
    run_with_text(paragraph_with(document, "Circa 45%"), "45%", "46%")
    document.save(answer)
    quiet = run_cli("verify", "--project", str(project), "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stdout.splitlines() == [
        f"out/{ANSWER4}, question 4 (2019-2020): 11 figures: 10 as drafted, 1 changed by hand",
        '  paragraph 12, "3. Circa 46% ...": changed by hand from 45% to 46%; the data says 45% '
        "(data/support_by_size.csv, row 2)"]
    verbose = run_cli("verify", "--project", str(project), "--verbose")
    assert "register: " in verbose.stderr and "questions.yaml" in verbose.stderr
    both = run_cli("verify", "--project", str(project), "--quiet", "--verbose")
    assert both.exit_code == 1 and both.stderr.startswith("error: --quiet and --verbose contradict each other")


def test_nested_rows_and_grouped_columns_keep_their_places_through_libreoffice(project, tmp_path):
    """LibreOffice rewrites the table (its merged header cells, its section rows): the places
    still name the section, the group and the column."""
    answer = draft741(project)
    saved = lo_resave(answer, tmp_path)
    code, out = report741(project, saved)
    (a,) = out["answers"]
    assert code == 0 and a["counts"]["as drafted"] == len(a["figures"]) > 60, a
    document = docx.Document(answer)
    agency = table_row(document, "Property Services Agency", "Other departments")
    agency._tr.getparent().remove(agency._tr)
    document.save(answer)
    code, out = report741(project, lo_resave(answer, tmp_path))
    (a,) = out["answers"]
    assert code == 1
    assert {f["status"] for f in a["figures"]} == {"as drafted", "removed", "does not add up"}
    assert figure_at(a, f'{OTHER}, row "Total", column "1983–84, outturn"', "does not add up")["detail"].endswith(
        "add up to 113 now (1 of them removed), but 754 is stated: a difference of 641")
    assert figure_at(a, f'{OTHER}, row "Property Services Agency", column "1983–84, outturn"', "removed")["drafted"] == "639"


def test_the_record_names_data_files_as_the_register_does_wherever_drafter_runs(project, tmp_path, monkeypatch):
    """The same inputs give the same bytes from any working folder, and no folder of the
    author's machine travels inside the answer's figure record."""
    first = run_in(project, "answer", "-q", "4")
    assert first.exit_code == 0, first.output
    made = next((project / "out").glob("*.docx"))
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    second = run_cli("answer", "-q", "4", "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(elsewhere))
    assert second.exit_code == 0, second.output
    assert (elsewhere / made.name).read_bytes() == made.read_bytes()
    with zipfile.ZipFile(made) as archive:
        record = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                         if n.startswith("customXml/item") and not n.startswith("customXml/itemProps"))
    assert 'file="budget.csv"' in record and str(project) not in record and str(elsewhere) not in record

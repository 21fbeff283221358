"""drafter update: new figures written into an edited answer as tracked changes.

Each example answer is edited as a person edits in Word (python-docx: a sentence added, a
comment, a tracked change of their own, a figure typed over), then the data changes and
`drafter update` runs. Accepting drafter's changes (the test's own accept, ``tracked``) must
give the person's edits plus the new figures, cell for cell and paragraph for paragraph, as the
same edits made to a fresh draft of the new data; rejecting them must give the edited answer
back; the result must be valid Office Open XML, render in LibreOffice, and verify clean once
the changes are accepted.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import docx
import openpyxl
from docx.enum.style import WD_STYLE_TYPE
import pytest
from lxml import etree

from drafter.oxml import opc, package_content

from ..conftest import render_pdf, run_cli, run_in, validate_docx
from ..word.test_edited import NAMES
from . import tracked

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
TYPED = "1.234.567"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def read(data: bytes) -> package_content.Content:
    return package_content.read(opc.Package(opc.read_zip(data, max_unpacked=10**8, what="a Word document")))


def texts(data: bytes) -> list[tuple[str, str]]:
    """Every paragraph, in tables too, with its place: what a reader reads."""
    return [(place, p.text) for place, p in read(data).paragraphs()]


# --------------------------------------------------------------------------- a person's edits, new data


def person_edits(path: Path) -> None:
    """A sentence, a comment, a tracked change of their own, and a figure typed over."""
    d = docx.Document(str(path))
    d.add_paragraph("Het kabinet voegde deze zin toe.")
    first = next(p for p in d.paragraphs if p.runs)
    d.add_comment(first.runs[0], text="Graag nakijken", author="Kabinet", initials="K")
    if "CommentReference" not in {s.style_id for s in d.styles}:  # Word defines the style it uses
        d.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER).style_id = "CommentReference"
    reference = [p for p in d.paragraphs if p.runs][3]
    ins = etree.SubElement(reference._p, w("ins"), {w("id"): "901", w("author"): "Kabinet",
                                                     w("date"): "2026-12-07T09:00:00Z"})
    etree.SubElement(etree.SubElement(ins, w("r")), w("t")).text = " (aangepast)"
    starts = [b for b in d.element.body.iter(w("bookmarkStart"))
              if b.get(w("name")).startswith("_DrafterFig") and next(b.iterancestors(w("tc")), None) is not None]
    if starts:
        run = starts[0].getnext()
        run.find(w("t")).text = TYPED  # typed over, as Word does: the run keeps its bookmark
    d.save(str(path))


def new_data(project: Path) -> None:
    """The final figures arrive: clusters 2016 VAK and its IBN part, clusters 2018 VEK, the shares."""
    budget = project / "data" / "budget.csv"
    text = budget.read_text(encoding="utf-8")
    for old, new in (("clusters,2016,VAK,14250000", "clusters,2016,VAK,14300000"),
                     ("ibn,2016,VAK,6750000", "ibn,2016,VAK,6800000"),
                     ("clusters,2018,VEK,45800000", "clusters,2018,VEK,45900000")):
        assert old in text
        text = text.replace(old, new)
    budget.write_text(text, encoding="utf-8")
    book = openpyxl.load_workbook(project / "data" / "budget.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            values = [c.value for c in row]
            if values[:3] == ["clusters", 2016, "VAK"]:
                row[3].value = 14300000
            elif values[:3] == ["ibn", 2016, "VAK"]:
                row[3].value = 6800000
            elif values[:3] == ["bedrijfssteun", 2017, "VEK"]:
                row[3].value = 102600000
    book.save(project / "data" / "budget.xlsx")
    shares = project / "data" / "support_by_size.csv"
    rows = list(csv.reader(shares.read_text(encoding="utf-8").splitlines()))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(row[:2] + [{"kmo": "47", "groot": "53"}.get(row[0], row[2])])
    shares.write_text(out.getvalue(), encoding="utf-8")


@pytest.fixture
def drafted(project) -> Path:
    result = run_in(project, "batch", "--jobs", "1")
    assert result.exit_code == 0, result.output
    return project / "out"


def fresh_draft(project: Path, number: int, folder: str = "fresh") -> Path:
    result = run_cli("answer", "-q", str(number), "--register", str(project / "data" / "questions.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(project / folder))
    assert result.exit_code == 0, result.output
    return project / folder / NAMES[number]


def update(project: Path, number: int, *extra: str):
    result = run_in(project, "update", "-q", str(number), *extra)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


# --------------------------------------------------------------------------- the round trip


@pytest.mark.parametrize("number", sorted(NAMES))
def test_accepting_gives_the_persons_edits_and_the_new_figures_rejecting_gives_the_edited_answer(
        project, drafted, number):
    path = drafted / NAMES[number]
    person_edits(path)
    edited = path.read_bytes()
    new_data(project)
    result = update(project, number)
    assert result.exit_code == 0, result.output
    if number == 1028:  # no figure from the data: nothing to update, nothing written
        assert "is up to date with the data" in result.stdout and path.read_bytes() == edited
        return
    updated = path.read_bytes()
    assert tracked.changes(updated) > 0 and result.stdout.startswith(f"updated out/{NAMES[number]}")
    (backup,) = drafted.glob("*-backup-*.docx")
    assert backup.read_bytes() == edited
    validate_docx(path)
    # accepted: the same as the person's edits made to a fresh draft of the new data
    fresh = fresh_draft(project, number)
    person_edits(fresh)
    accepted = tracked.accept(updated)
    assert texts(accepted) == texts(fresh.read_bytes())
    # rejected: the edited answer, as the person left it (their own tracked change still theirs)
    assert read(tracked.reject(updated)) == read(edited)
    assert tracked.changes(updated, "Kabinet") == tracked.changes(edited, "Kabinet") == 1
    # the typed-over figure is left as the person wrote it, and said so with its place
    if any(TYPED in text for _place, text in texts(edited)):
        assert any(TYPED in text for _place, text in texts(accepted))
        assert f"typed over by hand ({TYPED}), left as you wrote it" in result.stdout
    # verify of the accepted answer: every figure as drafted but the one typed over by hand
    (path.parent / "accepted.docx").write_bytes(accepted)
    checked = run_cli("verify", str(path.parent / "accepted.docx"), "--register", str(project / "data" / "questions.yaml"),
                      "--templates", str(project / "answer_templates"), "--format", "json")
    (answer,) = json.loads(checked.stdout)["answers"]
    others = [f for f in answer["figures"] if f["now"] != TYPED and f["status"] != "does not add up"]
    assert {f["status"] for f in others} == {"as drafted"}, answer["figures"]
    for total in (f for f in answer["figures"] if f["status"] == "does not add up"):  # the typed-over figure's
        assert TYPED not in total["now"] and TYPED in result.stdout


def test_the_changes_show_in_libreoffice(project, drafted, tmp_path):
    path = drafted / NAMES[4]
    person_edits(path)
    new_data(project)
    assert update(project, 4).exit_code == 0
    pdf = render_pdf(path, tmp_path)
    from ..conftest import pdf_text

    text = pdf_text(pdf)
    assert "45.800.00045.900.000" in text.replace(" ", "") and "14,25014,300" in text  # the old struck, the new beside


def test_what_update_says_and_an_answer_up_to_date(project, drafted):
    new_data(project)
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == (f"updated out/{NAMES[4]}: 6 tracked changes by drafter; open it in Word and accept or "
                        "reject them (Review > Accept, Reject)")
    assert lines[1].startswith(f"the answer as it was is kept as out/{NAMES[4][:-5]}-backup-")
    assert '  table 1, row "2016", column "VAK budget": 14.250.000 becomes 14.300.000' in lines
    assert '  paragraph 12, "3. Circa 45% ...": 45% becomes 47%' in lines
    again = update(project, 4)
    assert again.exit_code == 0 and again.stdout.startswith(f"out/{NAMES[4]} is up to date with the data")
    as_json = json.loads(update(project, 4, "--format", "json").stdout)
    assert as_json["status"] == "up to date" and as_json["changed"] == []


# --------------------------------------------------------------------------- tables and notes


def test_a_new_year_replaces_the_table_as_one_tracked_change(project, drafted):
    path = drafted / NAMES[4]
    person_edits(path)
    edited = path.read_bytes()
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    register.write_text(text.replace("years: 2014-2018", "years: 2014-2019", 1), encoding="utf-8")
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace(
        "clusters,2018,VEK,45800000,,\n", "clusters,2018,VEK,45800000,,\nclusters,2019,VAK,98000000,,\n"
        "clusters,2019,VEK,42000000,,\n"), encoding="utf-8")
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    assert ("  table 1: replaced as a whole: the new data changes its rows or columns (6 rows, now 7); your edits in "
            "it are in the deleted table (reject the change to keep them)") in result.stdout.splitlines()
    updated = path.read_bytes()
    validate_docx(path)
    document = etree.fromstring(opc.read_zip(updated, max_unpacked=10**8, what="x")["word/document.xml"])
    tables = list(document.iter(w("tbl")))
    assert len(tables) == 2
    assert all(tr.find(f"{w('trPr')}/{w('del')}") is not None for tr in tables[0].iter(w("tr")))
    assert all(tr.find(f"{w('trPr')}/{w('ins')}") is not None for tr in tables[1].iter(w("tr")))
    accepted = tracked.accept(updated)
    fresh = fresh_draft(project, 4)  # the table as drafter makes it now: the figure typed over is in the old one
    mine, theirs = docx.Document(io.BytesIO(accepted)), docx.Document(str(fresh))
    assert len(mine.tables) == 1
    assert [[c.text for c in r.cells] for r in mine.tables[0].rows] == [[c.text for c in r.cells]
                                                                      for r in theirs.tables[0].rows]
    assert read(tracked.reject(updated)) == read(edited)


def test_a_note_whose_text_changed_is_updated_and_one_the_person_edited_is_left(project, drafted):
    path = drafted / NAMES[4]
    d = docx.Document(str(path))
    note = next(p for p in d.paragraphs if p.text.startswith("(3)"))
    note.runs[-1].text += " Aangevuld door het kabinet."
    d.save(str(path))
    notes = project / "data" / "notes.yaml"
    text = notes.read_text(encoding="utf-8")
    assert "werden in 2016 opgestart" in text and "werd niet apart gebudgetteerd" in text
    notes.write_text(text.replace("werden in 2016 opgestart", "werden in 2016 gelanceerd")
                     .replace("werd niet apart gebudgetteerd", "werd nooit apart gebudgetteerd"), encoding="utf-8")
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith('  note 1: now reads "(1) In 2014 en 2015 was er nog geen budget voor de clusters. '
                               'De innovatieve bedrijfsnetwerken en speerpuntclusters werden in 2016 gelanceerd.')
               for line in lines), lines
    assert any(line.startswith("  note 3: edited by hand, left as you wrote it; the new draft's reads")
               for line in lines), lines
    accepted = docx.Document(io.BytesIO(tracked.accept(path.read_bytes())))
    notes_now = [p.text for p in accepted.paragraphs if p.style.name == "Table Note"]
    assert "gelanceerd" in notes_now[0] and "Aangevuld door het kabinet." in notes_now[2]
    assert "nooit" not in notes_now[2]


def test_a_figure_in_a_table_the_person_deleted_is_left_out_and_said(project, drafted):
    path = drafted / NAMES[4]
    d = docx.Document(str(path))
    cell = d.tables[0].rows[5].cells[2]  # 2018 VEK
    for run in cell.paragraphs[0].runs:
        run.text = ""
    d.save(str(path))
    new_data(project)
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    assert ('  table 1, row "2018", column "VEK budget": deleted by hand, left out; the new data says 45.900.000'
            in result.stdout.splitlines())
    accepted = docx.Document(io.BytesIO(tracked.accept(path.read_bytes())))
    assert accepted.tables[0].rows[5].cells[2].text == ""
    assert accepted.tables[0].rows[3].cells[1].text.startswith("14.300.000")


def test_batch_update_writes_tracked_changes_into_edited_answers_and_replaces_unedited_ones(project, drafted):
    person_edits(drafted / NAMES[4])
    edited4 = (drafted / NAMES[4]).read_bytes()
    new_data(project)
    result = run_in(project, "batch", "--jobs", "1", "--update", "--format", "json")
    assert result.exit_code == 0, result.output
    manifest = json.loads(result.stdout)
    status = {Path(a["file"]).name: a["status"] for a in manifest["answers"]}
    assert status[NAMES[4]] == "updated" and status[NAMES[6]] == "replaced"
    assert status[NAMES[1028]] == "unchanged"
    assert tracked.changes((drafted / NAMES[4]).read_bytes()) > 0
    assert read(tracked.reject((drafted / NAMES[4]).read_bytes())) == read(edited4)
    assert not list(drafted.glob("*nieuwe-versie*"))
    assert len(list(drafted.glob("*-backup-*.docx"))) == 1
    shutil.rmtree(project / "fresh", ignore_errors=True)


def test_batch_update_tells_an_edited_answer_as_it_is_on_disk(project, drafted):
    """An edited answer the new data changes nothing in is 'up to date', not 'the same draft was
    there already' (the person's version is on disk, not the draft); its gaps are those the person
    left in it, counted in the file; an updated answer's line says 'updated' once."""
    path = drafted / NAMES[5]
    d = docx.Document(str(path))
    run = next(r for r in d.paragraphs[0].runs if "N.N." in r.text)  # the minister's name filled in
    run.text = run.text.replace("N.N.", "JO BROUNS")
    d.save(str(path))
    draft_gaps = "4 gaps to fill in: 'N.N.' at paragraph 1, paragraph 2, paragraph 4; '[datum onbekend]' at paragraph 4"
    assert draft_gaps in run_in(project, "check", "-q", "5").output  # what the register's draft still has
    result = run_in(project, "batch", "--jobs", "1", "--update")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(line.startswith("│ up to date ") and "│       1 │" in line for line in lines), lines
    warned = result.stdout.split("  question 5 (2019-2020):\n", 1)[1].splitlines()[0]
    assert warned == (f"    warning: out/{NAMES[5]}: question 5 (2019-2020): the answer has 3 gaps to fill in: "
                      "'N.N.' at paragraph 2, paragraph 4; '[datum onbekend]' at paragraph 4. Fill them in before "
                      "the answer is sent.")
    as_json = run_in(project, "batch", "--jobs", "1", "--update", "--question", "5", "--format", "json")
    (answer,) = json.loads(as_json.stdout)["answers"]
    assert answer["status"] == "up-to-date" and len(answer["gaps"]) == 3
    person_edits(drafted / NAMES[4])
    new_data(project)
    result = run_in(project, "batch", "--jobs", "1", "--update", "--question", "4")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert f"  question 4 (2019-2020): updated out/{NAMES[4]}: 5 tracked changes by drafter; open it in Word and " \
           "accept or reject them (Review > Accept, Reject)" in lines, lines


def test_figures_whose_marks_were_retyped_away_are_found_by_their_cell_and_paragraph(project, drafted):
    path = drafted / NAMES[4]
    d = docx.Document(str(path))
    d.tables[0].rows[5].cells[2].text = "45.800.000"  # 2018 VEK retyped: its bookmark goes with the old text
    p = next(p for p in d.paragraphs if p.text.startswith("3."))
    p.text = p.text  # the whole paragraph retyped, its bookmarks gone
    d.save(str(path))
    assert "_DrafterFig9" not in (drafted / NAMES[4]).read_bytes().decode("latin-1")
    new_data(project)
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert '  table 1, row "2018", column "VEK budget": 45.800.000 becomes 45.900.000' in lines
    assert any(line.startswith('  paragraph 12, "3. Circa 45% ...": 45% becomes 47%') for line in lines), lines
    accepted = docx.Document(io.BytesIO(tracked.accept(path.read_bytes())))
    assert accepted.tables[0].rows[5].cells[2].text == "45.900.000"
    assert next(p.text for p in accepted.paragraphs if p.text.startswith("3.")) == (
        "3.\tCirca 47% van de steun was bestemd voor kmo’s, 53% voor grote ondernemingen.")


def test_a_new_note_in_the_data_is_inserted_after_the_notes_with_its_table(project, drafted):
    path = drafted / NAMES[4]
    person_edits(path)
    notes = project / "data" / "notes.yaml"
    notes.write_text(notes.read_text(encoding="utf-8") + "voorlopig_2017:\n  nl: Voorlopige cijfers voor 2017.\n",
                     encoding="utf-8")
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace("clusters,2017,VAK,58000000,,",
                                                                 "clusters,2017,VAK,58000000,,voorlopig_2017"),
                      encoding="utf-8")
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert '  note 3: new note "(4) Voorlopige cijfers voor 2017." added after it' in lines, lines
    assert any(line.startswith("  table 1: replaced as a whole") for line in lines), lines
    validate_docx(path)
    accepted = docx.Document(io.BytesIO(tracked.accept(path.read_bytes())))
    fresh = docx.Document(str(fresh_draft(project, 4)))
    assert [p.text for p in accepted.paragraphs if p.style.name == "Table Note"] == [
        p.text for p in fresh.paragraphs if p.style.name == "Table Note"]
    assert [[c.text for c in r.cells] for r in accepted.tables[0].rows] == [
        [c.text for c in r.cells] for r in fresh.tables[0].rows]


def _vek_2018(data: bytes) -> str:
    """What the 2018 VEK budget cell of question 4's table reads."""
    table = docx.Document(io.BytesIO(data)).tables[0]
    row = next(r for r in table.rows if r.cells[0].text.startswith("2018"))
    return row.cells[2].text


def _new_vek_2018(project: Path, old: str, new: str) -> None:
    budget = project / "data" / "budget.csv"
    text = budget.read_text(encoding="utf-8")
    assert f"clusters,2018,VEK,{old}" in text
    budget.write_text(text.replace(f"clusters,2018,VEK,{old}", f"clusters,2018,VEK,{new}"), encoding="utf-8")


def test_newer_data_over_drafters_changes_not_yet_accepted_updates_those_changes(project, drafted):
    """drafter's own change of an earlier update, not accepted or rejected yet, gets the newest figure:
    accepting gives the newest, rejecting gives what the answer showed before any update, and the
    answer holds as many of drafter's changes as before (not a change on top of a change)."""
    path = drafted / NAMES[4]
    person_edits(path)
    new_data(project)
    assert "tracked change" in update(project, 4).output  # drafter's changes, not accepted in Word yet
    first = path.read_bytes()
    _new_vek_2018(project, "45900000", "45950000")
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    assert '  table 1, row "2018", column "VEK budget": 45.900.000 becomes 45.950.000' in result.stdout.splitlines()
    assert "could not be told apart" not in result.output
    updated = path.read_bytes()
    assert _vek_2018(tracked.accept(updated)) == "45.950.000"
    assert _vek_2018(tracked.reject(updated)) == "45.800.000"
    assert tracked.changes(updated) == tracked.changes(first)
    validate_docx(path)
    _new_vek_2018(project, "45950000", "45800000")  # the data goes back: drafter's change is withdrawn
    back = update(project, 4)
    assert back.exit_code == 0, back.output
    assert _vek_2018(path.read_bytes()) == "45.800.000"
    assert tracked.changes(path.read_bytes()) == tracked.changes(first) - 2  # its deletion and insertion gone
    _new_vek_2018(project, "45800000", "45990000")
    result = run_in(project, "batch", "--question", "4", "--update", "--jobs", "1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [a["status"] for a in json.loads(result.stdout)["answers"]] == ["updated"]
    assert _vek_2018(tracked.accept(path.read_bytes())) == "45.990.000"


@pytest.mark.parametrize("bookmark", ["kept", "gone"])
def test_a_figure_in_a_persons_tracked_change_not_accepted_yet_is_left_with_what_to_do(project, drafted, bookmark):
    """A person typed the 2018 VEK figure again with Track Changes on (Word keeps drafter's bookmark
    around it, or loses it): update cannot write into someone else's change, and says to accept or
    reject it first."""
    path = drafted / NAMES[4]
    d = docx.Document(str(path))
    row = next(r for r in d.tables[0].rows if r.cells[0].text.startswith("2018"))
    p = row.cells[2].paragraphs[0]._p
    run = next(p.iter(w("r")))
    removed = etree.Element(w("del"), {w("id"): "901", w("author"): "Kabinet", w("date"): "2026-12-07T09:00:00Z"})
    run.addprevious(removed)
    removed.append(run)
    run.find(w("t")).tag = w("delText")
    inserted = etree.Element(w("ins"), {w("id"): "902", w("author"): "Kabinet", w("date"): "2026-12-07T09:00:00Z"})
    etree.SubElement(etree.SubElement(inserted, w("r")), w("t")).text = "45.800.000"
    removed.addnext(inserted)
    if bookmark == "gone":
        for mark in [m for m in p if m.tag in (w("bookmarkStart"), w("bookmarkEnd"))]:
            p.remove(mark)
    d.save(str(path))
    new_data(project)
    result = update(project, 4)
    assert result.exit_code == 0, result.output
    assert ('  table 1, row "2018", column "VEK budget": 45.800.000 stands in a tracked change that is not accepted '
            'or rejected yet; the new data says 45.900.000: accept or reject that change in Word, then run drafter '
            'update again') in result.stdout.splitlines()
    assert tracked.changes(path.read_bytes(), "Kabinet") == 2  # the person's change, as they left it
    assert _vek_2018(tracked.accept(tracked.accept(path.read_bytes()), "Kabinet")) == "45.800.000"

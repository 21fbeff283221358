"""Edited means a person changed the content: what Word and LibreOffice rewrite on a plain
open-and-save leaves an answer a draft (drafter replaces it with a new draft), and every kind of
edit a person makes leaves it alone (the new draft goes beside it, with what differs).

The saves are real: LibreOffice opens and saves every example answer as .docx, and through
OpenDocument (.odt, then .docx again); python-docx saves it; a Word save is imitated part by
part from what Word writes (rsids, paragraph ids, proofing marks, the _GoBack bookmark, split
runs, app.xml, settings, the fonts table, stamped properties, another attribute order).
"""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.oxml import opc
from drafter.word.fingerprint import FINGERPRINT, is_edited, read_recorded
from drafter.word.read_answer import read_answer

from ..conftest import need_libreoffice, run_in

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
NAMES = {
    4: "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx",
    5: "antwoord-2019-2020-vraag-5-clusterbeleid-opsplitsing-van-de-clustersteun.docx",
    6: "antwoord-2019-2020-vraag-6-clusterbeleid-kredieten-naast-de-bedrijfssteun.docx",
    7: "antwoord-2019-2020-vraag-7-politique-des-clusters-credits-et-soutien.docx",
    8: "antwoord-2019-2020-vraag-8-clusterbeleid-kredieten-en-jaarverslag.docx",
    10: "antwoord-2019-2020-vraag-10-clusterbeleid-vastleggings-en-vereffeningskredieten.docx",
    1028: "antwoord-2024-2025-aanhangsel-1028-erkens.docx",
}
#: The example questions recorded as sent (answered:): their answer is kept as it went out, edited or not.
SENT = {1028}


@pytest.fixture
def answers(project) -> Path:
    """Every example answer drafted into out/."""
    result = run_in(project, "batch", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (project / "out").glob("*.docx")) == sorted(NAMES.values())
    return project / "out"


def soffice_convert(files: list[Path], to: str, folder: Path, profile: Path) -> list[Path]:
    """Open and save with LibreOffice, as a person who opens the answer there and saves it."""
    exe = need_libreoffice()
    folder.mkdir(exist_ok=True)
    subprocess.run([exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", to,
                    "--outdir", str(folder), *map(str, files)], capture_output=True, timeout=300, check=False)
    out = [folder / (f.stem + "." + to.split(":")[0]) for f in files]
    assert all(p.exists() for p in out), f"LibreOffice did not save {[p.name for p in out if not p.exists()]}"
    return out


def assert_replaced_as_a_draft(project: Path, number: int) -> None:
    """drafter answer replaces the answer: it was not edited (one recorded as sent is kept all the
    same, as it went out, and for that reason alone)."""
    result = run_in(project, "answer", "-q", str(number))
    assert result.exit_code == 0, result.output
    if number in SENT and "is up to date" not in result.stdout:
        assert f"{NAMES[number]} is the answer sent on" in result.stdout, result.stdout
        assert "was edited" not in result.stdout
        for beside in (project / "out").glob("*nieuwe-versie*"):
            beside.unlink()
        return
    assert "(replaced the earlier, unedited draft)" in result.stdout or "is up to date" in result.stdout, result.stdout
    assert not list((project / "out").glob("*nieuwe-versie*"))


def test_every_example_answer_reads_back_as_drafter_recorded_it(answers):
    """What drafter records as it writes an answer (the fingerprint of its content, the shape of each
    table holding figures) is what reading the written file gives."""
    tables = 0
    for name in NAMES.values():
        recorded = read_recorded(answers / name)
        assert recorded.properties[FINGERPRINT].startswith("content:") and recorded.current == \
            recorded.properties[FINGERPRINT], name
        read = read_answer(answers / name)
        for table in read.recorded_tables.values():
            assert read.shapes[table.index] == (table.cells, table.text), (name, table.key)
            tables += 1
    assert tables >= 5  # the example answers' tables of figures


def test_a_libreoffice_open_and_save_leaves_every_example_answer_a_draft(project, answers, tmp_path):
    originals = [answers / name for name in NAMES.values()]
    saved = soffice_convert(originals, "docx", tmp_path / "saved", tmp_path / "profile")
    for number, path in zip(NAMES, saved):
        assert path.read_bytes() != (answers / NAMES[number]).read_bytes()  # LibreOffice rewrote every part
        assert is_edited(path) is False, NAMES[number]
        shutil.copyfile(path, answers / NAMES[number])
        assert_replaced_as_a_draft(project, number)


def test_a_save_through_opendocument_leaves_every_example_answer_a_draft(project, answers, tmp_path):
    odt = soffice_convert([answers / name for name in NAMES.values()], "odt", tmp_path / "odt", tmp_path / "profile")
    back = soffice_convert(odt, "docx:MS Word 2007 XML", tmp_path / "back", tmp_path / "profile")
    for number, path in zip(NAMES, back):
        assert is_edited(path) is False, NAMES[number]
        shutil.copyfile(path, answers / NAMES[number])
        assert_replaced_as_a_draft(project, number)


def test_a_python_docx_save_leaves_every_example_answer_a_draft(project, answers):
    for number, name in NAMES.items():
        docx.Document(str(answers / name)).save(str(answers / name))
        assert is_edited(answers / name) is False, name
        assert_replaced_as_a_draft(project, number)


# --------------------------------------------------------------------------- Word's save, imitated


def rewrite(path: Path, changes: dict) -> None:
    """Rewrite parts of a .docx: each change takes a part's bytes (None: missing) and gives new ones."""
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    for name, change in changes.items():
        parts[name] = change(parts.get(name))
    path.write_bytes(opc.write_zip(parts))


def word_document(data: bytes) -> bytes:
    """What Word does to document.xml on a save that changes nothing a person sees."""
    root = etree.fromstring(data)
    for i, p in enumerate(root.iter(f"{{{W}}}p")):
        p.set(f"{{{W}}}rsidR", "00A1B2C3")
        p.set(f"{{{W}}}rsidRDefault", "00D4E5F6")
        p.set(f"{{{W14}}}paraId", f"{i + 1:08X}")
        p.set(f"{{{W14}}}textId", "77777777")
    body = root.find(f"{{{W}}}body")
    first = next(body.iter(f"{{{W}}}p"))
    etree.SubElement(first, f"{{{W}}}bookmarkStart", {f"{{{W}}}id": "900", f"{{{W}}}name": "_GoBack"})
    etree.SubElement(first, f"{{{W}}}bookmarkEnd", {f"{{{W}}}id": "900"})
    for r in list(root.iter(f"{{{W}}}r")):
        t = r.find(f"{{{W}}}t")
        if t is None or not t.text or len(t.text) < 6 or len(r) != (2 if r[0].tag == f"{{{W}}}rPr" else 1):
            continue
        # Word splits a run where its spelling check or an earlier edit session stopped
        second = copy.deepcopy(r)
        second.find(f"{{{W}}}t").text = t.text[3:]
        t.text = t.text[:3]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        second.find(f"{{{W}}}t").set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.addnext(second)
        r.addnext(etree.Element(f"{{{W}}}proofErr", {f"{{{W}}}type": "spellStart"}))
        second.addnext(etree.Element(f"{{{W}}}lastRenderedPageBreak"))
    text = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    # attributes in another order, namespace declarations another way round
    return re.sub(rb'<w:pStyle w:val="([^"]+)"/>', rb'<w:pStyle  w:val="\1" />', text)


def test_a_word_like_save_is_no_edit(project, answers):
    for number in (4, 8):
        path = answers / NAMES[number]
        rewrite(path, {
            "word/document.xml": word_document,
            "word/settings.xml": lambda d: d.replace(b"</w:settings>", b'<w:rsids><w:rsidRoot w:val="00A1B2C3"/>'
                                                     b"</w:rsids><w:compat><w:compatSetting/></w:compat></w:settings>"),
            "docProps/app.xml": lambda d: b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/'
                                          b'officeDocument/2006/extended-properties"><Application>Microsoft Office Word'
                                          b"</Application><TotalTime>3</TotalTime><Pages>2</Pages></Properties>",
            "word/fontTable.xml": lambda d: d.replace(b"</w:fonts>", b'<w:font w:name="Aptos"/></w:fonts>'),
            "docProps/core.xml": lambda d: d.replace(b"<cp:revision>1</cp:revision>", b"<cp:revision>2</cp:revision>")
            .replace(b"<cp:lastModifiedBy>N.N.</cp:lastModifiedBy>", b"<cp:lastModifiedBy>Ayse Peeters</cp:lastModifiedBy>")
            .replace(b"</cp:coreProperties>", b'<dcterms:modified xsi:type="dcterms:W3CDTF">2026-12-07T10:00:00Z'
                                              b"</dcterms:modified></cp:coreProperties>"),
        })
        assert is_edited(path) is False, NAMES[number]
        assert_replaced_as_a_draft(project, number)


# --------------------------------------------------------------------------- a person's edits


def _paragraph(d, text: str):
    return next(p for p in d.paragraphs if text in p.text)


def edit_text(d):
    run = next(r for r in _paragraph(d, "Vooreerst").runs if "Vooreerst" in r.text)
    run.text = run.text.replace("Vooreerst", "Eerst")


def edit_figure(d):
    run = next(r for r in d.tables[0].rows[3].cells[1].paragraphs[0].runs if r.text == "14.250.000")
    run.text = "14.350.000"


def edit_table(d):
    tr = d.tables[0].rows[1]._tr
    tr.getparent().remove(tr)


def edit_note(d):
    run = _paragraph(d, "In 2014 en 2015 was er nog geen budget").runs[-1]
    run.text = run.text + " (aangevuld)"


def edit_style(d):
    _paragraph(d, "De middelen op de budgetlijn").style = d.styles["Answer Text"]


def edit_bold(d):
    _paragraph(d, "Vooreerst").runs[0].bold = True


def edit_comment(d):
    d.add_comment(_paragraph(d, "Vooreerst").runs[0], text="Cijfers nakijken", author="Kabinet")


def edit_tracked_change(d):
    p = _paragraph(d, "De definitieve cijfers")
    ins = etree.SubElement(p._p, f"{{{W}}}ins", {f"{{{W}}}id": "801", f"{{{W}}}author": "Kabinet",
                                                 f"{{{W}}}date": "2026-12-07T10:00:00Z"})
    etree.SubElement(etree.SubElement(ins, f"{{{W}}}r"), f"{{{W}}}t").text = " Ze volgen in het voorjaar."


def edit_footer(d):
    d.sections[0].footer.paragraphs[0].add_run(" - ontwerp")


def edit_header(d):
    d.sections[0].header.paragraphs[0].text = "Kabinet van de minister"


def edit_title(d):
    d.core_properties.title = "Bedrijfsclusters - Subsidies (herwerkt)"


EDITS = [edit_text, edit_figure, edit_table, edit_note, edit_style, edit_bold, edit_comment, edit_tracked_change,
         edit_footer, edit_header, edit_title]


@pytest.mark.parametrize("edit", EDITS, ids=[e.__name__ for e in EDITS])
def test_each_kind_of_edit_makes_the_answer_edited(project, answers, edit):
    path = answers / NAMES[4]
    d = docx.Document(str(path))
    edit(d)
    d.save(str(path))
    assert is_edited(path) is True
    edited = path.read_bytes()
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert "was edited since drafter made it and was left alone" in result.stdout
    assert path.read_bytes() == edited


def test_a_footnote_edited_makes_the_answer_edited(project, answers):
    path = answers / NAMES[8]
    rewrite(path, {"word/footnotes.xml": lambda d: d.replace("pagina 9.".encode(), "pagina 9 en 10.".encode())})
    assert is_edited(path) is True
    assert "was edited since drafter made it" in run_in(project, "answer", "-q", "8").stdout


def test_an_edit_stays_an_edit_after_libreoffice_saves_it(project, answers, tmp_path):
    path = answers / NAMES[4]
    d = docx.Document(str(path))
    edit_figure(d)
    d.save(str(path))
    (saved,) = soffice_convert([path], "docx", tmp_path / "saved", tmp_path / "profile")
    assert is_edited(saved) is True


def test_what_is_left_alone_is_listed_figures_and_paragraphs_then_a_count(project, answers):
    path = answers / NAMES[4]
    d = docx.Document(str(path))
    edit_text(d)
    for i in range(12):
        d.add_paragraph(f"Toegevoegde zin nummer {i + 1} van het kabinet.")
    d.save(str(path))
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace("45800000", "45900000"), encoding="utf-8")
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    head = lines.index(f"figures and paragraphs that differ between out/{NAMES[4]} and the new draft "
                       "(carry them over):")
    listed = lines[head + 1:head + 12]
    assert listed[0] == '  table 1, row "2018", column "VEK budget": 45.800.000 in the edited answer, 45.900.000 in the new draft'
    assert listed[1] == ('  paragraph 5: "Eerst een verduidelijking. De 1500 grote, middelgr ..." in the edited answer, '
                         '"Vooreerst een verduidelijking. De 1500 grote, midd ..." in the new draft')
    assert listed[2] == '  paragraph 14: "Toegevoegde zin nummer 1 van het kabinet." only in the edited answer'
    assert len(listed) == 11 and listed[-1] == "  ... and 4 more (drafter verify lists every figure)"


def _differences(result, name: str) -> list[str]:
    """The lines under 'paragraphs that differ' that drafter answer printed."""
    lines = result.stdout.splitlines()
    head = lines.index(f"paragraphs that differ between out/{name} and the new draft (carry them over):")
    return [line for line in lines[head + 1:] if line.startswith("  ")]


def test_paragraphs_that_differ_are_aligned_one_changed_one_added_one_removed(project, answers):
    """A person rewrites part 2, removes the sentence after the table and adds a paragraph at the end:
    the list names just those three, each at its place, and no unchanged paragraph."""
    path = answers / NAMES[4]
    d = docx.Document(str(path))
    after = _paragraph(d, "De definitieve cijfers")
    after._element.getparent().remove(after._element)
    run = next(r for r in _paragraph(d, "De middelen op de budgetlijn").runs if "niet enkel" in r.text)
    run.text = run.text.replace("niet enkel", "niet alleen")
    d.add_paragraph("Ten slotte een woord van dank aan het agentschap.")
    d.save(str(path))
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert _differences(result, NAMES[4]) == [
        '  paragraph 10 of the new draft: "De definitieve cijfers voor 2019 moeten nog verwer ..." '
        'only in the new draft',
        '  paragraph 10: "... clusters zijn niet alleen bestemd voor steun aan b ..." in the edited answer, '
        '"... clusters zijn niet enkel bestemd voor steun aan be ..." in the new draft',
        '  paragraph 13: "Ten slotte een woord van dank aan het agentschap." only in the edited answer',
    ]


def test_a_part_filled_in_is_shown_changed_and_the_same_placeholder_after_it_not_at_all(project):
    """Parts 3 and 4 still to be written show the same placeholder; a person writes part 3 in Word.
    Part 3 is changed; part 4, the same in both, is not named (an unchanged part matched with the
    other copy of its placeholder would read as part 4 removed)."""
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    text = text.replace('text: "{{ evaluation.text }}"', "text: '[antwoord nog te schrijven]'")
    text = text.replace('''text: >-
            Circa {{ shares.percent("kmo") }} van de steun was bestemd voor kmo’s,
            {{ shares.percent("groot") }} voor grote ondernemingen.''', "text: '[antwoord nog te schrijven]'")
    register.write_text(text, encoding="utf-8")
    assert run_in(project, "answer", "-q", "4").exit_code == 0
    path = project / "out" / NAMES[4]
    d = docx.Document(str(path))
    (part3, part4) = [p for p in d.paragraphs if "[antwoord nog te schrijven]" in p.text]
    run = next(r for r in part3.runs if "[antwoord nog te schrijven]" in r.text)
    run.text = run.text.replace("[antwoord nog te schrijven]", "De steun ging vooral naar kmo’s.")
    d.save(str(path))
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    assert _differences(result, NAMES[4]) == [
        '  paragraph 12: "3. De steun ging vooral naar kmo’s." in the edited answer, '
        '"3. [antwoord nog te schrijven]" in the new draft',
    ]

"""`drafter collect`: the texts a person wrote in Word, read back into the register.

Each example answer is drafted, edited as a person would with python-docx (a sentence changed,
one added, a list item changed and one added, a comment, a figure typed over, a word in bold, a
footnote's text, a tracked change of their own), then collected. The register then differs only
in that question's entry, its other lines byte for byte (the comments around it too), and
`answer` from the collected register gives the edited answer's paragraphs again. Bad input:
one message, exit 1, the register unchanged."""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

import docx
import pytest
from docx.text.paragraph import Paragraph

from drafter.load.register import load_register
from tests.conftest import run_cli

REGISTER = Path("data") / "questions.yaml"


def _run(project: Path, *args: str, output: str = "out"):
    return run_cli(*args, "--register", str(project / REGISTER), "--templates", str(project / "answer_templates"),
                   "--output", str(project / output))


def _answer(project: Path, number: int) -> Path:
    result = _run(project, "answer", "-q", str(number))
    assert result.exit_code == 0, result.output
    return next((project / "out").glob(f"*-vraag-{number}-*.docx"))


def _paragraphs(path: Path) -> list[str]:
    return [" ".join(p.text.split()) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _find(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def _add_after(paragraph, text: str):
    """A new paragraph after `paragraph`, in its style, as Word makes one when Enter is pressed."""
    new = copy.deepcopy(paragraph._p)
    for child in list(new):
        if not child.tag.endswith("}pPr"):
            new.remove(child)
    paragraph._p.addnext(new)
    made = Paragraph(new, paragraph._parent)
    made.add_run(text)
    return made


def _entry_span(text: str, number: int) -> tuple[int, int]:
    """The lines of the question's entry in a register's text: (its first, the next entry's), from 0."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.startswith("  - zittingsjaar:")] + [len(lines)]
    for i, first in enumerate(starts[:-1]):
        if lines[first + 1] == f"    number: {number}\n":
            return first, starts[i + 1]
    raise AssertionError(f"no entry {number}")


def _only_the_entry_changed(project: Path, before: str, number: int) -> None:
    """Every line before the question's entry and from the next entry on is as it was, byte for byte."""
    after = (project / REGISTER).read_text(encoding="utf-8")
    (b0, b1), (a0, a1) = _entry_span(before, number), _entry_span(after, number)
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert (b0, new[:a0], new[a1:]) == (a0, old[:b0], old[b1:])
    assert old[b0:b1] != new[a0:a1]


def test_a_general_answer_edited_in_word_and_drafted_again(project):
    """Question 5: a sentence and a list item changed, a list item and a sentence added."""
    path = _answer(project, 5)
    document = docx.Document(str(path))
    text = _find(document, "De bedrijfssteun omvatte")
    text.runs[0].text = "De bedrijfssteun omvatte onder meer: zie de lijst."  # a colon, as civil servants write
    _find(document, "KMO projecten").runs[0].text = "KMO-projecten"
    _add_after(_find(document, "VIS"), "EFRO-projecten")
    _add_after(_find(document, "1.\tDe clustersteun"), "Bron:\tde begroting 2016.")  # a tab, too
    document.add_comment(_find(document, "Het vereffeningskrediet").runs[0], text="Klopt dit?", author="Kabinet")
    document.save(str(path))
    edited = _paragraphs(path)
    register = project / REGISTER
    before = register.read_text(encoding="utf-8")

    result = _run(project, "collect", "-q", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (f"collected answer part 1, answer part 2, 3 from out/{path.name} into "
                                     f"data/questions.yaml")
    assert result.stderr == ""
    _only_the_entry_changed(project, before, 5)
    q = load_register(register).find(5)
    assert [b.text for b in q.parts[0].blocks if b.text] == ["De clustersteun van 2016 was als volgt verdeeld:",
                                                             "Bron:\tde begroting 2016."]
    assert q.parts[1].blocks[2].text == "De bedrijfssteun omvatte onder meer: zie de lijst."
    assert q.parts[1].blocks[3].items == ("O&O projecten", "KMO-projecten", "clustersteun", "VIS", "EFRO-projecten")
    # the untouched text keeps its tag: the note is still called from the register
    assert '{{ note("vek_bedrijfssteun") }}' in q.parts[1].blocks[0].text
    assert "note_numbering: document        # one series of notes for the whole answer" in \
        register.read_text(encoding="utf-8")  # the entry's comments are kept

    again = _run(project, "answer", "-q", "5", output="again")
    assert again.exit_code == 0, again.output
    assert _paragraphs(next((project / "again").glob("*.docx"))) == edited


def test_the_seed_answer_with_a_figure_typed_over(project):
    """Question 4: words around a figure changed, another figure typed over, a word in bold, a comment."""
    path = _answer(project, 4)
    document = docx.Document(str(path))
    three = _find(document, "3.")
    for run in three.runs:
        if "Circa" in run.text:
            run.text = run.text.replace("Circa", "Ongeveer")
        if run.text == "55%":
            run.text = "56%"
    _find(document, "2.").add_run(" Dit geldt ook voor 2019.")
    _find(document, "4.").add_run(" Let op.").bold = True
    document.add_comment(_find(document, "1.").runs[0], text="Nakijken", author="Kabinet")
    document.save(str(path))
    edited = _paragraphs(path)
    before = (project / REGISTER).read_text(encoding="utf-8")

    result = _run(project, "collect", "-q", "4")
    assert result.exit_code == 0, result.output
    assert f"out/{path.name}, paragraph 12: the figure drafter wrote as '55%' now reads '56%': it becomes text in " \
           "the register, and no longer follows the data" in result.stderr
    assert f"out/{path.name}, paragraph 13: bold of ' Let op.' (answer part 4) cannot be held by the register's " \
           "text: it is collected as plain text" in result.stderr
    _only_the_entry_changed(project, before, 4)
    q = load_register(project / REGISTER).find(4)
    assert q.parts[2].blocks[0].text == ('Ongeveer {{ shares.percent("kmo") }} van de steun was bestemd voor kmo’s, '
                                         '56% voor grote ondernemingen.')
    assert q.parts[3].blocks[0].text == "{{ evaluation.text }} Let op."
    assert q.parts[1].blocks[0].text.endswith("rechtstreeks toegekend werd aan bedrijven. Dit geldt ook voor 2019.")
    again = _run(project, "answer", "-q", "4", output="again")
    assert again.exit_code == 0, again.output
    assert _paragraphs(next((project / "again").glob("*.docx"))) == edited


def test_a_footnote_changed_and_a_tracked_change_of_a_person(project):
    """Question 8: its footnote's text changed in Word, and a sentence added as a tracked change."""
    path = _answer(project, 8)
    document = docx.Document(str(path))
    two = _find(document, "2.")
    inserted = docx.oxml.parse_xml(
        '<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="901" w:author="Kabinet" '
        'w:date="2024-03-01T10:00:00Z"><w:r><w:t xml:space="preserve"> Zie ook bijlage 2.</w:t></w:r></w:ins>')
    two._p.append(inserted)
    document.save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/footnotes.xml"] = parts["word/footnotes.xml"].replace(b"pagina 9.", b"pagina 9 en 10.")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)

    result = _run(project, "collect", "-q", "8")
    assert result.exit_code == 0, result.output
    assert "this paragraph holds tracked changes: collected as if they were accepted" in result.stderr
    q = load_register(project / REGISTER).find(8)
    assert q.parts[1].blocks[0].text == (
        "De middelen op de budgetlijn voor de clusters zijn niet enkel bestemd voor steun aan bedrijven. De figuur in "
        "het jaarverslag 2018 van het Agentschap Innoveren en Ondernemen"
        '{{ footnote("Jaarverslag 2018 van het Agentschap Innoveren en Ondernemen (VLAIO), pagina 9 en 10.") }} '
        "bevat enkel het aandeel van de steun dat rechtstreeks toegekend werd aan bedrijven. Zie ook bijlage 2.")


def test_an_answer_as_drafted_has_nothing_to_collect(project):
    path = _answer(project, 7)
    before = (project / REGISTER).read_bytes()
    result = _run(project, "collect", "-q", "7")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"out/{path.name}: its answer's texts are those of the register; nothing to collect"
    assert (project / REGISTER).read_bytes() == before


def test_dry_run_shows_the_entry_and_writes_nothing(project):
    path = _answer(project, 6)
    document = docx.Document(str(path))
    _find(document, "1.").runs[-1].text += " Bedragen in euro."
    document.save(str(path))
    before = (project / REGISTER).read_bytes()
    result = _run(project, "collect", "-q", "6", "--dry-run")
    assert result.exit_code == 0, result.output
    assert (project / REGISTER).read_bytes() == before
    lines = result.stdout.splitlines()
    assert lines[0] == "question 6 (2019-2020) in data/questions.yaml would read (--dry-run: nothing written):"
    assert lines[1] == "  - zittingsjaar: 2019-2020"
    assert "          text: Hieronder de kredieten van beide jaren. Bedragen in euro." in lines


def _refused(result, project: Path, before: bytes, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)
    assert (project / REGISTER).read_bytes() == before


def test_bad_answers(project):
    four, five = _answer(project, 4), _answer(project, 5)
    before = (project / REGISTER).read_bytes()
    _refused(_run(project, "collect", "-q", "4", "--file", str(five)), project, before,
             f"out/{five.name}: this is the answer to question 2019-2020/5, not to question 4 (2019-2020)")
    letter = project / "brief.docx"
    other = docx.Document()
    other.add_paragraph("Een brief.")
    other.save(str(letter))
    _refused(_run(project, "collect", "-q", "4", "--file", str(letter)), project, before,
             "brief.docx: this is not an answer drafter made")
    four.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64)
    _refused(_run(project, "collect", "-q", "4"), project, before, "protected with a password")
    four.write_bytes(five.read_bytes()[:3000])
    _refused(_run(project, "collect", "-q", "4"), project, before, f"out/{four.name}: the document is damaged: its zip package is incomplete")
    _refused(_run(project, "collect", "-q", "6"), project, before,
             "there is no answer to question 6 (2019-2020) here to collect from", "drafter answer -q 6")


def test_a_referring_answer_has_nothing_of_its_own(project):
    result = run_cli("collect", "-q", "312", "--register", str(project / "data" / "several-ministers.yaml"),
                     "--templates", str(project / "answer_templates"), "--output", str(project / "out"))
    assert result.exit_code == 1
    assert "question 312 (2019-2020) is a referring answer: it has no texts of its own to collect" in result.stderr


def test_nothing_to_collect_after_libreoffice_saves_the_answers_or_the_data_change(project, tmp_path):
    """Saving in LibreOffice (runs, bookmarks and styles written its way) changes no text; new
    figures in the data change no text either: a figure is the same figure whatever its value."""
    from tests.conftest import need_libreoffice

    exe = need_libreoffice()
    answers = [_answer(project, n) for n in (4, 5, 7, 8)]
    import subprocess

    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"), *map(str, answers)],
                   capture_output=True, timeout=300, check=False)
    for path in answers:
        saved = tmp_path / "saved" / path.name
        assert saved.is_file(), f"LibreOffice did not save {path.name}"
        path.write_bytes(saved.read_bytes())
    shares = project / "data" / "support_by_size.csv"
    shares.write_text(shares.read_text(encoding="utf-8").replace("45", "47"), encoding="utf-8")
    before = (project / REGISTER).read_bytes()
    for number, path in zip((4, 5, 7, 8), answers):
        result = _run(project, "collect", "-q", str(number))
        assert result.exit_code == 0, result.output
        assert result.stdout.strip().endswith("nothing to collect"), result.output
        assert result.stderr == ""
    assert (project / REGISTER).read_bytes() == before


def test_a_paragraph_made_a_list_item_in_word_joins_the_list(project):
    path = _answer(project, 5)
    document = docx.Document(str(path))
    _find(document, "De bedrijfssteun omvatte").style = document.styles["Answer List Bullet"]
    document.save(str(path))
    edited = _paragraphs(path)
    result = _run(project, "collect", "-q", "5")
    assert result.exit_code == 0, result.output
    q = load_register(project / REGISTER).find(5)
    assert [(b.kind.value, b.items) for b in q.parts[1].blocks[2:]] == [
        ("bullets", ("De bedrijfssteun omvatte:", "O&O projecten", "KMO projecten", "clustersteun", "VIS"))]
    again = _run(project, "answer", "-q", "5", output="again")
    assert _paragraphs(next((project / "again").glob("*.docx"))) == edited


PLACEHOLDER = "[antwoord nog te schrijven]"


def _placeholder_entry(number: int, template: str, parts: int, layout: str) -> str:
    """A question as `drafter intake` writes it: each answer part still to write."""
    subquestions = "".join(f"      {i}: Hoe werkt cluster {i}?\n" for i in range(1, parts + 1))
    texts = "".join(f"        - number: {i}\n          text: '{PLACEHOLDER}'\n" for i in range(1, parts + 1))
    return (f"\n  - zittingsjaar: 2026-2027\n    number: {number}\n    date: 2026-11-20\n    asked_in: nl\n"
            f"    asker: LIES MAES\n    minister:\n      name: JO BROUNS\n      title: VLAAMS MINISTER VAN ECONOMIE\n"
            f"      role: Minister\n      department: Economie\n      gender: m\n    title: Clusters - Werking\n"
            f"    template: {template}\n{layout}    subquestions:\n{subquestions}    answer:\n      parts:\n{texts}")


@pytest.mark.parametrize("how", ["typed over in Word", "text set with python-docx"])
@pytest.mark.parametrize("template, layout", [
    ("algemeen.docx", ""), ("algemeen.docx", "    numbering: never\n"),
    ("tweede-kamer.docx", ""), ("kamer.docx", ""), ("hansard.docx", "")])
def test_a_placeholder_written_over_in_word_is_its_answer_part(project, template, layout, how):
    """The answer written in place of drafter's placeholder, as the guide says: the paragraph
    keeps its place and style and nothing else of what drafter wrote. Each text goes into its
    own answer part (never the preamble), whichever parts are filled in, numbered or not, and the
    next draft shows it once, in its part."""
    fills = {901: ["De clusters werken goed."],
             902: ["Cluster 1 werkt goed.", "Cluster 2 werkt matig.", "Cluster 3 werkt niet."],
             903: ["Cluster 1 werkt goed.", None, None],
             904: [None, None, "Cluster 3 werkt niet."]}
    register = project / REGISTER
    register.write_text(register.read_text(encoding="utf-8") + "".join(
        _placeholder_entry(number, template, len(texts), layout) for number, texts in fills.items()), encoding="utf-8")
    for number, texts in fills.items():
        path = _answer(project, number)
        document = docx.Document(str(path))
        for paragraph, text in zip([p for p in document.paragraphs if PLACEHOLDER in p.text], texts, strict=True):
            if text is None:
                continue
            if how == "typed over in Word":  # Word keeps the run the placeholder was in
                run = next(r for r in paragraph.runs if PLACEHOLDER in r.text)
                run.text = run.text.replace(PLACEHOLDER, text)
            else:  # python-docx: the paragraph's runs replaced by one
                paragraph.text = paragraph.text.replace(PLACEHOLDER, text)
        document.save(str(path))

        result = _run(project, "collect", "-q", str(number))
        assert result.exit_code == 0, result.output
        assert result.stderr == ""
        filled = [i for i, text in enumerate(texts, start=1) if text]
        assert result.stdout.strip() == (f"collected {', '.join(f'answer part {i}' for i in filled)} from "
                                         f"out/{path.name} into data/questions.yaml")
        q = load_register(register).find(number)
        assert q.preamble == ()
        assert [part.blocks[0].text for part in q.parts] == [text or PLACEHOLDER for text in texts]
        assert all(len(part.blocks) == 1 for part in q.parts)

        again = _run(project, "answer", "-q", str(number), output=f"again-{number}")
        assert again.exit_code == 0, again.output
        drafted = _paragraphs(next((project / f"again-{number}").glob("*.docx")))
        assert drafted == _paragraphs(path)
        for text in filter(None, texts):
            assert sum(text in p for p in drafted) == 1


def _bookmarks_into_deletions(path: Path) -> None:
    """The answer saved as LibreOffice saves it: a bookmark that starts just before a deletion
    starts inside it."""
    document = docx.Document(str(path))
    for deleted in list(document.element.body.iter(docx.oxml.ns.qn("w:del"))):
        before = deleted.getprevious()
        if before is not None and before.tag == docx.oxml.ns.qn("w:bookmarkStart"):
            deleted.insert(0, before)
    document.save(str(path))


def test_a_figure_drafter_update_changed_in_a_paragraph_is_still_the_figure(project):
    """`drafter update` puts the new figure in as a tracked change; saved by LibreOffice, the
    figure's hidden bookmark starts inside the deletion. The figure is still drafter's figure:
    nothing to collect, and nothing to say."""
    path = _answer(project, 4)
    shares = project / "data" / "support_by_size.csv"
    shares.write_text(shares.read_text(encoding="utf-8").replace("45", "47").replace("55", "53"), encoding="utf-8")
    result = _run(project, "update", "-q", "4")
    assert result.exit_code == 0, result.output
    _bookmarks_into_deletions(path)
    result = _run(project, "collect", "-q", "4")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"out/{path.name}: its answer's texts are those of the register; nothing to collect"
    assert result.stderr == ""


def test_a_table_cell_with_a_tracked_change_of_drafter_update(project):
    """`drafter update` puts a new figure into a table cell as a tracked change: accepted, the
    cell reads as the table drafted now, so there is nothing to say about it. A tracked change
    that makes the cell read otherwise is said as one still to accept or reject."""
    path = _answer(project, 6)
    budget = project / "data" / "budget.csv"
    budget.write_text(budget.read_text(encoding="utf-8").replace("clusters,2017,VAK,58000000",
                                                                 "clusters,2017,VAK,59250000"), encoding="utf-8")
    result = _run(project, "update", "-q", "6")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(path) as z:
        assert re.search(r"<w:ins [^>]*><w:r>(?:(?!</w:r>).)*<w:t>59\.250\.000</w:t>", z.read("word/document.xml").decode())

    _bookmarks_into_deletions(path)

    result = _run(project, "collect", "-q", "6")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"out/{path.name}: its answer's texts are those of the register; nothing to collect"
    assert result.stderr == ""

    # a person adds to the cell with Track Changes on, after drafter's insertion
    document = docx.Document(str(path))
    inserted = next(e for e in document.element.body.iter(docx.oxml.ns.qn("w:ins"))
                    if "59.250.000" in "".join(e.itertext()))
    inserted.addnext(docx.oxml.parse_xml(
        '<w:ins xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:id="901" w:author="Kabinet" '
        'w:date="2026-12-07T10:00:00Z"><w:r><w:t xml:space="preserve"> (voorlopig)</w:t></w:r></w:ins>'))
    document.save(str(path))
    result = _run(project, "collect", "-q", "6")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(
        rf"warning: out/{re.escape(path.name)}, table 1, row \d, column \d: this cell holds a tracked change still to "
        r"accept or reject; accepted, it reads '59\.250\.000 \(voorlopig\)' where the table drafted now reads "
        r"'59\.250\.000': collect keeps the tables as the register defines them\. Accept or reject the change in "
        r"Word; change the data or the table in the register if the table should read otherwise\.\n",
        result.stderr), result.stderr

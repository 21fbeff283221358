"""`drafter bundle`: the example answers joined into one document for signature, read back
paragraph by paragraph and rendered by LibreOffice: a first page listing them, then each answer
from a new page, its pages and footnotes all there. Bad input: one message, exit 1, nothing written."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.load.register import load_register
from tests.conftest import files_in, pdf_text, render_pdfs, run_cli, run_in, validate_docx

#: The Flemish examples (4-8) and the Belgian Chamber's (10): A4 answers in three layouts, with
#: tables, notes in parentheses, raised and as footnotes, numbered and bulleted lists.
NUMBERS = "4-8,10"
COUNT = 6


def _run(project: Path, *args: str):
    return run_cli(*args, "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), "--output", str(project / "out"))


def _bundle(project: Path, *args: str):
    return run_cli("bundle", *args, "--register", str(project / "data" / "questions.yaml"),
                   "--output", str(project / "out"))


@pytest.fixture
def answers(project) -> list[Path]:
    result = _run(project, "batch", "--question", NUMBERS, "--jobs", "1")
    assert result.exit_code == 0, result.output
    made = sorted(project.glob("out/*.docx"), key=lambda p: int(re.search(r"-(?:vraag|question)-(\d+)-", p.name)[1]))
    assert len(made) == COUNT
    return made


def _paragraphs(path: Path) -> list[str]:
    return [" ".join(p.text.split()) for p in docx.Document(str(path)).paragraphs]


def _footnote_calls(path: Path) -> int:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8").count("<w:footnoteReference ")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def test_the_examples_in_one_document_for_signature(project, answers, tmp_path):
    result = _bundle(project, "--question", NUMBERS)
    assert result.exit_code == 0, result.output
    bundle = project / "out" / "ter-ondertekening" / "ter-ondertekening.docx"
    assert result.stdout.splitlines()[0] == f"wrote out/ter-ondertekening/ter-ondertekening.docx: {COUNT} answer(s) for signature"
    validate_docx(bundle)
    document = docx.Document(str(bundle))
    # the first page: its title, how many, and a row per answer (number, asker, title)
    assert _paragraphs(bundle)[:2] == ["Antwoorden ter ondertekening", f"{COUNT} antwoorden"]
    cover = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert cover[0] == ["Vraag", "Vraagsteller", "Titel"]
    register = load_register(project / "data" / "questions.yaml")
    assert cover[1:] == [[f"{n} (2019-2020)", "N.N.", register.find(n, "2019-2020").title] for n in (4, 5, 6, 7, 8, 10)]
    # then every answer, paragraph by paragraph as it was alone, and every footnote
    joined = [text for path in answers for text in _paragraphs(path)]
    assert _paragraphs(bundle)[3:] == joined  # after the title, the count and the paragraph under the table
    assert _footnote_calls(bundle) == sum(_footnote_calls(a) for a in answers) > 0
    assert len(document.tables) == 1 + sum(len(docx.Document(str(a)).tables) for a in answers)
    # LibreOffice: the first page, then each answer from a new page, as many pages as the answers alone
    render_pdfs([bundle, *answers], tmp_path)
    pdfs = [tmp_path / (p.stem + ".pdf") for p in (bundle, *answers)]
    assert all(p.exists() for p in pdfs)
    assert _pages(pdfs[0]) == 1 + sum(_pages(p) for p in pdfs[1:])
    text = pdf_text(pdfs[0])
    pages = text.split("\f")
    assert "Antwoorden ter ondertekening" in pages[0]
    first_pages = [1 + sum(_pages(p) for p in pdfs[1:i + 1]) for i in range(COUNT)]
    for start, answer_pdf in zip(first_pages, pdfs[1:]):  # each answer's first page is a page of its own
        assert " ".join(pages[start].split()) == " ".join(pdf_text(answer_pdf).split("\f")[0].split())


def test_the_answers_of_a_day(project, answers):
    register = project / "data" / "questions.yaml"
    text = register.read_text(encoding="utf-8")
    for number in (5, 8):
        text, n = re.subn(rf"(  - zittingsjaar: 2019-2020\n    number: {number}\n    date: null\n)",
                          r"\g<1>    answered: 2024-03-12\n", text)
        assert n == 1
    register.write_text(text, encoding="utf-8")
    result = _bundle(project, "--date", "2024-03-12")
    assert result.exit_code == 0, result.output
    bundle = project / "out" / "ter-ondertekening" / "ter-ondertekening-2024-03-12.docx"
    assert _paragraphs(bundle)[:2] == ["Antwoorden ter ondertekening", "12 maart 2024: 2 antwoorden"]
    cover = [[c.text for c in row.cells] for row in docx.Document(str(bundle)).tables[0].rows]
    assert [row[0] for row in cover[1:]] == ["5 (2019-2020)", "8 (2019-2020)"]
    again = _bundle(project, "--date", "2024-03-12")  # never over the first: a person may have annotated it
    assert again.exit_code == 0
    assert (project / "out" / "ter-ondertekening" / "ter-ondertekening-2024-03-12-2.docx").is_file()


def _refused(result, project: Path, *needles: str) -> None:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in result.stderr, (needle, result.stderr)
    assert not (project / "out" / "ter-ondertekening").exists() or files_in(project / "out" / "ter-ondertekening") == []


def test_a_document_drafter_did_not_make(project, answers):
    other = docx.Document()
    other.add_paragraph("Een brief.")
    other.save(str(answers[1]))
    _refused(_bundle(project, "--question", NUMBERS), project, answers[1].name,
             "this is not an answer drafter made, so it is not joined")


def test_answers_on_different_paper(project, answers):
    letter = docx.Document(str(answers[2]))
    for section in letter.sections:
        section.page_width, section.page_height = docx.shared.Inches(8.5), docx.shared.Inches(11)
    letter.save(str(answers[2]))
    _refused(_bundle(project, "--question", NUMBERS), project, answers[2].name,
             "its pages are 21,6 x 27,9 cm", "21,0 x 29,7 cm: answers on different paper cannot be printed as one")


def test_a_damaged_answer_and_an_unknown_number(project, answers):
    answers[0].write_bytes(answers[0].read_bytes()[:2000])
    _refused(_bundle(project, "--question", NUMBERS), project, answers[0].name, "the document is damaged: its zip package is incomplete")
    _refused(_bundle(project, "--question", "4,99"), project, "there is no question 99 in the register")


def test_a_question_without_its_answer(project, answers):
    answers[3].unlink()
    _refused(_bundle(project, "--question", NUMBERS), project, answers[3].name,
             "question 7 (2019-2020) has no answer in the output folder", "drafter answer -q 7")


def test_never_over_a_file_named_with_to(project, answers):
    target = project / "handtekening.docx"
    target.write_bytes(b"a person's file")
    result = _bundle(project, "--question", "4", "--to", str(target))
    assert result.exit_code == 1 and "the file exists already" in result.stderr
    assert target.read_bytes() == b"a person's file"


def _comment(answer: Path, paragraph: int, text: str, author: str) -> str:
    """A comment on a paragraph's first run, as Word saves it; the paragraph's text."""
    document = docx.Document(str(answer))
    on = document.paragraphs[paragraph]
    document.add_comment(on.runs[0], text=text, author=author, initials=author[0])
    if "CommentReference" not in {s.style_id for s in document.styles}:  # Word defines the style it uses
        from docx.enum.style import WD_STYLE_TYPE

        document.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER).style_id = "CommentReference"
    document.save(str(answer))
    validate_docx(answer)  # the answer as Word saves it is valid
    return " ".join(on.text.split())


def _comments_read_back(bundle: Path) -> list[tuple[str, str, str]]:
    """Each comment of the bundle: its author, its text and the text of the paragraph its mark is in."""
    document = docx.Document(str(bundle))
    on = {}
    for paragraph in document.paragraphs:
        for ref in paragraph._p.xpath(".//w:commentReference"):
            on[ref.get(docx.oxml.ns.qn("w:id"))] = " ".join(paragraph.text.split())
    return sorted((c.author, c.text, on.get(str(c.comment_id), "")) for c in document.comments)


def test_an_answer_with_a_comment_of_the_cabinet_gives_a_valid_bundle(project, answers, tmp_path):
    """The second answer has the comment: the first one's parts are the bundle's own."""
    commented = _comment(answers[1], 4, "Graag nakijken", "Kabinet")
    result = _bundle(project, "--question", "4,5")
    assert result.exit_code == 0, result.output
    bundle = project / "out" / "ter-ondertekening" / "ter-ondertekening.docx"
    validate_docx(bundle)
    assert _comments_read_back(bundle) == [("Kabinet", "Graag nakijken", commented)]
    render_pdfs([bundle], tmp_path)  # LibreOffice opens it: the commented paragraph is printed
    assert commented[:40] in " ".join(pdf_text(tmp_path / "ter-ondertekening.pdf").split())


def test_comments_of_several_answers_keep_their_own_place(project, answers):
    """Both answers number their comment 0: in the bundle each keeps its own text and paragraph."""
    first = _comment(answers[0], 3, "Cijfers van 2019?", "Administratie")
    second = _comment(answers[1], 4, "Graag nakijken", "Kabinet")
    result = _bundle(project, "--question", "4,5")
    assert result.exit_code == 0, result.output
    assert "left out" not in result.output
    bundle = project / "out" / "ter-ondertekening" / "ter-ondertekening.docx"
    validate_docx(bundle)
    assert _comments_read_back(bundle) == [("Administratie", "Cijfers van 2019?", first),
                                           ("Kabinet", "Graag nakijken", second)]
    with zipfile.ZipFile(bundle) as z:
        ids = re.findall(r'<w:comment [^>]*w:id="(\d+)"', z.read("word/comments.xml").decode("utf-8"))
    assert sorted(ids) == ["0", "1"]


def _move_into_a_footnote(answer: Path, comment_id: str) -> None:
    """A comment's marks moved from the text into the answer's first footnote (as a person who
    comments on a footnote in Word has them)."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(answer) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    body, notes = etree.fromstring(parts["word/document.xml"]), etree.fromstring(parts["word/footnotes.xml"])
    note = next(n for n in notes.iter(f"{w}footnote") if int(n.get(f"{w}id")) > 0).find(f"{w}p")
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        mark = next(m for m in body.iter(f"{w}{tag}") if m.get(f"{w}id") == comment_id)
        run = mark.getparent() if tag == "commentReference" else mark
        run.getparent().remove(run)
        note.append(run)
    parts["word/document.xml"], parts["word/footnotes.xml"] = etree.tostring(body), etree.tostring(notes)
    with zipfile.ZipFile(answer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    validate_docx(answer)


def test_a_comment_on_a_footnote_is_left_out_and_said(project, answers):
    """The comments of notes are not carried: the bundle says which answer has how many, and its
    notes keep no mark that would name another comment."""
    on_text = _comment(answers[0], 3, "Cijfers van 2019?", "Administratie")
    _comment(answers[4], 3, "Bron?", "Kabinet")
    _move_into_a_footnote(answers[4], "0")
    result = _bundle(project, "--question", "4,8")
    assert result.exit_code == 0, result.output
    assert f"{answers[4].name}: 1 comment of this answer is in a footnote or a header" in result.stderr, result.stderr
    bundle = project / "out" / "ter-ondertekening" / "ter-ondertekening.docx"
    validate_docx(bundle)
    assert _comments_read_back(bundle) == [("Administratie", "Cijfers van 2019?", on_text)]
    with zipfile.ZipFile(bundle) as z:
        assert "comment" not in z.read("word/footnotes.xml").decode("utf-8")


def _mark_done(answer: Path, para_id: str, done: bool) -> None:
    """Word's later part about comments (commentsExtended: whether a comment is done), as Word
    writes it beside comments.xml: keyed by the id of the comment's paragraph."""
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    with zipfile.ZipFile(answer) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    comments = parts["word/comments.xml"].decode("utf-8")
    if f'xmlns:w14="{w14}"' not in comments:
        comments = comments.replace("<w:comments ", f'<w:comments xmlns:w14="{w14}" ', 1)
    comments = re.sub(r"<w:p(?=[ >])", f'<w:p w14:paraId="{para_id}" w14:textId="77777777"', comments, count=1)
    parts["word/comments.xml"] = comments.encode("utf-8")
    parts["word/commentsExtended.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w15:commentsEx xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w15">'
        f'<w15:commentEx w15:paraId="{para_id}" w15:done="{int(done)}"/></w15:commentsEx>').encode("utf-8")
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdDone" Type="http://schemas.microsoft.com/office/2011/relationships/'
        b'commentsExtended" Target="commentsExtended.xml"/></Relationships>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.commentsExtended+xml"/></Types>')
    with zipfile.ZipFile(answer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    validate_docx(answer)


@pytest.mark.parametrize("first_has_it", [True, False], ids=["both", "second only"])
def test_whether_a_comment_is_done_goes_with_it(project, answers, first_has_it):
    """Word keeps whether a comment is done in a part of its own: in the bundle each comment
    keeps its own, the first answer's as well as the second's (whose part the bundle, made
    from the first answer's parts, may not have had)."""
    _comment(answers[0], 3, "Cijfers van 2019?", "Administratie")
    if first_has_it:
        _mark_done(answers[0], "1A2B3C4D", True)
    _comment(answers[1], 4, "Graag nakijken", "Kabinet")
    _mark_done(answers[1], "5E6F7A8B", False)
    result = _bundle(project, "--question", "4,5")
    assert result.exit_code == 0, result.output
    bundle = project / "out" / "ter-ondertekening" / "ter-ondertekening.docx"
    validate_docx(bundle)
    with zipfile.ZipFile(bundle) as z:
        done = dict(re.findall(r'w15:paraId="(\w+)" w15:done="(\d)"', z.read("word/commentsExtended.xml").decode()))
        comments = z.read("word/comments.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert done == ({"1A2B3C4D": "1"} if first_has_it else {}) | {"5E6F7A8B": "0"}
    assert re.findall(r'w14:paraId="(\w+)"', comments) == ["1A2B3C4D"] * first_has_it + ["5E6F7A8B"]
    assert rels.count("relationships/commentsExtended") == 1


def test_a_state_as_status_shows_it_in_the_language_in_use(project):
    drafted = _run(project, "answer", "-q", "4")
    assert drafted.exit_code == 0, drafted.output
    listed = run_in(project, "status", "--lang", "nl")
    shown = next(line for line in listed.stdout.splitlines() if "  4  " in line).split()
    assert "ontwerp" in shown and "geen" not in shown  # the word status shows: a draft with gaps left
    wrong = _bundle(project, "--lang", "nl", "--state", "afgewerkt")
    _refused(wrong, project)
    assert "De standen zijn: geen ontwerp, ontwerp, bewerkt, cijfers nakijken, bijgehouden wijzigingen, klaar, verzonden, fout." in wrong.stderr
    dutch = _bundle(project, "--lang", "nl", "--state", "ontwerp")
    assert dutch.exit_code == 0, dutch.output
    assert dutch.stdout.splitlines()[0].endswith("1 antwoord(en) ter ondertekening")
    english = _bundle(project, "--lang", "nl", "--state", "draft")  # the English name, always
    assert english.exit_code == 0, english.output

"""The question document as the parliament publishes it or the cabinet mails it.

A .docx (read with python-docx), a .pdf (its text layer, read with pypdf) or a .txt, in the
official layout::

    SCHRIFTELIJKE VRAAG
    nr. 147
    van JAN PEETERS
    datum: 26 februari 2024
    aan JO BROUNS
    VLAAMS MINISTER VAN ECONOMIE, INNOVATIE, WERK, SOCIALE ECONOMIE EN LANDBOUW

    Clusterbeleid - Evaluatie

    The introduction, one or more paragraphs.

    1. The first sub-question?
    2. The second?

A published question may go on with the minister's answer (from a line ``ANTWOORD``): that
part is not read.

The header may also run on one line ("SCHRIFTELIJKE VRAAG nr. 147 van JAN PEETERS"), and the
minister's name and title may be separated by a comma ("aan Jo Brouns, Vlaams minister van
..."). Texts are kept verbatim; only line breaks inside a paragraph become spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.files import stat_file
from drafter.intake.question import NewQuestion, check_zittingsjaar, parse_date, zittingsjaar_of
from drafter.load.register import UNKNOWN_PERSON

#: A question document is a few pages; larger files are refused before they are read.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
SUFFIXES = (".docx", ".pdf", ".txt")

HEADING = re.compile(r"\bschriftelijke\s+vraag\b", re.IGNORECASE)
HEADER = re.compile(
    r"schriftelijke\s+vraag\s*(?:nr\.?|nummer|n°)?\s*(?P<number>\d+)?\s+van\s+(?P<asker>.+?)\s+"
    r"datum\s*:?\s*(?P<date>.+?)\s+aan\s+(?P<minister>.+)$",
    re.IGNORECASE | re.DOTALL,
)
TO_MINISTER = re.compile(r"(?:^|\s)aan\s+\S", re.IGNORECASE)
SESSION = re.compile(r"zittingsjaar\s*:?\s*(\d{4}\s*-\s*\d{4})", re.IGNORECASE)
NUMBERED = re.compile(r"^(\d{1,2})\s*[.)]\s+(.*)$", re.DOTALL)
#: Where a published question's answer starts (the parliament publishes both in one document).
ANSWER_HEADING = "ANTWOORD"
PAGE_NUMBER = re.compile(r"^[-\s]*\d{1,3}[-\s]*$")


@dataclass(frozen=True)
class Line:
    text: str
    place: str  # "paragraph 3", "line 12", "page 1"
    block: int  # lines of one paragraph share a block


def read_question_document(path: Path, shown: str | None = None) -> NewQuestion:
    """Read a question document; every way it can be wrong is a DataError naming the file
    (or `shown`: the URL it was downloaded from)."""
    shown = shown or display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(f"drafter cannot read {suffix or 'files without an extension'} as a question",
                        file=shown, hint="Give the parliament's record (.json, an id or its URL), or the "
                        "question document as .docx, .pdf or .txt.")
    st = stat_file(path, what="question document")
    if st.st_size > MAX_DOCUMENT_BYTES:
        raise DataError(f"the file is {st.st_size // (1024 * 1024)} MB; a question document is a few pages",
                        file=shown, hint="Check that this is the question document.")
    data = path.read_bytes()
    lines = {".docx": _docx_lines, ".pdf": _pdf_lines, ".txt": _txt_lines}[suffix](data, shown)
    return parse_question(lines, shown)


def _docx_lines(data: bytes, shown: str) -> list[Line]:
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DataError(f"this is not a Word document that can be read ({exc})", file=shown,
                        hint="Open it in Word and save it again as .docx, or save it as .txt.") from exc
    lines = []
    for n, paragraph in enumerate(document.paragraphs, start=1):
        for text in paragraph.text.splitlines():
            if text.strip():
                lines.append(Line(text.strip(), f"paragraph {n}", n))
    return lines


def _pdf_lines(data: bytes, shown: str) -> list[Line]:
    import io

    import pypdf
    from pypdf.errors import PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DataError("the PDF is protected with a password", file=shown,
                            hint="Save it without protection, or give the .docx or .txt version.")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except DataError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DataError(f"this is not a PDF that can be read ({type(exc).__name__.replace('Error', ' error')})",
                        file=shown, hint="Download the question document again, or give its .docx or .txt "
                        "version.") from exc
    lines, block = [], 0
    for page_number, text in enumerate(pages, start=1):
        block += 1
        for raw in text.splitlines():
            stripped = raw.strip()
            if not stripped:
                block += 1
            elif not PAGE_NUMBER.match(stripped):
                lines.append(Line(" ".join(stripped.split()), f"page {page_number}", block))
    if not lines:
        raise DataError("the PDF has no text layer (it is a scan or an image)", file=shown,
                        hint="Give the .docx or .txt version of the question, or a PDF with text.")
    return lines


def _txt_lines(data: bytes, shown: str) -> list[Line]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines, block = [], 0
    for n, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            lines.append(Line(raw.strip(), f"line {n}", block))
        else:
            block += 1
    return lines


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _paragraphs(lines: list[Line]) -> list[tuple[str, str]]:
    """Lines joined into paragraphs (a block, or a numbered line starts a new one), with the place."""
    out: list[tuple[list[str], str]] = []
    block = None
    for line in lines:
        if line.block != block or NUMBERED.match(line.text):
            out.append(([line.text], line.place))
            block = line.block
        else:
            out[-1][0].append(line.text)
    return [(" ".join(texts), place) for texts, place in out]


def parse_question(lines: list[Line], shown: str) -> NewQuestion:
    """The fields of a question from its document's lines, in the official layout."""
    start = next((i for i, line in enumerate(lines) if HEADING.search(line.text)), None)
    if start is None:
        raise DataError("this is not a written question: it has no heading 'SCHRIFTELIJKE VRAAG'", file=shown,
                        hint="Give the question document of a written question (schriftelijke vraag).")
    seen_date = False
    to = None
    for i in range(start, len(lines)):
        if re.search(r"\bdatum\b", lines[i].text, re.IGNORECASE):
            seen_date = True
        if seen_date and TO_MINISTER.search(lines[i].text):
            to = i
            break
    header_place = lines[start].place
    header = " ".join(line.text for line in lines[start:(to + 1 if to is not None else len(lines))])
    m = HEADER.search(header) if to is not None else None
    if m is None:
        raise DataError("the header of the question cannot be read", file=shown, place=header_place,
                        hint="It must read 'SCHRIFTELIJKE VRAAG nr. <number> van <member> datum: <date> aan "
                        "<minister>', as the parliament writes it.")
    if m.group("number") is None:
        raise DataError("the question has no number ('nr. ...')", file=shown, place=header_place,
                        hint="Give the question document as the parliament sent it, with its number.")
    date_place = next((line.place for line in lines[start:to + 1] if re.search(r"\bdatum\b", line.text, re.I)),
                      header_place)
    date = parse_date(m.group("date"), shown, date_place)
    session = SESSION.search(" ".join(line.text for line in lines[:to + 1]))
    zittingsjaar = (check_zittingsjaar(re.sub(r"\s", "", session.group(1)), shown, header_place)
                    if session else zittingsjaar_of(date))

    minister = m.group("minister").strip()
    k = to + 1
    title_lines = []
    while k < len(lines) and _all_capitals(lines[k].text):
        title_lines.append(lines[k].text)
        k += 1
    if "," in minister:
        name, _, first = minister.partition(",")
        title_lines.insert(0, first.strip())
    else:
        name = minister
    minister_title = " ".join(t for t in title_lines if t) or UNKNOWN_PERSON

    rest = lines[k:]
    answer = next((i for i, line in enumerate(rest) if line.text == ANSWER_HEADING), None)
    if answer is not None:  # a published question: the minister's answer follows; it is not the question
        end = answer
        while end and _all_capitals(rest[end - 1].text):  # the answer's header: the minister's name and title
            end -= 1
        rest = rest[:end]
    title = UNKNOWN_PERSON
    if rest:
        block = rest[0].block
        title = " ".join(line.text for line in rest if line.block == block)
        rest = [line for line in rest if line.block != block]
    introduction: list[str] = []
    # each sub-question's pieces, joined once at the end: a text that adds stray numbered lines
    # to a sub-question (a million "1. ...") takes time in proportion to its length, not its square
    pieces: dict[int, list[str]] = {}
    for text, _place in _paragraphs(rest):
        numbered = NUMBERED.match(text)
        if numbered and int(numbered.group(1)) == len(pieces) + 1:
            pieces[int(numbered.group(1))] = [numbered.group(2).strip()]
        elif pieces:
            pieces[len(pieces)].append(text)
        else:
            introduction.append(text)
    subquestions = {number: " ".join(texts) for number, texts in pieces.items()}
    return NewQuestion(
        source=shown,
        zittingsjaar=zittingsjaar,
        number=int(m.group("number")),
        date=date,
        asker=" ".join(m.group("asker").split()) or UNKNOWN_PERSON,
        minister_name=" ".join(name.split()) or UNKNOWN_PERSON,
        minister_title=minister_title,
        title=title,
        introduction=tuple(introduction),
        subquestions=subquestions,
    )

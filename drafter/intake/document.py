"""The question document as the parliament publishes it or the cabinet mails it.

A .docx (its paragraphs, read with drafter's XML layer), a .pdf (its text layer, read with
pypdf) or a .txt, in the official layout::

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

Paragraphs are separated by blank lines (in a .docx: each is a paragraph). Text copied from
a PDF has none: one line per printed line, in a .txt or pasted into Word a paragraph per
line. Such a document is read as printed lines: a numbered line starts a sub-question, and a
line ends its paragraph when the next line's first word would have fitted on it (a line
that was wrapped ends only where the next word no longer fitted). So the title is the first
line, or the first lines while each is full, never the introduction with it.

The document comes from outside: it is read within limits (`MAX_DOCUMENT_BYTES`, a .docx
unpacked to at most `MAX_UNPACKED_BYTES`, at most `MAX_PAGES` pages and `MAX_LINES` lines),
its XML without DTDs or entities, and every way it can be wrong is a message with its place.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.files import read_bytes
from drafter import places
from drafter.i18n import _
from drafter.intake.question import NewQuestion, check_zittingsjaar, parse_date, zittingsjaar_of
from drafter.load.register import UNKNOWN_PERSON
from drafter.oxml import XMLSyntaxError, opc, parse
from drafter.oxml import paragraph as paragraphs

#: A question document is a few pages; larger files are refused before they are read.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
#: What a question's .docx may unpack to: its text, styles and a logo are far less.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_PAGES = 200
#: A question of a few pages has a few hundred lines; a text of many thousands is no question.
MAX_LINES = 20_000
#: The header (from 'SCHRIFTELIJKE VRAAG' to 'aan <minister>') takes a few lines.
HEADER_LINES = 20
SUFFIXES = (".docx", ".pdf", ".txt")

HEADING = re.compile(r"\bschriftelijke\s+vraag\b", re.IGNORECASE)
HEADER = re.compile(
    r"schriftelijke\s+vraag\s*(?:nr\.?|nummer|n°)?\s*(?P<number>\d+)?\s+van\s+(?P<asker>.+?)\s+"
    r"(?:datum\s*:?\s*(?P<date>.+?)\s+)?aan\s+(?P<minister>.+)$",
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
    """Read a question document; every way it can be wrong is a DataError naming the file."""
    shown = shown or display_path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DataError(_("drafter cannot read {kind} as a question").format(
            kind=suffix or _("files without an extension")), file=shown,
            hint=_("Give the parliament's record (.json, an id or its URL), or the question document as .docx, .pdf "
                   "or .txt."))
    data = read_bytes(path, MAX_DOCUMENT_BYTES, what=_("question document"),
                        too_large_hint=_("A question document is a few pages; check that this is the question document."))
    return read_question_bytes(data, suffix, shown)


def read_question_bytes(data: bytes, suffix: str, shown: str) -> NewQuestion:
    """A question document's bytes (.docx, .pdf or .txt, as `suffix` says) read as a question;
    `shown` names it in messages (a file, or the URL it was downloaded from)."""
    lines = {".docx": _docx_lines, ".pdf": _pdf_lines, ".txt": _txt_lines}[suffix](data, shown)
    if len(lines) > MAX_LINES:
        raise DataError(_("the document has {count} lines of text; a question document has a few hundred").format(
            count=len(lines)), file=shown, hint=_("Check that this is the question document."))
    return parse_question(lines, shown, printed=suffix != ".docx")


def _docx_lines(data: bytes, shown: str) -> list[Line]:
    not_word = _("this is not a Word document that can be read ({reason})")
    hint = _("Open it in Word and save it again as .docx, or save it as .txt.")
    try:
        parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED_BYTES, what=_("a question document"))
    except opc.NotAZip as exc:
        raise DataError(not_word.format(reason=_("it is no zip package: damaged, cut short or another kind of file")),
                        file=shown, hint=hint) from exc
    except opc.Damaged as exc:
        raise DataError(not_word.format(reason=_("a part of it is damaged or cut short")), file=shown,
                        hint=hint) from exc
    except opc.PackageError as exc:
        raise DataError(not_word.format(reason=exc.message), file=shown,
                        place=_("part {part}").format(part=exc.part) if exc.part else None, hint=hint) from exc
    main = parts.get(opc.MAIN_DOCUMENT)
    if main is None:
        raise DataError(not_word.format(reason=_("it has no {part}").format(part=opc.MAIN_DOCUMENT)), file=shown,
                        hint=hint)
    problems = opc.word_document_problems({opc.MAIN_DOCUMENT: main})
    if problems:
        part, why = problems[0]
        raise DataError(not_word.format(reason=why), file=shown, place=_("part {part}").format(part=part), hint=hint)
    try:
        root = parse(main)
    except XMLSyntaxError as exc:  # word_document_problems parsed it already; a parser limit may still differ
        raise DataError(not_word.format(reason=exc.msg), file=shown,
                        place=_("part {part}").format(part=opc.MAIN_DOCUMENT), hint=hint) from exc
    lines = []
    for n, paragraph in enumerate(paragraphs.in_body(root), start=1):
        for text in paragraphs.lines_of(paragraph):
            if text.strip():
                lines.append(Line(text.strip(), places.paragraph(n), n))
    return lines


def _pdf_lines(data: bytes, shown: str) -> list[Line]:
    import pypdf
    from pypdf.errors import PyPdfError

    unreadable = _("this is not a PDF that can be read ({reason})")
    hint = _("Download the question document again, or give its .docx or .txt version.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DataError(_("the PDF is protected with a password"), file=shown,
                            hint=_("Save it without protection, or give the .docx or .txt version."))
        if len(reader.pages) > MAX_PAGES:
            raise DataError(_("the PDF has {count} pages; a question document has a few").format(
                count=len(reader.pages)), file=shown, hint=_("Check that this is the question document."))
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except DataError:
        raise
    except RecursionError as exc:  # objects nested without end
        raise DataError(unreadable.format(reason=_("its objects are nested too deeply")), file=shown,
                        hint=hint) from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, AttributeError, IndexError, ZeroDivisionError,
            OverflowError) as exc:  # what pypdf lets through from a damaged file
        raise DataError(unreadable.format(reason=_("it is damaged or cut short")), file=shown, hint=hint) from exc
    lines, block = [], 0
    for page_number, text in enumerate(pages, start=1):
        block += 1
        for raw in text.splitlines():
            stripped = raw.strip()
            if not stripped:
                block += 1
            elif not PAGE_NUMBER.match(stripped):
                lines.append(Line(" ".join(stripped.split()), places.page(page_number), block))
    if not lines:
        raise DataError(_("the PDF has no text layer (it is a scan or an image)"), file=shown,
                        hint=_("Give the .docx or .txt version of the question, or a PDF with text."))
    return lines


def _txt_lines(data: bytes, shown: str) -> list[Line]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines, block = [], 0
    for n, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            lines.append(Line(raw.strip(), places.line(n), block))
        else:
            block += 1
    return lines


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0] if text.strip() else ""


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _as_printed(lines: list[Line], printed: bool) -> bool:
    """Whether the body's lines are printed lines (text copied from a PDF) rather than paragraphs:
    a .txt or .pdf without blank lines; a .docx whose paragraphs often go on with a small
    letter (a line of a PDF pasted into Word, a paragraph each)."""
    if len(lines) < 2:
        return False
    if printed:
        return len({line.block for line in lines}) == 1
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if not NUMBERED.match(b.text)]
    return len(pairs) >= 2 and 3 * sum(_starts_lower(b.text) for _a, b in pairs) >= len(pairs)


def _paragraphs(lines: list[Line], printed: bool, title_printed: bool) -> list[tuple[list[str], str]]:
    """Lines joined into paragraphs, with the place of each paragraph's first line. A numbered
    line starts a new one; otherwise a new block does, or (printed lines) a line after a line
    the new line's first word would have fitted on. `title_printed`: the first paragraph's
    lines are printed lines, even where the others are separated by blank lines."""
    out: list[tuple[list[str], str]] = []
    width = max((len(line.text) for line in lines), default=0)
    slack = max(2, width // 10)  # letters differ in width in a PDF: a tenth of a line's letters
    previous = None
    for line in lines:
        if previous is None or NUMBERED.match(line.text):
            new = True
        elif printed or (title_printed and len(out) == 1 and line.block == previous.block):
            new = len(previous.text) + 1 + len(_first_word(line.text)) <= width - slack or (
                len(out) == 1 and line.text[:1].isupper())  # a title goes on in small letters, or fills its line
        else:
            new = line.block != previous.block
        if new:
            out.append(([line.text], line.place))
        else:
            out[-1][0].append(line.text)
        previous = line
    return out


def _header_end(lines: list[Line], start: int) -> int | None:
    """The line with 'aan <minister>' after the date (or, in a header without a date, after
    'van <member>'): the header's last."""
    end = min(len(lines), start + HEADER_LINES)
    dated = any(re.search(r"\bdatum\b", lines[i].text, re.IGNORECASE) for i in range(start, end))
    before = re.compile(r"\bdatum\b" if dated else r"(?:^|\s)van\s", re.IGNORECASE)
    seen = False
    for i in range(start, end):
        text = lines[i].text
        found = before.search(text)
        if found:
            seen, text = True, text[found.end():]  # 'aan' counts after it, on the same line too
        if seen and TO_MINISTER.search(text):
            return i
    return None


def parse_question(lines: list[Line], shown: str, printed: bool = False) -> NewQuestion:
    """The fields of a question from its document's lines, in the official layout. `printed`:
    the lines are printed lines (a .txt or a PDF), which blank lines separate into paragraphs
    when the document has them."""
    start = next((i for i, line in enumerate(lines) if HEADING.search(line.text)), None)
    if start is None:
        raise DataError(_("this is not a written question: it has no heading 'SCHRIFTELIJKE VRAAG'"), file=shown,
                        hint=_("Give the question document of a written question (schriftelijke vraag)."))
    to = _header_end(lines, start)
    header_place = lines[start].place
    m = HEADER.search(" ".join(line.text for line in lines[start:to + 1])) if to is not None else None
    if m is None:
        raise DataError(_("the header of the question cannot be read"), file=shown, place=header_place,
                        hint=_("It must read 'SCHRIFTELIJKE VRAAG nr. <number> van <member> datum: <date> aan "
                               "<minister>', as the parliament writes it (the date may be left out)."))
    if m.group("number") is None:
        raise DataError(_("the question has no number ('nr. ...')"), file=shown, place=header_place,
                        hint=_("Give the question document as the parliament sent it, with its number."))
    number = int(m.group("number")) if m.group("number").isascii() and len(m.group("number")) <= 6 else 0
    if not number:
        raise DataError(_("the question number {number} cannot be read").format(number=repr(m.group("number"))),
                        file=shown, place=header_place,
                        hint=_("A written question has a whole number from 1 (the digits 0-9)."))
    date_place = next((line.place for line in lines[start:to + 1] if re.search(r"\bdatum\b", line.text, re.I)),
                      header_place)
    # a header without a date: the question is taken in with its date unknown (N.N.'s way for a date)
    date = parse_date(m.group("date"), shown, date_place) if m.group("date") is not None else None
    session = SESSION.search(" ".join(line.text for line in lines[max(0, start - HEADER_LINES):to + 1]))
    zittingsjaar = (check_zittingsjaar(re.sub(r"\s", "", session.group(1)), shown, header_place)
                    if session else zittingsjaar_of(date) if date is not None else None)

    minister = m.group("minister").strip()
    k = to + 1
    title_lines = []
    while k < len(lines) and _all_capitals(lines[k].text):
        title_lines.append(lines[k].text)
        k += 1
    if "," in minister:
        name, _comma, first = minister.partition(",")
        title_lines.insert(0, first.strip())
    else:
        name = minister
    minister_title = " ".join(t for t in title_lines if t) or UNKNOWN_PERSON

    rest = lines[k:]
    answer = next((i for i, line in enumerate(rest) if line.text == ANSWER_HEADING), None)
    if answer is not None:  # a published question: the minister's answer follows; it is not the question
        rest = rest[:answer]
        while rest and _all_capitals(rest[-1].text):  # the answer's header: the minister's name and title
            rest = rest[:-1]
    found = _paragraphs(rest, _as_printed(rest, printed), title_printed=printed)
    title = " ".join(found[0][0]) if found and not NUMBERED.match(found[0][0][0]) else UNKNOWN_PERSON
    body = found[1:] if title != UNKNOWN_PERSON else found
    introduction: list[str] = []
    subquestions: dict[int, list[str]] = {}
    for texts, _place in body:
        numbered = NUMBERED.match(texts[0])
        if numbered and int(numbered.group(1)) == len(subquestions) + 1:
            subquestions[int(numbered.group(1))] = [numbered.group(2).strip()] + texts[1:]
        elif subquestions:
            subquestions[len(subquestions)].extend(texts)
        else:
            introduction.append(" ".join(texts))
    return NewQuestion(
        source=shown,
        zittingsjaar=zittingsjaar,
        number=number,
        date=date,
        asker=" ".join(m.group("asker").split()) or UNKNOWN_PERSON,
        minister_name=" ".join(name.split()) or UNKNOWN_PERSON,
        minister_title=minister_title,
        title=title,
        introduction=tuple(introduction),
        subquestions={n: " ".join(texts) for n, texts in subquestions.items()},
    )

"""The corpus of bad inputs: each case breaks one thing in a copy of the project.

For every case, `drafter answer` must refuse with exit code 1, a message that names the
right file and place and says what is wrong, no traceback, and no file written; and
`drafter check` must report the same problem (in text and in JSON), with exit code 1 and
nothing written. Hostile cases must also be refused within seconds.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from . import breakage as b
from .conftest import files_in, run_cli, run_in
from .hostile.helpers import no_python_in

#: How long a refusal may take, hostile input included (a zip bomb, a 60 MB file).
FAST = 10.0


@dataclass(frozen=True)
class Case:
    id: str
    area: str  # register, data or template
    breaks: Callable[[Path], None]
    file: str  # the file the message must name
    place: str | Callable[[Path], str] | None  # the place it must name (a prefix of it), or None
    says: tuple  # what `answer` must say (a text, or a function of the project copy giving one)
    check_says: tuple[str, ...] | None = None  # what `check` must say, when it words it otherwise
    not_created: tuple[str, ...] = field(default=())  # files an attack tried to make

    def where(self, project: Path) -> str | None:
        return self.place(project) if callable(self.place) else self.place

    def texts(self, project: Path, check: bool = False) -> tuple[str, ...]:
        says = (self.check_says or self.says) if check else self.says
        return tuple(s(project) if callable(s) else s for s in says)


def at_line(file: Path, needle: str, nth: int = 1):
    return lambda project: f"line {b.line_of(project, file, needle, nth)}"


R, D, T = b.REGISTER, b.BUDGET, b.TEMPLATE
REG, BUD, TPL, NOTES = "data/questions.yaml", "data/budget.csv", "answer_templates/bedrijfsclusters.docx", "data/notes.yaml"


def _duplicate_question(project: Path) -> None:
    """Question 4 copied to the end of the register."""
    text = (project / R).read_text(encoding="utf-8")
    first = text.index("  - zittingsjaar:")
    end = text.find("\n  - zittingsjaar:", first + 1)
    question = text[first:end + 1] if end > 0 else text[first:]
    (project / R).write_text(text.rstrip("\n") + "\n" + question, encoding="utf-8")


def _alias_bomb(project: Path) -> None:
    """'Billion laughs': each list holds the one before it nine times."""
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    bomb = "".join(f"      {line}\n" for line in lines)
    b.replace_in(project, R, "    title: Bedrijfsclusters - Subsidies\n", "    lach:\n" + bomb + "    title: *a8\n")


def _not_utf8(project: Path) -> None:
    path = project / R
    path.write_bytes(path.read_bytes().replace("asker: N.N.".encode(), "asker: Jos Vandecasteele-Hébert".encode("cp1252")))


def _add_row(project: Path, row: str) -> None:
    with open(project / D, "a", encoding="utf-8") as fh:
        fh.write(row + "\n")


def _huge_csv(project: Path) -> None:
    row = b"clusters,2016,VAK,14250000,,opsplitsing_2016\n"
    with open(project / D, "wb") as fh:
        fh.write(b"line,year,kind,amount,part_of,notes\n")
        fh.write(row * (60 * 1024 * 1024 // len(row) + 1))


def _semicolon(change, encoding="cp1252"):
    return lambda project: b.write_semicolon_budget(project, change, encoding)


def _set_amount(line: str, year: str, kind: str, amount: str):
    def change(rows):
        for row in rows:
            if row[:3] == [line, year, kind]:
                row[3] = amount
                return
        raise AssertionError("no such row")

    return change


def _garbled(rows):
    rows[11][0] = "ibnÃ©"  # 'ibné' saved as UTF-8, read as Windows-1252, saved again


def _utf16(project: Path) -> None:
    path = project / D
    path.write_bytes(path.read_text(encoding="utf-8").replace(",", "\t").encode("utf-16"))


def _xlsx_named_csv(project: Path) -> None:
    (project / D).write_bytes((project / "data" / "budget.xlsx").read_bytes())


def _uncached_formula(project: Path) -> None:
    b.workbook(project, formula_at="D6")
    b.use_data_file(project, "budget", b.WORKBOOK)


def _unknown_sheet(project: Path) -> None:
    b.workbook(project)
    b.use_data_file(project, "budget", b.WORKBOOK + "#Begrooting")


def _corrupt_xlsx(project: Path) -> None:
    (project / "data" / b.WORKBOOK).write_bytes(b"PK\x03\x04 this was cut off in an e-mail")
    b.use_data_file(project, "budget", b.WORKBOOK)


def _xlsx_bomb(project: Path) -> None:
    b.zip_bomb(project / "data" / b.WORKBOOK, "xl/worksheets/sheet1.xml")
    b.use_data_file(project, "budget", b.WORKBOOK)


def _docx_bomb(project: Path) -> None:
    b.zip_bomb(project / T, "word/document.xml", extra={"[Content_Types].xml": b"<Types/>"})


def _docx_without_document(project: Path) -> None:
    import zipfile

    with zipfile.ZipFile(project / T, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/styles.xml", "<styles/>")


def _rezip(change):
    """The template's zip written again after change(parts), a dict of entry name -> bytes."""
    def breaks(project: Path) -> None:
        import zipfile

        with zipfile.ZipFile(project / T) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        change(parts)
        with zipfile.ZipFile(project / T, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
    return breaks


_MAIN_CT = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_DTD = b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [<!ENTITY x "kwaad">]>\n'


def _content_type(new: bytes):
    def change(parts):
        assert _MAIN_CT in parts["[Content_Types].xml"]
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(_MAIN_CT, new)
    return change


def _with_dtd(name: str):
    def change(parts):
        body = parts[name]
        parts[name] = _DTD + body[body.index(b"?>") + 2:].lstrip()
    return change


def _cut(name: str):
    def change(parts):
        parts[name] = parts[name][: len(parts[name]) // 2]
    return change


def _docm(parts):
    _content_type(b"application/vnd.ms-word.document.macroEnabled.main+xml")(parts)
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro project"


def _hidden_first_sheet(project: Path) -> None:
    """Last year's figures on a hidden first sheet, this year's on the visible second one."""
    import openpyxl

    path = b.workbook(project, sheets=("Oud", "Begroting"), figures_sheet="Begroting")
    book = openpyxl.load_workbook(path)
    for r, row in enumerate(b.budget_rows(project), start=1):
        for c, value in enumerate(row, start=1):
            book["Oud"].cell(row=r, column=c, value=value or None)
    book["Oud"].sheet_state = "hidden"
    book.save(path)
    b.use_data_file(project, "budget", b.WORKBOOK)

CASES = [
    # ------------------------------------------------------------------ register
    Case("register-yaml-syntax", "register",
         lambda p: b.replace_in(p, R, "asker: N.N.", "asker: N.N.: onbekend"),
         REG, at_line(R, "asker:"), ("not valid YAML",)),
    Case("register-field-missing", "register",
         lambda p: b.replace_in(p, R, "    title: Bedrijfsclusters - Subsidies\n", ""),
         REG, at_line(R, "- zittingsjaar:"), ("question 4: the field 'title' is missing",)),
    Case("register-zittingsjaar", "register",
         lambda p: b.replace_in(p, R, "zittingsjaar: 2019-2020", "zittingsjaar: 2019-2021"),
         REG, at_line(R, "zittingsjaar:"), ("zittingsjaar must look like 2019-2020", "'2019-2021'")),
    Case("register-question-twice", "register", _duplicate_question,
         REG, lambda p: f"line {b.last_line_of(p, R, '- zittingsjaar:')}",
         ("question 4 of 2019-2020 (minister N.N.) is in the register twice, at line 10 and at line")),
    Case("register-template-outside", "register",
         lambda p: b.replace_in(p, R, "template: bedrijfsclusters.docx", "template: ../../etc/passwd"),
         REG, at_line(R, "template:"), ("template '../../etc/passwd' must be the name of a .docx file",)),
    Case("register-data-outside", "register",
         lambda p: b.replace_in(p, R, "budget: budget.csv", "budget: ../../../etc/passwd"),
         REG, at_line(R, "budget:"), ("data file '../../../etc/passwd' must be a file name inside the data folder",)),
    Case("register-notes-outside", "register",
         lambda p: b.replace_in(p, R, "notes: notes.yaml", "notes: ../../etc/shadow"),
         REG, at_line(R, "notes:"), ("notes file '../../etc/shadow' must be a file name inside the data folder",)),
    Case("register-question-number-path", "register",
         lambda p: b.replace_in(p, R, "number: 4\n", "number: ../../4\n"),
         REG, at_line(R, "number: ../../4"), ("'number' must be a whole number",)),
    Case("register-undefined-table", "register",
         lambda p: b.replace_in(p, R, "table: kredieten", "table: kredietten"),
         REG, at_line(R, "- number: 1"), ("uses table 'kredietten', which is not defined",)),
    Case("register-no-such-subquestion", "register",
         lambda p: b.replace_in(p, R, "- number: 2\n", "- number: 7\n"),
         REG, at_line(R, "- number: 7"), ("there is no sub-question 7",)),
    Case("register-date", "register",
         # (7 oktober 2019 is a date now, written as a Belgian writes it: tests/i18n/test_day_first_dates.py)
         lambda p: b.replace_in(p, R, "date: null", "date: begin oktober 2019"),
         REG, at_line(R, "date:"), ("'date' must be a date like 2019-10-07",)),
    Case("register-years", "register",
         lambda p: b.replace_in(p, R, "years: 2014-2018", "years: 2018-2014"),
         REG, at_line(R, "years:"), ("'years' must be a range such as 2014-2018",)),
    Case("register-key-twice", "register",
         lambda p: b.replace_in(p, R, "    asker: N.N.", "    asker: N.N.\n    asker: Jan Peeters"),
         REG, at_line(R, "asker: Jan Peeters"), ("the key 'asker' appears twice",)),
    Case("register-not-utf8", "register", _not_utf8,
         REG, at_line(R, "asker:"), ("the file is not UTF-8 text",)),
    Case("register-unknown-locale", "register",
         lambda p: b.replace_in(p, R, "locale: nl_BE", "locale: vl_VL"),
         REG, at_line(R, "locale: vl_VL"), ("unknown locale 'vl_VL'",)),
    Case("register-text-unknown-name", "register",
         lambda p: b.replace_in(p, R, '{{ shares.percent("kmo") }}', '{{ share.percent("kmo") }}'),
         REG, at_line(R, "- number: 3"), ("answer part 3", "'share' is undefined")),
    Case("register-text-syntax", "register",
         lambda p: b.replace_in(p, R, '{{ shares.percent("groot") }}', '{{ shares.percent("groot") }'),
         REG, at_line(R, "- number: 3"), ("answer part 3", "unexpected '}'")),
    Case("register-text-lost-opening-brace", "register",
         lambda p: b.replace_in(p, R, '{{ shares.percent("kmo") }}', '{ shares.percent("kmo") }}'),
         REG, at_line(R, "- number: 3"), ("answer part 3", "a stray '}}'", "open it with '{{'")),
    Case("register-text-lost-tag-start", "register",
         lambda p: b.replace_in(p, R, '{{ shares.percent("kmo") }}', 'shares.percent("kmo") }}'),
         REG, at_line(R, "- number: 3"), ("answer part 3", "a stray '}}'")),
    Case("register-text-reads-file", "register",
         lambda p: b.replace_in(p, R, '{{ evaluation.text }}', '{{ budget.raw.path.read_text() }}'),
         REG, at_line(R, "- number: 4"), ("a tag may not use 'path': it is not a name of the data",)),
    Case("register-alias-bomb", "register", _alias_bomb,
         REG, at_line(R, "a6: &a6"), ("the aliases (*name) in this file expand to far more values",)),
    Case("register-nested-too-deeply", "register",
         lambda p: b.replace_in(p, R, "    title: Bedrijfsclusters", "    diep: " + "[" * 5000 + "]" * 5000 + "\n    title: Bedrijfsclusters"),
         REG, None, ("nested too deeply",)),
    Case("register-text-nested-too-deeply", "register",
         lambda p: b.replace_in(p, R, '{{ evaluation.text }}', "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"),
         REG, at_line(R, "- number: 4"), ("answer part 4",)),
    # ------------------------------------------------------------------ data
    Case("data-file-missing", "data", lambda p: (p / b.SHARES).unlink(),
         "data/support_by_size.csv", None, ("file not found",)),
    Case("data-amount-not-a-number", "data",
         lambda p: b.replace_in(p, D, "58000000", "58 miljoen"),
         BUD, "row 8, column 'amount'", ("'58 miljoen' is not an amount",)),
    Case("data-kind", "data",
         lambda p: b.replace_in(p, D, "clusters,2017,VEK", "clusters,2017,VEKK"),
         BUD, "row 9, column 'kind'", ("'VEKK' is not a budget kind", "VAK, VEK")),
    Case("data-year", "data",
         lambda p: b.replace_in(p, D, "clusters,2018,VAK", "clusters,20188,VAK"),
         BUD, "row 10, column 'year'", ("'20188' is not a year",)),
    Case("data-column-misspelt", "data",
         lambda p: b.replace_in(p, D, "line,year,kind,amount,", "line,year,kind,amout,"),
         BUD, "row 1", ("the column(s) 'amount' are missing", "Is 'amout' meant to be 'amount'?")),
    Case("data-row-twice", "data", lambda p: _add_row(p, "ibn,2016,VAK,6750000,clusters,"),
         BUD, "row 16", ("budget line 'ibn', 2016 VAK appears twice (first at row 12)",)),
    Case("data-extra-cell", "data",
         lambda p: b.replace_in(p, D, "clusters,2018,VEK,45800000,,", "clusters,2018,VEK,45,800,000,,"),
         BUD, "row 11", ("the row has 8 cells, the header 6",)),
    Case("data-empty-file", "data", lambda p: (p / D).write_bytes(b""),
         BUD, None, ("the file is empty",)),
    Case("data-header-only", "data", lambda p: (p / D).write_text("line,year,kind,amount,part_of,notes\n\n"),
         BUD, "row 1", ("a header row but no rows of data",)),
    Case("data-ambiguous-decimal", "data", _semicolon(_set_amount("ibn", "2016", "VAK", "6750000.50")),
         BUD, "row 12, column 'amount'", ("the comma is the decimal mark", "Write 6750000,50")),
    Case("data-scientific-notation", "data", _semicolon(_set_amount("clusters", "2016", "VAK", "1,425E+07")),
         BUD, "row 6, column 'amount'", ("scientific notation",)),
    Case("data-garbled-encoding", "data", _semicolon(_garbled, "utf-8"),
         BUD, "line 12", ("garbled: 'Ã©' where 'é' was meant",)),
    Case("data-utf16", "data", _utf16, BUD, None, ("'Unicode text' (UTF-16)",)),
    Case("data-xlsx-named-csv", "data", _xlsx_named_csv, BUD, None, ("an Excel workbook", "not a CSV text file")),
    Case("data-huge-file", "data", _huge_csv, BUD, None, ("the file is too large (60 MB; at most 50 MB)",)),
    Case("data-share-not-a-number", "data",
         lambda p: b.replace_in(p, b.SHARES, "kmo’s,45", "kmo’s,veel"),
         "data/support_by_size.csv", "row 2, column 'share'", ("'veel' is not a share",)),
    Case("data-share-total-row", "data",
         lambda p: (p / b.SHARES).write_text((p / b.SHARES).read_text(encoding="utf-8") + "totaal,Totaal,100\n",
                                             encoding="utf-8"),
         "data/support_by_size.csv", "row 4, column 'size'", ("'totaal' is a total, not a category",)),
    Case("data-xlsx-formula-not-computed", "data", _uncached_formula,
         "data/begroting.xlsx", "sheet 'Begroting', cell D6", ("formula (=D12+D13) whose result was never computed",)),
    Case("data-xlsx-unknown-sheet", "data", _unknown_sheet,
         "data/begroting.xlsx", None, ("no sheet 'Begrooting'", "'Begroting'")),
    Case("data-xlsx-corrupt", "data", _corrupt_xlsx,
         "data/begroting.xlsx", None, ("not an Excel workbook (.xlsx)",)),
    Case("data-xlsx-zip-bomb", "data", _xlsx_bomb,
         "data/begroting.xlsx", None, ("unpacks to far more than a spreadsheet (a zip bomb?)",)),
    Case("data-yaml-syntax", "data",
         lambda p: b.replace_in(p, b.EVALUATION, "subject: speerpuntclusters", "subject: [speerpuntclusters"),
         "data/evaluation.yaml", at_line(b.EVALUATION, "summary:"),
         ("not valid YAML", lambda p: f"that starts at line {b.line_of(p, b.EVALUATION, 'subject:')}")),
    Case("data-measure-without-text", "data",
         lambda p: b.replace_in(p, b.EVALUATION, "    text: >-\n      Naast", "    tekst: >-\n      Naast"),
         REG, at_line(R, "- number: 4"),
         ("answer part 4: every measure needs a 'text'",
          lambda p: f"(data/evaluation.yaml, line {b.line_of(p, b.EVALUATION, 'kind: interim_report')})")),
    Case("data-note-key-unknown", "data",
         lambda p: b.replace_in(p, D, "opsplitsing_2016", "opsplitsing_2061"),
         NOTES, None, ("unknown note key 'opsplitsing_2061'", "data/budget.csv, row 6")),
    Case("data-note-unknown-filter", "data",
         lambda p: b.replace_in(p, b.NOTES, '| mln(1) }}', '| mlm(1) }}'),
         NOTES, at_line(b.NOTES, "nl: >-", 2), ("note 'opsplitsing_2016'", "No filter named 'mlm'")),
    Case("data-note-figure-missing", "data",
         lambda p: b.replace_in(p, b.NOTES, 'in {{ budget.amount("ibn", 2016, "VAK")', 'in {{ budget.amount("ibn", 2015, "VAK")'),
         NOTES, at_line(b.NOTES, "nl: >-", 2), ("no row for budget line 'ibn', year 2015",)),
    # ------------------------------------------------------------------ templates
    Case("template-syntax", "template", lambda p: b.set_paragraph(p, 14, "{{ answers[2].number }.\t{{ answers[2].text }}"),
         TPL, "paragraph 15", ("template tag error",)),
    Case("template-unknown-filter", "template",
         lambda p: b.set_paragraph(p, 3, "op vraag nr. {{ question.number }} van {{ question.asker|hoofdletters }}"),
         TPL, "paragraph 4", ("No filter named 'hoofdletters'",)),
    Case("template-unknown-name", "template", lambda p: b.set_paragraph(p, 0, "{{ ministre.name }}"),
         TPL, "paragraph 1", ("'ministre' is undefined",), ("the template uses 'ministre'",)),
    Case("template-unknown-attribute", "template",
         lambda p: b.set_paragraph(p, 15, "{{ answers[3].nummer }}.\t{{ answers[3].text }}"),
         TPL, "paragraph 16", ("has no attribute 'nummer'",)),
    Case("template-missing-answer", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[5].number }}.\t{{ answers[5].text }}"),
         TPL, "paragraph 17", ("has no element 5",)),
    Case("template-paragraph-loop-tag", "template", lambda p: b.set_paragraph(p, 4, "{%p for p in answer.preambel %}"),
         TPL, "paragraph 5", ("has no attribute 'preambel'",)),
    Case("template-row-loop-tag", "template", lambda p: b.set_cell(p, 0, 1, 0, "{%tr for row in tables.krediet.rows %}"),
         TPL, "table 1, row 2, cell 1", ("has no attribute 'krediet'",)),
    Case("template-injection-mro", "template", lambda p: b.set_paragraph(p, 16, "{{ ''.__class__.__mro__ }}"),
         TPL, "paragraph 17", ("refused", "a tag may not use '__class__'")),
    Case("template-injection-cycler", "template", lambda p: b.set_paragraph(p, 16, "{{ cycler.__init__.__globals__ }}"),
         TPL, "paragraph 17", ("refused", "a tag may not use")),
    Case("template-injection-self", "template", lambda p: b.set_paragraph(p, 16, "{{ self._TemplateReference__context }}"),
         TPL, "paragraph 17", ("refused", "a tag may not use")),
    Case("template-injection-lipsum", "template", lambda p: b.set_paragraph(p, 16, "{{ lipsum.__globals__['os'] }}"),
         TPL, "paragraph 17", ("'lipsum' is undefined",), ("the template uses 'lipsum'",)),
    Case("template-injection-config", "template", lambda p: b.set_paragraph(p, 16, "{{ config.items() }}"),
         TPL, "paragraph 17", ("'config' is undefined",), ("the template uses 'config'",)),
    Case("template-injection-request", "template", lambda p: b.set_paragraph(p, 16, "{{ request.environ }}"),
         TPL, "paragraph 17", ("'request' is undefined",), ("the template uses 'request'",)),
    Case("template-reads-file", "template",
         lambda p: b.set_paragraph(p, 16, "{{ budget.raw.path.parent.joinpath('questions.yaml').read_text() }}"),
         TPL, "paragraph 17", ("refused", "a tag may not use 'path'")),
    Case("template-writes-file", "template",
         lambda p: b.set_paragraph(p, 16, "{{ budget.frame().to_csv('gestolen.csv') }}"),
         TPL, "paragraph 17", ("refused", "a tag may not use 'to_csv'"), not_created=("gestolen.csv",)),
    Case("template-include-file", "template", lambda p: b.set_paragraph(p, 16, "{% include '/etc/passwd' %}"),
         TPL, "paragraph 17", ("no loader",)),
    Case("template-huge-power", "template", lambda p: b.set_paragraph(p, 16, "{{ 7 ** 77777777 }}"),
         TPL, "paragraph 17", ("refused", "too large to compute")),
    Case("template-huge-text", "template", lambda p: b.set_paragraph(p, 16, "{{ 'ha' * 999999999 }}"),
         TPL, "paragraph 17", ("refused", "too long")),
    Case("template-safe-filter", "template", lambda p: b.set_paragraph(p, 0, "{{ minister.name|safe }}"),
         TPL, "paragraph 1", ("No filter named 'safe'",)),
    Case("template-nested-too-deeply", "template",
         lambda p: b.set_paragraph(p, 16, "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}"),
         TPL, "the document", ("nested too deeply",)),
    Case("template-missing", "template", lambda p: (p / T).unlink(), TPL, None, ("template not found",)),
    Case("template-corrupt", "template", lambda p: (p / T).write_bytes(b"\xd0\xcf\x11\xe0 an old .doc file"),
         TPL, None, ("not a valid zip package",)),
    Case("template-zip-bomb", "template", _docx_bomb, TPL, None, ("unpacks to far more than a Word document",)),
    Case("template-not-word", "template", _docx_without_document, TPL, None, ("word/document.xml is missing",)),
]


# ---------------------------------------------------------------------- issue 10: nothing lost silently
#: The cases added for issue 10 (at least 60): text that would vanish, junk, unsafe packages,
#: crashes, hangs and messages that named no place.
STRICT = [
    # a key the register does not know would lose what it holds
    Case("register-key-afetr", "register",
         lambda p: b.replace_in(p, R, "          after: De definitieve", "          afetr: De definitieve"),
         REG, at_line(R, "afetr:"), ("answer part 1: unknown key 'afetr'", "Did you mean 'after'?")),
    Case("register-key-introducton", "register",
         lambda p: b.replace_in(p, R, "    introduction: >-", "    introducton: >-"),
         REG, at_line(R, "introducton:"), ("question 4: unknown key 'introducton'", "Did you mean 'introduction'?")),
    Case("register-key-preambel", "register",
         lambda p: b.replace_in(p, R, "      preamble: >-", "      preambel: >-"),
         REG, at_line(R, "preambel:"), ("answer: unknown key 'preambel'", "Did you mean 'preamble'?")),
    Case("register-key-part-tekst", "register",
         lambda p: b.replace_in(p, R, "          text: >-\n            Hieronder", "          tekst: >-\n            Hieronder"),
         REG, at_line(R, "tekst:"), ("answer part 1: unknown key 'tekst'", "Did you mean 'text'?")),
    Case("register-key-minister-titel", "register",
         lambda p: b.replace_in(p, R, "      title: N.N.\n    title: Bedrijfsclusters", "      titel: N.N.\n    title: Bedrijfsclusters"),
         REG, at_line(R, "titel: N.N."), ("question 4, minister: unknown key 'titel'", "Did you mean 'title'?")),
    Case("register-key-top-lokale", "register",
         lambda p: b.replace_in(p, R, "locale: nl_BE", "lokale: nl_BE"),
         REG, at_line(R, "lokale:"), ("register: unknown key 'lokale'", "Did you mean 'locale'?")),
    Case("register-key-style-typo", "register",
         lambda p: b.replace_in(p, R, "    title: Bedrijfsclusters - Subsidies\n",
                                "    title: Bedrijfsclusters - Subsidies\n    percent_styel: word\n"),
         REG, at_line(R, "percent_styel:"), ("unknown key 'percent_styel'", "Did you mean 'percent_style'?")),
    Case("register-key-table-titel", "register",
         lambda p: b.replace_in(p, R, "        data: budget\n        line: clusters",
                                "        data: budget\n        titel: Kredieten\n        line: clusters"),
         REG, at_line(R, "titel: Kredieten"), ("table 'kredieten': unknown key 'titel'", "Did you mean 'title'?")),
    # ... and at every depth below a table: a budget table's kinds, lines, total and groups
    Case("register-key-kinds-lable", "register",
         lambda p: b.replace_in(p, R, "          - kind: VAK\n            label: VAK budget",
                                "          - kind: VAK\n            lable: VAK budget"),
         REG, at_line(R, "lable: VAK budget"), ("table 'kredieten': unknown key 'lable'", "Did you mean 'label'?")),
    Case("register-key-kinds-notse", "register",
         lambda p: b.replace_in(p, R, "            label: VAK budget\n", "            label: VAK budget\n"
                                "            notse: [x]\n"),
         REG, at_line(R, "notse:"), ("table 'kredieten': unknown key 'notse'", "Did you mean 'notes'?")),
    Case("register-key-lines-lable", "register",
         lambda p: b.replace_in(p, R, "            label: Speerpuntclusters", "            lable: Speerpuntclusters"),
         REG, at_line(R, "lable: Speerpuntclusters"), ("unknown key 'lable'", "Did you mean 'label'?")),
    Case("register-key-total-lable", "register",
         lambda p: b.replace_in(p, R, "total: {line: clusters, label: Totaal clusters}",
                                "total: {line: clusters, lable: Totaal clusters}"),
         REG, at_line(R, "lable: Totaal clusters"), ("unknown key 'lable'", "Did you mean 'label'?")),
    Case("register-key-groups-lable", "register",
         lambda p: b.replace_in(p, R, "          - label: Clusters", "          - lable: Clusters"),
         REG, at_line(R, "- lable: Clusters"), ("unknown key 'lable'", "Did you mean 'label'?")),
    # a year, kind or line listed twice would repeat its row or column
    Case("register-years-twice", "register",
         lambda p: b.replace_in(p, R, "        years: 2014-2018\n        kinds:", "        years: [2016, 2016]\n        kinds:"),
         REG, at_line(R, "years: [2016, 2016]"), ("table 'kredieten': 2016 is listed twice", "Remove one of them.")),
    Case("register-kinds-twice", "register",
         lambda p: b.replace_in(p, R, "          - kind: VEK\n            label: VEK budget",
                                "          - kind: vak\n            label: VEK budget"),
         REG, at_line(R, "- kind: vak"),
         ("table 'kredieten': 'VAK' is listed twice", lambda p: f"The first is at {at_line(R, '- kind: VAK')(p)};")),
    Case("register-lines-twice", "register",
         lambda p: b.replace_in(p, R, "          - line: ibn", "          - line: speerpuntclusters"),
         REG, at_line(R, "- line: speerpuntclusters", 2),
         ("table 'opsplitsing': 'speerpuntclusters' is listed twice",
          lambda p: f"The first is at {at_line(R, '- line: speerpuntclusters')(p)};")),
    Case("register-group-kinds-twice", "register",
         lambda p: b.replace_in(p, R, "kinds: [{kind: VEK, label: VEK}]", "kinds: [VEK, {kind: VEK, label: VEK}]"),
         REG, at_line(R, "kinds: [VEK, {kind: VEK"), ("'VEK' is listed twice",)),
    # a space pasted from Word or Outlook in the indentation: named at its own line
    Case("register-indent-non-breaking-space", "register",
         lambda p: b.replace_in(p, R, "    date: null", "\u00a0   date: null"),
         REG, at_line(R, "date: null"), ("this line is indented with a non-breaking space",
                                         "Replace it with ordinary spaces")),
    Case("register-indent-em-space", "register",
         lambda p: b.replace_in(p, R, "    date: null", "  \u2003 date: null"),
         REG, at_line(R, "date: null"), ("indented with a special space (U+2003)",)),
    Case("register-key-block-typo", "register",
         lambda p: b.replace_in(p, R, "            - bullets:", "            - bulets:"),
         REG, at_line(R, "- bulets:"), ("unknown key 'bulets'", "Did you mean 'bullets'?")),
    Case("register-show-unit-not-boolean", "register",
         lambda p: b.replace_in(p, R, "        data: budget\n        line: clusters",
                                "        data: budget\n        show_unit: nee\n        line: clusters"),
         REG, at_line(R, "show_unit: nee"), ("'show_unit' must be true or false, not 'nee'",)),
    # a data column drafter does not read, named like one it does, would lose its cells
    Case("data-column-note", "data",
         lambda p: b.replace_in(p, D, "line,year,kind,amount,part_of,notes", "line,year,kind,amount,part_of,note"),
         BUD, "row 1, column 'note'", ("the column 'note' is not one drafter reads", "Did you mean 'notes'?")),
    Case("data-column-lable", "data",
         lambda p: b.replace_in(p, b.SHARES, "size,label,share", "size,lable,share"),
         "data/support_by_size.csv", "row 1, column 'lable'", ("the column 'lable' is not one drafter reads",
                                                               "Did you mean 'label'?")),
    # a tag mistake would take text with it, or be reported at the wrong paragraph
    Case("template-one-brace", "template",
         lambda p: b.set_paragraph(p, 3, "op vraag nr. {{ question.number }. van {{ question.date }} van {{ question.asker }}"),
         TPL, "paragraph 4", ("template tag error", "'{{' is not closed before the next '{{'")),
    Case("template-one-brace-at-end", "template",
         lambda p: b.set_paragraph(p, 1, "{{ minister.title }"),
         TPL, "paragraph 2", ("the tag '{{ minister.title }' is not closed in this paragraph",)),
    Case("template-stray-close", "template", lambda p: b.set_paragraph(p, 0, "{ minister.name }}"),
         TPL, "paragraph 1", ("a stray '}}'",)),
    Case("template-if-never-closed", "template",
         lambda p: b.set_paragraph(p, 15, "{% if answers[3] %}{{ answers[3].number }}.\t{{ answers[3].text }}"),
         TPL, "paragraph 16", ("the {% if %} that starts here is never closed",)),
    Case("template-for-never-closed", "template", lambda p: b.set_paragraph(p, 13, "{{ answers[1].after[0] }}"),
         TPL, "paragraph 12", ("the {% for %} that starts here is never closed",)),
    Case("template-endif-without-if", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[4].number }}.\t{{ answers[4].text }}{% endif %}"),
         TPL, "paragraph 17", ("{% endif %} without a {% if %} before it",)),
    Case("template-end-mismatch", "template", lambda p: b.set_paragraph(p, 6, "{%p endif %}"),
         TPL, "paragraph 7", ("{% endif %} here, but the block open at this point is the {% for %} of paragraph 5",)),
    Case("template-else-outside", "template",
         lambda p: b.set_paragraph(p, 16, "{% else %}{{ answers[4].number }}.\t{{ answers[4].text }}"),
         TPL, "paragraph 17", ("{% else %} outside an {% if %}",)),
    Case("template-comment-never-closed", "template",
         lambda p: b.set_paragraph(p, 2, "ANTWOORD {# nog na te kijken"),
         TPL, "paragraph 3", ("the tag '{# nog na te kijken' is not closed",)),
    Case("template-quotes-german", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[4].number }}.\t{{ shares.percent(„kmo“) }}"),
         TPL, "paragraph 17", ("holds the typographic quote '„'", "straight quotes")),
    Case("template-quotes-english", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[4].number }}.\t{{ shares.percent(“kmo”) }}"),
         TPL, "paragraph 17", ("holds the typographic quote '“'",)),
    Case("template-quotes-single", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[4].number }}.\t{{ shares.percent(‘kmo’) }}"),
         TPL, "paragraph 17", ("holds the typographic quote '‘'",)),
    Case("template-quotes-low-single", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[4].number }}.\t{{ shares.percent(‚kmo‘) }}"),
         TPL, "paragraph 17", ("holds the typographic quote '‚'",)),
    Case("template-quotes-guillemets", "template",
         lambda p: b.set_paragraph(p, 16, "{{ answers[4].number }}.\t{{ shares.percent(«kmo») }}"),
         TPL, "paragraph 17", ("holds the typographic quote '«'",)),
    Case("template-p-tag-with-text", "template",
         lambda p: b.set_paragraph(p, 4, "Vooraf: {%p for p in answer.preamble %}"),
         TPL, "paragraph 5", ("shares its paragraph with other text ('Vooraf:')", "would be dropped")),
    Case("template-tr-tag-with-text", "template", lambda p: b.set_cell(p, 0, 1, 1, "Bedragen in euro"),
         TPL, "table 1, row 2, cell 1", ("shares its table row with other text ('Bedragen in euro')",)),
    Case("template-tr-outside-table", "template",
         lambda p: b.set_paragraph(p, 4, "{%tr for p in answer.preamble %}"),
         TPL, "paragraph 5", ("is a row tag outside a table",)),
    # only plain values reach a document
    Case("template-prints-self", "template", lambda p: b.set_paragraph(p, 16, "{{ self }}"),
         TPL, "paragraph 17", ("a tag prints an object, not a text or a figure",)),
    Case("template-prints-object", "template", lambda p: b.set_paragraph(p, 0, "{{ minister }}"),
         TPL, "paragraph 1", ("a tag prints a whole minister (an object)", "minister.name")),
    Case("template-prints-range", "template", lambda p: b.set_paragraph(p, 16, "{{ range }}"),
         TPL, "paragraph 17", ("a tag prints a function", "without calling it")),
    Case("template-prints-method", "template", lambda p: b.set_paragraph(p, 16, "{{ shares.percent }}"),
         TPL, "paragraph 17", ("a tag prints a method ('percent') without calling it",)),
    Case("template-prints-str-method", "template", lambda p: b.set_paragraph(p, 0, "{{ minister.name.upper }}"),
         TPL, "paragraph 1", ("a tag prints a method ('upper') without calling it",)),
    Case("template-prints-macro", "template",
         lambda p: b.set_paragraph(p, 16, "{% macro naam() %}x{% endmacro %}{{ naam }}"),
         TPL, "paragraph 17", ("a tag prints a macro", "without calling it")),
    Case("template-prints-list", "template", lambda p: b.set_paragraph(p, 16, "{{ answer.preamble }}"),
         TPL, "paragraph 17", ("a tag prints a whole list",)),
    Case("template-prints-yes-no", "template", lambda p: b.set_paragraph(p, 16, "{{ question.number == 4 }}"),
         TPL, "paragraph 17", ("a tag prints the yes/no value True",)),
    Case("template-number-literal-infinite", "template", lambda p: b.set_paragraph(p, 16, "{{ 1e400 }}"),
         TPL, "paragraph 17", ("a number in this tag is too large to write down",)),
    Case("template-figure-out-of-range", "template", lambda p: b.set_paragraph(p, 16, "{{ 10 ** 18 * 1000 }}"),
         TPL, "paragraph 17", ("a tag prints a figure of 22 digits",)),
    Case("register-text-prints-method", "register",
         lambda p: b.replace_in(p, R, '{{ shares.percent("kmo") }}', '{{ shares.percent }}'),
         REG, at_line(R, "- number: 3"), ("answer part 3", "a tag prints a method ('percent') without calling it")),
    Case("data-amount-400-digits", "data", lambda p: b.replace_in(p, D, "58000000", "5" * 400),
         BUD, "row 8, column 'amount'", ("the figure has 400 characters: far larger than any amount",)),
    Case("data-share-400-digits", "data", lambda p: b.replace_in(p, b.SHARES, "kmo’s,45", "kmo’s," + "4" * 400),
         "data/support_by_size.csv", "row 2, column 'share'", ("far larger than any amount",)),
    # only Word documents go in and come out
    Case("template-dotx-renamed", "template",
         _rezip(_content_type(b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")),
         TPL, "part '[Content_Types].xml'", ("a Word template (.dotx) renamed .docx, not a Word document",)),
    Case("template-docm-renamed", "template", _rezip(_docm),
         TPL, "part 'word/vbaProject.bin'", ("holds macros or ActiveX controls",)),
    Case("template-macro-content-type", "template",
         _rezip(_content_type(b"application/vnd.ms-word.document.macroEnabled.main+xml")),
         TPL, "part '[Content_Types].xml'", ("a macro-enabled document (.docm) renamed .docx",)),
    Case("template-vba-part", "template", _rezip(lambda parts: parts.update({"word/vbaProject.bin": b"macro"})),
         TPL, "part 'word/vbaProject.bin'", ("holds macros or ActiveX controls",)),
    Case("template-activex-part", "template",
         _rezip(lambda parts: parts.update({"word/activeX/activeX1.xml": b"<ax/>"})),
         TPL, "part 'word/activeX/activeX1.xml'", ("holds macros or ActiveX controls",)),
    Case("template-entry-dot-dot", "template", _rezip(lambda parts: parts.update({"../../x": b"weg"})),
         TPL, "part '../../x'", ("a path that leads out of its folder",), not_created=("x",)),
    Case("template-entry-absolute", "template", _rezip(lambda parts: parts.update({"/etc/x": b"weg"})),
         TPL, "part '/etc/x'", ("an absolute path",)),
    Case("template-entry-backslash", "template", _rezip(lambda parts: parts.update({"..\\..\\x": b"weg"})),
         TPL, "part '..\\\\..\\\\x'", ("not a name a part can have",)),
    Case("template-dtd-in-document", "template", _rezip(_with_dtd("word/document.xml")),
         TPL, "part 'word/document.xml'", ("declares a DTD or entities",)),
    Case("template-entity-in-styles", "template", _rezip(_with_dtd("word/styles.xml")),
         TPL, "part 'word/styles.xml'", ("declares a DTD or entities",)),
    Case("template-styles-malformed", "template", _rezip(_cut("word/styles.xml")),
         TPL, "part 'word/styles.xml'", ("the part is not well-formed XML",)),
    Case("template-settings-malformed", "template", _rezip(_cut("word/settings.xml")),
         TPL, "part 'word/settings.xml'", ("the part is not well-formed XML",)),
    Case("template-content-types-malformed", "template", _rezip(_cut("[Content_Types].xml")),
         TPL, "part '[Content_Types].xml'", ("the part is not well-formed XML",)),
    Case("template-rels-malformed", "template", _rezip(_cut("word/_rels/document.xml.rels")),
         TPL, "part 'word/_rels/document.xml.rels'", ("the part is not well-formed XML",)),
    # budgets: a render that runs away stops within seconds, naming its tag
    Case("template-nested-loops", "template",
         lambda p: b.set_paragraph(p, 16, "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}"),
         TPL, "paragraph 17", ("refused", "the loops take more than 200,000 steps")),
    Case("template-square-in-loop", "template",
         lambda p: b.set_paragraph(p, 16, "{% set ns = namespace(n=3) %}{% for i in range(60) %}{% set ns.n = ns.n * ns.n %}"
                                   "{% endfor %}{{ ns.n }}"),
         TPL, "paragraph 17", ("refused", "is too large to compute")),
    Case("template-text-doubling", "template",
         lambda p: b.set_paragraph(p, 16, "{% set ns = namespace(x='ha') %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}"
                                   "{% endfor %}{{ ns.x }}"),
         TPL, "paragraph 17", ("refused", "builds a text of more than 1,000,000 characters")),
    Case("template-list-doubling", "template",
         lambda p: b.set_paragraph(p, 16, "{% set ns = namespace(x=[1]) %}{% for i in range(60) %}{% set ns.x = ns.x + ns.x %}"
                                   "{% endfor %}{{ ns.x|length }}"),
         TPL, "paragraph 17", ("refused", "a list of more than 100,000 items")),
    Case("template-format-width", "template", lambda p: b.set_paragraph(p, 16, "{{ '%0999999999d'|format(1) }}"),
         TPL, "paragraph 17", ("refused", "pads to a width above 1,000")),
    Case("template-percent-width", "template", lambda p: b.set_paragraph(p, 16, "{{ '%0999999999d' % 1 }}"),
         TPL, "paragraph 17", ("refused", "pads to a width above 1,000")),
    Case("template-str-format-width", "template", lambda p: b.set_paragraph(p, 16, "{{ '{:>999999999}'.format(1) }}"),
         TPL, "paragraph 17", ("refused", "pads to a width above 1,000")),
    Case("template-center-width", "template", lambda p: b.set_paragraph(p, 16, "{{ 'x'|center(999999999) }}"),
         TPL, "paragraph 17", ("refused", "|center with a width above 1,000")),
    Case("template-ljust-width", "template", lambda p: b.set_paragraph(p, 16, "{{ 'x'.ljust(999999999) }}"),
         TPL, "paragraph 17", ("refused", "ljust() with a width above 1,000")),
    Case("template-replace-bomb", "template",
         lambda p: b.set_paragraph(p, 16, "{% set ns = namespace(x='aa') %}{% for i in range(40) %}"
                                   "{% set ns.x = ns.x.replace('a', ns.x) %}{% endfor %}{{ ns.x }}"),
         TPL, "paragraph 17", ("refused", "more than 1,000,000 characters")),
    Case("template-macro-recursion", "template",
         lambda p: b.set_paragraph(p, 16, "{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}"),
         TPL, "paragraph 17", ("refused", "a macro or loop calls itself too deeply")),
    Case("register-text-nested-loops", "register",
         lambda p: b.replace_in(p, R, '{{ evaluation.text }}',
                                '{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}'),
         REG, at_line(R, "- number: 4"), ("answer part 4", "the loops take more than 200,000 steps")),
    Case("register-text-macro-recursion", "register",
         lambda p: b.replace_in(p, R, '{{ evaluation.text }}', '{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}{{ m(1) }}'),
         REG, at_line(R, "- number: 4"), ("answer part 4", "calls itself too deeply")),
    Case("data-note-text-doubling", "data",
         lambda p: b.replace_in(p, b.NOTES, '| mln(1) }}', "| mln(1) }}{% set ns = namespace(x='ha') %}"
                                "{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}{{ ns.x }}"),
         NOTES, at_line(b.NOTES, "nl: >-", 2), ("note 'opsplitsing_2016'", "more than 1,000,000 characters")),
    # crashes that are now messages, and messages that now name their place
    Case("data-year-1e400", "data", lambda p: b.replace_in(p, D, "clusters,2018,VAK", "clusters,1e400,VAK"),
         BUD, "row 10, column 'year'", ("'1e400' is not a year",)),
    Case("register-years-out-of-range", "register",
         lambda p: b.replace_in(p, R, "years: 2014-2018", "years: 0001-9999"),
         REG, at_line(R, "years: 0001-9999"), ("1 is not a year a budget has (1900-2200)",)),
    Case("register-data-named-like-a-helper", "register",
         lambda p: b.replace_in(p, R, "      budget: budget.csv\n", "      budget: budget.csv\n      fmt: evaluation.yaml\n"),
         REG, at_line(R, "fmt: evaluation.yaml"), ("a data set cannot be named 'fmt'",)),
    Case("register-data-file-nul", "register",
         lambda p: b.replace_in(p, R, "      budget: budget.csv", '      budget: "budget\\0.csv"'),
         # a control character from a double-quoted string's escape: said as such, with how to write the path
         REG, at_line(R, 'budget: "budget'), ("holds control characters", "Write the path with / or in single quotes")),
    Case("register-template-nul", "register",
         lambda p: b.replace_in(p, R, "template: bedrijfsclusters.docx", 'template: "bedrijfsclusters\\0.docx"'),
         REG, at_line(R, "template: "), ("must be the name of a .docx file",)),
    Case("template-attribute-of-object", "template", lambda p: b.set_paragraph(p, 0, "{{ question.titel }}"),
         TPL, "paragraph 1", ("'question' has no attribute 'titel'",)),
    Case("template-text-as-figure", "template", lambda p: b.set_paragraph(p, 16, "{{ question.title|num }}"),
         TPL, "paragraph 17", ("'Bedrijfsclusters - Subsidies' is not a figure",)),
    Case("template-without-package-rels", "template", _rezip(lambda parts: parts.pop("_rels/.rels")),
         TPL, None, ("_rels/.rels (which says where the document is) is missing",)),
    Case("template-without-content-types", "template", _rezip(lambda parts: parts.pop("[Content_Types].xml")),
         TPL, None, ("not a Word document: [Content_Types].xml is missing",)),
    Case("data-xlsx-hidden-first-sheet", "data", _hidden_first_sheet,
         "data/begroting.xlsx", "sheet 'Oud'", ("the first sheet, 'Oud', is hidden", "begroting.xlsx#Begroting")),
    Case("template-too-many-footnotes", "template",
         lambda p: b.set_paragraph(p, 16, '{% for i in range(32800) %}{{ footnote("Bron: VLAIO") }}{% endfor %}'),
         TPL, "paragraph 17", ("makes more than 32,766 footnotes",)),
]
CASES += STRICT

def test_the_corpus_is_large_and_covers_every_area():
    assert len({c.id for c in CASES}) == len(CASES) >= 30
    areas = {c.area for c in CASES}
    assert areas == {"register", "data", "template"}
    assert all(sum(c.area == a for c in CASES) >= 10 for a in areas)


def _problem_line(output: str, file: str, place: str | None, says) -> str:
    prefix = f"error: {file}, {place}" if place else f"error: {file}:"
    lines = [line for line in output.splitlines() if line.startswith(prefix)]
    assert lines, f"no error line starting with {prefix!r} in:\n{output}"
    matching = [line for line in lines if all(s in line for s in says)]
    assert matching, f"no line {prefix!r}... says {says!r}:\n{output}"
    return matching[0]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_answer_refuses_with_file_and_place_and_writes_nothing(case, project):
    case.breaks(project)
    started = time.monotonic()
    result = run_in(project, "answer", "--question", "4")
    assert time.monotonic() - started < FAST
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    no_python_in(result.stdout + result.stderr)
    _problem_line(result.stderr, case.file, case.where(project), case.texts(project))
    assert files_in(project / "out") == []
    for name in case.not_created:
        assert not list(project.rglob(name)) and not Path(name).exists()


def check_in(project: Path, *args: str):
    return run_cli("check", "--register", str(project / "data" / "questions.yaml"),
                   "--templates", str(project / "answer_templates"), *args)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_check_reports_the_same_problem_and_writes_nothing(case, project):
    case.breaks(project)
    before = b.snapshot(project)
    started = time.monotonic()
    result = check_in(project)
    assert time.monotonic() - started < FAST
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    no_python_in(result.stdout + result.stderr)
    place = case.where(project)
    says = case.texts(project, check=True)
    _problem_line(result.stdout, case.file, place, says)
    assert result.stdout.rstrip().splitlines()[-1].startswith("drafter check: ")

    as_json = check_in(project, "--format", "json")
    assert as_json.exit_code == 1
    report = json.loads(as_json.stdout)
    assert report["errors"] >= 1
    assert any(
        p["severity"] == "error" and p["file"] == case.file and (place is None or (p["place"] or "").startswith(place))
        and all(s in p["message"] + " " + (p["hint"] or "") for s in says)
        for p in report["problems"]
    ), report["problems"]
    assert b.snapshot(project) == before

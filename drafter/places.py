"""How a message names a place in a file, in the language in use.

A problem carries its place as text a person reads ("line 12", "sheet 'VAK', cell B4",
"table 1, row 2, cell 3"). Every such text is made here, from numbers and names, so that
each phrase is translated once and no module glues English words around a number. A place
made here also keeps its English text, which an answer's figure record stores (`english_of`)
and reads back (`recorded`).
"""

from __future__ import annotations

import re

from drafter.i18n import _


class Phrase(str):
    """A place as a person reads it in the language in use, which also knows its English text.

    It is a str wherever a message uses it; the figure record of an answer stores the English
    (`english_of`), so that the same inputs give the same answer whatever language a run speaks."""

    english: str


def _phrase(message: str, **values) -> Phrase:
    english = message.format(**values)
    translated = _(message)
    phrase = Phrase(english if translated == message else translated.format(**values))
    phrase.english = english
    return phrase


def english_of(place: str) -> str:
    """The English text of a place made here; any other text as it is."""
    return getattr(place, "english", place)


#: The places of a data file's rows and cells, as an answer's figure record stores its sources'.
RECORDED_FORMS = (
    "sheet '{sheet}', row {row}, cell {cell} ({column})",
    "sheet '{sheet}', row {row}, column '{column}'",
    "sheet '{sheet}', row {row}",
    "row {row}, column '{column}'",
    "row {row}",
)


def recorded(english: str) -> str:
    """A source's place read from a figure record (where it is English, see `english_of`), in the
    language in use. This reads the record's format; a text of no known form is shown as it is."""
    for form in RECORDED_FORMS:
        pattern = re.escape(form).replace(r"\{", "{").replace(r"\}", "}")
        pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>.+?)", pattern)
        found = re.fullmatch(pattern, english)
        if found:
            return _phrase(form, **found.groupdict())
    return english


def line(number: int) -> str:
    return _phrase("line {line}", line=number)


def line_column(number: int, column: int) -> str:
    return _phrase("line {line}, column {column}", line=number, column=column)


def row(number: int) -> str:
    return _phrase("row {row}", row=number)


def row_column(number: int, column: int | str) -> str:
    return _phrase("row {row}, column {column}", row=number, column=column)


def column(name: int | str) -> str:
    return _phrase("column {column}", column=name)


def sheet(name: str) -> str:
    return _phrase("sheet '{sheet}'", sheet=name)


def sheet_row(name: str, number: int) -> str:
    return _phrase("sheet '{sheet}', row {row}", sheet=name, row=number)


def sheet_cell(name: str, ref: str) -> str:
    return _phrase("sheet '{sheet}', cell {cell}", sheet=name, cell=ref)


def sheet_cells(name: str, ref: str) -> str:
    return _phrase("sheet '{sheet}', cells {cells}", sheet=name, cells=ref)


def paragraph(number: int) -> str:
    return _phrase("paragraph {paragraph}", paragraph=number)


def table_cell(table: int, row_number: int, cell: int) -> str:
    return _phrase("table {table}, row {row}, cell {cell}", table=table, row=row_number, cell=cell)


def named_table(name: str) -> str:
    """A table of the register's `tables:` by its name."""
    return _phrase("table '{name}'", name=name)


def row_named_column(number: int, name: str) -> str:
    """A cell of a CSV file by its row and its column's name: "row 4, column 'amount'"."""
    return _phrase("row {row}, column '{column}'", row=number, column=name)


def sheet_row_cell(name: str, number: int, ref: str, column: str) -> str:
    """A cell of a sheet by its row, its reference and its column's name:
    "sheet 'Begroting', row 4, cell C4 (amount)"."""
    return _phrase("sheet '{sheet}', row {row}, cell {cell} ({column})", sheet=name, row=number, cell=ref,
                   column=column)


def sheet_row_named_column(name: str, number: int, column: str) -> str:
    """A column of a sheet's header row by its name: "sheet 'Begroting', row 1, column 'notes'"."""
    return _phrase("sheet '{sheet}', row {row}, column '{column}'", sheet=name, row=number, column=column)


def page(number: int) -> str:
    """A page of a PDF (a question document read by `drafter intake`)."""
    return _phrase("page {page}", page=number)


def part(name: str) -> str:
    """A part of a Word document's package, by its name in the zip, quoted as Python writes it
    ("part 'word/document.xml'"; a backslash in a hostile name shows doubled)."""
    return _phrase("part {part}", part=repr(name))


def document() -> str:
    """The whole of a document, for a figure that stands in no paragraph of its text."""
    return _("the document")


def paragraph_text(number: int, text: str) -> str:
    """A paragraph of an answer with its first words (up to a figure): 'paragraph 4, "Circa 45% ..."'."""
    return _phrase('paragraph {number}, "{text}"', number=number, text=text)


def table_row_column(table: int, row_label: str, column_label: str, section: str = "") -> str:
    """A cell of an answer's table by its row's and its column's labels, and the section of nested
    rows it stands in: 'table 1, section "Other departments", row "Total", column "1983–84, outturn"'."""
    if section:
        return _phrase('table {table}, section "{section}", row "{row}", column "{column}"',
                       table=table, section=section, row=row_label, column=column_label)
    return _phrase('table {table}, row "{row}", column "{column}"', table=table, row=row_label, column=column_label)


def table(number: int) -> str:
    """A table of an answer as a whole: 'table 2'."""
    return _phrase("table {table}", table=number)


def note(number: int) -> str:
    """A note under an answer's table (a paragraph in the note style): 'note 3'."""
    return _phrase("note {number}", number=number)


def notes() -> str:
    """An answer's notes as a whole."""
    return _("the notes")

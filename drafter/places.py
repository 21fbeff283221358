"""How a message names a place in a file, in the language in use.

A problem carries its place as text a person reads ("line 12", "sheet 'VAK', cell B4",
"table 1, row 2, cell 3"). Every such text is made here, from numbers and names, so that
each phrase is translated once and no module glues English words around a number.
"""

from __future__ import annotations

from drafter.i18n import _


def line(number: int) -> str:
    return _("line {line}").format(line=number)


def line_column(number: int, column: int) -> str:
    return _("line {line}, column {column}").format(line=number, column=column)


def row(number: int) -> str:
    return _("row {row}").format(row=number)


def row_column(number: int, column: int | str) -> str:
    return _("row {row}, column {column}").format(row=number, column=column)


def column(name: int | str) -> str:
    return _("column {column}").format(column=name)


def sheet(name: str) -> str:
    return _("sheet '{sheet}'").format(sheet=name)


def sheet_row(name: str, number: int) -> str:
    return _("sheet '{sheet}', row {row}").format(sheet=name, row=number)


def sheet_cell(name: str, ref: str) -> str:
    return _("sheet '{sheet}', cell {cell}").format(sheet=name, cell=ref)


def sheet_cells(name: str, ref: str) -> str:
    return _("sheet '{sheet}', cells {cells}").format(sheet=name, cells=ref)


def paragraph(number: int) -> str:
    return _("paragraph {paragraph}").format(paragraph=number)


def table_cell(table: int, row_number: int, cell: int) -> str:
    return _("table {table}, row {row}, cell {cell}").format(table=table, row=row_number, cell=cell)


def named_table(name: str) -> str:
    """A table of the register's `tables:` by its name."""
    return _("table '{name}'").format(name=name)


def row_named_column(number: int, name: str) -> str:
    """A cell of a CSV file by its row and its column's name: "row 4, column 'amount'"."""
    return _("row {row}, column '{column}'").format(row=number, column=name)


def sheet_row_cell(name: str, number: int, ref: str, column: str) -> str:
    """A cell of a sheet by its row, its reference and its column's name:
    "sheet 'Begroting', row 4, cell C4 (amount)"."""
    return _("sheet '{sheet}', row {row}, cell {cell} ({column})").format(sheet=name, row=number, cell=ref,
                                                                          column=column)


def sheet_row_named_column(name: str, number: int, column: str) -> str:
    """A column of a sheet's header row by its name: "sheet 'Begroting', row 1, column 'notes'"."""
    return _("sheet '{sheet}', row {row}, column '{column}'").format(sheet=name, row=number, column=column)


def page(number: int) -> str:
    """A page of a PDF (a question document read by `drafter intake`)."""
    return _("page {page}").format(page=number)


def part(name: str) -> str:
    """A part of a Word document's package, by its name in the zip, quoted as Python writes it
    ("part 'word/document.xml'"; a backslash in a hostile name shows doubled)."""
    return _("part {part}").format(part=repr(name))


def document() -> str:
    """The whole of a document, for a figure that stands in no paragraph of its text."""
    return _("the document")


def paragraph_text(number: int, text: str) -> str:
    """A paragraph of an answer with its first words (up to a figure): 'paragraph 4, "Circa 45% ..."'."""
    return _('paragraph {number}, "{text}"').format(number=number, text=text)


def table_row_column(table: int, row_label: str, column_label: str, section: str = "") -> str:
    """A cell of an answer's table by its row's and its column's labels, and the section of nested
    rows it stands in: 'table 1, section "Other departments", row "Total", column "1983–84, outturn"'."""
    if section:
        return _('table {table}, section "{section}", row "{row}", column "{column}"').format(
            table=table, section=section, row=row_label, column=column_label)
    return _('table {table}, row "{row}", column "{column}"').format(table=table, row=row_label, column=column_label)


def table(number: int) -> str:
    """A table of an answer as a whole: 'table 2'."""
    return _("table {table}").format(table=number)


def note(number: int) -> str:
    """A note under an answer's table (a paragraph in the note style): 'note 3'."""
    return _("note {number}").format(number=number)


def notes() -> str:
    """An answer's notes as a whole."""
    return _("the notes")

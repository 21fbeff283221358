"""Reading a CSV file or an Excel sheet into text cells, as the files of real offices come.

What a civil servant's Excel writes is read, or refused with a message that says why and
what to do:

- CSV: the separator is found in the header row (';' as Belgian Excel writes it, ',' or a
  tab; Excel's own first line 'sep=;' too); UTF-8 (with or without BOM) or Windows-1252
  (where Belgian Excel writes '€' as one byte). Refused: UTF-16 ("Unicode text"), files
  that are not text (an .xlsx renamed to .csv), text that was garbled by a double
  conversion ('Ã©' for 'é'), and rows with more cells than the header. Numbers follow the
  file: with ';' the comma is the decimal mark ('1.234,5'); a figure that could be read two
  ways ('6.75' in such a file) or that Excel rounded into scientific notation is refused.
- XLSX: the first sheet, or the sheet named after '#' in the register
  (``budget.xlsx#Begroting``). A merged cell's value (Excel keeps it in the top-left cell)
  is given to every cell of the merge; a formula whose result was never computed (a file
  written by a program, never opened in Excel) is an error naming the cell; a workbook that
  unpacks to far more than a spreadsheet (a zip bomb) is refused before it is read.
- Both: control characters pasted into cells (Excel's line break in a cell copied from
  Word is '\\x0b') are replaced by a space; column names are trimmed and lower case; empty
  files, files with only a header, nameless or doubled columns and huge files are refused.

Rows are numbered as Excel shows them: the header is row 1 (or 2 after a 'sep=' line).
What was cleaned or filled in is kept as warnings (``RawTable.notices``) for `drafter check`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import places
from drafter.errors import WARNING, DataError, Problem, display_path, readable
from drafter.errors import shown as shown_value
from drafter.files import read_bytes
from drafter.i18n import N_, _, ngettext
from drafter.oxml import INVALID_XML_CHARS, opc, spreadsheet
from drafter.load.schema import MAX_FIGURE

if TYPE_CHECKING:
    import pandas as pd

#: Larger data files are refused: a budget sheet is a few thousand rows, and a person waits
#: for every row of a file to be read and checked (a large XLSX sheet far longer than a CSV file).
MAX_TABLE_BYTES = 50 * 1024 * 1024
MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_TABLE_ROWS = 100_000
#: In the register, 'budget.xlsx#Begroting' names a sheet of a workbook.
SHEET_MARK = "#"
CSV_SEPARATORS = (";", ",", "\t")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
SAVE_AS_CSV = N_("In Excel: File > Save as > 'CSV (gescheiden door lijstscheidingsteken)' or 'CSV UTF-8'.")

#: Text that was UTF-8, read as Windows-1252 and saved again: 'Ã©' for 'é', 'â‚¬' for '€'.
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                       "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]+")


@dataclass(frozen=True)
class RawTable:
    """A CSV file or an Excel sheet as text cells, with what is needed to say where a cell is."""

    path: Path
    frame: pd.DataFrame  # every cell a str ('' when empty)
    decimal_comma: bool
    sheet: str | None = None
    #: what the register's locale says the point is, for a figure the file's separator leaves
    #: ambiguous ('1,250' in a comma-separated file): True a decimal point (en_GB), False a
    #: thousands separator (nl_BE); None: no locale given, such a figure is refused
    point_decimal: bool | None = field(default=None, kw_only=True)
    header_row: int = 1  # the row (as Excel numbers it) that names the columns
    letters: dict[str, str] | None = None  # column name -> Excel column letter (sheets only)
    notices: tuple[Problem, ...] = field(default=(), compare=False)  # warnings: what was cleaned

    @cached_property
    def file(self) -> str:
        """The path as shown in messages (worked out once: messages name it for every cell)."""
        return display_path(self.path)

    @property
    def header_place(self) -> str:
        """Where the column names are: 'row 1', or "sheet 'Begroting', row 1"."""
        if self.sheet is not None:
            return places.sheet_row(self.sheet, self.header_row)
        return places.row(self.header_row)

    def header_column_place(self, column: str) -> str:
        """Where a column is named: "row 1, column 'notes'", or "sheet 'Begroting', row 1, column 'notes'"."""
        if self.sheet is not None:
            return places.sheet_row_named_column(self.sheet, self.header_row, column)
        return places.row_named_column(self.header_row, column)

    def row_number(self, index: int) -> int:
        return self.header_row + 1 + index

    def place(self, index: int, column: str | None = None) -> str:
        row = self.row_number(index)
        if self.sheet is not None:
            if column is None:
                return places.sheet_row(self.sheet, row)
            letters = self.letters or {}
            letter = letters.get(column) or column_letter(list(self.frame.columns).index(column))
            return places.sheet_row_cell(self.sheet, row, f"{letter}{row}", column)
        return places.row(row) if column is None else places.row_named_column(row, column)


def column_letter(index: int) -> str:
    """0 -> 'A', 25 -> 'Z', 26 -> 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def split_sheet(path: Path) -> tuple[Path, str | None]:
    """'data/budget.xlsx#Begroting' -> (data/budget.xlsx, 'Begroting')."""
    if SHEET_MARK in path.name:
        name, sheet = path.name.split(SHEET_MARK, 1)
        return path.with_name(name), sheet.strip() or None
    return path, None


def data_file(path: Path) -> Path:
    """The file a data set is read from (without a '#sheet')."""
    return split_sheet(path)[0]


# --------------------------------------------------------------------------- numbers


class NumberError(ValueError):
    """A cell that is not a number, with why (when there is more to say) and what to do."""

    def __init__(self, text: str, reason: str | None = None, hint: str | None = None) -> None:
        super().__init__(text)
        self.reason = reason
        self.hint = hint


_SPACES = re.compile("[ \u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"^(€|EUR)|(€|EUR)$", re.IGNORECASE)


def parse_number(text: str, decimal_comma: bool, point_decimal: bool | None = None) -> float:
    """A figure as `_plain_number` reads it; one beyond MAX_FIGURE is a NumberError."""
    return read_figure(text, decimal_comma, point_decimal)[0]


def read_figure(text: str, decimal_comma: bool, point_decimal: bool | None = None) -> tuple[float, int]:
    """A figure as `_plain_number` reads it, and the decimals it was written with ('1.234,50' in
    a ';' file: 2); one beyond MAX_FIGURE is a NumberError."""
    plain = _plain_number(text, decimal_comma, point_decimal)
    value = float(plain)
    if not abs(value) <= MAX_FIGURE:  # also infinity
        raise NumberError(text, _("the figure has {length} characters: far larger than any amount").format(
            length=len(text.strip())), _("Check the cell: a figure in euro has at most 18 digits."))
    return value, len(plain.partition(".")[2])


def _plain_number(text: str, decimal_comma: bool, point_decimal: bool | None = None) -> str:
    """A figure as a civil servant or Excel writes it, written plainly ('-1234.5'), or NumberError.

    With decimal_comma (a ';' CSV): '14250000', '14.250.000', '6,75', '1.234,5'.
    Otherwise: '14250000', '6.75', '14,250,000', '1,234.5', and '6,75' (a comma with other
    than three digits after it can only be decimal). Spaces, '€' and a sign are allowed.
    point_decimal: what the register's locale says a point is, for a figure the separator leaves
    ambiguous: '1,250' in either kind of file, '6.75' in a ';' file, '1.250' in a ',' file.
    """
    if text.isascii() and text.isdigit():  # most cells of a large file: read as they are in either kind
        return text
    t = _SPACES.sub("", text.strip())
    t = _CURRENCY.sub("", t).replace("\u2212", "-")
    sign = ""
    if t[:1] in "+-" and t[:1]:
        sign, t = t[0], t[1:]
    if re.fullmatch(r"\d+([.,]\d+)?[eE][-+]?\d+", t):
        raise NumberError(text, _("Excel wrote it in scientific notation, which rounds the figure"),
                          _("Give the column a number format without exponent in Excel (Format Cells > Number) "
                            "and save the file again."))
    if decimal_comma:
        if re.fullmatch(r"\d+(,\d+)?", t) or re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", t):
            return sign + t.replace(".", "").replace(",", ".")
        if re.fullmatch(r"\d+\.\d+", t) and point_decimal:  # the register's locale: the point is decimal
            return sign + t
        if re.fullmatch(r"\d+\.\d+", t):
            raise NumberError(text, _("in this file the comma is the decimal mark, so the point can be read two ways"),
                              _("Write {decimal} for a decimal figure, or group thousands in threes "
                                "(14.250.000).").format(decimal=t.replace(".", ",")))
    else:
        if point_decimal is False and re.fullmatch(r"[1-9]\d{0,2}\.\d{3}", t):  # '1.234' as the locale writes 1234
            return sign + t.replace(".", "")
        if re.fullmatch(r"\d+(\.\d+)?", t) or re.fullmatch(r"\d{1,3}(,\d{3})+\.\d+", t):
            return sign + t.replace(",", "")
        if re.fullmatch(r"\d{1,3}(,\d{3}){2,}", t):
            return sign + t.replace(",", "")
        if re.fullmatch(r"\d{1,3}(\.\d{3})+,\d+", t) or re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", t):
            return sign + t.replace(".", "").replace(",", ".")
        if re.fullmatch(r"\d{1,3},\d{3}", t) and point_decimal is not None:  # the register's locale decides
            return sign + (t.replace(",", "") if point_decimal else t.replace(",", "."))
        if re.fullmatch(r"\d{1,3},\d{3}", t):
            raise NumberError(text, _("the comma can be a decimal mark or a thousands separator here"),
                              _("Write {whole} for a whole number, or {decimal} for a decimal one.").format(
                                  whole=t.replace(",", ""), decimal=t.replace(",", ".")))
        if re.fullmatch(r"\d+,\d+", t):
            return sign + t.replace(",", ".")
    raise NumberError(text)


# --------------------------------------------------------------------------- reading


def read_table(path: Path) -> RawTable:
    """Read a CSV file or an Excel sheet ('book.xlsx#Sheet'); every problem is a DataError."""
    path, sheet = split_sheet(path)
    shown = display_path(path)
    suffix = path.suffix.lower()
    data = read_bytes(path, MAX_XLSX_BYTES if suffix in EXCEL_SUFFIXES else MAX_TABLE_BYTES,
                      missing_hint=_("Check the file name in the register's 'data:'."),
                      too_large_hint=_("Keep only the rows the answers need, in a file of their own."))
    return _read(path, data, sheet, shown)


def _read(path: Path, data: bytes, sheet: str | None, shown: str) -> RawTable:
    suffix = path.suffix.lower()
    if not data:
        raise DataError(_("the file is empty"), file=shown, hint=_("It needs a header row with the column names."))
    if sheet is not None and suffix not in EXCEL_SUFFIXES:
        raise DataError(_("'{mark}{sheet}' names a sheet, but only an Excel workbook (.xlsx) has sheets").format(
            mark=SHEET_MARK, sheet=sheet), file=shown,
            hint=_("Remove '{mark}{sheet}' from the file name in the register.").format(mark=SHEET_MARK, sheet=sheet))
    if suffix == ".csv":
        return _read_csv(path, data, shown)
    if suffix in EXCEL_SUFFIXES:
        return _read_xlsx(path, data, shown, sheet)
    hint = _("Use .csv, .xlsx or .yaml.")
    if suffix in (".xls", ".ods", ".xlsb"):
        hint = _("Open it in Excel and save it as an Excel workbook (.xlsx).")
    raise DataError(_("unknown data file type '{suffix}'").format(suffix=path.suffix), file=shown, hint=hint)


def _decode(data: bytes, shown: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError(_("the file is saved as 'Unicode text' (UTF-16), which drafter does not read"),
                        file=shown, hint=_(SAVE_AS_CSV))
    if data.startswith(b"PK\x03\x04"):
        raise DataError(_("this is an Excel workbook or another zip file, not a CSV text file"), file=shown,
                        hint=_("Give it the name it should have (.xlsx), or save it from Excel as CSV."))
    nul = data.find(b"\x00", 0, 1 << 16)
    if nul >= 0:
        raise DataError(_("the file is not text (it holds NUL bytes)"), file=shown,
                        place=places.line(_line_at(data, nul)), hint=_(SAVE_AS_CSV))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise DataError(_("the file is neither UTF-8 nor Windows-1252 text"), file=shown,
                        place=places.line(_line_at(data, exc.start)), hint=_(SAVE_AS_CSV)) from exc


def _line_at(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _garbled(text: str, shown: str, offset: int) -> None:
    """Refuse text that lost characters or was converted between encodings twice."""
    if text.isascii():  # both need a character beyond ASCII
        return
    bad = text.find("\ufffd")
    if bad >= 0:
        raise DataError(_("the file holds '\ufffd' where a character was lost in a conversion"), file=shown,
                        place=places.line(text.count(chr(10), 0, bad) + 1 + offset),
                        hint=_("Take the figures again from the original Excel file and save them as CSV UTF-8."))
    for m in _MOJIBAKE.finditer(text):
        try:
            meant = m.group().encode("cp1252").decode("utf-8")
        except UnicodeError:
            continue
        raise DataError(
            _("the text is garbled: '{found}' where '{meant}' was meant (the file was converted between "
              "encodings twice)").format(found=m.group(), meant=meant),
            file=shown,
            place=places.line(text.count(chr(10), 0, m.start()) + 1 + offset),
            hint=_("Take the figures again from the original Excel file and save them as CSV UTF-8."),
        )


#: How many rows at the top of a file or sheet are looked at for the row of column names.
_TOP_ROWS = 20


def _csv_cells(line: str, sep: str | None) -> list[str]:
    """A line's cells split on sep, or (sep None) on the separator that gives the most cells."""
    line = line.strip("\r")
    try:
        splits = [next(csv.reader([line], delimiter=s), []) for s in ((sep,) if sep else CSV_SEPARATORS)]
    except csv.Error:
        return [line]
    return max(splits, key=len)


def _filled(cells) -> int:
    return sum(1 for c in cells if c is not None and _excel_text(c).strip())


def _rows_above_header(rows: list[list], shown: str, first_row: int, sheet: str | None = None) -> int:
    """How many blank rows stand above the row of column names (read from there on). rows: the
    top rows of a file or sheet, as cells. The column names are the first row with two or more
    cells filled; a row above them with one cell filled is a title (an export of Excel with a title
    above the table), which is an error naming the row of column names: drafter would otherwise
    read the title as the column names. A table of one column starts at its first filled row."""
    header = next((i for i, cells in enumerate(rows) if _filled(cells) >= 2), None)
    if header is None:
        return next((i for i, cells in enumerate(rows) if _filled(cells)), 0)
    titles = [i for i in range(header) if _filled(rows[i])]
    if titles:
        row = first_row + header
        raise DataError(ngettext("the column names are in row {row}; the row above them ({title}) is not part of "
                                 "the table",
                                 "the column names are in row {row}; the {count} rows above them ({title}, ...) are "
                                 "not part of the table", header).format(
                            row=row, count=header, title=shown_value(_excel_text(
                                next(c for c in rows[titles[0]] if c is not None and _excel_text(c).strip())).strip())),
                        file=shown, place=places.sheet(sheet) if sheet is not None else None,
                        hint=ngettext("Delete row {first}, above the column names.",
                                      "Delete rows {first} to {last}, above the column names.", header).format(
                                first=first_row, last=row - 1))
    return header


def _separator(header: str, shown: str, line: int) -> str:
    try:
        counts = {sep: len(next(csv.reader([header], delimiter=sep))) for sep in CSV_SEPARATORS}
    except csv.Error as exc:
        raise DataError(_("not a well-formed CSV file ({reason})").format(reason=readable(exc)), file=shown,
                        place=places.line(line), hint=_("Save the file again from Excel, as 'CSV UTF-8'.")) from exc
    best = max(counts.values())
    if best == 1:
        return ";"  # one column: any separator reads it the same
    winners = [sep for sep, n in counts.items() if n == best]
    if len(winners) > 1:
        if len(winners) == 2:
            message = _("cannot tell which separator the file uses: the header row splits alike on {first} and "
                        "{second}").format(first=repr(winners[0]), second=repr(winners[1]))
        else:
            message = _("cannot tell which separator the file uses: the header row splits alike on {first} and "
                        "{second} and {third}").format(first=repr(winners[0]), second=repr(winners[1]),
                                                       third=repr(winners[2]))
        raise DataError(message, file=shown, place=places.line(line),
                        hint=_("Keep the separator out of the column names, or save the file again from Excel."))
    return winners[0]


def _read_csv(path: Path, data: bytes, shown: str) -> RawTable:
    text = _decode(data, shown)
    if "\r" in text and "\n" not in text:  # Excel for Mac ("CSV (Macintosh)") ends lines with CR only
        text = text.replace("\r", "\n")
    header_row = 1
    first, _newline, rest = text.partition("\n")
    m = re.fullmatch(r'"?sep=(.)"?\r?', first.strip("\r"))
    if m:  # Excel's hint line: the separator, then the header
        sep, text, header_row = m.group(1), rest, 2
    _garbled(text, shown, header_row - 1)
    if not text.strip():
        raise DataError(_("the file has no header row"), file=shown, hint=_("Add the column names in row 1."))
    lines = text.split("\n", _TOP_ROWS)[:_TOP_ROWS]
    skipped = _rows_above_header([_csv_cells(line, sep if m else None) for line in lines], shown, header_row)
    if skipped:  # blank rows above the column names: the table starts below them
        text = text.split("\n", skipped)[skipped]
        header_row += skipped
    if not m:
        sep = _separator(text.split("\n", 1)[0].strip("\r"), shown, header_row)
    fast = _read_plain_csv(text, sep)
    if fast is not None:
        header, frame = fast
        if len(frame) > MAX_TABLE_ROWS:
            raise DataError(_("the file has more than {limit} rows").format(limit=MAX_TABLE_ROWS), file=shown,
                            hint=_("Keep only the rows the answers need, in a file of their own."))
        frame.columns = _column_names(header, shown, lambda i: places.row_column(header_row, i + 1))
        return _clean(RawTable(path, frame, decimal_comma=(sep != ","), header_row=header_row),
                      controls=_has_control(text))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, skipinitialspace=True)
    rows: list[list[str]] = []
    try:
        header = next(reader)
        for row in reader:
            if len(rows) >= MAX_TABLE_ROWS:
                raise DataError(_("the file has more than {limit} rows").format(limit=MAX_TABLE_ROWS), file=shown,
                                hint=_("Keep only the rows the answers need, in a file of their own."))
            rows.append(row)
    except csv.Error as exc:
        raise DataError(_("not a well-formed CSV file ({reason})").format(reason=readable(exc)), file=shown,
                        place=places.row(reader.line_num + header_row - 1),
                        hint=_("Save the file again from Excel.")) from exc
    problems: list[Problem] = []
    width = len(header)
    _unclosed_quote([header, *rows], sep, shown, header_row)
    # A separator at the end of every row (but not of the header) is harmless; one row longer
    # than the others has a cell split in two, and its cells would land in the wrong columns.
    filled = [row for row in rows if any(c.strip() for c in row)]
    trailing = bool(filled) and all(len(row) > width for row in filled)
    for i, row in enumerate(rows):
        if len(row) > width:
            if any(c.strip() for c in row[width:]) or not trailing and any(c.strip() for c in row):
                problems.append(Problem(
                    _("the row has {cells} cells, the header {width}").format(cells=len(row), width=width), file=shown,
                    place=places.row(header_row + 1 + i),
                    hint=_("A cell holds the separator {separator} without quotes, or a column has no name in the "
                           "header; quote such cells or name the column.").format(separator=repr(sep))))
            del row[width:]
        elif len(row) < width:
            row.extend([""] * (width - len(row)))
    if problems:
        raise DataError(problems=problems)
    columns = _column_names(header, shown, lambda i: places.row_column(header_row, i + 1))
    import pandas as pd  # where data is read: status and verify read none

    frame = pd.DataFrame(rows, columns=columns, dtype=object) if rows else pd.DataFrame(columns=columns, dtype=object)
    raw = RawTable(path, frame, decimal_comma=(sep != ","), header_row=header_row)
    return _clean(raw)


def _unclosed_quote(rows: list[list[str]], sep: str, shown: str, header_row: int) -> None:
    """A DataError for a quote (") that is never closed: csv.reader reads on to the next quote, or
    to the end of the file, as one cell, and the rows it swallowed would be missing (or their
    figures blamed on a cell left empty). A cell that runs over lines holding the separator is
    such a cell: a text typed over two lines in a cell of Excel (Alt+Enter) is no row of cells."""
    for i, row in enumerate(rows):
        for column, cell in enumerate(row):
            first, newline, rest = cell.partition("\n")
            if newline and sep in rest:
                lines = cell.count("\n")
                raise DataError(
                    ngettext("a quote (\") is not closed: the cell in column {column} runs on over the next line, "
                             "which it swallows",
                             "a quote (\") is not closed: the cell in column {column} runs on over the next {count} "
                             "lines, which it swallows", lines).format(column=column + 1, count=lines),
                    file=shown, place=places.row(header_row + i),
                    hint=_("The cell starts with {text}: close its quote where the text ends, or remove the quote "
                           "(a quote that belongs to the text is written twice: \"\").").format(
                        text=shown_value(first.strip(), 40)))


def _read_plain_csv(text: str, sep: str) -> tuple[list[str], pd.DataFrame] | None:
    """The header and the rows of a CSV file without quotes, read by pandas' C parser: what
    csv.reader (in _read_csv) gives for such a file, in a small part of its time on a large one.

    None when the file has anything the two could read differently: quotes, a line ending in
    a bare CR, a cell starting with a space (csv.reader skips it), a leading BOM (pandas drops
    it), a blank header, a row longer than the header, a cell longer than csv.reader takes.
    """
    first = text.split("\n", 1)[0]
    if ('"' in text or "\r" in text and text.count("\r") != text.count("\r\n") or text.startswith((" ", "\ufeff"))
            or " " in text and ("\n " in text or sep + " " in text) or not first.strip()
            or _has_line_of(text, csv.field_size_limit())):
        return None
    import pandas as pd  # where data is read: status and verify read none

    # From UTF-8 bytes: a text (io.StringIO) would be held four bytes a character, then encoded
    # again. In one piece (low_memory=False): at most MAX_TABLE_ROWS rows, and no chunks joined.
    try:
        frame = pd.read_csv(io.BytesIO(text.encode("utf-8")), encoding="utf-8", sep=sep, header=None, dtype=object,
                            na_filter=False, skip_blank_lines=False, quoting=csv.QUOTE_NONE, low_memory=False)
    except (pd.errors.ParserError, ValueError):
        return None
    if frame.shape[1] != len(first.rstrip("\r").split(sep)):
        return None
    header = frame.iloc[0].tolist()
    frame = frame.iloc[1:].reset_index(drop=True)
    return header, frame


def _has_line_of(text: str, length: int) -> bool:
    """Whether a line of the text has `length` characters or more (looked for a window of
    `length` characters at a time: a file of short lines takes a few steps)."""
    start = 0
    while len(text) - start >= length:
        newline = text.rfind("\n", start, start + length)
        if newline < 0:
            return True
        start = newline + 1
    return False


#: The control characters of ASCII that INVALID_XML_CHARS finds.
_ASCII_CONTROLS = tuple(chr(c) for c in range(128) if INVALID_XML_CHARS.match(chr(c)))


def _has_control(text: str) -> bool:
    """INVALID_XML_CHARS.search(text), at C speed for an ASCII text (a search for one
    character is a memchr: thirty of them take less than one pass of the expression)."""
    if text.isascii():
        return any(map(text.__contains__, _ASCII_CONTROLS))
    return INVALID_XML_CHARS.search(text) is not None


def _column_names(header: list, shown: str, where) -> list[str]:
    names = [INVALID_XML_CHARS.sub("", str(h or "")).strip().lower() for h in header]
    problems, seen = [], {}
    for i, name in enumerate(names):
        if not name:
            continue
        if name in seen:
            problems.append(Problem(_("the column '{name}' appears twice (also at column {column})").format(
                name=name, column=seen[name] + 1), file=shown, place=where(i), hint=_("Keep one of them, or rename it.")))
        seen.setdefault(name, i)
    if problems:
        raise DataError(problems=problems)
    return names


def _clean(raw: RawTable, controls: bool = True) -> RawTable:
    """Drop unnamed empty columns; refuse unnamed columns with content and tables without rows;
    replace control characters by a space (noted as warnings). controls=False: the caller
    knows that no cell holds one (it searched the whole file at once)."""
    frame, problems, notices = raw.frame, [], []
    keep = []
    for i, name in enumerate(frame.columns):
        if name:
            keep.append(i)
            continue
        filled = next((j for j, v in enumerate(frame.iloc[:, i]) if str(v).strip()), None)
        if filled is not None:
            column = (raw.letters or {}).get(i, column_letter(i)) if raw.sheet else i + 1
            problems.append(Problem(_("column {column} has values (e.g. {value}, row {row}) but no name in the header "
                                      "row").format(column=column, value=repr(str(frame.iloc[filled, i])),
                                                    row=raw.row_number(filled)),
                                    file=raw.file, place=raw.header_place,
                                    hint=_("Name the column in the header row, or delete it.")))
    if problems:
        raise DataError(problems=problems)
    # A column is only ever replaced whole (frame[column] = ...), never written into: with every
    # column kept, a shallow copy leaves the frame read as it was without copying its cells.
    frame = frame.copy(deep=False) if len(keep) == frame.shape[1] else frame.iloc[:, keep].copy()
    letters = {frame.columns[k]: raw.letters[i] for k, i in enumerate(keep)} if raw.letters else None
    if not any(any(str(v).strip() for v in row) for row in frame.itertuples(index=False)):
        raise DataError(_("the file has a header row but no rows of data under it"), file=raw.file,
                        place=raw.header_place, hint=_("Add the figures under the header row."))
    raw = RawTable(raw.path, frame, raw.decimal_comma, raw.sheet, raw.header_row, letters, raw.notices)
    for column in frame.columns if controls else ():
        values = frame[column].tolist()
        if not INVALID_XML_CHARS.search("\n".join(map(str, values))):
            continue  # one search over the column: the cells are looked at one by one only when it finds one
        for index, value in enumerate(values):
            if isinstance(value, str) and INVALID_XML_CHARS.search(value):
                values[index] = INVALID_XML_CHARS.sub(" ", value)
                notices.append(Problem(
                    _("a control character (pasted from Excel or Word) was replaced by a space"),
                    file=raw.file, place=raw.place(index, column), severity=WARNING,
                    hint=_("Retype the cell if its text looks wrong.")))
        import pandas as pd  # where data is read: status and verify read none

        frame[column] = pd.Series(values, index=frame.index, dtype=object)
    return RawTable(raw.path, frame, raw.decimal_comma, raw.sheet, raw.header_row, letters,
                    raw.notices + tuple(notices))


# --------------------------------------------------------------------------- Excel

_CELL_REF = re.compile(r"^([A-Z]{1,3})(\d+)$")


def _letter_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _excel_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(value)), "f")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _excel_texts(values) -> list[str]:
    """_excel_text of every cell of a column; a column of texts and whole numbers at once."""
    if set(map(type, values)) <= {str, int, type(None)}:
        return ["" if v is None else v if type(v) is str else str(v) for v in values]
    return list(map(_excel_text, values))


def workbook_parts(data: bytes, shown: str) -> dict[str, bytes]:
    """A workbook's parts, inflated within MAX_XLSX_UNPACKED (counted as they inflate); a
    file that is no zip, a zip bomb, a damaged entry or a part with a DTD is a DataError."""
    hint = _("Open it in Excel and save it again as an Excel workbook (.xlsx).")
    if opc.is_encrypted(data):
        raise DataError(_("the workbook is protected with a password, so drafter cannot read it"), file=shown,
                        hint=_("Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt "
                               "with Password), and save it."))
    if opc.is_ole(data):
        raise DataError(_("this is an old Excel or Office file (.xls), not an Excel workbook (.xlsx)"), file=shown,
                        hint=hint)
    try:
        parts = opc.read_zip(data, max_unpacked=MAX_XLSX_UNPACKED, what=_("a spreadsheet"))
    except opc.NotAZip as exc:
        raise DataError(_("not an Excel workbook (.xlsx): the file is not a valid zip package"), file=shown,
                        hint=hint) from exc
    except opc.Damaged as exc:
        raise DataError(_("not an Excel workbook (.xlsx): the package is damaged ({reason})").format(
            reason=exc.message), file=shown, hint=hint) from exc
    except opc.PackageError as exc:
        raise DataError(exc.message, file=shown, place=places.part(exc.part) if exc.part else None,
                        hint=_("Use a workbook saved by Excel, with only the sheets the answers need.")) from exc
    if opc.MAIN_DOCUMENT in parts:
        raise DataError(_("this is a Word document, not an Excel workbook"), file=shown,
                        hint=_("Give the Excel file with the figures in the register's 'data:'."))
    declared = opc.dtd_parts(parts)
    if declared:
        raise DataError(_("the part declares a DTD or entities (<!DOCTYPE or <!ENTITY), which an Excel workbook "
                          "never has"), file=shown, place=places.part(declared[0]), hint=hint)
    return parts


def open_workbook(data: bytes, shown: str, *, read_only: bool):
    """openpyxl's workbook of a file's bytes (first read by `read_bytes` and found sound by
    `workbook_parts`); a workbook openpyxl cannot read is a DataError."""
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=read_only, data_only=read_only)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on a broken file
        raise DataError(_("cannot read this Excel file ({reason})").format(reason=readable(exc)), file=shown,
                        hint=_("Open it in Excel and save it again as an Excel workbook (.xlsx).")) from exc


def _read_xlsx(path: Path, data: bytes, shown: str, sheet: str | None) -> RawTable:
    hint = _("Open it in Excel and save it again as an Excel workbook (.xlsx).")
    parts = workbook_parts(data, shown)
    book = open_workbook(data, shown, read_only=True)
    notices: list[Problem] = []
    chosen = sheet is not None
    try:
        names = book.sheetnames
        if sheet is None:
            if not names:
                raise DataError(_("the workbook has no sheets"), file=shown, hint=hint)
            sheet = names[0]
            if len(names) > 1:
                notices.append(Problem(
                    _("the workbook has {count} sheets ({sheets}); drafter reads the first, {sheet}").format(
                        count=len(names), sheets=", ".join(repr(n) for n in names), sheet=repr(sheet)),
                    file=shown, severity=WARNING,
                    hint=_("Name the sheet in the register to be sure: '{file}'.").format(
                        file=f"{path.name}{SHEET_MARK}{sheet}")))
        elif sheet not in names:
            match = next((n for n in names if n.casefold() == sheet.casefold()), None)
            if match is None:
                raise DataError(_("the workbook has no sheet {sheet} (its sheets: {sheets})").format(
                    sheet=repr(sheet), sheets=", ".join(repr(n) for n in names)), file=shown,
                                hint=_("Correct the name after '#' in the register's 'data:'."))
            sheet = match
        ws = book[sheet]
        state = getattr(ws, "sheet_state", "visible")
        if not chosen and state != "visible":
            visible = [n for n in names if getattr(book[n], "sheet_state", "visible") == "visible"]
            raise DataError(_("the first sheet, {sheet}, is hidden: drafter would read figures that nobody "
                              "sees in Excel").format(sheet=repr(sheet)), file=shown, place=places.sheet(sheet),
                            hint=_("Name the sheet to read in the register, e.g. '{file}', or delete the hidden "
                                   "sheet.").format(file=f"{path.name}{SHEET_MARK}{visible[0] if visible else sheet}"))
        if not hasattr(ws, "iter_rows"):
            raise DataError(_("{sheet} is a chart, not a sheet of figures").format(sheet=repr(sheet)), file=shown,
                            hint=_("Name a sheet with the figures after '#' in the register."))
        stated = ws.max_row  # from the sheet's own dimension, when it states one: refuse before reading
        if stated is not None and stated > MAX_TABLE_ROWS + 1:
            raise DataError(_("the sheet has {rows} rows, more than {limit}").format(rows=stated, limit=MAX_TABLE_ROWS),
                            file=shown, place=places.sheet(sheet), hint=_("Keep only the rows the answers need."))
        grid = []
        try:
            for row in ws.iter_rows(min_row=1, values_only=True):
                if len(grid) > MAX_TABLE_ROWS:
                    raise DataError(_("the sheet has more than {limit} rows").format(limit=MAX_TABLE_ROWS), file=shown,
                                    place=places.sheet(sheet), hint=_("Keep only the rows the answers need."))
                grid.append(list(row))
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged sheet
            raise DataError(_("cannot read the sheet {sheet} ({reason})").format(sheet=repr(sheet), reason=readable(exc)),
                            file=shown, hint=hint) from exc
        merges, uncached = spreadsheet.scan_sheet(parts, spreadsheet.sheet_part(parts, sheet))
    finally:
        book.close()
    try:
        return _sheet_table(path, shown, sheet, grid, merges, uncached, notices)
    except DataError as exc:
        if chosen or len(names) < 2:
            raise
        other = next(n for n in names if n != sheet)
        more = _("drafter read the first of the workbook's {count} sheets; to read another, name it in the "
                 "register, e.g. '{file}'.").format(count=len(names), file=f"{path.name}{SHEET_MARK}{other}")
        raise DataError(problems=[replace(p, hint=(p.hint or "") + " " + more) for p in exc.problems]) from exc


def _sheet_table(path, shown, sheet, grid, merges, uncached, notices) -> RawTable:
    width = max((len(r) for r in grid), default=0)
    grid = [r + [None] * (width - len(r)) for r in grid]
    top = next((i for i, r in enumerate(grid) if any(_excel_text(v).strip() for v in r)), None)
    if top is None:
        raise DataError(_("the sheet {sheet} is empty").format(sheet=repr(sheet)), file=shown,
                        hint=_("Put the column names in row 1 and the figures under them."))
    top += _rows_above_header(grid[top:top + _TOP_ROWS], shown, top + 1, sheet)
    header_row = top + 1
    problems = []
    for ref, formula in uncached:
        m = _CELL_REF.match(ref)
        if m and int(m.group(2)) > header_row:
            problems.append(Problem(
                _("the cell holds a formula (={formula}) whose result was never computed").format(formula=formula),
                file=shown, place=places.sheet_cell(sheet, ref),
                hint=_("Open the file in Excel (or LibreOffice), let it calculate, and save it again.")))
    if problems:
        raise DataError(problems=problems)
    for ref in merges:
        try:
            first, last = ref.split(":")
            (c1, r1), (c2, r2) = _CELL_REF.match(first).groups(), _CELL_REF.match(last).groups()
        except (ValueError, AttributeError):
            continue
        r1, r2, c1, c2 = int(r1) - 1, int(r2) - 1, _letter_index(c1), _letter_index(c2)
        if r1 < header_row or r2 >= len(grid):  # a merge in or above the header: a title, not figures
            continue
        value = grid[r1][c1] if c1 < width else None
        for r in range(r1, r2 + 1):
            for c in range(c1, min(c2 + 1, width)):
                grid[r][c] = value
        notices.append(Problem(
            _("the cells {cells} are merged; each of them is read as {value}").format(
                cells=ref, value=repr(_excel_text(value))),
            file=shown, place=places.sheet_cells(sheet, ref), severity=WARNING,
            hint=_("Unmerge them in Excel and fill in every cell, so that each row stands on its own.")))
    header = grid[top]
    columns = _column_names(header, shown, lambda i: places.sheet_cell(sheet, f"{column_letter(i)}{header_row}"))
    length = len(grid) - top - 1
    texts = [_excel_texts(c) for c in zip(*grid[top + 1:])] or [[] for _ in columns]
    while length and not any(t[length - 1].strip() for t in texts):
        length -= 1
    import pandas as pd  # where data is read: status and verify read none

    frame = pd.DataFrame({i: pd.Series(t[:length], dtype=object) for i, t in enumerate(texts)})
    frame.columns = columns
    letters = {i: column_letter(i) for i in range(len(columns))}
    raw = RawTable(path, frame, decimal_comma=False, sheet=sheet, header_row=header_row, letters=letters,
                   notices=tuple(notices))
    return _clean(raw)

"""Loading the figures behind an answer: budget tables (CSV/XLSX), shares, YAML data, notes.

Each loader checks its file and reports problems with the file and the place: the row and
column of a CSV or XLSX cell (as Excel shows them), the line of a YAML value. What it
returns is plain data; formatting belongs to the view.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from drafter.load import schema
from drafter.errors import DataError, Problem, display_path
from drafter.load.tabular import NumberError, RawTable, data_file, parse_number, read_table
from drafter.load.yamlfile import LineDict, load_yaml

KINDS = schema.KINDS
NOT_APPLICABLE_TOKENS = schema.NOT_APPLICABLE_TOKENS
BUDGET_COLUMNS = schema.BUDGET.required
SHARES_COLUMNS = schema.SHARES.required


def _require_columns(raw: RawTable, columns: tuple[str, ...], what: str) -> None:
    missing = [c for c in columns if c not in raw.frame.columns]
    if missing:
        raise DataError(
            f"{what}: the column(s) {', '.join(repr(c) for c in missing)} are missing "
            f"(found: {', '.join(repr(c) for c in raw.frame.columns) or 'none'})",
            file=raw.file,
            place=raw.header_place,
            hint=f"Row {raw.header_row} must name the columns {', '.join(columns)}."
            + "".join(f" Is '{found[0]}' meant to be '{c}'?" for c in missing
                      for found in [difflib.get_close_matches(c, list(raw.frame.columns), n=1, cutoff=0.6)] if found),
        )


# --------------------------------------------------------------------------- budget


@dataclass(frozen=True)
class BudgetCell:
    line: str
    year: int
    kind: str
    amount: float | None  # None: no figure (status tells why)
    status: str  # "value", "not_applicable" or "empty"
    notes: tuple[str, ...]
    part_of: str | None
    place: str


class BudgetData:
    """Budget figures: one row per budget line, year and kind (VAK/VEK)."""

    def __init__(self, name: str, raw: RawTable, cells: dict[tuple[str, int, str], BudgetCell]) -> None:
        self.name = name
        self.raw = raw
        self.cells = cells
        self._frame: pd.DataFrame | None = None
        self._selections: dict[tuple, dict] = {}
        self._line_names: frozenset[str] | None = None

    @property
    def file(self) -> str:
        return self.raw.file

    def frame(self) -> pd.DataFrame:
        """The figures as a tidy DataFrame (line, year, kind, amount, status, notes, cell)."""
        if self._frame is None:
            self._frame = pd.DataFrame(
                [
                    {"line": c.line, "year": c.year, "kind": c.kind, "amount": c.amount, "status": c.status,
                     "notes": c.notes, "cell": c}
                    for c in self.cells.values()
                ],
                columns=["line", "year", "kind", "amount", "status", "notes", "cell"],
            )
        return self._frame

    def select(self, lines: tuple, years: tuple, kinds: tuple, rows: str, columns: str) -> dict[tuple, BudgetCell]:
        """The cells of these lines, years and kinds, by (row key, column key), selected with
        pandas; remembered, as the answers of a batch mostly ask for the same tables."""
        key = (lines, years, kinds, rows, columns)
        found = self._selections.get(key)
        if found is None:
            frame = self.frame()
            chosen = frame[frame["line"].isin(lines) & frame["year"].isin(years) & frame["kind"].isin(kinds)]
            found = {(r[rows], r[columns]): r["cell"] for r in chosen.to_dict("records")}
            self._selections[key] = found
        return found

    def cell(self, line: str, year: int, kind: str) -> BudgetCell | None:
        return self.cells.get((line, int(year), kind))

    def line_names(self) -> frozenset[str]:
        """The budget lines in the file (worked out once)."""
        if self._line_names is None:
            self._line_names = frozenset(k[0] for k in self.cells)
        return self._line_names

    def lines(self) -> list[str]:
        return sorted({k[0] for k in self.cells})

    def amount(self, line: str, year: int, kind: str) -> float:
        """The amount of one cell; a missing or non-numeric cell is an error that says which."""
        cell = self.cell(line, year, kind)
        if cell is None:
            raise DataError(
                f"no row for budget line '{line}', year {year}, kind {kind}",
                file=self.file,
                hint=f"Add that row, or check the name (lines here: {', '.join(self.lines())}).",
            )
        if cell.amount is None:
            raise DataError(
                f"budget line '{line}', year {year}, kind {kind} has no amount",
                file=self.file,
                place=cell.place,
                hint="Fill in the amount, or do not use this figure in a text.",
            )
        return cell.amount


def load_budget(name: str, raw: RawTable) -> BudgetData:
    _require_columns(raw, BUDGET_COLUMNS, "budget table")
    problems: list[Problem] = []
    cells: dict[tuple[str, int, str], BudgetCell] = {}
    has_notes = "notes" in raw.frame.columns
    has_part = "part_of" in raw.frame.columns

    def bad(index, column, message, hint):
        problems.append(Problem(message, file=raw.file, place=raw.place(index, column), hint=hint))

    names = list(raw.frame.columns)
    for index, values in enumerate(zip(*(raw.frame[c] for c in names))):  # much faster than to_dict on big sheets
        row = {k: v.strip() if isinstance(v, str) else v for k, v in zip(names, values)}
        if not any(row.values()):
            continue  # blank line in a sheet
        line, year_text, kind, amount_text = row["line"], row["year"], row["kind"], row["amount"]
        ok = True
        if not line:
            bad(index, "line", "the budget line is empty", "Name the budget line (e.g. clusters).")
            ok = False
        try:
            year = int(float(year_text.replace(",", ".")))
            if not schema.FIRST_YEAR <= year <= schema.LAST_YEAR or float(year_text.replace(",", ".")) != year:
                raise ValueError
        except ValueError:
            bad(index, "year", f"'{year_text}' is not a year", "Write the year as four digits, e.g. 2016.")
            ok = False
        if kind.upper() not in KINDS:
            bad(index, "kind", f"'{kind}' is not a budget kind", f"Use one of {', '.join(KINDS)}.")
            ok = False
        kind = kind.upper()
        amount, status = None, "empty"
        if amount_text.lower() in NOT_APPLICABLE_TOKENS:
            status = "not_applicable"
        elif amount_text:
            try:
                amount, status = parse_number(amount_text, raw.decimal_comma), "value"
            except NumberError as exc:
                bad(
                    index,
                    "amount",
                    f"'{amount_text}' is not an amount" + (f": {exc.reason}" if exc.reason else ""),
                    exc.hint or "Write a number (14250000), 'n.v.t.' when it does not apply, or leave it empty.",
                )
                ok = False
        if not ok:
            continue
        key = (line, year, kind)
        if key in cells:
            bad(index, None, f"budget line '{line}', {year} {kind} appears twice (first at {cells[key].place})", "Keep one row.")
            continue
        notes = tuple(n for n in re.split(r"[\s,;]+", row.get("notes", "")) if n) if has_notes else ()
        part_of = (row.get("part_of") or None) if has_part else None
        cells[key] = BudgetCell(line, year, kind, amount, status, notes, part_of, raw.place(index))
    if problems:
        raise DataError(problems=problems)
    return BudgetData(name, raw, cells)


# --------------------------------------------------------------------------- shares


class SharesData:
    """Shares of a whole by category (e.g. support by company size); percentages are computed."""

    def __init__(self, name: str, raw: RawTable, shares: dict[str, float], labels: dict[str, str],
                 places: dict[str, str] | None = None) -> None:
        self.name = name
        self.raw = raw
        self.shares = shares
        self.labels = labels
        self.places = places or {}  # category -> its row ('row 3'), for traced figures
        self.formatter = None  # a document's: see with_formatter

    def with_formatter(self, formatter) -> SharesData:
        """A copy that formats for one document; the loaded data itself is shared between answers."""
        bound = copy.copy(self)
        bound.formatter = formatter
        return bound

    @property
    def file(self) -> str:
        return self.raw.file

    @property
    def total(self) -> float:
        return sum(self.shares.values())

    def fraction(self, category: str) -> float:
        if category not in self.shares:
            raise DataError(
                f"there is no category '{category}'",
                file=self.file,
                hint=f"The categories are: {', '.join(self.shares)}.",
            )
        return self.shares[category] / self.total

    def percent(self, category: str, decimals: int = 0) -> str:
        return self.formatter.percent(self.fraction(category), decimals)

    def place(self, category: str) -> str:
        return self.places.get(category, "")


def load_shares(name: str, raw: RawTable) -> SharesData:
    _require_columns(raw, SHARES_COLUMNS, "shares table")
    key_column = next((c for c in raw.frame.columns if c not in ("share", "label")), None)
    if key_column is None:
        raise DataError("shares table: no column names the categories", file=raw.file, place=raw.header_place,
                        hint="Add a first column such as 'size' with the category keys.")
    problems, shares, labels, places = [], {}, {}, {}
    for index, row in enumerate(raw.frame.to_dict("records")):
        key = row[key_column].strip()
        if not key:
            continue
        if key in shares:
            problems.append(Problem(f"the category '{key}' appears twice", file=raw.file,
                                    place=raw.place(index, key_column), hint="Keep one row per category."))
            continue
        if key.casefold() in schema.TOTAL_WORDS or row.get("label", "").strip().casefold() in schema.TOTAL_WORDS:
            problems.append(Problem(f"'{key}' is a total, not a category: it would count every share twice",
                                    file=raw.file, place=raw.place(index, key_column),
                                    hint="Remove the total row; drafter computes the percentages from the categories."))
            continue
        try:
            value = parse_number(row["share"], raw.decimal_comma)
            if value < 0:
                raise ValueError
        except ValueError:
            problems.append(Problem(f"'{row['share']}' is not a share", file=raw.file,
                                    place=raw.place(index, "share"), hint="Write a positive number, e.g. 45."))
            continue
        shares[key] = value
        labels[key] = row.get("label", key)
        places[key] = raw.place(index)
    if problems:
        raise DataError(problems=problems)
    if not shares or sum(shares.values()) == 0:
        raise DataError("shares table: the shares add up to zero", file=raw.file, hint="Fill in the shares.")
    return SharesData(name, raw, shares, labels, places)


# --------------------------------------------------------------------------- YAML data


class RecordData:
    """Structured data from YAML (e.g. evaluation measures), read with attribute access."""

    def __init__(self, name: str, path: Path, content: LineDict) -> None:
        self.name = name
        self.path = path
        self._content = content

    @property
    def file(self) -> str:
        return display_path(self.path)

    def __getattr__(self, key):
        content = self.__dict__.get("_content")
        if content is None or key.startswith("_"):
            raise AttributeError(key)
        if key in content:
            return _wrap(content[key])
        if key == "text" and "measures" in content:
            return self.text_of_measures()
        raise AttributeError(key)

    def text_of_measures(self) -> str:
        """The summary and every measure's text, as one paragraph."""
        parts = [self._content.get("summary", "")]
        for i, m in enumerate(self._content.get("measures") or []):
            if not isinstance(m, dict) or not isinstance(m.get("text"), str):
                raise DataError("every measure needs a 'text'", file=self.file,
                                place=f"line {self._content['measures'].line_of(i)}")
            parts.append(m["text"])
        return " ".join(" ".join(p.split()) for p in parts if p)


class _Record(dict):
    def __getattr__(self, key):
        try:
            return _wrap(self[key])
        except KeyError:
            raise AttributeError(key) from None


def _wrap(value):
    if isinstance(value, dict):
        return _Record(value)
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    if isinstance(value, str):
        return " ".join(value.split())
    return value


# --------------------------------------------------------------------------- notes


@dataclass(frozen=True)
class NoteCatalog:
    """Note texts by key (a Jinja2 text each), from the register's notes file.

    A note is one text for every language, or a text per language (nl, fr, en, ...): an
    answer takes the text in its own language.
    """

    path: Path | None
    texts: dict[str, str | dict[str, str]]
    lines: dict[str, int]  # key -> the line of its text (of its first text, with several languages)
    language_lines: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, language) -> line

    @property
    def file(self) -> str:
        return display_path(self.path) if self.path else "(no notes file)"

    def text(self, key: str, language: str) -> str:
        """The note's text for an answer in this language (the key must exist)."""
        text = self.texts[key]
        if isinstance(text, str):
            return text
        if language not in text:
            raise DataError(
                f"the note '{key}' has no text in the answer's language ({language})",
                file=self.file,
                place=f"line {self.lines.get(key, 0)}",
                hint=f"Add '{language}: ...' under '{key}:' (it has: {', '.join(text)}).",
            )
        return text[language]

    def line(self, key: str, language: str) -> int:
        """The line of the note's text in this language (for messages)."""
        return self.language_lines.get((key, language), self.lines.get(key, 0))

    def variants(self):
        """(key, line, text) for every text of every note, to check them all."""
        for key, text in self.texts.items():
            if isinstance(text, str):
                yield key, self.lines.get(key, 0), text
            else:
                yield from ((key, self.line(key, lang), t) for lang, t in text.items())


def _note_text(value):
    """A note's text, or its texts by language; None when it is neither."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict) and value and all(
        isinstance(k, str) and re.fullmatch(r"[a-z]{2,3}", k) and isinstance(v, str) for k, v in value.items()
    ):
        return {k: " ".join(v.split()) for k, v in value.items()}
    return None


def load_notes(path: Path | None) -> NoteCatalog:
    if path is None:
        return NoteCatalog(None, {}, {})
    raw = load_yaml(path)
    if raw is None:
        return NoteCatalog(path, {}, {})
    if not isinstance(raw, LineDict):
        raise DataError("the notes file must map keys to texts (key: text)", file=display_path(path))
    problems, texts, language_lines = [], {}, {}
    for key, value in raw.items():
        text = _note_text(value)
        if isinstance(value, LineDict):
            language_lines.update({(key, lang): value.line_of(lang) for lang in value})
        if not isinstance(key, str) or text is None:
            problems.append(Problem(f"note {key!r} must be a key with a text, or with a text per language",
                                    file=display_path(path), place=f"line {raw.line_of(key)}",
                                    hint="Write 'key: text', or 'key:' with lines such as 'nl: ...' and 'fr: ...' under it."))
        else:
            texts[key] = text
    if problems:
        raise DataError(problems=problems)
    return NoteCatalog(path, texts, dict(raw.lines), language_lines)


# --------------------------------------------------------------------------- dispatch


class DatasetCache:
    """Data sets loaded once and reused while their file is unchanged (same size and time).

    Answers of one register mostly share their data files: a batch reads each file once per
    process, not once per answer. What it returns must be treated as read-only.
    """

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, Path], tuple[tuple[int, int], object]] = {}

    def load(self, name: str, path: Path):
        try:
            st = data_file(path).stat()  # budget.xlsx#Begroting is read from budget.xlsx
        except OSError:
            return load_dataset(name, path)  # which says what is wrong with the file
        stamp = (st.st_mtime_ns, st.st_size)
        found = self._loaded.get((name, path))
        if found is None or found[0] != stamp:
            found = (stamp, load_dataset(name, path))
            self._loaded[(name, path)] = found
        return found[1]


def load_dataset(name: str, path: Path):
    """Load one data file named in the register: budget or shares table, or YAML records."""
    if path.suffix.lower() in (".yaml", ".yml"):
        content = load_yaml(path)
        if not isinstance(content, LineDict):
            raise DataError("the file must hold a mapping (key: value lines)", file=display_path(path))
        return RecordData(name, path, content)
    raw = read_table(path)
    columns = set(raw.frame.columns)
    if set(BUDGET_COLUMNS) <= columns:
        return load_budget(name, raw)
    if set(SHARES_COLUMNS) <= columns:
        return load_shares(name, raw)
    if len(set(BUDGET_COLUMNS) & columns) >= 2:  # a budget table with a column missing or misspelt
        return load_budget(name, raw)
    raise DataError(
        f"cannot tell what this table holds (columns: {', '.join(raw.frame.columns)})",
        file=raw.file,
        place=raw.header_place,
        hint="A budget table has the columns line, year, kind, amount (and notes, part_of); "
        "a shares table has a category column and 'share'.",
    )

"""Loading the data sets behind an answer: which kind of file a data file is, and the data
sets a run has loaded.

Each kind has its module: a budget table (budget), a shares table (shares), any other
tidy or wide table of figures (tidy), a YAML file (yaml_data); the register's notes file
is note_texts. Each loader checks its file and reports problems with the file and the
place: the row and column of a CSV or XLSX cell (as Excel shows them), the line of a YAML
value. What it returns is plain data; formatting belongs to the view.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from drafter.errors import DataError, display_path
from drafter.i18n import _
from drafter.load import schema
from drafter.load.budget import BudgetCell, BudgetData, load_budget
from drafter.load.note_texts import NoteCatalog, load_notes
from drafter.load.records import Records
from drafter.load.shares import SharesData, load_shares
from drafter.load.tabular import data_file, read_table
from drafter.load.tidy import Figure, FiguresData, load_figures
from drafter.load.yaml_data import RecordData
from drafter.load.yamlfile import LineDict, load_yaml

__all__ = ["BudgetCell", "BudgetData", "DatasetCache", "Figure", "FiguresData", "NoteCatalog", "RecordData", "Records",
           "SharesData", "load_budget", "load_dataset", "load_figures", "load_notes", "load_shares"]

KINDS = schema.KINDS


def point_decimal_of(locale: str) -> bool:
    """Whether the point is a locale's decimal mark (en_GB: 1,250.5) rather than its thousands
    separator (nl_BE: 1.250,5)."""
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(locale, numbering_system="latn") == "."


def load_dataset(name: str, path: Path, point_decimal: bool | None = None):
    """Load one data file named in the register: budget or shares table, or YAML records.
    point_decimal: what the register's locale says a point is, for a figure that the file's
    separator leaves ambiguous ('1,250' in a comma-separated file)."""
    if path.suffix.lower() in (".yaml", ".yml"):
        content = load_yaml(path)
        if not isinstance(content, LineDict):
            raise DataError(_("the file must hold a mapping (key: value lines)"), file=display_path(path))
        return RecordData(name, path, content)
    # a figure the file's separator leaves ambiguous is read as the register's locale writes it,
    # in a budget and a shares table as in a table of figures
    raw = replace(read_table(path), point_decimal=point_decimal)
    # its kind by its column names, in English or in Dutch (jaar, bedrag, ...)
    columns = {schema.DUTCH_COLUMNS.get(str(c).strip().lower(), c) for c in raw.frame.columns}
    budget = set(schema.BUDGET.required)
    if budget <= columns:
        return load_budget(name, raw)
    if set(schema.SHARES.required) <= columns and _shares_layout(columns):
        return load_shares(name, raw)
    if len(budget & columns) >= 3:  # a budget table with a column missing or misspelt
        return load_budget(name, raw)
    return load_figures(name, raw)


def _shares_layout(columns: set[str]) -> bool:
    """Whether a sheet with a share column is laid out as a shares table: one column of
    categories beside it (and a label). A sheet with more columns of its own
    (`doelgroep, werknemers, aandeel`) is a table of figures, its columns named as in the file;
    a misspelt known column ('lable') still makes a shares table, so that it is named."""
    own = [c for c in columns if c not in schema.SHARES.known and c != "notes" and not schema.SHARES.meant(c)]
    return len(own) <= 1


class DatasetCache:
    """The data sets one run (an answer, a batch worker, a check) has loaded, each reused
    while its file is unchanged (same size and time).

    Answers of one register mostly share their data files: a batch reads each file once,
    not once per answer; and `drafter check` reads a file for its own checks, then for each
    view. A file that cannot be read is read once too: its problems are given again. What it
    returns must be treated as read-only.
    """

    def __init__(self) -> None:
        self._loaded: dict[tuple[str, Path, bool | None], tuple[tuple[int, int], object]] = {}

    def load(self, name: str, path: Path, point_decimal: bool | None = None):
        try:
            st = data_file(path).stat()  # budget.xlsx#Begroting is read from budget.xlsx
        except OSError:
            return load_dataset(name, path, point_decimal)  # which says what is wrong with the file
        stamp = (st.st_mtime_ns, st.st_size)
        found = self._loaded.get((name, path, point_decimal))
        if found is None or found[0] != stamp:
            try:
                loaded = load_dataset(name, path, point_decimal)
            except DataError as exc:
                loaded = exc
            found = self._loaded[(name, path, point_decimal)] = (stamp, loaded)
        if isinstance(found[1], DataError):
            raise DataError(problems=found[1].problems) from found[1]
        return found[1]

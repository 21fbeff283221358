"""Large and awkward data files: what is read from them, their figures, and where their errors are.

A CSV file is read as Excel and Python's csv module read it (quotes, separators, blank and
short rows, line endings, encodings); a budget file of 100,000 rows gives every figure as
written, and a wrong cell in it is named at its row and column.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from drafter.errors import DataError
from drafter.load import datasets, tabular

CSV_TEXTS = {
    "plain": "line,year,kind,amount,part_of,notes\nclusters,2016,VAK,14250000,,\nibn,2016,VAK,6750000,clusters,a b\n",
    "semicolon, decimal comma": "line;year;kind;amount\nclusters;2016;vak;14.250.000\nibn;2016;VEK;6,75\n",
    "tab": "line\tyear\tkind\tamount\nclusters\t2016\tVAK\t1\n",
    "blank lines": "line,year,kind,amount\n\nclusters,2016,VAK,1\n\n\nibn,2017,VEK,2\n\n",
    "short rows": "line,year,kind,amount,notes\nclusters,2016,VAK\nibn,2017,VEK,2\n",
    "CRLF": "line,year,kind,amount\r\nclusters,2016,VAK,1\r\nibn,2017,VEK,2\r\n",
    "bare CR inside": "line,year,kind,amount\nclusters,2016,VAK,1\ribn,2017,VEK,2\n",
    "spaces after the separator": "line, year, kind, amount\nclusters, 2016, VAK, 1\n",
    "space first": " line,year,kind,amount\n clusters,2016,VAK,1\n",
    "trailing spaces": "line ,year,kind,amount \nclusters ,2016 ,VAK,1 \n",
    "quotes": 'line,year,kind,amount\n"clusters, all",2016,VAK,"1,5"\nibn,2016,VEK,2"\n',
    "trailing separator": "line,year,kind,amount\nclusters,2016,VAK,1,\nibn,2017,VEK,2,\n",
    "a row too long": "line,year,kind,amount\nclusters,2016,VAK,1,x\n",
    "unnamed empty column": "line,year,,kind,amount\nclusters,2016,,VAK,1\n",
    "unnamed column with a value": "line,year,,kind,amount\nclusters,2016,x,VAK,1\n",
    "control character": "line,year,kind,amount,notes\nclusters,2016,VAK,1,a\x0bb\n",
    "no last newline": "line,year,kind,amount\nclusters,2016,VAK,1",
    "only a header": "line,year,kind,amount\n",
    "doubled column": "line,year,kind,amount,line\nclusters,2016,VAK,1,x\n",
    "BOM twice": "\ufeffline,year,kind,amount\nclusters,2016,VAK,1\n",
    "unicode": "line;year;kind;amount\ncrèche €;2016;VAK;1\n",
    "sep line": "sep=;\nline;year;kind;amount\nclusters;2016;VAK;1\n",
}
CSV_BYTES = {name: text.encode("utf-8") for name, text in CSV_TEXTS.items()}
CSV_BYTES["Windows-1252"] = "line;year;kind;amount;notes\ncrèche €;2016;VAK;1;één\n".encode("cp1252")
CSV_BYTES["UTF-8 with BOM"] = "\ufeffline;year;kind;amount\ncrèche;2016;VAK;1\n".encode("utf-8")


#: What each file reads as: its columns and rows of cells (as written, not stripped), or its problems.
CSV_READ = {
    'plain': (['line', 'year', 'kind', 'amount', 'part_of', 'notes'],
        [['clusters', '2016', 'VAK', '14250000', '', ''], ['ibn', '2016', 'VAK', '6750000', 'clusters', 'a b']]),
    'semicolon, decimal comma': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'vak', '14.250.000'], ['ibn', '2016', 'VEK', '6,75']]),
    'tab': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'blank lines': (['line', 'year', 'kind', 'amount'],
        [['', '', '', ''], ['clusters', '2016', 'VAK', '1'], ['', '', '', ''], ['', '', '', ''], ['ibn', '2017', 'VEK', '2'], ['', '', '', '']]),
    'short rows': (['line', 'year', 'kind', 'amount', 'notes'],
        [['clusters', '2016', 'VAK', '', ''], ['ibn', '2017', 'VEK', '2', '']]),
    'CRLF': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1'], ['ibn', '2017', 'VEK', '2']]),
    'bare CR inside': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1'], ['ibn', '2017', 'VEK', '2']]),
    'spaces after the separator': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'space first': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'trailing spaces': (['line', 'year', 'kind', 'amount'],
        [['clusters ', '2016 ', 'VAK', '1 ']]),
    'quotes': (['line', 'year', 'kind', 'amount'],
        [['clusters, all', '2016', 'VAK', '1,5'], ['ibn', '2016', 'VEK', '2"']]),
    'trailing separator': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1'], ['ibn', '2017', 'VEK', '2']]),
    'a row too long': [('the row has 5 cells, the header 4', 'row 2')],
    'unnamed empty column': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'unnamed column with a value': [("column 3 has values (e.g. 'x', row 2) but no name in the header row", 'row 1')],
    'control character': (['line', 'year', 'kind', 'amount', 'notes'],
        [['clusters', '2016', 'VAK', '1', 'a b']]),
    'no last newline': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'only a header': [('the file has a header row but no rows of data under it', 'row 1')],
    'doubled column': [("the column 'line' appears twice (also at column 1)", 'row 1, column 5')],
    'BOM twice': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'unicode': (['line', 'year', 'kind', 'amount'],
        [['crèche €', '2016', 'VAK', '1']]),
    'sep line': (['line', 'year', 'kind', 'amount'],
        [['clusters', '2016', 'VAK', '1']]),
    'Windows-1252': (['line', 'year', 'kind', 'amount', 'notes'],
        [['crèche €', '2016', 'VAK', '1', 'één']]),
    'UTF-8 with BOM': (['line', 'year', 'kind', 'amount'],
        [['crèche', '2016', 'VAK', '1']]),
}


@pytest.mark.parametrize("name", list(CSV_BYTES))
def test_a_csv_file_reads_as_written(name, tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(CSV_BYTES[name])
    expected = CSV_READ[name]
    if isinstance(expected, list):
        with pytest.raises(DataError) as caught:
            tabular.read_table(path)
        assert [(p.file, p.message, p.place) for p in caught.value.problems] == \
            [(str(path), message, place) for message, place in expected]
        return
    raw = tabular.read_table(path)
    assert (list(raw.frame.columns), raw.frame.to_numpy(object).tolist()) == expected


def test_a_large_csv_file_reads_its_cells_as_written(tmp_path):
    """A file of 100,000 rows (the kind an answer uses ten rows of) is read cell for cell as
    Python's csv module reads it."""
    rng = random.Random(3)
    rows = [[f"lijn{i:05d}", rng.choice(["2016", "2017"]), rng.choice(["VAK", "VEK"]), str(rng.randrange(10**9)),
             rng.choice(["", "lijn00001"]), rng.choice(["", "a", "a b"])] for i in range(100_000)]
    path = tmp_path / "large.csv"
    path.write_text("line,year,kind,amount,part_of,notes\n" + "".join(",".join(r) + "\n" for r in rows),
                    encoding="utf-8")
    raw = tabular.read_table(path)
    assert raw.frame.to_numpy(object).tolist() == rows
    with path.open(newline="", encoding="utf-8") as fh:
        assert [list(raw.frame.columns)] + rows == list(csv.reader(fh))


def _budget_file(tmp_path, rows: int, seed: int, sep: str = ",") -> Path:
    rng = random.Random(seed)
    amounts = ["14250000", "n.v.t.", "", "6,75" if sep == ";" else "6.75", "1.234.567" if sep == ";" else "1234.5",
               "€ 12", "-5", "0042"]
    lines = [sep.join(("line,year,kind,amount,part_of,notes".split(",")))]
    for i in range(rows):
        amount = rng.choice(amounts) if rng.random() < 0.3 else str(rng.randrange(10**9))
        year = rng.choice(["2016", "2017", "2016.0", " 2018 "]) if rng.random() < 0.2 else "2016"
        kind = rng.choice(["VAK", "VEK", "vak"])
        lines.append(sep.join((f"line{i:05d}", year, kind, amount, rng.choice(["", "", f"line{i // 2:05d}"]),
                               rng.choice(["", "a", "a b"]))))
        if rng.random() < 0.05:
            lines.append("")
    path = tmp_path / f"budget-{seed}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _written_cells(path: Path, sep: str) -> dict:
    """The cells of a budget file as its rows say, read with the csv module and parse_number."""
    out = {}
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter=sep)
        header = next(reader)
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            r = dict(zip(header, (c.strip() for c in cells)))
            year = int(float(r["year"]))
            amount = None if r["amount"].lower() in ("n.v.t.", "") else tabular.parse_number(r["amount"], sep == ";")
            status = "not_applicable" if r["amount"] else "empty"
            out[(r["line"], year, r["kind"].upper())] = datasets.BudgetCell(
                r["line"], year, r["kind"].upper(), amount, "value" if amount is not None else status,
                tuple(r["notes"].split()), r["part_of"] or None, f"row {number}")
    return out


@pytest.mark.parametrize("seed, sep", [(1, ","), (2, ";"), (3, ",")])
def test_a_budget_file_gives_its_cells_as_its_rows_say(seed, sep, tmp_path):
    path = _budget_file(tmp_path, 3000, seed, sep)
    data = datasets.load_dataset("budget", path)
    assert dict(data.cells) == _written_cells(path, sep)
    for index in range(0, len(data.records), 97):
        cell = data.cell_at(index)
        figure = data.figure(index, "amount")
        assert (figure.value, figure.status, figure.place) == (cell.amount, cell.status, cell.place)
        assert data.records[index] == {"line": cell.line, "year": str(cell.year), "kind": cell.kind}


def test_a_large_budget_file_gives_every_figure_and_names_each_wrong_cell(tmp_path):
    rows = [(f"lijn{i:05d}", kind, str(1000 + i)) for i in range(50_000) for kind in ("VAK", "VEK")]
    path = tmp_path / "budget.csv"

    def write(rows):
        path.write_text("line,year,kind,amount\n" + "".join(f"{l},2016,{k},{a}\n" for l, k, a in rows),
                        encoding="utf-8")

    write(rows)
    data = datasets.load_dataset("budget", path)
    assert len(data.cells) == 100_000
    assert data.amount("lijn31415", 2016, "VEK") == 32415.0
    assert data.cell("lijn49999", 2016, "VAK").place == "row 100000"  # the header is row 1
    wrong = list(rows)
    wrong[77_777] = (wrong[77_777][0], "VAK" if wrong[77_777][1] == "VEK" else "VEK", wrong[77_777][2])  # twice
    wrong[88_000] = ("lijn44000", "VAK", "twaalf")
    wrong[99_998] = ("", "VAK", "1")
    write(wrong)
    with pytest.raises(DataError) as caught:
        datasets.load_dataset("budget", path)
    assert [(p.place, p.message) for p in caught.value.problems] == [
        ("row 77779", "budget line 'lijn38888', 2016 VAK appears twice (first at row 77778)"),
        ("row 88002, column 'amount'", "'twaalf' is not an amount"),
        ("row 100000, column 'line'", "the budget line is empty"),
    ]


def test_the_cells_of_a_budget_are_those_of_its_rows(tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text("line,year,kind,amount,part_of,notes\nclusters,2016,VAK,14250000,,b\n"
                    "ibn,2016,vak,6750000.5,clusters,\nspk,2017,VEK,n.v.t.,,a c\n", encoding="utf-8")
    data = datasets.load_dataset("budget", path)
    assert dict(data.cells) == {
        ("clusters", 2016, "VAK"): datasets.BudgetCell("clusters", 2016, "VAK", 14250000.0, "value", ("b",), None, "row 2"),
        ("ibn", 2016, "VAK"): datasets.BudgetCell("ibn", 2016, "VAK", 6750000.5, "value", (), "clusters", "row 3"),
        ("spk", 2017, "VEK"): datasets.BudgetCell("spk", 2017, "VEK", None, "not_applicable", ("a", "c"), None, "row 4"),
    }
    assert [c.line for c in data.split_cells()] == ["ibn"]
    assert [c.line for c in data.noted_cells()] == ["clusters", "spk"]
    assert list(data.records) == [{"line": "clusters", "year": "2016", "kind": "VAK"},
                                  {"line": "ibn", "year": "2016", "kind": "VAK"},
                                  {"line": "spk", "year": "2017", "kind": "VEK"}]


def test_a_selection_over_the_columns_is_the_selection_record_by_record():
    rng = random.Random(5)
    rows = [{"dept": rng.choice("abcd"), "year": rng.choice(["2019", "2020"]), "value": str(rng.randrange(9))}
            for _ in range(500)]
    records = datasets.Records.of_rows(["dept", "year", "value"], rows)
    assert list(records) == rows and [records[i] for i in range(len(rows))] == rows and records[-1] == rows[-1]
    for where in ({}, {"dept": ["a"]}, {"dept": ("a", "c"), "year": ["2020"]}, {"other": [""]}, {"other": ["x"]},
                  {"year": [["2020"]]}):
        expected = [i for i, r in enumerate(rows) if all(r.get(d, "") in v for d, v in where.items())]
        assert records.select(where) == expected
    for dims, where in [(dims, where) for dims in ([], ["dept"], ["dept", "year"], ["dept", "year", "value"])
                        for where in ({}, {"year": ["2020"]})]:
        indexes = records.select(where)
        found, twice = records.keyed(indexes, dims)
        seen: dict = {}
        first_repeat = None
        for i in indexes:
            key = tuple(rows[i][d] for d in dims)
            if key in seen:
                first_repeat = (seen[key], i)
                break
            seen[key] = i
        assert twice == first_repeat
    unique = datasets.Records.of_rows(["n"], [{"n": str(i)} for i in range(50)])
    assert unique.keyed(list(range(0, 50, 3)), ["n"]) == ({(str(i),): i for i in range(0, 50, 3)}, None)
    assert unique.keyed(list(range(50)), ["n"]) == ({(str(i),): i for i in range(50)}, None)
    assert unique.keyed([3], []) == ({(): 3}, None)
    figures = datasets.FiguresData("f", None, records, list(range(len(rows))))
    for indexes in (None, list(range(len(rows))), [5, 2, 9, 2], []):
        chosen = rows if indexes is None else [rows[i] for i in indexes]
        assert figures.values("dept", indexes) == list(dict.fromkeys(r["dept"] for r in chosen))


def test_a_sheet_column_reads_alike_at_once_and_cell_by_cell():
    import datetime as dt

    columns = [("a", None, "b"), (1, None, 10**20, -3), (1, "x", None), (1.5, 2.0, None), (True, 1, "x"),
               (dt.date(2020, 1, 2), None), (None, None), ()]
    for values in columns:
        assert tabular._excel_texts(values) == [tabular._excel_text(v) for v in values]


def test_the_cells_of_a_budget_are_found_as_in_a_dict_of_them(tmp_path):
    path = _budget_file(tmp_path, 500, 4)
    data = datasets.load_dataset("budget", path)
    plain = {(c.line, c.year, c.kind): c for c in map(data.cell_at, range(len(data.records)))}
    assert list(data.cells) == list(plain) and len(data.cells) == len(plain)
    line, year, kind = next(iter(plain))
    for key in [*plain, (line, float(year), kind), (line, str(year), kind), (line, year + 0.5, kind), (line, year),
                (line, True, kind), (line, None, kind), (line, float("nan"), kind), line, (line, year, kind, "")]:
        assert data.cells.get(key) == plain.get(key) and (key in data.cells) == (key in plain)
    with pytest.raises(TypeError):
        data.cells.get([line, year, kind])

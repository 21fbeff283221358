"""Reading a large data file fast gives exactly what reading it cell by cell gives.

The fast paths (pandas' C parser for a CSV file without quotes, a column of plain years or
amounts checked at once, records kept as columns) are compared value by value with the
general path on the same files.
"""

from __future__ import annotations

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


def _read(path, general: bool, monkeypatch):
    with monkeypatch.context() as m:
        if general:
            m.setattr(tabular, "_read_plain_csv", lambda text, sep: None)
        try:
            return tabular.read_table(path)
        except DataError as exc:
            return exc


def _same_table(a, b) -> None:
    if isinstance(a, DataError) or isinstance(b, DataError):
        assert isinstance(a, DataError) and isinstance(b, DataError)
        assert a.problems == b.problems
        return
    assert list(a.frame.columns) == list(b.frame.columns)
    assert a.frame.to_numpy(object).tolist() == b.frame.to_numpy(object).tolist()
    assert all(isinstance(v, str) for v in a.frame.to_numpy(object).ravel())
    assert (a.decimal_comma, a.header_row, a.sheet, a.letters, a.notices) == \
        (b.decimal_comma, b.header_row, b.sheet, b.letters, b.notices)


@pytest.mark.parametrize("name", list(CSV_BYTES))
def test_a_csv_file_reads_alike_on_both_paths(name, tmp_path, monkeypatch):
    path = tmp_path / "data.csv"
    path.write_bytes(CSV_BYTES[name])
    _same_table(_read(path, False, monkeypatch), _read(path, True, monkeypatch))


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


def _cells(data: datasets.BudgetData) -> list:
    return [(key, cell) for key, cell in data.cells.items()]


@pytest.mark.parametrize("seed, sep", [(1, ","), (2, ";"), (3, ",")])
def test_a_budget_checked_by_column_is_the_budget_checked_cell_by_cell(seed, sep, tmp_path, monkeypatch):
    path = _budget_file(tmp_path, 3000, seed, sep)
    fast = datasets.load_dataset("budget", path)
    with monkeypatch.context() as m:  # no column is taken as plain: every cell is read on its own
        m.setattr(datasets, "_digits", lambda texts, most: False)
        m.setattr(tabular, "_read_plain_csv", lambda text, sep: None)
        general = datasets.load_dataset("budget", path)
    assert _cells(fast) == _cells(general)
    assert [fast.figure(i, "amount") for i in range(len(fast.records))] == \
        [general.figure(i, "amount") for i in range(len(general.records))]
    assert list(fast.records) == list(general.records)
    assert [fast.place(i, "amount") for i in range(0, len(fast.records), 97)] == \
        [general.place(i, "amount") for i in range(0, len(general.records), 97)]


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


def test_the_quick_looks_at_a_text_find_what_the_slow_ones_find():
    for text in ("", "a\nb", "abc", "ab\ncd\n", "a" * 9 + "\n", "\n" * 5, "ab\ncdef\ng"):
        for length in range(1, 8):
            assert tabular._has_line_of(text, length) == any(len(line) >= length for line in text.split("\n"))
    for code in [*range(0x80), 0xA0, 0x85, 0xFFFE, 0xFFFF, 0xD800]:
        for text in (chr(code), f"ab{chr(code)}cd", f"é{chr(code)}"):
            assert tabular._has_control(text) == bool(tabular.INVALID_XML_CHARS.search(text))
    cells = ["a", "", "ab", "a b", "é"] + [f"{space}a" for space in map(chr, range(0x3000 + 1)) if space.isspace()]
    for j in range(len(cells)):
        for chosen in (cells[:j], cells[j:j + 1], [cells[0], cells[j]], [cells[j][::-1]]):
            assert datasets._stripped(list(chosen)) == [c.strip() for c in chosen]


def _plain_keyed(columns, indexes) -> dict:
    """What Keyed gives, as a dict of tuples."""
    return dict(zip(zip(*columns) if columns else [()] * len(indexes), indexes))


def _same_mapping(found, plain: dict, probes) -> None:
    assert len(found) == len(plain) and list(found) == list(plain) and list(found.values()) == list(plain.values())
    assert found == plain and dict(found.items()) == plain
    for key in [*plain, *probes]:
        assert found.get(key) == plain.get(key) and (key in found) == (key in plain)
        assert found.get(key, "none") == plain.get(key, "none")
        if key in plain:
            assert found[key] == plain[key]
        else:
            with pytest.raises(KeyError):
                found[key]
    with pytest.raises(TypeError):
        found.get(["unhashable"])


@pytest.mark.parametrize("nul", [False, True])
def test_records_keyed_by_joined_texts_are_those_keyed_by_tuples(nul):
    rng = random.Random(11)
    texts = ["a", "b", "ab", "", "a b", "2016"] + (["a\x00b", "\x00"] if nul else [])
    columns = [[rng.choice(texts) for _ in range(300)] for _ in range(3)]
    probes = [("a",), ("a", "b"), ("a", "b", "c"), ("a\x00b",), ("a", "\x00b"), ("a\x00", "b"), ("a\x00b", ""),
              ("a", "b", "\x00"), (1,), ("a", 1), (None, None, None), "a", "ab", (), ((),)]
    few = [[rng.choice(["a", "b"]) for _ in range(300)], [rng.choice(["a", "2016"]) for _ in range(300)], ["b"] * 300,
           [f"{i % 150}" for i in range(300)], [str(i) for i in range(300)]]
    shapes = [columns[:width] for width in range(4)] + [few[:2], few[:3], few[1:4], few[2:], [few[0], few[3]],
                                                         [few[3], few[2]], few[3:], few]
    for shape in shapes:
        for indexes in (list(range(300)), list(range(0, 300, 7)), [4], [], range(300)):
            cols = [[c[i] for i in indexes] for c in shape]
            found = datasets.Keyed(tuple(f"c{j}" for j in range(len(cols))), cols, indexes)
            _same_mapping(found, _plain_keyed(cols, indexes), probes)


def test_records_found_through_their_unique_columns_are_those_keyed_again():
    rng = random.Random(12)
    rows = [{"line": f"l{i}", "year": "2016", "kind": kind, "part": rng.choice(["", "x"])}
            for i in range(200) for kind in ("VAK", "VEK")]
    names = ("line", "year", "kind")
    plain = datasets.Records.of_rows([*names, "part"], rows)
    unique = datasets.Keyed(names, [plain.column(n) for n in names], range(len(rows)))
    records = datasets.Records({n: plain.column(n) for n in (*names, "part")}, len(rows), unique=unique)
    probes = [("l3", "VAK"), ("l3", "2016", "VAK"), ("l3", "2017", "VAK"), ("l3", "VAK", ""), ("l3", "VAK", "x"),
              ("nope", "VEK"), (3, "VAK"), ("l3",), "l3", ()]
    every = list(range(len(rows)))
    for dims in (["line", "kind"], ["kind", "line"], ["line", "year", "kind"], ["line", "kind", "part"],
                 ["line"], ["kind"], ["line", "line"], ["year", "kind"], []):
        for indexes in (every, every[::3]):
            found, twice = records.keyed(indexes, dims)
            expected, expected_twice = plain.keyed(indexes, dims)
            assert twice == expected_twice
            if twice is None:
                _same_mapping(found, dict(expected), probes)
    assert isinstance(records.keyed(every, ["line", "kind"])[0], datasets._Through)
    two_years = datasets.Records({**{n: plain.column(n) for n in names}, "year": ["2016", "2017"] * 200},
                                 len(rows), unique=unique)
    assert not isinstance(two_years.keyed(every, ["line", "kind"])[0], datasets._Through)


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

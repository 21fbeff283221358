"""Consistency of the data, as warnings: figures that do not add up, notes nobody uses.

An answer can still be drafted when one of these is found, but a person should look:
- a split that does not add up: rows with ``part_of: clusters`` must add up to the amount
  of 'clusters' for the same year and kind (the seed's 6,750 + 7,5 = 14,250 mln euro);
- a stated total that differs from the sum of its parts: a table with ``total: {line: ...}``
  whose rows do not add up to the total line;
- both beyond rounding: a difference of more than ``schema.SPLIT_TOLERANCE`` (0.5%) of the
  total is reported; official totals are copied from the source, so small differences are
  normal;
- a note defined in the notes file but used nowhere (no data row, table, text or template);
- a note key in a data row that the notes file does not define, in a row no table shows
  (in a row a table shows it is an error: the answer cannot be made);
- a column whose name looks like a misspelt known column ('amout', 'note'), since drafter
  would not read it.
"""

from __future__ import annotations

import re
from collections import defaultdict

from drafter.load import schema
from drafter.load.datasets import BudgetData, FiguresData, NoteCatalog, SharesData
from drafter import places
from drafter.errors import WARNING, DataError, Problem
from drafter.i18n import _
from drafter.view.formatting import Formatter
from drafter.load.register import Question

def _figure(value: float) -> str:
    """A figure in a warning, in the register's default locale (a warning is about the data)."""
    decimals = 0 if float(value).is_integer() else 2
    return Formatter().number(value, decimals)


def _differs(parts: float, total: float) -> bool:
    return abs(parts - total) > max(abs(total) * schema.SPLIT_TOLERANCE, 0.5)


def column_warnings(raw, table_schema: schema.TableSchema) -> list[Problem]:
    """Column names that look like a misspelt known column."""
    out = []
    for column in raw.frame.columns:
        meant = table_schema.meant(column)
        if meant and meant not in raw.frame.columns:
            meaning = table_schema.columns[table_schema.known.index(meant)].meaning
            out.append(Problem(_("the column '{column}' is not read; did you mean '{meant}'?").format(
                                   column=column, meant=meant), file=raw.file,
                               place=raw.header_place, severity=WARNING,
                               hint=_("Rename it to '{meant}' if it holds {meaning}.").format(meant=meant,
                                                                                             meaning=meaning)))
    return out


def budget_warnings(data: BudgetData) -> list[Problem]:
    """Splits (part_of) that do not add up, or that name a line with no such row."""
    out = list(data.raw.notices) + column_warnings(data.raw, schema.BUDGET)
    groups: dict[tuple[str, int, str], list] = defaultdict(list)
    for cell in data.split_cells():
        place = _with_column(data, cell.place, "part_of")
        if cell.part_of == cell.line:
            out.append(Problem(_("budget line '{line}' is said to be a part of itself").format(line=cell.line),
                               file=data.file, place=place, severity=WARNING,
                               hint=_("Name the line it is a part of, or empty the cell.")))
            continue
        if data.cell(cell.part_of, cell.year, cell.kind) is None:
            out.append(Problem(
                _("part_of '{line}': there is no row for '{line}', {year} {kind}").format(
                    line=cell.part_of, year=cell.year, kind=cell.kind),
                file=data.file, place=place, severity=WARNING,
                hint=_("Correct the name (lines here: {lines}), or add that row.").format(lines=", ".join(data.lines()))))
            continue
        groups[(cell.part_of, cell.year, cell.kind)].append(cell)
    for (line, year, kind), parts in groups.items():
        total = data.cell(line, year, kind)
        valued = [p for p in parts if p.status == "value"]
        if total.status != "value" or not valued:
            continue
        added = sum(p.amount for p in valued)
        if _differs(added, total.amount):
            terms = " + ".join(f"{p.line} {_figure(p.amount)}" for p in valued)
            out.append(Problem(
                _("the parts of '{line}', {year} {kind} add up to {added} ({terms}), but its amount is {amount}: "
                  "a difference of {difference}, more than rounding").format(
                    line=line, year=year, kind=kind, added=_figure(added), terms=terms, amount=_figure(total.amount),
                    difference=_figure(abs(added - total.amount))),
                file=data.file, place=_with_column(data, total.place, "amount"), severity=WARNING,
                hint=_("Check the amounts of the split and of the line it splits."),
            ))
    return out


def shares_warnings(data: SharesData) -> list[Problem]:
    return list(data.raw.notices) + column_warnings(data.raw, schema.SHARES)


def _with_column(data: BudgetData, place: str, column: str) -> str:
    """A row's place ('row 6') with a column of it ('row 6, column 'amount'')."""
    raw = data.raw
    if column not in raw.frame.columns:
        return place
    m = re.search(r"(\d+)$", place)  # the row's number ends its place, in any language ('row 6', 'rij 6')
    if not m:
        return place
    return raw.place(int(m.group(1)) - raw.header_row - 1, column)


def _shown_records(spec, source) -> list[int]:
    """The records of a data set that a table shows (its stated totals included)."""
    keep = {d: set(v) for d, v in spec.where.items()}
    for axis, total in ((spec.rows, spec.total), (spec.columns, spec.column_total), (spec.groups, None)):
        if axis is None or axis.measures:
            continue
        keys = set(axis.keys)
        for item in axis.items:
            keys.update(c.key for c in item.columns)
        if spec.groups is not None and axis is spec.columns:
            keys.update(c.key for g in spec.groups.items for c in g.columns)
        if keys:
            keep[axis.dimension] = keys | ({total.stated} if total is not None and total.stated else set())
    return source.select(keep)


def total_warnings(question: Question, data: dict, register_file: str) -> list[Problem]:
    """Tables with a stated total whose rows do not add up to it (any dimension)."""
    out = []
    for spec in question.tables.values():
        source = data.get(spec.data)
        if not isinstance(source, FiguresData) or spec.total is None or spec.total.stated is None:
            continue
        if spec.rows.measures or spec.rows.within or (spec.columns.measures and spec.groups is None and False):
            continue
        measure = spec.measure or (source.measures() or [None])[0]
        dim = spec.rows.dimension
        others = [d for d in (spec.columns.dimension, spec.groups.dimension if spec.groups else None) if d]
        measures = list(spec.columns.keys) if spec.columns.measures else [measure]
        not_summed = {c.key for c in spec.columns.items if not c.summed}  # their total is stated, not a sum
        parts: dict = defaultdict(list)
        totals: dict = {}
        wanted = set(spec.rows.keys)
        for i in _shown_records(spec, source):
            r = source.records[i]
            for m in measures:
                if m is None or (m not in source.columns and m not in source.measures()):
                    continue
                try:
                    figure = source.figure(i, m)
                except DataError:
                    continue
                key = tuple(r.get(d, "") for d in others) + (m,)
                if r.get(dim) == spec.total.stated:
                    totals[key] = figure
                elif not wanted or r.get(dim) in wanted:
                    parts[key].append(figure)
        for key, total in totals.items():
            if not_summed & set(key):
                continue
            valued = [p for p in parts.get(key, []) if p.status == "value"]
            if total.status != "value" or not valued:
                continue
            added = sum(p.value for p in valued)
            if _differs(added, total.value):
                if isinstance(source, BudgetData):
                    fixed = spec.where.get("year", spec.where.get("kind", ("",)))[0]
                    year, kind = (key[0], fixed) if spec.columns.dimension == "year" else (fixed, key[0])
                    message = _("{table}: the rows for {year} {kind} add up to {added}, but the total line "
                                "'{total}' says {stated}: a difference of {difference}, more than rounding")
                    values = {"year": year, "kind": kind}
                    place = _with_column(source, total.place, "amount")
                else:
                    named = list(key[:-1]) + ([key[-1]] if len(measures) > 1 else [])
                    message = (_("{table}: the rows for {values} add up to {added}, but the total '{total}' says "
                                 "{stated}: a difference of {difference}, more than rounding") if named else
                               _("{table}: the rows add up to {added}, but the total '{total}' says {stated}: "
                                 "a difference of {difference}, more than rounding"))
                    values = {"values": ", ".join(named)}
                    place = total.place
                out.append(Problem(
                    message.format(table=places.named_table(spec.name), added=_figure(added), total=spec.total.stated,
                                   stated=_figure(total.value), difference=_figure(abs(added - total.value)),
                                   **values),
                    file=source.file, place=place, severity=WARNING,
                    hint=_("Check the figures; the table is defined at {file}, {place}.").format(
                        file=register_file, place=spec.place),
                ))
    return out


def shown_cells(question: Question, data: dict) -> set[tuple[str, str, int, str]]:
    """(file, line, year, kind) of every budget cell the question's tables show."""
    shown = set()
    for spec in question.tables.values():
        source = data.get(spec.data)
        if not isinstance(source, BudgetData):
            continue
        for i in _shown_records(spec, source):
            r = source.records[i]
            shown.add((source.file, r["line"], int(r["year"]), r["kind"]))
    return shown


def note_warnings(catalog: NoteCatalog, budgets: list[FiguresData], shown: set, questions: list[Question],
                  sources: list[str], all_read: bool) -> list[Problem]:
    """Note keys used in data rows but not defined (in rows no table shows), and notes used nowhere.

    sources: every text that may call a note by its key (register texts, note texts, template sources).
    all_read: every data file could be read, so 'used nowhere' can be judged.
    """
    out = []
    used = set()
    for data in budgets:
        if not isinstance(data, BudgetData):  # any other table of figures: the keys in its notes column
            used.update(n for text in data.records.column("notes") if text for n in re.split(r"[\s,;]+", text) if n)
            continue
        for cell in data.noted_cells():
            for key in cell.notes:
                used.add(key)
                if key not in catalog.texts and (data.file, cell.line, cell.year, cell.kind) not in shown:
                    out.append(Problem(
                        _("the note key '{key}' is not defined in {file}").format(key=key, file=catalog.file),
                        file=data.file, place=_with_column(data, cell.place, "notes"), severity=WARNING,
                        hint=_("Define '{key}:' in the notes file, or correct the key; no table shows this row "
                               "yet.").format(key=key)))
    for q in questions:
        for spec in q.tables.values():
            used.update(spec.title_notes)
            used.update(spec.corner_notes)
            for total in (spec.total, spec.column_total):
                if total is not None:
                    used.update(total.notes)
            used.update(n for t in spec.text_columns for n in t.notes)
            for axis in (spec.rows, spec.columns, spec.groups):
                for item in (axis.items + axis.within_items) if axis is not None else ():
                    used.update(item.notes)
                    used.update(n for c in item.columns for n in c.notes)
    if not all_read or catalog.path is None:
        return out
    text = "\n".join(sources)
    for key in catalog.texts:
        if key in used or re.search(rf"""['"]{re.escape(key)}['"]""", text):
            continue
        out.append(Problem(_("the note '{key}' is not used by any data row, table, text or template").format(key=key),
                           file=catalog.file, place=places.line(catalog.lines.get(key, 0)), severity=WARNING,
                           hint=_("Remove it, or call it: a key in a row's 'notes' cell, or {{{{ note(\"{key}\") }}}} "
                                  "in a text.").format(key=key)))
    return out

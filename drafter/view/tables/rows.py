"""Making a table's rows: a row of figures, a body of rows with its total, and, with nested
rows, a grand total under every section. A computed total adds up the figures shown above
it (or before it, in a total column), and records them as its sources. A figure that is
unknown ('..') makes every computed total it is a part of unknown too, as statistical offices
publish it: a sum without one of its parts would pass for the whole. A figure that does not
apply, nil or empty is no part of the sum and leaves it as it is."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.i18n import _
from drafter.load.register import AxisItem
from drafter.load.schema import Status
from drafter.view.figures import Source, Totalled
from drafter.view.tables.axes import Column, column_of
from drafter.view.tables.cells import CellWriter
from drafter.view.tables.decimals import Decimals
from drafter.view.tables.lookup import FigureLookup
from drafter.view.tables.model import Cell, Row


@dataclass
class Sums:
    """What the computed totals under some rows add up, per column: the amounts and the figures."""

    amounts: list[float | None]
    sources: list[list[Source]]
    unknown: list[bool]  # a column one of whose parts is unknown: its total is unknown

    @classmethod
    def of(cls, width: int) -> Sums:
        return cls([None] * width, [[] for _ in range(width)], [False] * width)

    def add_sums(self, other: Sums) -> None:
        self.unknown = [a or b for a, b in zip(self.unknown, other.unknown)]
        for index, amount in enumerate(other.amounts):
            if amount is not None:
                self.amounts[index] = (self.amounts[index] or 0) + amount
        for index, found in enumerate(other.sources):
            self.sources[index].extend(found)


class RowMaker:
    """Makes the rows of one table, left to right and top to bottom (the order notes are called in)."""

    def __init__(self, cells: CellWriter, lookup: FigureLookup, decimals: Decimals, columns: list[Column],
                 total_label: str) -> None:
        self.cells, self.lookup, self.decimals, self.columns = cells, lookup, decimals, columns
        self.ctx = cells.ctx
        self.spec = self.ctx.spec
        self.total_label = total_label  # the language's 'Totaal', for a total the register gives no label
        self._columns_shown = False  # whether the columns are in decimals.shown yet

    def text_cells(self, item: AxisItem | None, section: AxisItem | None) -> list[Cell]:
        """The cells of a row's text columns: the one text the data has for the row (in its section)."""
        spec, records = self.spec, self.ctx.source.records
        out = []
        for t in spec.text_columns:
            text = ""
            if item is not None:
                found = [records[i].get(t.column, "") for i in self.lookup.of_row(item.key)
                         if section is None or records[i].get(spec.rows.within) == section.key]
                texts = list(dict.fromkeys(x for x in found if x))
                if len(texts) > 1:
                    raise self.ctx.problem(
                        _("the text column '{column}' has more than one text for {dimension} '{key}': {texts}").format(
                            column=t.column, dimension=spec.rows.dimension, key=item.key,
                            texts=", ".join(repr(x) for x in texts[:3])),
                        _("Give every row of that value the same text."), file=self.ctx.source.file)
                text = texts[0] if texts else ""
            out.append(Cell(text))
        return out

    def row(self, label: Cell, item: AxisItem, section: AxisItem | None, sums: Sums | None, total: bool) -> Row:
        """A row of figures (total: the row of a stated total); `sums` gathers, per column, what a
        computed total under it adds up."""
        spec, source, cells = self.spec, self.ctx.source, self.cells
        out = self.text_cells(item, section)
        row_sum, most, row_unknown = None, 0, False
        row_sources: list[Source] = []
        section_key = section.key if section is not None else ""
        row_label = item.label  # as a reader finds the row (without its note calls)
        row_key = str(item.key)
        if self.columns:  # what `decimals:` may name (Decimals.check_named)
            if not total:
                self.decimals.shown["rows"].add(item.key)
            if not self._columns_shown:
                self.decimals.shown["columns"].update(c.item.key for c in self.columns)
                self._columns_shown = True
        row_decimals = self.decimals.of_row(item if not total else None)
        row_place = self.lookup.row_place(section, item)
        place = ", ".join(filter(None, (cells.fixed, section_key, row_key)))  # a figure's place, but its column
        # bound once: this loop runs for every figure of the table
        figure_of, value_text, pick, source_of, figure_cell, seen = (
            source.figure, cells.value_text, self.decimals.pick, cells.source_of, cells.figure_cell,
            self.decimals.seen)
        record_at, (row_coordinates, row_measure) = self.lookup.found.get, row_place
        row_measure = row_measure if row_measure is not None else self.lookup.measure
        if sums is not None:
            amounts, sums_sources, sums_unknown = sums.amounts, sums.sources, sums.unknown
        for index, column in enumerate(self.columns):
            if column.computed:  # the sum of the row's figures
                decimals = pick(None, row_decimals, column.decimals)
                if spec.decimals == "stated" and column.item.decimals is None:
                    decimals = most
                if row_unknown:  # one of its parts is unknown: so is the sum
                    if sums is not None:
                        sums_unknown[index] = True
                    out.append(figure_cell(cells.placeholders[Status.UNKNOWN], "", None, (), row=row_label,
                                           row_key=row_key, column=column.label, column_key=column.key,
                                           section=section_key, total=True))
                    continue
                if sums is not None and row_sum is not None:
                    amounts[index] = (amounts[index] or 0) + row_sum
                    sums_sources[index].extend(row_sources)
                out.append(figure_cell(
                    value_text(None, decimals, row_sum) if row_sum is not None else "", "", row_sum, row_sources,
                    row=row_label, row_key=row_key if not total else "total", column=column.label,
                    column_key=column.key, section=section_key, adds=Totalled.ROW, total=True))
                continue
            # where the row and the column meet: as FigureLookup.at finds it
            column_coordinates, column_measure = column.place
            found = record_at(row_coordinates + column_coordinates)
            measure = column_measure if column_measure is not None else row_measure
            if found is None:
                parts = {"within": section.key if section is not None else None, "row": item.key,
                         "group": column.group.key if column.group is not None else None, "column": column.item.key}
                raise self.lookup.missing(parts, measure)
            figure = figure_of(found, measure)
            text = value_text(figure, pick(figure, row_decimals, column.decimals))
            value = figure.value
            if figure.status == "value":
                if column.item.summed:  # a column of percentages is no part of the row's sum
                    row_sum = (row_sum or 0) + value
                if figure.decimals > most:
                    most = figure.decimals
                if not total and figure.decimals >= seen.get(index, 0):
                    seen[index] = figure.decimals
                coordinates = f"{place}, {column.key}" if place and column.key else place or column.key
                figure_source = source_of(found, figure, coordinates)
                if not column.total:
                    row_sources.append(figure_source)
                if sums is not None:
                    amounts[index] = (amounts[index] or 0) + value
                    sums_sources[index].append(figure_source)
                found_sources = (figure_source,)
            else:
                coordinates, found_sources = None, ()
                if figure.status == Status.UNKNOWN:
                    if column.item.summed:  # as the row's sum counts it
                        row_unknown = True
                    if sums is not None:
                        sums_unknown[index] = True
            # a stated total, as the data gives it
            adds = Totalled.ROW if column.total else (Totalled.COLUMN if total else Totalled.NONE)
            calls = cells.calls(figure.notes, f"{source.file}, {figure.place}") if figure.notes else ""
            out.append(figure_cell(text, calls, value, found_sources, row_label, row_key, column.label, column.key,
                                   section_key, adds, column.total, coordinates))
        return Row(label, tuple(out), total=total)

    def body(self, row_items: list[AxisItem], section: AxisItem | None) -> tuple[list[Row], Sums]:
        """The rows of the table (or of one section) and their total row, if the table has one;
        and what they add up, for a grand total."""
        spec, fmt, cells = self.spec, self.cells.fmt, self.cells
        rows: list[Row] = []
        sums = Sums.of(len(self.columns))
        unit = fmt.unit_text(spec.unit) if spec.unit.show == "rows" else ""
        for item in row_items:
            text = item.label
            if unit:
                text = f"{text} {unit}" if fmt.language == "en" else f"{text} ({unit})"
            label = cells.labelled(text, item.notes, self.ctx.at_row(item.key) if item.notes else "")
            rows.append(self.row(label, item, section, sums, total=False))
        if spec.total is None:
            return rows, sums
        label_text = spec.total.label if spec.total.label is not None else self.total_label
        if spec.total.stated is not None and spec.total.label is None and not spec.budget:
            label_text = spec.total.stated  # the data's own label of its total ('Total Flanders'), kept
        if spec.total.stated is not None:
            stated = AxisItem(spec.total.stated, label_text, spec.total.notes)
            label = cells.labelled(label_text, spec.total.notes, self.ctx.at_total())
            rows.append(self.row(label, stated, section, None, total=True))
            return rows, sums
        out = list(self.text_cells(None, section))
        for index, (column, amount) in enumerate(zip(self.columns, sums.amounts)):
            g, c = column.group, column.item
            if not c.summed:  # its figures are no parts of a sum: the total row leaves it empty
                amount = None
            elif sums.unknown[index]:  # one of its parts is unknown: so is the total
                out.append(cells.figure_cell(cells.placeholders[Status.UNKNOWN], "", None, (), row=label_text,
                                             row_key="total", column=column.label, column_key=column.key,
                                             section=section.key if section is not None else "",
                                             total=column.total))
                continue
            decimals = self.decimals.of_total(c, g)
            if self.decimals.stated_in(c):
                adds_up = self.columns if column.computed else [column]
                decimals = self._stated_sum_decimals(section, row_items, adds_up)
            label, key = column_of(g, c)
            out.append(cells.figure_cell(
                cells.value_text(None, decimals, amount) if amount is not None else "", "", amount,
                sums.sources[index], row=label_text, row_key="total", column=label, column_key=key,
                section=section.key if section is not None else "", adds=Totalled.COLUMN, total=column.total))
        rows.append(Row(cells.labelled(label_text, spec.total.notes, self.ctx.at_total()), tuple(out), total=True))
        return rows, sums

    def grand_total(self, grand: Sums) -> Row:
        """The last row of a table of nested rows: the sum of every section's rows (not of their totals)."""
        spec, cells = self.spec, self.cells
        label = spec.grand_total.label if spec.grand_total.label is not None else self.total_label
        out = [Cell("") for _ in spec.text_columns]
        for index, (column, amount) in enumerate(zip(self.columns, grand.amounts)):
            g, c = column.group, column.item
            name, key = column_of(g, c)
            if grand.unknown[index] and c.summed:  # one of its parts is unknown: so is the grand total
                out.append(cells.figure_cell(cells.placeholders[Status.UNKNOWN], "", None, (), row=label,
                                             row_key="grand total", column=name, column_key=key, section="",
                                             total=column.total))
                continue
            decimals = self.decimals.of_total(c, g)
            if self.decimals.stated_in(c):
                decimals = self.decimals.seen.get(index, 0)
            out.append(cells.figure_cell(
                cells.value_text(None, decimals, amount) if amount is not None else "", "", amount,
                grand.sources[index], row=label, row_key="grand total", column=name, column_key=key, section="",
                adds=Totalled.ALL, total=column.total))
        return Row(cells.labelled(label, spec.grand_total.notes, self.ctx.at_grand_total()), tuple(out),
                   total=True)

    def _stated_sum_decimals(self, section, row_items, columns: list[Column]) -> int:
        """A computed total of stated figures shows as many decimals as the most precise of them."""
        most = 0
        for item in row_items:
            for column in columns:
                index, measure = self.lookup.find(section, item, column.group, column.item)
                if index is not None:
                    most = max(most, self.ctx.source.figure(index, measure).decimals)
        return most

"""A table's view, built in steps, a module each: axes (what its rows and columns are),
lookup (where each figure is in the data), decimals, cells (labels, figures, note calls),
rows (rows and totals), and build, which runs them in reading order; model holds what a
template sees."""

from drafter.view.tables.build import build_table
from drafter.view.tables.model import Cell, Group, Row, TableView

__all__ = ["Cell", "Group", "Row", "TableView", "build_table"]

"""Small data sets and table specs for the steps of building a table's view."""

from __future__ import annotations

import pytest

from drafter.load import datasets
from drafter.load.register import Axis, AxisItem, TableSpec
from drafter.view.formatting import Formatter
from drafter.view.notes import NoteSeries
from drafter.view.tables.context import TableContext

SPENDING = """department,year,type,value,notes
Education,2019,resource,10.5,
Education,2020,resource,12,a
Health,2019,resource,7,
Health,2020,resource,8.25,b
Health,2020,capital,3,
"""


@pytest.fixture
def data(tmp_path):
    """A data set read from a CSV text, as load_dataset reads it."""

    def read(text: str = SPENDING, name: str = "spending"):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        return datasets.load_dataset(name, path)

    return read


def spec(**changes) -> TableSpec:
    """A table of the spending data: departments in rows, years in columns, resource spending."""
    fields = dict(name="spending", data="spending", rows=Axis("department"), columns=Axis("year"), line=7,
                  where={"type": ("resource",)})
    fields.update(changes)
    return TableSpec(**fields)


def context(source, **changes) -> TableContext:
    return TableContext(spec(**changes), source, "data/questions.yaml")


def series(style: str = "parentheses") -> NoteSeries:
    return NoteSeries(lambda key, used_at: f"the note {key}", style=style)


def item(key: str, label: str | None = None, **more) -> AxisItem:
    return AxisItem(key, label or key, **more)


FMT = Formatter()

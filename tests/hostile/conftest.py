"""A private copy of the example project, the working folder of the command a case runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import copy_project


@pytest.fixture
def hostile_project(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DRAFTER_HOME", raising=False)
    return copy_project(tmp_path)

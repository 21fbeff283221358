"""mkdocs hooks: the reference pages are made from the code's declarations at each build
(tools/reference.py), so the site's reference cannot drift from what drafter accepts."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference  # noqa: E402  (tools/reference.py, beside this file)
from mkdocs.structure.files import File  # noqa: E402


def on_files(files, config):
    for name, page in reference.PAGES.items():
        files.append(File.generated(config, name, content=page()))
    return files

"""Where things are: the one source of truth for the project's folders and file names."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

#: The project folder: the checkout that holds data/ and answer_templates/.
#: DRAFTER_HOME points elsewhere (a team's own share of data and templates).
PROJECT_DIR = Path(os.environ.get("DRAFTER_HOME", Path(__file__).resolve().parent.parent))

DATA_DIR = PROJECT_DIR / "data"
TEMPLATES_DIR = PROJECT_DIR / "answer_templates"
OUTPUT_DIR = PROJECT_DIR / "output"
REGISTER_FILE = DATA_DIR / "questions.yaml"


def answer_file_name(zittingsjaar: str, number: int, title: str) -> str:
    """The file name of an answer: says which question it is, safe on every file system."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = "".join(c if c.isalnum() else "-" for c in ascii_title.lower())
    slug = "-".join(part for part in slug.split("-") if part)[:60].strip("-")
    return f"antwoord-{zittingsjaar}-vraag-{number}-{slug}.docx"


#: The general template: answers any question from its register entry (a new question's default).
GENERAL_TEMPLATE = "algemeen.docx"

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


#: What a file-name pattern (the register's `file_name:`) may hold, in braces.
FILE_NAME_FIELDS = (
    "zittingsjaar",  # 2019-2020
    "number",        # 4
    "title",         # the question's title (at most 60 characters of it)
    "date",          # the date the question was asked, 2019-10-07 (empty when unknown)
    "asker",         # the askers' names
    "minister",      # the minister's name
    "answer",        # the word for "answer" in the answer's language: antwoord, reponse, answer
    "question",      # the word for "question": vraag, question
)
#: The file name of an answer when the register gives no pattern: the Flemish one, in Dutch.
DEFAULT_FILE_NAME = "antwoord-{zittingsjaar}-vraag-{number}-{title}"
_TITLE_LENGTH = 60


def slug(text: str, length: int | None = None) -> str:
    """'Bedrijfsclusters - Subsidies' -> 'bedrijfsclusters-subsidies': ASCII, safe on every file system."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    out = "".join(c if c.isalnum() else "-" for c in ascii_text.lower())
    out = "-".join(part for part in out.split("-") if part)
    return out[:length].strip("-") if length else out


def answer_file_name(zittingsjaar: str, number: int, title: str, pattern: str = DEFAULT_FILE_NAME,
                     **fields: str) -> str:
    """The file name of an answer: says which question it is, safe on every file system.

    pattern: the register's `file_name:` (fields in braces, see FILE_NAME_FIELDS); every
    field and the pattern's own text are made ASCII, lower case, '-' between words.
    """
    values = {name: "" for name in FILE_NAME_FIELDS}
    values.update({k: slug(v) for k, v in fields.items()})
    values.update(zittingsjaar=slug(zittingsjaar), number=str(number), title=slug(title, _TITLE_LENGTH))
    values["answer"] = values["answer"] or "antwoord"
    values["question"] = values["question"] or "vraag"
    return slug(pattern.format(**values)) + ".docx"

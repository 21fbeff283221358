"""The reference pages of the documentation, generated from the one declaration of keys.

The register's keys (drafter/load/keys.py), the table options and their parts, the house style
and the project file (drafter/paths.py) are declared once in the code, each with what it means;
these pages are made from those declarations when the site is built (tools/mkdocs_hooks.py),
so the reference cannot drift from what drafter accepts.

    python tools/reference.py [FOLDER]   writes the pages into FOLDER (to read them without mkdocs)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from drafter import paths  # noqa: E402
from drafter.load import keys  # noqa: E402

KIND_WORDS = {
    keys.TEXT: "text",
    keys.TEXTS: "text, or a list of texts (paragraphs)",
    keys.INTEGER: "whole number",
    keys.NUMBERS: "whole number, or a list of them",
    keys.DATE: "date (YYYY-MM-DD)",
    keys.BOOLEAN: "true or false",
    keys.CHOICE: "one of the choices",
    keys.SHAPE: "a mapping",
    keys.LIST: "a list of mappings",
    keys.MAP: "names of your own, each with a value",
    keys.ANY: "see the meaning",
}
#: The register's mappings in the order a reader meets them, with a sentence on where each is.
SHAPE_ORDER = {
    "register": "The top level of `data/questions.yaml`.",
    "deadlines": "Under `deadlines:` at the top level.",
    "question": "Each entry of `questions:`.",
    "minister": "A question's `minister:`.",
    "committee": "A question's `committee:`: the committee of a list of questions and answers (`lijst-van-vragen.docx`).",
    "other_minister": "Each entry of a question's `other_ministers:`.",
    "answer": "A question's `answer:`.",
    "part": "Each entry of `parts:`.",
    "block": "Each entry of a part's `blocks:` (exactly one key each).",
}


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _holds(key: keys.Key) -> str:
    if key.kind == keys.CHOICE:
        return " / ".join(f"`{c}`" for c in key.choices)
    if key.kind in (keys.SHAPE, keys.LIST) and key.shape:
        return f"{KIND_WORDS[key.kind]}: [{key.shape.replace('_', ' ')}](#{key.shape.replace('_', '-')})"
    if key.kind == keys.MAP and key.shape == "table":
        return "names of your own, each a [table](tables.md)"
    holds = KIND_WORDS[key.kind]
    return holds + (", or null" if key.nullable else "")


def _key_table(rows: list[tuple[str, str, str]], headers=("key", "holds", "meaning")) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return out + [""]


def register_page() -> str:
    lines = ["# The register: every key", "",
             "Generated from `drafter/load/keys.py`, the one declaration the register is read with: "
             "a key that is not here is refused with its line (\"did you mean ...\"). "
             "**Required** keys are marked. How to use them, with examples: "
             "[the template author's guide](../templates.md).", ""]
    for name, where in SHAPE_ORDER.items():
        shape = keys.SHAPES[name]
        lines += [f"## {name.replace('_', ' ').capitalize()} {{#{name.replace('_', '-')}}}", "", where, ""]
        lines += _key_table([(f"`{k.name}`" + (" **required**" if k.required else ""), _holds(k), k.meaning)
                             for k in shape.keys])
    missing = set(keys.SHAPES) - set(SHAPE_ORDER) - {"table"}
    if missing:  # a new mapping in the declaration must get its place on this page
        raise ValueError(f"tools/reference.py: SHAPE_ORDER does not place {sorted(missing)}")
    return "\n".join(lines)


def tables_page() -> str:
    lines = ["# Tables: every option", "",
             "Generated from `drafter/load/keys.py` and `drafter/load/schema.py`. A table is an entry "
             "under a question's `tables:`; only `data` is required. How to use them, with examples: "
             "[Tables in the template author's guide](../templates.md#tables).", ""]
    lines += _key_table([(f"`{name}`" + (" **required**" if name == "data" else ""), keys.TABLE_KEY_MEANINGS[name])
                         for name in keys.TABLE_KEYS], headers=("key", "meaning"))
    for part, accepted in keys.TABLE_PART_KEYS.items():
        meanings = keys.TABLE_PART_MEANINGS[part]
        lines += [f"## {part[0].upper()}{part[1:]}", ""]
        lines += _key_table([(f"`{k}`", meanings[k]) for k in accepted], headers=("key", "meaning"))
    return "\n".join(lines)


def style_page() -> str:
    style = [k for k in keys.SHAPES["register"].keys if k.name in keys.STYLE_KEYS]
    layout = [k for k in keys.SHAPES["register"].keys if k.name in keys.LAYOUT_KEYS]
    lines = ["# House style, layout and the project file", "",
             "Generated from `drafter/load/keys.py` and `drafter/paths.py`.", "",
             "## House style", "",
             "Set for the whole project in `drafter.toml` under `[house_style]`, for all questions at the "
             "top of the register, and per question (the question wins).", ""]
    lines += _key_table([(f"`{k.name}`", _holds(k), k.meaning) for k in style])
    lines += ["## Layout", "", "At the top of the register or per question (the question wins).", ""]
    lines += _key_table([(f"`{k.name}`", _holds(k), k.meaning) for k in layout])
    lines += ["## The project file, `drafter.toml` {#project-file}", "",
              f"Its tables: {', '.join(f'`[{s}]`' for s in paths.SECTIONS)}. Every value is written in quotes.",
              "", "### [paths]", ""]
    lines += _key_table([(f"`{k}`", f"`{default}`", paths.LOCATION_MEANINGS[k])
                         for k, default in paths.LOCATIONS.items()], headers=("key", "default", "meaning"))
    lines += ["### [house_style]", "", "The keys of [the house style](#house-style), above.", ""]
    lines += ["### [check]", ""]
    lines += _key_table([(f"`{k}`", holds) for k, holds in paths.CHECK_KEYS.items()], headers=("key", "holds"))
    lines += ["### Outside a table", ""]
    lines += _key_table([(f"`{paths.LANGUAGE_SETTING}`", "the language drafter speaks in this project (nl, fr, en); "
                          "else the user's")], headers=("key", "meaning"))
    return "\n".join(lines)


#: The generated pages, by their place in the site.
PAGES = {
    "reference/register.md": register_page,
    "reference/tables.md": tables_page,
    "reference/style.md": style_page,
}


def main(argv: list[str]) -> None:
    folder = Path(argv[0]) if argv else ROOT / "site-reference"
    for name, page in PAGES.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(), encoding="utf-8")
        print(f"wrote {target}")


if __name__ == "__main__":
    main(sys.argv[1:])

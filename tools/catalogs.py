"""Keeps drafter's translation catalogs, with Babel's tools (docs/engineering/translations.md).

    python tools/catalogs.py update    extract the messages of the code into drafter/locale/drafter.pot
                                        and merge them into each language's .po (new ones untranslated)
    python tools/catalogs.py check     list the messages the nl catalog does not translate; exit 1 if any
    python tools/catalogs.py compile   write each .po's compiled .mo beside it (optional in a checkout)

The same as `pybabel extract -F babel.cfg -k Nn_:1,2 -k _phrase -o drafter/locale/drafter.pot drafter`,
`pybabel update -i drafter/locale/drafter.pot -d drafter/locale -D drafter` and
`pybabel compile -d drafter/locale -D drafter`.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "drafter" / "locale"
TEMPLATE = LOCALE_DIR / "drafter.pot"
DOMAIN = "drafter"
#: The languages whose catalog must translate every message: a missing one fails CI.
COMPLETE = ("nl",)
#: Babel's keywords, Nn_ (singular, plural): a plural text of Click's, listed for the catalog, and
#: _phrase (drafter/places.py: a place translated that also keeps its English).
KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2), "_phrase": None}
#: A fixed date, so that extracting the same code gives the same .pot.
FIXED_DATE = datetime(2026, 1, 1, tzinfo=timezone.utc)


def extract() -> Catalog:
    """Every message the code marks (_, ngettext, N_, Nn_), with where it is used."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)
    catalog = Catalog(project="drafter", domain=DOMAIN, creation_date=FIXED_DATE, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / "drafter", method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read(language: str) -> Catalog:
    with po_file(language).open("rb") as stream:
        return read_po(stream, locale=language)


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    template = extract()
    with TEMPLATE.open("wb") as stream:
        write_po(stream, template, width=100, omit_header=False, sort_output=False)
    for language in languages():
        catalog = read(language)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()  # a message gone from the code is gone from the catalog
        with po_file(language).open("wb") as stream:
            write_po(stream, catalog, width=100)


def untranslated(language: str, template: Catalog | None = None) -> list[str]:
    """The messages of the code (or of template) that the language's catalog does not translate."""
    template = extract() if template is None else template
    catalog = read(language)
    missing = []
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id, message.context)
        strings = found.string if found is not None and isinstance(found.string, (list, tuple)) else \
            [found.string if found is not None else ""]
        if found is None or found.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def compile_catalogs(target: Path = LOCALE_DIR) -> list[Path]:
    """Each .po compiled to its .mo under target (the same layout); fuzzy entries left out."""
    written = []
    for language in languages():
        mo = target / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as stream:
            write_mo(stream, read(language))
        written.append(mo)
    return written


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "update":
        update()
    elif command == "compile":
        for path in compile_catalogs():
            print(f"wrote {path.relative_to(ROOT)}")
    elif command == "check":
        template = extract()
        failed = False
        for language in COMPLETE:
            missing = untranslated(language, template)
            for message in missing:
                print(f"{po_file(language)}: no translation for {message!r}")
            failed = failed or bool(missing)
        return 1 if failed else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

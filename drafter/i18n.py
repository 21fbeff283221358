"""The one translation layer: every text drafter prints for a person goes through it.

English is the source language: a message is written in English in the code, marked with
`_()` (or `ngettext()` where it depends on a number, `N_()` where it is defined before the
language is known and translated where it is shown), and looked up in the catalog of the
language in use. Placeholders are named (`_("no question {number}").format(number=4)`), so
that a translation may put them in another order.

The language in use is held in a context variable: a command sets it once (`use`, or
`speaking` for a block), a web request may set its own, and a thread or task started from
there sees the same.

The catalogs are drafter/locale/<language>/LC_MESSAGES/drafter.po, kept with Babel's tools
(docs/engineering/translations.md). The wheel carries them compiled (.mo, made by setup.py);
a checkout, where the .mo is missing or older than its .po, reads the .po itself.
"""

from __future__ import annotations

import contextvars
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "drafter"
#: The compiled catalogs: drafter/locale/<language>/LC_MESSAGES/drafter.mo
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"

_translation: contextvars.ContextVar[gettext.NullTranslations] = contextvars.ContextVar(
    "drafter_translation", default=gettext.NullTranslations())


def languages() -> tuple[str, ...]:
    """The languages drafter speaks: English (the source) and each one with a catalog."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    found += sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return tuple(dict.fromkeys([SOURCE_LANGUAGE, *found]))


def translation(language: str) -> gettext.NullTranslations:
    """The catalog of `language` ('nl', 'fr', 'nl_BE'); English (the texts as written) where
    there is none."""
    for code in dict.fromkeys([language, language.split("_")[0]]):
        if code == SOURCE_LANGUAGE:
            break
        folder = LOCALE_DIR / code / "LC_MESSAGES"
        compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
        if source.is_file() and (not compiled.is_file() or compiled.stat().st_mtime < source.stat().st_mtime):
            return _from_po(source)  # a checkout: the .po is the newer truth
        if compiled.is_file():
            with compiled.open("rb") as stream:
                return gettext.GNUTranslations(stream)
    return gettext.NullTranslations()


def _from_po(source: Path) -> gettext.GNUTranslations:
    """A catalog compiled in memory from its .po (as pybabel compile would write it)."""
    from babel.messages.mofile import write_mo  # only a checkout without a fresh .mo pays for Babel
    from babel.messages.pofile import read_po

    with source.open("rb") as stream:
        catalog = read_po(stream)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


#: The environment variables that name the user's language, first the strongest (as gettext reads them).
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def spoken(code: str | None) -> str | None:
    """The language drafter speaks for a locale name ('nl_BE.UTF-8', 'fr-BE', 'nl'); None if
    it speaks none of it. 'C' and 'POSIX' (no language chosen) are English."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("@")[0]
    if base in ("C", "POSIX"):
        return SOURCE_LANGUAGE
    base = base.split("_")[0].lower()
    return base if base in languages() else None


def environment_language(environ) -> str | None:
    """The language the environment asks for, as gettext reads it: the first of LANGUAGE's
    list drafter speaks, else LC_ALL, LC_MESSAGES, LANG."""
    for name in ENVIRONMENT:
        for code in environ.get(name, "").split(":" if name == "LANGUAGE" else None):
            found = spoken(code)
            if found:
                return found
    return None


def system_language() -> str | None:
    """The language of the user's Windows (its display language); None elsewhere."""
    import ctypes
    import locale

    windll = getattr(ctypes, "windll", None)
    if windll is None:  # not Windows
        return None
    try:
        identifier = windll.kernel32.GetUserDefaultUILanguage()
    except (AttributeError, OSError):  # no such call on this Windows
        return None
    return spoken(locale.windows_locale.get(identifier))


def choose(flag: str | None, project: str | None, environ, system=system_language) -> str:
    """The language to speak: --lang for one run, else the project's (drafter.toml's
    `language`), else the environment's, else Windows', else English."""
    return (spoken(flag) or spoken(project) or environment_language(environ) or system()
            or SOURCE_LANGUAGE)


def use(language: str) -> None:
    """Speak `language` from now on, in this context."""
    _translation.set(translation(language))


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak `language` inside the block, and what was spoken before after it."""
    token = _translation.set(translation(language))
    try:
        yield
    finally:
        _translation.reset(token)


def _(message: str) -> str:
    """`message` in the language in use."""
    return _translation.get().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the language in use."""
    return _translation.get().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks `message` for the catalog without translating it yet: for texts defined before the
    language is known (a table of labels), translated with `_()` where they are shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a text with a plural form for the catalog without translating it (as N_ does)."""
    return singular, plural


def date_text(day) -> str:
    """A date as a person reads it in the language in use: 2026-04-28 in English (the source
    texts), 28/04/2026 in Dutch and French; the catalog holds each language's order."""
    return _("{year}-{month}-{day}").format(year=f"{day.year:04d}", month=f"{day.month:02d}", day=f"{day.day:02d}")

"""The one translation layer: every text drafter prints for a person goes through it.

English is the source language: a message is written in English in the code, marked with
`_()` (or `ngettext()` where it depends on a number, `N_()` where it is defined before the
language is known and translated where it is shown), and looked up in the catalog of the
language in use. Placeholders are named (`_("no question {number}").format(number=4)`), so
that a translation may put them in another order.

The language in use is held in a context variable: a command sets it once (`use`), a web
request may set its own, and a thread or task started from there sees the same.
"""

from __future__ import annotations

import contextvars
import gettext
from pathlib import Path

DOMAIN = "drafter"
#: The compiled catalogs: drafter/locale/<language>/LC_MESSAGES/drafter.mo
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
SOURCE_LANGUAGE = "en"

_translation: contextvars.ContextVar[gettext.NullTranslations] = contextvars.ContextVar(
    "drafter_translation", default=gettext.NullTranslations())


def translation(language: str) -> gettext.NullTranslations:
    """The catalog of `language` ('nl', 'fr', 'nl_BE'); English (the texts as written) where
    there is none."""
    if language.split("_")[0] == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, [language, language.split("_")[0]], fallback=True)


def use(language: str) -> None:
    """Speak `language` from now on, in this context."""
    _translation.set(translation(language))


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

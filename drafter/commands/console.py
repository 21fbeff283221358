"""Printing on any console: a character its encoding cannot show (a Windows console's cp1252
or cp850 and 'Ayşe', '→', 'Łukasz') is written as the nearest it can show ('Ayse', '->',
'Lukasz'), else '?', never a crash, so that a name stays recognisable."""

from __future__ import annotations

import codecs
import sys
import unicodedata

#: The name of the encoding error handler (codecs.register_error), as streams are given it.
ERRORS = "drafter-nearest"
#: Characters with no decomposition to a letter a console shows, and what stands for them.
NEAREST = {"→": "->", "←": "<-", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ı": "i",
           "…": "...", "—": "-", "–": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "€": "EUR", "•": "*",
           "≤": "<=", "≥": ">=", "×": "x", "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe"}


def nearest(text: str, encoding: str) -> str:
    """text as near as `encoding` can show it."""
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        candidates = [NEAREST.get(char, ""),
                      "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))]
        out.append(next((c for c in candidates if c and _shows(c, encoding)), "?"))
    return "".join(out)


def _shows(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _handler(error: UnicodeError):
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return nearest(error.object[error.start:error.end], error.encoding), error.end


def any_console() -> None:
    """Standard output and error write what their encoding cannot show as its nearest."""
    try:
        codecs.lookup_error(ERRORS)
    except LookupError:
        codecs.register_error(ERRORS, _handler)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors=ERRORS)
            except (ValueError, OSError):  # a stream that cannot be reconfigured any more
                pass

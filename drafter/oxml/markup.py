"""WordprocessingML as text that is not XML yet: a template's part prepared for Jinja2.

docxtpl's preparation leaves the part's XML with Jinja2 tags between (and inside) elements,
which may not parse until it is rendered; these functions read and lay out that text.
"""

from __future__ import annotations

import html
import re

_PARAGRAPH_START = re.compile(r"(?=<w:p[ >])")
_PARAGRAPH_LINE = re.compile(r"\n(?=<w:p[ >])")
_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>(.*?)</w:t>", re.DOTALL)


def paragraph_lines(xml: str) -> str:
    """The text with each paragraph (w:p) on a line of its own, so that a line of a template
    leads back to a paragraph."""
    return _PARAGRAPH_START.sub("\n", xml)


def joined_lines(xml: str) -> str:
    """paragraph_lines undone: the line breaks before paragraphs taken out."""
    return _PARAGRAPH_LINE.sub("", xml)


def texts(xml: str) -> str:
    """The text of every w:t in the markup, unescaped, joined by spaces."""
    return " ".join(html.unescape(t) for t in _TEXT.findall(xml))

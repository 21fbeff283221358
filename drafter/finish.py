"""Finishing the package: the passes over the rendered document that make it a clean answer.

Like docutils' transforms, each pass walks the rendered tree and changes one thing:
tables kept together with their notes, the proofing language, the document properties.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import oxml, package, styles
from .view import AnswerView

CORE_PROPERTIES = "docProps/core.xml"
STYLES = "word/styles.xml"


def _lang_tag(locale: str) -> str:
    return locale.replace("_", "-")


@lru_cache(maxsize=32)
def _styles_for(styles_xml: bytes, lang: str) -> tuple[bytes, frozenset[str]]:
    """The template's styles with the proofing language set, and the table-note style ids."""
    root = oxml.parse(styles_xml)
    oxml.set_proofing_language(root, lang)
    ids = oxml.style_ids_by_name(root)
    note_ids = frozenset(i for name, i in ids.items() if name == styles.TABLE_NOTE.lower())
    return oxml.serialize(root), note_ids


def finish(template_parts: dict[str, bytes], rendered: dict[str, bytes], view: AnswerView,
           created: dt.datetime | None = None) -> dict[str, bytes]:
    """The parts of the finished answer, in the template's order."""
    parts = dict(template_parts)
    parts.update(rendered)
    lang = _lang_tag(view.formatter.locale)
    note_ids: frozenset[str] = frozenset()
    if STYLES in parts:
        parts[STYLES], note_ids = _styles_for(parts[STYLES], lang)
    document = oxml.parse(parts[package.MAIN_DOCUMENT])
    body = document.find(oxml.qn("w:body"))
    oxml.keep_tables_together(body, set(note_ids))
    parts[package.MAIN_DOCUMENT] = oxml.serialize(document)
    q = view.question
    parts[CORE_PROPERTIES] = oxml.core_properties_xml(
        title=q.title,
        subject=f"Antwoord op schriftelijke vraag nr. {q.number} ({q.zittingsjaar})",
        creator=q.minister.name,
        language=lang,
        keywords=f"schriftelijke vraag; {q.zittingsjaar}; {q.number}",
        description=f"Ontwerp van antwoord, gemaakt met drafter uit {q.template}",
        created=created,
    )
    return parts

"""Finishing the package: the passes over the rendered document that make it a clean answer.

Like docutils' transforms, each pass walks the rendered tree and changes one thing:
tables kept together with their notes, the proofing language, the document properties.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from . import oxml, package, styles
from .notes import SUP_CLOSE, SUP_OPEN
from .view import AnswerView

CORE_PROPERTIES = "docProps/core.xml"
STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
SUPERSCRIPT = re.compile(f"{SUP_OPEN}([^{SUP_CLOSE}]*){SUP_CLOSE}")
CONTENT_TYPES = "[Content_Types].xml"
_EMPTY_STYLES = b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
PACKAGE_RELS = "_rels/.rels"
#: Custom document properties drafter records in every answer it writes.
FINGERPRINT = "drafter.fingerprint"
QUESTION_ID = "drafter.question"


def fingerprint(document_xml: bytes) -> str:
    """What drafter wrote as the answer's text; an edit in Word changes it."""
    return hashlib.sha256(document_xml).hexdigest()


@lru_cache(maxsize=32)
def _with_custom_part(content_types: bytes, package_rels: bytes) -> tuple[bytes, bytes]:
    return (
        oxml.ensure_content_type(content_types, "/" + oxml.CUSTOM_PROPERTIES, oxml.CUSTOM_CT),
        oxml.ensure_relationship(package_rels, oxml.CUSTOM_REL, oxml.CUSTOM_PROPERTIES),
    )


def _lang_tag(locale: str) -> str:
    return locale.replace("_", "-")


@dataclass(frozen=True)
class _Styles:
    xml: bytes  # the template's styles, with the proofing language and drafter's character styles
    note_ids: frozenset[str]  # paragraph styles of notes printed under a table
    note_reference: str  # character style of a raised note call
    list_numbering: dict  # numbered-list paragraph style id -> its numId


@lru_cache(maxsize=32)
def _styles_for(styles_xml: bytes, lang: str) -> _Styles:
    root = oxml.parse(styles_xml)
    oxml.set_proofing_language(root, lang)
    note_reference = oxml.ensure_character_style(root, styles.NOTE_REFERENCE, "NoteReference", oxml.SUPERSCRIPT_RPR)
    ids = oxml.style_ids_by_name(root)
    note_ids = frozenset(i for name, i in ids.items() if name == styles.TABLE_NOTE.lower())
    list_ids = {i for name, i in ids.items() if name == styles.LIST_NUMBER.lower()}
    numbering = {k: v for k, v in oxml.style_numbering(root).items() if k in list_ids}
    return _Styles(oxml.serialize(root), note_ids, note_reference, numbering)


def finish(template_parts: dict[str, bytes], rendered: dict[str, bytes], view: AnswerView,
           created: dt.datetime | None = None) -> dict[str, bytes]:
    """The parts of the finished answer, in the template's order."""
    parts = dict(template_parts)
    parts.update(rendered)
    lang = _lang_tag(view.formatter.locale)
    info = _styles_for(parts.get(STYLES, _EMPTY_STYLES), lang)
    if STYLES in parts:
        parts[STYLES] = info.xml
    document = oxml.parse(parts[package.MAIN_DOCUMENT])
    body = document.find(oxml.qn("w:body"))
    # passes over the rendered document, each with one job
    oxml.keep_tables_together(body, set(info.note_ids))
    oxml.replace_tokens_in_runs(body, SUPERSCRIPT,
                                lambda m, rpr: oxml.styled_text_run(info.note_reference, m.group(1), rpr))
    if info.list_numbering and NUMBERING in parts:
        numbering = oxml.parse(parts[NUMBERING])
        if oxml.restart_lists(body, numbering, info.list_numbering):
            parts[NUMBERING] = oxml.serialize(numbering)
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
    parts[CONTENT_TYPES], parts[PACKAGE_RELS] = _with_custom_part(parts[CONTENT_TYPES], parts[PACKAGE_RELS])
    parts[oxml.CUSTOM_PROPERTIES] = oxml.set_custom_properties(
        parts.get(oxml.CUSTOM_PROPERTIES),
        {FINGERPRINT: fingerprint(parts[package.MAIN_DOCUMENT]), QUESTION_ID: f"{q.zittingsjaar}/{q.number}"},
    )
    return parts

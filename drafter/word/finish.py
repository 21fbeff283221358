"""Finishing the package: the passes over the rendered document that make it a clean answer.

Like docutils' transforms, each pass walks the rendered tree and changes one thing:
tables kept together with their notes, real footnotes where the text calls footnote(),
the proofing language, the document properties.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache

from dataclasses import dataclass
from drafter.word import figures
from drafter.word import oxml
from drafter.word import package
from drafter.word import styles
from drafter.word import oxml_footnotes as oxf
from drafter.errors import Problem, TemplateProblem
from drafter.view.footnotes import MAX_NOTE_ID, TOKEN_RE, TOKEN_START, FootnoteCollector, has_token
from drafter.view.jinja import FIGURES_KEY, FOOTNOTES_KEY
from drafter.view.notes import SUP_CLOSE, SUP_OPEN
from drafter.view.answer import AnswerView

CORE_PROPERTIES = "docProps/core.xml"
STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
SUPERSCRIPT = re.compile(f"{SUP_OPEN}([^{SUP_CLOSE}]*){SUP_CLOSE}")
CONTENT_TYPES = "[Content_Types].xml"
_EMPTY_STYLES = b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
PACKAGE_RELS = "_rels/.rels"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
#: Custom document properties drafter records in every answer it writes.
FINGERPRINT = "drafter.fingerprint"
QUESTION_ID = "drafter.question"
OWN_PROPERTY_PREFIX = "drafter."


def fingerprint(parts: dict[str, bytes]) -> str:
    """What drafter wrote: every part, and every custom document property but drafter's own
    record (drafter.fingerprint, drafter.question), which holds this fingerprint.

    An edit anywhere (the text, a footnote, a header, a style, a custom property a colleague
    added in File > Properties) changes it.
    """
    digest = hashlib.sha256()
    for name in sorted(parts):
        if name != oxml.CUSTOM_PROPERTIES:
            digest.update(f"{name}\0{len(parts[name])}\0".encode())
            digest.update(parts[name])
    custom = parts.get(oxml.CUSTOM_PROPERTIES)
    if custom:
        others = sorted((k, v) for k, v in oxml.read_custom_properties(custom).items()
                        if not str(k).startswith(OWN_PROPERTY_PREFIX))
        if others:  # none: the same fingerprint as before drafter covered custom properties
            digest.update(b"custom properties\0")
            for key, value in others:
                digest.update(f"{key}\0{value}\0".encode())
    return digest.hexdigest()


def question_id(question) -> str:
    """Which question an answer answers, as recorded in it: '2019-2020/4'."""
    return f"{question.zittingsjaar}/{question.number}"


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
           created: dt.datetime | None = None, template_file: str | None = None) -> dict[str, bytes]:
    """The parts of the finished answer, in the template's order; template_file: the
    template as messages name it (its folder too)."""
    parts = dict(template_parts)
    parts.update(rendered)
    lang = _lang_tag(view.formatter.locale)
    info = _styles_for(parts.get(STYLES, _EMPTY_STYLES), lang)
    if STYLES in parts:
        parts[STYLES] = info.xml
    document = oxml.parse(parts[package.MAIN_DOCUMENT])
    body = document.find(oxml.qn("w:body"))
    # passes over the rendered document, each with one job
    oxml.normalize_properties(body)
    oxml.end_cells_with_a_paragraph(body)
    oxml.keep_tables_together(body, set(info.note_ids))
    oxml.end_with_the_last_section(body)
    for run, call in oxml.split_runs_at(body, SUPERSCRIPT, SUP_OPEN):
        oxml.fill_styled_text(run, info.note_reference, call)
    if info.list_numbering and NUMBERING in parts:
        numbering = oxml.restart_lists(body, parts[NUMBERING], info.list_numbering)
        if numbering is not None:
            parts[NUMBERING] = numbering
    collector = view.context.get(FOOTNOTES_KEY)
    if collector:  # an answer without footnotes is left exactly as it was
        place_footnotes(parts, document, collector, rendered, template_file or view.question.template)
    rows = getattr(rendered, "rows", [])  # the tables' body rows, standing apart (oxml.Rendered)
    bookmarks = figures.place_figures(parts, document, view.context[FIGURES_KEY], rendered,
                                      question_id(view.question), view.formatter.locale, rows)
    parts[package.MAIN_DOCUMENT] = oxml.put_rows(oxml.serialize(document), rows, bookmarks)
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
        {FINGERPRINT: fingerprint(parts), QUESTION_ID: question_id(q)},
    )
    return parts


# --------------------------------------------------------------------------- footnotes


@lru_cache(maxsize=32)
def _with_footnote_styles(styles_xml: bytes) -> tuple[bytes, str, str]:
    root = oxml.parse(styles_xml)
    text_id, ref_id = oxf.ensure_footnote_styles(root)
    return oxml.serialize(root), text_id, ref_id


def _footnotes_part_name(document_rels: bytes | None) -> str | None:
    """The footnotes part the main document relates to, if any."""
    if not document_rels:
        return None
    for rel in oxml.parse(document_rels):
        if rel.get("Type") == oxf.FOOTNOTES_REL and rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "word/" + target
    return None


def _leftover_problems(parts: dict[str, bytes], document, rendered: dict[str, bytes], template: str) -> list[Problem]:
    """footnote() calls whose place holds no footnote in Word: headers, footers, notes, text boxes."""
    hint = "Call footnote() in the text of the answer or in a table cell; Word has no footnotes there."
    problems = [
        Problem(f"footnote() in {place}: a footnote can only stand in the text or a table cell", file=template,
                place="the document", hint=hint)
        for place in oxf.places_of(document, TOKEN_RE)
    ]
    for name in rendered:
        if name != package.MAIN_DOCUMENT and has_token(parts[name]):
            what = name.removeprefix("word/").removesuffix(".xml")
            problems.append(Problem(f"footnote() in {what}: a footnote can only stand in the text or a table cell",
                                    file=template, place=name, hint=hint))
    return problems


def place_footnotes(parts: dict[str, bytes], document, collector: FootnoteCollector,
                    rendered: dict[str, bytes], template: str) -> None:
    """Turn the footnote() placeholders in the document into Word footnotes.

    Notes go after the template's own in its footnotes part (made, with its relationship,
    content type and settings, when the template has none), with ids above the largest it
    has, in the order of their references. A note used at several places (one key) is
    written once; its other places show its number through a cross-reference.
    """
    markers = [(run, int(n)) for run, n in oxml.split_runs_at(document, TOKEN_RE, TOKEN_START)]
    problems = _leftover_problems(parts, document, rendered, template)
    unknown = [n for _, n in markers if collector.get(n) is None]
    if unknown:
        problems.append(Problem(f"the text holds a footnote placeholder drafter did not make ({unknown[0]})",
                                file=template, hint="Remove the private-use characters from the template."))
    if problems:
        raise TemplateProblem(problems=problems)
    if not markers:
        return
    if STYLES not in parts:  # a package without styles (Word always writes them)
        _add_part(parts, STYLES, oxf.new_styles_part(), oxf.STYLES_CT, oxf.STYLES_REL)
    parts[STYLES], text_style, ref_style = _with_footnote_styles(parts[STYLES])
    name = _footnotes_part_name(parts.get(DOCUMENT_RELS))
    created = name is None or name not in parts
    name = name or oxf.FOOTNOTES_PART
    notes = oxml.parse(oxf.new_footnotes_part() if created else parts[name])
    next_id = oxf.next_footnote_id(notes)
    if next_id + len(markers) > MAX_NOTE_ID:
        first_too_many = markers[MAX_NOTE_ID - next_id][0] if MAX_NOTE_ID >= next_id else markers[0][0]
        paragraph = next(first_too_many.iterancestors(oxml.qn("w:p")), None)
        text = oxml.text_of(paragraph).strip()[:60] if paragraph is not None else ""
        raise TemplateProblem(
            f"the answer would have {len(markers)} footnotes, more than Word can number "
            f"({MAX_NOTE_ID - next_id + 1} more fit)", file=template,
            place=f"the footnote() that makes too many, in the paragraph {text!r}" if text else None,
            hint="Use fewer footnote() calls: give notes that repeat a key (footnote(text, key=...)), "
            "or put long lists of sources under a table.")
    first_of_key: dict[str, tuple[int, object]] = {}
    cross_refs = []
    for run, number in markers:
        note = collector.get(number)
        if note.key is not None and note.key in first_of_key:
            cross_refs.append((run, first_of_key[note.key]))
            continue
        oxf.append_footnote(notes, next_id, note.text, text_style, ref_style)
        oxf.make_footnote_reference(run, next_id, ref_style)
        if note.key is not None:
            first_of_key[note.key] = (next_id, run)
        next_id += 1
    if cross_refs:
        bookmark_id = oxf.next_annotation_id(document)
        marked = {}
        shown = []
        for run, (note_id, first_run) in cross_refs:
            if note_id not in marked:
                marked[note_id] = oxf.bookmark_name(note_id)
                oxf.bookmark_around(first_run, bookmark_id, marked[note_id])
                bookmark_id += 1
            shown.append((oxf.make_note_cross_reference(run, marked[note_id], ref_style), note_id))
        numbers = oxf.footnote_numbers(document)
        for t, note_id in shown:
            t.text = str(numbers[note_id])
    if created:
        _add_part(parts, name, oxml.serialize(notes), oxf.FOOTNOTES_CT, oxf.FOOTNOTES_REL)
        if oxf.SETTINGS_PART in parts:
            settings = oxml.parse(parts[oxf.SETTINGS_PART])
            oxf.ensure_settings_footnote_pr(settings, oxf.structural_note_ids(notes))
            parts[oxf.SETTINGS_PART] = oxml.serialize(settings)
    else:
        parts[name] = oxml.serialize(notes)


_EMPTY_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>')


def _add_part(parts: dict[str, bytes], name: str, data: bytes, content_type: str, rel_type: str) -> None:
    """A new part of the main document: its bytes, its content type, its relationship."""
    parts[name] = data
    parts[CONTENT_TYPES] = oxml.ensure_content_type(parts[CONTENT_TYPES], "/" + name, content_type)
    parts[DOCUMENT_RELS] = oxml.ensure_relationship(parts.get(DOCUMENT_RELS) or _EMPTY_RELS, rel_type,
                                                    name.removeprefix("word/"))

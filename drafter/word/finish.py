"""Finishing an answer: the passes over the rendered document that make it a clean answer.

As docutils' transforms, each pass is a small function that changes one thing in the answer's
parsed parts, and ``PASSES`` declares their order once. The parts are parsed when a pass first
reads them and serialized once, after the last pass but the fingerprint's (which covers the
bytes of all the others).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from drafter.oxml import document, numbering, opc, paragraph, properties, section, table
from drafter.oxml import run as runs
from drafter.oxml import styles as style_parts
from drafter.load.register import Question
from drafter.view.answer import AnswerView
from drafter.view.figures import FigureCollector
from drafter.view.footnotes import FootnoteCollector
from drafter.view.jinja import FIGURES_KEY, FOOTNOTES_KEY
from drafter.view.notes import SUP_CLOSE, SUP_OPEN
from drafter.word import figure_record, fingerprint, footnotes, styles
from drafter.word.places import FigureCell
from drafter.word.tables import KEEP_TOGETHER_ROWS
from drafter.word.template import Rendered

STYLES_PART = "word/styles.xml"
NUMBERING_PART = "word/numbering.xml"
#: A raised note call in the rendered text: SUP_OPEN, the call, SUP_CLOSE.
NOTE_CALL = re.compile(f"{SUP_OPEN}([^{SUP_CLOSE}]*){SUP_CLOSE}")


@dataclass
class Answer:
    """An answer being finished: its package (the template's parts and the rendered ones), and
    what the passes need to know of it."""

    package: opc.Package
    question: Question
    locale: str  # the answer's locale: 'nl_BE'
    figures: FigureCollector  # the figures the view formatted (marked in the text)
    footnotes: FootnoteCollector | None  # the footnotes the text calls (tokens in the text)
    template_file: str  # the template as messages name it
    rendered: list[str] = field(default_factory=list)  # the other parts whose tags were rendered
    created: dt.datetime | None = None
    #: where the figures of the tables built from data stand in their tables, by figure number
    table_figures: dict[int, FigureCell] = field(default_factory=dict)

    @property
    def body(self):
        """The main document's body, to change (the document itself, in one without a body)."""
        root = self.package.edit(opc.MAIN_DOCUMENT)
        body = document.body_of(root)
        return body if body is not None else root

    @property
    def language(self) -> str:
        """The answer's language as Word names it: 'nl-BE'."""
        return self.locale.replace("_", "-")

    def styles(self):
        """The styles part's tree, to change; an empty one (not added) in a package without one."""
        return self.package.edit(STYLES_PART) if STYLES_PART in self.package else style_parts.new_part()

    def style_ids(self, name: str) -> set[str]:
        """The ids of the template's styles of this name (in any case)."""
        return {i for n, i in style_parts.ids_by_name(self.styles()).items() if n == name.lower()}


# --------------------------------------------------------------------------- the passes


def set_proofing_language(answer: Answer) -> None:
    """Word checks the spelling in the answer's language (the style defaults' language)."""
    style_parts.set_proofing_language(answer.styles(), answer.language)


def add_note_call_style(answer: Answer) -> None:
    """The character style of a raised note call, in every answer (where the template lacks it)."""
    style_parts.ensure_character_style(answer.styles(), styles.NOTE_REFERENCE, "NoteReference", style_parts.SUPERSCRIPT)


def end_cells_with_a_paragraph(answer: Answer) -> None:
    """Word wants a paragraph at the end of every table cell, also after a table put in one."""
    table.end_cells_with_a_paragraph(answer.body)


def keep_tables_together(answer: Answer) -> None:
    """Keep each short table on one page with its notes, and repeat its header row on a new page.

    Rows may not split; in a table of at most KEEP_TOGETHER_ROWS rows every paragraph keeps
    with the next, and so do its caption, the paragraph that introduces the table (the one
    before its caption: "... als volgt:" is never left alone at the foot of a page) and every
    note under it but the last. A longer table may break across pages; its header rows repeat,
    and only they keep with its first row."""
    note_styles = answer.style_ids(styles.TABLE_NOTE)
    caption_styles = answer.style_ids(styles.TABLE_CAPTION)
    for tbl in table.tables(answer.body):
        for tr in table.rows_that_may_split(tbl):
            table.forbid_split(tr)
        rows = table.rows(tbl) if table.row_count(tbl) <= KEEP_TOGETHER_ROWS else None
        first_rows = rows[:2] if rows is not None else table.first_rows(tbl, 2)
        if first_rows:
            table.repeat_as_header(first_rows[0])
        if rows is None:
            for tr in first_rows:
                paragraph.keep_all_with_next(tr)
            continue
        paragraph.keep_all_with_next(tbl)
        # the caption (title, unit line), then the first paragraph before it: the lead-in
        for before in table.paragraphs_before(tbl):
            paragraph.keep_with_next(before)
            if paragraph.style_of(before) not in caption_styles:
                break
        notes = list(itertools.takewhile(lambda p: paragraph.style_of(p) in note_styles, table.paragraphs_after(tbl)))
        for p in notes[:-1]:
            paragraph.keep_with_next(p)


def end_with_the_last_section(answer: Answer) -> None:
    """No empty page after a table on a landscape page of its own at the end of the answer."""
    section.end_with_the_last_section(answer.body)


def raise_note_calls(answer: Answer) -> None:
    """Each note call the view marked ('(1)') in a run of its own, in the note call style."""
    style_id = style_parts.ids_by_name(answer.styles()).get(styles.NOTE_REFERENCE.lower(), "NoteReference")
    for run, call in runs.split_at(answer.body, NOTE_CALL, SUP_OPEN):
        runs.styled_text(run, style_id, call)


def restart_lists(answer: Answer) -> None:
    """Every numbered list (consecutive paragraphs in the list style) starts at 1: each gets a
    numbering of its own, so that items a person adds in Word later join their own list."""
    if NUMBERING_PART not in answer.package:
        return
    list_styles = answer.style_ids(styles.LIST_NUMBER)
    numbered = {k: v for k, v in style_parts.numbering_of(answer.styles()).items() if k in list_styles}
    found = numbering.lists(answer.body, numbered)
    if not found:
        return
    part = answer.package.edit(NUMBERING_PART)
    for items in found:
        num_id = numbering.new_instance(part, numbered[paragraph.style_of(items[0])])
        if num_id is not None:
            for p in items:
                numbering.number(p, num_id)


def place_footnotes(answer: Answer) -> None:
    """Real Word footnotes where the text calls footnote() (an answer without any is left as it is)."""
    if answer.footnotes:
        footnotes.place_footnotes(answer.package, answer.footnotes, answer.rendered, answer.template_file)


def trace_figures(answer: Answer) -> None:
    """A hidden bookmark around each figure from the data, and the record of them in the package;
    the figures of the other rendered parts (headers, footers) lose their marks and bookmarks."""
    for name in answer.rendered:
        figure_record.strip_marks(answer.package, name)
    figure_record.trace(answer.package, answer.figures, fingerprint.question_id(answer.question), answer.locale,
                        answer.table_figures, answer.style_ids(styles.TABLE_NOTE))


def set_core_properties(answer: Answer) -> None:
    """The document's title, subject, author, keywords and language, from the question."""
    q = answer.question
    answer.package.put(properties.CORE_PART, properties.core_part(
        title=q.title,
        subject=f"Antwoord op schriftelijke vraag nr. {q.number} ({q.zittingsjaar})",
        creator=q.minister.name,
        language=answer.language,
        keywords=f"schriftelijke vraag; {q.zittingsjaar}; {q.number}",
        description=f"Ontwerp van antwoord, gemaakt met drafter uit {q.template}",
        created=answer.created,
    ))


def record_fingerprint(answer: Answer) -> None:
    """drafter's record in the custom properties: the question, and the fingerprint of the answer's
    content as the other passes left it (so this pass comes last)."""
    package = answer.package
    package.declare(properties.CUSTOM_PART, properties.CUSTOM_CONTENT_TYPE)
    package.relate(None, properties.CUSTOM_PART, properties.CUSTOM_RELATIONSHIP)
    custom = package.read(properties.CUSTOM_PART) if properties.CUSTOM_PART in package else None
    values = {fingerprint.FINGERPRINT: fingerprint.fingerprint(package),
              fingerprint.QUESTION_ID: fingerprint.question_id(answer.question)}
    package.put(properties.CUSTOM_PART, properties.set_custom(custom, values))


#: The passes, in the order they run.
PASSES = (
    set_proofing_language,
    add_note_call_style,
    end_cells_with_a_paragraph,
    keep_tables_together,
    end_with_the_last_section,
    raise_note_calls,
    restart_lists,
    place_footnotes,
    trace_figures,
    set_core_properties,
    record_fingerprint,
)


def finished(template_parts: dict[str, bytes], rendered: Rendered, view: AnswerView,
             created: dt.datetime | None = None, template_file: str | None = None) -> opc.Package:
    """The finished answer's package (its parts' trees still parsed, for a reader after the
    passes); template_file: the template as messages name it (its folder too)."""
    package = opc.Package({**template_parts, opc.MAIN_DOCUMENT: rendered.document, **rendered.parts})
    answer = Answer(package, view.question, view.formatter.locale, view.context[FIGURES_KEY],
                    view.context.get(FOOTNOTES_KEY), template_file or view.question.template, list(rendered.parts),
                    created, rendered.table_figures)
    for run_pass in PASSES:
        run_pass(answer)
    return package


def finish(template_parts: dict[str, bytes], rendered: Rendered, view: AnswerView,
           created: dt.datetime | None = None, template_file: str | None = None) -> dict[str, bytes]:
    """The parts of the finished answer, in the template's order (see `finished`)."""
    return finished(template_parts, rendered, view, created, template_file).parts()

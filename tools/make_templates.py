"""Creates the starting Word templates in answer_templates/.

Run once to (re)create them: `python tools/make_templates.py [--force]`. After that the
.docx files are the source: colleagues edit them in Word, and this script does not run
again unless a template is to be made anew (it refuses to overwrite without --force).
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from drafter.word import styles  # noqa: E402
from drafter.paths import read_project  # noqa: E402

TEMPLATES_DIR = read_project(Path(__file__).resolve().parent.parent / "drafter.toml").templates

KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "No List", "Table Grid"}
INDENT = Cm(0.63)


def _lean(doc) -> None:
    """Drop what python-docx's default template carries but an answer does not need."""
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del pkg.rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            del doc.part.rels[rid]
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in KEEP_STYLES:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _paragraph_style(doc, name, *, base="Normal", bold=False, caps=False, size=None, align=None,
                     before=None, after=None, left=None, hanging=None, keep_next=False, tab=None):
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles[base]
    style.quick_style = True
    font, pf = style.font, style.paragraph_format
    font.bold = bold or None
    font.all_caps = caps or None
    if size:
        font.size = Pt(size)
    if align is not None:
        pf.alignment = align
    if before is not None:
        pf.space_before = Pt(before)
    if after is not None:
        pf.space_after = Pt(after)
    if left is not None:
        pf.left_indent = left
    if hanging is not None:
        pf.first_line_indent = -hanging
    if tab is not None:
        pf.tab_stops.add_tab_stop(tab)
    if keep_next:
        pf.keep_with_next = True
    return style


def _builtin_style(doc, style_id, name, kind, ppr="", rpr=""):
    xml = (
        f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{"Normal" if kind == "paragraph" else "DefaultParagraphFont"}"/>'
        f'<w:uiPriority w:val="99"/><w:unhideWhenUsed/>{ppr}{rpr}</w:style>'
    )
    doc.styles.element.append(parse_xml(xml))


def _list_styles(doc):
    """Numbered and bulleted list styles for answers, each tied to its own numbering."""
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    w = nsdecls("w")
    levels = {
        1: ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="714" w:hanging="357"/></w:pPr></w:lvl>'),
        2: ('<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="714" w:hanging="357"/></w:pPr></w:lvl>'),
    }
    for n, lvl in levels.items():
        numbering.append(parse_xml(f'<w:abstractNum {w} w:abstractNumId="{n}"><w:nsid w:val="1D00000{n}"/>'
                                   f'<w:multiLevelType w:val="singleLevel"/>{lvl}</w:abstractNum>'))
    for n in levels:
        numbering.append(parse_xml(f'<w:num {w} w:numId="{n}"><w:abstractNumId w:val="{n}"/></w:num>'))
    for name, num in ((styles.LIST_NUMBER, 1), (styles.LIST_BULLET, 2)):
        style = _paragraph_style(doc, name, base=styles.ANSWER_TEXT, after=3)
        ppr = style.element.get_or_add_pPr()
        ppr.insert(0, parse_xml(f'<w:numPr {w}><w:numId w:val="{num}"/></w:numPr>'))


def _table_style(doc):
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
    borders = "".join(border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (
        f'<w:style {nsdecls("w")} w:type="table" w:styleId="AnswerTable">'
        f'<w:name w:val="{styles.TABLE}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        f'<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:tblPr><w:tblInd w:w="{int(INDENT.twips if hasattr(INDENT, "twips") else 357)}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        f'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
        f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f'<w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr>'
        f'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/></w:tcPr></w:tblStylePr>'
        f"</w:style>"
    )
    doc.styles.element.append(parse_xml(xml))


def new_document():
    doc = docx.Document()
    _lean(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)

    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.08
    # Proofing language: Dutch (Belgium) in the style defaults; drafter sets it per locale.
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr_default.find(qn("w:lang"))
    if lang is None:
        lang = parse_xml(f"<w:lang {nsdecls('w')}/>")
        rpr_default.append(lang)
    lang.set(qn("w:val"), "nl-BE")
    lang.set(qn("w:eastAsia"), "en-US")
    lang.set(qn("w:bidi"), "ar-SA")

    _paragraph_style(doc, styles.MINISTER_NAME, bold=True, caps=True, after=0)
    _paragraph_style(doc, styles.MINISTER_TITLE, caps=True, size=10, after=0)
    _paragraph_style(doc, styles.ANSWER_TITLE, bold=True, size=12, before=24, after=0)
    _paragraph_style(doc, styles.ANSWER_REFERENCE, after=18)
    _paragraph_style(doc, styles.ANSWER_TEXT, after=8)
    _paragraph_style(doc, styles.ANSWER_NUMBER, base=styles.ANSWER_TEXT, left=INDENT, hanging=INDENT, tab=INDENT, before=6)
    _paragraph_style(doc, styles.ANSWER_CONTINUATION, base=styles.ANSWER_TEXT, left=INDENT)
    _paragraph_style(doc, styles.TABLE_TEXT, after=0, keep_next=True)
    _paragraph_style(doc, styles.TABLE_NUMBER, base=styles.TABLE_TEXT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, styles.TABLE_HEADING, base=styles.TABLE_TEXT, bold=True)
    _paragraph_style(doc, styles.TABLE_HEADING_NUMBER, base=styles.TABLE_HEADING, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph_style(doc, styles.TABLE_HEADING_GROUP, base=styles.TABLE_HEADING, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph_style(doc, styles.TABLE_CAPTION, base=styles.ANSWER_CONTINUATION, size=9, after=2, keep_next=True)
    _paragraph_style(doc, styles.TABLE_NOTE, size=9, left=Cm(1.26), hanging=INDENT, tab=Cm(1.26), after=3)
    doc.styles[styles.TABLE_NOTE].paragraph_format.space_before = Pt(0)
    _paragraph_style(doc, styles.TABLE_TOTAL, base=styles.TABLE_TEXT, bold=True)
    _paragraph_style(doc, styles.TABLE_TOTAL_NUMBER, base=styles.TABLE_NUMBER, bold=True)
    _paragraph_style(doc, styles.ANSWER_HEADING, base=styles.ANSWER_TEXT, bold=True, before=6, after=4, keep_next=True)
    _paragraph_style(doc, styles.QUESTION_HEADING, base=styles.ANSWER_TEXT, bold=True, before=6, after=2, keep_next=True)
    _paragraph_style(doc, styles.QUESTION_TEXT, base=styles.ANSWER_TEXT, keep_next=True)
    doc.styles[styles.QUESTION_TEXT].font.italic = True
    _paragraph_style(doc, styles.QUESTION_NUMBER, base=styles.QUESTION_TEXT, left=INDENT, hanging=INDENT, tab=INDENT)
    _list_styles(doc)
    _builtin_style(doc, "NoteReference", styles.NOTE_REFERENCE, "character",
                   rpr='<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
    _builtin_style(doc, "FootnoteText", styles.FOOTNOTE_TEXT, "paragraph",
                   ppr='<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>',
                   rpr='<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>')
    _builtin_style(doc, "FootnoteReference", styles.FOOTNOTE_REFERENCE, "character",
                   rpr='<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>')
    _table_style(doc)
    # page numbers at the foot of each page
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.style = doc.styles["Footer"] if "Footer" in [s.name for s in doc.styles] else footer.style
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    # the empty first paragraph of a new document
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return doc


def add(doc, text, style):
    return doc.add_paragraph(text, style=style)


def header(doc):
    add(doc, "{{ minister.name }}", styles.MINISTER_NAME)
    add(doc, "{{ minister.title }}", styles.MINISTER_TITLE)
    # the fixed words in the answer's language, as the general template has them
    add(doc, "{{ words.answer }}", styles.ANSWER_TITLE)
    add(doc, "{{ question.reference }}", styles.ANSWER_REFERENCE)


def loop(doc, head, body, style):
    add(doc, "{%p " + head + " %}", style)
    add(doc, body, style)
    add(doc, "{%p endfor %}", style)


def seed_template():
    """The answer to question 4 ("Bedrijfsclusters - Subsidies"), laid out like the seed."""
    doc = new_document()
    header(doc)
    loop(doc, "for p in answer.preamble", "{{ p }}", styles.ANSWER_TEXT)
    add(doc, "{{ answers[1].number }}.\t{{ answers[1].text }}", styles.ANSWER_NUMBER)
    table = doc.add_table(rows=4, cols=3)
    table.style = doc.styles[styles.TABLE]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    t = "tables.kredieten"
    cells = [
        [("{{ %s.corner }}" % t, styles.TABLE_HEADING), ("{{ %s.columns[0] }}" % t, styles.TABLE_HEADING_NUMBER),
         ("{{ %s.columns[1] }}" % t, styles.TABLE_HEADING_NUMBER)],
        [("{%%tr for row in %s.rows %%}" % t, styles.TABLE_TEXT), ("", styles.TABLE_TEXT), ("", styles.TABLE_TEXT)],
        [("{{ row.label }}", styles.TABLE_TEXT), ("{{ row.cells[0] }}", styles.TABLE_NUMBER),
         ("{{ row.cells[1] }}", styles.TABLE_NUMBER)],
        [("{%tr endfor %}", styles.TABLE_TEXT), ("", styles.TABLE_TEXT), ("", styles.TABLE_TEXT)],
    ]
    widths = (Cm(2.6), Cm(4.2), Cm(4.2))
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for r, row in enumerate(cells):
        for c, (text, style) in enumerate(row):
            cell = table.cell(r, c)
            cell.width = widths[c]
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[style]
    # the header row repeats on every page
    trpr = table.rows[0]._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    loop(doc, "for note in tables.kredieten.notes", "{{ note.marker }}\t{{ note.text }}", styles.TABLE_NOTE)
    loop(doc, "for p in answers[1].after", "{{ p }}", styles.ANSWER_CONTINUATION)
    for n in (2, 3, 4):
        add(doc, "{{ answers[%d].number }}.\t{{ answers[%d].text }}" % (n, n), styles.ANSWER_NUMBER)
    return doc


def blocks(doc, text_style, continuation_style):
    """The blocks of one answer part, in order (inside {%p for part in answer.parts %})."""
    t = styles.ANSWER_TEXT
    add(doc, "{%p for block in part.blocks %}", t)
    add(doc, '{%p if block.kind == "text" and block.first and part.numbered and not part.combined %}', t)
    add(doc, "{{ part.number }}.\t{{ block.text }}", styles.ANSWER_NUMBER)
    add(doc, '{%p elif block.kind == "text" and not part.numbered %}', t)  # one question: no "1."
    add(doc, "{{ block.text }}", text_style)
    add(doc, '{%p elif block.kind == "text" %}', t)
    add(doc, "{{ block.text }}", continuation_style)
    add(doc, '{%p elif block.kind == "table" %}', t)
    # a part that starts with a table: its number stands before the table's caption, on its line
    add(doc, "{{p table(block.table, number=part.number if block.first and part.numbered and not part.combined "
        "else none) }}", t)
    add(doc, '{%p elif block.kind == "list" %}', t)
    loop(doc, "for item in block.items", "{{ item }}", styles.LIST_NUMBER)
    add(doc, '{%p elif block.kind == "bullets" %}', t)
    loop(doc, "for item in block.items", "{{ item }}", styles.LIST_BULLET)
    add(doc, "{%p endif %}", t)
    add(doc, "{%p endfor %}", t)
    loop(doc, "for note in part.notes", "{{ note.marker }}\t{{ note.text }}", styles.TABLE_NOTE)


def numbered_or_not(doc, condition, numbered, plain):
    """A sub-question: 'Question Number' (hanging '1.') when condition holds, else 'Question Text'."""
    add(doc, "{%p if " + condition + " %}", styles.ANSWER_TEXT)
    add(doc, numbered, styles.QUESTION_NUMBER)
    add(doc, "{%p else %}", styles.ANSWER_TEXT)
    add(doc, plain, styles.QUESTION_TEXT)
    add(doc, "{%p endif %}", styles.ANSWER_TEXT)


def answer_parts(doc):
    """Every answer part: numbered '1.' (when the question has several), combined under a heading."""
    t = styles.ANSWER_TEXT
    add(doc, "{%p for part in answer.parts %}", t)
    # repeat_questions: true in the register prints the sub-questions before their answer
    add(doc, "{%p if answer.repeat_questions %}", t)
    add(doc, "{%p for q in part.questions %}", t)
    numbered_or_not(doc, "part.numbered", "{{ q.number }}.\t{{ q.text }}", "{{ q.text }}")
    add(doc, "{%p endfor %}", t)
    add(doc, "{%p endif %}", t)
    add(doc, "{%p if part.combined %}", t)
    add(doc, "{{ part.heading }}", styles.ANSWER_HEADING)
    add(doc, '{%p elif part.blocks[0].kind not in ("text", "table") and part.numbered %}', t)  # a list first
    add(doc, "{{ part.number }}.", styles.ANSWER_NUMBER)
    add(doc, "{%p endif %}", t)
    blocks(doc, styles.ANSWER_TEXT, styles.ANSWER_CONTINUATION)
    add(doc, "{%p endfor %}", t)


def the_question(doc):
    """The question as put: its introduction, then its sub-questions ('1.' when there are several)."""
    loop(doc, "for p in question.introduction", "{{ p }}", styles.QUESTION_TEXT)
    add(doc, "{%p for q in question.questions %}", styles.ANSWER_TEXT)
    numbered_or_not(doc, "question.questions|length > 1", "{{ q.number }}.\t{{ q.text }}", "{{ q.text }}")
    add(doc, "{%p endfor %}", styles.ANSWER_TEXT)


def chamber_template():
    """The Belgian federal Chamber (Bulletin van Vragen en Antwoorden; Bulletin des Questions et
    Réponses): the question as put, then 'Antwoord van de minister ... op de vraag nr. ...', then
    the answer parts; its sentences in the answer's language (formatting.WORDS)."""
    doc = new_document()
    add(doc, "{{ question.header.chamber_question }}", styles.ANSWER_REFERENCE)
    add(doc, "{{ question.title }}", styles.ANSWER_TITLE)
    the_question(doc)
    add(doc, "{{ question.header.chamber_answer }}", styles.ANSWER_HEADING)
    loop(doc, "for p in answer.preamble", "{{ p }}", styles.ANSWER_TEXT)
    answer_parts(doc)
    return doc


def tweede_kamer_template():
    """The Tweede Kamer (Aanhangsel van de Handelingen): 'Vragen van het lid ... (ingezonden ...)',
    'Antwoord van Minister ... (ontvangen ...)', then 'Vraag 1' / the question / 'Antwoord 1' / the
    answer; its words in the answer's language (formatting.WORDS)."""
    doc = new_document()
    add(doc, "{{ question.header.tweede_kamer_question }}", styles.ANSWER_REFERENCE)
    add(doc, "{{ question.header.tweede_kamer_answer }}", styles.ANSWER_TITLE)
    loop(doc, "for p in question.introduction", "{{ p }}", styles.QUESTION_TEXT)
    loop(doc, "for p in answer.preamble", "{{ p }}", styles.ANSWER_TEXT)
    t = styles.ANSWER_TEXT
    add(doc, "{%p for part in answer.parts %}", t)
    add(doc, "{%p for q in part.questions %}", t)
    add(doc, "{{ words.question_heading }}{% if part.numbered %} {{ q.number }}{% endif %}", styles.QUESTION_HEADING)
    add(doc, "{{ q.text }}", styles.QUESTION_TEXT)
    add(doc, "{%p endfor %}", t)
    add(doc, "{{ words.answer_heading }}{% if part.numbered %} {{ part.number }}{% endif %}", styles.ANSWER_HEADING)
    add(doc, "{%p for block in part.blocks %}", t)
    add(doc, '{%p if block.kind == "text" %}', t)
    add(doc, "{{ block.text }}", t)
    add(doc, '{%p elif block.kind == "table" %}', t)
    add(doc, "{{p table(block.table) }}", t)
    add(doc, '{%p elif block.kind == "list" %}', t)
    loop(doc, "for item in block.items", "{{ item }}", styles.LIST_NUMBER)
    add(doc, '{%p elif block.kind == "bullets" %}', t)
    loop(doc, "for item in block.items", "{{ item }}", styles.LIST_BULLET)
    add(doc, "{%p endif %}", t)
    add(doc, "{%p endfor %}", t)
    loop(doc, "for note in part.notes", "{{ note.marker }}\t{{ note.text }}", styles.TABLE_NOTE)
    add(doc, "{%p endfor %}", t)
    return doc


def committee_list_template():
    """A committee's list of questions and answers (Tweede Kamer, Lijst van vragen en antwoorden):
    the dossier, 'Nr. 4 LIJST VAN VRAGEN EN ANTWOORDEN', the date it was adopted, who put the
    questions to whom and when they were answered, the chair and the clerk; then every question
    ('Vraag 1', its text) followed by its answer. Its sentences in the answer's language."""
    doc = new_document()
    t = styles.ANSWER_TEXT
    add(doc, "{{ question.header.list_dossier }}", styles.ANSWER_REFERENCE)
    add(doc, "{{ question.header.list_title }}", styles.ANSWER_TITLE)
    add(doc, "{{ question.header.list_adopted }}", t)
    add(doc, "{{ question.header.list_put }}", t)
    add(doc, "{{ question.header.list_answered }}", t)
    add(doc, "{{ question.header.list_chair }}", t)
    add(doc, "{{ question.header.list_clerk }}", t)
    loop(doc, "for p in answer.preamble", "{{ p }}", t)
    add(doc, "{%p for part in answer.parts %}", t)
    add(doc, "{%p for q in part.questions %}", t)
    add(doc, "{{ words.question_heading }} {{ q.number }}", styles.QUESTION_HEADING)  # a list numbers every question
    add(doc, "{{ q.text }}", styles.QUESTION_TEXT)
    add(doc, "{%p endfor %}", t)
    add(doc, "{%p for block in part.blocks %}", t)
    add(doc, '{%p if block.kind == "text" %}', t)
    add(doc, "{{ block.text }}", t)
    add(doc, '{%p elif block.kind == "table" %}', t)
    add(doc, "{{p table(block.table) }}", t)
    add(doc, '{%p elif block.kind == "list" %}', t)
    loop(doc, "for item in block.items", "{{ item }}", styles.LIST_NUMBER)
    add(doc, '{%p elif block.kind == "bullets" %}', t)
    loop(doc, "for item in block.items", "{{ item }}", styles.LIST_BULLET)
    add(doc, "{%p endif %}", t)
    add(doc, "{%p endfor %}", t)
    loop(doc, "for note in part.notes", "{{ note.marker }}\t{{ note.text }}", styles.TABLE_NOTE)
    add(doc, "{%p endfor %}", t)
    return doc


def hansard_template():
    """A written answer as Hansard prints it (House of Commons or Lords): the title as a heading of
    its own, the member, the question with its number in brackets, the minister, the answer."""
    doc = new_document()
    t = styles.ANSWER_TEXT
    add(doc, "{{ question.title }}", styles.ANSWER_TITLE)
    add(doc, "{{ question.asker }}", styles.QUESTION_HEADING)
    add(doc, "{%p for q in question.questions %}", t)
    add(doc, "{{ q.text }}{% if loop.last %} [{{ question.number }}]{% endif %}", styles.QUESTION_TEXT)
    add(doc, "{%p endfor %}", t)
    add(doc, "{{ minister.name }}", styles.QUESTION_HEADING)
    loop(doc, "for p in answer.preamble", "{{ p }}", t)
    add(doc, "{%p for part in answer.parts %}", t)
    blocks(doc, styles.ANSWER_TEXT, styles.ANSWER_CONTINUATION)
    add(doc, "{%p endfor %}", t)
    return doc


def general_template():
    """Answers any question of the register: header, then each part's blocks in order."""
    doc = new_document()
    add(doc, "{{ minister.name }}", styles.MINISTER_NAME)
    add(doc, "{{ minister.title }}", styles.MINISTER_TITLE)
    add(doc, "{{ words.answer }}", styles.ANSWER_TITLE)
    add(doc, "{{ question.reference }}", styles.ANSWER_REFERENCE)
    loop(doc, "for p in answer.preamble", "{{ p }}", styles.ANSWER_TEXT)
    answer_parts(doc)
    return doc


def grouped_template():
    """A table designed in Word with two header rows: a group over several columns.

    Shows the clusters' VAK and VEK beside the VEK for bedrijfssteun, year by year, from one
    register table with column groups; the merged header cells are Word's own.
    """
    doc = new_document()
    header(doc)
    loop(doc, "for p in answer.preamble", "{{ p }}", styles.ANSWER_TEXT)
    add(doc, "{{ answers[1].number }}.\t{{ answers[1].text }}", styles.ANSWER_NUMBER)
    add(doc, "{{ tables.kredieten.caption|capitalize }}", styles.TABLE_CAPTION)
    table = doc.add_table(rows=5, cols=4)
    table.style = doc.styles[styles.TABLE]
    table.autofit = False
    widths = (Cm(2.6), Cm(3.4), Cm(3.4), Cm(3.4))
    for column, width in zip(table.columns, widths):
        column.width = width
    t = "tables.kredieten"
    rows = [
        [("", styles.TABLE_HEADING), ("{{ %s.groups[0] }}" % t, styles.TABLE_HEADING_GROUP),
         ("", styles.TABLE_HEADING_GROUP), ("{{ %s.groups[1] }}" % t, styles.TABLE_HEADING_GROUP)],
        [("{{ %s.corner }}" % t, styles.TABLE_HEADING), ("{{ %s.columns[0] }}" % t, styles.TABLE_HEADING_NUMBER),
         ("{{ %s.columns[1] }}" % t, styles.TABLE_HEADING_NUMBER), ("{{ %s.columns[2] }}" % t, styles.TABLE_HEADING_NUMBER)],
        [("{%%tr for row in %s.rows %%}" % t, styles.TABLE_TEXT), ("", styles.TABLE_TEXT), ("", styles.TABLE_TEXT),
         ("", styles.TABLE_TEXT)],
        [("{{ row.label }}", styles.TABLE_TEXT), ("{{ row.cells[0] }}", styles.TABLE_NUMBER),
         ("{{ row.cells[1] }}", styles.TABLE_NUMBER), ("{{ row.cells[2] }}", styles.TABLE_NUMBER)],
        [("{%tr endfor %}", styles.TABLE_TEXT), ("", styles.TABLE_TEXT), ("", styles.TABLE_TEXT), ("", styles.TABLE_TEXT)],
    ]
    for r, row in enumerate(rows):
        for i, (text, style) in enumerate(row):
            cell = table.cell(r, i)
            cell.width = widths[i]
            cell.paragraphs[0].text = text
            cell.paragraphs[0].style = doc.styles[style]
    for merged in (table.cell(0, 1).merge(table.cell(0, 2)),  # "Clusters" spans VAK and VEK
                   table.cell(0, 0).merge(table.cell(1, 0))):  # the corner spans both header rows
        for extra in merged.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    for r in (0, 1):  # both header rows repeat on a new page
        table.rows[r]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    loop(doc, "for note in tables.kredieten.notes", "{{ note.marker }}\t{{ note.text }}", styles.TABLE_NOTE)
    loop(doc, "for p in answers[1].after", "{{ p }}", styles.ANSWER_CONTINUATION)
    return doc


def save(doc, path: Path, force: bool) -> None:
    if path.exists() and not force:
        print(f"{path} exists; not replaced (use --force to make it anew)")
        return
    props = doc.core_properties
    props.author = "drafter"
    props.last_modified_by = "drafter"
    props.title = "Sjabloon: " + path.stem
    props.revision = 1
    import datetime as dt

    props.created = props.modified = dt.datetime(2026, 1, 1)
    props.language = "nl-BE"
    buf = io.BytesIO()
    doc.save(buf)
    # python-docx leaves the dropped parts' content types; write a clean, stable zip
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b'<Override PartName="/word/stylesWithEffects.xml" ContentType="application/vnd.ms-word.stylesWithEffects+xml"/>', b""
                )
            z.writestr(zipfile.ZipInfo(info.filename, (2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    path.write_bytes(out.getvalue())
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="replace existing templates")
    args = parser.parse_args()
    TEMPLATES_DIR.mkdir(exist_ok=True)
    save(seed_template(), TEMPLATES_DIR / "bedrijfsclusters.docx", args.force)
    save(general_template(), TEMPLATES_DIR / "algemeen.docx", args.force)
    save(grouped_template(), TEMPLATES_DIR / "gegroepeerde-kop.docx", args.force)
    save(chamber_template(), TEMPLATES_DIR / "kamer.docx", args.force)
    # the French name of the same layout: its sentences come from the answer's language
    save(chamber_template(), TEMPLATES_DIR / "chambre.docx", args.force)
    save(tweede_kamer_template(), TEMPLATES_DIR / "tweede-kamer.docx", args.force)
    save(hansard_template(), TEMPLATES_DIR / "hansard.docx", args.force)
    save(committee_list_template(), TEMPLATES_DIR / "lijst-van-vragen.docx", args.force)


if __name__ == "__main__":
    main()

"""Word templates: a .docx with Jinja2 tags, compiled once and rendered many times.

docxtpl does the part Word makes hard: it merges the runs Word splits a tag into, and
turns its paragraph and row tags ({%p %}, {%tr %}, {%tc %}) into plain Jinja2. We use that
preparation (and only that) from docxtpl, compile the result once with drafter's strict
sandboxed environment, and render it for each answer without re-reading the file. This is
the one module that talks to docxtpl.

Errors say where: each paragraph carries a marker through the preparation, so a Jinja2
error's line leads back to "paragraph 12" or "table 1, row 3, cell 2" and its text.
"""

from __future__ import annotations

import re
import sys
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SecurityError
from markupsafe import Markup

from drafter import oxml, places
from drafter.errors import DrafterError, Problem, TemplateProblem, display_path, readable
from drafter.files import read_bytes
from drafter.i18n import N_, _
from drafter.oxml import document, markup, opc, property_lists, section
from drafter.oxml import paragraph as paragraphs
from drafter.oxml import styles as style_parts
from drafter.view.jinja import FIGURES_KEY, syntax_error_text, xml_environment
from drafter.word import lint, styles, tables
from drafter.word.places import FigureCell

#: Translated where it is shown (`_()`).
TEMPLATE_MISSING_HINT = N_("Check the template name in the register; templates live in answer_templates/ (or --templates).")
#: Limits for a template: an answer template is tens of kilobytes.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
STYLES_PART = "word/styles.xml"

LOC_ATTR = "drafterloc"
#: A paragraph's marker: an attribute, or (before a paragraph, row or cell that docxtpl replaces
#: by its {%p %}, {%tr %} or {%tc %} tag) a Jinja2 comment on a line of its own, which leaves
#: nothing in the output.
_LOC_RE = re.compile(r' drafterloc="(\d+)"|\{#- drafterloc (\d+) #\}')
_STRUCTURE_TAG = re.compile(r"\{%(p|tr|tc) ")
#: Parts besides the body whose tags are rendered too.
_TEMPLATED_PART = re.compile(r"^word/(header\d*|footer\d*|footnotes|endnotes)\.xml$")
_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
#: What {{p table() }} prints while the template runs; `render` puts the table in its place.
#: Nothing else in a rendered part can look like it: values are escaped, so no '<' is typed.
_TABLE_PLACE = '<drafter-table n="{}"/>'
_TABLE_PLACE_RE = re.compile(r'<drafter-table n="(\d+)"/>')
#: A brace a template's tag prints, written so that docxtpl's preparation leaves it as it is.
_LITERAL_BRACES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


def read_template_parts(path: Path) -> dict[str, bytes]:
    """All parts of a template .docx, in their order; anything that is no sound Word document
    (not a zip, a zip bomb, a damaged entry, macros, a DTD, another kind of Office file) is a
    TemplateProblem naming the part."""
    shown = display_path(path)
    hint = _("Open the template in Word and save it again as a .docx (Word document).")
    data = read_bytes(path, MAX_TEMPLATE_BYTES, error=TemplateProblem, what=_("template"),
                      missing_hint=_(TEMPLATE_MISSING_HINT), too_large_hint=hint)
    try:
        parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED_BYTES, what=_("a Word document"))
    except opc.NotAZip as exc:
        raise TemplateProblem(_("not a Word document (.docx): the file is not a valid zip package"), file=shown,
                              hint=hint) from exc
    except opc.Damaged as exc:
        raise TemplateProblem(_("the package is damaged ({reason})").format(reason=exc.message), file=shown,
                              hint=hint) from exc
    except opc.PackageError as exc:
        if exc.part is not None:
            raise TemplateProblem(exc.message, file=shown, place=places.part(exc.part),
                                  hint=_("A Word document never does: use a template saved by Word.")) from exc
        raise TemplateProblem(exc.message, file=shown, hint=_("Use a template made in Word.")) from exc
    for needed in (opc.MAIN_DOCUMENT, opc.CONTENT_TYPES):
        if needed not in parts:
            raise TemplateProblem(_("not a Word document: {part} is missing").format(part=needed), file=shown,
                                  hint=hint)
    if opc.PACKAGE_RELS not in parts:
        raise TemplateProblem(_("not a Word document: {part} (which says where the document is) is missing").format(
            part=opc.PACKAGE_RELS), file=shown, hint=hint)
    again = _("Open it in Word and save it with 'Save as', type 'Word Document (*.docx)'.")
    problems = [Problem(message, file=shown, place=places.part(name), hint=again)
                for name, message in opc.word_document_problems(parts)]
    if problems:
        raise TemplateProblem(problems=problems)
    return parts


@dataclass(frozen=True)
class _Compiled:
    template: Template
    locations: dict[int, str]  # paragraph marker -> "paragraph 3 ('text')"
    lines: list[str]  # the prepared source, for lines without a marker


def place_of(place: paragraphs.Place, text: str) -> str:
    """A paragraph's place as messages name it: 'paragraph 3', 'table 1, row 2, cell 1'."""
    where = (places.paragraph(place.number) if place.table is None
             else places.table_cell(place.table, place.row, place.cell))
    return f"{where} ({text[:80]!r})" if text else where


def _describe_paragraphs(root: oxml.Element, read: list[lint.Paragraph]) -> dict[int, str]:
    """Give every paragraph a marker and describe where it is, as a person would find it;
    `read` gets each paragraph as the lint reads it."""
    locations = {}
    for index, place in enumerate(paragraphs.places(root)):
        p = place.paragraph
        paragraphs.set_mark(p, LOC_ATTR, str(index))
        text = paragraphs.text_of(p).strip()
        locations[index] = place_of(place, text)
        read.append(lint.Paragraph(
            locations[index], paragraphs.own_text(p),
            paragraphs.text_of(place.cell_element) if place.cell_element is not None else None,
            paragraphs.text_of(place.row_element) if place.row_element is not None else None))
        tag = _STRUCTURE_TAG.search(text)
        if tag:
            replaced = {"p": p, "tr": place.row_element, "tc": place.cell_element}[tag.group(1)]
            if replaced is not None and replaced.getparent() is not None:
                # the marker before the element docxtpl will replace by the tag
                paragraphs.text_before(replaced, f"\n{{#- {LOC_ATTR} {index} #}}")
    return locations


def _unescape_tag(m: re.Match) -> str:
    # docxtpl turns &lt; and &gt; in a tag back into < and >, but not &amp;: a '&' typed in a
    # string in a tag would reach the answer as "&amp;".
    return m.group(0).replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")


def _prepare(xml: str) -> str:
    """docxtpl's preparation of tags, then one paragraph a line (for error lines)."""
    from docxtpl import DocxTemplate  # imported when a template is read: --help and status need none of it

    return markup.paragraph_lines(_TAG.sub(_unescape_tag, DocxTemplate(None).patch_xml(xml)))


def _finish_rendered(xml: str) -> str:
    """The rendered text without what preparing it added: the paragraphs' lines, their markers,
    and the stand-ins of braces printed as text."""
    xml = _LOC_RE.sub("", markup.joined_lines(xml))
    for stand_in, brace in _LITERAL_BRACES:
        xml = xml.replace(stand_in, brace)
    return xml


@dataclass
class Rendered:
    """A template rendered for one answer: the main document's tree, the other parts whose
    tags were rendered (as bytes, or as a tree when a table was put in), and where the figures
    of the main document's tables built from data stand in their tables."""

    document: oxml.Element
    parts: dict[str, bytes | oxml.Element]
    table_figures: dict[int, FigureCell] = field(default_factory=dict)  # by the figure's number


class WordTemplate:
    """A template, read and compiled once; `render` gives the rendered parts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = display_path(path)
        self.parts = read_template_parts(path)
        try:
            root = oxml.parse(self.parts[opc.MAIN_DOCUMENT])
        except oxml.XMLSyntaxError as exc:
            raise TemplateProblem(_("word/document.xml is not well-formed XML ({reason})").format(reason=exc),
                                  file=self.file, hint=_("Open the template in Word and save it again.")) from exc
        body = document.body_of(root)
        if body is None:
            raise TemplateProblem(_("word/document.xml has no body"), file=self.file)
        styles_root = oxml.parse(self.parts[STYLES_PART]) if STYLES_PART in self.parts else None
        self.style_ids = style_parts.ids_by_name(styles_root) if styles_root is not None else {}
        # the answer's property lists are the template's (tables drafter builds are strict already)
        property_lists.make_strict(body)
        read: list[lint.Paragraph] = []
        locations = _describe_paragraphs(body, read)
        self.page = section.page_of(body, styles_root)  # the text width a table built from data must fit
        body_xml = oxml.to_text(body)
        self._head, self._tail = document.around_body(root)
        self.body = self._compile(body_xml, locations, lint.DOCUMENT, read)
        self.other: dict[str, _Compiled] = {}
        self._attributes: dict[str, frozenset[str]] = {}
        for name, data in self.parts.items():
            if _TEMPLATED_PART.match(name) and (b"{{" in data or b"{%" in data):
                part_root = oxml.parse(data)
                part_read: list[lint.Paragraph] = []
                part_locations = _describe_paragraphs(part_root, part_read)
                xml = oxml.serialize(part_root).decode("utf-8")
                self.other[name] = self._compile(xml, part_locations, name, part_read)

    def _compile(self, xml: str, locations: dict[int, str], part: str, read: list[lint.Paragraph]) -> _Compiled:
        problems = lint.lint(read, self.file, part)
        if problems:
            raise TemplateProblem(problems=problems)
        prepared = _prepare(xml)
        problems = lint.dropped(read, prepared, self.file, part)
        if problems:
            raise TemplateProblem(problems=problems)
        lines = prepared.split("\n")
        try:
            template = xml_environment().from_string(prepared)
        except RecursionError as exc:
            raise TemplateProblem(_("a tag is nested too deeply to read"), file=self.file, place=lint.part_shown(part),
                                  hint=_("Look for a long run of '(' or '[' in a tag, and write it simply.")) from exc
        except TemplateSyntaxError as exc:
            raise TemplateProblem(
                _("template tag error: {reason}").format(reason=syntax_error_text(exc.message or "")),
                file=self.file,
                place=self._where(lines, locations, exc.lineno, part),
                hint=_("Correct the tag in Word: every {% if %} / {% for %} needs its {% endif %} / {% endfor %}, "
                       "and names are written as in the template guide (docs/templates.md)."),
            ) from exc
        return _Compiled(template, locations, lines)

    @staticmethod
    def _where(lines: list[str], locations: dict[int, str], lineno: int | None, part: str) -> str:
        if not lineno:
            return lint.part_shown(part)
        for i in range(min(lineno, len(lines)) - 1, -1, -1):
            found = _LOC_RE.findall(lines[i])
            if found:
                return lint.where(part, locations.get(int("".join(found[-1])), ""))
        return lint.part_shown(part)

    def variable_places(self) -> dict[str, str]:
        """Each name the template takes from the answer's view, and where it is first used."""
        from jinja2 import meta, nodes

        places: dict[str, str] = {}
        for part, compiled in [(lint.DOCUMENT, self.body), *self.other.items()]:
            tree = xml_environment().parse("\n".join(compiled.lines))
            names = meta.find_undeclared_variables(tree)
            first: dict[str, int] = {}
            for node in tree.find_all(nodes.Name):
                if node.name in names and node.name not in places:
                    first[node.name] = min(first.get(node.name, node.lineno), node.lineno)
            for name, lineno in first.items():
                places[name] = self._where(compiled.lines, compiled.locations, lineno, part)
        return places

    def attributes_of(self, name: str) -> set[str]:
        """The attributes a tag of this template takes from `name`: {'date', 'answered'} for
        question; {'chamber_question'} for question.header (a dotted name: an attribute's)."""
        from jinja2 import nodes

        def written(node) -> str | None:
            if isinstance(node, nodes.Name):
                return node.name
            owner = written(node.node) if isinstance(node, nodes.Getattr) else None
            return f"{owner}.{node.attr}" if owner else None

        if name not in self._attributes:  # worked out once for the template's lifetime
            found: set[str] = set()
            for compiled in (self.body, *self.other.values()):
                tree = xml_environment().parse("\n".join(compiled.lines))
                found.update(node.attr for node in tree.find_all(nodes.Getattr) if written(node.node) == name)
            self._attributes[name] = frozenset(found)
        return self._attributes[name]

    def names(self, context: dict) -> set[str]:
        """Every name a tag of this template can use with this context: the view's, the
        template's own helpers (table()) and the environment's globals (footnote(), range())."""
        return set(context) | set(self._helpers(context)) | set(xml_environment().globals)

    def _render_one(self, compiled: _Compiled, context: dict, part: str) -> str:
        try:
            return _finish_rendered(compiled.template.render(context))
        except DrafterError as exc:
            place = self._where(compiled.lines, compiled.locations, _template_line(), part)
            problems = [Problem(p.message + (f" ({p.file}, {p.place})" if p.file and p.place else (f" ({p.file})" if p.file else "")),
                                file=self.file, place=place, hint=p.hint) for p in exc.problems]
            raise TemplateProblem(problems=problems) from exc
        except SecurityError as exc:
            line = getattr(exc, "template_line", None) or _template_line()
            raise TemplateProblem(
                _("template tag refused: {reason}").format(reason=readable(exc)),
                file=self.file,
                place=self._where(compiled.lines, compiled.locations, line, part),
                hint=_("Templates run in a sandbox: they can use the answer's names (see the README), "
                       "not Python internals, files or the environment."),
            ) from exc
        except TemplateError as exc:
            raise TemplateProblem(
                _("template tag error: {reason}").format(
                    reason=readable(syntax_error_text(exc.message) if exc.message else exc)),
                file=self.file,
                place=self._where(compiled.lines, compiled.locations, _template_line(), part),
                hint=_("Check the name against the template guide (docs/templates.md), or the data behind it."),
            ) from exc
        except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as exc:
            raise TemplateProblem(
                _("template tag error: {reason}").format(reason=readable(exc)),
                file=self.file,
                place=self._where(compiled.lines, compiled.locations, _template_line(), part),
                hint=_("Check the tag and the data it uses."),
            ) from exc

    def style_id(self, name: str) -> str:
        """The id of a named style of this template; a missing style is a template problem."""
        found = self.style_ids.get(name.lower())
        if found is None:
            raise DrafterError(
                _("the template has no style named '{style}'").format(style=name),
                hint=_("Add the style in Word (Styles pane, New style) or name one the template has."),
            )
        return found

    def _helpers(self, context: dict, built: list[tables.BuiltTable] | None = None) -> dict:
        """Functions a template calls that need to know the template itself (its style ids).

        A table's XML is built from the data, not by the template, so it does not count
        against the sandbox's text budget: the tag prints a short placeholder, and `render`
        puts the table (kept in `built`) in its place once the template has run."""
        built = [] if built is None else built

        def table(which, style: str | None = None, number=None):
            available = context.get("tables", {})
            view = available.get(which) if isinstance(which, str) else which
            if view is None:
                hint = (_("Tables of this question: {names}.").format(names=", ".join(available)) if available
                        else _("Tables of this question: none."))
                raise DrafterError(_("there is no table {table} in this answer's data").format(table=repr(which)),
                                   hint=hint)
            roles = dict(styles.TABLE_ROLES)
            if style is not None:
                roles["table"] = style
            if number is not None:  # a part that starts with this table: its number, in the answers' number style
                roles["part_number"] = styles.ANSWER_NUMBER
            built.append(tables.build(view, {role: self.style_id(name) for role, name in roles.items()}, self.page,
                                      number=None if number is None else str(number)))
            return Markup(_TABLE_PLACE.format(len(built) - 1))

        return {"table": table}

    def _parsed(self, xml: str, part: str) -> oxml.Element:
        try:
            return oxml.parse(xml)
        except oxml.XMLSyntaxError as exc:
            raise TemplateProblem(
                _("the tags make {part}'s XML unreadable ({reason})").format(part=lint.part_shown(part), reason=exc.msg),
                file=self.file, place=lint.part_shown(part),
                hint=_("Look for a tag that opens in one paragraph and closes in another, or a {%p %} beside "
                       "other text; write each tag whole in one paragraph.")) from exc

    def _put_tables(self, xml: str, built: list[tables.BuiltTable], part: str,
                    figures: dict[int, FigureCell] | None = None) -> str:
        """The rendered part with each table() placeholder replaced by its table's XML, so that
        the part is parsed once, tables and all; ``figures`` gets where the tables' figures stand."""
        found = 0

        def put(m: re.Match) -> str:
            nonlocal found
            found += 1
            table = built[int(m.group(1))]
            if figures is not None:
                figures.update(table.figures)
            return table.xml

        xml = _TABLE_PLACE_RE.sub(put, xml)
        if found != len(built):
            raise TemplateProblem(
                _("a table built by table() did not reach the document unchanged"),
                file=self.file, place=lint.part_shown(part),
                hint=_("Print a table alone in its own paragraph, {{p table('name') }}, without a filter or ~."))
        built.clear()
        return xml

    def _put_section_breaks(self, root: oxml.Element) -> None:
        """The section breaks around a table on a landscape page of its own: copies of the
        template's section, the second turned landscape."""
        for n, placeholder in document.placeholders(root, tables.SECTION_BREAK):
            document.replace(placeholder, [section.section_break(self.page, landscape=n == "1")])

    def render(self, context: dict) -> Rendered:
        """The parts whose content the tags change: the main document and templated parts."""
        built: list[tables.BuiltTable] = []
        table_figures: dict[int, FigureCell] = {}
        context = {**context, **self._helpers(context, built)}
        figures = context.get(FIGURES_KEY)
        with figures.recording("the template") if figures is not None else nullcontext():
            body = self._put_tables(self._render_one(self.body, context, lint.DOCUMENT), built, lint.DOCUMENT,
                                    table_figures)
            main = self._parsed(self._head + body + self._tail, lint.DOCUMENT)
            self._put_section_breaks(main)
            parts: dict[str, bytes | oxml.Element] = {}
            for name, compiled in self.other.items():
                xml = self._put_tables(self._render_one(compiled, context, name), built, name)
                if tables.SECTION_BREAK in xml:  # a landscape table in a header: its breaks too
                    root = self._parsed(xml, name)
                    self._put_section_breaks(root)
                    parts[name] = root
                else:
                    parts[name] = xml.encode("utf-8")
        return Rendered(main, parts, table_figures)


def _template_line() -> int | None:
    """The template line being rendered when the current exception was raised."""
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def load_template(path: Path) -> WordTemplate:
    """A template read and compiled (a caller that makes many answers keeps it: see pipeline.Generator)."""
    return WordTemplate(path)

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
from functools import lru_cache
from pathlib import Path

from jinja2 import Template, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SecurityError
from lxml import etree
from markupsafe import Markup

from dataclasses import dataclass
from drafter.word import lint
from drafter.word import oxml
from drafter.word import package
from drafter.word import styles
from drafter.files import stat_file
from drafter.word.package import TEMPLATE_MISSING_HINT
from drafter.errors import DrafterError, Problem, TemplateProblem, display_path, readable
from drafter.view.jinja import FIGURES_KEY, xml_environment

LOC_ATTR = "drafterloc"
#: A paragraph's marker: an attribute, or (before a paragraph, row or cell that docxtpl replaces
#: by its {%p %}, {%tr %} or {%tc %} tag) a Jinja2 comment on a line of its own, which leaves
#: nothing in the output.
_LOC_RE = re.compile(r' drafterloc="(\d+)"|\{#- drafterloc (\d+) #\}')
#: Its two forms, each matched where str.find finds "drafterloc" (_without_locations).
_LOC_ATTR_RE = re.compile(r' drafterloc="\d+"')
_LOC_COMMENT_RE = re.compile(r'\{#- drafterloc \d+ #\}')
_STRUCTURE_TAG = re.compile(r"\{%(p|tr|tc) ")
#: Parts besides the body whose tags are rendered too.
_TEMPLATED_PART = re.compile(r"^word/(header\d*|footer\d*|footnotes|endnotes)\.xml$")
_BODY_MARK = "<drafterbody/>"
#: What {{p table() }} prints while the template runs; `render` puts the table in its place.
#: Nothing else in a rendered part can look like it: values are escaped, so no '<' is typed.
_TABLE_PLACE = "<drafter-table n=\"{}\"/>"
_TABLE_PLACE_RE = re.compile(r'<drafter-table n="(\d+)"/>')


@lru_cache(maxsize=1)
def _docxtpl():
    """docxtpl, only its XML preparation used: it never opens a file. Imported when a template
    is prepared, so that commands that read no template (--help, status) do not load it."""
    from docxtpl import DocxTemplate

    return DocxTemplate(None)


@dataclass(frozen=True)
class _Compiled:
    template: Template
    locations: dict[int, str]  # paragraph marker -> "paragraph 3 ('text')"
    lines: list[str]  # the prepared source, for lines without a marker


def _describe_paragraphs(root: etree._Element, paragraphs: list | None = None) -> dict[int, str]:
    """Give every paragraph a marker and describe where it is, as a person would find it;
    `paragraphs` gets each paragraph as the lint reads it."""
    locations = {}
    body_count = 0
    tables: dict[etree._Element, int] = {}
    for index, p in enumerate(root.iter(oxml.qn("w:p"))):
        p.set(LOC_ATTR, str(index))
        text = oxml.text_of(p).strip()
        shown = f" ({text[:80]!r})" if text else ""
        tc = next(p.iterancestors(oxml.qn("w:tc")), None)
        if tc is not None:
            tr = tc.getparent()
            tbl = tr.getparent()
            if tbl not in tables:
                tables[tbl] = len(tables) + 1
            row = tbl.findall(oxml.qn("w:tr")).index(tr) + 1
            cell = tr.findall(oxml.qn("w:tc")).index(tc) + 1
            locations[index] = f"table {tables[tbl]}, row {row}, cell {cell}{shown}"
        else:
            body_count += 1
            locations[index] = f"paragraph {body_count}{shown}"
        if paragraphs is not None:
            tr = tc.getparent() if tc is not None else None
            paragraphs.append(lint.Paragraph(locations[index], _own_text(p),
                                             oxml.text_of(tc) if tc is not None else None,
                                             oxml.text_of(tr) if tr is not None else None))
        tag = _STRUCTURE_TAG.search(text)
        if tag:
            _mark_before({"p": p, "tr": next(p.iterancestors(oxml.qn("w:tr")), None),
                          "tc": tc}[tag.group(1)], index)
    return locations


_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)


def _own_text(p: etree._Element) -> str:
    """A paragraph's own text, without that of a paragraph inside it (a text box's)."""
    w_p = oxml.qn("w:p")
    return "".join("\t" if node.tag == oxml.qn("w:tab") else (node.text or "")
                   for node in p.iter(oxml.qn("w:t"), oxml.qn("w:tab"))
                   if next(node.iterancestors(w_p), None) is p)


def _unescape_tag(m: re.Match) -> str:
    # docxtpl turns &lt; and &gt; in a tag back into < and >, but not &amp;: a '&' typed in a
    # string in a tag would reach the answer as "&amp;".
    return m.group(0).replace("&amp;", "&").replace("&quot;", '"').replace("&apos;", "'")


def _mark_before(element: etree._Element | None, index: int) -> None:
    """Put the marker of paragraph `index` before the element docxtpl will replace by a tag."""
    if element is None or element.getparent() is None:
        return
    mark = f"\n{{#- {LOC_ATTR} {index} #}}"
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + mark
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + mark


def _prepare(xml: str) -> str:
    """docxtpl's preparation of tags, then one paragraph a line (for error lines)."""
    xml = _TAG.sub(_unescape_tag, _docxtpl().patch_xml(xml))
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _without_locations(xml: str) -> str:
    """_LOC_RE.sub("", xml): each match holds "drafterloc" at a place of its own, found by
    str.find; the regular expression alone tries every space and brace of the document."""
    out, pos = [], 0
    i = xml.find(LOC_ATTR)
    while i >= 0:
        m = _LOC_COMMENT_RE.match(xml, i - 4) if i - 4 >= pos else None
        if m is None and i - 1 >= pos:
            m = _LOC_ATTR_RE.match(xml, i - 1)
        if m is not None:
            out.append(xml[pos:m.start()])
            pos = m.end()
        i = xml.find(LOC_ATTR, i + len(LOC_ATTR))
    out.append(xml[pos:])
    return "".join(out)


def _finish_rendered(xml: str) -> str:
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")  # the lines _prepare made
    xml = _without_locations(xml)
    return xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")


class WordTemplate:
    """A template, read and compiled once; `render` gives the rendered parts."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = display_path(path)
        self.parts = package.read_parts(path)
        try:
            root = oxml.parse(self.parts[package.MAIN_DOCUMENT])
        except etree.XMLSyntaxError as exc:
            raise TemplateProblem(f"word/document.xml is not well-formed XML ({exc})", file=self.file,
                                  hint="Open the template in Word and save it again.") from None
        body = root.find(oxml.qn("w:body"))
        if body is None:
            raise TemplateProblem("word/document.xml has no body", file=self.file)
        styles_root = oxml.parse(self.parts["word/styles.xml"]) if "word/styles.xml" in self.parts else None
        self.style_ids = oxml.style_ids_by_name(styles_root) if styles_root is not None else {}
        paragraphs: list[lint.Paragraph] = []
        locations = _describe_paragraphs(body, paragraphs)
        body_xml = etree.tostring(body, encoding="unicode")
        self.page = oxml.page_of(body_xml, styles_root)  # the text width a table built from data must fit
        root.replace(body, etree.Element("drafterbody"))
        head, _, tail = oxml.serialize(root).decode("utf-8").partition(_BODY_MARK)
        self._head, self._tail = head, tail
        self.body = self._compile(body_xml, locations, "the document", paragraphs)
        self.other: dict[str, _Compiled] = {}
        self._attributes: dict[str, frozenset[str]] = {}
        for name, data in self.parts.items():
            if _TEMPLATED_PART.match(name) and (b"{{" in data or b"{%" in data):
                part_root = oxml.parse(data)
                part_paragraphs: list[lint.Paragraph] = []
                part_locations = _describe_paragraphs(part_root, part_paragraphs)
                xml = oxml.serialize(part_root).decode("utf-8")
                self.other[name] = self._compile(xml, part_locations, name, part_paragraphs)

    def _compile(self, xml: str, locations: dict[int, str], part: str, paragraphs: list) -> _Compiled:
        problems = lint.lint(paragraphs, self.file, part)
        if problems:
            raise TemplateProblem(problems=problems)
        prepared = _prepare(xml)
        problems = lint.dropped(paragraphs, prepared, self.file, part)
        if problems:
            raise TemplateProblem(problems=problems)
        lines = prepared.split("\n")
        try:
            template = xml_environment().from_string(prepared)
        except RecursionError:
            raise TemplateProblem("a tag is nested too deeply to read", file=self.file, place=part,
                                  hint="Look for a long run of '(' or '[' in a tag, and write it simply.") from None
        except TemplateSyntaxError as exc:
            raise TemplateProblem(
                f"template tag error: {exc.message}",
                file=self.file,
                place=self._where(lines, locations, exc.lineno, part),
                hint="Correct the tag in Word: every {% if %} / {% for %} needs its {% endif %} / {% endfor %}, "
                "and names are written as in the template guide (docs/templates.md).",
            ) from None
        return _Compiled(template, locations, lines)

    @staticmethod
    def _where(lines: list[str], locations: dict[int, str], lineno: int | None, part: str) -> str:
        if not lineno:
            return part
        for i in range(min(lineno, len(lines)) - 1, -1, -1):
            found = _LOC_RE.findall(lines[i])
            if found:
                where = locations.get(int("".join(found[-1])), "")
                return where if part == "the document" else f"{part}, {where}"
        return part

    def variable_places(self) -> dict[str, str]:
        """Each name the template takes from the answer's view, and where it is first used."""
        from jinja2 import meta, nodes

        places: dict[str, str] = {}
        for part, compiled in [("the document", self.body), *self.other.items()]:
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
        """The attributes a tag of this template takes from `name`: {'date', 'answered'} for question."""
        from jinja2 import nodes

        cache = self._attributes  # a template is compiled once and reused: so is this
        if name not in cache:
            found: set[str] = set()
            for compiled in (self.body, *self.other.values()):
                tree = xml_environment().parse("\n".join(compiled.lines))
                found.update(node.attr for node in tree.find_all(nodes.Getattr)
                             if isinstance(node.node, nodes.Name) and node.node.name == name)
            cache[name] = frozenset(found)
        return cache[name]

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
            raise TemplateProblem(problems=problems) from None
        except SecurityError as exc:
            line = getattr(exc, "template_line", None) or _template_line()
            raise TemplateProblem(
                f"template tag refused: {exc.message or exc}",
                file=self.file,
                place=self._where(compiled.lines, compiled.locations, line, part),
                hint="Templates run in a sandbox: they can use the answer's names (see the README), "
                "not Python internals, files or the environment.",
            ) from None
        except TemplateError as exc:
            raise TemplateProblem(
                f"template tag error: {readable(exc.message or exc)}",
                file=self.file,
                place=self._where(compiled.lines, compiled.locations, _template_line(), part),
                hint="Check the name against the template guide (docs/templates.md), or the data behind it.",
            ) from None
        except (TypeError, ValueError, LookupError, ArithmeticError, AttributeError) as exc:
            raise TemplateProblem(
                f"template tag error: {readable(exc)}",
                file=self.file,
                place=self._where(compiled.lines, compiled.locations, _template_line(), part),
                hint="Check the tag and the data it uses.",
            ) from None

    def style_id(self, name: str) -> str:
        """The id of a named style of this template; a missing style is a template problem."""
        found = self.style_ids.get(name.lower())
        if found is None:
            raise DrafterError(
                f"the template has no style named {name!r}",
                hint="Add the style in Word (Styles pane, New style) or name one the template has.",
            )
        return found

    def _helpers(self, context: dict, built: list[str] | None = None) -> dict:
        """Functions a template calls that need to know the template itself (its style ids).

        A table's XML is built from the data, not by the template, so it does not count
        against the sandbox's text budget: the tag prints a short placeholder, and `render`
        puts the table (kept in `built`) in its place once the template has run."""
        built = [] if built is None else built

        def table(which, style: str | None = None):
            tables = context.get("tables", {})
            view = tables.get(which) if isinstance(which, str) else which
            if view is None:
                raise DrafterError(f"there is no table {which!r} in this answer's data",
                                   hint=f"Tables of this question: {', '.join(tables) or 'none'}.")
            roles = dict(styles.TABLE_ROLES)
            if style is not None:
                roles["table"] = style
            built.append(oxml.build_table(view, {role: self.style_id(name) for role, name in roles.items()}, self.page))
            return Markup(_TABLE_PLACE.format(len(built) - 1))

        return {"table": table}

    def _put_tables(self, xml: str, built: list[oxml.BuiltTable], part: str,
                    rows: list[oxml.TableRows] | None = None) -> str:
        """The rendered part with each table() placeholder replaced by its table; with `rows`
        (the main document): a table's body rows, when they can, go to `rows` and stand in the
        part as oxml.ROWS_STANDIN until the answer is finished (finish puts them back)."""
        if not built:
            return xml
        found = 0

        def put(m: re.Match) -> str:
            nonlocal found
            found += 1
            table = built[int(m.group(1))]
            if rows is None or table.rows is None:
                return table.xml
            rows.append(table.rows)
            return table.standing_in(len(rows) - 1)

        xml = _TABLE_PLACE_RE.sub(put, xml)
        if found != len(built):
            raise TemplateProblem(
                "a table built by table() did not reach the document unchanged",
                file=self.file, place=part,
                hint="Print a table alone in its own paragraph, {{p table('name') }}, without a filter or ~.")
        built.clear()
        return xml

    def render(self, context: dict) -> oxml.Rendered:
        """The parts whose content the tags change: the main document and templated parts
        (with the body rows of the main document's tables, standing apart)."""
        built: list[oxml.BuiltTable] = []
        rows: list[oxml.TableRows] = []
        context = {**context, **self._helpers(context, built)}
        figures = context.get(FIGURES_KEY)
        with figures.recording("the template") if figures is not None else nullcontext():
            body = self._put_tables(self._render_one(self.body, context, "the document"), built, "the document", rows)
            out = oxml.Rendered({package.MAIN_DOCUMENT: (self._head + body + self._tail).encode("utf-8")}, rows)
            for name, compiled in self.other.items():
                xml = self._put_tables(self._render_one(compiled, context, name), built, name)
                out[name] = xml.encode("utf-8")
        return out


def _template_line() -> int | None:
    """The template line being rendered when the current exception was raised."""
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int, size: int) -> WordTemplate:
    return WordTemplate(path)


def load_template(path: Path) -> WordTemplate:
    """A compiled template, cached while the file is unchanged."""
    st = stat_file(path, TemplateProblem, TEMPLATE_MISSING_HINT, what="template")
    return _load(path.resolve(), st.st_mtime_ns, st.st_size)

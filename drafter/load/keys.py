"""The keys a person may write in the register and the notes file: one declaration.

Every mapping a colleague types (the register, a question, its minister, its answer, an
answer part, a block, a table, the house style) is declared here as a `Shape`: its keys,
what each holds, and which are required. From this one declaration:

- the loaders refuse an unknown key at its line, with a "did you mean" (`afetr:` is not
  silently ignored, taking its sentence with it);
- `register.schema.json` (beside this package) is generated, so that an editor can
  complete and check the register as it is typed (`python -m drafter.load.keys` rewrites it;
  a test fails when it is out of date).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from drafter import places
from drafter.errors import Problem, shown
from drafter.i18n import N_, _
from drafter.load.schema import (AXIS_KEYS, DECIMALS_KEYS, FIT_CHOICES, NEGATIVE_STYLES, PLACEHOLDER_REASONS,
                                 TABLE_KEYS, TEXT_COLUMN_KEYS, UNIT_KEYS, UNIT_KINDS, UNIT_SHOWN, VALUE_KEYS)

# What a value holds. Each kind has a JSON Schema; messages name it in words.
TEXT = "text"
TEXTS = "texts"  # a text, or a list of texts (paragraphs)
INTEGER = "integer"
NUMBERS = "numbers"  # a whole number or a list of them
DATE = "date"
BOOLEAN = "boolean"
CHOICE = "choice"
SHAPE = "shape"  # a mapping declared as another Shape
LIST = "list"  # a list of mappings of another Shape
MAP = "map"  # free keys (names chosen by the person), each value of another Shape or kind
ANY = "any"



class PercentStyle(StrEnum):
    """45% or 45 procent."""

    SYMBOL = "symbol"
    WORD = "word"


class Rounding(StrEnum):
    """2,5 -> 3 (half up) or 2 (half even)."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"


class NoteStyle(StrEnum):
    """How a note is called: (1) after the value, a raised 1, or a Word footnote."""

    PARENTHESES = "parentheses"
    SUPERSCRIPT = "superscript"
    FOOTNOTES = "footnotes"


class NoteList(StrEnum):
    """How a note is labelled in the list under the table, whatever its call looks like."""

    AS_CALLED = "as_called"  # as the call: (1) under (1), a raised 1 under a raised 1
    PLAIN = "plain"  # '1 text': a plain number (Hansard, with raised calls)
    PARENTHESES = "parentheses"  # '(1) text'
    RAISED = "raised"  # a raised 1


NOTE_LISTS = tuple(NoteList)


class NoteNumbering(StrEnum):
    """One series of note numbers per table (and answer part), or one for the whole document."""

    TABLE = "table"
    DOCUMENT = "document"


class Numbering(StrEnum):
    """How answers are numbered: auto ("1." only with several sub-questions or parts), always, never."""

    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


#: The house style's choices (one source: the register reads them from here).
PERCENT_STYLES = tuple(PercentStyle)
ROUNDINGS = tuple(Rounding)
NOTE_STYLES = tuple(NoteStyle)
NOTE_NUMBERING = tuple(NoteNumbering)
SCALES = ("euro", "thousand", "million")
AXES = ("year", "line", "kind")
NUMBERINGS = tuple(Numbering)
#: The languages a question can be put in (asked_in), and how the Belgian Chamber marks them.
ASKED_IN = {"nl": "N.", "fr": "Fr.", "de": "Dt."}
#: The numbers a question can have: parliaments number their written questions from 1, a few
#: thousand a year (the House of Commons' numbers run to six digits).
QUESTION_NUMBERS = (1, 999_999)
#: The years a date in the register may be in (a question's, an answer's, a closing day):
#: outside them it is a typing mistake (9999-12-31, 0001-01-01), and deadlines could not be counted.
DATE_YEARS = (1900, 2200)
#: A minister's gender, where a language's words before the title depend on it (French).
GENDERS = ("f", "m")


@dataclass(frozen=True)
class Key:
    name: str
    kind: str
    meaning: str
    required: bool = False
    choices: tuple[str, ...] = ()
    shape: str | None = None  # SHAPE, LIST, MAP: the Shape of the values (MAP: or a kind)
    nullable: bool = False
    #: DATE: the message for a value that is not a date, a whole sentence marked with N_ ('{what}:
    #: '{key}' must be a date like 2019-10-07 ..., not {value}')
    expected: str = ""
    bounds: tuple[int, int] | None = None  # INTEGER: the smallest and largest value it may have
    #: ANY: the part (in PARTS) the value is when written as a mapping, and the part each mapping
    #: of it is when written as a list: checked with the mapping that holds it, at every depth
    part: str | None = None
    items: str | None = None


@dataclass(frozen=True)
class Shape:
    name: str
    what: str  # how a message names such a mapping (marked with N_, translated where shown)
    keys: tuple[Key, ...]
    #: at most one of these keys (a block is exactly one of text, table, list, bullets)
    one_of: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.keys)

    def meant(self, name) -> str | None:
        """The declared key a name was probably meant to be ('afetr' -> 'after')."""
        close = difflib.get_close_matches(str(name).strip().lower(), self.names, n=1, cutoff=0.6)
        return close[0] if close else None

    def check(self, mapping, file: str, what: str | None = None, within: str = "") -> list[Problem]:
        """A problem for each key of `mapping` (a LineDict) this shape does not declare, and for
        each yes/no key whose value is not true or false (`show_unit: nee` is not "no"); and so in
        every part its keys hold, at every depth (`within`: how a message names such a part)."""
        problems = []
        what = what or _(self.what)
        declared = {k.name: k for k in self.keys}
        for key in mapping:
            if key in declared:
                problems += _check_parts(declared[key], mapping[key], file, what)
                value = mapping[key]
                if declared[key].kind == BOOLEAN and value is not None and not isinstance(value, bool):
                    problems.append(Problem(
                        _("{what}: '{key}' must be true or false, not {value}").format(
                            what=what, key=key, value=shown(value)),
                        file=file, place=places.line(_key_line(mapping, key)),
                        hint=_("Write '{key}: true' or '{key}: false'.").format(key=key)))
                continue
            meant = self.meant(key)
            keys = ", ".join(self.names)
            message = (_("{what}: unknown key {key} in {part}, so what it holds would be lost").format(
                what=what, key=repr(str(key)), part=within) if within else
                _("{what}: unknown key {key}, so what it holds would be lost").format(what=what, key=repr(str(key))))
            problems.append(Problem(
                message, file=file, place=places.line(_key_line(mapping, key)),
                hint=_("Did you mean '{meant}'? The keys here are: {keys}.").format(meant=meant, keys=keys) if meant
                else _("The keys here are: {keys}.").format(keys=keys),
            ))
        return problems


def _check_parts(key: Key, value, file: str, what: str) -> list[Problem]:
    """The problems of the parts a key's value holds: a mapping (`part`), or a list whose
    mappings are each an `items` part ('kinds: [{kind: VAK, lable: ...}]')."""
    problems = []
    if key.part and isinstance(value, dict):
        problems += PARTS[key.part].check(value, file, what, _("'{key}'").format(key=key.name))
    if key.items and isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                problems += PARTS[key.items].check(item, file, what, _("an entry of '{key}'").format(key=key.name))
    return problems


def _key_line(mapping, key) -> int:
    key_line = getattr(mapping, "key_line", None)
    return key_line(key) if key_line else getattr(mapping, "line", 0)


#: Names a data set cannot have: the names an answer's template and texts already use
#: (drafter's own and Jinja2's), which a data set of that name would hide or break.
RESERVED_NAMES = ("question", "minister", "answer", "answers", "tables", "table", "words", "fmt", "footnote",
                  "note", "range", "dict", "namespace", "cycler", "joiner", "lipsum", "loop", "self", "caller",
                  "varargs", "kwargs", "true", "false", "none", "True", "False", "None")

_STYLE_KEYS = (
    Key("locale", TEXT, "number and date formats, a Babel locale such as nl_BE or fr_BE"),
    Key("percent_style", CHOICE, "45% (symbol) or 45 procent (word)", choices=PERCENT_STYLES),
    Key("rounding", CHOICE, "how figures are rounded", choices=ROUNDINGS),
    Key("note_style", CHOICE, "how notes are called: (1), a raised 1, or Word footnotes", choices=NOTE_STYLES),
    Key("note_list", CHOICE, "how the notes under a table are labelled: as called, a plain 1, (1), or a raised 1",
        choices=NOTE_LISTS),
    Key("note_numbering", CHOICE, "one series of note numbers per table, or one per document", choices=NOTE_NUMBERING),
    Key("missing", TEXT, "what a figure that does not apply shows (default: the language's n.v.t.)"),
    Key("negative", CHOICE, "how a negative figure is written: -1.234, −1.234 or (1.234)", choices=NEGATIVE_STYLES),
    Key("fit", CHOICE, "what a table wider than the text does: smaller type, or a landscape page", choices=FIT_CHOICES),
)
#: What each key of a table spec (schema.TABLE_KEYS: the one list of them) holds; the guide,
#: docs/templates.md "Tables", explains each with examples.
TABLE_KEY_MEANINGS = {
    "data": "the data set, by its name under data:",
    "measure": "the measure column the figures come from (amount, value, count, share, ...)",
    "rows": "what the rows are: a dimension, or {dimension, values, within, measures}",
    "columns": "what the columns are: a dimension, or {dimension, values, measures}",
    "groups": "a first header row over the columns: a dimension, or {dimension, values}",
    "where": "the rows of the data the table uses: {dimension: value or [values]}",
    "corner": "the first header cell",
    "corner_notes": "notes called in the corner",
    "title": "a caption above the table",
    "title_notes": "notes called in the title",
    "text_columns": "columns of text beside the figures: [{column, label, notes}]",
    "unit": "what the figures are: euro/thousand/million, or {currency, kind, scale, data_scale, show, text}",
    "show_unit": "say the unit above the table (default true)",
    "decimals": "a number, 'stated', or {default, columns, rows}",
    "negative": "how a negative figure is written: hyphen, minus or parentheses",
    "missing": "what a figure that does not apply shows",
    "placeholders": "what a cell without a figure shows, per reason: {not_applicable, nil, unknown, empty}",
    "total": "a total row: 'computed', or the row of the data that states it",
    "grand_total": "with nested rows: 'computed', a last row with the sum of every section's rows",
    "column_total": "a total column: 'computed', or the column of the data that states it",
    "remarks": "unnumbered notes under the table ('Bron: ...')",
    "notes": "the table's note style: parentheses, superscript or footnotes",
    "fit": "a table wider than the text: smaller or landscape",
    "line": "the budget's short form: the budget line (or {line, label, notes})",
    "lines": "the budget's short form: the budget lines",
    "years": "the budget's short form: a range such as 2014-2018, or a list of years",
    "kinds": "the budget's short form: VAK and/or VEK",
}

#: What each key of a table's parts holds, where a part is written as a mapping (schema.py keeps
#: the lists of keys the reader accepts; these say what each means, for the reference).
TABLE_PART_MEANINGS = {
    "rows, columns or groups, written as a mapping": {
        "dimension": "the column of the data whose values make the rows (or columns, groups)",
        "values": "some of its values, in this order: a value, or {value, label, notes, columns, decimals}",
        "within": "nested rows: the dimension whose values make the sections the rows are grouped under",
        "measures": "several measure columns side by side: [{measure, label, notes, decimals}]",
    },
    "a value of rows, columns or groups (or a budget line, year or kind)": {
        "value": "the value in the data (for the budget's short form: line, year or kind instead)",
        "label": "what the answer prints for it (default: the value as it is in the data)",
        "notes": "notes called after the label: [key, ...]",
        "columns": "in groups: the values of the columns under this group",
        "decimals": "the decimals of this row or column's figures",
        "sum": "false: this column is not added up (a percentage); a stated total of it is not checked",
    },
    "a text column (text_columns)": {
        "column": "the data's column whose text is shown beside the figures",
        "label": "the column's header",
        "notes": "notes called in the header",
    },
    "decimals, written as a mapping": {
        "default": "the decimals of every figure, unless said otherwise",
        "columns": "per column: {value: decimals}",
        "rows": "per row: {value: decimals}",
    },
    "unit, written as a mapping": {
        "currency": "an ISO currency Babel knows: EUR, GBP, USD (default EUR)",
        "scale": "what the answer shows: units, thousand, million, billion",
        "data_scale": "the scale the data is written in (148.7 meaning 148.7 billion: billion)",
        "kind": "what the figures are: " + ", ".join(UNIT_KINDS),
        "show": "where the unit is stated: " + ", ".join(UNIT_SHOWN),
        "text": "the unit in your own words (£000), instead of drafter's",
    },
    "placeholders": {
        "not_applicable": "what a cell that does not apply shows (n.v.t.)",
        "nil": "what a cell whose figure is nil shows (—)",
        "unknown": "what a cell whose figure is not known shows (..)",
        "empty": "what an empty cell shows ('' for nothing)",
    },
}

#: The keys the reader accepts in each of those parts (schema.py's lists), beside their meanings.
TABLE_PART_KEYS = dict(zip(TABLE_PART_MEANINGS, (AXIS_KEYS, VALUE_KEYS, TEXT_COLUMN_KEYS, DECIMALS_KEYS, UNIT_KEYS,
                                                 PLACEHOLDER_REASONS)))

#: The layout choices, settable on the register and on each question (docs/templates.md, "Layouts").
_LAYOUT_KEYS = (
    Key("numbering", CHOICE, "how answers are numbered: auto (only when there are several), always, never",
        choices=NUMBERINGS),
    Key("repeat_questions", BOOLEAN, "print each sub-question before its answer"),
    Key("file_name", TEXT, "the answer's file name, a pattern such as antwoord-{zittingsjaar}-vraag-{number}-{title}"),
)

#: A minister's keys (the question's minister, and each of its other ministers).
_MINISTER_KEYS = (
    Key("name", TEXT, "the minister's name; N.N. when unknown", required=True),
    Key("title", TEXT, "the minister's title", required=True),
    Key("role", TEXT, "the minister's role, for layouts that print it (minister van Financiën)"),
    Key("department", TEXT, "the minister's department, for layouts that print it"),
    Key("gender", CHOICE, "m or f: French writes 'au ministre' or 'à la ministre'", choices=GENDERS),
)

#: The message for an answer's date that is not a date (a question's, another minister's).
_NOT_AN_ANSWER_DATE = N_("{what}: '{key}' must be the date of the answer, like 2025-02-04 (or null when not known "
                         "yet), not {value}")

#: The house-style keys and the layout keys, settable on the register and on each question.
STYLE_KEYS = tuple(k.name for k in _STYLE_KEYS)
LAYOUT_KEYS = tuple(k.name for k in _LAYOUT_KEYS)

def _part(name: str, meanings: dict, **parts: dict) -> Shape:
    """A part of a table (or a question) written as a mapping: its keys, each any value, with the
    parts their own values are (`parts`: key -> {part: ..., items: ...})."""
    return Shape(name, name, tuple(Key(k, ANY, meaning, **parts.get(k, {})) for k, meaning in meanings.items()))


_VALUE = TABLE_PART_MEANINGS["a value of rows, columns or groups (or a budget line, year or kind)"]
_LABEL_NOTES = {k: _VALUE[k] for k in ("label", "notes")}

#: The mappings a value of the register may be, below the shapes above (a table's rows, a value
#: of them, its unit; a budget table's kinds; an asker): what the readers accept in each, so that
#: a misspelt key at any depth ('kinds: [{kind: VAK, lable: ...}]') is refused at its line.
PARTS: dict[str, Shape] = {s.name: s for s in (
    _part("axis", TABLE_PART_MEANINGS["rows, columns or groups, written as a mapping"],
          values={"items": "value"}, within={"part": "within"}, measures={"items": "measure"}),
    _part("within", {"dimension": "the dimension whose values make the sections",
                     "values": "some of its values, in this order"}, values={"items": "value"}),
    _part("value", _VALUE, columns={"items": "value"}),
    _part("measure", {"measure": "the measure column of the data", **{k: _VALUE[k] for k in
                                                                      ("label", "notes", "decimals", "sum")}}),
    _part("text_column", TABLE_PART_MEANINGS["a text column (text_columns)"]),
    _part("decimals", TABLE_PART_MEANINGS["decimals, written as a mapping"]),
    _part("unit", TABLE_PART_MEANINGS["unit, written as a mapping"]),
    _part("placeholders", TABLE_PART_MEANINGS["placeholders"]),
    _part("total", {"computed": "true: the sum of the figures shown",
                    "value": "the value in the data that states the total",
                    "line": "the budget's short form: the budget line that states the total",
                    "label": "what the answer prints for the total", "notes": "notes called after its label",
                    "dimension": "the dimension the stated value belongs to",
                    "at": "with nested rows: below (its own row) or heading"}),
    _part("budget_line", {"line": "the budget line, as the data holds it", **_LABEL_NOTES}),
    _part("budget_year", {"year": "the year", **_LABEL_NOTES}),
    _part("budget_kind", {"kind": "VAK or VEK", **_LABEL_NOTES}),
    _part("budget_group", {"line": "the budget line whose kinds the group shows", "kinds": "its kinds",
                           **_LABEL_NOTES}, kinds={"items": "budget_kind"}),
    _part("asker", {"name": "the member's name", "party": "the member's party", "title": "the member's title"}),
)}

#: Which part each table key's value is, as a mapping or as a list of mappings.
_TABLE_KEY_PARTS = {
    "rows": {"part": "axis"}, "columns": {"part": "axis"}, "groups": {"part": "axis", "items": "budget_group"},
    "text_columns": {"part": "text_column", "items": "text_column"}, "unit": {"part": "unit"},
    "decimals": {"part": "decimals"}, "placeholders": {"part": "placeholders"},
    "total": {"part": "total"}, "column_total": {"part": "total"}, "grand_total": {"part": "total"},
    "line": {"part": "budget_line", "items": "budget_line"}, "lines": {"items": "budget_line", "part": "budget_line"},
    "years": {"items": "budget_year"}, "kinds": {"items": "budget_kind", "part": "budget_kind"},
}

SHAPES: dict[str, Shape] = {s.name: s for s in (
    Shape("register", N_("register"), (
        *_STYLE_KEYS,
        Key("notes", TEXT, "the notes file, beside the register (notes.yaml)"),
        *_LAYOUT_KEYS,
        Key("deadlines", SHAPE, "how the house counts deadlines", shape="deadlines"),
        Key("questions", LIST, "the questions", required=True, shape="question"),
    )),
    Shape("deadlines", N_("deadlines"), (
        Key("internal_days", INTEGER, "working days between the internal deadline and the legal one (0 to 19)"),
        Key("closing_days", ANY, "dates (YYYY-MM-DD) the house is closed, besides weekends and public holidays"),
    )),
    Shape("question", N_("question"), (
        Key("zittingsjaar", TEXT, "the parliamentary year, e.g. 2019-2020", required=True),
        Key("number", INTEGER, "the question's number", required=True, bounds=QUESTION_NUMBERS),
        Key("date", DATE, "the date the question was asked (YYYY-MM-DD), null when unknown", nullable=True,
            expected=N_("{what}: '{key}' must be a date like 2019-10-07 (or null when unknown), not {value}")),
        Key("asker", TEXT, "who asked it; N.N. when unknown (or askers:)"),
        Key("askers", ANY, "who asked it, when several: a list of names, or of {name, party, title}",
            items="asker"),
        Key("minister", SHAPE, "to whom it was put", required=True, shape="minister"),
        Key("title", TEXT, "the question's title", required=True),
        Key("template", TEXT, "a .docx file in answer_templates/ (required, unless based_on gives it)"),
        Key("data", MAP, "the data sets the answer uses: name: file", shape=TEXT),
        Key("introduction", TEXTS, "the question's introduction, verbatim"),
        Key("subquestions", MAP, "the sub-questions, numbered: 1: ...", required=True, shape=TEXT),
        Key("tables", MAP, "the tables of the answer, by name", shape="table"),
        Key("answer", SHAPE, "the answer's texts (required, unless based_on gives them)", shape="answer"),
        Key("answered", DATE, "the date of the answer (YYYY-MM-DD), for layouts that print it", nullable=True,
            expected=_NOT_AN_ANSWER_DATE),
        Key("asked_in", CHOICE, "the language the question was put in (the Belgian Chamber marks it)",
            choices=tuple(ASKED_IN)),
        Key("committee", SHAPE, "a committee's list of questions and answers (lijst-van-vragen.docx): the "
            "committee that put the questions, the dossier, the chair and the clerk", shape="committee"),
        *_LAYOUT_KEYS,
        Key("opendata", ANY, "the parliament's open-data id of the question (written by drafter intake)"),
        Key("other_ministers", LIST, "the other ministers the same question was put to, each with their own number",
            shape="other_minister"),
        Key("coordinator", ANY, "with other_ministers: who gives the coordinated answer, by number or by name; "
            "the others refer to it"),
        Key("based_on", TEXT, "the earlier question whose answer this one starts from, as zittingsjaar/number "
            "(2019-2020/4): its data, tables and texts where this entry gives none"),
        *_STYLE_KEYS,
    )),
    Shape("minister", N_("minister"), _MINISTER_KEYS),
    Shape("committee", N_("committee"), (
        Key("name", TEXT, "the committee as the list names it first: De vaste commissie voor Financiën",
            required=True),
        Key("dossier", TEXT, "the dossier's number the list belongs to, as printed: 36 100"),
        Key("subject", TEXT, "what the questions are about, as the list words it after the addressee: over de "
            "brief van 18 mei 2022 inzake ..."),
        Key("chair", TEXT, "the committee's chair, as the list signs: Sneller"),
        Key("clerk", TEXT, "the committee's clerk, as the list signs: Schukkink"),
        Key("clerk_title", TEXT, "the clerk's title, when not the language's own (De griffier van de commissie): "
            "Adjunct-griffier van de commissie"),
    )),
    Shape("other_minister", N_("other minister"), (
        *_MINISTER_KEYS,
        Key("number", INTEGER, "the number this minister's copy of the question has", required=True),
        Key("template", TEXT, "the layout of this minister's referring answer (default: algemeen.docx)"),
        Key("locale", TEXT, "the language of this minister's referring answer (default: the question's)"),
        Key("answered", DATE, "the date this minister's answer went out (YYYY-MM-DD; drafter sent writes it)",
            nullable=True, expected=_NOT_AN_ANSWER_DATE),
    )),
    Shape("answer", N_("answer"), (
        Key("preamble", TEXTS, "what comes before the answers to the sub-questions"),
        Key("parts", LIST, "the answers, one per sub-question (or several at once)", required=True, shape="part"),
    )),
    Shape("part", N_("answer part"), (
        Key("number", NUMBERS, "the sub-question it answers, or a list of them", required=True),
        Key("text", TEXTS, "the answer's text"),
        Key("table", TEXT, "a table of this question, after the text"),
        Key("after", TEXTS, "text after the table"),
        Key("blocks", LIST, "the content as a list of blocks, in order", shape="block"),
    )),
    Shape("block", N_("block"), (
        Key("text", TEXTS, "a paragraph (a blank line starts another)"),
        Key("table", TEXT, "a table of this question"),
        Key("list", ANY, "a numbered list: a list of texts"),
        Key("bullets", ANY, "a bulleted list: a list of texts"),
    ), one_of=True),
    Shape("table", N_("table"), tuple(
        Key(name, {"data": TEXT, "show_unit": BOOLEAN}.get(name, ANY), TABLE_KEY_MEANINGS[name], required=name == "data",
            **_TABLE_KEY_PARTS.get(name, {}))
        for name in TABLE_KEYS)),
)}


def shape(name: str) -> Shape:
    return SHAPES[name]


# ---------------------------------------------------------------------------- JSON Schema

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "register.schema.json"


def _json_type(key: Key) -> dict:
    if key.kind == TEXT:
        out = {"type": ["string", "number"]}
    elif key.kind == TEXTS:
        out = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
    elif key.kind == INTEGER:
        out = {"type": "integer"}
        if key.bounds:
            out.update(minimum=key.bounds[0], maximum=key.bounds[1])
    elif key.kind == NUMBERS:
        out = {"anyOf": [{"type": "integer"}, {"type": "array", "items": {"type": "integer"}, "minItems": 1}]}
    elif key.kind == DATE:
        out = {"type": "string", "format": "date"}
    elif key.kind == BOOLEAN:
        out = {"type": "boolean"}
    elif key.kind == CHOICE:
        out = {"enum": list(key.choices)}
    elif key.kind == SHAPE:
        out = {"$ref": f"#/$defs/{key.shape}"}
    elif key.kind == LIST:
        out = {"type": "array", "items": {"$ref": f"#/$defs/{key.shape}"}}
    elif key.kind == MAP:
        inner = ({"$ref": f"#/$defs/{key.shape}"} if key.shape in SHAPES else _json_type(Key("", key.shape, "")))
        out = {"type": "object", "additionalProperties": inner}
    else:
        out = {}
        shapes = []
        if key.part:
            shapes.append({"if": {"type": "object"}, "then": {"$ref": f"#/$defs/{key.part}"}})
        if key.items:
            shapes.append({"if": {"type": "array"}, "then": {"items": {
                "if": {"type": "object"}, "then": {"$ref": f"#/$defs/{key.items}"}}}})
        if shapes:
            out = {"allOf": shapes}
    if key.nullable:
        out = {"anyOf": [out, {"type": "null"}]}
    return {"description": key.meaning, **out}


def _json_shape(s: Shape) -> dict:
    out = {
        "type": "object",
        "description": f"a {s.what}",
        "properties": {k.name: _json_type(k) for k in s.keys},
        "additionalProperties": False,
    }
    required = [k.name for k in s.keys if k.required]
    if required:
        out["required"] = required
    if s.one_of:
        out["minProperties"] = out["maxProperties"] = 1
    return out


def json_schema() -> dict:
    """The register's JSON Schema (draft 2020-12), from the declaration above."""
    top = _json_shape(SHAPES["register"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://drafter.invalid/register.schema.json",
        "title": "drafter register (data/questions.yaml)",
        **{k: v for k, v in top.items() if k != "description"},
        "$defs": {name: _json_shape(s) for name, s in (SHAPES | PARTS).items() if name != "register"},
    }


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":  # python -m drafter.load.keys: rewrite register.schema.json
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")

"""Reading YAML so that every value remembers its line, for messages that say where."""

from __future__ import annotations

import math
import re
import unicodedata
from pathlib import Path

import yaml

from drafter.errors import DataError, Problem, display_path, readable
from drafter.files import read_bytes
from drafter import places
from drafter.i18n import N_, _
from drafter.load.dates import impossible_day


class LineDict(dict):
    """A mapping read from YAML: ``line`` is its own line, ``lines[key]`` each value's line."""

    line: int = 0
    lines: dict
    key_lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)

    def key_line(self, key) -> int:
        """The line of the key itself (its value may start on the next line)."""
        return getattr(self, "key_lines", {}).get(key, self.line_of(key))


class LineList(list):
    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class _Loader(yaml.SafeLoader):
    """Pure Python: slower, but its messages are the clearer ones."""


#: libyaml's loader: a large register is read in a fraction of the pure Python loader's time.
_FastLoader = type("_FastLoader", (yaml.CSafeLoader,), {}) if yaml.__with_libyaml__ else None


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, _("a key that is not a plain value"), key_node.start_mark
            ) from exc
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, _("the key {key!r} appears twice").format(key=key), key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = value_node.start_mark.line + 1
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader, node):
    """A date such as 2019-10-07; an impossible one (2019-13-45) is an error at its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        found = re.match(r"\s*(-?\d+)-(\d+)-(\d+)", str(node.value))
        reason = impossible_day(*map(int, found.groups())) if found else readable(exc)
        raise yaml.constructor.ConstructorError(
            None, None,
            _("{text!r} is not a date ({reason}); write it as YYYY-MM-DD").format(text=node.value, reason=reason),
            node.start_mark
        ) from exc


#: The longest number a YAML file may write (a figure in euro has at most 18 digits): longer
#: ones are refused at their line, before Python works them out (a number of thousands of
#: digits, or YAML 1.1's base-60 numbers such as 1:2:3:..., take long to compute).
MAX_NUMBER_CHARACTERS = 100


def _bounded_number(construct):
    """A constructor of numbers that refuses one written with more than MAX_NUMBER_CHARACTERS
    characters, and one that is not finite (.inf, .nan, 1e400): no register or data file
    means them."""
    def bounded(loader, node):
        if len(node.value) > MAX_NUMBER_CHARACTERS:
            raise yaml.constructor.ConstructorError(
                None, None, _("a number of {length} characters, far larger than any figure").format(
                    length=len(node.value)), node.start_mark)
        value = construct(loader, node)
        if isinstance(value, float) and not math.isfinite(value):
            raise yaml.constructor.ConstructorError(
                None, None, _("{text!r} is not a number drafter can use (it is infinite or not a number)").format(
                    text=node.value[:40]), node.start_mark)
        return value
    return bounded


_BOOL = "tag:yaml.org,2002:bool"


def _yaml12_booleans(loader_class) -> None:
    """Only true and false are booleans, as in YAML 1.2: YAML 1.1 also reads yes, no, on and
    off as booleans, so `asker: No` (a person's name) or `title: Off` would not be text."""
    loader_class.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
        for first, resolvers in loader_class.yaml_implicit_resolvers.items()
    }
    loader_class.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


for _loader in filter(None, (_Loader, _FastLoader)):
    _yaml12_booleans(_loader)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _bounded_number(yaml.SafeLoader.construct_yaml_int))
    _loader.add_constructor("tag:yaml.org,2002:float", _bounded_number(yaml.SafeLoader.construct_yaml_float))
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)

#: Larger YAML files than this are refused: a register or note file is a few hundred KB.
MAX_YAML_BYTES = 20 * 1024 * 1024


#: Values a YAML file may stand for once its aliases (*name) are expanded: a register of a
#: thousand questions has a few hundred thousand; a "billion laughs" file has billions.
MAX_YAML_VALUES = 5_000_000


#: The deepest a YAML file may nest its values: a register nests some ten levels (a question,
#: its tables, a table's columns, a column's labels), so this is far beyond what any has.
MAX_YAML_DEPTH = 64


class _TooDeep(Exception):
    """The values nest deeper than MAX_YAML_DEPTH, from this line on."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def load_yaml(path: Path):
    """Parse a YAML file; a missing or malformed file, one nested deeper than MAX_YAML_DEPTH,
    or one whose aliases expand without end, is a DataError naming file and line."""
    shown = display_path(path)
    try:
        data = _parse_yaml(path)
        _check_expansion(data, shown)
    except _TooDeep as exc:
        raise _too_deep(shown, places.line(exc.line)) from exc
    except RecursionError as exc:  # the pure Python loader's own recursion, should _depth miss a way to nest
        raise _too_deep(shown, None) from exc
    return data


def _too_deep(shown: str, place: str | None) -> DataError:
    return DataError(_("the values in this file are nested too deeply (more than {limit} levels)").format(
        limit=MAX_YAML_DEPTH), file=shown, place=place,
        hint=_("A register nests a few levels; look for a long run of '[', '{' or '- '."))


def _check_expansion(data, shown: str) -> None:
    """Refuse aliases that refer to themselves or expand to too many values: walking such a
    structure (to read it, or to show a value in a message) would never end."""
    sizes: dict[int, int] = {}
    busy: set[int] = set()

    def size(value) -> int:
        if not isinstance(value, (dict, list)):
            return 1
        key = id(value)
        if key in sizes:
            return sizes[key]
        if key in busy:
            raise DataError(_("an alias (*name) refers to the value that holds it"), file=shown,
                            place=places.line(getattr(value, 'line', 0)),
                            hint=_("Write the value out instead of the alias."))
        busy.add(key)
        children = value.values() if isinstance(value, dict) else value
        total = 1
        for child in children:
            total += size(child)
            if total > MAX_YAML_VALUES:
                raise DataError(_("the aliases (*name) in this file expand to far more values than a register holds"),
                                file=shown, place=places.line(getattr(value, 'line', 0)),
                                hint=_("Write the values out instead of nesting aliases."))
        busy.discard(key)
        sizes[key] = total
        return total

    size(data)


class _NotPlain(Exception):
    """The file uses what _stream leaves to PyYAML's own loader: merge keys, explicit tags
    on lists and mappings, aliases of a value not yet complete, several documents."""


_SEQUENCE_TAG = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MAPPING_TAG = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _stream(text: str):
    """What `yaml.load(text, Loader=_FastLoader)` gives, built from libyaml's events as they
    come: the loader first builds a node for every value of the whole file (a 5,000-question
    register: some 250 MB of nodes for 45 MB of values), here each value is made at once
    and only the values are kept."""
    loader = _FastLoader(text)
    anchors: dict[str, tuple[object, int]] = {}  # anchor -> its value and the line it starts at

    def scalar(event):
        tag = event.tag
        if tag is None or tag == "!":
            tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag == _MERGE_TAG:
            raise _NotPlain
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        value = loader.construct_object(node, deep=True)
        loader.constructed_objects.pop(node, None)
        return value

    def value(depth: int = 1):
        """The next value and the line it starts at."""
        event = loader.get_event()
        line = event.start_mark.line + 1
        if depth > MAX_YAML_DEPTH:
            raise _TooDeep(line)
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _NotPlain
            found, line = anchors[event.anchor]
            return found, line
        if isinstance(event, yaml.ScalarEvent):
            result = scalar(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            if event.tag not in (None, "!", _SEQUENCE_TAG):
                raise _NotPlain
            result = LineList()
            result.line, result.lines = line, []
            while not loader.check_event(yaml.SequenceEndEvent):
                item, item_line = value(depth + 1)
                result.append(item)
                result.lines.append(item_line)
            loader.get_event()
        elif isinstance(event, yaml.MappingStartEvent):
            if event.tag not in (None, "!", _MAPPING_TAG):
                raise _NotPlain
            result = LineDict()
            result.line, result.lines, result.key_lines = line, {}, {}
            while not loader.check_event(yaml.MappingEndEvent):
                key, key_line = value(depth + 1)
                try:
                    hash(key)
                except TypeError:
                    raise _NotPlain from None  # an error: PyYAML's loader says where
                if key in result:
                    raise _NotPlain
                result[key], result.lines[key] = value(depth + 1)
                result.key_lines[key] = key_line
            loader.get_event()
        else:
            raise _NotPlain
        if event.anchor is not None:
            anchors[event.anchor] = (result, line)
        return result, line

    try:
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        loader.get_event()  # the document's start
        data = value()[0]
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _NotPlain
        return data
    finally:
        loader.dispose()


def _depth(text: str) -> None:
    """Raise _TooDeep where the values of text nest deeper than MAX_YAML_DEPTH, counted from
    the parser's events one by one (the loaders that build nodes recurse as deep as the file
    nests, libyaml's in C, where no recursion limit stops it)."""
    loader = (_FastLoader or _Loader)(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    raise _TooDeep(event.start_mark.line + 1)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return  # not YAML: the loader says where
    finally:
        loader.dispose()


#: The longest YAML file drafter reads: a register or note file is a few hundred KB.
_TOO_LARGE_HINT = N_("Split it or remove what does not belong in it.")


#: What a binary file named where a YAML file was expected is, by its name's ending (translated where shown).
_ZIP_KINDS = {".docx": N_("a Word document"), ".doc": N_("a Word document"), ".xlsx": N_("an Excel workbook"),
              ".xls": N_("an Excel workbook"), "": N_("an Office document or a zip file")}


def _parse_yaml(path: Path):
    shown = display_path(path)
    data = read_bytes(path, MAX_YAML_BYTES, too_large_hint=_(_TOO_LARGE_HINT))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):  # a zip package or an old Office file
        kind = _ZIP_KINDS.get(path.suffix.lower(), _ZIP_KINDS[""])
        raise DataError(_("this is {kind}, not a YAML text file").format(kind=_(kind)), file=shown,
                        hint=_("Give the YAML file itself, e.g. the register data/questions.yaml."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            _("the file is not UTF-8 text"),
            file=shown,
            place=places.line(line),
            hint=_("Save it as UTF-8 (in most editors: 'Save as', encoding UTF-8)."),
        ) from exc
    if _FastLoader is not None:
        try:
            return _stream(text)
        except _NotPlain:
            pass
        except yaml.YAMLError:
            return _slow(text, shown)  # read it again, for the pure Python loader's clearer message
        _depth(text)  # before a loader that builds nodes recurses into the file
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a CSafeLoader subclass
        except yaml.YAMLError:
            pass
    else:
        _depth(text)
    return _slow(text, shown)


def _slow(text: str, shown: str):
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if not isinstance(exc, yaml.constructor.ConstructorError):
            _odd_indentation(text, shown, mark.line + 1 if mark else text.count("\n") + 1)
        place = places.line_column(mark.line + 1, mark.column + 1) if mark else None
        opened = exc.context_mark
        if exc.problem and exc.context and opened and mark and opened.line != mark.line:
            message = _("not valid YAML: {problem} ({context} that starts at line {line})").format(
                problem=_yaml_words(exc.problem), context=_yaml_words(exc.context), line=opened.line + 1)
        else:
            message = _("not valid YAML: {problem}").format(problem=_yaml_words(exc.problem or exc.context))
        raise DataError(
            message,
            file=shown,
            place=place,
            hint=_("Correct the value there.") if isinstance(exc, yaml.constructor.ConstructorError)
            else _("Check the indentation and quoting there; a text with ':' or '#' in it, or that starts with "
                   "'{' (a tag such as {{ budget.amount(...) }}), '[' or a quote, needs quotes around it."),
        ) from exc
    except yaml.YAMLError as exc:
        raise DataError(_("not valid YAML: {problem}").format(problem=_token_words(str(exc))), file=shown) from exc


#: Spaces that look like a space but that YAML does not count as one: a line indented with one
#: of them (text pasted from Word or Outlook brings the non-breaking space along) is read wrong,
#: and the reader's message then names the line after it.
_NON_BREAKING = frozenset("\u00a0\u202f\u2007")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")


def _odd_space(char: str) -> bool:
    return char in _INVISIBLE or (char not in " \t" and unicodedata.category(char) == "Zs")


def _odd_indentation(text: str, shown: str, upto: int) -> None:
    """A DataError for every line up to `upto` (where the reader gave up) whose indentation holds
    a space YAML does not count, at that line: the cause the reader's message would not name."""
    problems = []
    for number, line in enumerate(text.split("\n")[:upto], start=1):
        odd = None
        for char in line:
            if char in " \t":
                continue
            odd = char if _odd_space(char) else None
            break
        if odd is None:
            continue
        if odd in _NON_BREAKING:
            message = _("this line is indented with a non-breaking space, which YAML does not count as a space")
        else:
            message = _("this line is indented with a special space ({code}), which YAML does not count as a "
                        "space").format(code=f"U+{ord(odd):04X}")
        problems.append(Problem(message, file=shown, place=places.line(number),
                                hint=_("Replace it with ordinary spaces: such a space comes along when text is "
                                       "copied from Word or Outlook.")))
    if problems:
        raise DataError(problems=problems)


#: The YAML reader's own phrases a register's author meets most (a colon or an indentation
#: out of place, an unclosed quote or bracket), as whole phrases of the catalog: the reader
#: writes them in English only. A phrase not listed is shown as the reader wrote it.
_YAML_PHRASES = tuple((re.compile(pattern), words) for pattern, words in (
    (r"mapping values are not allowed here", N_("mapping values are not allowed here")),
    (r"could not find expected ':'", N_("could not find expected ':'")),
    (r"sequence entries are not allowed here", N_("sequence entries are not allowed here")),
    (r"found character (?P<found>.+) that cannot start any token",
     N_("found character {found} that cannot start any token")),
    (r"expected <block end>, but found (?P<found>.+)", N_("the indented block should end here, but there is {found}")),
    (r"expected '<document start>', but found (?P<found>.+)",
     N_("nothing more was expected here, but there is {found}")),
    (r"expected the node content, but found (?P<found>.+)", N_("a value was expected here, but there is {found}")),
    (r"did not find expected key", N_("did not find the next key")),
    (r"did not find expected '-' indicator", N_("did not find the next '- ' of the list")),
    (r"while parsing a block node", N_("while reading a value")),
    (r"expected ',' or '(?P<close>[]}])', but got (?P<found>.+)", N_("expected ',' or '{close}', but got {found}")),
    (r"found unexpected end of stream", N_("found unexpected end of stream")),
    (r"found undefined alias (?P<name>.+)", N_("found undefined alias {name}")),
    (r"found unknown escape character (?P<found>.+)", N_("found unknown escape character {found}")),
    (r"while scanning a simple key", N_("while scanning a simple key")),
    (r"while scanning a quoted scalar", N_("while scanning a quoted scalar")),
    (r"while scanning a double-quoted scalar", N_("while scanning a double-quoted scalar")),
    (r"while scanning a block scalar", N_("while scanning a block scalar")),
    (r"while parsing a block mapping", N_("while parsing a block mapping")),
    (r"while parsing a block collection", N_("while parsing a block collection")),
    (r"while parsing a flow sequence", N_("while parsing a flow sequence")),
    (r"while parsing a flow mapping", N_("while parsing a flow mapping")),
    (r"while scanning for the next token", N_("while scanning for the next token")),
))


#: The YAML reader's names of what it read ('<block mapping start>'), in words: a person
#: knows 'key: value' lines and lists, not the reader's tokens.
_TOKENS = {
    "<block mapping start>": N_("the start of 'key: value' lines"),
    "<block sequence start>": N_("the start of a list ('- ' lines)"),
    "<block end>": N_("the end of an indented block"),
    "<scalar>": N_("a value"),
    "<alias>": N_("an alias (*name)"),
    "<anchor>": N_("an anchor (&name)"),
    "<tag>": N_("a tag (!name)"),
    "<stream start>": N_("the start of the file"),
    "<stream end>": N_("the end of the file"),
    "<document start>": N_("a new document (---)"),
    "<document end>": N_("the end of a document (...)"),
    "<directive>": N_("a directive (%)"),
}
_TOKEN = re.compile(r"'?(<[a-z ]+>)'?")


def _token_words(text: str) -> str:
    return _TOKEN.sub(lambda m: _(_TOKENS[m[1]]) if m[1] in _TOKENS else m[0], text)


def _yaml_words(phrase: str | None) -> str:
    """The YAML reader's phrase in the language in use, where the catalog has it (in English,
    the phrase as the reader wrote it), its names of tokens in words."""
    for pattern, words in _YAML_PHRASES:
        found = pattern.fullmatch(phrase or "")
        if found:
            return _(words).format(**{k: _token_words(v) for k, v in found.groupdict().items()})
    return _token_words(phrase or "")

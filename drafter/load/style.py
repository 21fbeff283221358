"""The house style and the layout: set in the project file, the register, and each question."""

from __future__ import annotations

import string
from dataclasses import dataclass, replace
from pathlib import Path

from drafter import paths
from drafter.errors import DataError, DrafterError, Problem, display_path, shown
from drafter.i18n import _
from drafter.load.fields import FieldReader
from drafter.load import keys
from drafter.load.keys import NoteList, NoteNumbering, NoteStyle, Numbering, PercentStyle, Rounding
from drafter.load.schema import parse_locale
from drafter.load.yamlfile import LineDict

#: The fields a file-name pattern may use: {zittingsjaar}, {number}, ... (see paths.answer_file_name).
FILE_NAME_FIELDS = paths.FILE_NAME_FIELDS


def _allowed(names: tuple[str, ...]) -> dict[str, tuple | None]:
    """What each of these keys may hold, as the register's declaration says (None: any text)."""
    declared = {k.name: k for k in keys.shape("register").keys}
    return {name: declared[name].choices if declared[name].kind == keys.CHOICE
            else (True, False) if declared[name].kind == keys.BOOLEAN else None for name in names}


#: The house style's settings that are a closed set of choices, each as its enum.
_ENUMS = {"percent_style": PercentStyle, "rounding": Rounding, "note_style": NoteStyle,
          "note_numbering": NoteNumbering, "note_list": NoteList}


@dataclass(frozen=True)
class Layout:
    """The layout choices of an answer that are data, not template text."""

    numbering: Numbering = Numbering.AUTO
    repeat_questions: bool = False  # print each sub-question before its answer (templates that honour it)
    file_name: str = paths.DEFAULT_FILE_NAME  # a pattern of FILE_NAME_FIELDS

    FIELDS = _allowed(keys.LAYOUT_KEYS)


@dataclass(frozen=True)
class HouseStyle:
    """How figures and notes look; set for the register, overridden per question or table."""

    locale: str = "nl_BE"
    percent_style: PercentStyle = PercentStyle.SYMBOL
    rounding: Rounding = Rounding.HALF_UP
    note_style: NoteStyle = NoteStyle.PARENTHESES  # under the table, raised, or at the foot of the page
    note_list: NoteList = NoteList.AS_CALLED  # the label of a note under the table, chosen apart from its call
    note_numbering: NoteNumbering = NoteNumbering.TABLE
    missing: str | None = None  # what "not applicable" shows; None: the language's (n.v.t.)
    negative: str = "hyphen"  # -1.234; minus: −1.234; parentheses: (1.234)
    fit: str = "smaller"  # a table wider than the text: smaller type, or a landscape page

    FIELDS = _allowed(keys.STYLE_KEYS)


def read_style(reader: FieldReader, mapping: LineDict, base: HouseStyle, what: str) -> HouseStyle:
    """The house style with the fields this mapping sets (locale, note_style, ...)."""
    changes = {}
    for key, allowed in HouseStyle.FIELDS.items():
        if key in mapping and mapping[key] is not None:
            value = reader.choice(mapping, key, allowed, what)
            if key == "locale" and value is not None:
                try:
                    value = str(parse_locale(value))
                except DrafterError as exc:
                    reader.problem(mapping.line_of(key), _("{what}: {reason}").format(
                        what=what, reason=exc.problems[0].message), exc.problems[0].hint)
                    continue
            if value is not None:
                changes[key] = _ENUMS[key](value) if key in _ENUMS else str(value)
    return replace(base, **changes) if changes else base


def project_style(register_path: Path) -> HouseStyle:
    """The house style the project file (drafter.toml) above the register sets, checked;
    the plain default when there is none. A wrong value is a DataError naming its line."""
    file = paths.find_project_file(Path(register_path).parent)
    if file is None:
        return HouseStyle()
    changes, problems = {}, []
    for key, value in paths.read_project(file).house_style.items():
        place = paths.house_style_place(file, key)
        allowed = HouseStyle.FIELDS.get(key, ())
        if key not in HouseStyle.FIELDS:
            problems.append(Problem(_("[house_style] has no setting {key!r}").format(key=key), file=display_path(file),
                                    place=place, hint=_("It may set: {keys}.").format(keys=", ".join(HouseStyle.FIELDS))))
        elif allowed is not None and value not in allowed:
            problems.append(Problem(_("[house_style] {key} must be one of {choices}, not {value}").format(
                key=key, choices=", ".join(allowed), value=shown(value)), file=display_path(file), place=place))
        elif key == "locale":
            try:
                changes[key] = str(parse_locale(value))
            except DrafterError as exc:
                problems.append(Problem(_("[house_style] {problem}").format(problem=exc.problems[0].message),
                                        file=display_path(file),
                                        place=place, hint=exc.problems[0].hint))
        else:
            changes[key] = _ENUMS[key](value) if key in _ENUMS else value
    if problems:
        raise DataError(problems=problems)
    return replace(HouseStyle(), **changes)


def read_layout(reader: FieldReader, mapping: LineDict, base: Layout, what: str) -> Layout:
    """The layout with the fields this mapping sets (numbering, repeat_questions, file_name)."""
    changes = {}
    for key, allowed in Layout.FIELDS.items():
        if key not in mapping or mapping[key] is None:
            continue
        value = mapping[key]
        if key == "repeat_questions" and not isinstance(value, bool):
            reader.problem(mapping.line_of(key), _("{what}: 'repeat_questions' must be true or false, not {value}")
                           .format(what=what, value=shown(value)))
        elif key == "numbering" and value not in allowed:
            reader.problem(mapping.line_of(key), _("{what}: 'numbering' must be one of {choices}, not {value}").format(
                what=what, choices=", ".join(allowed), value=shown(value)),
                           _("auto numbers the answers only when there are several sub-questions or parts."))
        elif key == "file_name":
            problem = _file_name_problem(value)
            if problem:
                reader.problem(mapping.line_of(key), _("{what}: 'file_name' {value}: {problem}").format(
                    what=what, value=shown(value), problem=problem),
                               _("Write a pattern such as '{{answer}}-{{zittingsjaar}}-{{number}}-{{title}}'; it may "
                                 "use {fields}.").format(fields=", ".join("{" + f + "}" for f in FILE_NAME_FIELDS)))
            else:
                changes[key] = value
        else:
            changes[key] = Numbering(value) if key == "numbering" else value
    return replace(base, **changes) if changes else base


def _file_name_problem(pattern) -> str | None:
    """What is wrong with a file-name pattern, or None."""
    if not isinstance(pattern, str) or not pattern.strip():
        return _("it must be a text")
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return _("its braces do not match ({reason})").format(reason=exc)
    names = [name for _text, name, spec, conv in parsed if name is not None]
    for _text, name, spec, conv in parsed:
        if name is not None and (name not in FILE_NAME_FIELDS or spec or conv):
            return _("{field} is not a field of a file name").format(field="{" + name + (":" + spec if spec else "") + "}")
    if "number" not in names:
        return _("it must hold {number}, so that two answers never get the same name")
    if any(c in pattern for c in "/\\"):
        return _("it is a file name, not a folder: leave out / and \\")
    return None


"""Where things are: the project folder and its files, and file names safe on every system.

A *project* is a folder with a project file, ``drafter.toml``, that says where its register,
templates and output folder are (relative to the project file) and may set the house style.
Every command finds its project the way git finds its repository: ``--project FOLDER`` if
given, else the folder in ``DRAFTER_HOME``, else the first folder holding a ``drafter.toml``
from the current folder upwards. The checkout of drafter itself is such a project.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath, PureWindowsPath
from types import MappingProxyType

from drafter.errors import DataError, display_path
from drafter.errors import shown as value_shown  # 'shown' names the file here
from drafter import i18n, places
from drafter.files import check_path, read_bytes
from drafter.i18n import N_, _

#: The project file's name, and the environment variable naming a project folder.
PROJECT_FILE = "drafter.toml"
HOME_VARIABLE = "DRAFTER_HOME"

#: Where things are in a project, relative to its project file, unless it says otherwise.
LOCATIONS = MappingProxyType({
    "register": "data/questions.yaml",
    "templates": "answer_templates",
    "output": "output",
})
#: The largest project file drafter reads: one holds a few settings.
MAX_PROJECT_FILE_BYTES = 1024 * 1024
#: What each of those paths is, for the reference (docs).
LOCATION_MEANINGS = MappingProxyType({
    "register": "the register of questions, relative to drafter.toml; the files it names are beside it",
    "templates": "the folder of Word templates",
    "output": "where answer and batch write (unless --output says otherwise)",
})
#: The project file's tables and the keys each may hold (house style keys: see load/register).
SECTIONS = ("paths", "house_style", "check")
#: The keys of the [check] table: what check, answer, batch, verify and status look for.
CHECK_KEYS = MappingProxyType({
    # texts a person leaves in an answer to fill in later ("XXX", "[invullen]"): each one found is a gap
    "gap_markers": "a list of texts in quotes",
})
#: A house's gap markers: at most this many, each at most this long (a marker is a word or a short tag).
MAX_GAP_MARKERS, MAX_GAP_MARKER_LENGTH = 100, 80
#: The project file's one setting outside a table: the language drafter speaks in the project.
LANGUAGE_SETTING = "language"

#: The longest path Windows programs (Word among them) can open without special measures.
WINDOWS_MAX_PATH = 259
#: The longest file name (one path component) on Windows, macOS and Linux file systems.
MAX_NAME = 255
#: Names Windows reserves for devices, with or without an extension (CON, con.docx, COM1.txt).
WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL"] + [f"COM{i}" for i in range(1, 10)] + [f"LPT{i}" for i in range(1, 10)]
)
#: Characters Windows does not allow in a file name (besides control characters).
WINDOWS_FORBIDDEN = frozenset('<>:"/\\|?*')
#: A character a file name cannot hold on Windows: one of those, or a control character.
_FORBIDDEN_CHARACTER = re.compile("[" + re.escape("".join(sorted(WINDOWS_FORBIDDEN))) + "\x00-\x1f]")


@dataclass(frozen=True)
class Project:
    """A project folder: where its register, templates and output are, and its house style."""

    root: Path
    register: Path
    templates: Path
    output: Path
    file: Path | None = None  # the drafter.toml it was read from
    house_style: dict = field(default_factory=dict)  # raw values; load/register checks them
    language: str | None = None  # the language drafter speaks here ('nl'); None: the user's
    gap_markers: tuple[str, ...] = ()  # [check] gap_markers: the house's own marks of a gap

    @classmethod
    def at(cls, root: Path, settings: dict | None = None, file: Path | None = None) -> "Project":
        settings = settings or {}
        # a Windows path ('data\questions.yaml', in TOML's single quotes) reads as on Windows
        where = {key: PureWindowsPath(value).as_posix() if "\\" in value else value
                 for key, value in {**LOCATIONS, **settings.get("paths", {})}.items()}
        return cls(
            root=root,
            register=root / where["register"],
            templates=root / where["templates"],
            output=root / where["output"],
            file=file,
            house_style=dict(settings.get("house_style", {})),
            language=settings.get(LANGUAGE_SETTING),
            gap_markers=tuple(settings.get("check", {}).get("gap_markers", ())),
        )


def find_project_file(start: Path) -> Path | None:
    """The first drafter.toml in start or a folder above it (as git finds .git), or None."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / PROJECT_FILE):  # read_project says what is wrong with one that is no file
            return candidate / PROJECT_FILE
    return None


def find_project(folder: Path | None = None, *, start: Path | None = None,
                 environ: dict | None = None) -> Project:
    """The project to work in: folder (``--project``), else $DRAFTER_HOME, else the first
    drafter.toml from start (default: the current folder) upwards.

    A folder given but holding no drafter.toml is a project with the usual layout (data/,
    answer_templates/, output/). No project found is an error saying what to do.
    """
    environ = os.environ if environ is None else environ
    if folder is None and environ.get(HOME_VARIABLE):
        folder = Path(environ[HOME_VARIABLE]).expanduser()
        option, given = HOME_VARIABLE, f"{HOME_VARIABLE}={folder}"
    else:
        option, given = "--project", f"--project {folder}"
    if folder is not None:
        folder = Path(folder)
        check_path(folder, what=option)
        if not folder.is_dir():
            raise DataError(_("{given}: there is no such folder").format(given=given), file=display_path(folder),
                            hint=_("Give the folder of a drafter project (the one holding drafter.toml), "
                                   "or make one with `drafter init FOLDER`."))
        file = folder / PROJECT_FILE
        return read_project(file) if os.path.lexists(file) else Project.at(folder.resolve())
    start = Path.cwd() if start is None else Path(start)
    file = find_project_file(start)
    if file is None:
        raise DataError(
            _("the folder {folder} is not in a drafter project: there is no {file} in it or in any folder above "
              "it").format(folder=start.resolve(), file=PROJECT_FILE),
            hint=_("Go to a project folder, give one with --project FOLDER, or make one with `drafter init`."),
        )
    return read_project(file)


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


#: The TOML reader's own phrases a project file's author meets most, as whole phrases of the
#: catalog: the reader writes them in English only. A phrase not listed is shown as written.
_TOML_PHRASES = tuple((re.compile(pattern), words) for pattern, words in (
    (r"Expected '=' after a key in a key/value pair", N_("Expected '=' after a key in a key/value pair")),
    (r"Invalid value", N_("Invalid value")),
    (r"Invalid statement", N_("Invalid statement")),
    (r"Unterminated string", N_("Unterminated string")),
    (r"Unclosed array", N_("Unclosed array")),
    (r"Expected ']' at the end of a table declaration", N_("Expected ']' at the end of a table declaration")),
    (r"Invalid initial character for a key part", N_("Invalid initial character for a key part")),
    (r"Cannot overwrite a value", N_("Cannot overwrite a value")),
    (r"Cannot declare (?P<key>.+) twice", N_("Cannot declare {key} twice")),
))


def _toml_words(phrase: str) -> str:
    """The TOML reader's phrase in the language in use, where the catalog has it."""
    for pattern, words in _TOML_PHRASES:
        found = pattern.fullmatch(phrase)
        if found:
            return _(words).format(**found.groupdict())
    return phrase


def read_project(file: Path) -> Project:
    """The project described by a drafter.toml; a mistake in it names the file and line."""
    import tomllib  # only a project with a drafter.toml pays for it, not --help

    shown = display_path(file)
    data = read_bytes(file, MAX_PROJECT_FILE_BYTES, what=_("project file"),
                      missing_hint=_("Check that it exists and that you may read it."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(_("the project file is not UTF-8 text"), file=shown,
                        place=places.line(data[:exc.start].count(b"\n") + 1),
                        hint=_("Save it as UTF-8 (in most editors: 'Save as', encoding UTF-8).")) from exc
    try:
        settings = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_PLACE.search(str(exc))
        message = _toml_words(_TOML_PLACE.sub("", str(exc)).strip())
        line = text.splitlines()[int(found.group(1)) - 1] if found and int(found.group(1)) <= len(text.splitlines()) else ""
        if "\\" in line and '"' in line:  # a Windows path in double quotes, where '\' starts a code
            raise DataError(_("this is not valid TOML: in double quotes, '\\' starts a code ({message})").format(
                message=message), file=shown, place=places.line(int(found.group(1))),
                hint=_("Write the path with / or in single quotes, e.g. register = 'data\\questions.yaml'.")) from exc
        raise DataError(_("this is not valid TOML: {message}").format(message=message), file=shown,
                        place=places.line(int(found.group(1))) if found else None,
                        hint=_('Write each setting as name = "value", under [paths] or [house_style].')) from exc
    for key, value in settings.items():
        if key == LANGUAGE_SETTING:
            _check_language(value, shown, _line_of(text, key))
        elif key not in SECTIONS or not isinstance(value, dict):
            raise DataError(_("unknown setting {key!r}").format(key=key), file=shown, place=_line_of(text, key),
                            hint=_("A project file has the tables [paths], [house_style] and [check]; "
                                   "see docs/templates.md, 'The project file'."))
    for key, value in settings.get("paths", {}).items():
        if key not in LOCATIONS:
            raise DataError(_("[paths] has no setting {key!r}").format(key=key), file=shown, place=_line_of(text, key),
                            hint=_("It may set: {keys}.").format(keys=", ".join(LOCATIONS)))
        if not isinstance(value, str) or not value.strip():
            raise DataError(_("[paths] {key} must be a path in quotes").format(key=key), file=shown,
                            place=_line_of(text, key),
                            hint=_('For example: {key} = "{path}" (relative to this file).').format(
                                key=key, path=LOCATIONS[key]))
    for key, value in settings.get("house_style", {}).items():
        if not isinstance(value, str):
            raise DataError(_("[house_style] {key} must be a text in quotes").format(key=key), file=shown,
                            place=_line_of(text, key),
                            hint=_('For example: {key} = "..." ; see docs/templates.md, "House style and '
                                   'language".').format(key=key))
    for key, value in settings.get("check", {}).items():
        if key not in CHECK_KEYS:
            raise DataError(_("[check] has no setting {key!r}").format(key=key), file=shown, place=_line_of(text, key),
                            hint=_("It may set: {keys}.").format(keys=", ".join(CHECK_KEYS)))
    check = settings.get("check", {})
    problem = _gap_markers_problem(check["gap_markers"]) if "gap_markers" in check else None
    if problem:
        raise DataError(_("[check] gap_markers: {problem}").format(problem=problem), file=shown,
                        place=_line_of(text, "gap_markers"),
                        hint=_('Write a list of texts in quotes, e.g. gap_markers = ["XXX", "[invullen]"].'))
    return Project.at(file.parent.resolve(), settings, file.resolve())


def _check_language(value, shown: str, place: str | None) -> None:
    if not isinstance(value, str) or i18n.spoken(value) != value.split("_")[0].lower():
        raise DataError(_("language = {value}: drafter does not speak this language").format(value=value_shown(value)),
                        file=shown, place=place,
                        hint=_('Write one of: {languages} (e.g. language = "nl").').format(
                            languages=", ".join(i18n.languages())))


def _gap_markers_problem(markers) -> str | None:
    """What is wrong with a [check] gap_markers value, or None."""
    if not isinstance(markers, list):
        return _("it must be a list of texts, not a single value")
    if len(markers) > MAX_GAP_MARKERS:
        return _("it lists {count} markers; at most {limit} are allowed").format(count=len(markers),
                                                                                  limit=MAX_GAP_MARKERS)
    for marker in markers:
        if not isinstance(marker, str) or not marker.strip():
            return _("{value} is not a text; every marker is a text of at least one letter, digit or sign").format(
                value=value_shown(marker))
        if len(marker) > MAX_GAP_MARKER_LENGTH:
            return _("the marker {start!r}... is {length} characters long; at most {limit} are allowed").format(
                start=marker[:20], length=len(marker), limit=MAX_GAP_MARKER_LENGTH)
        if any(ord(c) < 32 for c in marker):
            return _("the marker {value!r} holds a control character (a tab or a line break)").format(value=marker)
    return None


def _line_of(text: str, key: str) -> str | None:
    for n, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*\[?\s*{re.escape(key)}\s*[\]=]", line):
            return places.line(n)
    return None


def locate(project: Path | None = None, *, register: Path | None = None, templates: Path | None = None,
           output: Path | None = None, writes: bool = True, templates_used: bool = True) -> Project:
    """The project of a command, with what its options say instead (--register, --templates,
    --output; writes=False: a command that writes nothing needs no output folder;
    templates_used=False: one that renders nothing needs no templates). With all that a
    command uses given, no project is needed; with --register the project is also looked for
    from the register's folder when the current folder is in none."""
    given = (register,) + ((templates,) if templates_used else ()) + ((output,) if writes else ())
    if project is None and None not in given:
        found = Project.at(Path(register).resolve().parent)
    else:
        try:
            found = find_project(project)
        except DataError:
            if project is not None or register is None:
                raise
            file = find_project_file(Path(register).parent)
            if file is None:
                raise
            found = read_project(file)
    located = replace(
        found,
        register=Path(register) if register is not None else found.register,
        templates=Path(templates) if templates is not None else found.templates,
        output=Path(output) if output is not None else found.output,
    )
    if templates_used and located.templates.is_file():  # a folder that is not there is said where a template is read
        option = "--templates" if templates is not None else _("[paths] templates in drafter.toml,")
        raise DataError(_("{option} {folder} is a file, not a folder").format(
                            option=option, folder=display_path(located.templates)),
                        hint=_("Give the folder that holds the Word templates (.docx), e.g. --templates "
                               "answer_templates."))
    if writes:
        check_output_folder(located, given=output is not None)
    return located


def check_output_folder(project: Project, *, given: bool = True) -> None:
    """A command writes answers (and annotated copies) only in an output folder of their own:
    never in the templates folder or the register's data folder, where a file drafter wrote
    would be taken for an input (a template, a data file)."""
    folder = project.output.parent if project.output.suffix.lower() == ".docx" else project.output
    try:
        folder = folder.resolve()
        # (the folder, what it is, whether its subfolders are refused too: data/ may hold an output folder)
        inputs = ((project.templates.resolve(), _("the templates folder"), True),
                  (project.register.resolve().parent, _("the data folder (beside the register)"), False))
    except (OSError, RuntimeError):  # a path that cannot be resolved: writing there says what is wrong
        return
    for place, what, below in inputs:
        if folder == place or below and place in folder.parents:
            option = "--output" if given else _("[paths] output in drafter.toml,")
            raise DataError(_("{option} {folder} is in {what}: drafter writes answers in an output folder of "
                              "their own, never among its inputs").format(
                                  option=option, folder=display_path(project.output), what=what),
                            hint=_("Give another folder, e.g. --output antwoorden."))


def project_of(file: Path) -> Project:
    """The project a file (a register) belongs to: the first drafter.toml from its folder
    upwards; else the project of the current folder (or DRAFTER_HOME)."""
    found = find_project_file(Path(file).parent)
    return read_project(found) if found is not None else find_project()


def answer_target(output: Path, file_name: str, *, given: bool, windows: bool = os.name == "nt") -> Path:
    """Where an answer goes: output/file_name, or output itself when the user named a .docx.

    A name the user gave must be safe on Windows too (answers travel to colleagues' PCs); on
    Windows the whole path must be one Word can open."""
    target = output / file_name
    if given and output.suffix.lower() == ".docx":
        problem = windows_name_problem(output.name)
        if problem:
            raise DataError(_("--output {output}: this file name cannot be used on Windows: {problem}").format(
                output=output, problem=problem), hint=_("Choose another name, e.g. --output antwoord-vraag-4.docx."))
        target = output
    if windows:
        full = PureWindowsPath(os.path.abspath(target))
        if len(str(full)) > WINDOWS_MAX_PATH:
            raise DataError(_("the answer's path would be {length} characters long; Word on Windows opens paths of "
                              "at most {limit}").format(length=len(str(full)), limit=WINDOWS_MAX_PATH), file=str(full),
                            hint=_("Move the project to a folder with a shorter path, or use --output with a shorter "
                                   "folder."))
    return target


def house_style_place(project_file: Path, key: str) -> str | None:
    """The line of a [house_style] key in a project file, for a message about its value."""
    try:
        return _line_of(read_bytes(project_file, MAX_PROJECT_FILE_BYTES).decode("utf-8-sig"), key)
    except (DataError, UnicodeDecodeError):  # read_project said what is wrong with the file
        return None


# -- file names


def windows_name_problem(name: str) -> str | None:
    """Why Windows would refuse or mishandle this file name, or None when it is safe."""
    if not name or name in (".", ".."):
        return _("it is empty")
    if len(name) > MAX_NAME:
        return _("it is {length} characters long, more than the {limit} a file name may have").format(
            length=len(name), limit=MAX_NAME)
    bad = sorted({c for c in name if c in WINDOWS_FORBIDDEN or ord(c) < 32})
    if bad:
        return _("it holds {characters}, which Windows does not allow in a file name").format(
            characters=", ".join(repr(c) for c in bad))
    if name[-1] in ". ":
        return _("it ends with a dot or a space, which Windows drops")
    if name.split(".")[0].strip().upper() in WINDOWS_RESERVED:
        return _("{name!r} is a name Windows reserves for a device").format(name=name.split(".")[0])
    return None


def windows_path_problem(path: PurePath) -> str | None:
    """Why Windows (and Word there) would not handle this path, or None.

    Pure path logic: the path is checked as a Windows path, whatever system runs drafter."""
    win = PureWindowsPath(path)
    parts = [p for p in win.parts if p != win.anchor]
    for part in parts:
        problem = windows_name_problem(part)
        if problem:
            return _("{part!r}: {problem}").format(part=part, problem=problem)
    if len(str(win)) > WINDOWS_MAX_PATH:
        return _("the path is {length} characters long; Word on Windows opens paths of at most {limit}").format(
            length=len(str(win)), limit=WINDOWS_MAX_PATH)
    return None


#: The longest file name drafter gives an answer (its extension included): Word on Windows opens
#: paths of at most 259 characters, and an answer's folder takes its share.
MAX_FILE_NAME = 120


def safe_file_name(name: str, max_length: int = MAX_FILE_NAME) -> str:
    """name made safe on every file system: forbidden characters become '-', no trailing
    dots or spaces, not a reserved device name, at most max_length characters (the
    extension kept)."""
    stem, suffix = os.path.splitext(name.rstrip(". ") or "-")
    clean = _FORBIDDEN_CHARACTER.sub("-", stem)
    clean = clean[: max(1, max_length - len(suffix))].rstrip(". ") or "-"
    first, dot, rest = clean.partition(".")
    if first.strip().upper() in WINDOWS_RESERVED:  # CON -> CON-, aux.tar -> aux-.tar
        clean = f"{first.rstrip()}-{dot}{rest}"
    return clean + suffix


#: What a file-name pattern (the register's `file_name:`) may hold, in braces.
FILE_NAME_FIELDS = (
    "zittingsjaar",  # 2019-2020
    "number",        # 4
    "title",         # the question's title (at most 60 characters of it)
    "date",          # the date the question was asked, 2019-10-07 (empty when unknown)
    "asker",         # the askers' names
    "minister",      # the minister's name
    "answer",        # the word for "answer" in the answer's language: antwoord, reponse, answer
    "question",      # the word for "question": vraag, question
)
#: The file name of an answer when the register gives no pattern: the Flemish one, in Dutch.
DEFAULT_FILE_NAME = "antwoord-{zittingsjaar}-vraag-{number}-{title}"
_TITLE_LENGTH = 60


def slug(text: str, length: int | None = None) -> str:
    """'Bedrijfsclusters - Subsidies' -> 'bedrijfsclusters-subsidies': ASCII, safe on every file system."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    out = _NOT_IN_SLUG.sub("-", ascii_text.lower()).strip("-")
    return out[:length].strip("-") if length else out


#: What a slug does not keep of an ASCII text in lower case (all but its letters and digits): one '-' a stretch.
_NOT_IN_SLUG = re.compile("[^a-z0-9]+")


def answer_file_name(zittingsjaar: str, number: int, title: str, pattern: str = DEFAULT_FILE_NAME,
                     **fields: str) -> str:
    """The file name of an answer: says which question it is, safe on every file system.

    pattern: the register's `file_name:` (fields in braces, see FILE_NAME_FIELDS); every
    field and the pattern's own text are made ASCII, lower case, '-' between words.
    """
    values = {name: "" for name in FILE_NAME_FIELDS}
    values.update({k: slug(v) for k, v in fields.items()})
    values.update(zittingsjaar=slug(zittingsjaar), number=str(number), title=slug(title, _TITLE_LENGTH))
    values["answer"] = values["answer"] or "antwoord"
    values["question"] = values["question"] or "vraag"
    return safe_file_name(slug(pattern.format(**values)) + ".docx")


#: The general template: answers any question from its register entry (a new question's default).
GENERAL_TEMPLATE = "algemeen.docx"

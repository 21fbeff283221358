"""`drafter init`: a new project folder, made from the example project that comes with drafter.

The example is the checkout's own project -- its drafter.toml, data/ (register, data,
notes) and answer_templates/ -- which the wheel carries as package data in
``drafter/example/`` (see setup.py). Run from a checkout, the checkout itself is the example.
The new project gets an empty output folder. With ``empty``, the project has the example's
house style (drafter.toml) and templates, and a register without questions (`EMPTY_REGISTER`:
one example entry in comments), for a cabinet that starts its own follow-up list.

Nothing that exists is replaced: a folder that already holds any of the files is refused
before anything is written, and the files are copied under temporary names and renamed into
place, with the permissions the user's umask gives any new file. A folder of the new project
that is a symbolic link leading out of it (data/ linked to a shared folder) is refused: init
writes inside the folder it was given, nowhere else.
"""

from __future__ import annotations

import os
import re
import shutil
import textwrap
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from drafter import i18n, paths
from drafter.errors import DataError, OutputError, display_path, readable
from drafter.files import check_path
from drafter.i18n import N_, _
from drafter.write.output import link_new, staged

#: What a project folder holds, as in the example: the project file and these folders.
EXAMPLE_FOLDERS = ("data", "answer_templates")
#: Files of the example that are not copied: caches, editors' leftovers, the register's lock file and
#: files half-written by a run that was killed.
SKIPPED = ("__pycache__", "*.pyc", ".~lock.*", "~$*", ".DS_Store", "Thumbs.db", ".*.lock", ".*.part")


#: The register of a project made with --empty: the example's settings, no questions, and an
#: entry in comments to copy (tests/commands/test_init_empty.py keeps it an entry drafter answers).
EMPTY_REGISTER = """\
# Register of written questions and their draft answers.
#
# One entry per question, under 'questions:'. A question is identified by (zittingsjaar,
# minister, number). `drafter intake SOURCE` adds one from the parliament's open data or from
# its question document; or copy the example below under 'questions:', remove the '#' before
# each of its lines and fill it in. Facts that are not known stay visibly unknown: "N.N." for a
# person, no date. docs/templates.md says what every key means.
locale: nl_BE

# An entry looks like this:
#
#  - zittingsjaar: 2024-2025
#    number: 12
#    date: 2024-10-03
#    asker: An Van den Bossche
#    minister:
#      name: Caroline Gennez
#      title: Vlaams minister van Welzijn en Armoedebestrijding, Cultuur en Gelijke Kansen
#    title: Kinderopvang - Wachtlijsten
#    template: algemeen.docx
#    introduction: >-
#      Ouders zoeken vaak lang naar een plaats in de kinderopvang.
#    subquestions:
#      1: Hoeveel kinderen stonden op 1 september 2024 op een wachtlijst?
#    answer:
#      parts:
#        - number: 1
#          text: '[antwoord nog te schrijven]'
questions: []
"""

#: The comments of the files init writes for people to edit (the example's drafter.toml, the
#: empty register), each paragraph whole, for the catalog: `spoken_comments` writes them in the
#: language in use. tests/commands/test_init_empty.py fails when one is missing here.
COMMENTS = (
    N_("A drafter project. drafter finds this file from the folder you work in, or any folder below it (or give "
       "--project FOLDER). Paths are relative to this file."),
    N_("the register of questions; its data files are beside it"),
    N_("the Word templates"),
    N_("where answers are written"),
    N_("The house style of every answer. The register, and each question in it, may set any of these again (this "
       "example's register sets its locale, nl_BE: number and date formats and the language). The keys and their "
       "values: docs/templates.md, \"House style and language\"."),
    N_("45% (\"symbol\") or 45 procent (\"word\")"),
    N_("2,5 -> 3 (\"half_up\") or 2 (\"half_even\")"),
    N_("(1) after the value; or \"superscript\", or \"footnotes\""),
    N_("a series per table (\"table\") or one for the whole answer (\"document\")"),
    N_("Register of written questions and their draft answers."),
    N_("One entry per question, under 'questions:'. A question is identified by (zittingsjaar, minister, number). "
       "`drafter intake SOURCE` adds one from the parliament's open data or from its question document; or copy "
       "the example below under 'questions:', remove the '#' before each of its lines and fill it in. Facts that "
       "are not known stay visibly unknown: \"N.N.\" for a person, no date. docs/templates.md says what every key "
       "means."),
    N_("An entry looks like this:"),
)
LANGUAGE_COMMENT = N_("the language drafter speaks here (--lang for one run)")

#: The width a translated paragraph of comments is wrapped to, at least (that of the example's).
WRAP = 90
#: A comment after a setting, on its line: `output = "output"   # where answers are written`.
_AFTER_VALUE = re.compile(r"^(?P<code>[^#\s][^#]*?)(?P<gap>\s+#\s)(?P<comment>\S.*)$")


def spoken_comments(text: str) -> str:
    """A TOML or YAML text with its comments in the language in use: each paragraph of comment
    lines translated whole and wrapped again to the width it had, each comment after a value
    translated; a comment the catalog does not hold (the example entry) stays as it is."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if block:
            paragraph = " ".join(line[1:].strip() for line in block)
            spoken = _(paragraph)
            if spoken == paragraph:
                out.extend(block)
            else:
                width = max(WRAP, *(len(line) for line in block))
                out.extend(textwrap.wrap(spoken, width=width, initial_indent="# ", subsequent_indent="# ",
                                         break_long_words=False, break_on_hyphens=False))
            block.clear()

    for line in text.split("\n"):
        if line.startswith("# "):
            block.append(line)
            continue
        flush()
        after = _AFTER_VALUE.match(line)
        if after:
            line = after["code"] + after["gap"] + _(after["comment"])
        out.append(line)
    flush()
    return "\n".join(out)


@dataclass(frozen=True)
class NewProject:
    root: Path
    files: tuple[Path, ...]


def example_folder() -> Path:
    """Where the example project is: in the installed package, or (in a checkout) the checkout."""
    packaged = resources.files("drafter") / "example"
    if packaged.is_dir() and (packaged / paths.PROJECT_FILE).is_file():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / paths.PROJECT_FILE).is_file() and all((checkout / f).is_dir() for f in EXAMPLE_FOLDERS):
        return checkout
    raise DataError(_("the example project is missing from this installation of drafter"),
                    hint=_("Reinstall drafter from its wheel (pipx install --force ...)."))


def example_files(example: Path) -> list[Path]:
    """The example's files, relative to it: the project file, then data/ and answer_templates/."""
    ignore = shutil.ignore_patterns(*SKIPPED)
    found = [Path(paths.PROJECT_FILE)]
    for folder in EXAMPLE_FOLDERS:
        for dirpath, dirnames, filenames in os.walk(example / folder):
            skipped = ignore(dirpath, dirnames + filenames)
            dirnames[:] = sorted(d for d in dirnames if d not in skipped)
            for name in sorted(filenames):
                if name not in skipped:
                    found.append((Path(dirpath) / name).relative_to(example))
    return found


def create_project(folder: Path, *, empty: bool = False) -> NewProject:
    """Copy the example into folder (made if need be) and add an empty output folder; with
    `empty`, only its project file and templates, and a register without questions."""
    folder = Path(folder)
    check_path(folder, OutputError, what=_("the folder"))  # a name longer than the system allows
    problem = paths.windows_path_problem(folder.resolve())
    if problem and os.name == "nt":
        raise OutputError(_("this folder cannot be used on Windows: {problem}").format(problem=problem),
                          file=display_path(folder),
                          hint=_("Choose a shorter folder name without reserved names or special characters."))
    if folder.exists() and not folder.is_dir():
        raise OutputError(_("this is a file, not a folder"), file=display_path(folder),
                          hint=_("Give the name of a new or an existing folder."))
    example = example_folder()
    settings = paths.read_project(example / paths.PROJECT_FILE)
    register = settings.register.relative_to(example.resolve())
    output = settings.output.relative_to(example.resolve())
    sources: dict[Path, Path | bytes] = {rel: example / rel for rel in example_files(example)}
    if empty:
        templates = settings.templates.relative_to(example.resolve())
        sources = {rel: source for rel, source in sources.items()
                   if rel == Path(paths.PROJECT_FILE) or rel.is_relative_to(templates)}
        sources[register] = spoken_comments(EMPTY_REGISTER).encode("utf-8")
    project_file = Path(paths.PROJECT_FILE)
    new_register = sources.get(register)
    sources[project_file] = _with_language(
        spoken_comments((example / project_file).read_bytes().decode("utf-8")).encode("utf-8"), settings,
        new_register if isinstance(new_register, bytes) else new_register.read_bytes() if new_register else b"")
    root = folder.resolve()
    for rel in [*sources, output]:
        _inside(root, folder, rel)
    taken = [f for f in sources if os.path.lexists(root / f)]
    if taken:
        shown = ", ".join(f.as_posix() for f in taken[:5]) + (" ..." if len(taken) > 5 else "")
        raise OutputError(_("this folder already holds files of a project ({files}); nothing was written").format(
                          files=shown), file=display_path(folder),
                          hint=_("Choose an empty or new folder: drafter init never replaces a file."))
    written: list[Path] = []
    try:
        for rel, source in sources.items():
            written.append(_copy(source if isinstance(source, bytes) else source.read_bytes(), root / rel))
        (root / output).mkdir(parents=True, exist_ok=True)
    except OutputError:
        for path in written:  # leave no half-made project behind
            path.unlink(missing_ok=True)
        raise
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise OutputError(_("cannot write the project ({reason})").format(reason=readable(exc)),
                          file=display_path(exc.filename or folder),
                          hint=_("Check that the folder is writable and the disk is not full.")) from exc
    return NewProject(root, tuple(written))


def _with_language(project_file: bytes, settings: paths.Project, register: bytes) -> bytes:
    """The project file, saying the language of the new register's locale (nl_BE: nl) when it
    says none, so that drafter speaks to the project's people in their language."""
    import yaml

    if settings.language is not None:
        return project_file
    try:
        content = yaml.safe_load(register.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError):  # `drafter check` reports it in the new project
        return project_file
    locale = content.get("locale") if isinstance(content, dict) else None
    language = i18n.spoken(locale) if isinstance(locale, str) else None
    if language is None or language == i18n.SOURCE_LANGUAGE:
        return project_file
    line = f'{paths.LANGUAGE_SETTING} = "{language}"  # {_(LANGUAGE_COMMENT)}\n\n'
    return line.encode("utf-8") + project_file


def _inside(root: Path, folder: Path, rel: Path) -> None:
    """Refuse a folder (or file) on the way to root/rel that is a symbolic link leading out of
    the new project: init would write where the link leads, outside the folder it was given."""
    path = root
    for part in rel.parts:
        path = path / part
        if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(root):
            raise OutputError(_("{name} is a link to {target}, outside the new project; drafter init writes only "
                                "inside the project's folder, so nothing was written").format(
                name=path.relative_to(root).as_posix(), target=os.path.realpath(path)),
                file=display_path(folder),
                hint=_("Remove the link (or choose another folder), then run drafter init again."))


def _copy(data: bytes, target: Path) -> Path:
    """data at target, whole, only if target is still free."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with staged(target.parent, target.name, data) as tmp:
        if not link_new(tmp, target):
            raise OutputError(_("this file appeared while drafter made the project; it is left alone"),
                              file=display_path(target), hint=_("Choose an empty or new folder."))
    return target

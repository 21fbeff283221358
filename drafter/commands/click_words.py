"""Click's and Typer's own words ("Usage:", "Options", "Missing option", ...) in drafter's language.

Two kinds of words, two ways:
- Texts Click and Typer mark for gettext: they look them up with the standard library's
  `gettext.gettext`/`ngettext` (domain "messages", language from the environment), imported
  into each of their modules as `_` and `ngettext`. `speak_for_click` points those names at
  drafter's translation layer, so that they come from drafter's catalog, in the language
  drafter speaks in this context. WORDS lists those a user of drafter can meet, so that the
  catalog holds them.
- Texts written as plain English in the Click that Typer carries (Typer 0.28 and later): the
  usage line's prefix and the help option's text are given by drafter's command classes
  (commands/cli.py), and a usage error's message is read back with USAGE_ERRORS and said
  again in drafter's language (`usage_message`); one that matches none stays as Click wrote it.
"""

from __future__ import annotations

import gettext
import re
import sys

from drafter import i18n
from drafter.i18n import N_, Nn_

#: The modules of Click and Typer that look up their words with gettext.
MODULES = ("click.core", "click.decorators", "click.exceptions", "click.formatting", "click.parser",
           "click.termui", "click.types", "click.utils", "typer.core")

WORDS = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("Show this message and exit."),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    Nn_("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    Nn_("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_("Option {name!r} does not take a value."),
    Nn_("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    Nn_("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("Could not open file {filename!r}: {message}"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("deprecated"),
    N_("Aborted!"),
    N_("Show the version and exit."),
)

#: A usage error's message as Click/Typer write it in English, and the same in drafter's catalog
#: (named groups are the placeholders). Tried in order, each on what the ones before left.
USAGE_ERRORS = (
    (re.compile(r"(?P<message>.+?)\.? Did you mean (?P<suggestions>.+)\?"), N_("{message}. Did you mean {suggestions}?")),
    (re.compile(r"No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)"),
     N_("No such option: {name} (did you mean: {options}?)")),
    (re.compile(r"No such option: (?P<name>\S+)"), N_("No such option: {name}")),
    (re.compile(r"No such command (?P<name>.+?)\.?"), N_("No such command {name}.")),
    (re.compile(r"Missing option (?P<name>.+)\."), N_("Missing option {name}.")),
    (re.compile(r"Missing argument (?P<name>.+)\."), N_("Missing argument {name}.")),
    (re.compile(r"Invalid value for (?P<name>.+?): (?P<message>.+)"), N_("Invalid value for {name}: {message}")),
    (re.compile(r"Option (?P<name>'[^']+') requires an argument\."), N_("Option {name} needs a value.")),
    (re.compile(r"Option (?P<name>'[^']+') does not take a value\."), N_("Option {name} does not take a value.")),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<arguments>.+)\)"),
     N_("Got unexpected extra argument(s) ({arguments})")),
    (re.compile(r"(?P<value>'.*') is not a valid int(?:eger)?(?: range)?\."), N_("{value} is not a whole number.")),
    (re.compile(r"(?P<value>'.*') is not one of (?P<choices>.+)\."), N_("{value} is not one of {choices}.")),
    (re.compile(r"(?P<value>'.*') is not (?P<choice>'.*')\."), N_("{value} is not {choice}.")),
)


def usage_message(message: str) -> str:
    """A usage error's message (as Click wrote it) in the language in use."""
    for pattern, text in USAGE_ERRORS:
        found = pattern.fullmatch(message)
        if found:
            parts = {k: usage_message(v) if k == "message" else v for k, v in found.groupdict().items()}
            return i18n._(text).format(**parts)
    return message


def speak_for_click() -> None:
    """Click's and Typer's gettext lookups go through drafter's translation layer.

    Only a name that is still the standard library's function is replaced, so that calling
    this again, or a Click that stops using gettext, changes nothing.
    """
    for name in MODULES:
        module = sys.modules.get(name)  # only those Typer uses (loaded); a Click it does not use stays unloaded
        if module is None:
            continue
        if getattr(module, "_", None) is gettext.gettext:
            module._ = i18n._
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = i18n.ngettext

"""The language of a run of the command line, read before Click parses it: Click's first word,
the help and every message are said in it, and worker processes that start afresh are told it."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from drafter import i18n


def _given(args: list[str], option: str) -> Optional[str]:
    """The value of `option` (--lang nl, --lang=nl) in the command line, read before Click parses
    it: the language must be known before Click prints its first word."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == option and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(option + "="):
            return arg[len(option) + 1:]
    return None


def language_of(args: list[str], environ) -> str:
    """The language of a run: --lang, else the project's drafter.toml, else the environment's."""
    from drafter.errors import DrafterError
    from drafter.paths import find_project

    project = _given(args, "--project")
    try:
        configured = find_project(Path(project) if project else None, environ=environ).language
    except DrafterError:  # no project, or a broken drafter.toml: the command itself says so
        configured = None
    return i18n.choose(_given(args, "--lang"), configured, environ)

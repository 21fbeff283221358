"""The command line's start: `drafter ...` runs `main`, which gives the arguments to the
commands' Typer application (drafter/commands.py).

The help is kept between runs: `drafter --help` and `drafter COMMAND --help` print what
Typer printed the last time it was asked the same, without importing Typer (0.1 s of a
0.15 s start). A text is kept with all it was made from, and used only while all of that
is the same:
- the source of drafter's modules loaded when Typer printed it (commands, cli), byte for byte;
- typer's files, with the click it holds (or click's, where it is a package of its own):
  names, sizes and times; and the interpreter's version;
- the arguments, and how the program was started (sys.argv[0], __main__'s package), which
  give the program's name in "Usage: ...";
- the terminal's width, as click reads it, and the environment variables that click, typer
  and gettext read.
Only a help Typer ended with exit code 0, in plain ASCII, is kept: every console and encoding
shows Typer's text and the kept one alike.
"""

import os
import sys

import drafter

_HELP_FILE = drafter.kept_file("cli.help")
#: Beyond this many texts (terminal widths, commands), keep only the new one.
_HELP_LIMIT = 200
#: The environment variables the help can depend on: click's and typer's own, the terminal's
#: size (shutil.get_terminal_size), gettext's language, and rich's (typer looks at them).
_HELP_ENVIRONMENT = ("COLUMNS", "LINES", "TERM", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR",
                     "FORCE_COLOR", "PY_COLORS", "GITHUB_ACTIONS", "TERMINAL_WIDTH")
_HELP_ENVIRONMENT_PREFIXES = ("TYPER", "_TYPER", "CLICK", "_CLICK")
#: The libraries that make the help; their files are part of its key.
_HELP_LIBRARIES = ("typer", "click")


def main() -> None:
    args = sys.argv[1:]
    key = _help_key(args) if _is_help(args) else None
    if key is not None:
        _print_help(key)
    else:
        from drafter.commands import app

        _only_the_command(app, args)()


def _only_the_command(app, args: list[str]):
    """The application with only the command asked for: Typer makes each command's Click
    command before it runs one (8 commands, 7 ms). The whole one where the other commands are
    wanted: no command named (drafter --version), an unknown one (click proposes the names),
    and shell completion."""
    import copy

    from typer.main import get_command_name

    if not args or any(name.endswith("_COMPLETE") for name in os.environ):
        return app
    chosen = [c for c in app.registered_commands if (c.name or get_command_name(c.callback.__name__)) == args[0]]
    if len(chosen) != 1:
        return app
    only = copy.copy(app)  # the module's own application stays whole
    only.registered_commands = chosen
    return only


def _is_help(args: list[str]) -> bool:
    return args == ["--help"] or (len(args) == 2 and args[1] == "--help" and args[0].isidentifier())


def _help_key(args: list[str]) -> tuple | None:
    """What the help depends on besides the files (see the module's doc); None when the help
    is not what the arguments ask for: click completes a command line instead."""
    import shutil

    environment = []
    for name, value in os.environ.items():
        if name.endswith("_COMPLETE"):  # click's _DRAFTER_COMPLETE (or under another program name)
            return None
        if name in _HELP_ENVIRONMENT or name.startswith(_HELP_ENVIRONMENT_PREFIXES):
            environment.append((name, value))
    main_module = sys.modules.get("__main__")
    started = (sys.argv[0], getattr(main_module, "__package__", None), os.name,
               os.path.exists(sys.argv[0]), os.path.exists(f"{sys.argv[0]}.exe"))
    return tuple(args), started, shutil.get_terminal_size().columns, tuple(sorted(environment))


def _made_of(files: tuple, folders: tuple) -> tuple:
    """The state of the files and folders a help text was made from, to compare with now."""
    sources = []
    for file in files:
        try:
            with open(file, "rb") as f:
                sources.append(f.read())
        except OSError:
            sources.append(None)
    listings = []
    for folder in folders:
        found = []
        for root, subfolders, names in os.walk(folder):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                if name.endswith(".py"):
                    try:
                        st = os.stat(os.path.join(root, name))
                    except OSError:
                        continue
                    found.append((os.path.relpath(os.path.join(root, name), folder), st.st_size, st.st_mtime_ns))
        listings.append(tuple(found))
    return sys.version, tuple(sources), tuple(listings)


def _read_help_file():
    """(files, folders, their state, {key: text}), or None."""
    kept = drafter.read_kept(_HELP_FILE)
    if isinstance(kept, tuple) and len(kept) == 4 and isinstance(kept[3], dict):
        return kept
    return None


def _kept_help(key: tuple) -> str | None:
    kept = _read_help_file()
    if kept is None:
        return None
    files, folders, state, texts = kept
    text = texts.get(key)
    if not isinstance(text, str) or _made_of(files, folders) != state:
        return None
    return text


def _print_help(key: tuple) -> None:
    """The kept help; else Typer's, printed as Typer prints it, then kept."""
    text = _kept_help(key)
    if text is not None:
        sys.stdout.write(text)
        sys.stdout.flush()
        raise SystemExit(0)  # as Typer ends after its help
    import contextlib
    import io

    from drafter.commands import app

    printed = io.StringIO()
    ended = False  # not by an exception (Ctrl-C) while it printed
    try:
        with contextlib.redirect_stdout(printed):
            app()
        ended = True
    except SystemExit as exc:
        ended = exc.code in (0, None)
        raise
    finally:
        text = printed.getvalue()
        sys.stdout.write(text)
        sys.stdout.flush()
        if ended and text.isascii():
            _keep_help(key, text)


def _keep_help(key: tuple, text: str) -> None:
    files = tuple(sorted({module.__file__ for name, module in list(sys.modules.items())
                          if (name == "drafter" or name.startswith("drafter."))
                          and getattr(module, "__file__", None)}))
    folders = tuple(os.path.dirname(sys.modules[name].__file__) for name in _HELP_LIBRARIES
                    if getattr(sys.modules.get(name), "__file__", None))
    state = _made_of(files, folders)
    kept = _read_help_file()
    texts = kept[3] if kept is not None and kept[:3] == (files, folders, state) else {}
    if len(texts) >= _HELP_LIMIT:
        texts = {}
    texts[key] = text
    drafter.keep(_HELP_FILE, (files, folders, state, texts))


def __getattr__(name: str):
    """The commands' application and functions, as drafter.cli.app and drafter.cli.answer."""
    if name.startswith("__"):  # Python's own questions (`from drafter.cli import main` asks for __path__)
        raise AttributeError(name)
    from drafter import commands

    return getattr(commands, name)


if __name__ == "__main__":
    main()

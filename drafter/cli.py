"""The command line's start: `drafter ...` runs `main`, which gives the arguments to the
commands' Typer application (drafter/commands.py)."""


def main() -> None:
    from drafter.commands import app

    app()


def __getattr__(name: str):
    """The commands' application and functions, as drafter.cli.app and drafter.cli.answer."""
    if name.startswith("__"):  # Python's own questions (`from drafter.cli import main` asks for __path__)
        raise AttributeError(name)
    from drafter import commands

    return getattr(commands, name)


if __name__ == "__main__":
    main()

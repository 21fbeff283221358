"""`python -m drafter ...` runs the command line, as the `drafter` program does."""

from drafter.commands.cli import main

main()

"""The commands, one module each, on top of the pipeline: `answer`, `batch`, `check`, `verify`,
`status`, `intake` and `init`.

Each module's functions do the command's work and return its result as plain data classes;
they print nothing and know nothing of options or exit codes, so that the command line and,
later, a web page call the same functions. `cli` is the one place of the command line's
wiring (Typer's options and help, what is printed, exit codes); `report` writes problems
and a batch's summary as text or JSON; `workers` starts the worker processes of `batch`
and `check`.
"""

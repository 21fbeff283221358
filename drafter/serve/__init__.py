"""`drafter serve`: the project as a local web page, for people who never open a terminal.

A thin layer over the commands (drafter/commands/): each page shows what a command returns
(the follow-up list is status's rows, the problems check's report, a draft is answer's file),
and each action calls the command's function. `security` checks every request, `project`
keeps the project loaded while its files are unchanged, `edit` writes the texts typed in the
page into the register (a lock, and a check that nobody changed the entry meanwhile), `app`
holds the routes; the pages are Jinja2 templates in templates/, with one CSS and one small
JavaScript file in static/ (no inline script, nothing from another site).
"""

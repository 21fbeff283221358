"""Stage 4, write: put finished answers on disk without ever destroying an edit.

`output` writes under a temporary name and renames into place, keeps edited answers
(the new draft beside them, or a backup with --force) and never replaces a foreign file;
`manifest` records a batch run; `pdf` converts answers with LibreOffice. Hands on what
was written, for the commands to report.
"""

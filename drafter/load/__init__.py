"""Stage 1, load: read and check what people wrote.

The register (`register`), the data files (`datasets`, read by `tabular` from CSV and XLSX
and by `yamlfile` from YAML) and what each must hold (`schema`). Every problem names its
file and line, row and column, or sheet and cell. Hands on plain data classes: a
`Register` of `Question`s, and data sets with their rows; nothing here knows Word.
"""

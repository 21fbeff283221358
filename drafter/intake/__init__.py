"""`drafter intake`: a written question from the parliament's open data or its document,
into the register.

`opendata` fetches (or reads a saved copy of) the parliament's record of the question,
`document` reads the question document (.docx, .pdf, .txt) in the official layout,
`question` holds what both give (a `NewQuestion`, unknown facts left visibly unknown), and
`register_edit` adds it to the register without touching anything else in the file.
`command` puts these together for the CLI.
"""

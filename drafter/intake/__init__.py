"""Reading a written question from its sources: the parliament's open data or its document.

`opendata` fetches (or reads a saved copy of) the parliament's record of the question,
`document` reads the question document (.docx, .pdf, .txt) in the official layout,
`question` holds what both give (a `NewQuestion`, unknown facts left visibly unknown), and
`entry` makes it the register's entry. Hands on a `NewQuestion` and its entry; the register's
editor (write/register) adds the entry, and commands/intake puts these together.
"""

"""Stage 2, view: what one answer shows, built from the loaded data.

`answer` builds an `AnswerView` for a question: the header, the answer parts, tables with
their figures formatted for the locale (`formatting`, Babel) and their notes numbered
(`notes`); texts and note texts are rendered in the strict sandboxed Jinja2 environment
(`jinja`), footnote calls become tokens (`footnotes`). `consistency` adds the warnings of
`drafter check` (sums, splits, unused notes). Hands on plain values for a template;
nothing here knows Word's XML.
"""

"""Stage 3, word: the Word template rendered with a view, and the package finished.

`template` compiles a .docx template once (docxtpl prepares the tags; the environment of
`drafter.view.jinja` renders them, `tables` writes the tables from data); `finish` runs the
passes over the rendered document, in the order it declares (kept-together tables, note
calls, numbered lists, `footnotes`, the `figure_record`, properties, the `fingerprint`);
`read_answer` reads an answer back for verify; `annotate` and `lint` serve check. Word's XML
itself is the layer below, `drafter.oxml`. Hands on the parts of a finished .docx, as bytes.
"""

"""Stage 3, word: the Word template rendered with a view, and the package finished.

`template` compiles a .docx template once (docxtpl prepares the tags; the environment of
`drafter.view.jinja` renders them); `finish` runs the passes over the rendered document
(real footnotes, kept-together tables, proofing language, properties, the fingerprint);
`oxml` and `oxml_footnotes` alone know WordprocessingML, `package` the zip, `styles` the
style names. Hands on the parts of a finished .docx, as bytes. The only stage that knows
Word's XML.
"""

"""drafter: drafts editable Word answers to written parliamentary questions.

The pipeline, one module per stage:

    register / datasets  load and validate the data (questions, figures, notes)
    view                 build the answer's view: figures, tables, notes numbered
    template             render the Word template (docxtpl tags, strict sandboxed Jinja2)
    oxml / package       finish the package: Word XML details and the .docx zip
    output               write it safely, never over a person's edits
"""

__version__ = "0.1.0"

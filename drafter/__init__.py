"""drafter: drafts editable Word answers to written parliamentary questions.

The pipeline, one folder per stage, each importing only from the stages before it:

    load/    read and check the register, the data files and the notes
    view/    build the answer's view: figures formatted, tables, notes numbered
    word/    render the Word template and finish the package
    write/   write it safely, never over a person's edits; manifests, PDF, the register's editor

with `intake/` (a question read from its sources) beside write/, `pipeline` (one answer
through the stages) above them, and the commands on top (`commands/`, the command line in
`commands/cli`); `errors`, `paths`, `files`, `deadlines` and the XML layer `oxml/` (the only
place that parses or names Word's XML) sit below every stage.
"""

__version__ = "0.1.0"

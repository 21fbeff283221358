"""Style names: the one source of truth shared by the templates, the finisher and the tests.

Templates use these named styles (never direct formatting) so that a civil servant can
change the look of every answer in one place, in Word.
"""

MINISTER_NAME = "Minister Name"
MINISTER_TITLE = "Minister Title"
ANSWER_TITLE = "Answer Title"
ANSWER_REFERENCE = "Answer Reference"
ANSWER_TEXT = "Answer Text"
ANSWER_NUMBER = "Answer Number"
ANSWER_CONTINUATION = "Answer Continuation"
TABLE = "Answer Table"
TABLE_TEXT = "Table Text"
TABLE_NUMBER = "Table Number"
TABLE_HEADING = "Table Heading"
TABLE_HEADING_NUMBER = "Table Heading Number"
TABLE_HEADING_GROUP = "Table Heading Group"  # a header over several columns
TABLE_CAPTION = "Table Caption"
TABLE_NOTE = "Table Note"
FOOTNOTE_TEXT = "footnote text"
FOOTNOTE_REFERENCE = "footnote reference"
TABLE_TOTAL = "Table Total"
TABLE_TOTAL_NUMBER = "Table Total Number"
NOTE_REFERENCE = "Note Reference"  # a raised note call (superscript note style)
ANSWER_HEADING = "Answer Heading"  # "Antwoord op vragen 1 en 3"
LIST_NUMBER = "Answer List Number"  # a numbered list in an answer; each list restarts at 1
LIST_BULLET = "Answer List Bullet"
QUESTION_HEADING = "Question Heading"  # "Vraag 1" before a repeated sub-question (Tweede Kamer)
QUESTION_TEXT = "Question Text"  # a sub-question repeated before its answer; the question in a bulletin layout
QUESTION_NUMBER = "Question Number"  # the same, numbered "1." like the answers (hanging indent)

#: The styles a table built from data uses, by role.
TABLE_ROLES = {
    "caption": TABLE_CAPTION,
    "table": TABLE,
    "heading": TABLE_HEADING,
    "heading_number": TABLE_HEADING_NUMBER,
    "heading_group": TABLE_HEADING_GROUP,
    "text": TABLE_TEXT,
    "number": TABLE_NUMBER,
    "total": TABLE_TOTAL,
    "total_number": TABLE_TOTAL_NUMBER,
    "note": TABLE_NOTE,
}

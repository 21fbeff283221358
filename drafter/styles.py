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
TABLE_CAPTION = "Table Caption"
TABLE_NOTE = "Table Note"
FOOTNOTE_TEXT = "footnote text"
FOOTNOTE_REFERENCE = "footnote reference"

"""New figures written into an answer a person edited, as Word's tracked changes.

``Updater`` holds the edited answer's package and the new draft's, and makes each change the
command decided (``commands/update``) in the edited answer, as a tracked change by drafter
(``oxml/revisions``): a figure's text deleted and the new one inserted in its formatting; a
table replaced as a whole (the old one deleted, the new draft's inserted after it); a note's
text replaced, a note deleted or inserted. Everything else in the answer stays as the person
left it: their text, comments, their own tracked changes, styles, every other part byte for
byte. The figure record is replaced by the one the command made for the answer as it reads
once the changes are accepted; the fingerprint is left as it was, so the answer stays edited.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from drafter import oxml
from drafter.oxml import bookmarks, customxml, document, footnotes, opc, revisions
from drafter.oxml import paragraph as paragraphs
from drafter.word import figure_record
from drafter.word.figure_record import BOOKMARK_PREFIX, NS
from drafter.word.places import Layout, clean
from drafter.word.read_answer import note_styles

#: The author of drafter's tracked changes, as Word shows it.
AUTHOR = "drafter"
_FIELD_NAME = re.compile(r"\b(NOTEREF|REF|PAGEREF)\s+(\S+)")


@dataclass(frozen=True)
class FigureEdit:
    """A figure whose text becomes another: its number in the answer's record, its text as drafter
    wrote it (which the answer still shows), the new text, and how it was found
    (``read_answer.Found``)."""

    number: int
    old: str
    new: str
    how: str  # 'mark' (its bookmark), 'labels' (its table cell), 'text' (its paragraph)
    cell: tuple[int, int, int] | None = None
    paragraph: int | None = None


class Placed(Enum):
    """What became of a figure's new text."""

    DONE = "done"  # written, as a tracked change
    APART = "apart"  # the figure could not be told apart from the text around it
    PENDING = "pending"  # it stands in a tracked change of someone else's, not yet accepted or rejected


class Updater:
    """The edited answer's package while drafter's tracked changes are made in it."""

    def __init__(self, edited: dict[str, bytes], fresh: dict[str, bytes], date: dt.datetime,
                 author: str = AUTHOR) -> None:
        self.parts = edited
        self.package = opc.Package(dict(edited))
        self.root = self.package.edit(opc.MAIN_DOCUMENT)
        body = document.body_of(self.root)
        self.layout = Layout(body if body is not None else self.root)
        self.notes = figure_record.note_paragraphs(self.layout, note_styles(edited))
        self.fresh_parts = fresh
        fresh_root = oxml.parse(fresh[opc.MAIN_DOCUMENT])
        fresh_body = document.body_of(fresh_root)
        self.fresh = Layout(fresh_body if fresh_body is not None else fresh_root)
        self.fresh_notes = figure_record.note_paragraphs(self.fresh, note_styles(fresh))
        self.revisions = revisions.Revisions(self.root, author, date)
        self.marks = bookmarks.marks(self.root, BOOKMARK_PREFIX)
        self._names = {bookmarks.name_of(start) for start, _end in bookmarks.within(self.root, "")}
        self._after: dict[int, oxml.Element] = {}  # the last note put in after each note

    # ------------------------------------------------------------------- figures

    def replace_figure(self, edit: FigureEdit) -> Placed:
        """The figure's text replaced as a tracked change. A figure that still stands in drafter's
        own change of an earlier update, not yet accepted or rejected, gets the new text in that
        change (the deletion of what the answer showed before stays). It is left to a person when
        it cannot be told apart from the text around it (it shares a run with a field or a link),
        or stands in someone else's tracked change, which they must accept or reject first."""
        if edit.how == "mark":
            found = self.marks.get(str(edit.number))
            if found is None:
                return Placed.APART
            between = revisions.runs_between(*found)
            if between is not None:
                if clean("".join(paragraphs.text_of(r) for r in between)) != clean(edit.old):
                    return Placed.APART
                revisions.replace_runs(between, edit.new, self.revisions)
                return Placed.DONE
            changes = revisions.changes_between(*found)
            if changes is None:
                return Placed.APART
            removed, inserted = changes
            if any(revisions.author_of(c) != self.revisions.author for c in removed + inserted):
                return Placed.PENDING
            if clean("".join(paragraphs.text_of(c) for c in inserted)) != clean(edit.old):
                return Placed.APART
            revisions.revise_insertion(removed, inserted, edit.new, self.revisions)
            return Placed.DONE
        scope = self._scope_of(edit)
        if scope is None:
            return Placed.APART
        held = [p for p in scope.iter(paragraphs.P) if edit.old in revisions.plain_text(p)]
        if len(held) != 1:  # a text inside a tracked change is not among a paragraph's own runs
            pending = any(t and (t in edit.old or edit.old in t) for t in revisions.inserted_texts(scope))
            return Placed.PENDING if pending else Placed.APART
        p = held[0]
        text = revisions.plain_text(p)
        if text.count(edit.old) != 1:
            return Placed.APART
        start = text.index(edit.old)
        picked = revisions.text_runs(p, start, start + len(edit.old))
        if picked is None:
            return Placed.APART
        revisions.replace_runs(picked, edit.new, self.revisions)
        return Placed.DONE

    def _scope_of(self, edit: FigureEdit) -> oxml.Element | None:
        """The table cell or the paragraph where a figure found by its labels or its text stands."""
        if edit.how == "labels" and edit.cell is not None:
            t, r, c = edit.cell
            cells = self.layout.tables[t].cells(r) if t < len(self.layout.tables) else []
            return cells[c] if c < len(cells) else None
        if edit.how == "text" and edit.paragraph is not None and edit.paragraph < len(self.layout.paragraphs):
            return self.layout.paragraphs[edit.paragraph]
        return None

    # ------------------------------------------------------------------- tables and notes

    def replace_table(self, edited: int, fresh: int) -> None:
        """The edited answer's table deleted as a whole and the new draft's inserted after it."""
        old = self.layout.tables[edited].element
        new = self._bring(self.fresh.tables[fresh].element)
        self._drop_figure_marks(old)
        revisions.delete_table(old, self.revisions)
        old.addnext(new)
        revisions.insert_table(new, self.revisions)

    def replace_note(self, edited: int, fresh: int) -> None:
        """A note's text replaced by the new draft's (its paragraph and style kept)."""
        p = self.notes[edited]
        self._drop_figure_marks(p)
        revisions.replace_paragraph_content(p, self._bring(self.fresh_notes[fresh]), self.revisions)

    def delete_note(self, edited: int) -> None:
        p = self.notes[edited]
        self._drop_figure_marks(p)
        revisions.delete_paragraph(p, self.revisions)

    def insert_note(self, fresh: int, next_to: int, before: bool) -> None:
        """The new draft's note put in after (or before) the edited answer's note ``next_to``."""
        new = self._bring(self.fresh_notes[fresh])
        anchor = self.notes[next_to]
        if before:
            anchor.addprevious(new)
        else:  # after the notes put in after it already, so that they keep their order
            self._after.get(next_to, anchor).addnext(new)
            self._after[next_to] = new
        revisions.insert_paragraph(new, self.revisions)

    def _drop_figure_marks(self, element: oxml.Element) -> None:
        """The figure bookmarks inside what is deleted go: the new content carries the figures."""
        for start, end in bookmarks.within(element, BOOKMARK_PREFIX):
            bookmarks.remove(start, end)
            self.marks.pop(bookmarks.name_of(start)[len(BOOKMARK_PREFIX):], None)

    def _bring(self, element: oxml.Element) -> oxml.Element:
        """A copy of the new draft's table or paragraph made to fit the edited answer: its bookmarks
        given ids not taken (a name the answer has already, another name, and the fields that
        refer to it follow), its footnotes copied into the answer's footnotes."""
        new = copy.deepcopy(element)
        renamed: dict[str, str] = {}
        for start, end in bookmarks.within(new, ""):
            name = bookmarks.name_of(start)
            if not name.startswith(BOOKMARK_PREFIX) and name in self._names:
                n = 2
                while f"{name}_{n}" in self._names:
                    n += 1
                renamed[name] = f"{name}_{n}"
                bookmarks.rename(start, renamed[name])
            self._names.add(bookmarks.name_of(start))
            if end is not None:
                bookmarks.renumber(start, end, self.revisions.next_id())
        if renamed:
            for instruction in revisions.field_instructions(new):
                instruction.text = _FIELD_NAME.sub(
                    lambda m: f"{m.group(1)} {renamed.get(m.group(2), m.group(2))}", instruction.text or "")
        references = footnotes.references(new)
        if references:
            self._copy_footnotes(references)
        return new

    def _copy_footnotes(self, references: list[oxml.Element]) -> None:
        source = self.fresh_parts.get(footnotes.PART)
        if source is None or footnotes.PART not in self.package:
            for ref in references:  # nowhere to put them: the call stays as text
                ref.getparent().remove(ref)
            return
        fresh_notes = {footnotes.note_id(n): n for n in oxml.parse(source).findall(footnotes.FOOTNOTE)}
        part = self.package.edit(footnotes.PART)
        for ref in references:
            note = fresh_notes.get(footnotes.note_id(ref))
            if note is None:
                ref.getparent().remove(ref)
                continue
            new_id = footnotes.next_id(part)
            copied = copy.deepcopy(note)
            footnotes.set_id(copied, new_id)
            part.append(copied)
            footnotes.set_id(ref, new_id)

    # ------------------------------------------------------------------- the record

    def renumber(self, numbers: dict[int, int]) -> None:
        """The figures' bookmarks named by their numbers in the updated record (old -> new); a
        figure bookmark the record does not name goes (its name could be a new figure's)."""
        for rest, (start, end) in list(self.marks.items()):
            if rest.isdigit() and int(rest) in numbers:
                bookmarks.rename(start, f"{BOOKMARK_PREFIX}{numbers[int(rest)]}")
            else:
                bookmarks.remove(start, end)

    def result(self, record: bytes) -> bytes:
        """The updated answer's bytes, with this figure record (the other parts as they were)."""
        name = customxml.item_name(self.parts, NS)
        if name is not None:
            self.package.put(name, record)
        return opc.write_zip(self.package.parts())

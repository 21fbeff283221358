"""`drafter update`: new figures into an answer a person edited, as Word's tracked changes.

When new data arrives after the cabinet edited an answer, `update` makes the answer again from
the register and the data (in memory), holds it against the edited answer figure by figure (as
``verify`` does) and writes into the edited answer, as tracked changes by "drafter", every figure
drafter placed whose value changed; notes whose number or text changed; and a table whose shape
the new data changes (a new year, a row gone), replaced as a whole. Everything a person did stays:
their text, comments, their own tracked changes, styles; a figure they typed over or deleted is
left as they wrote it and reported with its place. The file is replaced safely: refused while it
is open in Word, a backup first (``write/output.update_file``).

Refused, with one message naming the file and place, nothing written: a file drafter did not
make or cannot read (damaged, password-protected), an answer to another question, an answer
whose table a person restructured (rows merged or deleted) where new figures must go, a register
entry changed since the answer was drafted (a table renamed), an answer open in Word.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from drafter import paths
from drafter.commands.verify import FindingStatus, compare
from drafter.errors import WARNING, DrafterError, Problem, display_path
from drafter.i18n import _, date_text, ngettext
from drafter.load.register import Question, load_register
from drafter.pipeline import Draft, Generator, file_name
from drafter.word import figure_record, fingerprint
from drafter.word.figure_record import figure_of
from drafter.word.gaps import Gap, find_gaps, gaps_sentence
from drafter.word.places import NOTES, Place, note_place, table_place
from drafter.word.read_answer import AnswerFigures, Found, read_file, read_package, read_parts
from drafter.word.update import AUTHOR, FigureEdit, Placed, Updater
from drafter.write.output import update_file


class NoteChange(StrEnum):
    """What becomes of a note: its text replaced, deleted, or a new note put after or before one."""

    REPLACE = "replace"
    DELETE = "delete"
    INSERT_AFTER = "insert after"
    INSERT_BEFORE = "insert before"


class UpdateStatus(StrEnum):
    """What became of the answer (the values are those of the JSON output and a batch's manifest)."""

    UPDATED = "updated"  # tracked changes written, after a backup
    UP_TO_DATE = "up to date"  # the new data changes nothing drafter placed: nothing written


@dataclass(frozen=True)
class Line:
    """One thing update did or left, at its place, as a person reads it."""

    place: Place
    text: str

    def __str__(self) -> str:
        return f"{self.place.shown()}: {self.text}"


@dataclass
class Updated:
    question: Question
    file: Path
    status: UpdateStatus
    changed: list[Line] = field(default_factory=list)  # written as tracked changes
    left: list[Line] = field(default_factory=list)  # left as the person has it, or for a person to do
    backup: Path | None = None
    date: dt.datetime | None = None
    warnings: tuple[Problem, ...] = ()
    gaps: tuple[Gap, ...] = ()  # what the answer, as it is now on disk, still shows to be filled in

    def as_dict(self) -> dict:
        q = self.question
        return {"question": {"zittingsjaar": q.zittingsjaar, "number": q.number, "title": q.title},
                "status": self.status, "file": str(self.file), "backup": str(self.backup) if self.backup else None,
                "author": AUTHOR, "date": self.date.strftime("%Y-%m-%dT%H:%M:%SZ")
                if self.date and self.status == UpdateStatus.UPDATED else None,
                "changed": [{"place": c.place.text, "change": c.text} for c in self.changed],  # the place in English
                "left": [{"place": c.place.text, "why": c.text} for c in self.left],
                "gaps": [g.as_dict() for g in self.gaps],
                "problems": [p.as_dict() for p in self.warnings]}


# --------------------------------------------------------------------------- the command


def update(project: paths.Project, number: int, zittingsjaar: str | None = None, minister: str | None = None, *,
           answer: Path | None = None, output_given: bool = False, now: dt.datetime | None = None,
           even_if_sent: bool = False) -> Updated:
    """Write the new figures of question `number` into its edited answer (the one in the project's
    output folder, or `answer`) as tracked changes. now: the changes' date (default: now);
    even_if_sent: change the answer also when the register records it as sent."""
    register = load_register(project.register)
    question = register.find(number, zittingsjaar, minister)
    generator = Generator(register, project.templates)
    target = answer if answer is not None else paths.answer_target(project.output, file_name(question),
                                                                   given=output_given)
    return update_answer(target, question, generator, now, even_if_sent=even_if_sent)


class SentAnswer(DrafterError):
    """The answer would change, but the register records it as sent: it stays as it went out."""


def refuse_sent(question: Question, target: Path) -> None:
    """An answer the register records as sent is what went out: drafter does not change it unless
    the person says so (--even-if-sent)."""
    if question.answered is None:
        return
    raise SentAnswer(problems=[Problem(
        _("{question} was recorded as sent on {date}, so drafter does not change its answer {file}; nothing was "
          "written").format(question=question.label, date=date_text(question.answered), file=display_path(target)),
        file=display_path(question.source), place=question.place,
        hint=_("The answer should stay as it was sent. To change it all the same (a correction to send after it), "
               "add --even-if-sent."))])


def update_answer(target: Path, question: Question, generator: Generator, now: dt.datetime | None = None, *,
                  even_if_sent: bool = False) -> Updated:
    """``update`` of one answer file, with a Generator of its register (batch shares one);
    an answer recorded as sent that the new data would change is refused (SentAnswer), unless
    even_if_sent; one it would not change is up to date all the same."""
    now = now or dt.datetime.now(dt.timezone.utc)
    shown = display_path(target)
    if not target.exists():
        raise DrafterError(_("there is no answer to update here"), file=shown,
                           hint=_("Make the answer first with drafter answer -q {number}, or name the edited "
                                  "answer's file.").format(number=question.number))
    original = read_file(target, shown)
    parts = read_package(original, shown)
    edited = read_parts(parts, shown)
    _check_answer(edited, question, shown)
    _check_tables(edited, question, shown)
    draft = generator.generate(question)
    fresh_parts = read_package(draft.data, _("the new draft"))
    fresh = read_parts(fresh_parts, _("the new draft"))
    plan = _Planner(edited, fresh, question, shown).plan()
    result = Updated(question, target, UpdateStatus.UP_TO_DATE, left=plan.left, date=now)
    if not plan.anything:
        return _as_it_is(result, parts, draft, generator)
    if not even_if_sent:
        refuse_sent(question, target)
    updater = Updater(parts, fresh_parts, now)
    for edited_index, fresh_index, line in plan.tables:
        updater.replace_table(edited_index, fresh_index)
        result.changed.append(line)
    for kind, edited_index, fresh_index, line in plan.notes:
        if kind == NoteChange.REPLACE:
            updater.replace_note(edited_index, fresh_index)
        elif kind == NoteChange.DELETE:
            updater.delete_note(edited_index)
        else:
            updater.insert_note(fresh_index, edited_index, before=kind == NoteChange.INSERT_BEFORE)
        result.changed.append(line)
    placed: set[str] = set()
    for key, edit, line in plan.figures:
        how = updater.replace_figure(edit)
        if how == Placed.DONE:
            placed.add(key)
            result.changed.append(line)
        elif how == Placed.PENDING:
            result.left.append(Line(line.place, _("{old} stands in a tracked change that is not accepted or rejected "
                                                  "yet; the new data says {new}: accept or reject that change in "
                                                  "Word, then run drafter update again").format(old=edit.old,
                                                                                               new=edit.new)))
        else:
            result.left.append(Line(line.place, _("{old} could not be told apart from the text around it; the new "
                                                  "data says {new}: change it by hand").format(old=edit.old,
                                                                                             new=edit.new)))
    if not result.changed:
        return _as_it_is(result, parts, draft, generator)
    record, numbers = plan.record(placed, fingerprint.question_id(question))
    updater.renumber(numbers)
    data = updater.result(record)
    result.backup = update_file(target, original, data, now.astimezone().replace(tzinfo=None))
    result.status = UpdateStatus.UPDATED
    return _as_it_is(result, read_package(data, shown), draft, generator)


def _as_it_is(result: Updated, parts: dict[str, bytes], draft: Draft, generator: Generator) -> Updated:
    """The result with the warnings of the answer as it now is on disk: the data's warnings, and the
    gaps the answer still shows (a person may have filled in some of the new draft's, or all)."""
    result.gaps = find_gaps(parts, generator.gap_markers)
    result.warnings = draft.data_warnings
    if result.gaps:
        result.warnings += (Problem(
            _("{question}: the answer has {gaps}").format(question=result.question.label,
                                                          gaps=gaps_sentence(result.gaps)),
            file=display_path(result.file), hint=_("Fill them in before the answer is sent."), severity=WARNING),)
    return result


def _check_answer(edited: AnswerFigures, question: Question, shown: str) -> None:
    """A file update can work on: drafter's answer to this question, with its record intact."""
    wanted = fingerprint.question_id(question)
    if edited.question is None:
        raise DrafterError(_("drafter did not make this file (it has no record of drafter's), so it cannot be updated"),
                           file=shown, hint=_("update writes new figures into answers drafter made; give the answer "
                                              "drafter wrote, also after it was edited in Word."))
    if fingerprint.parse_question_id(edited.question) is None:
        raise DrafterError(_("the answer's record names no question drafter knows (\"{found}\")").format(
            found=fingerprint.shown_id(edited.question)), file=shown,
            hint=_("Someone changed drafter's record inside the file. Run drafter answer -q {number} for a new "
                   "draft beside it.").format(number=question.number))
    if edited.question != wanted:
        raise DrafterError(_("this is drafter's answer to question {found}, not to {wanted}").format(
            found=edited.question, wanted=wanted), file=shown,
            hint=_("Give the answer to question {wanted}, or run update for the question this file answers.").format(
                wanted=wanted))
    if not edited.record:
        raise DrafterError(_("drafter made this answer before it recorded where its figures stand, so they cannot "
                             "be updated"), file=shown,
                           hint=_("Run drafter answer -q {number}: the new draft is written beside your edited "
                                  "answer; carry your edits over to it.").format(number=question.number))
    if edited.damaged:
        raise DrafterError(_("{what}, so its figures cannot be updated safely").format(what=edited.damaged), file=shown,
                           hint=_("Someone changed drafter's record inside the file. Run drafter answer -q {number} "
                                  "for a new draft beside it.").format(number=question.number))


def _check_tables(edited: AnswerFigures, question: Question, shown: str) -> None:
    """A table the answer holds that the register's entry no longer has: the entry was changed
    since the answer was drafted (a table renamed), and its figures cannot be told."""
    held = _Planner.table_keys(edited)
    gone = sorted(held - set(question.tables))
    if not gone:
        return
    new = sorted(set(question.tables) - held)
    raise DrafterError(
        _("{question}: the answer {file} shows the table {tables}, which the register's entry no longer has"
          "{has}; the entry was changed since the answer was drafted").format(
            question=question.label, file=shown, tables=", ".join(f"'{k}'" for k in gone),
            has=_(" (it has {tables})").format(tables=", ".join(f"'{k}'" for k in new)) if new else ""),
        file=display_path(question.source), place=question.place,
        hint=_("Give the table its old name again in the register, or make a new draft with drafter answer "
               "-q {number} and carry your edits over to it.").format(number=question.number))


# --------------------------------------------------------------------------- what to change


@dataclass
class _Plan:
    edited: AnswerFigures
    fresh: AnswerFigures
    tables: list[tuple[int, int, Line]] = field(default_factory=list)  # (edited index, fresh index, line)
    notes: list[tuple[NoteChange, int, int, Line]] = field(default_factory=list)  # (change, edited, fresh, line)
    figures: list[tuple[str, FigureEdit, Line]] = field(default_factory=list)  # (key, edit, line)
    left: list[Line] = field(default_factory=list)
    covered: set[str] = field(default_factory=set)  # figures the replaced tables and notes carry anew
    table_index: dict[str, int] = field(default_factory=dict)  # each table key: its index in the answer

    @property
    def anything(self) -> bool:
        return bool(self.tables or self.notes or self.figures)

    def record(self, placed: set[str], question_id: str) -> tuple[bytes, dict[int, int]]:
        """The figure record of the answer as it reads once drafter's changes are accepted, and the
        new number of each of the answer's figure bookmarks (old number -> new)."""
        mine = {f.figure.key: f for f in self.edited.found}
        entries, numbers = [], {}
        for found in self.fresh.found:
            key = found.figure.key
            attributes, sources = self.fresh.entries[found.figure.number]
            figure = figure_of(attributes, sources)
            old = mine.get(key)
            if old is None and key not in self.covered:
                continue  # new in the data, and not placed: the record leaves it out (verify says so)
            if old is not None and key not in self.covered and key not in placed and old.text != figure.shown:
                figure = figure._replace(shown=old.figure.shown, raw=old.figure.raw)  # left as it stood
            entries.append((figure, _place(attributes)))
            if old is not None and key not in self.covered:
                numbers[old.figure.number] = figure.number
        top = max((f.figure.number for f in self.fresh.found), default=0)
        fresh_keys = {f.figure.key for f in self.fresh.found}
        for found in self.edited.found:  # figures the data no longer has: kept, as the answer shows them
            if found.figure.key not in fresh_keys:
                top += 1
                attributes, sources = self.edited.entries[found.figure.number]
                entries.append((figure_of(attributes, sources)._replace(number=top), _place(attributes)))
                numbers[found.figure.number] = top
        tables = [(t.key, self.table_index.get(t.key, t.index), t.cells, t.text)
                  for t in self.fresh.recorded_tables.values()]
        notes = self.fresh.recorded_notes if self.fresh.recorded_notes is not None else self.fresh.notes
        return figure_record.record(question_id, self.fresh.locale, entries, tables, notes), numbers


def _place(attributes: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, attributes[name]) for name in ("place", "cell", "paragraph", "at") if attributes.get(name)]


class _Planner:
    def __init__(self, edited: AnswerFigures, fresh: AnswerFigures, question: Question, shown: str) -> None:
        self.edited, self.fresh, self.question, self.shown = edited, fresh, question, shown
        self.result = _Plan(edited, fresh)

    def plan(self) -> _Plan:
        findings = {f.figure: f for f in compare(self.edited, self.fresh) if f.status != FindingStatus.DOES_NOT_ADD_UP}
        # (a finding's figure is the figure's key)
        for key in self.table_keys(self.edited) & self.table_keys(self.fresh):
            self._table(key, findings)
        self._notes()
        self._figures(findings)
        return self.result

    @staticmethod
    def table_keys(answer: AnswerFigures) -> set[str]:
        """The tables of an answer that hold figures from the data, by their keys in the register."""
        return {f.figure.table for f in answer.found if f.figure.table} | set(answer.recorded_tables)

    # -- tables

    def _table(self, key: str, findings: dict) -> None:
        mine = [f for f in self.edited.found if f.figure.table == key and f.figure.kind in ("cell", "total")]
        theirs = [f for f in self.fresh.found if f.figure.table == key and f.figure.kind in ("cell", "total")]
        where_now = Counter(f.cell[0] for f in mine if f.cell is not None)
        where_new = Counter(f.cell[0] for f in theirs if f.cell is not None)
        if not where_now or not where_new:
            return  # the table is gone from the answer (each figure is reported as removed)
        at, new_at = where_now.most_common(1)[0][0], where_new.most_common(1)[0][0]
        self.result.table_index[key] = at
        drafted = self.edited.recorded_tables.get(key)
        new = self.fresh.recorded_tables.get(key)
        drafted_cells = {f.figure.key: f.drafted_cell[1:] for f in mine if f.drafted_cell is not None}
        new_cells = {f.figure.key: f.cell[1:] for f in theirs if f.cell is not None}
        reshaped = drafted_cells != new_cells or (drafted is not None and new is not None
                                                  and (drafted.cells, drafted.text) != (new.cells, new.text))
        needs = reshaped or any(findings[f.figure.key].status in (FindingStatus.DATA_CHANGED, FindingStatus.NOT_IN_DATA)
                                for f in mine if f.figure.key in findings) \
            or any(f.figure.key not in {m.figure.key for m in mine} for f in theirs)
        restructured = self._restructured(at, drafted, mine)
        if restructured and needs:
            raise DrafterError(
                _("table {table} was restructured since drafter made it ({how}), so the new figures cannot be "
                  "placed in it").format(table=at + 1, how=restructured), file=self.shown,
                place=table_place(at + 1).shown(),
                hint=_("Undo that change in Word (or reject it), or make a new draft with drafter answer -q {number} "
                       "and carry your edits over to it.").format(number=self.question.number))
        if not reshaped:
            return
        self.result.covered |= {f.figure.key for f in theirs} | {f.figure.key for f in mine}
        edited_by_hand = (drafted is not None and self.edited.shapes[at][1] != drafted.text) or any(
            findings[f.figure.key].status in (FindingStatus.BY_HAND, FindingStatus.REMOVED) for f in mine
            if f.figure.key in findings)
        text = _("replaced as a whole: the new data changes its rows or columns ({before} rows, now {after})").format(
            before=len(self.edited.tables.get(at, [])), after=len(self.fresh.tables.get(new_at, [])))
        if edited_by_hand:
            text += _("; your edits in it are in the deleted table (reject the change to keep them)")
        self.result.tables.append((at, new_at, Line(table_place(at + 1), text)))

    def _restructured(self, at: int, drafted, mine: list[Found]) -> str:
        """How a person restructured the table since drafter made it ('' when they did not)."""
        if drafted is not None:
            before, now = drafted.cells.split(), self.edited.shapes[at][0].split()
            if len(before) != len(now):
                return _("it had {before} rows, now {now}").format(before=len(before), now=len(now))
            for row, (a, b) in enumerate(zip(before, now), 1):
                if a != b:
                    return _("row {row} had {before} cells, now {now}").format(row=row, before=a, now=b)
        for f in mine:
            if f.how == "mark" and f.cell is not None and f.drafted_cell is not None and f.cell[1:] != f.drafted_cell[1:]:
                return _("{place} stood in row {before}, now in row {now}").format(
                    place=f.place.shown(), before=f.drafted_cell[1] + 1, now=f.cell[1] + 1)
        return ""

    # -- notes

    def _notes(self) -> None:
        drafted, new, now = self.edited.recorded_notes, self.fresh.notes, self.edited.notes
        if drafted is None or drafted == new:
            if drafted is None and now != new:
                self.result.left.append(Line(NOTES, _("drafter made this answer before it recorded its notes, "
                                                              "so they are not updated; compare them with a new draft")))
            return
        if len(now) != len(drafted):
            self.result.left.append(Line(NOTES, _("the new data changes the notes, but notes were added or "
                                                          "removed in the answer: update them by hand")))
            return
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, drafted, new, autojunk=False).get_opcodes():
            if tag == "equal":
                continue
            pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(pairs):
                self._note(NoteChange.REPLACE, i1 + k, j1 + k)
            for i in range(i1 + pairs, i2):
                self._note(NoteChange.DELETE, i, None)
            for j in range(j1 + pairs, j2):
                if i1 + pairs > 0:
                    self._note(NoteChange.INSERT_AFTER, i1 + pairs - 1, j)
                elif now:
                    self._note(NoteChange.INSERT_BEFORE, 0, j)
                else:
                    self.result.left.append(Line(NOTES, _("a new note, which drafter cannot place: "
                                                                  "\"{text}\"; add it by hand").format(
                        text=self.fresh.note_texts[j])))

    def _note(self, kind: NoteChange, mine: int, theirs: int | None) -> None:
        place = note_place(mine + 1)
        inserted = kind in (NoteChange.INSERT_AFTER, NoteChange.INSERT_BEFORE)
        if not inserted and self.edited.notes[mine] != self.edited.recorded_notes[mine]:
            text = self.fresh.note_texts[theirs] if theirs is not None else ""
            self.result.left.append(Line(place, _("edited by hand, left as you wrote it; the new draft's reads "
                                                  "\"{text}\"").format(text=text) if text else
                                         _("edited by hand, left as you wrote it; the new draft no longer has it")))
            return
        if not inserted:  # the note's figures go with its old text
            self.result.covered |= {f.figure.key for f in self.edited.found if f.note == mine}
        if theirs is not None:
            self.result.covered |= {f.figure.key for f in self.fresh.found if f.note == theirs}
        if kind == NoteChange.REPLACE:
            line = Line(place, _("now reads \"{text}\"").format(text=self.fresh.note_texts[theirs]))
        elif kind == NoteChange.DELETE:
            line = Line(place, _("deleted: the new draft no longer has it"))
        else:
            line = Line(place, _("new note \"{text}\" added {where}").format(
                text=self.fresh.note_texts[theirs], where=_("before it") if kind == NoteChange.INSERT_BEFORE else _("after it")))
        self.result.notes.append((kind, mine, theirs if theirs is not None else -1, line))

    # -- figures

    def _figures(self, findings: dict) -> None:
        mine = {f.figure.key: f for f in self.edited.found}
        theirs = {f.figure.key: f for f in self.fresh.found}
        for key, finding in findings.items():
            if key in self.result.covered:
                continue
            status = finding.status
            if status == FindingStatus.DATA_CHANGED:
                found = mine[key]
                edit = FigureEdit(found.figure.number, found.figure.shown, theirs[key].figure.shown, found.how,
                                  found.cell, found.paragraph)
                self.result.figures.append((key, edit, Line(finding.place, _("{old} becomes {new}").format(
                    old=edit.old, new=edit.new))))
            elif status == FindingStatus.BY_HAND:
                self.result.left.append(Line(finding.place, _("typed over by hand ({now}), left as you wrote it; the new "
                                                              "data says {data}").format(now=finding.now,
                                                                                        data=finding.data)))
            elif status == FindingStatus.REMOVED:
                self.result.left.append(Line(finding.place, _("deleted by hand, left out; the new data says {data}").format(
                    data=finding.data or finding.drafted)))
            elif status == FindingStatus.NOT_IN_DATA:
                self.result.left.append(Line(finding.place, _("{now}: the data no longer has this figure; left as it "
                                                              "is").format(now=finding.now or finding.drafted)))
            elif status == FindingStatus.NEW_IN_DATA:
                self.result.left.append(Line(finding.place, _("{data} is new in the data, and drafter has no place for it "
                                                              "in your answer: add it by hand").format(data=finding.data)))


# --------------------------------------------------------------------------- reporting


def describe(updated: Updated) -> list[str]:
    """What `update` prints: what it changed, what it left, and what to do next."""
    shown = display_path(updated.file)
    lines = []
    if updated.status == UpdateStatus.UPDATED:
        lines.append(ngettext("updated {file}: {count} tracked change by {author}; open it in Word and accept or "
                              "reject it (Review > Accept, Reject)",
                              "updated {file}: {count} tracked changes by {author}; open it in Word and accept or "
                              "reject them (Review > Accept, Reject)", len(updated.changed)).format(
            file=shown, count=len(updated.changed), author=AUTHOR))
        lines.append(_("the answer as it was is kept as {backup}").format(backup=display_path(updated.backup)))
        lines += [f"  {line}" for line in updated.changed]
    else:
        lines.append(_("{file} is up to date with the data: the new data changes no figure drafter placed; nothing "
                       "was written").format(file=shown))
    if updated.left:
        lines.append(_("left for you to look at:"))
        lines += [f"  {line}" for line in updated.left]
    return lines


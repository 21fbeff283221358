"""`drafter sent`: a person records that an answer went out, as `answered:` in the register.

Only a person knows an answer was sent: drafter cannot tell it from the files. The date goes
into the question's entry as `answered: 2025-02-04` (one line changed or added, every other
byte of the register as it was, comments too); from then on `status` shows the question as
`sent`, and layouts that print the date of the answer print it. A date that cannot be true
(in the future, before the question was asked, another than the one recorded already) is
refused with the register's line, and the register is left unchanged. What may be true but
is worth a second look is recorded and said: the answer in the output folder still shows gaps
or tracked changes (a warning: was that what went out?), or it went out after its legal
deadline (a notice).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter.commands import status as st
from drafter.deadlines import WorkingDays
from drafter.errors import WARNING, DataError, Problem, display_path
from drafter import places
from drafter.i18n import _, date_text, ngettext
from drafter.load.dates import option_date
from drafter.word import gaps as gap_finder
from drafter.load.register import Question, Register, load_register
from drafter.load.yamlfile import LineDict, LineList
from drafter.write.register import Existing, Which, change_register, find_entry, key_set

#: The keys below which `answered:` goes in an entry that has none yet, the first the entry has.
ANSWERED_AFTER = ("answered", "date", "number", "zittingsjaar")


@dataclass(frozen=True)
class Sent:
    question: Question
    date: dt.date
    register: Path
    line: int  # the line of `answered:` in the register
    changed: bool  # False: the register said so already
    warnings: tuple[Problem, ...] = ()  # the answer in the output folder still shows gaps or tracked changes
    notices: tuple[str, ...] = field(default=())  # it went out after its legal deadline


def parse_date(value: str | None, today: dt.date) -> dt.date:
    """--date as a date; today when it is not given."""
    if value is None:
        return today
    return option_date("--date", value, today)


def _question(register: Register, number: int, zittingsjaar: str | None, minister: str | None) -> Question:
    """The question, or why its sending cannot be recorded: it is not in the register, or its
    entry cannot be read."""
    broken = [r for r in register.rejected if r.number == number and zittingsjaar in (None, r.zittingsjaar)
              and minister in (None, r.minister)]
    if broken and not any(q.number == number and zittingsjaar in (None, q.zittingsjaar) for q in register.questions):
        entry = broken[0]
        return_problems = [Problem(
            _("{question} cannot be read, so drafter cannot record that its answer was sent").format(
                question=entry.label),
            file=display_path(register.path), place=places.line(entry.line),
            hint=_("Correct the entry first (see below), then run drafter sent again."))]
        raise DataError(problems=return_problems + list(entry.problems))
    return register.find(number, zittingsjaar, minister)


def record_sent(register_path: Path, number: int, zittingsjaar: str | None = None, minister: str | None = None,
                date: dt.date | None = None, today: dt.date | None = None, output: Path | None = None) -> Sent:
    """Record in the register that the answer to question `number` was sent on `date` (today
    when not given). Raises a DataError naming the register's line when the date cannot be
    true or the register says otherwise already; the register is then unchanged. output: the
    answers' folder, whose answer to the question is looked at for gaps and tracked changes."""
    today = today or dt.date.today()
    date = date or today
    register = load_register(register_path, lenient=True)
    q = _question(register, number, zittingsjaar, minister)
    shown = display_path(register.path)
    entry = find_entry(register.path, q.zittingsjaar, q.number, q.minister.name)
    if entry is None:  # the register changed since it was read
        raise DataError(_("the register was changed by someone else while drafter was reading it"), file=shown,
                        hint=_("Run drafter sent again."))
    if date > today:
        raise DataError(_("{question}: the answer cannot have been sent on {date}, which is after today ({today})")
                        .format(question=q.label, date=date_text(date), today=date_text(today)),
                        file=shown, place=q.place,
                        hint=_("Give the day it was sent with --date (today or earlier)."))
    if q.date is not None and date < q.date:
        raise DataError(_("{question}: the answer cannot have been sent on {date}, before the question was asked "
                          "({asked})").format(question=q.label, date=date_text(date), asked=date_text(q.date)),
                        file=shown, place=places.line(entry.entry.line_of("date")),
                        hint=_("Check --date, and the question's date in the register."))
    own = _copy_of(entry, q)
    if q.answered is not None:
        line = own.entry.line_of("answered")
        if q.answered == date:
            return Sent(q, date, register.path, line, changed=False)
        raise DataError(_("{question} is recorded as sent on {recorded} already, not on {date}").format(
            question=q.label, recorded=date_text(q.answered), date=date_text(date)),
            file=shown, place=places.line(line),
            hint=_("If the date in the register is wrong, correct 'answered:' there by hand."))
    # the register's editor sets the key in the entry, or in this minister's item of
    # other_ministers: for a copy; it writes nothing unless every other value reads as before
    which = Which(q.zittingsjaar, q.number, q.minister.name)
    edit = change_register(register.path, lambda text: key_set(text, which, "answered", date, after=ANSWERED_AFTER))
    return Sent(q, date, register.path, edit.key_line, changed=True, warnings=_answer_warnings(register, q, output),
                notices=_late(register, q, date))


def _answer_warnings(register: Register, q: Question, output: Path | None) -> tuple[Problem, ...]:
    """What the answer in the output folder still shows that an answer sent should not: gaps to
    fill in, tracked changes to accept or reject (the sending is recorded all the same: the
    version that went out may be another)."""
    if output is None or not output.is_dir():
        return ()
    found = st.read_on_disk(q, output, st.read_manifests(output), gap_finder.markers(register.gap_markers))
    if found.path is None or found.problem:
        return ()
    shown, out = display_path(found.path), []
    hint = _("If this is the answer that went out, send a corrected one; if another version went out, keep that one "
             "in the output folder under this name.")
    if found.gaps:
        out.append(Problem(_("{question} is recorded as sent, but its answer still has {gaps}").format(
            question=q.label, gaps=gap_finder.gaps_sentence(found.gaps)), file=shown, hint=hint, severity=WARNING))
    if found.tracked:
        out.append(Problem(_("{question} is recorded as sent, but its answer still holds tracked changes by {authors}, "
                             "not accepted or rejected").format(
            question=q.label, authors=gap_finder.authors_text(found.tracked)), file=shown, hint=hint, severity=WARNING))
    return tuple(out)


def _late(register: Register, q: Question, date: dt.date) -> tuple[str, ...]:
    """A notice when the answer went out after its legal deadline."""
    if q.date is None:
        return ()
    calendar = WorkingDays(register.deadlines)
    due = calendar.deadlines(q.date).due
    if date <= due:
        return ()
    late = calendar.between(due, date)
    return (ngettext("{question} went out {count} working day after its legal deadline ({due}): it was answered late",
                     "{question} went out {count} working days after its legal deadline ({due}): it was answered late",
                     late).format(question=q.label, count=late, due=date_text(due)),)


def _copy_of(entry: Existing, q: Question) -> Existing:
    """Where q's `answered:` goes: the entry itself, or, for the copy of a question put to
    several ministers that another minister answers, that minister's item of `other_ministers:`
    (each minister's answer goes out on its own day)."""
    if entry.entry.get("number") == q.number:
        return entry
    others = entry.entry.get("other_ministers")
    for i, item in enumerate(others if isinstance(others, LineList) else ()):
        if isinstance(item, LineDict) and item.get("number") == q.number:
            return Existing(others.line_of(i), item)
    return entry

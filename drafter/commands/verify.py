"""`drafter verify`: hold edited answers against their data, figure by figure.

drafter records every figure it places in an answer (``view/figures``, ``word/figure_record``).
verify reads each answer as the person left it, makes the same answer again from the
register and the data as they are now (in memory, nothing is written), and says per figure:

- as drafted: the answer shows what drafter wrote, and the data still says so;
- changed by hand: the answer shows another figure (from, to), and what the data says;
- the data has changed since: the answer shows the drafted figure, the data now says another;
- removed: the figure is no longer in the answer; not in the data: the data no longer has it;
- new in the data: the new draft has a figure the answer lacks.

It also re-checks the tables as they now stand: a total that no longer adds up (a total
edited by hand, a row deleted from a table with a total), and splits in a text (the parts
of a budget line shown with the line) that added up when drafted and no longer do.

The same comparison tells `answer` and `batch`, when they write a new draft beside an
edited answer, which figures the person must carry over (``carry_over``).
"""

from __future__ import annotations

import difflib
import glob
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from drafter.commands.report import format_problem
from drafter.errors import DrafterError, Problem, display_path
from drafter.i18n import N_, _, ngettext
from drafter import places
from drafter.load import schema
from drafter.load.register import Register, load_register
from drafter.oxml.package_content import Content, Paragraph
from drafter.pipeline import Generator
from drafter.view.figures import Figure
from drafter.view.formatting import Formatter
from drafter.word.fingerprint import parse_question_id, shown_id
from drafter.word.gaps import Gap, find_gaps, gaps_sentence
from drafter.word.places import Place, paragraph_place
from drafter.word.read_answer import AnswerFigures, Found, answer_content, read_answer, read_package
from drafter.write.output import is_copy


class FindingStatus(StrEnum):
    """What verify says of a figure (the values are those of its text and JSON output), in the
    order its summary counts them."""

    AS_DRAFTED = "as drafted"
    BY_HAND = "changed by hand"
    BY_HAND_AS_DATA = "changed by hand, as the data now says"
    DATA_CHANGED = "the data has changed"
    REMOVED = "removed"
    NOT_IN_DATA = "not in the data"
    NEW_IN_DATA = "new in the data"
    DOES_NOT_ADD_UP = "does not add up"


#: How verify's summary counts the figures of each finding, in the language in use (the statuses
#: themselves are the JSON output's codes).
COUNTED = {
    FindingStatus.AS_DRAFTED: N_("{count} as drafted"),
    FindingStatus.BY_HAND: N_("{count} changed by hand"),
    FindingStatus.BY_HAND_AS_DATA: N_("{count} changed by hand, as the data now says"),
    FindingStatus.DATA_CHANGED: N_("{count} the data has changed"),
    FindingStatus.REMOVED: N_("{count} removed"),
    FindingStatus.NOT_IN_DATA: N_("{count} not in the data"),
    FindingStatus.NEW_IN_DATA: N_("{count} new in the data"),
    FindingStatus.DOES_NOT_ADD_UP: N_("{count} does not add up"),
}

#: Findings after which an answer no longer matches its data (exit code 1).
MISMATCHES = frozenset(FindingStatus) - {FindingStatus.AS_DRAFTED, FindingStatus.BY_HAND_AS_DATA}
#: Findings a person must carry over from an edited answer to the new draft beside it.
TO_CARRY_OVER = MISMATCHES - {FindingStatus.DOES_NOT_ADD_UP}


@dataclass(frozen=True)
class Finding:
    status: FindingStatus
    place: Place  # as a Word user finds it: table 1, row "2016", column "VAK"; paragraph 4, "Circa 45% ..."
    figure: str = ""  # the figure's key (table 'kredieten', clusters, 2016, VAK)
    drafted: str = ""  # as drafter wrote it
    now: str = ""  # as the answer shows it now ('' when removed)
    data: str = ""  # as the current data gives it ('' when the data no longer has it)
    source: str = ""  # data/budget.csv, row 6
    moved_from: Place | None = None  # where it stood when drafted, when it is elsewhere now
    detail: str = ""  # what a sum check found

    @property
    def mismatch(self) -> bool:
        return self.status in MISMATCHES

    def describe(self) -> str:
        """One line a person reads: the place, then what drafter found there."""
        sourced = bool(self.source)
        if self.status == FindingStatus.AS_DRAFTED:
            text = (_("{place}: {now} as drafted, moved (it was at {was})") if self.moved_from else
                    _("{place}: {now} as drafted"))
        elif self.status == FindingStatus.BY_HAND:
            text = (_("{place}: changed by hand from {drafted} to {now}; the data says {data} ({source})") if sourced
                    else _("{place}: changed by hand from {drafted} to {now}; the data says {data}"))
        elif self.status == FindingStatus.BY_HAND_AS_DATA:
            text = (_("{place}: changed by hand from {drafted} to {now}, as the data now says ({source})") if sourced
                    else _("{place}: changed by hand from {drafted} to {now}, as the data now says"))
        elif self.status == FindingStatus.DATA_CHANGED:
            text = (_("{place}: {now} as drafted, but the data has changed since: the data says {data} ({source})")
                    if sourced else _("{place}: {now} as drafted, but the data has changed since: the data says {data}"))
        elif self.status == FindingStatus.REMOVED:
            text = (_("{place}: {drafted} was removed; the data says {data} ({source})") if sourced else
                    _("{place}: {drafted} was removed; the data says {data}"))
        elif self.status == FindingStatus.NOT_IN_DATA:
            text = _("{place}: {figure}: the data no longer has this figure (it came from {source})")
        elif self.status == FindingStatus.NEW_IN_DATA:
            text = (_("{place}: the data now has {data} ({source}), which the answer does not show") if sourced else
                    _("{place}: the data now has {data}, which the answer does not show"))
        else:
            return f"{self.place.shown()}: {self.detail}"
        return text.format(place=self.place.shown(), now=self.now, drafted=self.drafted, data=self.data,
                           source=self.source, figure=self.now or self.drafted,
                           was=self.moved_from.location().shown() if self.moved_from else "")

    def what(self) -> str:
        """``describe`` without its place: what drafter found there (for a page that shows the place apart)."""
        return self.describe().removeprefix(f"{self.place.shown()}: ")

    def as_dict(self) -> dict:
        """The finding for JSON output: its places in their canonical English (a tool's interface)."""
        out = {"status": self.status, "place": self.place.text, "figure": self.figure, "drafted": self.drafted,
               "now": self.now, "data": self.data, "source": places.english_of(self.source)}
        if self.moved_from:
            out["moved_from"] = self.moved_from.text
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass
class AnswerReport:
    file: str
    question: str = ""  # 'question 4 (2019-2020)'
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what kept (part of) the answer from being checked
    gaps: tuple[Gap, ...] = ()  # what the answer still shows to be filled in (not a mismatch of figures)

    @property
    def ok(self) -> bool:
        return not self.problems and not any(f.mismatch for f in self.findings)

    def count(self, status: FindingStatus) -> int:
        return sum(1 for f in self.findings if f.status == status)


# --------------------------------------------------------------------------- comparing


def _source(figure: Figure, data_dir: Path | None = None) -> str:
    """Where a figure comes from, with its file as the working folder shows it (the record names
    it as the register does, relative to the register's folder): the rows in the language in use,
    knowing its English (the record's) for the JSON."""
    def file(name: str) -> str:
        return display_path(data_dir / name) if data_dir is not None and not Path(name).is_absolute() else name

    def joined(place) -> str:
        if len(figure.sources) == 1:
            return f"{file(figure.sources[0].file)}, {place(figure.sources[0].place)}"
        files = {s.file for s in figure.sources}
        if len(files) == 1:  # a computed total or a sum in a text: the rows it adds up
            return f"{file(figure.sources[0].file)}, " + " + ".join(place(s.place) for s in figure.sources)
        return "; ".join(f"{file(s.file)}, {place(s.place)}" for s in figure.sources)

    shown = places.Phrase(joined(places.recorded))
    shown.english = joined(str)
    return shown


class _Comparison:
    def __init__(self, answer: AnswerFigures, fresh: AnswerFigures, data_dir: Path | None = None) -> None:
        self.answer, self.fresh, self.data_dir = answer, fresh, data_dir
        self.fmt = Formatter(locale=answer.locale or fresh.locale or "nl_BE")

    def same(self, a: str | None, b: str | None) -> bool:
        if a is None or b is None:
            return a is b
        if " ".join(a.split()) == " ".join(b.split()):
            return True
        x, y = self.fmt.parse(a), self.fmt.parse(b)
        return x is not None and x == y and a.strip(" 0123456789.,\u00a0\u202f") == b.strip(" 0123456789.,\u00a0\u202f")

    def findings(self) -> list[Finding]:
        fresh = {f.figure.key: f for f in self.fresh.found}
        out = []
        for found in self.answer.found:
            figure, now = found.figure, found.text
            new = fresh.get(figure.key)
            data = new.figure.shown if new is not None else None
            common = dict(place=found.place, figure=figure.key, drafted=figure.shown, now=now or "",
                          data=data or "", source=_source(new.figure if new is not None else figure, self.data_dir))
            if now is None:
                out.append(Finding(FindingStatus.REMOVED, **common))
            elif data is None:
                out.append(Finding(FindingStatus.NOT_IN_DATA, **common))
            elif self.same(now, figure.shown):
                if self.same(now, data):
                    moved = (found.drafted_place if found.drafted_place.location() != found.place.location()
                             else None)
                    out.append(Finding(FindingStatus.AS_DRAFTED, moved_from=moved, **common))
                else:
                    out.append(Finding(FindingStatus.DATA_CHANGED, **common))
            elif self.same(now, data):
                out.append(Finding(FindingStatus.BY_HAND_AS_DATA, **common))
            else:
                out.append(Finding(FindingStatus.BY_HAND, **common))
        keys = {f.figure.key for f in self.answer.found} | self.answer.damaged_keys
        for found in self.fresh.found:
            if found.figure.key not in keys:
                out.append(Finding(FindingStatus.NEW_IN_DATA, place=found.place, figure=found.figure.key,
                                   data=found.figure.shown, source=_source(found.figure, self.data_dir)))
        return out + self.sums()

    # ------------------------------------------------------------------- sums and splits

    def value(self, figure: Figure, text: str | None) -> float | None:
        number = self.fmt.parse(text) if text else None
        return None if number is None else number * figure.scale

    def differs(self, parts: float, total: float) -> bool:
        return abs(parts - total) > max(abs(total) * schema.SPLIT_TOLERANCE, 0.5)

    def shown(self, value: float, like: Figure) -> str:
        return self.fmt.scaled(value, like.scale, self.fmt.decimals_of(like.shown))

    def check(self, whole: Found, parts: list[Found], what: str, now_values: list[float] | None = None) -> Finding | None:
        """A finding when the parts added up to the whole as drafted, and do not now (`now_values`:
        the parts as they now stand, when they can be read from the table itself)."""
        drafted_whole = self.value(whole.figure, whole.figure.shown)
        drafted = [self.value(p.figure, p.figure.shown) for p in parts]
        if drafted_whole is None or None in drafted or self.differs(sum(drafted), drafted_whole):
            return None  # it did not add up when drafted: check's warnings are about that
        now_whole = self.value(whole.figure, whole.text)
        if now_whole is None:
            return None  # the whole itself is gone: reported as removed
        now = [self.value(p.figure, p.text) for p in parts]
        present = [v for v in now if v is not None]
        gone = len(now) - len(present)
        if now_values is not None:
            present = now_values
        if not self.differs(sum(present), now_whole):
            return None
        detail = (_("{what} add up to {sum} now ({removed} of them removed), but {stated} is stated: a difference of "
                    "{difference}") if gone else
                  _("{what} add up to {sum} now, but {stated} is stated: a difference of {difference}")).format(
            what=what, sum=self.shown(sum(present), whole.figure), removed=gone, stated=whole.text,
            difference=self.shown(abs(sum(present) - now_whole), whole.figure))
        return Finding(FindingStatus.DOES_NOT_ADD_UP, place=whole.place, figure=whole.figure.key, drafted=whole.figure.shown,
                       now=whole.text or "", detail=detail)

    def column_now(self, total: Found, subtotal_rows: set[tuple[int, int]]) -> list[float] | None:
        """The figures a column's total adds up, as the table now stands (rows added by hand too):
        those above it in its section (adds "column"), or in every section but their totals (adds
        "all", a grand total). None when the total is not in a table now."""
        if total.cell is None or total.cell[0] not in self.answer.tables:
            return None
        t, row, column = total.cell
        rows = self.answer.tables[t]
        wide = any(len(r) > 1 for r in rows)
        values = []
        for r in range(row - 1, self.answer.header_rows.get(t, 1) - 1, -1):
            if len(rows[r]) == 1 and wide:  # a section's heading
                if total.figure.adds == "all":
                    continue
                break
            if total.figure.adds == "all" and (t, r) in subtotal_rows:
                continue  # a section's total: its rows are counted already
            if column < len(rows[r]):
                values.append(self.value(total.figure, rows[r][column]))
        return [v for v in values if v is not None]

    def parts_of(self, total: Figure, found: list[Found]) -> list[Found]:
        """The figures a total adds up (view/figures, Figure.adds), as they were drafted."""
        adds = total.adds or "column"
        out = []
        for f in found:
            g = f.figure
            if g is total or g.table != total.table:
                continue
            if adds == "row" and g.row_key == total.row_key and g.section == total.section and g.adds in ("", "column"):
                out.append(f)
            elif adds in ("column", "all") and g.column_key == total.column_key and g.adds in ("", "row") \
                    and (adds == "all" or g.section == total.section) and g.row_key != total.row_key:
                out.append(f)
        return out

    def sums(self) -> list[Finding]:
        out = []
        found = self.answer.found
        subtotal_rows = {(f.cell[0], f.cell[1]) for f in found if f.cell is not None and f.figure.adds == "column"}
        for total in (f for f in found if f.figure.kind == "total"):
            body = self.parts_of(total.figure, found)
            if not body:
                continue
            by_row = (total.figure.adds or "column") == "row"
            if by_row and total.figure.section:
                what = _('the figures of row "{row}" in "{section}"')
            elif by_row:
                what = _('the figures of row "{row}"')
            elif total.figure.section:
                what = _('the figures of column "{column}" in "{section}"')
            else:
                what = _('the figures of column "{column}"')
            what = what.format(row=total.figure.row, column=total.figure.column, section=total.figure.section)
            now = None if by_row else self.column_now(total, subtotal_rows)
            finding = self.check(total, body, what, now)
            if finding:
                out.append(finding)
        splits: dict[tuple[str, str], list[Found]] = {}
        for f in found:
            if len(f.figure.sources) == 1 and f.figure.sources[0].part_of and f.figure.kind == "text":
                splits.setdefault((f.figure.where, f.figure.sources[0].part_of), []).append(f)
        for (where, whole_ref), parts in splits.items():
            wholes = [f for f in found if len(f.figure.sources) == 1 and f.figure.sources[0].ref == whole_ref
                      and f.figure.kind == "text" and f.figure.where == where]
            for whole in wholes:
                finding = self.check(whole, parts, _("the parts of {whole} in {where}").format(
                    whole=whole.text or whole.figure.shown, where=where))
                if finding:
                    out.append(finding)
        return out


def compare(answer: AnswerFigures, fresh: AnswerFigures, data_dir: Path | None = None) -> list[Finding]:
    """Per figure of `answer`: how it compares with its record and with `fresh` (a new draft);
    data_dir: the register's folder, that the record's file names are relative to."""
    return _Comparison(answer, fresh, data_dir).findings()


# --------------------------------------------------------------------------- answers and folders


def answer_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The answers to verify: the files given, and each question's current answer in the folders
    given; and the copies drafter named beside answers in those folders (backups, new drafts beside
    edited answers), which are not verified unless given by name. A pattern (*.docx: a Windows
    console passes it as it is) gives the files it matches, leaving out the copies unless it matches
    nothing else. A name that is no file, or a pattern that matches none, is an error."""
    out: list[Path] = []
    skipped: list[Path] = []
    missing: list[Problem] = []
    for path in paths:
        if not path.exists() and any(c in str(path) for c in "*?["):
            matched = sorted(Path(p) for p in glob.glob(str(path)))
            if not matched:
                missing.append(Problem(_("no file matches {pattern}").format(pattern=display_path(path)),
                                       hint=_("Check the name.")))
            current = [p for p in matched if not is_copy(p)]
            if current:  # the answers it names; the copies too only when it names nothing else
                out.extend(current)
                skipped.extend(p for p in matched if is_copy(p))
            else:
                out.extend(matched)
        elif path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".docx" and p.is_file()
                           and not p.name.startswith((".", "~$")))
            out.extend(p for p in found if not is_copy(p))
            skipped.extend(p for p in found if is_copy(p))
        elif not path.exists():
            missing.append(Problem(_("there is no such file"), file=display_path(path), hint=_("Check the name.")))
        else:
            out.append(path)
    if missing:
        raise DrafterError(problems=missing)
    return out, skipped


def _question_of(answer: AnswerFigures, register: Register):
    found = parse_question_id(answer.question)
    if found is None:
        raise DrafterError(_("the answer's record names no question drafter knows (\"{found}\")").format(
            found=shown_id(answer.question)), file=answer.file,
            hint=_("This answer was not made by drafter from this register."))
    return register.find(found[1], found[0])


class Verifier:
    """Verifies answers against one register; each question's draft is made once."""

    def __init__(self, register_path: Path | None = None, templates: Path | None = None,
                 register: Register | None = None) -> None:
        """register: the register already read (status has it), else it is read from register_path."""
        self.register_path, self.templates = register_path, templates
        self._register: Register | None = register
        self._generator: Generator | None = None  # made for the first answer that has a record

    def generator(self) -> Generator:
        if self._generator is None:
            if self._register is None:
                self._register = load_register(self.register_path)
            self._generator = Generator(self._register, self.templates)
        return self._generator

    def verify(self, path: Path) -> AnswerReport:
        shown = display_path(path)
        report = AnswerReport(shown)
        try:
            answer = read_answer(path, shown)
        except DrafterError as exc:
            report.problems.extend(exc.problems)
            return report
        if answer.question is None:
            report.problems.append(Problem(
                _("drafter did not make this answer (it has no record of drafter's), so it has no figures to verify"),
                file=shown, hint=_("verify checks answers drafter wrote, also after they were edited in Word.")))
            return report
        if not answer.record:
            report.problems.append(Problem(
                _("drafter made this answer (question {question}) before it recorded where its figures come from, so "
                  "its figures cannot be traced").format(question=answer.question),
                file=shown, hint=_("Run drafter answer for this question: your edited answer is kept, and the new "
                                   "draft beside it has traceable figures; carry your edits over to it.")))
            return report
        if answer.damaged:
            report.problems.append(Problem(
                _("{damage}: the figures it still records were checked, the others could not be").format(
                    damage=answer.damaged),
                file=shown, hint=_("Someone edited drafter's record inside the file. Run drafter answer again for a "
                                   "draft with an intact record.")))
        generator = self.generator()
        question = _question_of(answer, self._register)
        report.question = question.label
        report.gaps = find_gaps(read_package(path, shown), generator.gap_markers)
        draft = generator.generate(question)
        fresh = read_answer(draft.data, _("the new draft"))
        report.findings = compare(answer, fresh, self._register.data_dir)
        return report


def verify_answers(paths: list[Path], register: Path | None = None,
                   templates: Path | None = None) -> tuple[list[AnswerReport], list[Path]]:
    """The reports of the answers verified, and the copies beside answers left out (``answer_files``)."""
    files, skipped = answer_files(paths)
    if not files:
        raise DrafterError(_("there is no .docx answer to verify in {paths}").format(
            paths=", ".join(display_path(p) for p in paths)), hint=_("Give .docx answers, or a folder that holds them."))
    verifier = Verifier(register, templates)
    reports = []
    for path in files:
        try:
            reports.append(verifier.verify(path))
        except DrafterError as exc:  # the register, the data or the template cannot make the answer now
            report = AnswerReport(display_path(path))
            report.problems.extend(exc.problems)
            reports.append(report)
    return reports, skipped


def carry_over(edited: Path, draft: bytes) -> list[Finding]:
    """The figures that differ between an edited answer and the new draft written beside it;
    none when either holds no record of its figures (drafter made it before it kept one)."""
    try:
        answer = read_answer(edited)
        fresh = read_answer(draft, _("the new draft"))
    except DrafterError:  # the edited answer is no longer a Word file drafter can read: nothing to compare
        return []
    if not answer.record or not fresh.record:
        return []
    return [f for f in compare(answer, fresh) if f.status in TO_CARRY_OVER]


#: At most this many lines say what differs between an edited answer and the new draft; a count
#: says how many more there are.
DIFFERENCES_SHOWN = 10
_NUMBER = re.compile(r"[0-9][0-9.,\u00a0\u202f]*%?")


def paragraph_differences(edited: Path, draft: bytes) -> list[str]:
    """The paragraphs (outside tables) that differ between an edited answer and the new draft
    beside it, other than in their figures (which ``carry_over`` names), as lines a person reads;
    none when either cannot be read."""
    try:
        mine = _paragraphs(answer_content(edited))
        theirs = _paragraphs(answer_content(draft, _("the new draft")))
    except DrafterError:  # the edited answer is no longer a Word file drafter can read: nothing to compare
        return []
    lines = []
    for i, j in align_paragraphs([t for place, t in mine], [t for place, t in theirs]):
        if i is not None and j is not None:
            (place, old), new = mine[i], theirs[j][1]
            if _NUMBER.sub("#", old) != _NUMBER.sub("#", new):  # figures only: carry_over names them
                lines.append(_("  {place}: \"{edited}\" in the edited answer, \"{draft}\" in the new draft").format(
                    place=place.shown(), edited=_snippet(old, new), draft=_snippet(new, old)))
        elif i is not None:
            place, text = mine[i]
            lines.append(_("  {place}: \"{text}\" only in the edited answer").format(place=place.shown(),
                                                                                   text=_snippet(text)))
        else:
            place, text = theirs[j]
            lines.append(_("  {place} of the new draft: \"{text}\" only in the new draft").format(
                place=place.shown(), text=_snippet(text)))
    return lines


#: Beyond this many pairs of paragraphs to weigh (after the common start and end are set aside),
#: the alignment is done between the runs of paragraphs that are the same in both, not over all.
_ALIGN_LIMIT = 250_000
_WORD = re.compile(r"\w+")


def align_paragraphs(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """The paragraphs of two versions of a text, aligned in order: (i, j) for old[i] and new[j]
    as one paragraph (the same, or changed), (i, None) for one only in the old, (None, j) for one
    only in the new.

    A plain longest-common-subsequence diff goes wrong on answers: their placeholders and numbered
    parts repeat ('2.<tab>[answer still to be written]'), so an unchanged part can be matched with
    an earlier copy of the same text, and the person reads that their unchanged part was removed
    and a changed one added. Here the whole alignment is weighed: a paragraph the same in both
    weighs most, one whose figures alone differ a little less, any other pair of paragraphs at the
    same spot (a paragraph changed) less again and more the more words they share, and a paragraph
    left unpaired nothing; the alignment with the greatest weight is taken."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    middle_old, middle_new = old[start:len(old) - end], new[start:len(new) - end]
    pairs = [(k, k) for k in range(start)]
    if len(middle_old) * len(middle_new) <= _ALIGN_LIMIT:
        pairs += _weighed(middle_old, middle_new, start, start)
    else:  # too many to weigh all at once: between the runs that are the same in both
        matcher = difflib.SequenceMatcher(None, middle_old, middle_new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                pairs += [(start + i1 + k, start + j1 + k) for k in range(i2 - i1)]
            else:
                pairs += _weighed(middle_old[i1:i2], middle_new[j1:j2], start + i1, start + j1)
    pairs += [(len(old) - end + k, len(new) - end + k) for k in range(end)]
    return pairs


def _weighed(old: list[str], new: list[str], old_at: int, new_at: int) -> list[tuple[int | None, int | None]]:
    """The alignment of greatest weight (see ``align_paragraphs``), its indexes counted from
    old_at and new_at."""
    masked_old = [_NUMBER.sub("#", t) for t in old]
    masked_new = [_NUMBER.sub("#", t) for t in new]
    words_old = [set(_WORD.findall(t.lower())) for t in masked_old]
    words_new = [set(_WORD.findall(t.lower())) for t in masked_new]

    def weight(i: int, j: int) -> float:
        if old[i] == new[j]:
            return 4.0
        if masked_old[i] == masked_new[j]:
            return 3.5
        union = words_old[i] | words_new[j]
        return 1.0 + (len(words_old[i] & words_new[j]) / len(union) if union else 0.0)

    n, m = len(old), len(new)
    # best[i][j]: the greatest weight of aligning old[i:] with new[j:]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            row[j] = max(below[j], row[j + 1], below[j + 1] + weight(i, j))
    pairs: list[tuple[int | None, int | None]] = []
    i = j = 0
    while i < n and j < m:
        if best[i][j] == best[i + 1][j + 1] + weight(i, j):
            pairs.append((old_at + i, new_at + j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((old_at + i, None))
            i += 1
        else:
            pairs.append((None, new_at + j))
            j += 1
    pairs += [(old_at + k, None) for k in range(i, n)]
    pairs += [(None, new_at + k) for k in range(j, m)]
    return pairs


def _paragraphs(content: Content) -> list[tuple[Place, str]]:
    """The paragraphs outside tables that hold text, each with its place (its number, counted
    from 1 over all the paragraphs outside tables)."""
    numbered = enumerate((b for b in content.body if isinstance(b, Paragraph)), 1)
    return [(paragraph_place(n), p.text) for n, p in numbered if p.text.strip()]


def _snippet(text: str, other: str = "") -> str:
    """The start of a paragraph's text, or (beside the other version) its text from a little before
    where the two start to differ."""
    text = " ".join(text.split())
    other = " ".join(other.split())
    start = 0
    if other:
        same = next((i for i, (a, b) in enumerate(zip(text, other)) if a != b), min(len(text), len(other)))
        if same > 30:
            space = text.rfind(" ", 0, same - 15)
            start = space + 1 if space > 0 else 0
    piece = text[start:start + 50]
    return ("... " if start else "") + piece + (" ..." if start + 50 < len(text) else "")


def carry_over_text(edited: Path | None, found: list[Finding], paragraphs: list[str] | tuple[str, ...] = ()) -> str:
    """The lines that tell a person which figures and paragraphs differ between the edited answer
    and the new draft beside it, at most DIFFERENCES_SHOWN and then how many more ('' when there
    are none)."""
    if edited is None or not (found or paragraphs):
        return ""
    lines = [carry_over_line(f) for f in found] + list(paragraphs)
    if found and paragraphs:
        head = _("figures and paragraphs that differ between {edited} and the new draft (carry them over):")
    elif found:
        head = _("figures that differ between {edited} and the new draft (carry them over):")
    else:
        head = _("paragraphs that differ between {edited} and the new draft (carry them over):")
    shown = lines[:DIFFERENCES_SHOWN]
    if len(lines) > len(shown):
        shown.append(_("  ... and {count} more (drafter verify lists every figure)").format(count=len(lines) - len(shown)))
    return "\n".join([head.format(edited=display_path(edited))] + shown)


def carry_over_line(f: Finding) -> str:
    if f.status == FindingStatus.NEW_IN_DATA:
        text = _("  {place}: new in the data, {data}")
    elif f.status == FindingStatus.NOT_IN_DATA:
        text = _("  {place}: {figure} in the edited answer, no longer in the data")
    elif f.status == FindingStatus.REMOVED:
        text = _("  {place}: removed from the edited answer; the new draft has {data}")
    else:
        text = _("  {place}: {now} in the edited answer, {data} in the new draft")
    return text.format(place=f.place.shown(), data=f.data, now=f.now, figure=f.now or f.drafted)


# --------------------------------------------------------------------------- reporting


def _summary(report: AnswerReport) -> str:
    if not report.findings:
        return _("not checked") if report.problems else _("no figures from the data")
    parts = [_(COUNTED[s]).format(count=report.count(s)) for s in FindingStatus if report.count(s)]
    figures = sum(1 for f in report.findings if f.status not in (FindingStatus.NEW_IN_DATA, FindingStatus.DOES_NOT_ADD_UP))
    return ngettext("{count} figure: {findings}", "{count} figures: {findings}", figures).format(
        count=figures, findings=", ".join(parts))


def text_report(reports: list[AnswerReport], quiet: bool = False, skipped: list[Path] | tuple[Path, ...] = ()) -> str:
    """What verify prints: per answer a line and what to look at; with quiet, only the answers
    that do not match (a problem in the standard form: 'error: file, place: message. hint')."""
    lines = []
    for r in reports:
        if quiet and r.ok:
            continue
        head = f"{r.file}" + (f", {r.question}" if r.question else "") + f": {_summary(r)}"
        lines.append(head)
        for p in r.problems:
            lines.append(f"  {format_problem(p)}")
        if r.gaps and not quiet:
            lines.append("  " + _("gaps: {gaps}").format(gaps=gaps_sentence(r.gaps)))
        for f in r.findings:
            if f.status != FindingStatus.AS_DRAFTED or f.moved_from:
                if not quiet or f.mismatch:
                    lines.append(f"  {f.describe()}")
    bad = sum(1 for r in reports if not r.ok)
    if skipped and not quiet:
        lines.append(ngettext("left out {count} backup or new draft beside an answer (name the file to verify it)",
                              "left out {count} backups and new drafts beside answers (name a file to verify it)",
                              len(skipped)).format(count=len(skipped)))
    if not quiet:
        lines.append((ngettext("drafter verify: {count} answer, every figure matches the data",
                               "drafter verify: {count} answers, every figure matches the data", len(reports))
                      if not bad else
                      ngettext("drafter verify: {count} answer, {bad} with figures to look at",
                               "drafter verify: {count} answers, {bad} with figures to look at", len(reports)))
                     .format(count=len(reports), bad=bad))
    return "\n".join(lines)


def json_report(reports: list[AnswerReport], skipped: list[Path] | tuple[Path, ...] = ()) -> str:
    return json.dumps({
        "ok": all(r.ok for r in reports),
        "skipped": [display_path(p) for p in skipped],
        "answers": [{
            "file": r.file,
            "question": r.question,
            "ok": r.ok,
            "counts": {s: r.count(s) for s in FindingStatus},
            "figures": [f.as_dict() for f in r.findings],
            "gaps": [gap.as_dict() for gap in r.gaps],
            "problems": [p.as_dict() for p in r.problems],
        } for r in reports],
    }, ensure_ascii=False, indent=2)

"""`drafter batch`: many answers at once: which questions, spread over processes, and what
became of each.

- `plan` selects questions (by zittingsjaar, numbers, template, minister) and sets apart, as
  failed, the ones that cannot be made: a question the register cannot read, two questions
  that would go to the same file.
- `Answers` makes them, in this process or in a pool of worker processes (commands/workers).
  Each worker builds one Generator when it starts and reuses it (templates compiled once,
  data files read once); a task is only the question, a result a small record. A failing
  question does not stop the others.
- `run` is the whole command: the output folder checked first, the manifest written when
  the run starts and when it ends, PDFs on request. It returns a `BatchResult`.
"""

from __future__ import annotations

import datetime as dt
import re
import signal
import time
import traceback
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from drafter.commands.answer import pdf_gaps_problem
from drafter.commands.update import SentAnswer, UpdateStatus, describe, update_answer
from drafter.commands.verify import carry_over, carry_over_text, paragraph_differences
from drafter.commands.workers import Pool
from drafter.errors import DrafterError, OutputError, Problem, display_path
from drafter.i18n import _, ngettext
from drafter.load.register import Question, Register, Rejected, load_register
from drafter.pipeline import Draft, Generator, file_name, same_file, same_file_problem
from drafter.write.manifest import AnswerRecord, FileHashes, InputFile, Manifest, Role, RunState, sha256_of
from drafter.word.fingerprint import question_id
from drafter.write.output import Ownership, Status, check_folder, ownership, write_answer

_NUMBERS = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")


@dataclass(frozen=True)
class Numbers:
    """Question numbers as ranges ('4,7-9'), so that '1-1000000000' costs nothing."""

    ranges: tuple[tuple[int, int], ...] = ()

    def __contains__(self, number) -> bool:
        return any(first <= number <= last for first, last in self.ranges)

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def __str__(self) -> str:
        return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in sorted(self.ranges))

    def unmatched(self, found: set[int]) -> list[str]:
        """What was asked for and not found: each single number the register lacks, and each
        range of which it has no number at all (a range asks for whatever lies within it)."""
        out: list[str] = []
        for a, b in sorted(self.ranges):
            if a == b and a not in found:
                out.append(str(a))
            elif a != b and not any(a <= n <= b for n in found):
                out.append(f"{a}-{b}")
        return out


def parse_numbers(text: str, option: str = "--question") -> Numbers:
    """'4,7-9' -> 4, 7, 8 and 9; anything else is a DrafterError that shows how to write it."""
    ranges: list[tuple[int, int]] = []
    for piece in text.split(","):
        m = _NUMBERS.match(piece)
        if not m or (m.group(2) and int(m.group(2)) < int(m.group(1))):
            raise DrafterError(
                _("{option} {text!r}: {piece!r} is not a number or a range of numbers").format(
                    option=option, text=text, piece=piece.strip()),
                hint=_("Write numbers and ranges separated by commas, e.g. {option} 4,7-9.").format(option=option),
            )
        first = int(m.group(1))
        ranges.append((first, int(m.group(2) or first)))
    return Numbers(tuple(ranges))


@dataclass(frozen=True)
class Selection:
    """Which questions: empty means all (of that kind)."""

    years: frozenset[str] = frozenset()
    numbers: Numbers = Numbers()
    templates: frozenset[str] = frozenset()
    ministers: frozenset[str] = frozenset()

    def matches(self, zittingsjaar: str | None, number: int | None, template: str | None,
                minister: str | None = None) -> bool:
        """A field the register does not give (None) matches, so its problem is shown."""
        return all(
            not wanted or value is None or value in wanted
            for wanted, value in ((self.years, zittingsjaar), (self.numbers, number), (self.templates, template),
                                  (self.ministers, minister))
        )

    def describe(self) -> str:
        said = []
        if self.years:
            said.append(_("zittingsjaar {years}").format(years=", ".join(sorted(self.years))))
        if self.numbers:
            said.append(_("numbers {numbers}").format(numbers=self.numbers))
        if self.templates:
            said.append(_("template {templates}").format(templates=", ".join(sorted(self.templates))))
        if self.ministers:
            said.append(_("minister {ministers}").format(ministers=", ".join(sorted(self.ministers))))
        return "; ".join(said) or _("all questions")

    def as_dict(self) -> dict:
        out = {"years": sorted(self.years), "numbers": str(self.numbers), "templates": sorted(self.templates)}
        if self.ministers:
            out["ministers"] = sorted(self.ministers)
        return out


@dataclass(frozen=True)
class Plan:
    """What a run will do: the questions to make, and those that fail already."""

    register: Register
    selection: Selection
    questions: tuple[Question, ...]
    failed: tuple[AnswerRecord, ...]
    warnings: tuple[Problem, ...] = ()

    @property
    def total(self) -> int:
        return len(self.questions) + len(self.failed)


def _failed(label: str, problems, *, zittingsjaar=None, number=None, title=None, trace=None) -> AnswerRecord:
    problems = tuple(problems)
    return AnswerRecord(label=label, zittingsjaar=zittingsjaar, number=number, title=title, status=Status.FAILED,
                        problems=problems, message=str(problems[0]) if problems else _("failed"), trace=trace)


def _rejected_record(rejected: Rejected) -> AnswerRecord:
    return _failed(rejected.label, rejected.problems, zittingsjaar=rejected.zittingsjaar, number=rejected.number)


def plan(register: Register, selection: Selection) -> Plan:
    """Select the questions; raise a DrafterError when none is selected."""
    chosen = [q for q in register.questions if selection.matches(q.zittingsjaar, q.number, q.template, q.minister.name)]
    failed = [_rejected_record(r) for r in register.rejected if selection.matches(r.zittingsjaar, r.number, r.template)]
    if not chosen and not failed:
        known = ", ".join(f"{q.number} ({q.zittingsjaar}, {q.template})" for q in register.questions)
        raise DrafterError(
            _("no question in the register matches {selection}; the register has: {questions}").format(
                selection=selection.describe(), questions=known) if known else
            _("no question in the register matches {selection}; the register has: none").format(
                selection=selection.describe()),
            file=display_path(register.path),
            hint=_("Check --question, --year, --minister and --template."),
        )
    warnings: list[Problem] = []
    if selection.numbers:
        found = {q.number for q in chosen} | {r.number for r in register.rejected if r.number is not None}
        missing = selection.numbers.unmatched(found)
        if missing:  # a number mistyped: no answer is made, rather than the others without a word
            if selection.years:
                message = ngettext("the register has no question {numbers} in zittingsjaar {years}; nothing was written",
                                   "the register has no questions {numbers} in zittingsjaar {years}; nothing was "
                                   "written", len(missing))
            else:
                message = ngettext("the register has no question {numbers}; nothing was written",
                                   "the register has no questions {numbers}; nothing was written", len(missing))
            raise DrafterError(
                message.format(numbers=", ".join(missing), years=", ".join(sorted(selection.years))),
                file=display_path(register.path),
                hint=_("Correct --question, or leave out the numbers the register does not have."))
    clashes = {id(q): same_file_problem(q, earlier, name) for q, earlier, name in same_file(chosen)}
    questions = [q for q in chosen if id(q) not in clashes]
    failed += [_failed(q.label, [clashes[id(q)]], zittingsjaar=q.zittingsjaar, number=q.number, title=q.title)
               for q in chosen if id(q) in clashes]
    return Plan(register, selection, tuple(questions), tuple(failed), tuple(warnings))


def read_plan(path: Path | None, selection: Selection) -> Plan:
    """The register of a batch read (lenient: a broken question is Rejected, and fails alone)
    and the run planned."""
    return plan(load_register(path, lenient=True), selection)


@dataclass(frozen=True)
class Settings:
    """What every answer of a run shares; a worker receives it once, when it starts."""

    output: Path
    templates_dir: Path | None = None
    created: dt.datetime | None = None  # the date in the documents' properties
    force: bool = False
    now: dt.datetime = field(default_factory=dt.datetime.now)  # names the backups of this run
    debug: bool = False
    soffice: str | None = None  # LibreOffice's program for --pdf (found before the run starts)
    allow_gaps: bool = False  # --pdf makes a PDF of an answer that still has gaps, too
    update: bool = False  # an edited answer gets the new figures as tracked changes (update), not a draft beside it
    even_if_sent: bool = False  # with update: an answer recorded as sent is changed too


class Worker:
    """Makes and writes answers, one Generator for all of them (in a worker process, or in
    drafter's own with --jobs 1)."""

    def __init__(self, register: Register, settings: Settings) -> None:
        self.register = register
        self.settings = settings
        self.generator = Generator(register, settings.templates_dir, created=settings.created)
        self.hashes = FileHashes()

    def _inputs(self, draft: Draft) -> tuple[InputFile, ...]:
        items = [InputFile(Role.REGISTER, draft.register, self.hashes.of(draft.register)),
                 InputFile(Role.TEMPLATE, draft.template, self.hashes.of(draft.template))]
        items += [InputFile(Role.DATA, path, self.hashes.of(path), name) for name, path in draft.data_files.items()]
        if draft.notes is not None:
            items.append(InputFile(Role.NOTES, draft.notes, self.hashes.of(draft.notes)))
        return tuple(items)

    def make(self, q: Question) -> AnswerRecord:
        fields = dict(zittingsjaar=q.zittingsjaar, number=q.number, title=q.title)
        if self.settings.update:
            target = self.settings.output / file_name(q)
            try:
                if ownership(target, question_id(q)) == Ownership.EDITED:
                    return self._update(q, target, fields)
            except DrafterError as exc:
                return _failed(q.label, exc.problems, **fields)
            except Exception as exc:  # a bug in drafter: this answer fails, the others go on
                return _internal_error(q, exc, traceback.format_exc() if self.settings.debug else None)
        try:
            draft = self.generator.generate(q)
            result = write_answer(self.settings.output / draft.file_name, draft.data,
                                  force=self.settings.force, now=self.settings.now, sent=q.answered)
            inputs = self._inputs(draft)
        except DrafterError as exc:
            return _failed(q.label, exc.problems, **fields)
        except Exception as exc:  # a bug in drafter: this answer fails, the others go on
            return _internal_error(q, exc, traceback.format_exc() if self.settings.debug else None)
        differ = carry_over(result.existing, draft.data) if result.status == Status.BESIDE else []
        paragraphs = paragraph_differences(result.existing, draft.data) if result.status == Status.BESIDE else []
        return AnswerRecord(
            label=q.label, status=result.status, file=result.path, sha256=sha256_of(draft.data),
            size=len(draft.data), kept=result.existing, backup=result.backup, inputs=inputs,
            warnings=draft.warnings, gaps=draft.gaps, message="\n".join(filter(None, (result.message,
                                                                     carry_over_text(result.existing, differ, paragraphs)))),
            **fields,
        )

    def _update(self, q: Question, target: Path, fields: dict) -> AnswerRecord:
        """An edited answer brought up to date with tracked changes: what ``update -q`` does, its
        outcome told as update tells it. An answer update wrote nothing into is only up to date when
        it left nothing for a person either: a figure drafter cannot write in (its earlier change not
        yet accepted, or typed over) is left, and the run says so, as update and verify do."""
        try:
            made = update_answer(target, q, self.generator, self.settings.now.astimezone(dt.timezone.utc),
                                 even_if_sent=self.settings.even_if_sent)
        except SentAnswer as exc:  # it went out as it is: left alone, and said so; the run goes on
            data = target.read_bytes()
            return AnswerRecord(label=q.label, status=Status.SENT, file=target, sha256=sha256_of(data), size=len(data),
                                message=str(exc.problems[0]), **fields)
        data = target.read_bytes()
        if made.status == UpdateStatus.UPDATED:
            status = Status.UPDATED
        else:  # the person's answer as they left it: not 'unchanged', which says the same draft was there
            status = Status.LEFT if made.left else Status.UP_TO_DATE
        return AnswerRecord(label=q.label, status=status, file=target, sha256=sha256_of(data), size=len(data),
                            backup=made.backup, warnings=made.warnings, gaps=made.gaps,
                            message="\n".join(describe(made)), **fields)


def _internal_error(q: Question, exc: Exception, trace: str | None) -> AnswerRecord:
    return _failed(q.label, [Problem(
        _("internal error: {kind}: {error}").format(kind=type(exc).__name__, error=exc),
        file=display_path(q.source), place=q.place,
        hint=_("Report it to the drafter maintainers (--debug shows the traceback)."),
    )], trace=trace, zittingsjaar=q.zittingsjaar, number=q.number, title=q.title)


#: How often (in seconds) a pooled run looks whether Ctrl-C was pressed while it waits for answers.
_LOOK_FOR_CTRL_C = 0.2


class Answers:
    """The answers of a plan being made: iterate for records as they finish (failed ones first).

    With one job they are made in this process; otherwise by a pool of worker processes.
    After Ctrl-C, `close` ends the work (queued answers are not started, running ones
    finish) and returns the records of answers finished but not yet given, so that every
    file written is accounted for. Call `close` in any case: it ends the pool.
    """

    def __init__(self, plan: Plan, settings: Settings, jobs: int, worker: Worker | None = None) -> None:
        self.plan = plan
        self.settings = settings
        self.jobs = max(1, min(jobs, len(plan.questions)))
        self.worker = worker
        self._pool: Pool | None = None
        self._pending: dict[Future, Question] = {}
        self._given: set[Future] = set()

    def __iter__(self) -> Iterator[AnswerRecord]:
        yield from self.plan.failed
        if not self.plan.questions:
            return
        if self.jobs == 1:
            yield from self._here()
        else:
            yield from self._pooled()

    def _here(self) -> Iterator[AnswerRecord]:
        worker = self.worker or Worker(self.plan.register, self.settings)
        with _ctrl_c_between_answers() as asked:
            for q in self.plan.questions:
                if asked():
                    raise KeyboardInterrupt
                yield worker.make(q)
            if asked():
                raise KeyboardInterrupt

    def _pooled(self) -> Iterator[AnswerRecord]:
        # Ctrl-C (and SIGTERM, SIGHUP) is taken between two records, as in _here: raised at any
        # point of this loop it could fall between a record given and the caller's taking it,
        # and that answer, written, would be missing from the manifest.
        with _ctrl_c_between_answers() as asked:
            # Submitting starts the workers, before the caller starts any thread (fork is safe).
            self._pool = Pool(self.jobs, Worker, self.plan.register, self.settings)
            self._pending = {self._pool.submit(Worker.make, q): q for q in self.plan.questions}
            waiting = set(self._pending)
            while waiting:
                if asked():
                    raise KeyboardInterrupt
                done, waiting = wait(waiting, timeout=_LOOK_FOR_CTRL_C, return_when=FIRST_COMPLETED)
                for future in done:
                    self._given.add(future)
                    yield self._record(future)
            if asked():
                raise KeyboardInterrupt

    def _record(self, future: Future) -> AnswerRecord:
        q = self._pending[future]
        try:
            return future.result()
        except BrokenProcessPool:
            return _failed(q.label, [Problem(
                _("the worker process making this answer ended before it was done (it was killed, or the "
                  "machine ran out of memory)"), file=display_path(q.source), place=q.place,
                hint=_("Run again; if it happens again, run with --jobs 1 and report it."),
            )], zittingsjaar=q.zittingsjaar, number=q.number, title=q.title)
        except Exception as exc:  # a bug in drafter (a question or record that cannot be sent): this answer fails
            return _internal_error(q, exc, traceback.format_exc() if self.settings.debug else None)

    def close(self) -> list[AnswerRecord]:
        if self._pool is None:
            return []
        pool, self._pool = self._pool, None
        pool.shutdown()
        late = [f for f in self._pending if f not in self._given and f.done() and not f.cancelled()]
        self._given.update(late)
        return [self._record(f) for f in late]


@contextmanager
def _ctrl_c_between_answers():
    """In this process, Ctrl-C takes effect between two answers, never inside one: yields asked()."""
    asked: list[bool] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: asked.append(True))
    except ValueError:  # not the main thread: Ctrl-C is not ours to handle
        previous = None
    try:
        yield lambda: bool(asked)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


# --------------------------------------------------------------------------- the command


@dataclass
class BatchResult:
    records: list[AnswerRecord]
    manifest: Path
    state: RunState  # FINISHED or INTERRUPTED
    pdf_problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0
    run_problems: list[Problem] = field(default_factory=list)  # the manifest could not be written
    pdf_gaps: list[Problem] = field(default_factory=list)  # answers with gaps: no PDF made of them

    def count(self, status: Status) -> int:
        return sum(1 for r in self.records if r.status == status)

    @property
    def failed(self) -> int:
        return self.count(Status.FAILED) + len(self.pdf_problems) + len(self.pdf_gaps) + len(self.run_problems)


def run(plan: Plan, settings: Settings, *, jobs: int, pdf: bool = False,
        options: dict | None = None, on_record: Callable[[AnswerRecord], None] | None = None) -> BatchResult:
    """The whole batch: check, manifest, answers, PDFs, manifest. Ctrl-C ends it cleanly."""
    started = time.perf_counter()
    soffice = None
    if pdf:
        from drafter.write.pdf import require_soffice

        soffice = require_soffice(settings.soffice)  # before any answer is made
    worker = Worker(plan.register, settings)  # a broken notes file stops the run here, once
    check_folder(settings.output)
    manifest = Manifest(settings.output, settings.now, options or {})
    manifest.write([], RunState.RUNNING)
    records: list[AnswerRecord] = []
    state = RunState.FINISHED
    answers = Answers(plan, settings, jobs, worker)

    inputs: dict[tuple, tuple] = {}  # answers mostly share their inputs: the run keeps each set once

    def take(record: AnswerRecord) -> None:
        if record.inputs:
            record = replace(record, inputs=inputs.setdefault(record.inputs, record.inputs))
        records.append(record)
        if on_record is not None:
            on_record(record)

    try:
        for record in answers:
            take(record)
    except KeyboardInterrupt:
        state = RunState.INTERRUPTED
    finally:
        for record in answers.close():  # answers finished while Ctrl-C was being handled
            take(record)
    records.sort(key=_register_order)
    pdf_problems: list[Problem] = []
    pdf_gaps: list[Problem] = []
    if pdf and state == RunState.FINISHED:
        from drafter.write.pdf import convert

        made_docs = [r for r in records if r.status != Status.FAILED and r.file is not None]
        docs = [r.file for r in made_docs if settings.allow_gaps or not r.gaps]
        pdf_gaps = [pdf_gaps_problem(r.label, r.gaps, display_path(r.file), docx_written=True)
                    for r in made_docs if r.gaps and not settings.allow_gaps]
        try:
            made, pdf_problems = convert(docs, jobs=jobs, soffice=soffice) if docs else ({}, [])
        except KeyboardInterrupt:
            state, made = RunState.INTERRUPTED, {}
        records = [_with_pdf(r, made.get(r.file)) for r in records]
    run_problems: list[Problem] = []
    try:
        path = manifest.write(records, state, dt.datetime.now())
    except OutputError as exc:  # the answers are made: say so, and that the record of the run is not
        path, run_problems = manifest.path, list(exc.problems)
    return BatchResult(records, path, state, pdf_problems, time.perf_counter() - started, run_problems, pdf_gaps)


def _register_order(record: AnswerRecord) -> tuple:
    """Records by zittingsjaar and number, whatever order they finished in: manifests can be compared."""
    return (record.zittingsjaar or "", -1 if record.number is None else record.number, record.label)


def _with_pdf(record: AnswerRecord, pdf: Path | None) -> AnswerRecord:
    return record if pdf is None else replace(record, pdf=pdf)

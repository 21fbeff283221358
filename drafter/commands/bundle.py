"""`drafter bundle`: the answers of a day (or of a selection) in one document for signature.

The answers are those the output folder holds for the register's questions, chosen by number
(``--question 4,5,8``), zittingsjaar, the date of the answer the register gives (``--date``,
its ``answered:``) or the state ``status`` shows (``--state``); each is checked to be drafter's
answer to its question, and all must be on the same paper. The bundle (``write/bundle``) has
a first page listing them (number, asker, title) and each answer from a new page; ``pdf``
makes its PDF with LibreOffice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafter import oxml, paths
from drafter.commands import status as st
from drafter.commands.batch import Numbers
from drafter.errors import WARNING, DataError, DrafterError, Problem, display_path
from drafter.files import read_bytes
from drafter.i18n import _, ngettext
from drafter.load.register import Question, load_register
from drafter.oxml import compose
from drafter.oxml.opc import MAIN_DOCUMENT
from drafter.pipeline import file_name
from drafter.view.formatting import Formatter, words_of
from drafter.word.fingerprint import QUESTION_ID, question_id, recorded_properties
from drafter.word.gaps import tracked_changes, tracked_sentence
from drafter.word.read_answer import MAX_ANSWER_BYTES, read_package
from drafter.write.bundle import BUNDLE_FOLDER, Cover, join, write_bundle


@dataclass(frozen=True)
class Choice:
    """Which answers to join: every answer in the output folder, narrowed by each given."""

    numbers: Numbers = Numbers()
    years: frozenset[str] = frozenset()
    answered: dt.date | None = None  # the date of the answer the register gives (answered:)
    state: str | None = None  # a state as status shows it
    today: dt.date = field(default_factory=dt.date.today)  # for the states (late)


@dataclass(frozen=True)
class Bundled:
    path: Path
    questions: tuple[Question, ...]
    answers: tuple[Path, ...]
    warnings: tuple[Problem, ...] = ()  # what of an answer is not in the bundle (comments of its notes)


def _cm(twips: int) -> str:
    return f"{twips / 567:.1f}".replace(".", ",")


def chosen(project: paths.Project, choice: Choice) -> list[tuple[Question, Path]]:
    """The questions chosen and their answers in the output folder, by zittingsjaar and number."""
    register = load_register(project.register)
    shown_register = display_path(register.path)
    questions = sorted(register.questions, key=lambda q: (q.zittingsjaar, q.number))
    questions = [q for q in questions if (not choice.years or q.zittingsjaar in choice.years)
                 and (not choice.numbers or q.number in choice.numbers)]
    if choice.answered is not None:
        questions = [q for q in questions if q.answered == choice.answered]
    if choice.state is not None:
        wanted = st.state_named(choice.state)
        if wanted is None:
            raise DrafterError(_("--state {state!r} is not a state of an answer").format(state=choice.state),
                               hint=_("The states are: {states}.").format(states=", ".join(st.state_words())))
        rows = st.status_rows(register, project.output, choice.today)
        states = {(r.zittingsjaar, r.number, r.minister): r.state for r in rows}
        questions = [q for q in questions if states.get((q.zittingsjaar, q.number, q.minister.name)) == wanted]
    if choice.numbers:
        found = {q.number for q in questions}
        asked = [n for first, last in choice.numbers.ranges for n in range(first, min(last, first + 1000) + 1)
                 if n not in found and not any(q.number == n for q in register.questions)]
        if asked:
            raise DataError(_("there is no question {numbers} in the register").format(
                numbers=", ".join(map(str, asked))), file=shown_register,
                hint=_("Give the numbers of questions in the register with --question."))
    if not questions:
        raise DataError(_("no answer is chosen to bundle"), file=shown_register,
                        hint=_("Check --question, --year, --date and --state against drafter status."))
    out, missing = [], []
    for q in questions:
        path = project.output / file_name(q)
        if path.is_file():
            out.append((q, path))
        else:
            missing.append(Problem(_("{question} has no answer in the output folder").format(question=q.label),
                                   file=display_path(path), hint=_("Draft it first: drafter answer -q {number}.")
                                   .format(number=q.number)))
    if missing:
        raise DataError(problems=missing)
    return out


def _read(q: Question, path: Path) -> tuple[bytes, dict[str, bytes]]:
    """An answer's bytes and parts, once it is known to be drafter's answer to q."""
    shown = display_path(path)
    data = read_bytes(path, MAX_ANSWER_BYTES, what=_("answer"), too_large_hint=_(
        "An answer drafter wrote is far smaller: move this file away and draft the answer again with "
        "drafter answer -q {number}.").format(number=q.number))
    parts = read_package(data, shown)
    recorded = recorded_properties(parts).get(QUESTION_ID)
    if recorded is None:
        raise DataError(_("this is not an answer drafter made, so it is not joined"), file=shown,
                        hint=_("Bundle the answers drafter wrote (edited in Word is fine); draft this one with "
                               "drafter answer -q {number}.").format(number=q.number))
    if recorded != question_id(q):
        raise DataError(_("this is the answer to question {recorded}, not to {question}").format(
            recorded=recorded, question=q.label), file=shown,
            hint=_("Put the answer to {question} under this name, or draft it again.").format(question=q.label))
    return data, parts


def bundle(project: paths.Project, choice: Choice, to: Path | None = None) -> Bundled:
    """Join the chosen answers into one .docx; the file written and what it holds."""
    answers = chosen(project, choice)
    data, problems, pages = [], [], []
    for q, path in answers:
        try:
            answer, parts = _read(q, path)
            tracked = tracked_changes(parts)
        except DrafterError as exc:
            problems.extend(exc.problems)
            continue
        except oxml.XMLSyntaxError as exc:
            problems.append(Problem(_("the answer's text is damaged ({reason})").format(reason=exc),
                                    file=display_path(path), hint=_("Open it in Word, save it, and bundle again.")))
            continue
        if tracked:  # a bundle for signature, and its PDF, would show the old text beside the new
            problems.append(Problem(
                _("{changes}; an answer for signature shows them as markup, old and new text side by side, so "
                  "nothing was bundled").format(changes=tracked_sentence(tracked)), file=display_path(path),
                hint=_("Accept or reject them in Word, save the answer and bundle again; or leave this answer out "
                       "with --question.")))
            continue
        data.append(answer)
        pages.append((path, compose.page_size(parts[MAIN_DOCUMENT])))
    if problems:
        raise DataError(problems=problems)
    first_path, first_page = pages[0]
    for path, page in pages[1:]:
        if page != first_page:
            problems.append(Problem(
                _("its pages are {width} x {height} cm, those of {first} {first_width} x {first_height} cm: answers on "
                  "different paper cannot be printed as one").format(
                    width=_cm(page[0]), height=_cm(page[1]), first=display_path(first_path),
                    first_width=_cm(first_page[0]), first_height=_cm(first_page[1])),
                file=display_path(path), hint=_("Bundle the answers of each paper size apart (--question).")))
    if problems:
        raise DataError(problems=problems)
    first = answers[0][0]
    words = words_of(first.style.locale)
    count = words["bundle_count"]["one" if len(answers) == 1 else "other"].format(count=len(answers))
    subtitle = count if choice.answered is None else \
        f"{Formatter(locale=first.style.locale).date(choice.answered)}: {count}"
    cover = Cover(words["bundle_title"], subtitle, tuple(words["bundle_columns"]),
                  [(f"{q.number} ({q.zittingsjaar})", q.asker, q.title) for q, _path in answers])
    joined = join(data, cover)
    warnings = tuple(Problem(ngettext(
        "{count} comment of this answer is in a footnote or a header, which the bundle does not carry: it is left "
        "out of the bundle",
        "{count} comments of this answer are in a footnote or a header, which the bundle does not carry: they are "
        "left out of the bundle", left_out).format(count=left_out), file=display_path(path),
        hint=_("The answer itself keeps all its comments; to have one in the bundle, put it on the answer's text in "
               "Word and bundle again."),
        severity=WARNING) for (_q, path), left_out in zip(answers, joined.comments_left_out) if left_out)
    if to is not None:
        path = write_bundle(to, joined.data, named=True)
    else:
        stem = BUNDLE_FOLDER + (f"-{choice.answered.isoformat()}" if choice.answered else "")
        path = write_bundle(project.output / BUNDLE_FOLDER / f"{stem}.docx", joined.data, named=False)
    return Bundled(path, tuple(q for q, _p in answers), tuple(p for _q, p in answers), warnings)


def pdf(bundled: Bundled, soffice: str) -> Path:
    """The bundle as PDF beside it (LibreOffice)."""
    from drafter.write.pdf import convert_to_pdf

    return convert_to_pdf([bundled.path], soffice=soffice)[0]

"""`drafter answer`: one question's answer, drafted and written where it belongs.

`answer` reads the register, drafts the answer (pipeline), writes it by write/output's
rules (never over a person's edits) and, when a new draft goes beside an edited answer, tells
which figures and paragraphs differ between the two (verify's carry-over). `pdf` converts it afterwards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.commands.verify import Finding, carry_over, paragraph_differences
from drafter.errors import DrafterError, Problem, display_path
from drafter.i18n import N_, _
from drafter.load.register import Question, Register, load_register
from drafter.pipeline import Draft, Generator
from drafter.word.gaps import Gap, gaps_sentence
from drafter.write.output import Status, WriteResult, check_folder, write_answer

#: What a person does about an answer with gaps that was to become a PDF (translated where it is shown).
PDF_GAPS_HINT = N_("Fill them in (in the register, or in the answer in Word), or add --allow-gaps for a PDF of the "
                   "draft as it is.")


@dataclass(frozen=True)
class Answered:
    question: Question
    draft: Draft
    written: WriteResult
    carry_over: tuple[Finding, ...] = ()  # with a new draft beside an edited answer: the figures that differ
    paragraphs: tuple[str, ...] = ()  # and the paragraphs that differ, as lines a person reads


def answer(project: paths.Project, number: int, zittingsjaar: str | None = None, minister: str | None = None, *,
           output_given: bool = False, created: dt.datetime | None = None, force: bool = False,
           for_pdf: bool = False, register: Register | None = None, generator: Generator | None = None) -> Answered:
    """Draft and write the answer to question `number` of the project's register.

    output_given: the project's output was given by the user (--output), and may name the
    .docx itself; created: the date in the document's properties (None: none, so the same
    inputs give the same bytes); force: replace an edited answer after keeping a backup;
    for_pdf: the answer is to become a PDF, so a draft with gaps is refused before anything
    is written; register and generator: the project's register as read already and a Generator
    made for it (a server that keeps them), else both are read and made here."""
    register = register or load_register(project.register)
    question = register.find(number, zittingsjaar, minister)
    draft = (generator or Generator(register, project.templates, created=created)).generate(question)
    if for_pdf and draft.gaps:
        raise DrafterError(problems=[pdf_gaps_problem(question.label, draft.gaps, display_path(question.source),
                                                      question.place)])
    target = paths.answer_target(project.output, draft.file_name, given=output_given)
    check_folder(target.parent)
    written = write_answer(target, draft.data, force=force, sent=question.answered)
    if written.status != Status.BESIDE:
        return Answered(question, draft, written)
    return Answered(question, draft, written, tuple(carry_over(written.existing, draft.data)),
                    tuple(paragraph_differences(written.existing, draft.data)))


def pdf_gaps_problem(label: str, gaps: tuple[Gap, ...], file: str, place: str | None = None, *,
                     docx_written: bool = False) -> Problem:
    """Why an answer with gaps is not made into a PDF: its gaps and their places."""
    if docx_written:
        message = _("{question}: the answer still has {gaps}, so no PDF is made; its .docx is written")
    else:
        message = _("{question}: the answer still has {gaps}, so no PDF is made and nothing was written")
    return Problem(message.format(question=label, gaps=gaps_sentence(gaps)), file=file, place=place,
                   hint=_(PDF_GAPS_HINT))


def pdf(answered: Answered, soffice: str) -> list[Path]:
    """The answer as PDF beside it, made by LibreOffice's program `soffice`."""
    from drafter.write.pdf import convert_to_pdf

    return convert_to_pdf([answered.written.path], soffice=soffice)

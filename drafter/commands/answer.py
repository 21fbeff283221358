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
from drafter.load.register import Question, load_register
from drafter.pipeline import Draft, Generator
from drafter.write.output import Status, WriteResult, check_folder, write_answer


@dataclass(frozen=True)
class Answered:
    question: Question
    draft: Draft
    written: WriteResult
    carry_over: tuple[Finding, ...] = ()  # with a new draft beside an edited answer: the figures that differ
    paragraphs: tuple[str, ...] = ()  # and the paragraphs that differ, as lines a person reads


def answer(project: paths.Project, number: int, zittingsjaar: str | None = None, minister: str | None = None, *,
           output_given: bool = False, created: dt.datetime | None = None, force: bool = False) -> Answered:
    """Draft and write the answer to question `number` of the project's register.

    output_given: the project's output was given by the user (--output), and may name the
    .docx itself; created: the date in the document's properties (None: none, so the same
    inputs give the same bytes); force: replace an edited answer after keeping a backup."""
    register = load_register(project.register)
    question = register.find(number, zittingsjaar, minister)
    draft = Generator(register, project.templates, created=created).generate(question)
    target = paths.answer_target(project.output, draft.file_name, given=output_given)
    check_folder(target.parent)
    written = write_answer(target, draft.data, force=force)
    if written.status != Status.BESIDE:
        return Answered(question, draft, written)
    return Answered(question, draft, written, tuple(carry_over(written.existing, draft.data)),
                    tuple(paragraph_differences(written.existing, draft.data)))


def pdf(answered: Answered, soffice: str) -> list[Path]:
    """The answer as PDF beside it, made by LibreOffice's program `soffice`."""
    from drafter.write.pdf import convert_to_pdf

    return convert_to_pdf([answered.written.path], soffice=soffice)

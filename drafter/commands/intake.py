"""`drafter intake SOURCE`: read the question, check it is new, propose a template, add it.

The files it works on (the register, the templates folder) are found in `files_of` only, so
that a project folder can supply them in one place. `intake` returns what was added (or, with
dry_run, would be); `describe` says it in lines for people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from drafter import paths
from drafter.deadlines import Deadlines, deadlines
from drafter.errors import WARNING, DataError, Problem, display_path
from drafter.i18n import _, date_text
from drafter.intake import opendata
from drafter.intake.document import read_question_bytes, read_question_document
from drafter.intake.earlier import find_earlier, start_from as earlier_answer
from drafter.intake.entry import ANSWER_PLACEHOLDER, new_entry, refuse_duplicate
from drafter.intake.question import NewQuestion, check_zittingsjaar, field_name, zittingsjaar_of
from drafter.write.register import append_entry, entry_text, find_entry
from drafter.load.register import UNKNOWN_PERSON, Register, load_register


@dataclass(frozen=True)
class IntakeFiles:
    register: Path
    templates: Path


def files_of(register: Path | None, templates: Path | None) -> IntakeFiles:
    """Where intake reads and writes: the project's register and templates (or what the options say)."""
    return IntakeFiles(register=Path(register), templates=Path(templates))


@dataclass(frozen=True)
class IntakeResult:
    question: NewQuestion
    template: str
    text: str  # the entry as written (or, with dry_run, as it would be)
    line: int | None  # where it starts in the register; None with dry_run
    deadlines: Deadlines | None
    started_from: tuple[str, ...] = ()  # with --from: what was taken from the earlier answer, and left out
    warnings: tuple[Problem, ...] = ()  # what the person should check: a date unknown, or after today


def read_source(source: str, *, service: str | None = None, document: Path | None = None) -> NewQuestion:
    """The question from an open-data id or URL, a saved record (.json) or a question document.
    A record and its document must agree on the facts both give (`disagreements`)."""
    if opendata.is_remote(source) or source.lower().endswith(".json"):
        record, shown = opendata.read_record(source, service)
        q = opendata.record_question(record, shown)
        if document is not None:
            texts = read_question_document(document)
        else:
            urls = opendata.document_urls(record, shown)
            if not urls:
                return q
            try:
                data, suffix = opendata.fetch_document(urls[0])
            except DataError as exc:
                problem = exc.problems[0]
                raise DataError(_("the question document of this record cannot be fetched: {reason}").format(
                    reason=problem.message), file=problem.file, hint=_(
                    "Save the question document and give it with --document FILE, or try again later.")) from exc
            texts = read_question_bytes(data, suffix, urls[0])
        found = disagreements(q, texts)
        if found:
            raise DataError(_("the record and the question document {document} are not about the same question: "
                              "{differences}; nothing was written").format(document=texts.source,
                                                                           differences="; ".join(found)),
                            file=shown, hint=_("Give the question document of this record (or the record of this "
                                               "document)."))
        return _merge(q, texts)
    if document is not None:
        raise DataError(_("--document goes with an open-data record, and {source} is a question document itself")
                        .format(source=source),
                        hint=_("Leave out --document, or give the record's id, URL or saved .json as SOURCE."))
    return read_question_document(Path(source))


def same_name(a: str, b: str) -> bool:
    """Whether two names are one person's: compared without case, accents and word order
    ("Jo Brouns", "BROUNS Jo"; "Hilde Crevits", "hilde crévits")."""
    def words(name: str) -> list[str]:
        plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
        return sorted(re.findall(r"\w+", plain.casefold()))

    return words(a) == words(b)


def disagreements(record: NewQuestion, texts: NewQuestion) -> list[str]:
    """What a record and its question document say otherwise, fact by fact (a fact one of them
    does not give is no disagreement)."""
    out = []

    def differ(what: str, a, b) -> None:
        out.append(_("{what}: {a} in the record, {b} in the document").format(what=what, a=a, b=b))

    if record.number != texts.number:
        differ(_("number"), record.number, texts.number)
    if record.zittingsjaar and texts.zittingsjaar and record.zittingsjaar != texts.zittingsjaar:
        differ(field_name("zittingsjaar"), record.zittingsjaar, texts.zittingsjaar)
    if record.date is not None and texts.date is not None and record.date != texts.date:
        differ(field_name("date"), date_text(record.date), date_text(texts.date))
    for what, a, b in ((field_name("asker"), record.asker, texts.asker),
                       (field_name("minister: name"), record.minister_name, texts.minister_name)):
        if UNKNOWN_PERSON not in (a, b) and not same_name(a, b):
            differ(what, repr(a), repr(b))
    return out


def _merge(record: NewQuestion, texts: NewQuestion) -> NewQuestion:
    """The record's facts, completed with the document's texts and what the record lacks."""
    def pick(a, b):
        return a if a not in (None, UNKNOWN_PERSON) else b

    return dataclasses.replace(
        record,
        zittingsjaar=pick(record.zittingsjaar, texts.zittingsjaar),
        date=pick(record.date, texts.date),
        asker=pick(record.asker, texts.asker),
        minister_name=pick(record.minister_name, texts.minister_name),
        minister_title=pick(texts.minister_title, record.minister_title),
        title=pick(record.title, texts.title),
        introduction=texts.introduction,
        subquestions=texts.subquestions,
    )


def _subject(title: str) -> str:
    return title.split(" - ")[0].strip().casefold()


def propose_template(register: Register, q: NewQuestion) -> str:
    """The template of the latest question on the same subject ("Subject - ...") put to the same
    minister, else the general one. A cabinet answers its own minister's questions in its own
    way; an example in another layout on the same subject is no reason to propose that layout."""
    minister = q.minister_name.casefold()
    same = [x for x in register.questions
            if _subject(x.title) == _subject(q.title) and q.title != UNKNOWN_PERSON
            and x.minister.name.casefold() == minister]
    return same[-1].template if same else paths.GENERAL_TEMPLATE


def completed(q: NewQuestion, date: dt.date | None, zittingsjaar: str | None) -> NewQuestion:
    """q with the date (--date) and the zittingsjaar (--year) a person gives where the source
    does not; where the source does give them, they must agree."""
    if zittingsjaar is not None:
        zittingsjaar = check_zittingsjaar(zittingsjaar, "--year", None)
    if date is not None:
        if q.date is not None and q.date != date:
            raise DataError(_("the source dates the question {source_date}, and --date says {date}").format(
                source_date=date_text(q.date), date=date_text(date)), file=q.source,
                hint=_("Leave out --date: the source's date counts."))
        q = dataclasses.replace(q, date=date)
    if q.date is not None and q.zittingsjaar is None:
        q = dataclasses.replace(q, zittingsjaar=zittingsjaar_of(q.date))
    if zittingsjaar is not None:
        if q.zittingsjaar is not None and q.zittingsjaar != zittingsjaar:
            raise DataError(_("the question belongs to the zittingsjaar {found}, and --year says {year}").format(
                found=q.zittingsjaar, year=zittingsjaar), file=q.source,
                hint=_("Leave out --year, or correct --date."))
        q = dataclasses.replace(q, zittingsjaar=zittingsjaar)
    return q


def _warnings(q: NewQuestion, register: Path, line: int | None, today: dt.date) -> tuple[Problem, ...]:
    from drafter import places

    where = {"file": display_path(register), "place": places.line(line) if line is not None else None,
             "severity": WARNING}
    if q.date is None:
        return (Problem(_("the date of question {number} is unknown, so its deadlines cannot be computed until it "
                          "is filled in").format(number=q.number),
                        hint=_("Fill in 'date:' in the entry when the date is known, or take the question in with "
                               "--date."), **where),)
    if q.date > today:
        return (Problem(_("question {number} is dated {date}, after today ({today})").format(
            number=q.number, date=date_text(q.date), today=date_text(today)),
            hint=_("Check the date in the source, and correct 'date:' in the entry if it is wrong."), **where),)
    return ()


def intake(source: str, files: IntakeFiles, *, template: str | None = None, document: Path | None = None,
           service: str | None = None, dry_run: bool = False, start_from: str | None = None,
           date: dt.date | None = None, zittingsjaar: str | None = None, today: dt.date | None = None) -> IntakeResult:
    """Add the question source gives to the register; date and zittingsjaar: what a person
    gives (--date, --year) where the source does not."""
    register = load_register(files.register, lenient=True)  # the house settings; the questions there
    q = completed(read_source(source, service=service, document=document), date, zittingsjaar)
    today = today or dt.date.today()
    if q.zittingsjaar is None:
        raise DataError(_("the source gives neither the zittingsjaar nor the date of the question"), file=q.source,
                        hint=_("Give the question's date with --date (e.g. {example}), or its zittingsjaar with --year "
                               "(e.g. {year}).").format(example=today.strftime("%d/%m/%Y"),
                                                        year=zittingsjaar_of(today)))
    existing = find_entry(files.register, q.zittingsjaar, q.number, q.minister_name)
    if existing is not None:
        raise refuse_duplicate(files.register, existing, q)
    earlier = find_earlier(files.register, start_from, q.minister_name) if start_from is not None else None
    chosen = template or (earlier.entry.get("template") if earlier is not None else None) or propose_template(register, q)
    if Path(chosen).name != chosen or not chosen.lower().endswith(".docx"):
        raise DataError(_("--template {template!r} must be the name of a .docx file in the templates folder").format(
                        template=chosen), hint=_("Give the file name only, e.g. --template algemeen.docx."))
    if not (files.templates / chosen).is_file():
        raise DataError(_("there is no template {template!r}").format(template=chosen),
                        file=display_path(files.templates), hint=_("Name a .docx file in this folder with --template."))
    entry = new_entry(q, chosen)
    started = ()
    if earlier is not None:
        started = tuple(earlier_answer(entry, files.register, earlier, q.zittingsjaar, q.subquestions,
                                       template is not None, ANSWER_PLACEHOLDER))
    due = deadlines(q.date, register.deadlines) if q.date is not None else None
    if dry_run:
        return IntakeResult(q, entry["template"], entry_text(entry), None, due, started,
                            _warnings(q, files.register, None, today))
    # checked again under the register's lock: another intake may add the same question meanwhile
    line = append_entry(files.register, entry, refuse=lambda found: refuse_duplicate(files.register, found, q))
    return IntakeResult(q, entry["template"], entry_text(entry), line, due, started,
                        _warnings(q, files.register, line, today))


def describe(result: IntakeResult, register: Path) -> list[str]:
    """What intake tells the user, line by line."""
    q = result.question
    lines = []
    if result.line is None:
        lines.append(_("question {number} ({year}) from {source} would be added to {register} (--dry-run: nothing "
                       "written):").format(number=q.number, year=q.zittingsjaar, source=q.source,
                                           register=display_path(register)))
        lines.append(result.text.rstrip("\n"))
    else:
        lines.append(_("added question {number} ({year}) from {source} to {register}, line {line}, with template "
                       "{template}").format(number=q.number, year=q.zittingsjaar, source=q.source,
                                            register=display_path(register), line=result.line,
                                            template=result.template))
    if result.deadlines is not None:
        d = result.deadlines
        lines.append(_("asked {asked}; due {due} (legal: 20 working days), {internal} (internal)").format(
            asked=date_text(d.asked), due=date_text(d.due), internal=date_text(d.internal_due)))
    lines += [_("from the earlier answer: {note}").format(note=note) for note in result.started_from]
    unknown = q.unknown()
    if unknown:
        lines.append(_("not in the source, left unknown (N.N. or empty): {fields}").format(fields=", ".join(unknown)))
    return lines

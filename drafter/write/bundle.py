"""Answers joined into one document for signature (``drafter bundle``).

The minister signs a day's answers together. docxcompose (a library built on python-docx for
exactly this) copies each answer's body into one document with its styles, its numbered lists
(numbering restarts in each answer, as it did alone) and its footnotes; drafter's XML layer
(``oxml/compose``) makes the first page, which lists the answers, and gives every answer a
section of its own: it starts on a new page, its page numbers start at 1, and its page and
footer are those of the answers. The file is written under a name no other file has, never
over an earlier bundle a person may have annotated.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import OutputError, display_path
from drafter.i18n import _
from drafter.oxml import compose, opc
from drafter.write.output import check_folder, link_new, staged, write_new

#: Where a project's bundles go, in its output folder (not among the answers, which verify reads).
BUNDLE_FOLDER = "ter-ondertekening"


@dataclass(frozen=True)
class Cover:
    """What the first page says: its title, the line under it, the table's header and rows."""

    title: str
    subtitle: str
    header: tuple[str, str, str]
    rows: list[tuple[str, str, str]]


def join(answers: list[bytes], cover: Cover) -> bytes:
    """One .docx: the first page, then each answer (its parts already read and checked) from a
    new page. The first answer's styles, page and footer are the bundle's."""
    import docx
    from docxcompose.composer import Composer

    first = opc.read_zip(answers[0], max_unpacked=MAX_UNPACKED, what=_("a Word document"))
    master = docx.Document(io.BytesIO(opc.write_zip(compose.cover(first, cover.title, cover.subtitle, cover.header,
                                                                   cover.rows))))
    composer = Composer(master)
    body = master.element.body
    starts = []
    for data in answers:
        starts.append(len(body) - 1)  # before the body's own section properties, which stay last
        composer.append(docx.Document(io.BytesIO(data)))
    compose.sections_per_answer(body, starts)
    out = io.BytesIO()
    master.save(out)
    return out.getvalue()


#: Limits for reading an answer to join (as for reading one back).
MAX_UNPACKED = 100 * 1024 * 1024


def write_bundle(target: Path, data: bytes, *, named: bool) -> Path:
    """The bundle at target; `named`: the person chose the name (--to), and a file of that name is
    refused, never replaced; else the first free name of drafter's (-2, -3, ...) is taken."""
    check_folder(target.parent)
    if not named:
        return write_new(target, data)
    with staged(target.parent, target.name, data) as tmp:
        if not link_new(tmp, target):
            raise OutputError(_("the file exists already, and drafter never writes over a file a person may have "
                                "edited"), file=display_path(target),
                              hint=_("Give another name with --to, or move that file away."))
    return target

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
from drafter.oxml import comments, compose, opc
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


@dataclass(frozen=True)
class Joined:
    """The bundle's bytes, and for each answer (in order) how many of its comments are in the
    bundle and how many are left out (those not in its text: in a footnote or a header)."""

    data: bytes
    comments: tuple[int, ...]
    comments_left_out: tuple[int, ...]


def join(answers: list[bytes], cover: Cover) -> Joined:
    """One .docx: the first page, then each answer (its parts already read and checked) from a
    new page. The first answer's styles, page and footer are the bundle's. docxcompose copies
    an answer's comment marks but not its comments: they are carried here (``oxml/comments``),
    numbered on through the bundle, so that the cabinet's remarks stay where they were made."""
    import docx
    from docxcompose.composer import Composer

    first = opc.read_zip(answers[0], max_unpacked=MAX_UNPACKED, what=_("a Word document"))
    master = docx.Document(io.BytesIO(opc.write_zip(compose.cover(first, cover.title, cover.subtitle, cover.header,
                                                                   cover.rows))))
    composer = Composer(master)
    body = master.element.body
    starts, carried = [], []
    for data in answers:
        start = len(body) - 1  # before the body's own section properties, which stay last
        starts.append(start)
        composer.append(docx.Document(io.BytesIO(data)))
        parts = opc.read_zip(data, max_unpacked=MAX_UNPACKED, what="a Word document")
        carried.append(comments.carry(list(body)[start:len(body) - 1], parts, sum(c.count for c in carried)))
    compose.sections_per_answer(body, starts)
    out = io.BytesIO()
    master.save(out)
    package = opc.Package(opc.read_zip(out.getvalue(), max_unpacked=MAX_UNPACKED * (len(answers) + 1),
                                       what="a Word document"))
    comments.put_carried(package, carried)
    return Joined(opc.write_zip(package.parts()), tuple(c.count for c in carried),
                  tuple(c.left_out for c in carried))


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

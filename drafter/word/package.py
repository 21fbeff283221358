"""The .docx package as a zip of parts: read a template safely, write an answer reproducibly.

Reading refuses what is not a Word file, and zip bombs, before anything is unpacked.
Writing puts the parts in a fixed order with fixed timestamps, so the same inputs give
the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from drafter.files import stat_file
from drafter.ooxml import MAX_ENTRIES, unpack_problem  # noqa: F401 - the limits of any package read
from drafter.errors import TemplateProblem, display_path

#: Limits for a template: an answer template is tens of kilobytes.
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 100 * 1024 * 1024

#: Every entry of a written answer carries this time, so output is byte-identical.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

MAIN_DOCUMENT = "word/document.xml"
TEMPLATE_MISSING_HINT = "Check the template name in the register; templates live in answer_templates/ (or --templates)."


def read_parts(path: Path) -> dict[str, bytes]:
    """All entries of a .docx, in their order; a corrupt file or zip bomb is a TemplateProblem."""
    shown = display_path(path)
    hint = "Open the template in Word and save it again as a .docx (Word document)."
    size = stat_file(path, TemplateProblem, TEMPLATE_MISSING_HINT, what="template").st_size
    if size > MAX_TEMPLATE_BYTES:
        raise TemplateProblem(f"the template is too large ({size // 1024 // 1024} MB)", file=shown, hint=hint)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise TemplateProblem("not a Word document (.docx): the file is not a valid zip package", file=shown, hint=hint) from None
    with archive:
        infos = archive.infolist()
        reason = unpack_problem(infos, MAX_UNPACKED_BYTES, "a Word document")
        if reason:
            raise TemplateProblem(reason, file=shown, hint="Use a template made in Word.")
        names = {i.filename for i in infos}
        if MAIN_DOCUMENT not in names or "[Content_Types].xml" not in names:
            raise TemplateProblem("not a Word document: word/document.xml is missing", file=shown, hint=hint)
        parts = {}
        try:
            for info in infos:
                if info.is_dir():
                    continue
                with archive.open(info) as fh:
                    data = fh.read(MAX_UNPACKED_BYTES + 1)
                if len(data) != info.file_size:
                    raise zipfile.BadZipFile("size mismatch")
                parts[info.filename] = data
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise TemplateProblem(f"the package is damaged ({exc})", file=shown, hint=hint) from None
    return parts


def write_zip(parts: dict[str, bytes]) -> bytes:
    """The .docx bytes: [Content_Types].xml first, then the parts in the given order."""
    buf = io.BytesIO()
    order = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, parts[name], compresslevel=6)
    return buf.getvalue()

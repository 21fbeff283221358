"""The answer's zip: written by hand so that parts shared by many answers are deflated once,
yet byte for byte what Python's zipfile writes, and never one part's bytes for another."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from drafter.word import package


def zipfile_bytes(parts: dict[str, bytes]) -> bytes:
    """The same package written by zipfile: ZIP_DEFLATED at level 6, ZIP_TIME, rw-------."""
    buf = io.BytesIO()
    order = ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            info = zipfile.ZipInfo(name, package.ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, parts[name], compresslevel=6)
    return buf.getvalue()


def example_parts() -> dict[str, bytes]:
    return package.read_parts(Path(__file__).resolve().parent.parent / "answer_templates" / "bedrijfsclusters.docx")


def test_the_zip_is_what_zipfile_writes():
    parts = example_parts()
    for variant in (parts, {**parts, "word/média.xml": b"<x/>"}, {**parts, "customXml/empty.xml": b""},
                    {**parts, package.MAIN_DOCUMENT: parts[package.MAIN_DOCUMENT] * 200}):
        written = package.write_zip(variant)
        assert written == zipfile_bytes(variant)
        with zipfile.ZipFile(io.BytesIO(written)) as z:
            assert z.testzip() is None
            assert {i.filename: z.read(i) for i in z.infolist()} == variant


def test_kept_deflated_bytes_belong_to_their_own_content():
    parts = example_parts()
    package.write_zip(parts)  # the template's parts are now kept deflated
    changed = {name: data.replace(b"w:", b"w:", 1) + b" " for name, data in parts.items()}
    for variant in (changed, parts, changed):
        with zipfile.ZipFile(io.BytesIO(package.write_zip(variant))) as z:
            assert {i.filename: z.read(i) for i in z.infolist()} == variant

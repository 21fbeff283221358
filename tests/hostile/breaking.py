"""Ways to break the project copy for the hostile-input cases (each changes one thing)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx

REGISTER = "data/questions.yaml"
BUDGET = "data/budget.csv"
SHARES = "data/support_by_size.csv"
NOTES = "data/notes.yaml"
EVALUATION = "data/evaluation.yaml"
WORKBOOK = "data/budget.xlsx"
TEMPLATE = "answer_templates/bedrijfsclusters.docx"
PROJECT_FILE = "drafter.toml"


def replace_in(project: Path, file: str, old: str, new: str, count: int = 1) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def replacing(file: str, old: str, new: str):
    return lambda project: replace_in(project, file, old, new)


def fifo(file: str):
    """The file replaced by a named pipe that nobody writes to: reading it would wait for ever."""
    def breaks(project: Path) -> None:
        (project / file).unlink()
        os.mkfifo(project / file)
    return breaks


def folder(file: str):
    def breaks(project: Path) -> None:
        (project / file).unlink()
        (project / file).mkdir()
        (project / file / "inside.txt").write_text("x", encoding="utf-8")
    return breaks


def link(file: str, target):
    """The file replaced by a symbolic link to target (a function of the project copy)."""
    def breaks(project: Path) -> None:
        to = target(project)
        (project / file).unlink()
        os.symlink(to, project / file)
    return breaks


def outside_copy(file: str, name: str):
    """A copy of the project's file beside the project (outside every folder of it)."""
    def target(project: Path) -> Path:
        copy = project.parent / f"{project.name}-outside-{name}"
        copy.write_bytes((project / file).read_bytes())
        return copy
    return target


def grow(file: str, megabytes: int, filler: bytes = b"# a comment to make the file large\n"):
    def breaks(project: Path) -> None:
        with open(project / file, "ab") as fh:
            fh.write(filler * (megabytes * 1024 * 1024 // len(filler) + 1))
    return breaks


def set_paragraph(project: Path, index: int, text: str) -> None:
    """Retype body paragraph `index` (0-based) of the template, as a person would in Word."""
    path = project / TEMPLATE
    document = docx.Document(str(path))
    runs = document.paragraphs[index].runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)
    document.save(str(path))


def template_paragraph(index: int, text: str):
    return lambda project: set_paragraph(project, index, text)


def part_text(text: str):
    """Answer part 4's text in the register (a YAML double-quoted text)."""
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    return replacing(REGISTER, '          text: "{{ evaluation.text }}"', f'          text: "{quoted}"')


def rezip(file: str, change):
    """A zip package of the project written again after change(parts) (entry name -> bytes)."""
    def breaks(project: Path) -> None:
        with zipfile.ZipFile(project / file) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        change(parts)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data)
        (project / file).write_bytes(buffer.getvalue())
    return breaks


def lying_zip(file: str, inner: str, megabytes: int = 300):
    """A zip whose directory says an entry is 1 KB, while it inflates to `megabytes` of zeros:
    a reader that trusts the directory's sizes inflates it all."""
    def breaks(project: Path) -> None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", b"<Types/>")
            info = zipfile.ZipInfo(inner, (1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as fh:
                block = b"\0" * (1024 * 1024)
                for _ in range(megabytes):
                    fh.write(block)
        data = bytearray(buffer.getvalue())
        # the central directory's uncompressed size of the entry (and its local header's): 1024
        name = inner.encode()
        central = data.rfind(b"PK\x01\x02")
        while central >= 0:
            if data[central + 46:central + 46 + len(name)] == name:
                extra_start = central + 46 + len(name)
                extra_length = int.from_bytes(data[central + 30:central + 32], "little")
                extra = data[extra_start:extra_start + extra_length]
                at = extra.find(b"\x01\x00")  # the zip64 field: uncompressed size first
                if at >= 0:
                    data[extra_start + at + 4:extra_start + at + 12] = (1024).to_bytes(8, "little")
                else:
                    data[central + 24:central + 28] = (1024).to_bytes(4, "little")
                break
            central = data.rfind(b"PK\x01\x02", 0, central)
        (project / file).write_bytes(bytes(data))
    return breaks

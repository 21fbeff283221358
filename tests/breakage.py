"""Ways to break a copy of the project, for the corpus of bad inputs.

Each helper changes one file of the copy the way a person (or an attacker) would: a text
replaced in the register, a paragraph of the Word template retyped, a CSV saved by another
program, a workbook made with openpyxl, a zip that unpacks to gigabytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl

TEMPLATE = Path("answer_templates") / "bedrijfsclusters.docx"
REGISTER = Path("data") / "questions.yaml"
BUDGET = Path("data") / "budget.csv"
SHARES = Path("data") / "support_by_size.csv"
NOTES = Path("data") / "notes.yaml"
EVALUATION = Path("data") / "evaluation.yaml"


def replace_in(project: Path, file: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file of the project copy; fail loudly when the text is not there."""
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(project: Path, file: Path, needle: str, nth: int = 1) -> int:
    """The line number of the nth line holding needle (what an editor shows)."""
    seen = 0
    for number, line in enumerate((project / file).read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == nth:
                return number
    raise AssertionError(f"{needle!r} is not in {file}")


def last_line_of(project: Path, file: Path, needle: str) -> int:
    lines = (project / file).read_text(encoding="utf-8", errors="replace").splitlines()
    return max(number for number, line in enumerate(lines, start=1) if needle in line)


def set_paragraph(project: Path, index: int, text: str) -> None:
    """Retype body paragraph `index` (0-based) of the template, as a person would in Word."""
    path = project / TEMPLATE
    document = docx.Document(str(path))
    paragraph = document.paragraphs[index]
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)
    document.save(str(path))


def set_cell(project: Path, table: int, row: int, column: int, text: str) -> None:
    """Retype a cell of a template table (all 0-based)."""
    path = project / TEMPLATE
    document = docx.Document(str(path))
    paragraph = document.tables[table].rows[row].cells[column].paragraphs[0]
    paragraph.runs[0].text = text
    document.save(str(path))


def budget_rows(project: Path) -> list[list[str]]:
    return [line.split(",") for line in (project / BUDGET).read_text(encoding="utf-8").splitlines()]


def write_semicolon_budget(project: Path, change=None, encoding: str = "cp1252") -> None:
    """The budget as Belgian Excel saves 'CSV (gescheiden door lijstscheidingsteken)':
    ';' between cells, Windows-1252; change(rows) may alter the rows first."""
    rows = budget_rows(project)
    if change is not None:
        change(rows)
    (project / BUDGET).write_bytes(("\r\n".join(";".join(r) for r in rows) + "\r\n").encode(encoding))


#: The workbook the tests make; the example's own budget.xlsx is left to the question that uses it.
WORKBOOK = "begroting.xlsx"


def workbook(project: Path, *, sheets=("Begroting",), figures_sheet="Begroting", formula_at=None,
             merge=None) -> Path:
    """data/begroting.xlsx with the budget rows on figures_sheet; other sheets hold a title only.

    formula_at: a cell ('D6') that gets a formula and no computed value (as openpyxl writes it).
    merge: a range ('A2:A5') to merge after writing (Excel keeps the top-left value only).
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        if name != figures_sheet:
            sheet["A1"] = "Toelichting bij de cijfers"
            continue
        for r, row in enumerate(budget_rows(project), start=1):
            for c, value in enumerate(row, start=1):
                if r > 1 and c in (2, 4) and value.isdigit():
                    value = int(value)
                sheet.cell(row=r, column=c, value=value or None)
        if formula_at:
            sheet[formula_at] = "=D12+D13"
        if merge:
            sheet.merge_cells(merge)
    path = project / "data" / WORKBOOK
    book.save(path)
    return path


def use_data_file(project: Path, name: str, file: str) -> None:
    """Point the register's data set `name` at another file."""
    text = (project / REGISTER).read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip().startswith(f"{name}:") and i > 0 and "data:" in "".join(lines[max(0, i - 3):i]):
            indent = line[: len(line) - len(line.lstrip())]
            lines[i] = f"{indent}{name}: {file}"
            break
    else:
        raise AssertionError(f"data set {name} not found in the register")
    (project / REGISTER).write_text("\n".join(lines) + "\n", encoding="utf-8")


def zip_bomb(path: Path, inner: str, megabytes: int = 120, extra: dict[str, bytes] | None = None) -> None:
    """A small zip holding one entry that unpacks to `megabytes` of zeros (highly compressible)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        info = zipfile.ZipInfo(inner)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as fh:
            block = b"\0" * (1024 * 1024)
            for _ in range(megabytes):
                fh.write(block)
    path.write_bytes(buffer.getvalue())


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under folder with its size and modification time: to prove nothing was written."""
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}

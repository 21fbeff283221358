"""Runs the commands shown in the user guide and compares what they print with the page.

The guide (docs/gids/*.md) follows one question from intake to signature, in one project. Its
```console blocks hold commands (`$ drafter ...`, `$ cd FOLDER`) each followed by what it
prints; hidden steps in HTML comments do what a person does outside drafter:

    <!-- docs: write vraag-212.docx -->   the next fenced block is that file's text (a .docx: one
                                          paragraph per line)
    <!-- docs: append FILE -->            the next fenced block is added at the end of FILE (a row
                                          typed in Excel, an entry typed in the register)
    <!-- docs: replace FILE "old" "new" --> a person changes a text in a text file (the register)
    <!-- docs: edit FILE "old" "new" -->  a person changes a text in an answer in Word

    python tools/docs_examples.py           run every page; exit 1 and show the differences if
                                            a page no longer shows what drafter prints
    python tools/docs_examples.py --write   run every page and write what drafter printed into it

The pages run in the order of the guide, in a fresh folder, with LANG=nl_BE.UTF-8 (the guide is
for Dutch-speaking users) and a wide terminal; the folder's path is shown as ~/werk.
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "gids"
#: The guide's pages in reading order (the site's nav says the same).
PAGES = ("project.md", "intake.md", "antwoord.md", "nakijken.md", "word.md", "opvolging.md", "ondertekening.md")
SHOWN_ROOT = "~/werk"
#: What differs from run to run (the time in a backup's name) is left out of the comparison.
_VARIES = re.compile(r"backup-\d{8}-\d{6}")

_BLOCK = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)
_STEP = re.compile(r"^<!-- docs: (.*?) -->\n(?:```\w*\n(.*?)^```\n)?", re.S | re.M)


@dataclass
class Session:
    root: Path
    cwd: Path

    def env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DRAFTER_", "LC_", "LANG"))}
        env.update(LANG="nl_BE.UTF-8", COLUMNS="110", NO_COLOR="1", TERM="dumb", HOME=str(self.root),
                   PYTHONIOENCODING="utf-8")
        return env

    def run(self, command: str) -> str:
        words = shlex.split(command)
        if words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return ""
        if words[0] != "drafter":
            raise ValueError(f"the guide runs only drafter and cd, not {command!r}")
        done = subprocess.run([sys.executable, "-m", "drafter", *words[1:]], cwd=self.cwd, env=self.env(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                              timeout=300)
        return done.stdout.replace(str(self.root), SHOWN_ROOT)

    def step(self, step: str, content: str | None) -> None:
        words = shlex.split(step)
        if words[0] == "write":
            target = self.cwd / words[1]
            if target.suffix == ".docx":
                import docx

                document = docx.Document()
                for line in (content or "").splitlines():
                    document.add_paragraph(line)
                document.save(target)
            else:
                target.write_text(content or "", encoding="utf-8")
        elif words[0] == "append":
            target = self.cwd / words[1]
            with target.open("a", encoding="utf-8", newline="") as fh:
                fh.write(content or "")
        elif words[0] == "replace":
            target = self.cwd / words[1]
            text = target.read_text(encoding="utf-8")
            if words[2] not in text:
                raise ValueError(f"{words[1]} does not hold {words[2]!r}")
            target.write_text(text.replace(words[2], words[3], 1), encoding="utf-8")
        elif words[0] == "edit":
            _edit(self.cwd / words[1], words[2], words[3])
        else:
            raise ValueError(f"unknown step in the guide: {step!r}")


def _edit(file: Path, old: str, new: str) -> None:
    """What a person does in Word: change a text that lies in one run."""
    import docx

    document = docx.Document(file)
    for paragraph in _paragraphs(document):
        for run in paragraph.runs:
            if old in run.text:
                run.text = run.text.replace(old, new, 1)
                document.save(file)
                return
    raise ValueError(f"{file.name}: no run holds {old!r}")


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def run_page(session: Session, text: str) -> str:
    """The page with each console block's output replaced by what drafter printed now."""
    out, at = [], 0
    events = sorted([(m.start(), "step", m) for m in _STEP.finditer(text)]
                    + [(m.start(), "block", m) for m in _BLOCK.finditer(text)], key=lambda e: e[0])
    for start, kind, match in events:
        if kind == "step":
            session.step(match.group(1), match.group(2))
            continue
        out.append(text[at:match.start(1)])
        lines = []
        for command in re.findall(r"^\$ (.*)$", match.group(1), re.M):
            lines.append(f"$ {command}\n")
            lines.append(session.run(command))
        out.append("".join(lines))
        at = match.end(1)
    out.append(text[at:])
    return "".join(out)


def main(argv: list[str]) -> int:
    write = "--write" in argv
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        session = Session(Path(tmp).resolve(), Path(tmp).resolve())
        for name in PAGES:
            page = GUIDE / name
            before = page.read_text(encoding="utf-8")
            after = run_page(session, before)
            if _VARIES.sub("backup-*", after) == _VARIES.sub("backup-*", before):
                continue
            if write:
                page.write_text(after, encoding="utf-8")
                print(f"wrote {page.relative_to(ROOT)}")
            else:
                failed = True
                sys.stdout.writelines(difflib.unified_diff(
                    before.splitlines(True), after.splitlines(True), f"{name} (the page)", f"{name} (drafter now)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

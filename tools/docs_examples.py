"""Runs the commands shown in the docs and compares what they print with the pages.

Every page under docs/ that shows drafter at work is run:

- The user guide (docs/gids/*.md) follows one question from intake to signature, in one
  project, in Dutch (LANG=nl_BE.UTF-8): its pages run in the order of the guide, in one fresh
  folder shown as ~/werk.
- Every other page runs on its own, in English, in a fresh example project (`drafter init`,
  its drafter.toml set to `language = "en"`) shown as ~/project, in which its examples run
  from top to bottom.

A ```console or ```text block holds commands (`$ drafter ...`, `$ cd FOLDER`, `$ echo $?`),
each followed by what it prints. A line of only `...` in the shown output stands for any
number of lines (the page shows the part that matters). Hidden steps in HTML comments do what
a person does outside drafter, or prepare the state an example starts from:

    <!-- docs: write vraag-212.docx -->   the next fenced block is that file's text (a .docx: one
                                          paragraph per line)
    <!-- docs: append FILE -->            the next fenced block is added at the end of FILE (a row
                                          typed in Excel, an entry typed in the register)
    <!-- docs: replace FILE "old" "new" --> a person changes a text in a text file (the register)
    <!-- docs: edit FILE "old" "new" -->  a person changes a text in an answer in Word
    <!-- docs: run drafter ... -->        a command run before the example, its output not shown
    <!-- docs: copy FROM TO -->           a file or a folder copied (as in the file manager)
    <!-- docs: keep REGISTER 4 5 ... -->  a person deletes the register's other entries
    <!-- docs: remove PATH -->            a person deletes a file or a folder
    <!-- docs: cd FOLDER -->              the next examples run in FOLDER
    <!-- docs: link LINK TARGET -->       LINK made a symbolic link to the folder TARGET
    <!-- docs: chmod FILE 444 -->         a file's permissions changed (a read-only register)
    <!-- docs: fifo FILE -->              a named pipe where a file is expected
    <!-- docs: write FILE                 a file the page does not show: its text is the
    TEXT                                  comment's further lines
    -->
    <!-- docs: add FILE "paragraph" "text" --> a paragraph added after the one that reads so
    <!-- docs: italic FILE "end" "text" --> text in italics typed at the end of a paragraph
    <!-- docs: paper FILE -->             Layout > Size > Letter in Word
    <!-- docs: comment FILE "text" "comment" -->  a comment in Word on the run holding text
    <!-- docs: track FILE "end" "added" --> a tracked insertion by another author at the end of
                                          the paragraph that ends with `end`
    <!-- docs: accept FILE AUTHOR TO -->  Review > Accept All Changes by AUTHOR, saved as TO
    <!-- docs: not run: WHY -->           the next block is shown, not run (WHY names the test
                                          that runs it instead)

In `replace` and `edit`, `\\n` in a text is a line break and `\\t` a tab.

The `drafter ...` lines of each ```sh block, and of the README's, are lists of commands with a
comment each, not run (they reach the network, open a browser, write PDFs): drafter's own
command line parses them, so an option that no longer exists, or a missing value, fails here.

    python tools/docs_examples.py           run every page; exit 1 and show the differences if
                                            a page no longer shows what drafter prints
    python tools/docs_examples.py --write   run every page and write what drafter printed into it
    python tools/docs_examples.py PAGE ...  only these pages (docs/commands.md, gids, ...)

drafter runs in this process (as the tests run it), so that all pages take seconds, not minutes.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import re
import shlex
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GUIDE = DOCS / "gids"
#: The guide's pages in reading order (the site's nav says the same).
PAGES = ("project.md", "intake.md", "antwoord.md", "nakijken.md", "word.md", "opvolging.md", "ondertekening.md")
SHOWN_ROOT = "~/werk"
#: The English pages' project, made by `drafter init` before the page runs, and how it is shown.
PROJECT = "project"
SHOWN_PROJECT = "~/project"
#: What differs from run to run (the time in a file's name) is left out of the comparison.
_VARIES = (
    (re.compile(r"backup-\d{8}-\d{6}(?:-\d+)?"), "backup-*"),
    (re.compile(r"drafter-manifest-\d{8}-\d{6}(?:-\d+)?"), "drafter-manifest-*"),
    (re.compile(r'"drafted": "[\d:T-]+"'), '"drafted": "*"'),
    (re.compile(r"\bin \d+[.,]\d s, \d+ process\(es\)"), "in * s, * process(es)"),
    # today's date, where a message names it: "after today (...)", a --date hint "e.g. ..."
    (re.compile(r"(today \(|vandaag \(|e\.g\. |bv\. )\d{4}-\d\d-\d\d"), r"\1TODAY"),
)

#: A block of commands and what they print; indented, it is part of a list item.
_BLOCK = re.compile(r"^(?P<indent> *)```(?:console|text)\n(.*?)^(?P=indent)```\n", re.S | re.M)
_SH = re.compile(r"^```(?:sh|shell|bash)\n(.*?)^```\n", re.S | re.M)
_STEP = re.compile(r"^<!-- docs: (.*?)\s*-->\n(?:```\w*\n(.*?)^```\n)?", re.S | re.M)
#: A block that is shown and not run, and why (the step names the test that runs it instead).
_NOT_RUN = "not run:"
_PROMPT = re.compile(r"^\$ (.*)$", re.M)


@dataclass
class Session:
    root: Path
    cwd: Path
    language: dict
    shown: tuple[tuple[str, str], ...] = ()
    status: int = 0

    def env(self) -> dict:
        """The environment of one run: this page's language, nothing of the engineer's own."""
        env = {k: None for k in os.environ if k.startswith(("DRAFTER_", "LC_", "LANG"))}
        env.update(COLUMNS="110", NO_COLOR="1", TERM="dumb", HOME=str(self.root),
                   PYTHONIOENCODING="utf-8")
        env.update(self.language)
        return env

    def drafter(self, words: list[str]) -> str:
        from typer.testing import CliRunner

        from drafter.commands.cli import app

        before = Path.cwd()
        os.chdir(self.cwd)
        try:
            result = CliRunner().invoke(app, words, env=self.env(), color=False)
        finally:
            os.chdir(before)
        self.status = result.exit_code
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise RuntimeError(f"drafter {' '.join(words)} raised {result.exception!r}") from result.exception
        out = result.output
        for real, shown in self.shown:
            out = out.replace(real, shown)
        return out

    def run(self, command: str) -> str:
        words = shlex.split(command, comments=True)
        if words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
            return ""
        if words == ["echo", "$?"]:
            return f"{self.status}\n"
        if words[0] != "drafter":
            raise ValueError(f"the docs run only drafter, cd and echo $?, not {command!r}")
        return self.drafter(words[1:])

    def step(self, step: str, content: str | None) -> None:
        # a step's content is the fenced block after it, or the lines after its first line (a
        # file that the page does not show)
        step, _, inline = step.partition("\n")
        content = content if content is not None else (inline + "\n" if inline else None)
        words = shlex.split(step)
        if words[0] == "write":
            target = self.cwd / words[1]
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.suffix == ".docx":
                import docx

                document = docx.Document()
                for line in (content or "").splitlines():
                    document.add_paragraph(line)
                document.save(target)
            elif target.suffix == ".pdf":
                target.write_bytes(_pdf((content or "").splitlines()))
            else:
                target.write_text(content or "", encoding="utf-8")
        elif words[0] == "append":
            target = self.cwd / words[1]
            with target.open("a", encoding="utf-8", newline="") as fh:
                fh.write(content or "")
        elif words[0] == "replace":
            target = self.cwd / words[1]
            text = target.read_text(encoding="utf-8")
            old, new = (_unescaped(w) for w in words[2:4])
            if old not in text:
                raise ValueError(f"{words[1]} does not hold {old!r}")
            target.write_text(text.replace(old, new, 1), encoding="utf-8")
        elif words[0] == "keep":  # a person deletes the register's other entries
            target = self.cwd / words[1]
            head, *entries = re.split(r"(?m)^(?=  - zittingsjaar:)", target.read_text(encoding="utf-8"))
            kept = [e for e in entries if re.search(r"(?m)^    number: (\d+)", e).group(1) in words[2:]]
            target.write_text(head + "".join(kept), encoding="utf-8")
        elif words[0] == "cd":
            self.cwd = (self.cwd / words[1]).resolve()
        elif words[0] == "link":  # a folder of the project that is a link to a folder elsewhere
            link = self.cwd / words[1]
            link.parent.mkdir(parents=True, exist_ok=True)
            (link.parent / words[2]).mkdir(parents=True, exist_ok=True)
            link.symlink_to(words[2], target_is_directory=True)
        elif words[0] == "chmod":
            (self.cwd / words[1]).chmod(int(words[2], 8))
        elif words[0] == "fifo":
            os.mkfifo(self.cwd / words[1])
        elif words[0] == "remove":  # a person deletes a file or a folder
            target = self.cwd / words[1]
            shutil.rmtree(target) if target.is_dir() else target.unlink()
        elif words[0] == "edit":
            _edit(self.cwd / words[1], _unescaped(words[2]), _unescaped(words[3]))
        elif words[0] == "add":  # Enter after a paragraph in Word, and a new one in its style
            _add_paragraph(self.cwd / words[1], words[2], words[3])
        elif words[0] == "italic":  # a text in italics typed at the end of a paragraph
            _add_run(self.cwd / words[1], words[2], words[3], italic=True)
        elif words[0] == "paper":  # Layout > Size in Word: the answer's pages made Letter (US) size
            _letter(self.cwd / words[1])
        elif words[0] == "comment":  # a comment in Word on the run that holds a text
            _comment(self.cwd / words[1], words[2], words[3])
        elif words[0] == "track":  # a person's own tracked change: a text added after a text
            _track(self.cwd / words[1], words[2], words[3])
        elif words[0] == "accept":  # Review > Accept All Changes by an author, saved as another file
            sys.path.insert(0, str(ROOT))
            from tests.update.tracked import accept  # as Word accepts them, written apart from drafter

            (self.cwd / words[3]).write_bytes(accept((self.cwd / words[1]).read_bytes(), words[2]))
        elif words[0] == "copy":  # a file or a folder copied, as in the file manager
            source, target = self.cwd / words[1], self.cwd / words[2]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(source, target) if source.is_dir() else shutil.copyfile(source, target)
        elif words[0] == "run" and words[1:2] == ["drafter"]:
            self.drafter(words[2:])
        else:
            raise ValueError(f"unknown step in the docs: {step!r}")


def _unescaped(text: str) -> str:
    """A step's text with `\\n` a line break and `\\t` a tab."""
    return text.replace("\\n", "\n").replace("\\t", "\t")


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a text layer, one printed line per line (as a question document the
    parliament publishes, for `drafter intake x.pdf`)."""

    def text(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 10 Tf 12 TL 50 800 Td " + " ".join(f"({text(line)}) Tj T*" for line in lines) + " ET"
    content = stream.encode("cp1252")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


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


def _add_paragraph(file: Path, after: str, text: str) -> None:
    """What a person does in Word: Enter at the end of the paragraph that reads `after`, then
    `text` (the new paragraph takes that paragraph's style, as Word's Enter does)."""
    import copy

    import docx

    document = docx.Document(file)
    paragraph = next(p for p in _paragraphs(document) if p.text == after)
    new = copy.deepcopy(paragraph._p)
    for run in new.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}r")[1:]:
        new.remove(run)
    paragraph._p.addnext(new)
    added = docx.text.paragraph.Paragraph(new, paragraph._parent)
    added.runs[0].text = text
    document.save(file)


def _add_run(file: Path, end: str, text: str, *, italic: bool) -> None:
    """What a person does in Word: `text` typed at the end of the paragraph that ends with `end`."""
    import docx

    document = docx.Document(file)
    paragraph = next(p for p in _paragraphs(document) if p.text.endswith(end))
    paragraph.add_run(text).italic = italic
    document.save(file)


def _letter(file: Path) -> None:
    import docx
    from docx.shared import Inches

    document = docx.Document(file)
    for section in document.sections:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    document.save(file)


def _comment(file: Path, text: str, comment: str) -> None:
    """What a person does in Word: a comment on the run that holds text, by "Kabinet"."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document(file)
    run = next(r for p in _paragraphs(document) for r in p.runs if text in r.text)
    document.add_comment(run, text=comment, author="Kabinet", initials="K")
    if "CommentReference" not in {s.style_id for s in document.styles}:  # Word defines the style it uses
        document.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER).style_id = "CommentReference"
    document.save(file)


def _track(file: Path, after: str, added: str) -> None:
    """What a person does in Word with Track Changes on: `added` typed at the end of the paragraph
    that ends with `after`, as a tracked insertion by "Kabinet"."""
    import docx
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document(file)
    paragraph = next(p for p in _paragraphs(document) if p.text.endswith(after))
    ins = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "901", qn("w:author"): "Kabinet",
                                                        qn("w:date"): "2024-03-05T09:00:00Z"})
    etree.SubElement(etree.SubElement(ins, qn("w:r")), qn("w:t")).text = added
    ins.find(qn("w:r")).find(qn("w:t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    document.save(file)


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs


def _normal(text: str) -> str:
    for pattern, shown in _VARIES:
        text = pattern.sub(shown, text)
    return text


def _shows(page: str, printed: str) -> bool:
    """Whether the page's block shows what was printed: line for line, where a line `...`
    stands for any lines, after what varies from run to run is left out."""
    *lines, last = _normal(page).split("\n")
    pattern = "".join(r"(?:[^\n]*\n)*?" if line.strip() == "..." else re.escape(line) + r"\n" for line in lines)
    pattern += re.escape(last)
    return re.fullmatch(pattern, _normal(printed)) is not None


def _indented(text: str, old: str, new: str) -> str:
    """The lines of text with their indent `old` replaced by `new`."""
    return "".join(new + line.removeprefix(old) if line.strip() else line for line in text.splitlines(True))


def run_page(session: Session, text: str) -> str:
    """The page with each block's output replaced by what drafter printed now (kept as the page
    shows it where it shows that, its `...` included)."""
    out, at = [], 0
    events = sorted([(m.start(), "step", m) for m in _STEP.finditer(text)]
                    + [(m.start(), "block", m) for m in _BLOCK.finditer(text) if _PROMPT.search(_indented(m.group(2), m.group("indent"), ""))],
                    key=lambda e: e[0])
    skip = False
    for _start, kind, match in events:
        if kind == "step" and match.group(1).startswith(_NOT_RUN):
            skip = True
            continue
        if kind == "step":
            session.step(match.group(1), match.group(2))
            continue
        if skip:  # shown as it is
            skip = False
            continue
        out.append(text[at:match.start(2)])
        indent = match.group("indent")
        block = _indented(match.group(2), indent, "")
        prompts = list(_PROMPT.finditer(block))
        lines = []
        for n, prompt in enumerate(prompts):
            shown = block[prompt.end() + 1:prompts[n + 1].start() if n + 1 < len(prompts) else len(block)]
            printed = session.run(prompt.group(1))
            lines.append(f"$ {prompt.group(1)}\n")
            lines.append(shown if _shows(shown, printed) else printed)
        out.append(_indented("".join(lines), "", indent))
        at = match.end(2)
    out.append(text[at:])
    return "".join(out)


def parse_commands(text: str) -> list[str]:
    """The `drafter ...` lines of the page's ```sh blocks that drafter's command line refuses."""
    import typer
    import typer.main

    from drafter.commands.cli import app

    # typer brings its own copy of Click: its exceptions are found through typer's own classes
    usage_error = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    command = typer.main.get_command(app)
    refused = []
    for block in _SH.finditer(text):
        for line in block.group(1).splitlines():
            if not line.startswith("drafter "):
                continue
            words = shlex.split(line, comments=True)[1:]
            try:
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    if words and not words[0].startswith("-"):  # a command: its own options parsed
                        ctx = command.make_context("drafter", [words[0]])
                        sub = command.get_command(ctx, words[0])
                        if sub is None:
                            refused.append(f"{line}\n    no such command: {words[0]}")
                            continue
                        sub.make_context(words[0], words[1:], parent=ctx)
                    else:
                        command.make_context("drafter", list(words))
            except usage_error as exc:
                refused.append(f"{line}\n    {exc.format_message()}")
            except Exception as exc:  # --help, --version: parsed, and Click exits as it does after them
                if type(exc).__name__ != "Exit" or not type(exc).__module__.startswith(("typer", "click")):
                    raise
    return refused


def _english(tmp: Path, page: Path) -> tuple[Session, Path]:
    """A fresh example project for an English page."""
    folder = tmp / page.stem
    folder.mkdir()
    session = Session(folder, folder, {"LANGUAGE": "en"})
    session.drafter(["init", PROJECT])
    if session.status != 0:
        raise RuntimeError(f"drafter init failed for {page.name}")
    session.cwd = folder / PROJECT
    # the English pages show drafter speaking English: the project says so (init writes the
    # language of its register, Dutch, into drafter.toml)
    settings = session.cwd / "drafter.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('language = "nl"', 'language = "en"', 1),
                        encoding="utf-8")
    session.shown = ((str(folder / PROJECT), SHOWN_PROJECT), (str(folder), "~"))
    return session, folder


def _pages(only: list[str]) -> list[Path]:
    english = sorted(p for p in DOCS.glob("*.md"))
    chosen = [GUIDE / name for name in PAGES] + english
    if only:
        wanted = {(ROOT / o).resolve() if not o.endswith("gids") else GUIDE.resolve() for o in only}
        chosen = [p for p in chosen if p.resolve() in wanted or (GUIDE.resolve() in wanted and p.parent == GUIDE)]
    return chosen


def main(argv: list[str]) -> int:
    write = "--write" in argv
    only = [a for a in argv if not a.startswith("--")]
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp).resolve()
        guide = Session(tmp / "werk", tmp / "werk", {"LANG": "nl_BE.UTF-8"})
        guide.root.mkdir()
        guide.shown = ((str(guide.root), SHOWN_ROOT),)
        if not only:  # the README's commands are parsed too: it sends people to the docs
            for refused in parse_commands((ROOT / "README.md").read_text(encoding="utf-8")):
                failed = True
                print(f"README.md: drafter refuses this command: {refused}")
        for page in _pages(only):
            before = page.read_text(encoding="utf-8")
            for refused in parse_commands(before):
                failed = True
                print(f"{page.relative_to(ROOT)}: drafter refuses this command: {refused}")
            runs = any(_PROMPT.search(_indented(m.group(2), m.group("indent"), "")) for m in _BLOCK.finditer(before))
            if not runs:
                continue
            session = guide if page.parent == GUIDE else _english(tmp, page)[0]
            try:
                after = run_page(session, before)
            except (ValueError, RuntimeError, OSError) as exc:
                failed = True
                print(f"{page.relative_to(ROOT)}: {exc}")
                continue
            if _normal(after) == _normal(before):
                continue
            if write:
                page.write_text(after, encoding="utf-8")
                print(f"wrote {page.relative_to(ROOT)}")
            else:
                failed = True
                sys.stdout.writelines(difflib.unified_diff(
                    before.splitlines(True), after.splitlines(True), f"{page.name} (the page)",
                    f"{page.name} (drafter now)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""drafter's speed, side by side with its baselines in one run: one table of ratios.

Run it from the project folder once drafter is set up (`scripts/dev` makes .venv/):

    .venv/bin/python benchmarks/bench.py                 # every figure (about 5-10 minutes)
    .venv/bin/python benchmarks/bench.py --quick         # fewer rounds, smaller batches
    .venv/bin/python benchmarks/bench.py --only small,help,start
    .venv/bin/python benchmarks/bench.py --list          # the figures and what they measure

Every figure times drafter (A) and its reference (B) in interleaved rounds, A B A B ..., and
takes the median of each: the machine is shared, so absolute times are noisy and only the
ratios of one run hold. In-process figures give wall and CPU time per iteration, and their
ratio is of CPU time (both sides run in one thread; on a shared machine wall time adds the
time spent waiting for a core). Whole processes are timed from outside, CPU time from
getrusage of the children; where drafter runs in one process (answer, --help, the large
data file) the ratio is of CPU time too, and where it runs several (check and batch over
--jobs, PDF by LibreOffice) it is of wall time, what a person waits for. The projects
are written to a temporary folder: the example data and templates, with registers whose
questions have texts of their own (each question's introduction, sub-questions and preamble
are its own words), a budget table with 1,000 and 5,000 budget lines, and a data file of
100,000 rows.

It prints one table: figure, drafter, reference, ratio, target, met; the exit code is 1
when a target is not met. The targets: drafter stays ahead of docxtpl at every size (the
small answer and the 1,000- and 5,000-row tables, ratio < 1), and `drafter answer -q 4` as a
whole process stays within 2x of importing the libraries it stands on; the other figures
have the targets the README's "Speed" section gives with their reasons.
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_batch import TreeMemory, drafter_command, timed_process  # noqa: E402

LIBRARIES = "import docx, docxtpl, jinja2, babel, pandas"
#: The environment of every process timed: bytecode is cached as on an installed drafter
#: (a machine that sets PYTHONDONTWRITEBYTECODE, as this one does, would otherwise compile
#: drafter's modules again on every run), in the benchmark's own folder (set by main).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# --------------------------------------------------------------------------- timing


@dataclass
class Timing:
    wall: float  # median seconds per iteration
    cpu: float


def _median_pairs(samples: list[tuple[float, float]]) -> Timing:
    return Timing(statistics.median(w for w, _ in samples), statistics.median(c for _, c in samples))


def interleaved(a: Callable[[], object], b: Callable[[], object], rounds: int, per_round: int = 1,
                warmup: int = 1) -> tuple[Timing, Timing]:
    """Median wall and CPU time per call of a and of b, timed in rounds A B A B ..."""
    for _ in range(warmup):
        a()
        b()
    sa, sb = [], []
    for _ in range(rounds):
        for fn, samples in ((a, sa), (b, sb)):
            w0, c0 = time.perf_counter(), time.process_time()
            for _ in range(per_round):
                fn()
            samples.append(((time.perf_counter() - w0) / per_round, (time.process_time() - c0) / per_round))
    return _median_pairs(sa), _median_pairs(sb)


def run_process(cmd: list[str], cwd: Path | None = None, check: bool = True) -> tuple[float, float]:
    """Wall and CPU seconds of a whole command (CPU: all its processes, from getrusage)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CHILD_ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stdout.decode()}\n{proc.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def interleaved_processes(a: Callable[[], tuple[float, float]], b: Callable[[], tuple[float, float]],
                          rounds: int, warmup: int = 1) -> tuple[Timing, Timing]:
    for _ in range(warmup):
        a()
        b()
    sa, sb = [], []
    for _ in range(rounds):
        sa.append(a())
        sb.append(b())
    return _median_pairs(sa), _median_pairs(sb)


# --------------------------------------------------------------------------- the projects

_WORD = re.compile(r"[A-Za-zÀ-ÿ'’]+")


def own_words(text: str, rng: random.Random, n: int) -> str:
    """A text of its own for question n: the words of `text` in another order."""
    words = _WORD.findall(text)
    rng.shuffle(words)
    return f"Vraag {n}: " + " ".join(words) + "."


def question_register(folder: Path, count: int, years: tuple[str, ...] = ("2019-2020", "2020-2021")) -> Path:
    """A register of `count` questions like the example's question 4, each with texts of its own."""
    register = folder / "data" / "questions.yaml"
    raw = yaml.safe_load(register.read_text(encoding="utf-8"))
    example = next(q for q in raw["questions"] if q["number"] == 4)
    questions = []
    for n in range(1, count + 1):
        rng = random.Random(n)
        q = copy.deepcopy(example)
        q.update(number=n, zittingsjaar=years[(n - 1) % len(years)], title=f"Bedrijfsclusters - Subsidies {n}")
        q["introduction"] = own_words(example["introduction"], rng, n)
        q["subquestions"] = {k: own_words(v, rng, n) + "?" for k, v in example["subquestions"].items()}
        q["answer"]["preamble"] = own_words(example["answer"]["preamble"], rng, n)
        questions.append(q)
    raw["questions"] = questions
    out = folder / "data" / f"questions-{count}.yaml"
    out.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return out


def big_table_register(folder: Path, rows: int) -> Path:
    """A register of one question (general template) whose table has `rows` budget lines (VAK, VEK)."""
    data = folder / "data" / f"lines-{rows}.csv"
    rng = random.Random(rows)
    with data.open("w", encoding="utf-8") as fh:
        fh.write("line,year,kind,amount,part_of,notes\n")
        for i in range(rows):
            for kind in ("VAK", "VEK"):
                fh.write(f"lijn{i:05d},2016,{kind},{rng.randrange(1_000, 90_000_000)},,\n")
    raw = yaml.safe_load((folder / "data" / "questions.yaml").read_text(encoding="utf-8"))
    general = next(q for q in raw["questions"] if q["number"] == 5)
    q = copy.deepcopy(general)
    q["data"] = {"budget": data.name}
    q["subquestions"] = {1: "Kan de minister een overzicht geven van de kredieten per budgetlijn in 2016?"}
    q["tables"] = {"lijnen": {
        "data": "budget", "rows": "line", "columns": "kind", "years": [2016],
        "lines": [{"line": f"lijn{i:05d}", "label": f"Budgetlijn {i + 1}"} for i in range(rows)],
        "kinds": [{"kind": "VAK", "label": "VAK"}, {"kind": "VEK", "label": "VEK"}],
    }}
    q["answer"] = {"parts": [{"number": 1, "blocks": [{"text": "Hieronder het overzicht per budgetlijn:"},
                                                       {"table": "lijnen"}]}]}
    q.pop("note_numbering", None)
    raw["questions"] = [q]
    out = folder / "data" / f"questions-table-{rows}.yaml"
    out.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return out


def large_file_registers(folder: Path, total_rows: int = 100_000, used_lines: int = 5) -> tuple[Path, Path]:
    """Two registers of the same question, whose table uses `used_lines` lines (2 rows each) of a
    budget file: one of `total_rows` rows, one holding just the rows it uses."""
    rng = random.Random(7)
    lines = total_rows // 2
    rows = [(f"lijn{i:05d}", kind, rng.randrange(1_000, 90_000_000)) for i in range(lines) for kind in ("VAK", "VEK")]
    used = {f"lijn{i:05d}" for i in range(0, lines, lines // used_lines)}
    for name, keep in (("large.csv", lambda r: True), ("small.csv", lambda r: r[0] in used)):
        with (folder / "data" / name).open("w", encoding="utf-8") as fh:
            fh.write("line,year,kind,amount,part_of,notes\n")
            fh.writelines(f"{line},2016,{kind},{amount},,\n" for line, kind, amount in rows if keep((line, kind)))
    out = []
    for name in ("large.csv", "small.csv"):
        reg = big_table_register(folder, 1)  # the shape; then point it at the file and its lines
        raw = yaml.safe_load(reg.read_text(encoding="utf-8"))
        q = raw["questions"][0]
        q["number"] = 1
        q["data"] = {"budget": name}
        q["tables"]["lijnen"]["lines"] = [{"line": line, "label": line} for line in sorted(used)]
        path = folder / "data" / f"questions-{name}.yaml"
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
        out.append(path)
    return out[0], out[1]


def make_project(folder: Path) -> Path:
    shutil.copytree(ROOT / "data", folder / "data")
    shutil.copytree(ROOT / "answer_templates", folder / "answer_templates")
    return folder


def tr_template(path: Path, columns: int) -> Path:
    """A docxtpl template with one table: a header row and a {%tr for %} row over `columns` cells."""
    import docx

    document = docx.Document()
    document.add_paragraph("{{ title }}")
    table = document.add_table(rows=4, cols=columns)
    for i in range(columns):
        table.cell(0, i).text = "{{ header[%d] }}" % i
        table.cell(2, i).text = "{{ row[%d] }}" % i
    table.cell(1, 0).text = "{%tr for row in rows %}"
    table.cell(3, 0).text = "{%tr endfor %}"
    document.save(path)
    return path


# --------------------------------------------------------------------------- figures


@dataclass
class Row:
    figure: str
    drafter: str
    reference: str
    ratio: float | None
    target: str
    met: bool | None  # None: no target, shown for comparison


@dataclass
class Bench:
    folder: Path
    rounds: int
    quick: bool
    rows: list[Row] = field(default_factory=list)

    def add(self, figure, drafter, reference, ratio, target, limit=None, below=False):
        met = None if limit is None else (ratio < limit if below else ratio <= limit)
        self.rows.append(Row(figure, drafter, reference, ratio, target, met))


def ms(t: Timing) -> str:
    return f"{t.wall * 1000:.1f} ms (cpu {t.cpu * 1000:.1f})"


def sec(t: Timing) -> str:
    return f"{t.wall:.2f} s (cpu {t.cpu:.2f})"


def _generator(register: Path, templates: Path):
    from drafter.load.register import load_register
    from drafter.pipeline import Generator

    reg = load_register(register)
    return reg, Generator(reg, templates)


def fig_small(b: Bench) -> None:
    """Question 4 in process: drafter's Generator.generate vs docxtpl (prepared once), the zip floor, python-docx."""
    from docxtpl import DocxTemplate

    from drafter.pipeline import template_path
    from drafter.view.answer import build_view

    templates = b.folder / "answer_templates"
    reg, gen = _generator(b.folder / "data" / "questions.yaml", templates)
    q = reg.find(4, None, None)
    view = build_view(reg, q, gen.notes, gen.datasets.load)
    doc = DocxTemplate(str(template_path(q, templates)))

    def docxtpl_once():
        doc.render(view.context, autoescape=True)
        doc.save(io.BytesIO())

    with zipfile.ZipFile(io.BytesIO(gen.generate(q).data)) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]

    def zip_floor():  # deflating the parts of the answer, nothing else
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts:
                z.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, compress_type=zipfile.ZIP_DEFLATED,
                           compresslevel=6)
        return buf.getvalue()

    def python_docx_once():  # the same answer built paragraph by paragraph with python-docx
        import docx

        d = docx.Document()
        qv, answer = view.context["question"], view.context["answer"]
        d.add_paragraph(str(qv.title), style="Title")
        d.add_paragraph(qv.reference)
        for text in qv.introduction:
            d.add_paragraph(text)
        for number, text in qv.subquestions.items():
            d.add_paragraph(f"{number}. {text}", style="List Number")
        for text in answer["preamble"]:
            d.add_paragraph(text)
        for part in answer["parts"]:
            d.add_paragraph(f"Antwoord op vraag {part.number}", style="Heading 2")
            for block in part.blocks:
                if block.kind == "text":
                    d.add_paragraph(block.text)
                elif block.kind == "table":
                    table = block.table
                    t = d.add_table(rows=1 + len(table.rows), cols=1 + len(table.columns))
                    t.cell(0, 0).text = str(table.corner)
                    for j, c in enumerate(table.columns):
                        t.cell(0, j + 1).text = str(c)
                    for i, r in enumerate(table.rows):
                        t.cell(i + 1, 0).text = str(r.label)
                        for j, c in enumerate(r.cells):
                            t.cell(i + 1, j + 1).text = str(c)
                    for note in table.notes:
                        d.add_paragraph(str(note))
                else:
                    for item in block.items:
                        d.add_paragraph(item, style="List Bullet")
        d.save(io.BytesIO())

    n = 10 if b.quick else 30
    mine, theirs = interleaved(lambda: gen.generate(q), docxtpl_once, b.rounds, n)
    b.add("small answer in process (question 4)", ms(mine), f"docxtpl {ms(theirs)}", mine.cpu / theirs.cpu,
          "< 1", 1.0, below=True)
    mine2, floor = interleaved(lambda: gen.generate(q), zip_floor, b.rounds, n)
    b.add("  the same, against the zip floor", ms(mine2), f"deflate same parts {ms(floor)}", mine2.cpu / floor.cpu,
          "-")
    mine3, pd_ = interleaved(lambda: gen.generate(q), python_docx_once, b.rounds, max(3, n // 3))
    b.add("  the same, against python-docx", ms(mine3), f"python-docx {ms(pd_)}", mine3.cpu / pd_.cpu, "-")


def fig_tables(b: Bench) -> None:
    """Answers with a 1,000- and a 5,000-row table vs docxtpl {%tr%} over the same rows and columns."""
    from docxtpl import DocxTemplate

    from drafter.view.answer import build_view

    templates = b.folder / "answer_templates"
    for size in (1000, 5000):
        reg, gen = _generator(big_table_register(b.folder, size), templates)
        q = reg.questions[0]
        view = build_view(reg, q, gen.notes, gen.datasets.load)
        table = view.context["tables"]["lijnen"]
        context = {
            "title": "Hieronder het overzicht per budgetlijn:",
            "header": [str(table.corner)] + [str(c) for c in table.columns],
            "rows": [[str(r.label)] + [str(c) for c in r.cells] for r in table.rows],
        }
        assert len(context["rows"]) == size
        doc = DocxTemplate(str(tr_template(b.folder / f"tr-{size}.docx", len(context["header"]))))

        def docxtpl_once():
            doc.render(context, autoescape=True)
            doc.save(io.BytesIO())

        rounds = max(3, b.rounds // (2 if size > 1000 else 1))
        mine, theirs = interleaved(lambda: gen.generate(q), docxtpl_once, rounds, 1)
        b.add(f"answer with a {size:,}-row table", ms(mine), f"docxtpl {{%tr%}} {ms(theirs)}",
              mine.cpu / theirs.cpu, "< 1", 1.0, below=True)


def _drafter(*args: str) -> list[str]:
    return drafter_command() + list(args)


def _imports_pandas(args: list[str]) -> bool:
    code = ("import sys\nsys.argv = ['drafter'] + %r\nfrom drafter.commands.cli import main\ntry:\n    main()\n"
            "except SystemExit:\n    pass\nsys.stderr.write('PANDAS=%%s' %% ('pandas' in sys.modules))\n") % (args,)
    proc = subprocess.run([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=CHILD_ENV)
    return "PANDAS=True" in proc.stderr


def fig_start(b: Bench) -> None:
    """Whole processes: `drafter answer -q 4` vs importing the libraries; `drafter --help` vs importing Typer."""
    out = b.folder / "out-start"
    reg = b.folder / "data" / "questions.yaml"
    answer = _drafter("answer", "-q", "4", "--register", str(reg), "--templates", str(b.folder / "answer_templates"),
                      "--output", str(out))
    rounds = max(3, b.rounds)
    mine, theirs = interleaved_processes(lambda: run_process(answer, b.folder),
                                         lambda: run_process([sys.executable, "-c", LIBRARIES]), rounds)
    b.add("drafter answer -q 4, whole process", sec(mine), f"python -c '{LIBRARIES}' {sec(theirs)}",
          mine.cpu / theirs.cpu, "<= 2", 2.0)
    mine, theirs = interleaved_processes(lambda: run_process(_drafter("--help")),
                                         lambda: run_process([sys.executable, "-c", "import typer"]), rounds)
    b.add("drafter --help, whole process", sec(mine), f"python -c 'import typer' {sec(theirs)}",
          mine.cpu / theirs.cpu, "<= 1.5", 1.5)
    for args in (["--help"], ["check", "--help"], ["--version"]):
        imported = _imports_pandas(args)
        b.rows.append(Row(f"drafter {' '.join(args)} imports pandas", "yes" if imported else "no", "", None, "no",
                          not imported))


def fig_check(b: Bench) -> None:
    """`drafter check` per question vs `drafter batch` per answer, over the same register."""
    count = 100 if b.quick else 400
    reg = question_register(b.folder, count)
    templates = str(b.folder / "answer_templates")
    check = _drafter("check", "--register", str(reg), "--templates", templates)
    n = [0]

    def batch():
        n[0] += 1
        return run_process(_drafter("batch", "--register", str(reg), "--templates", templates,
                                    "--output", str(b.folder / f"out-check-{n[0]}")))

    mine, theirs = interleaved_processes(lambda: run_process(check), batch, max(2, b.rounds // 2), warmup=0)
    per = Timing(mine.wall / count, mine.cpu / count)
    ref = Timing(theirs.wall / count, theirs.cpu / count)
    b.add(f"drafter check, per question ({count})", ms(per), f"batch per answer {ms(ref)}", per.wall / ref.wall,
          "<= 1.5", 1.5)


def fig_large_file(b: Bench) -> None:
    """A 100,000-row data file used for 10 of its rows: what it adds to `drafter answer`."""
    large, small = large_file_registers(b.folder)
    templates = str(b.folder / "answer_templates")

    def answer(reg: Path):
        return lambda: run_process(_drafter("answer", "-q", "1", "--register", str(reg), "--templates", templates,
                                            "--output", str(b.folder / f"out-{reg.stem}")))

    mine, theirs = interleaved_processes(answer(large), answer(small), max(3, b.rounds))
    added = mine.cpu - theirs.cpu
    b.rows.append(Row("100,000-row data file, 10 rows used", sec(mine), f"10-row file {sec(theirs)}", None,
                      "adds <= 0.3 s", added <= 0.3))
    b.rows[-1].ratio = None
    b.rows[-1].drafter += f", +{added:.2f} s cpu"


def _batch_run(register: Path, templates: Path, out: Path, sampler: TreeMemory | None = None) -> float:
    cmd = _drafter("batch", "--register", str(register), "--templates", str(templates), "--output", str(out))
    return timed_process(cmd, env=CHILD_ENV, sampler=sampler)


def fig_batch(b: Bench) -> None:
    """A batch of 5,000 questions: peak memory (sum of PSS) and wall time per answer against 1,000."""
    small_n, large_n = (200, 1000) if b.quick else (1000, 5000)
    templates = b.folder / "answer_templates"
    small, large = question_register(b.folder, small_n), question_register(b.folder, large_n)
    times = {small_n: [], large_n: []}
    for r in range(2 if b.quick else 3):
        for n, reg in ((small_n, small), (large_n, large)):
            times[n].append(_batch_run(reg, templates, b.folder / f"out-batch-{n}-{r}") / n)
            shutil.rmtree(b.folder / f"out-batch-{n}-{r}")
    per_small, per_large = statistics.median(times[small_n]), statistics.median(times[large_n])
    b.add(f"batch of {large_n:,}: wall time per answer", f"{per_large * 1000:.2f} ms",
          f"batch of {small_n:,} {per_small * 1000:.2f} ms", per_large / per_small, "<= 1.05 (noise)", 1.05)
    sampler = TreeMemory(0)
    _batch_run(large, templates, b.folder / "out-batch-memory", sampler)
    shutil.rmtree(b.folder / "out-batch-memory")
    mb = sampler.peak_kb / 1024
    b.rows.append(Row(f"batch of {large_n:,}: peak memory, all processes", f"{mb:.0f} MB",
                      f"sum of PSS, {sampler.peak_processes} processes", None, "< 500 MB", mb < 500))


def fig_pdf(b: Bench) -> None:
    """PDF for 5 answers: what `batch --pdf` adds, vs one plain soffice call on the same files."""
    if shutil.which("soffice") is None:
        b.rows.append(Row("PDF for 5 answers", "n/a", "needs LibreOffice", None, "<= 1.2", None))
        return
    reg = question_register(b.folder, 5)
    templates = str(b.folder / "answer_templates")
    base = b.folder / "out-pdf"
    base.mkdir(exist_ok=True)
    n = [0]

    def drafter_pdf():
        n[0] += 1
        plain = run_process(_drafter("batch", "--register", str(reg), "--templates", templates,
                                     "--output", str(base / f"plain-{n[0]}")))
        with_pdf = run_process(_drafter("batch", "--pdf", "--allow-gaps", "--register", str(reg), "--templates", templates,
                                        "--output", str(base / f"pdf-{n[0]}")))
        return with_pdf[0] - plain[0], with_pdf[1] - plain[1]

    run_process(_drafter("batch", "--register", str(reg), "--templates", templates, "--output", str(base / "docx")))
    files = sorted(str(p) for p in (base / "docx").glob("*.docx"))

    def soffice():
        n[0] += 1
        return run_process(["soffice", f"-env:UserInstallation=file://{base}/lo-{n[0]}", "--headless",
                            "--convert-to", "pdf", "--outdir", str(base / f"soffice-{n[0]}"), *files])

    mine, theirs = interleaved_processes(drafter_pdf, soffice, max(2, b.rounds // 2), warmup=0)
    b.add("PDF for 5 answers (batch --pdf - batch)", sec(mine), f"one soffice call {sec(theirs)}",
          mine.wall / theirs.wall, "<= 1.2", 1.2)


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def fig_serve(b: Bench) -> None:
    """`drafter serve`, warm: a draft from the page (p95) and the follow-up list of 7,000 questions, against
    `drafter answer` and `drafter status` as processes."""
    import httpx

    from tests.serve.server import start

    def timed_requests(server, send, count: int, check=lambda response: True) -> list[float]:
        client = httpx.Client(base_url=server.base, timeout=600)
        client.get(f"/?token={server.token}")
        csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/intake").text).group(1)
        send(client, csrf)  # warm: the project read, the template compiled
        out = []
        for _ in range(count):
            start_ = time.perf_counter()
            response = send(client, csrf)
            out.append(time.perf_counter() - start_)
            assert response.status_code == 200 and check(response), response.text[:500]
        return out

    count = 10 if b.quick else 30
    small = b.folder / "serve-small"
    make_project(small)
    server = start(small)
    try:
        drafts = timed_requests(server, lambda c, csrf: c.post(
            "/q/2019-2020/4/draft", data={"csrf": csrf, "minister": "N.N."}, headers={"origin": server.base}), count,
            check=lambda response: response.content.startswith(b"PK"))
    finally:
        server.stop()
    answer = _drafter("answer", "-q", "4", "--register", str(small / "data" / "questions.yaml"), "--templates",
                      str(small / "answer_templates"), "--output", str(small / "out-cli"))
    process = [run_process(answer, small)[0] for _ in range(max(3, b.rounds))]
    p95 = _p95(drafts)
    b.add("serve: a draft from the page, warm (p95)", f"{p95 * 1000:.1f} ms (median {statistics.median(drafts) * 1000:.1f})",
          f"drafter answer -q 4, process {statistics.median(process) * 1000:.0f} ms", p95 / 0.150, "< 150 ms", 1.0,
          below=True)

    large = b.folder / "serve-7000"
    make_project(large)
    register = question_register(large, 7000)
    # texts cut to a sentence each: 7,000 full entries would pass the 20 MB a register may have
    raw = yaml.safe_load(register.read_text(encoding="utf-8"))
    for q in raw["questions"]:
        q["introduction"] = " ".join(q["introduction"].split()[:12]) + "."
        q["subquestions"] = {k: " ".join(v.split()[:10]) + "?" for k, v in q["subquestions"].items()}
        q["answer"]["preamble"] = " ".join(q["answer"]["preamble"].split()[:12]) + "."
    (large / "data" / "questions.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False, width=100),
                                                   encoding="utf-8")
    server = start(large)
    try:
        # the list as it opens: every question counted, the first page of 100 rows shown
        lists = timed_requests(server, lambda c, csrf: c.get("/"), max(5, count // 3),
                               check=lambda response: response.text.count("data-state=") == 100
                               and "7000 questions" in response.text)

    finally:
        server.stop()
    status = _drafter("status", "--register", str(large / "data" / "questions.yaml"), "--templates",
                      str(large / "answer_templates"), "--output", str(large / "output"))
    (large / "output").mkdir(exist_ok=True)
    process = [run_process(status, large, check=False)[0] for _ in range(max(2, b.rounds // 2))]
    p95 = _p95(lists)
    b.add("serve: the follow-up list of 7,000 questions (a page of 100), warm (p95)",
          f"{p95 * 1000:.0f} ms (median {statistics.median(lists) * 1000:.0f})",
          f"drafter status, process {statistics.median(process):.1f} s", p95 / 0.300, "< 300 ms", 1.0, below=True)


FIGURES = {
    "small": fig_small,
    "tables": fig_tables,
    "start": fig_start,
    "check": fig_check,
    "largefile": fig_large_file,
    "batch": fig_batch,
    "pdf": fig_pdf,
    "serve": fig_serve,
}


def print_table(rows: list[Row]) -> None:
    header = ("figure", "drafter", "reference", "ratio", "target", "met")
    cells = [header] + [
        (r.figure, r.drafter, r.reference, "" if r.ratio is None else f"{r.ratio:.2f}", r.target,
         "" if r.met is None else ("yes" if r.met else "NO"))
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(header))]
    for i, c in enumerate(cells):
        print("| " + " | ".join(v.ljust(w) for v, w in zip(c, widths)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and smaller batches (ratios less steady)")
    parser.add_argument("--only", default="", help=f"a comma-separated subset of: {', '.join(FIGURES)}")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds per figure (default 7; 3 with --quick)")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder and say where it is")
    args = parser.parse_args(argv)
    if args.list:
        for name, fn in FIGURES.items():
            print(f"{name:<10} {fn.__doc__}")
        return 0
    chosen = [f.strip() for f in args.only.split(",") if f.strip()] or list(FIGURES)
    unknown = [f for f in chosen if f not in FIGURES]
    if unknown:
        parser.error(f"unknown figure {unknown[0]!r}; the figures are: {', '.join(FIGURES)}")
    folder = make_project(Path(tempfile.mkdtemp(prefix="drafter-bench-")))
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    bench = Bench(folder, args.rounds or (3 if args.quick else 7), args.quick)
    try:
        for name in chosen:
            start = time.perf_counter()
            FIGURES[name](bench)
            print(f"[{name}: {time.perf_counter() - start:.0f} s]", file=sys.stderr)
    finally:
        if args.keep:
            print(f"kept {folder}", file=sys.stderr)
        else:
            shutil.rmtree(folder, ignore_errors=True)
    print(f"drafter benchmark: {os.cpu_count()} cores, {bench.rounds} interleaved rounds, medians")
    print_table(bench.rows)
    return 0 if all(r.met is not False for r in bench.rows) else 1


if __name__ == "__main__":
    sys.exit(main())

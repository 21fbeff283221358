"""The product as a user gets it: the wheel, installed into a fresh environment outside the
checkout, used in a project made by `drafter init` in a folder whose path has a space and a
non-ASCII letter. Runs in CI always (marked `wheel`); `-m "not wheel"` leaves it out locally.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import docx
import pytest

from . import seed
from .conftest import IN_CI, ROOT, copy_project, run_in, validate_docx

pytestmark = pytest.mark.wheel

ANSWER_4 = "antwoord-2019-2020-vraag-4-bedrijfsclusters-subsidies.docx"


def norm(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("\u00a0", " ").split())


def _run(cmd: list, cwd: Path, env: dict, timeout: float = 600) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=timeout)
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the drafter command of a fresh venv with the wheel in it, the wheel, its environment)."""
    base = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items() if k not in ("DRAFTER_HOME", "VIRTUAL_ENV", "PYTHONPATH")}
    env["PYTHONIOENCODING"] = "utf-8"
    built = _run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", base / "dist"],
                 cwd=base, env=env)
    wheels = list((base / "dist").glob("vlaams_drafter-*.whl"))
    if built.returncode != 0 or not wheels:
        message = f"the wheel could not be built: {built.stderr[-2000:]}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    venv.create(base / "venv", with_pip=True)
    bindir = base / "venv" / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    install = _run([python, "-m", "pip", "install", "--quiet", "-c", ROOT / "constraints.txt", wheels[0]],
                   cwd=base, env=env)
    assert install.returncode == 0, install.stderr[-3000:]
    return bindir / "drafter", wheels[0], env


def test_the_wheel_carries_the_example_project_and_the_schemas(installed):
    _, wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    example = {f.relative_to(ROOT).as_posix() for d in ("data", "answer_templates")
               for f in (ROOT / d).rglob("*") if f.is_file() and "__pycache__" not in f.parts}
    assert {f"drafter/example/{n}" for n in example | {"drafter.toml"}} <= names
    schemas = {f"drafter/{p.name}" for p in (ROOT / "drafter").glob("*.schema.json")}
    assert schemas <= names
    pages = {p.relative_to(ROOT).as_posix() for d in ("templates", "static") for p in (ROOT / "drafter/serve" / d).iterdir()}
    assert pages and pages <= names  # drafter serve's pages, its style sheet and script: no build step, no CDN
    meta = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "Name: vlaams-drafter" in meta
    from drafter import __version__

    assert f"Version: {__version__}" in meta
    for dependency in ("typer", "rich", "MarkupSafe", "Jinja2", "pandas"):
        line = next(l for l in meta.splitlines() if l.lower().startswith(f"requires-dist: {dependency.lower()}"))
        assert "<" in line, f"{line}: no upper bound"


def _same_as_seed(answer: Path) -> None:
    document = docx.Document(str(answer))
    texts = [norm(p.text) for p in document.paragraphs]
    assert texts[4:] == [norm(t) for t in (seed.PREAMBLE, seed.ANSWERS[1], *seed.NOTES, seed.AFTER_TABLE,
                                           seed.ANSWERS[2], seed.ANSWERS[3], seed.ANSWERS[4])]
    assert [[norm(c.text) for c in row.cells] for row in document.tables[0].rows] == seed.TABLE


@pytest.fixture(scope="module")
def checkout_answer(tmp_path_factory) -> bytes:
    """The answer to question 4 as the checkout makes it (the same inputs give the same bytes)."""
    project = copy_project(tmp_path_factory.mktemp("checkout"))
    result = run_in(project, "answer", "-q", "4")
    assert result.exit_code == 0, result.output
    return (project / "out" / ANSWER_4).read_bytes()


def test_init_check_answer_batch_in_a_folder_with_a_space_and_an_accent(installed, tmp_path, checkout_answer):
    drafter, _, env = installed
    home = tmp_path / "Kabinet Economie" / "Schriftelijke vragen é"
    home.mkdir(parents=True)
    made = _run([drafter, "init", "project ë"], cwd=home, env=env)
    assert made.returncode == 0, made.stderr
    project = home / "project ë"
    assert (project / "drafter.toml").is_file() and (project / "data" / "questions.yaml").is_file()
    assert sorted(p.name for p in (project / "answer_templates").iterdir()) == \
        sorted(p.name for p in (ROOT / "answer_templates").iterdir())
    assert list((project / "output").iterdir()) == []

    checked = _run([drafter, "check"], cwd=project, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    _clean(checked.stdout)

    answered = _run([drafter, "answer", "-q", "4"], cwd=project, env=env)
    assert answered.returncode == 0, answered.stderr
    assert answered.stdout.strip() == f"{Path('output') / ANSWER_4} geschreven"  # the project speaks Dutch
    answer = project / "output" / ANSWER_4
    _same_as_seed(answer)
    assert answer.read_bytes() == checkout_answer
    validate_docx(answer)

    batch = _run([drafter, "batch", "--jobs", "1", "--format", "json"], cwd=project, env=env)
    assert batch.returncode == 0, batch.stderr
    manifest = json.loads(batch.stdout)
    assert manifest["state"] == "finished"
    statuses = {a["file"]: a["status"] for a in manifest["answers"]}
    assert statuses[ANSWER_4] == "unchanged"
    assert len(statuses) == len(list((project / "output").glob("*.docx"))) >= 5
    assert all(s == "written" for f, s in statuses.items() if f != ANSWER_4)


def _clean(report: str) -> None:
    """check found no errors: its lines are warnings (the example's placeholders) and its summary,
    in Dutch: the example project says language = "nl", and the wheel carries the compiled catalog."""
    *warnings, summary = report.splitlines()
    assert summary.startswith("drafter check: 0 fouten, "), report
    assert all(line.startswith("waarschuwing: ") for line in warnings), report


def _check_answer_batch(drafter, env, cwd: Path, project: Path, checkout_answer: bytes, *given: str) -> None:
    """check, answer -q 4 and batch, run in cwd (with the options given), work on project."""
    checked = _run([drafter, "check", *given], cwd=cwd, env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    _clean(checked.stdout)
    answered = _run([drafter, "answer", "-q", "4", *given], cwd=cwd, env=env)
    assert answered.returncode == 0, answered.stderr
    answer = project / "output" / ANSWER_4
    _same_as_seed(answer)
    assert answer.read_bytes() == checkout_answer
    batch = _run([drafter, "batch", "-j", "1", "--format", "json", *given], cwd=cwd, env=env)
    assert batch.returncode == 0, batch.stderr
    manifest = json.loads(batch.stdout)
    assert Path(manifest["folder"]) == (project / "output").resolve()
    assert {a["file"]: a["status"] for a in manifest["answers"]}[ANSWER_4] == "unchanged"
    assert sorted(a["file"] for a in manifest["answers"]) == sorted(p.name for p in (project / "output").glob("*.docx"))


def test_from_a_subfolder_of_the_project(installed, tmp_path, checkout_answer):
    drafter, _, env = installed
    project = tmp_path / "Dossier ü" / "vragen 2019"
    made = _run([drafter, "init", project], cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    sub = project / "data" / "ontwerpen"  # any folder inside the project
    sub.mkdir()
    _check_answer_batch(drafter, env, sub, project, checkout_answer)
    assert list(sub.iterdir()) == []
    again = _run([drafter, "init", project], cwd=tmp_path, env=env)
    assert again.returncode == 1 and "never replaces a file" in again.stderr


def test_with_project_and_drafter_home_from_outside_it(installed, tmp_path, checkout_answer):
    drafter, _, env = installed
    project = tmp_path / "Cabinet é" / "questions"
    assert _run([drafter, "init", project], cwd=tmp_path, env=env).returncode == 0
    elsewhere = tmp_path / "ergens anders"
    elsewhere.mkdir()
    outside = _run([drafter, "answer", "-q", "4"], cwd=elsewhere, env=env)
    assert outside.returncode == 1 and "drafter.toml" in outside.stderr and "drafter init" in outside.stderr
    assert "Traceback" not in outside.stderr
    _check_answer_batch(drafter, env, elsewhere, project, checkout_answer, "--project", str(project))
    home = _run([drafter, "check"], cwd=elsewhere, env={**env, "DRAFTER_HOME": str(project)})
    assert home.returncode == 0, home.stdout + home.stderr
    assert list(elsewhere.iterdir()) == []


def test_the_wheel_carries_the_compiled_catalogs_and_speaks_dutch(installed, tmp_path):
    drafter, wheel, env = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"drafter/locale/nl/LC_MESSAGES/drafter.mo", "drafter/locale/fr/LC_MESSAGES/drafter.mo"} <= names
    helped = _run([drafter, "--lang", "nl", "--help"], cwd=tmp_path, env=env)
    assert helped.returncode == 0, helped.stderr
    assert "Gebruik:" in helped.stdout and "Opdrachten:" in helped.stdout
    misspelt = _run([drafter, "answer", "--qestion", "4"], cwd=tmp_path, env={**env, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "nl_BE.UTF-8"})
    assert misspelt.returncode == 2
    assert "fout: Optie --qestion bestaat niet (bedoelt u: --question?)" in misspelt.stderr

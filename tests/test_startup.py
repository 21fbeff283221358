"""An instant start: commands that read no data or templates do not import what reads them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import sys
sys.argv = ["drafter"] + {args!r}
from drafter.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted(m for m in {heavy!r} if m in sys.modules)), file=sys.stderr)
"""
#: What costs start-up and is needed only where data (pandas, openpyxl) or templates (lxml,
#: docxtpl) are read; rich and pydantic are never needed.
HEAVY = ("pandas", "numpy", "openpyxl", "lxml", "docxtpl", "docx", "rich", "pydantic", "yaml", "babel")


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["answer", "--help"], ["check", "--help"],
                                  ["batch", "--help"]])
def test_help_and_version_load_only_the_command_line(args):
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=HEAVY)],
                          capture_output=True, text=True, timeout=60)
    loaded = proc.stderr.rsplit("LOADED=", 1)[1].strip()
    assert loaded == "", f"drafter {' '.join(args)} imported {loaded}"
    assert "Usage: drafter" in proc.stdout or proc.stdout.startswith("drafter ")


# --- drafter.dataclass: the standard library's, its methods' code kept between runs

#: Every data class of drafter's modules, each method dataclasses wrote: its code and what it was made with.
DUMP_CLASSES = """
import dataclasses, importlib, json, marshal, pkgutil, sys
import drafter
if {plain!r}:
    drafter.dataclass = dataclasses.dataclass  # the standard library's, for the modules imported next
for info in pkgutil.walk_packages(drafter.__path__, "drafter."):
    importlib.import_module(info.name)
out = {{}}
for name, module in sorted(sys.modules.items()):
    if not name.startswith("drafter"):
        continue
    for cls in vars(module).values():
        if isinstance(cls, type) and cls.__module__ == name and dataclasses.is_dataclass(cls):
            for attr, fn in sorted(vars(cls).items()):
                code = getattr(fn, "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    out[f"{{cls.__qualname__}}.{{attr}}"] = [marshal.dumps(code).hex(), repr(fn.__annotations__),
                                                        repr(fn.__defaults__), repr(fn.__kwdefaults__), fn.__qualname__]
print(json.dumps({{"classes": out, "compiled": sum(m.compiled for m in drafter._METHODS.values())}}))
"""


def _dump_classes(tmp_path, plain=False):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    proc = subprocess.run([sys.executable, "-c", DUMP_CLASSES.format(plain=plain)], capture_output=True, text=True,
                          timeout=120, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_data_classes_made_from_the_kept_code_are_those_of_the_standard_library(tmp_path):
    plain = _dump_classes(tmp_path, plain=True)
    first = _dump_classes(tmp_path)  # compiles every method and keeps its code
    again = _dump_classes(tmp_path)  # compiles none: all from the file
    assert len(plain["classes"]) > 200
    assert first["compiled"] > 0
    assert again["compiled"] == 0
    assert first["classes"] == plain["classes"]
    assert again["classes"] == plain["classes"]


MAKE_CLASS = """
import drafter, json
@drafter.dataclass(frozen=True)
class Point:
    x: int
    {fields}
p = Point(*range({count}))
compiled = sum(m.compiled for m in drafter._METHODS.values())
print(json.dumps({{"repr": repr(p), "hash": hash(p) == hash(Point(*range({count}))), "compiled": compiled}}))
"""


def _make_class(tmp_path, fields, count):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    proc = subprocess.run([sys.executable, "-c", MAKE_CLASS.format(fields=fields, count=count)], capture_output=True,
                          text=True, timeout=60, env=env, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_kept_method_code_is_never_stale_and_a_damaged_file_is_ignored(tmp_path):
    assert _make_class(tmp_path, "y: int", 2) == {"repr": "Point(x=0, y=1)", "hash": True, "compiled": 6}
    assert _make_class(tmp_path, "y: int", 2)["compiled"] == 0
    # the class changed: its new methods are compiled, not the old ones reused
    assert _make_class(tmp_path, "y: int\n    z: int = 5", 3) == {"repr": "Point(x=0, y=1, z=2)", "hash": True,
                                                                   "compiled": 6}
    kept = next((tmp_path / "pycache").rglob("__main__.dataclasses.*"))
    kept.write_bytes(b"not marshal data")
    assert _make_class(tmp_path, "y: int", 2) == {"repr": "Point(x=0, y=1)", "hash": True, "compiled": 6}
    assert _make_class(tmp_path, "y: int", 2)["compiled"] == 0


@pytest.mark.parametrize("args", [["status"], ["verify"]])
def test_commands_that_read_no_data_do_not_import_pandas(tmp_path, args):
    made = subprocess.run([sys.executable, "-m", "drafter.cli", "init", str(tmp_path / "project"), "--quiet"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    proc = subprocess.run([sys.executable, "-c", PROBE.format(args=args, heavy=("pandas", "numpy"))],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path / "project")
    assert proc.stderr.rsplit("LOADED=", 1)[1].strip() == "", f"drafter {' '.join(args)} imported pandas"


# --- the help kept between runs (drafter/cli.py): Typer's text, byte for byte, while nothing it depends on changed

HELP_RUN = """
import sys
sys.argv = [{prog!r}] + {args!r}
from drafter.{module} import {entry}
try:
    {entry}()
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print("TYPER=%s" % ("typer" in sys.modules), file=sys.stderr)
"""


def _help(tmp_path, args, columns=80, entry="main", prog="drafter", env=None, pythonpath=None):
    """(stdout bytes, whether Typer was imported): through cli.main, or Typer's own app (entry='app')."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE" and not k.startswith("TYPER")}
    environment.update({"PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"), "COLUMNS": str(columns)}, **(env or {}))
    if pythonpath:
        environment["PYTHONPATH"] = str(pythonpath)
    code = HELP_RUN.format(prog=prog, args=args, module="cli" if entry == "main" else "commands", entry=entry)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, env=environment,
                          cwd=pythonpath or ROOT)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, b"TYPER=True" in proc.stderr


@pytest.mark.parametrize("args", [["--help"], ["answer", "--help"], ["batch", "--help"]])
def test_the_kept_help_is_typers_byte_for_byte_in_every_width(tmp_path, args):
    for columns in (50, 80, 117, 200):
        typers, _ = _help(tmp_path, args, columns, entry="app")
        first, imported = _help(tmp_path, args, columns)
        assert imported and first == typers  # Typer printed it, and it was kept
        kept, imported = _help(tmp_path, args, columns)
        assert not imported and kept == typers, f"{columns} columns"
        assert b"Usage: drafter" in kept


def test_the_kept_help_is_not_used_when_anything_it_depends_on_changes(tmp_path):
    _help(tmp_path, ["--help"])
    assert _help(tmp_path, ["--help"])[1] is False  # kept
    assert _help(tmp_path, ["--help"], columns=100)[1] is True  # another width
    for env in ({"TYPER_USE_RICH": "0"}, {"LANGUAGE": "fr"}, {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}):
        assert _help(tmp_path, ["--help"], env=env) == (_help(tmp_path, ["--help"], entry="app", env=env)[0], True)
    renamed, imported = _help(tmp_path, ["--help"], prog="/somewhere/dr")
    assert imported and renamed.startswith(b"Usage: dr [OPTIONS]")
    # the commands' source changed: the new help, not the kept one
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "drafter", copy / "drafter", ignore=shutil.ignore_patterns("__pycache__"))
    assert _help(tmp_path, ["answer", "--help"], pythonpath=copy)[1] is True
    assert _help(tmp_path, ["answer", "--help"], pythonpath=copy)[1] is False
    commands = copy / "drafter" / "commands.py"
    commands.write_text(commands.read_text(encoding="utf-8").replace(
        '"""Draft the answer to one question."""', '"""Draft the answer to one question, changed."""'), encoding="utf-8")
    changed, imported = _help(tmp_path, ["answer", "--help"], pythonpath=copy)
    assert imported and b"one question, changed." in changed
    # a damaged file is ignored and made again; a folder that cannot be written is no error
    for kept in (tmp_path / "pycache").rglob("cli.help.*"):
        kept.write_bytes(b"not marshal data")
    assert _help(tmp_path, ["--help"]) == (_help(tmp_path, ["--help"], entry="app")[0], True)
    assert _help(tmp_path, ["--help"])[1] is False
    (tmp_path / "file").write_text("")
    readonly = {"PYTHONPYCACHEPREFIX": str(tmp_path / "file" / "pycache")}
    for _ in range(2):
        assert _help(tmp_path, ["--help"], env=readonly) == (_help(tmp_path, ["--help"], entry="app")[0], True)


def test_the_kept_help_depends_on_the_files_of_typer(tmp_path):
    from drafter import cli

    (tmp_path / "lib").mkdir()
    module = tmp_path / "lib" / "core.py"
    module.write_text("A = 1\n")
    before = cli._made_of((), (str(tmp_path / "lib"),))
    assert cli._made_of((), (str(tmp_path / "lib"),)) == before
    module.write_text("A = 12\n")
    assert cli._made_of((), (str(tmp_path / "lib"),)) != before


def test_the_help_key_names_every_environment_variable_typer_reads(monkeypatch):
    import re
    import typer

    from drafter import cli

    read = set()
    for path in Path(typer.__file__).parent.rglob("*.py"):
        read |= set(re.findall(r"""(?:getenv|environ\.get|environ\[)\(?\s*["']([A-Za-z_]+)["']""",
                               path.read_text(encoding="utf-8")))
    not_for_help = {"COMP_WORDS", "COMP_CWORD", "XDG_CONFIG_HOME"}  # completion, click's get_app_dir
    assert read - not_for_help
    for name in read - not_for_help:
        assert name in cli._HELP_ENVIRONMENT or name.startswith(cli._HELP_ENVIRONMENT_PREFIXES), name
    monkeypatch.setenv("_DRAFTER_COMPLETE", "bash_complete")  # click completes the line: Typer answers
    assert cli._help_key(["--help"]) is None


# --- Jinja2's code kept between runs (drafter/view/jinja.py): Word templates and the register's texts


def test_kept_jinja_code_is_what_jinja2_compiles_and_is_dropped_when_the_compiler_changes(tmp_path, monkeypatch):
    import drafter
    from drafter.view import jinja
    from drafter.word import template

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    file = str(tmp_path / "kept" / "jinja.marshal")
    monkeypatch.setitem(drafter._METHODS, "drafter.view.jinja.code", drafter._MethodCode(file))
    paths = sorted((ROOT / "answer_templates").glob("*.docx"))
    made = [template.WordTemplate(p) for p in paths]  # compiled, and kept
    jinja.kept_from_string(jinja.text_environment(), "{{ 1 + 2 }} {{ question.number }}")
    drafter._METHODS["drafter.view.jinja.code"].save()
    kept = drafter.read_kept(file)  # as the next run reads it
    env = jinja.xml_environment()
    for word in made:
        for compiled in (word.body, *word.other.values()):
            source = "\n".join(compiled.lines)
            assert kept[(jinja._compiled_by(env), source)] == env.compile(source)
    assert kept[(jinja._compiled_by(jinja.text_environment()), "{{ 1 + 2 }} {{ question.number }}")] == \
        jinja.text_environment().compile("{{ 1 + 2 }} {{ question.number }}")
    # what compiles them is in the key: another environment (Jinja2's version, filters, this module's source)
    assert jinja._compiled_by(env) != jinja._compiled_by(jinja.text_environment())
    other = jinja._make(autoescape=True)
    other.filters["new_filter"] = str
    assert jinja._compiled_by(other) != jinja._compiled_by(env)
    # a damaged file is ignored
    Path(file).write_bytes(b"\x00damaged")
    monkeypatch.setitem(drafter._METHODS, "drafter.view.jinja.code", drafter._MethodCode(file))
    assert template.WordTemplate(paths[0]).body.lines == made[0].body.lines


def test_an_answer_from_kept_template_code_is_byte_for_byte_the_same(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path / "pycache")
    project = tmp_path / "project"
    run = [sys.executable, "-m", "drafter.cli"]
    assert subprocess.run(run + ["init", str(project), "--quiet"], env=env, cwd=ROOT, timeout=60).returncode == 0
    answers = []
    for n in range(2):  # the first compiles the template and keeps its code, the second uses it
        out = tmp_path / f"out-{n}"
        proc = subprocess.run(run + ["answer", "-q", "4", "--quiet", "--output", str(out)], env=env, cwd=project,
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        answers.append([p.read_bytes() for p in sorted(out.glob("*.docx"))])
    assert list((tmp_path / "pycache").rglob("drafter.view.jinja.code.*"))
    assert answers[0] and answers[0] == answers[1]


def _same_template(a, b):
    assert vars(a).keys() == vars(b).keys()
    for name in vars(a):
        if name in ("body", "other", "path", "file"):  # the place: see the test
            continue
        assert getattr(a, name) == getattr(b, name), name
    for x, y in [(a.body, b.body), *zip(a.other.values(), b.other.values())]:
        assert (x.locations, x.lines) == (y.locations, y.lines)
        assert x.template.root_render_func.__code__ == y.template.root_render_func.__code__
    assert a.other.keys() == b.other.keys()


@pytest.fixture
def kept_preparations(tmp_path, monkeypatch):
    """Template preparations kept in tmp_path/kept (one file per template's place)."""
    import drafter
    from drafter.word import template

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(template, "_prepared_file", lambda path: str(tmp_path / "kept" / f"{path.name}.marshal"))
    monkeypatch.setitem(drafter._METHODS, "drafter.view.jinja.code", drafter._MethodCode(str(tmp_path / "code")))
    prepared = []
    real_init = template.WordTemplate.__init__
    monkeypatch.setattr(template.WordTemplate, "__init__", lambda self, path: prepared.append(path) or real_init(self, path))
    return prepared


def test_a_kept_template_preparation_is_the_fresh_one_and_is_never_stale(tmp_path, monkeypatch, kept_preparations):
    from drafter.word import template

    prepared = kept_preparations
    paths = sorted((ROOT / "answer_templates").glob("*.docx"))
    for path in paths:
        fresh = template.WordTemplate(path)
        assert isinstance(template._prepared(path), template.WordTemplate)  # prepared, and kept
        prepared.clear()
        kept = template._prepared(path)
        assert prepared == [] and kept.path == path and kept.file == fresh.file
        _same_template(kept, fresh)
    # another file at the same place: its own preparation, not the kept one of the first
    place = tmp_path / "t.docx"
    place.write_bytes(paths[0].read_bytes())
    _same_template(template._prepared(place), template.WordTemplate(place))
    place.write_bytes(paths[1].read_bytes())
    prepared.clear()
    _same_template(template._prepared(place), template.WordTemplate(paths[1]))
    assert prepared[0] == place  # prepared afresh
    # what prepares it changed (drafter's source, docxtpl, Jinja2, lxml): nothing kept is used
    prepared.clear()
    template._prepared(place)
    assert prepared == []
    monkeypatch.setattr(template, "_prepared_by", lambda: "another docxtpl")
    _same_template(template._prepared(place), template.WordTemplate(paths[1]))
    assert prepared[0] == place
    # a damaged file is ignored
    kept_file = tmp_path / "kept" / "t.docx.marshal"
    kept_file.write_bytes(b"\x00damaged")
    _same_template(template._prepared(place), template.WordTemplate(paths[1]))


def test_a_kept_preparation_holds_no_parts_and_a_picture_is_read_from_the_template(tmp_path, kept_preparations):
    import zipfile

    from drafter.word import template

    place = tmp_path / "with-picture.docx"
    shutil.copy(ROOT / "answer_templates" / "kamer.docx", place)
    picture = os.urandom(2_000_000)  # does not compress
    with zipfile.ZipFile(place, "a") as z:
        z.writestr("word/media/logo.bin", picture)
    first = template._prepared(place)
    kept_preparations.clear()
    again = template._prepared(place)
    assert kept_preparations == []  # taken from what was kept
    assert again.parts == first.parts and again.parts["word/media/logo.bin"] == picture
    assert (tmp_path / "kept" / "with-picture.docx.marshal").stat().st_size < len(picture) // 10


def test_nothing_is_kept_where_what_prepares_a_template_cannot_be_read(tmp_path, monkeypatch, kept_preparations):
    from drafter.view import jinja
    from drafter.word import template

    monkeypatch.setattr(template, "_prepared_by", lambda: None)
    monkeypatch.setattr(jinja, "_compiled_by", lambda env: None)
    path = ROOT / "answer_templates" / "kamer.docx"
    for _ in range(2):
        _same_template(template._prepared(path), template.WordTemplate(path))
    assert not (tmp_path / "kept").exists() and not (tmp_path / "code").exists()


def test_a_kept_preparation_the_compiler_now_refuses_is_the_templates_error_not_a_crash(tmp_path, monkeypatch,
                                                                                        kept_preparations):
    from jinja2 import TemplateSyntaxError

    from drafter.errors import TemplateProblem
    from drafter.word import template

    path = ROOT / "answer_templates" / "kamer.docx"
    template._prepared(path)  # kept

    def refuses(env, source):  # as a newer Jinja2 might, for a tag the kept preparation holds
        raise TemplateSyntaxError("unexpected tag", 1)

    monkeypatch.setattr(template, "kept_from_string", refuses)
    with pytest.raises(TemplateProblem, match="template tag error: unexpected tag"):
        template._prepared(path)


def test_drafter_run_from_a_zip_drafts_the_same_answer(tmp_path):
    """A zipped drafter (zipapp, shiv, pex) cannot read its own source: it keeps nothing and works as always."""
    import zipfile

    archive = tmp_path / "drafter.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in sorted((ROOT / "drafter").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                z.write(path, path.relative_to(ROOT).as_posix())
    code = ("import sys\nfrom pathlib import Path\nimport drafter\nfrom drafter.load.register import load_register\n"
            "from drafter.pipeline import Generator\n"
            f"reg = load_register(Path({str(ROOT / 'data' / 'questions.yaml')!r}))\n"
            f"gen = Generator(reg, Path({str(ROOT / 'answer_templates')!r}), "
            "created=__import__('datetime').datetime(2026, 1, 1))\n"
            "print(drafter.__file__, file=sys.stderr)\n"
            "sys.stdout.buffer.write(b''.join(gen.generate(q).data for q in reg.questions))\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    outputs = []
    for where in (str(archive), str(ROOT)):
        proc = subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONPATH": where,
                              "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}, cwd=tmp_path, capture_output=True,
                              timeout=180)
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        assert proc.stderr.decode().startswith(where)  # the drafter of that place
        outputs.append(proc.stdout)
    assert outputs[0] and outputs[0] == outputs[1]

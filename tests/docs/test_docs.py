"""The documentation: the site builds offline with mkdocs --strict, the user guide shows what
drafter prints, and the reference and the examples agree with the one declaration of keys."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from drafter import paths
from drafter.load import keys
from drafter.load.schema import TABLE_KEYS

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "tools"))
import docs_examples  # noqa: E402  (tools/docs_examples.py)
import reference  # noqa: E402  (tools/reference.py)


def guide_pictures() -> None:
    """The user guide's pictures of the web page are built, not committed (as scripts/dev docs
    makes them): made here when missing, with Debian's chromium; without it the build cannot
    show them, which may skip on a developer's machine, never in CI."""
    pictures = [DOCS / "gids" / "img" / name for name in ("opvolging.png", "vraag.png", "problemen.png")]
    if all(p.is_file() for p in pictures):
        return
    from tests.serve.server import CHROMIUM

    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        pytest.skip(f"the guide's pictures need chromium at {CHROMIUM} (apt-get install chromium)")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "screenshots.py"), "--guide"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(p.is_file() for p in pictures), done.stdout


def test_the_site_builds_strictly_and_offline(tmp_path):
    guide_pictures()
    site = tmp_path / "site"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for page in ("reference/register", "reference/tables", "reference/style", "gids/intake"):
        assert (site / f"{page}.html").is_file(), page  # offline: pages are files, opened without a server
    # offline: nothing is fetched from the network when a page is opened
    html = (site / "gids" / "intake.html").read_text(encoding="utf-8")
    fetched = re.findall(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//[^"']*""", html)
    assert not fetched, f"a page loads something from the network: {fetched}"
    assert "fonts.googleapis" not in html
    assert "vraag-212" in html  # the guide's real output is on the page
    assert (site / "gids" / "img" / "opvolging.png").is_file()  # the web page's pictures, made for the build


def test_every_page_shows_what_drafter_prints():
    """Every command of the docs is run: the user guide's in order in one new folder, every other
    page's in an example project of its own; what drafter prints now must be what the page shows
    (python tools/docs_examples.py --write updates the pages). The drafter lines of sh blocks
    must be accepted by drafter's command line."""
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "docs_examples.py")], cwd=ROOT,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_runner_tells_a_page_that_no_longer_shows_what_drafter_prints(tmp_path):
    """What the page shows is held line by line against what drafter prints; `...` stands for
    any lines, and an option drafter does not have is caught in a list of commands."""
    session, _folder = docs_examples._english(tmp_path, Path("a-page.md"))
    stale = "```text\n$ drafter sent -q 55\nerror: something drafter no longer says\n```\n"
    now = docs_examples.run_page(session, stale)
    assert "error: data/questions.yaml: there is no question 55 in the register" in now
    assert "no longer says" not in now
    elided = "```text\n$ drafter sent -q 55\n...\n```\n"
    assert docs_examples.run_page(session, elided) == elided
    assert docs_examples.parse_commands("```sh\ndrafter answer -q 4 --no-such-option   # a comment\n```\n")
    assert not docs_examples.parse_commands("```sh\ndrafter answer -q 4 --pdf   # a comment\n```\n")


def test_the_readme_is_a_front_door():
    """The README stays short (the docs hold the rest) and says how to choose the language, in
    Dutch and in English."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme) <= 25_000
    assert "--lang nl" in readme and 'language = "nl"' in readme
    assert "Het kiest de taal" in readme and "It chooses" in readme


@pytest.mark.parametrize("name", sorted(set(keys.SHAPES) - {"table"}))
def test_every_key_of_the_register_is_in_the_reference(name):
    page = reference.register_page()
    section = page.split(f"{{#{name.replace('_', '-')}}}", 1)[1].split("\n## ", 1)[0]
    for key in keys.SHAPES[name].keys:
        assert key.meaning.strip(), f"{name}.{key.name} has no meaning"
        assert re.search(rf"^\| `{re.escape(key.name)}`", section, re.M), f"{name}.{key.name} is not in the reference"


def test_every_table_option_and_its_parts_are_in_the_reference():
    page = reference.tables_page()
    assert set(keys.TABLE_KEY_MEANINGS) == set(TABLE_KEYS)
    for name in TABLE_KEYS:
        assert f"| `{name}`" in page and keys.TABLE_KEY_MEANINGS[name].strip()
    for part, accepted in keys.TABLE_PART_KEYS.items():
        assert set(keys.TABLE_PART_MEANINGS[part]) == set(accepted), part
        section = page.split(f"## {part[0].upper()}{part[1:]}", 1)[1].split("\n## ", 1)[0]
        for name in accepted:
            assert f"| `{name}` |" in section, (part, name)


def test_the_house_style_and_project_file_are_in_the_reference():
    page = reference.style_page()
    for name in keys.STYLE_KEYS + keys.LAYOUT_KEYS:
        assert f"| `{name}` |" in page
    assert set(paths.LOCATION_MEANINGS) == set(paths.LOCATIONS)
    for name in paths.LOCATIONS:
        assert f"| `{name}` |" in page
    for section in paths.SECTIONS:
        assert f"[{section}]" in page
    for name in (*paths.CHECK_KEYS, paths.LANGUAGE_SETTING):
        assert f"| `{name}` |" in page


# ----------------------------------------------------------------- examples in the docs

#: Mappings whose keys are names a person chooses (data sets, tables, notes, sub-questions).
def _check_shape(value, shape: str, where: str, unknown: list) -> None:
    if not isinstance(value, dict):
        return
    declared = {k.name: k for k in keys.SHAPES[shape].keys}
    for name, inner in value.items():
        key = declared.get(name)
        if key is None:
            unknown.append(f"{where}: '{name}' is not a key of a {shape}")
        elif key.kind == keys.SHAPE:
            _check_shape(inner, key.shape, f"{where}.{name}", unknown)
        elif key.kind == keys.LIST and isinstance(inner, list):
            for item in inner:
                _check_shape(item, key.shape, f"{where}.{name}[]", unknown)
        elif key.kind == keys.MAP and key.shape == "table" and isinstance(inner, dict):
            for table_name, table in inner.items():
                _check_table(table, f"{where}.{name}.{table_name}", unknown)


_PARTS = dict(zip(("axis", "value", "text_column", "decimals", "unit", "placeholders"), keys.TABLE_PART_KEYS.values()))


def _check_keys(value, accepted, where: str, unknown: list, what: str) -> None:
    if isinstance(value, dict):
        unknown += [f"{where}: '{k}' is not a key of {what}" for k in value if k not in accepted]


def _check_table(table, where: str, unknown: list) -> None:
    _check_keys(table, TABLE_KEYS, where, unknown, "a table")
    if not isinstance(table, dict):
        return
    for axis in ("rows", "columns"):
        _check_keys(table.get(axis), _PARTS["axis"], f"{where}.{axis}", unknown, "rows or columns")
        values = table.get(axis, {}).get("values", []) if isinstance(table.get(axis), dict) else []
        for item in values if isinstance(values, list) else []:
            _check_keys(item, _PARTS["value"], f"{where}.{axis}.values[]", unknown, "a value")
    for budget, name in (("kinds", "kind"), ("lines", "line"), ("years", "year")):
        items = table.get(budget)
        for item in items if isinstance(items, list) else []:
            _check_keys(item, (name, *_PARTS["value"]), f"{where}.{budget}[]", unknown, f"a {name}")
    _check_keys(table.get("unit"), _PARTS["unit"], f"{where}.unit", unknown, "a unit")
    _check_keys(table.get("decimals"), _PARTS["decimals"], f"{where}.decimals", unknown, "decimals")
    _check_keys(table.get("placeholders"), _PARTS["placeholders"], f"{where}.placeholders", unknown, "placeholders")
    for item in table.get("text_columns") or [] if isinstance(table.get("text_columns"), list) else []:
        _check_keys(item, _PARTS["text_column"], f"{where}.text_columns[]", unknown, "a text column")


def _root_shape(mapping: dict) -> str | None:
    """The mapping of the declaration a YAML example is: the one whose keys hold all of its keys."""
    for shape in ("register", "question", "answer", "part", "minister", "deadlines"):
        if set(mapping) <= set(keys.SHAPES[shape].names):
            return shape
    return None


def _yaml_examples():
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```yaml\n(.*?)^```", text, re.S | re.M):
            line = text[:match.start()].count("\n") + 2
            yield pytest.param(page, line, match.group(1), id=f"{page.relative_to(DOCS)}:{line}")


EXAMPLES = list(_yaml_examples())


def test_the_docs_have_yaml_examples():
    assert len(EXAMPLES) >= 10


@pytest.mark.parametrize(("page", "line", "text"), EXAMPLES)
def test_every_yaml_example_in_the_docs_uses_only_keys_that_exist(page, line, text):
    """An example in the docs is read as YAML and held against the declaration of keys: a key
    the register does not accept (or a misspelt one) fails here, not in a colleague's register."""
    # a line of only '...' elides the rest of a mapping in an example
    data = yaml.safe_load("\n".join(line for line in text.splitlines() if line.strip() != "..."))
    where = f"{page.relative_to(ROOT)}, the example at line {line}"
    unknown: list[str] = []
    if isinstance(data, list):  # entries of questions:
        for entry in data:
            _check_shape(entry, "question", where, unknown)
    elif isinstance(data, dict) and "data" in data and set(data) <= set(TABLE_KEYS):
        _check_table(data, where, unknown)
    elif isinstance(data, dict) and set(data) == {"tables"} or (isinstance(data, dict) and set(data) <= {"tables", "data"}):
        for name, table in (data.get("tables") or {}).items():
            _check_table(table, f"{where}.tables.{name}", unknown)
    elif isinstance(data, dict) and data and all(isinstance(v, dict) and "data" in v for v in data.values()):
        for name, table in data.items():  # tables by their names, as under tables:
            _check_table(table, f"{where}.{name}", unknown)
    elif isinstance(data, dict) and set(data) <= set(TABLE_KEYS) - {"data"}:  # a fragment of a table
        _check_table(data, where, unknown)
    elif isinstance(data, dict):
        shape = _root_shape(data)
        if shape is None and all(isinstance(v, (str, dict)) for v in data.values()) and _is_notes(data):
            return
        assert shape is not None, f"{where}: no mapping of the register has all of these keys: {sorted(data)}"
        _check_shape(data, shape, where, unknown)
    assert not unknown, unknown


def _is_notes(data: dict) -> bool:
    """A notes file's example: note keys with a text, or a text per language."""
    return all(isinstance(v, str) or set(v) <= {"nl", "fr", "en", "de"} for v in data.values())


def _whole(data) -> bool:
    """A YAML example that is whole: entries of the register (with their title), or a register."""
    if isinstance(data, dict):
        return "questions" in data
    return isinstance(data, list) and bool(data) and all(
        isinstance(e, dict) and {"zittingsjaar", "number", "title"} <= set(e) for e in data)


WHOLE = [p for p in EXAMPLES if _whole(yaml.safe_load("\n".join(
    line for line in p.values[2].splitlines() if line.strip() != "...")))]


def test_the_docs_show_whole_registers_and_entries():
    assert len(WHOLE) >= 3


@pytest.mark.parametrize(("page", "line", "text"), WHOLE)
def test_every_whole_entry_in_the_docs_is_read_by_the_register_loader(page, line, text, tmp_path):
    """An entry a page shows whole is read by drafter's own register reader, beside the example's
    data files, without a problem: a colleague who copies it gets a question drafter can draft."""
    from drafter.load.register import load_register

    shutil.copytree(ROOT / "data", tmp_path / "data")
    body = "\n".join(line for line in text.splitlines() if line.strip() != "...") + "\n"
    if isinstance(yaml.safe_load(body), list):
        body = "locale: nl_BE\nquestions:\n" + "".join(f"  {line}\n" for line in body.splitlines())
    register = tmp_path / "data" / "from-the-docs.yaml"
    register.write_text(body, encoding="utf-8")
    loaded = load_register(register, lenient=True)
    assert loaded.questions, f"{page.relative_to(ROOT)}:{line}: no question read"
    assert not loaded.rejected, [(r.label, [p.message for p in r.problems]) for r in loaded.rejected]


def _toml_examples():
    for page in sorted(DOCS.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"^```toml\n(.*?)^```", text, re.S | re.M):
            line = text[:match.start()].count("\n") + 2
            yield pytest.param(page, line, match.group(1), id=f"{page.relative_to(DOCS)}:{line}")


TOML = list(_toml_examples())


def test_the_docs_show_the_project_file():
    assert len(TOML) >= 2


@pytest.mark.parametrize(("page", "line", "text"), TOML)
def test_every_project_file_example_is_read_by_drafter(page, line, text, tmp_path):
    """A drafter.toml shown in the docs is read by drafter's own reader of the project file: a
    section, key or value it refuses fails here, not in a colleague's project."""
    from drafter.load.style import project_style

    file = tmp_path / "drafter.toml"
    file.write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir()
    paths.read_project(file)  # its sections, paths and [check]
    project_style(tmp_path / "data" / "questions.yaml")  # its house style, each value checked

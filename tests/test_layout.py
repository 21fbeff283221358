"""The package's folders are the pipeline's stages, and the stages import downward only.

bottom (errors, paths, files, the XML layer oxml/) <- load <- view <- word <- write <- the
commands (pipeline, check, batch, cli, report). Only drafter/oxml/ imports lxml or names Word's
XML (a w: element or attribute, the WordprocessingML namespace). The README's "How it works"
names every module where it lives.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drafter"

BOTTOM = {"drafter", "drafter.errors", "drafter.paths", "drafter.files"}
#: The XML layer sits below every stage (rank 0) with the base modules.
XML_LAYER = "oxml"
STAGES = {XML_LAYER: 0, "load": 1, "view": 2, "word": 3, "write": 4}
COMMANDS = 5
#: What marks Word's own XML: the WordprocessingML namespace, or a w: element or attribute name
#: (in a string, in Clark notation, or in markup: 'w:p', "{w:p}", '<w:t>', '</w:t>').
WORD_XML = re.compile(r"wordprocessingml/2006/main|[\"'{<]w:[A-Za-z]|</w:[A-Za-z]")


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _rank(module: str) -> int:
    if module in BOTTOM:
        return 0
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in STAGES:
        return STAGES[parts[1]]
    return COMMANDS


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports (from drafter.x import ...)"
            base = node.module or ""
            found.append((node.lineno, base))
            # 'from drafter.oxml import table' imports the module drafter.oxml.table
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names
                      if f"{base}.{alias.name}" in _modules()]
    return found


MODULES = _modules()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_a_stage_imports_only_its_own_stage_and_those_below(module):
    rank = _rank(module)
    wrong = []
    for line, imported in _imports(MODULES[module]):
        if not (imported == "drafter" or imported.startswith("drafter.")):
            continue
        if _rank(imported) > rank:
            wrong.append(f"line {line}: {imported}")
    assert not wrong, f"{module} imports from a later stage: {wrong}"


def _xml_outside_the_layer(path: Path) -> tuple[list[int], list[int]]:
    """The lines of a module outside drafter/oxml/ that import lxml, and those that name Word's XML."""
    lxml = [line for line, name in _imports(path) if name.split(".")[0] == "lxml"]
    named = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if WORD_XML.search(line)]
    return lxml, named


@pytest.mark.parametrize("module", sorted(MODULES))
def test_only_the_xml_layer_imports_lxml_or_names_word_xml(module):
    if module == f"drafter.{XML_LAYER}" or module.startswith(f"drafter.{XML_LAYER}."):
        return
    lxml, named = _xml_outside_the_layer(MODULES[module])
    assert not lxml, f"{module} imports lxml (lines {lxml}); XML belongs in drafter/oxml/"
    assert not named, f"{module} names Word's XML at lines {named}; that belongs in drafter/oxml/"


def test_the_layout_rules_catch_a_violation(tmp_path):
    """The checks above can fail: an upward import, an import of lxml and Word's names are found."""
    bad = tmp_path / "bad.py"
    bad.write_text("from lxml import etree\nfrom drafter.word.tables import build\nTAG = 'w:p'\n"
                   "START = '<w:t>'\nEND = f'</w:t>'\nCLARK = '{w:p}'\n", encoding="utf-8")
    assert _rank("drafter.load.bad") < max(_rank(name) for _, name in _imports(bad) if name.startswith("drafter"))
    lxml, named = _xml_outside_the_layer(bad)
    assert lxml == [1] and named == [3, 4, 5, 6]
    good = tmp_path / "good.py"
    good.write_text("from drafter.oxml import paragraph\nTEXT = 'w: is a prefix'\n", encoding="utf-8")
    assert _xml_outside_the_layer(good) == ([], [])


@pytest.mark.parametrize("stage", sorted(set(STAGES) - {XML_LAYER}))
def test_each_stage_says_what_it_does(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "Hands on" in doc, f"drafter/{stage}/__init__.py must say what the stage does and hands on"


def test_the_readme_layout_names_every_module_where_it_lives():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## How it works", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+)(?:\.py)?`", section))
    missing = []
    for module, path in MODULES.items():
        rel = path.relative_to(PACKAGE).with_suffix("")
        if rel.name == "__init__":
            continue
        if rel.as_posix() not in named:
            missing.append(rel.as_posix())
    assert not missing, f"README 'How it works' does not name: {missing}"
    stale = [n for n in named if n.split("/")[0] in STAGES and not (PACKAGE / f"{n}.py").exists() and not (PACKAGE / n).is_dir()]
    assert not stale, f"README 'How it works' names modules that do not exist: {stale}"

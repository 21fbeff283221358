"""The package's folders are the pipeline's stages, and the stages import downward only.

bottom (errors, paths, files, deadlines, the XML layer oxml/) <- load <- view <- word <- write
and intake <- pipeline <- commands. No module imports, through others, one that imports it
(every import counts, those inside functions too). Only drafter/oxml/ imports lxml or names
Word's XML (a w: element or attribute, the WordprocessingML namespace). The architecture page
(docs/engineering/architecture.md) names every module where it lives.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drafter"

#: Each folder (or top-level module) of drafter/ and its rank: a module imports only from its
#: own rank and those below it. The XML layer (oxml/) sits below load/.
RANKS = {
    "errors": 0, "paths": 0, "files": 0, "deadlines": 0, "i18n": 0, "places": 0, "oxml": 0,
    "load": 1,
    "view": 2,
    "word": 3,
    "write": 4, "intake": 4,
    "pipeline": 5,
    "commands": 6, "serve": 6, "__main__": 6,
}
STAGES = ("load", "view", "word", "write")
XML_LAYER = "oxml"
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
    """A module's rank, by the folder (or top-level module) of drafter/ it is in; drafter's own
    __init__ (the version) is at the bottom. A name with no rank is a new folder or module:
    rank it in RANKS."""
    parts = module.split(".")
    if parts == ["drafter"]:
        return 0
    return RANKS[parts[1]]


def _imports(path: Path, modules=None) -> list[tuple[int, str]]:
    """(line, module) of every import in a file, those inside functions too; `from a import b`
    also imports the module a.b when b is one (of `modules`, by default drafter's)."""
    modules = _modules() if modules is None else modules
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: use absolute imports (from drafter.x import ...)"
            base = node.module or ""
            found.append((node.lineno, base))
            # 'from drafter.word import oxml' imports the module drafter.word.oxml
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names
                      if f"{base}.{alias.name}" in modules]
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


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of drafter it imports, anywhere in it. A module's own package is no
    edge: Python imports a package before any module in it, so `from drafter.view.tables import
    axes` inside drafter.view.tables.build depends on the sibling axes, not on the package."""
    return {name: {imported for _, imported in _imports(path, modules)
                   if imported in modules and imported != name and not name.startswith(imported + ".")}
            for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every group of modules that import each other, through others or directly (Tarjan's
    strongly connected components of more than one module), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others():
    assert _cycles(_graph(MODULES)) == []


def test_the_cycle_check_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    """The check above can fail: three modules that import each other in a ring, one of the
    imports inside a function, and a module beside them that only imports one of them."""
    sources = {
        "drafter.x.a": "from drafter.x import b\n",
        "drafter.x.b": "import drafter.x.c\n",
        "drafter.x.c": "def later():\n    from drafter.x.a import thing\n    return thing\n",
        "drafter.x.d": "from drafter.x.a import thing\n",
    }
    modules = {}
    for name, text in sources.items():
        path = tmp_path / f"{name}.py"
        path.write_text(text, encoding="utf-8")
        modules[name] = path
    assert _cycles(_graph(modules)) == [["drafter.x.a", "drafter.x.b", "drafter.x.c"]]


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


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_each_stage_says_what_it_does(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text(encoding="utf-8")))
    assert doc and "Hands on" in doc, f"drafter/{stage}/__init__.py must say what the stage does and hands on"


def test_the_architecture_page_names_every_module_where_it_lives():
    section = (ROOT / "docs" / "engineering" / "architecture.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_0-9]+/)*[a-z_0-9]+)(?:\.py)?`", section))
    missing = []
    for module, path in MODULES.items():
        rel = path.relative_to(PACKAGE).with_suffix("")
        if rel.name == "__init__":
            continue
        if rel.as_posix() not in named:
            missing.append(rel.as_posix())
    assert not missing, f"docs/engineering/architecture.md does not name: {missing}"
    stale = [n for n in named if "/" in n and n.split("/")[0] in RANKS and not (PACKAGE / f"{n}.py").exists() and not (PACKAGE / n).is_dir()]
    assert not stale, f"docs/engineering/architecture.md names modules that do not exist: {stale}"

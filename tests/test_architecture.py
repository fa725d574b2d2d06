"""The core's shape: data flow one way, no import cycle, pages and exports apart, nothing from
the site generator, and modules small enough to read."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

CORE = ROOT / "hooks" / "edition"
HOOK = ROOT / "hooks" / "edition_hook.py"

# The floors, lowest first: a module imports only from its own floor or the ones below.
FLOORS = [
    {"text", "problems", "urls", "yamlwords", "yamlcheck"},
    {"model", "yamlio", "fields", "inventory", "inline", "procedure"},
    {"segment", "quotes", "anchors", "refs", "published", "releases", "identity"},
    {"registry", "sources", "annotations", "indices", "comparison", "notequotes"},
    {"edition", "apparatus", "coverage", "citation", "csp", "htmlfix", "search", "schemas", "styles", "versions", "assets"},
    {"pages", "exports", "postbuild"},
    {"generate", "release"},
    {"adapter"},
    {"__main__", "__init__"},
]


def modules() -> dict[str, Path]:
    """Module name (``pages.text``) → file, for every module of the core."""
    out = {}
    for path in sorted(CORE.rglob("*.py")):
        rel = path.relative_to(CORE).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = modules()


def imports(name: str, path: Path) -> set[str]:
    """The core modules that ``name`` imports, wherever the import stands (top or inside a
    function), resolved from relative imports."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.split(".")[0] == "edition":
                    base = node.module.split(".")[1:]
                else:
                    continue
            else:
                base = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            for alias in node.names:
                candidate = ".".join(base + [alias.name])
                out.add(candidate if candidate in MODULES else ".".join(base))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("edition."):
                    out.add(alias.name.removeprefix("edition."))
    return {m for m in out if m in MODULES and m != name}


GRAPH = {name: imports(name, path) for name, path in MODULES.items()}


def floor(name: str) -> int:
    top = name.split(".")[0] if name not in ("__init__", "__main__") else name
    return next(i for i, f in enumerate(FLOORS) if top in f)


def test_every_module_has_a_floor():
    assert all(floor(m) >= 0 for m in MODULES)


def test_the_import_graph_has_no_cycle():
    """Tarjan's strongly connected components: any with more than one module is a cycle."""
    index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert cycles == []


def test_a_cycle_is_found_when_there_is_one():
    """The search above can fail: on a graph with a cycle it reports it."""
    global GRAPH
    saved = GRAPH
    try:
        GRAPH = {**saved, "model": saved["model"] | {"sources"}}
        with pytest.raises(AssertionError):
            test_the_import_graph_has_no_cycle()
    finally:
        GRAPH = saved


@pytest.mark.parametrize("name", sorted(MODULES))
def test_data_flows_one_way(name):
    """sources/ → load → model → pages, exports, search: nothing imports a higher floor."""
    higher = sorted(m for m in GRAPH[name] if floor(m) > floor(name))
    assert higher == [], f"{name} imports {higher}, which stand above it"


def test_pages_and_exports_never_import_each_other():
    for name, deps in GRAPH.items():
        if name.startswith("pages"):
            assert not [d for d in deps if d.startswith("exports")], name
        if name.startswith("exports"):
            assert not [d for d in deps if d.startswith("pages")], name


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: p.relative_to(CORE).as_posix())
def test_the_core_never_imports_the_generator_and_stays_readable(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module or ""] if isinstance(node, ast.ImportFrom) else []
        assert not [n for n in names if n.split(".")[0] in ("mkdocs", "material", "jinja2")], path
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, f"{path.name} is over 300 lines"
    doc = ast.get_docstring(tree)
    assert doc and doc.splitlines()[0].strip(), f"{path.name} has no docstring saying what it makes"


def test_the_hook_is_thin():
    assert len(HOOK.read_text(encoding="utf-8").splitlines()) < 150
    tree = ast.parse(HOOK.read_text(encoding="utf-8"))
    # imports at the top only: a late import would hide a dependency
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef,)):
            assert not [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))], node.name


def test_page_modules_are_under_250_lines():
    for path in (CORE / "pages").glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 250, path.name

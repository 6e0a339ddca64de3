"""The package's layout holds its promises: stages below shells, no loops, small modules.

Read from the source with :mod:`ast` (imports inside functions count too), so
the rules hold for code that runs only on some paths.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "generator" / "briefings"
#: Layers from the top; a module may import its own layer and those below it.
LAYERS = (
    ("cli", "mkdocs_plugin"),
    ("build",),
    ("site",),
    ("extract",),
    ("nlp",),
    ("ingest",),
    ("lexicon",),
    ("model", "errors", "files"),
)
#: Generated data, exempt from the size limit.
GENERATED = {"lexicon.generated"}
MAX_LINES = 600


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    base = PACKAGE.joinpath(*name.split(".")) if name else PACKAGE
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """Modules of the package ``path`` imports, anywhere in its source."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "briefings" or node.module.startswith("briefings."):
                base = node.module.removeprefix("briefings").removeprefix(".")
                for alias in node.names:
                    full = f"{base}.{alias.name}" if base else alias.name
                    found.add(full if is_module(full) else base)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("briefings."):
                    found.add(alias.name.removeprefix("briefings."))
    return {name for name in found if name}


GRAPH = {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int | None:
    top = module.split(".")[0]
    for i, layer in enumerate(LAYERS):
        if top in layer:
            return i
    return None


def test_no_module_uses_a_relative_import():
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        relative = [n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level]
        assert not relative, f"{path}: relative import"


def test_there_is_no_import_cycle():
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, stack: list[str]) -> None:
        state[module] = 1
        stack.append(module)
        for dep in sorted(GRAPH.get(module, ())):
            if dep not in GRAPH or dep == module:
                continue
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif not state.get(dep):
                visit(dep, stack)
        stack.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if not state.get(module):
            visit(module, [])
    assert not cycles, [" -> ".join(c) for c in cycles]


def test_a_module_imports_only_its_own_layer_and_those_below():
    wrong = []
    for module, deps in GRAPH.items():
        mine = layer_of(module)
        if mine is None:  # the package itself and quality/
            continue
        for dep in deps:
            theirs = layer_of(dep)
            if theirs is not None and theirs < mine:
                wrong.append(f"{module} -> {dep}")
    assert not wrong


def test_nothing_at_run_time_imports_quality():
    wrong = [
        f"{m} -> {d}"
        for m, deps in GRAPH.items()
        if not m.startswith("quality")
        for d in deps
        if d.startswith("quality") and m != "cli.main"  # ``briefings eval`` is the one door to it
    ]
    assert not wrong


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if m not in GENERATED))
def test_modules_stay_small(module):
    path = PACKAGE.joinpath(*module.split("."))
    path = path.with_suffix(".py") if path.with_suffix(".py").is_file() else path / "__init__.py"
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module}: {lines} lines"

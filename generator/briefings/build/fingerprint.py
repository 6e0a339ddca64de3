"""The fingerprint of the code that extraction runs: part of every cache key.

A cached briefing may be served only if nothing that made it has changed. Rather
than a version number someone must remember to bump, the key covers the bytes of
every module of this package that extraction can execute: the modules
``pipeline`` and ``model`` import, followed transitively through the package's
own imports (read from the source with :mod:`ast`, lazy imports inside functions
included), so editing a rule anywhere in extraction is a miss, while editing a
page template or the feed writer is not. The versions of the third-party
libraries extraction calls are part of it too.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]
#: Where extraction starts: the pipeline, and the model its JSON is read back into.
ROOTS = ("extract.pipeline", "model")
#: Libraries whose code shapes a briefing (the spaCy model is fingerprinted apart).
LIBRARIES = ("spacy", "rapidfuzz")


def module_file(module: str, package: Path = PACKAGE) -> Path | None:
    """The source of ``module`` (dotted, relative to ``package``), or None if not ours."""
    base = package.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def package_imports(module: str, package: Path = PACKAGE) -> set[str]:
    """Modules of ``package`` that ``module`` imports anywhere in its source.

    ``from briefings.extract import summary`` names a module, ``from
    briefings.extract.summary import x`` a module's member: both count the
    module, and the packages on the way (their ``__init__`` runs too).
    """
    source = module_file(module, package)
    assert source is not None, module
    tree = ast.parse(source.read_bytes())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            parts = node.module.split(".")
            if parts[0] != package.name:
                continue
            dotted = ".".join(parts[1:])
            found.update(_with_parents(dotted))
            found.update(f"{dotted}.{alias.name}" if dotted else alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == package.name:
                    found.update(_with_parents(".".join(parts[1:])))
    return {name for name in found if name and module_file(name, package) is not None}


def _with_parents(dotted: str) -> list[str]:
    parts = dotted.split(".") if dotted else []
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def extraction_modules(package: Path = PACKAGE) -> list[str]:
    """Every module extraction can execute, in a stable order."""
    seen: set[str] = set()
    todo = [m for m in ROOTS if module_file(m, package) is not None]
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(package_imports(module, package) - seen)
    return sorted(seen)


def code_fingerprint(package: Path = PACKAGE) -> str:
    """A hash of the extraction modules' names and bytes, and of the libraries' versions."""
    digest = hashlib.sha256()
    for module in extraction_modules(package):
        path = module_file(module, package)
        assert path is not None, module
        source = path.read_bytes()
        digest.update(f"{module}\0{len(source)}\0".encode())
        digest.update(source)
    for library in LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{library}=={version}\0".encode())
    return digest.hexdigest()[:16]


@functools.cache
def extraction_fingerprint() -> str:
    """:func:`code_fingerprint` of the installed package, computed once per process."""
    return code_fingerprint()

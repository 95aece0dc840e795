"""Static checks of a rendered project's files: Jinja leftovers, empty and orphan modules."""

import ast
import functools
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

SKIPPED_DIRS = frozenset({".git", ".venv", ".mypy_cache", ".ruff_cache", "__pycache__", "var"})
# `${{ ... }}` is a GitHub Actions expression, not Jinja, so it may appear in workflows.
JINJA_LEFTOVER = re.compile(r"(?<!\$)\{\{|\{%|\{#")


def project_files(root: Path) -> Iterator[Path]:
    """Every file of a render, outside tool caches and virtual environments, sorted."""
    found: list[Path] = []
    # os.walk prunes the skipped folders instead of listing a .venv's thousands of files.
    for directory, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name not in SKIPPED_DIRS]
        found.extend(Path(directory, name) for name in files)
    yield from sorted(found)


def jinja_leftovers(root: Path) -> list[str]:
    """``path:line: text`` for each line of a text file still carrying a Jinja delimiter."""
    found: list[str] = []
    for path in project_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if not JINJA_LEFTOVER.search(text):
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if JINJA_LEFTOVER.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return found


@functools.lru_cache(maxsize=8192)
def parse_module(source: str) -> ast.Module:
    """Parse a module once per distinct text: renders of one template share most files.

    Callers only read the tree, so sharing it between renders is safe.
    """
    return ast.parse(source)


def is_empty_module(path: Path) -> bool:
    """Tell whether a module has no code (a docstring-only ``__init__.py`` is fine)."""
    body = parse_module(path.read_text(encoding="utf-8")).body
    if not body:
        return True
    only_docstring = (
        len(body) == 1
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
    return only_docstring and path.name != "__init__.py"


def empty_modules(root: Path) -> list[str]:
    """Relative paths of the render's empty Python modules."""
    return [
        str(path.relative_to(root))
        for path in project_files(root)
        if path.suffix == ".py" and is_empty_module(path)
    ]


def module_name(path: Path, source_root: Path) -> str:
    """Dotted name of a module file below a source root (``src`` or the project root)."""
    parts = list(path.relative_to(source_root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(tree: ast.Module, importer: str, *, is_package: bool) -> set[str]:
    """Absolute names an import may refer to: modules, and ``module.attribute`` candidates."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _resolve_from(node, importer, is_package=is_package)
            if base is None:
                continue
            names.add(base)
            names.update(f"{base}.{alias.name}" if base else alias.name for alias in node.names)
    return names


@functools.lru_cache(maxsize=8192)
def _imports_of(source: str, importer: str, *, is_package: bool) -> frozenset[str]:
    return frozenset(imported_names(parse_module(source), importer, is_package=is_package))


def _resolve_from(node: ast.ImportFrom, importer: str, *, is_package: bool) -> str | None:
    if node.level == 0:
        return node.module
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    if node.level - 1 > len(package):
        return None
    anchor = package[: len(package) - (node.level - 1)]
    return ".".join([*anchor, *([node.module] if node.module else [])])


def orphan_modules(root: Path, package: str, exempt: Iterable[str] = ()) -> list[str]:
    """Modules of ``src/<package>`` that no other module of the render or its tests imports."""
    exempt_patterns = tuple(exempt)
    candidates: dict[str, Path] = {}
    imports_by_module: dict[str, frozenset[str]] = {}
    for path in project_files(root):
        if path.suffix != ".py":
            continue
        relative = path.relative_to(root)
        source_root = root / "src" if relative.parts[0] == "src" else root
        name = module_name(path, source_root)
        imports_by_module[str(relative)] = _imports_of(
            path.read_text(encoding="utf-8"), name, is_package=path.name == "__init__.py"
        )
        if (
            relative.parts[:2] == ("src", package)
            and path.name not in {"__init__.py", "__main__.py"}
            and not any(relative.match(pattern) for pattern in exempt_patterns)
        ):
            candidates[name] = relative
    return sorted(
        str(relative)
        for name, relative in candidates.items()
        if not any(
            name in imported
            for importer, imported in imports_by_module.items()
            if importer != str(relative)
        )
    )

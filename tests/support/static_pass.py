"""The static pass: render every combination in-process and check what needs no environment.

Renders come from one snapshot of the working tree (no git clone per render). Checks that
read every file (leftover Jinja, recorded answers) run on every render; the checks that read
only the Python files and their config (empty and orphan modules, error literals, ruff
format and ruff check) run once per distinct tree, keyed by a hash of those files, because
answers that change only a README or the answers file give the same Python.
"""

import contextlib
import hashlib
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from copier import _main as copier_main
from copier import run_copy

from .error_literals import error_literals_in_tree
from .paths import TEMPLATE_ROOT
from .source_checks import empty_modules, jinja_leftovers, orphan_modules, project_files

# What copier reads to render: its configuration, the validators' includes and the template.
SNAPSHOT_PARTS = ("copier.yml", "includes", "template")
SNAPSHOT_IGNORED = shutil.ignore_patterns("__pycache__", ".mypy_cache", ".ruff_cache")
# Alembic loads these by path, so no module imports them.
IMPORT_EXEMPT = ("*/migrations/env.py", "*/migrations/versions/*.py")
# The files ruff and the Python checks read; everything else cannot change their verdict.
CONFIG_FILES = frozenset({"pyproject.toml", "ruff.toml", ".ruff.toml"})


def snapshot_template(destination: Path) -> Path:
    """Copy what copier renders from into a folder that is not a git repository."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in SNAPSHOT_PARTS:
        source = TEMPLATE_ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part, ignore=SNAPSHOT_IGNORED)
        else:
            shutil.copy2(source, destination / part)
    return destination


type CompileKey = tuple[object, ...]
# Compiled templates outlive one render: the point is to reuse them for the next ones.
_COMPILED: dict[CompileKey, Any] = {}


@contextlib.contextmanager
def fast_rendering() -> Iterator[None]:
    """Render many times in one process at a quarter of the cost, with the same output.

    copier compiles every file name and file again for each render (over half of its time)
    and asks git about the executable bit of each file, even in a destination that is not a
    repository. Inside this block compiled templates are reused across renders (keyed by
    the source and every environment option that changes compilation) and that git query,
    which cannot matter for a throwaway render, is skipped.
    """
    original_compile: Callable[..., Any] = jinja2.Environment.compile
    compiled = _COMPILED

    def cached_compile(  # noqa: PLR0913, PLR0917 (jinja's own signature)
        self: jinja2.Environment,
        source: Any,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,  # noqa: FBT001, FBT002
        defer_init: bool = False,  # noqa: FBT001, FBT002
    ) -> Any:
        if not isinstance(source, str):
            return original_compile(self, source, name, filename, raw, defer_init)
        key: CompileKey = (
            type(self),
            self.block_start_string,
            self.block_end_string,
            self.variable_start_string,
            self.variable_end_string,
            self.comment_start_string,
            self.comment_end_string,
            self.line_statement_prefix,
            self.line_comment_prefix,
            tuple(sorted(self.extensions)),
            self.trim_blocks,
            self.lstrip_blocks,
            self.newline_sequence,
            self.keep_trailing_newline,
            self.optimized,
            source,
            name,
            filename,
            raw,
            defer_init,
        )
        if key not in compiled:
            compiled[key] = original_compile(self, source, name, filename, raw, defer_init)
        return compiled[key]

    # copier imports it by name into _main; renaming it there makes this fail loudly.
    original_git_check = copier_main.is_git_available  # type: ignore[attr-defined]
    jinja2.Environment.compile = cached_compile  # type: ignore[method-assign]
    copier_main.is_git_available = lambda: False  # type: ignore[attr-defined]
    try:
        yield
    finally:
        jinja2.Environment.compile = original_compile  # type: ignore[method-assign]
        copier_main.is_git_available = original_git_check  # type: ignore[attr-defined]


def render_snapshot(snapshot: Path, destination: Path, answers: Mapping[str, object]) -> Path:
    """Render ``snapshot`` with ``answers`` (defaults elsewhere) into ``destination``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        run_copy(
            str(snapshot),
            destination,
            data=dict(answers),
            defaults=True,
            unsafe=True,
            quiet=True,
        )
    return destination


def tree_digest(project: Path) -> str:
    """Hash the render's Python files and the config files that the tree checks read."""
    digest = hashlib.sha256()
    for path in project_files(project):
        if path.suffix == ".py" or path.name in CONFIG_FILES:
            digest.update(str(path.relative_to(project)).encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def render_problems(project: Path, answers: Mapping[str, object]) -> list[str]:
    """Problems any file of one render can show: leftover Jinja, answers not recorded."""
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    problems = [f"leftover Jinja: {hit}" for hit in jinja_leftovers(project)]
    problems += [
        f"answer {name}={value!r} not recorded (got {recorded.get(name)!r})"
        for name, value in answers.items()
        if recorded.get(name) != value
    ]
    return problems


def _ruff() -> str:
    """Find the template's own locked ruff, beside the interpreter running the tests."""
    beside = Path(sys.executable).parent / "ruff"
    found = str(beside) if beside.exists() else shutil.which("ruff")
    if found is None:
        message = "ruff is missing: run the tests through `uv run` (scripts/test)"
        raise RuntimeError(message)
    return found


def tree_problems(project: Path) -> list[str]:
    """Problems of the Python tree: empty or orphan modules, error literals, ruff."""
    recorded = yaml.safe_load((project / ".copier-answers.yml").read_text(encoding="utf-8"))
    package = str(recorded.get("package_name", ""))
    problems = [f"empty module: {path}" for path in empty_modules(project)]
    problems += [
        f"orphan module (nothing imports it): {path}"
        for path in orphan_modules(project, package, IMPORT_EXEMPT)
    ]
    problems += [
        f"error message literal outside kernel/messages.py: {hit}"
        for hit in error_literals_in_tree(project / "src" / package)
    ]
    for arguments in (("format", "--check"), ("check", "--output-format", "concise")):
        completed = subprocess.run(
            [_ruff(), *arguments, "--no-cache", "."],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            output = (completed.stdout + completed.stderr).strip()
            problems.append(f"ruff {' '.join(arguments)} failed:\n{output}")
    return problems

"""The static pass: render every combination in-process and check what needs no environment.

Renders come from one snapshot of the working tree (no git clone per render). Checks that
read every file (leftover Jinja, recorded answers) run on every render; the checks that read
only the Python files and their config (empty and orphan modules, error literals, ruff
format and ruff check) run once per distinct tree, keyed by a hash of those files, because
answers that change only a README or the answers file give the same Python.
"""

import contextlib
import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
import warnings
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
import yaml
from copier import _main as copier_main
from copier import run_copy
from copier._jinja_ext import get_yield_context

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

    original_render_string: Callable[..., str] = copier_main.Worker._render_string

    def render_string(self: copier_main.Worker, string: str, extra_context: Any = None) -> str:
        # Most path parts hold no Jinja: they render to themselves, so skip building the
        # whole answers context for each (half of a render's time), and clear the yield
        # state exactly as Jinja's preprocessing would.
        if "{" in string or "\n" in string or self.jinja_env.line_statement_prefix:
            return original_render_string(self, string, extra_context)
        state = get_yield_context(self.jinja_env)
        state.yield_name = None
        state.yield_iterable = None
        return string

    # While files are written the answers are settled, so the render context and the
    # answers file's path (rebuilt for every path part otherwise) are computed once.
    original_render_template: Callable[..., None] = copier_main.Worker._render_template
    original_answers_relpath = copier_main.Worker.answers_relpath
    settled: dict[int, tuple[Mapping[str, Any], Path]] = {}

    def render_template(self: copier_main.Worker) -> None:
        settled[id(self)] = (
            copier_main.Worker._render_context(self),
            original_answers_relpath.fget(self),  # type: ignore[attr-defined]
        )
        try:
            original_render_template(self)
        finally:
            del settled[id(self)]

    def render_context(self: copier_main.Worker) -> Mapping[str, Any]:
        if (known := settled.get(id(self))) is not None:
            return dict(known[0])
        return original_render_context(self)

    def answers_relpath(self: copier_main.Worker) -> Path:
        if (known := settled.get(id(self))) is not None:
            return known[1]
        return original_answers_relpath.fget(self)  # type: ignore[attr-defined, no-any-return]

    original_render_context: Callable[..., Mapping[str, Any]] = copier_main.Worker._render_context

    # copier imports it by name into _main; renaming it there makes this fail loudly.
    original_git_check = copier_main.is_git_available  # type: ignore[attr-defined]
    jinja2.Environment.compile = cached_compile  # type: ignore[method-assign]
    copier_main.is_git_available = lambda: False  # type: ignore[attr-defined]
    copier_main.Worker._render_string = render_string  # type: ignore[method-assign]
    copier_main.Worker._render_template = render_template  # type: ignore[method-assign]
    copier_main.Worker._render_context = render_context  # type: ignore[method-assign, assignment]
    copier_main.Worker.answers_relpath = property(answers_relpath)  # type: ignore[method-assign, assignment]
    try:
        yield
    finally:
        jinja2.Environment.compile = original_compile  # type: ignore[method-assign]
        copier_main.is_git_available = original_git_check  # type: ignore[attr-defined]
        copier_main.Worker._render_string = original_render_string  # type: ignore[method-assign]
        copier_main.Worker._render_template = original_render_template  # type: ignore[method-assign]
        copier_main.Worker._render_context = original_render_context  # type: ignore[method-assign, assignment]
        copier_main.Worker.answers_relpath = original_answers_relpath  # type: ignore[method-assign]


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


def _checked_bytes(path: Path) -> bytes:
    """Return the part of ``path`` that can change a tree check's verdict.

    Of ``pyproject.toml`` the tree checks (ruff) read only ruff's tables, and
    ``requires-python`` when ruff pins no ``target-version``; so renders that differ only
    in ``python_version`` (mypy's target, the interpreter) share one check.
    """
    data = path.read_bytes()
    if path.name != "pyproject.toml":
        return data
    config = tomllib.loads(data.decode())
    ruff = config.get("tool", {}).get("ruff", {})
    read = {"ruff": ruff}
    if "target-version" not in ruff:
        read["requires-python"] = config.get("project", {}).get("requires-python")
    return json.dumps(read, sort_keys=True).encode()


def tree_digest(project: Path) -> str:
    """Hash the render's Python files and the config files that the tree checks read."""
    digest = hashlib.sha256()
    for path in project_files(project):
        if path.suffix == ".py" or path.name in CONFIG_FILES:
            digest.update(str(path.relative_to(project)).encode())
            digest.update(b"\0")
            digest.update(_checked_bytes(path))
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

"""Render the template with copier's API and run commands inside a render."""

import subprocess
import time
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from copier import run_copy

from .environment import tool_environment, uv_binary
from .paths import TEMPLATE_ROOT

# Only a hung command should hit this: a render's whole suite took 263 s at load average 6
# on the 2-core CI machine, so allow several times that before calling it hung.
COMMAND_TIMEOUT_SECONDS = 1800


def render(
    destination: Path,
    answers: Mapping[str, object] | None = None,
    *,
    source: Path = TEMPLATE_ROOT,
    vcs_ref: str | None = "HEAD",
) -> Path:
    """Render ``source`` at ``vcs_ref`` (a dirty tree renders with its changes).

    ``vcs_ref=None`` suits a source that is not a git repository (a template snapshot).
    """
    with warnings.catch_warnings():
        # Rendering the working tree with uncommitted changes is the point of these tests.
        warnings.filterwarnings("ignore", message=".*[Dd]irty.*")
        run_copy(
            str(source),
            destination,
            data=dict(answers or {}),
            defaults=True,
            unsafe=True,
            vcs_ref=vcs_ref,
            quiet=True,
        )
    return destination


@dataclass(frozen=True, slots=True)
class CommandResult:
    """What one command printed, how it ended and how long it took."""

    name: str
    command: tuple[str, ...]
    returncode: int
    output: str
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether the command exited 0."""
        return self.returncode == 0

    def describe(self) -> str:
        """Report a failure: the command, its exit status and its whole output."""
        shown = " ".join(self.command)
        return f"--- {self.name}: `{shown}` exited {self.returncode}\n{self.output.rstrip()}\n"


def run_uv(name: str, arguments: Sequence[str], cwd: Path) -> CommandResult:
    """Run ``uv <arguments>`` in ``cwd`` with the tool environment, capturing its output."""
    command = (str(uv_binary()), *arguments)
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            command,
            cwd=cwd,
            env=tool_environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as timeout:
        # TimeoutExpired holds bytes even when the run asked for text.
        raw = timeout.output or b""
        output = raw.decode(errors="replace") if isinstance(raw, bytes) else raw
        return CommandResult(
            name, ("uv", *arguments), -1, output + "\n[timed out]", time.perf_counter() - started
        )
    return CommandResult(
        name,
        ("uv", *arguments),
        completed.returncode,
        completed.stdout,
        time.perf_counter() - started,
    )


def project_checks(
    python_version: str, mypy_cache: Path | None = None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """List the render's own checks, in the order a developer would run them.

    ``mypy_cache`` is a cache folder renders checked one after another may share: mypy
    trusts an entry only while the source it came from hashes the same, so a render reuses
    what an earlier one found of identical files (mostly the installed packages) and checks
    the rest (20 s cold, 1 to 8 s warm). Per Python version, as the target changes verdicts.
    """
    mypy: tuple[str, ...] = ("run", "mypy")
    if mypy_cache is not None:
        mypy += ("--cache-dir", str(mypy_cache / python_version))
    return (
        ("sync", ("sync", "--python", python_version)),
        ("ruff-format", ("run", "ruff", "format", "--check", ".")),
        ("ruff-check", ("run", "ruff", "check", ".")),
        ("mypy", mypy),
        ("lint-imports", ("run", "lint-imports")),
        ("pytest", ("run", "pytest", "-q", "-p", "no:cacheprovider")),
    )

"""Developer workflows of the Strata template, one purpose per session.

Every session runs its tools from the environment locked in ``uv.lock`` (``uv run
--frozen``), so nox adds no second copy of the tools and nothing resolves at run time.
Arguments after ``--`` reach the tool: ``uv run nox -s tests -- -k py3.13``.
"""

import os
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["lint", "typecheck", "tests", "docs"]
nox.options.default_venv_backend = "none"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).resolve().parent
PYTHON_SOURCES = ("tests", "docs/hooks", "benchmarks", "noxfile.py")
# uv exports its own path to the processes it runs; fall back to PATH otherwise.
UV = os.environ.get("UV", "uv")


def _uv_run(session: nox.Session, *command: str) -> None:
    session.run(UV, "run", "--frozen", *command, external=True)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the template tests in parallel (static pass, covering array, update, docs...).

    Every combination gets the static checks; the pairwise covering array and the default
    render get their full checks and suite. `--all` (or the tests_all session) runs the
    full checks of every combination. Tests last from under a second to minutes, so idle
    workers steal queued tests (worksteal) and the slow ones start first.
    """
    _uv_run(session, "pytest", "-n", "auto", "--dist", "worksteal", *session.posargs)


@nox.session
def tests_all(session: nox.Session) -> None:
    """Run the template tests with every combination's full checks and suite (slow)."""
    _uv_run(session, "pytest", "-n", "auto", "--dist", "worksteal", "--all", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the documentation site into build/site, failing on any warning."""
    _uv_run(session, "mkdocs", "build", "--strict", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and lint the template's own Python (hooks, tests, noxfile)."""
    targets = session.posargs or list(PYTHON_SOURCES)
    _uv_run(session, "ruff", "format", "--check", *targets)
    _uv_run(session, "ruff", "check", *targets)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check the template's own Python with mypy --strict."""
    _uv_run(session, "mypy", *(session.posargs or PYTHON_SOURCES))


@nox.session
def benchmark(session: nox.Session) -> None:
    """Compare a render with a bare FastAPI app on the same routes and print ratios (needs wrk).

    Defaults to SQLite and the in-process cache; `-- --postgres --redis` picks the servers,
    and other arguments go to the render's script (`-- --pairs 5 --seconds 10`).
    """
    _uv_run(session, "python", "-m", "benchmarks.strata_vs_bare", *session.posargs)


@nox.session
def render(session: nox.Session) -> None:
    """Render the defaults into build/render (pass copier flags, e.g. -d cache=memory).

    The template path is absolute, so `copier update` works from inside the render.
    """
    destination = ROOT / "build" / "render"
    shutil.rmtree(destination, ignore_errors=True)
    _uv_run(
        session,
        "copier",
        "copy",
        "--defaults",
        "--vcs-ref",
        "HEAD",
        *session.posargs,
        str(ROOT),
        str(destination),
    )
    session.log(f"Rendered into {destination.relative_to(ROOT)}")

"""Developer workflows, one purpose per session: `uv run nox` runs them all.

Every session runs its tool through `uv run`, in the project environment that
`uv sync` manages from `uv.lock`. Nox builds no virtualenv of its own, so a session
starts in well under a second and checks exactly the versions CI and pre-commit use.
"""

import nox

nox.options.default_venv_backend = "none"
nox.options.sessions = ["lint", "typecheck", "tests"]


@nox.session
def lint(session: nox.Session) -> None:
    """Check formatting and lint rules with ruff (arguments replace the default paths)."""
    paths = session.posargs or ["."]
    session.run("uv", "run", "ruff", "format", "--check", *paths, external=True)
    session.run("uv", "run", "ruff", "check", *paths, external=True)


@nox.session
def typecheck(session: nox.Session) -> None:
    """Type-check with mypy --strict and enforce the layer contracts with import-linter."""
    session.run("uv", "run", "mypy", *session.posargs, external=True)
    session.run("uv", "run", "lint-imports", external=True)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite; arguments go to pytest (`uv run nox -s tests -- -x -k health`)."""
    session.run("uv", "run", "pytest", *session.posargs, external=True)


@nox.session
def benchmark(session: nox.Session) -> None:
    """Compare the service with a bare FastAPI app on the same routes (needs wrk).

    Arguments go to the script: `uv run nox -s benchmark -- --pairs 5 --seconds 10`.
    """
    session.run("uv", "run", "python", "-m", "benchmarks.compare", *session.posargs, external=True)

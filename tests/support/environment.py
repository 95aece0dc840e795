"""The environment the rendered projects' tools run in.

uv must find every interpreter the matrix targets without downloading one, so the
pyenv ``bin`` folder of each ``python_version`` choice (or the folder
scripts/provision-python filled for a version pyenv lacks) goes first on PATH (pyenv's
shims refuse non-global versions), and the real uv binary is called, never its shim:
a render's ``.python-version`` makes the pyenv shim look for uv under that version.
"""

import functools
import os
import shutil
import subprocess
from pathlib import Path

from .questions import load_questions

# Set by the outer uv run or pytest; in a render they would point at the wrong project.
LEAKED_VARIABLES = frozenset(
    {"VIRTUAL_ENV", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT", "PYTEST_CURRENT_TEST", "PYTEST_ADDOPTS"}
)
INSTALL_HINT = (
    "Provision it with `scripts/provision-python {version}` (scripts/test does that), install "
    "it with pyenv (`pyenv install {version}`) or put a python{version} on PATH; "
    "uv must not download interpreters here (UV_PYTHON_DOWNLOADS=never)."
)


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit())


def _pyenv_root() -> Path | None:
    if (pyenv := shutil.which("pyenv")) is None:
        return None
    completed = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)
    return Path(completed.stdout.strip()) if completed.returncode == 0 else None


def provisioned_dir(version: str) -> Path:
    """Return where scripts/provision-python puts ``python<version>`` (may not exist)."""
    if configured := os.environ.get("STRATA_PYTHON_CACHE"):
        cache_root = Path(configured)
    else:
        cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        cache_root = Path(cache_home) / "strata"
    return cache_root / f"python{version}" / "bin"


def interpreter_dir(version: str) -> Path:
    """Find the bin folder of ``python<version>``: pyenv's newest patch, provisioned, PATH."""
    if (root := _pyenv_root()) is not None:
        candidates = sorted(
            (path for path in (root / "versions").glob(f"{version}.*") if path.is_dir()),
            key=lambda path: _version_key(path.name),
        )
        if candidates and (candidates[-1] / "bin" / f"python{version}").exists():
            return candidates[-1] / "bin"
    if (provisioned := provisioned_dir(version) / f"python{version}").exists():
        return provisioned.parent
    found = shutil.which(f"python{version}")
    if found is None or "/shims/" in found:
        message = f"Python {version} is missing. " + INSTALL_HINT.format(version=version)
        raise RuntimeError(message)
    return Path(found).parent


@functools.cache
def uv_binary() -> Path:
    """Locate the real uv executable (uv sets $UV for the processes it runs)."""
    if (from_uv := os.environ.get("UV")) and Path(from_uv).exists():
        return Path(from_uv)
    found = shutil.which("uv")
    if found is None:
        message = "uv is missing: install it with `python3 -m pip install uv`."
        raise RuntimeError(message)
    if "/shims/" in found and shutil.which("pyenv"):
        completed = subprocess.run(
            ["pyenv", "which", "uv"], capture_output=True, text=True, check=True, cwd="/"
        )
        return Path(completed.stdout.strip())
    return Path(found)


@functools.cache
def tool_environment() -> dict[str, str]:
    """Environment for uv and the render's tools: target interpreters first, no venv leak."""
    versions = [str(v) for v in load_questions()["python_version"].values]
    front = [str(interpreter_dir(version)) for version in versions]
    front.append(str(uv_binary().parent))
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in LEAKED_VARIABLES and not key.startswith("PYTEST_XDIST")
    }
    environment["PATH"] = os.pathsep.join([*front, environment.get("PATH", "")])
    environment["UV_PYTHON_DOWNLOADS"] = "never"
    # A render's suite starts the service as a process a dozen times: without bytecode
    # files each start recompiles FastAPI, SQLAlchemy and the service (about 3 of 5 s).
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    # Renders must not pick up a developer's or the outer run's settings file.
    environment.pop("UV_PYTHON", None)
    return environment

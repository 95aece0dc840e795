"""Render the example and run its benchmark: the service beside a bare FastAPI app.

Run through nox: ``uv run nox -s benchmark`` (SQLite, in-process cache) or
``uv run nox -s benchmark -- --postgres --redis``. The render's own ``benchmarks.compare``
builds the bare app from the render's environment (the same FastAPI, uvicorn and
flags), runs the two interleaved and prints req/s, p50, p99, cold start and RSS with
the ratio service ÷ bare. Arguments it does not know here (``--pairs 5``) go to it.
It asserts nothing about the figures.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.support.environment import tool_environment, uv_binary
from tests.support.rendering import render

POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/strata_benchmark"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
PREFIX = "MY_SERVICE_"


def main() -> None:
    """Render the chosen backends, install the render and run its comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true", help="database=postgresql")
    parser.add_argument("--redis", action="store_true", help="cache=redis")
    options, passed_on = parser.parse_known_args()
    if shutil.which("wrk") is None:
        sys.exit("The benchmark needs wrk on PATH: install it (apt-get install wrk).")
    answers: dict[str, object] = {"include_example": True}
    environment = tool_environment()
    arguments = list(passed_on)
    if options.postgres:
        answers["database"] = "postgresql"
        arguments += ["--database-url", POSTGRES_URL]
    if options.redis:
        answers["cache"] = "redis"
        environment[f"{PREFIX}REDIS__URL"] = REDIS_URL
    uv = str(uv_binary())
    with tempfile.TemporaryDirectory(prefix="strata-bench-") as workdir:
        project = render(Path(workdir) / "render", answers)
        subprocess.run([uv, "sync", "-q"], cwd=project, env=environment, check=True)
        described = ", ".join(f"{name}={value}" for name, value in answers.items())
        print(f"Render: defaults with {described}", flush=True)
        command = [uv, "run", "python", "-m", "benchmarks.compare", *arguments]
        completed = subprocess.run(command, cwd=project, env=environment, check=False)
    sys.exit(completed.returncode)


if __name__ == "__main__":
    main()

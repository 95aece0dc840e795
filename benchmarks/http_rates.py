"""Request rates of the example API for every backend choice, measured with wrk on loopback.

Run through nox: ``uv run nox -s benchmark``. For each ``database`` choice of copier.yml
(with the default cache), and each other ``cache`` choice (with the default database), it
renders the example, migrates, starts one uvicorn worker, seeds products through the API
and measures the list and read endpoints twice: as shipped (reads served by the cache)
and with cache entries expiring after 1 ms (every read reaches the database). It prints
figures; it asserts nothing about them.
"""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

from tests.support.environment import tool_environment, uv_binary
from tests.support.questions import load_questions
from tests.support.rendering import render

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "MY_SERVICE_"
API_KEY = "benchmark-writer-key-0123456789"
PRODUCTS = 200
ADMIN_DSN = os.environ.get("BENCH_POSTGRES_DSN", "postgresql://postgres@127.0.0.1:5432/postgres")
READ_SCRIPT = """
local ids = {{{ids}}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/v1/products/" .. ids[(n % #ids) + 1])
end
"""


@dataclass(frozen=True, slots=True)
class Rate:
    """What wrk measured for one endpoint."""

    requests_per_second: float
    mean_latency: str
    non_2xx: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _database_url(database: str, project: Path) -> str:
    if database == "sqlite":
        return f"sqlite+aiosqlite:///{project / 'var' / 'bench.db'}"
    for statement in ("DROP DATABASE IF EXISTS strata_bench", "CREATE DATABASE strata_bench"):
        subprocess.run(["psql", ADMIN_DSN, "-qc", statement], check=True)
    return ADMIN_DSN.replace("postgresql://", "postgresql+asyncpg://").rsplit("/", 1)[0] + (
        "/strata_bench"
    )


def _environment(database_url: str, cache_ttl: float, key_prefix: str) -> dict[str, str]:
    keys = [{"key": API_KEY, "subject": "benchmark", "roles": ["catalog:write"]}]
    return {
        **tool_environment(),
        f"{PREFIX}DATABASE__URL": database_url,
        f"{PREFIX}RATE_LIMIT__ENABLED": "false",
        f"{PREFIX}SECURITY__API_KEYS": json.dumps(keys),
        f"{PREFIX}CACHE__DEFAULT_TTL_SECONDS": str(cache_ttl),
        # Read only by a render with a Redis cache; fresh, so no run sees another's entries.
        f"{PREFIX}REDIS__KEY_PREFIX": key_prefix,
        f"{PREFIX}LOGGING__LEVEL": "WARNING",
    }


def _request(url: str, body: dict[str, object] | None = None) -> dict[str, object]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "X-API-Key": API_KEY}
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        parsed: dict[str, object] = json.load(response)
        return parsed


def _wait_ready(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _request(f"{base}/health/ready")
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise RuntimeError("the service did not become ready within 60 s")


def _wrk(url: str, script: Path | None, seconds: int, connections: int) -> Rate:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    latency = re.search(r"Latency\s+(\S+)", output)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if rate is None or latency is None:
        raise RuntimeError(output)
    return Rate(float(rate.group(1)), latency.group(1), int(errors.group(1)) if errors else 0)


def _cache_counts(base: str) -> tuple[float, float]:
    with urllib.request.urlopen(f"{base}/metrics", timeout=10) as response:  # noqa: S310
        text = response.read().decode()
    return _counter_sum(text, "cache_hits_total"), _counter_sum(text, "cache_misses_total")


def _counter_sum(text: str, name: str) -> float:
    """Sum every labelled sample of one Prometheus counter."""
    samples = (line.rsplit(" ", 1) for line in text.splitlines() if line.startswith(name))
    return sum(float(value) for _, value in samples)


def measure(database: str, cache: str, workdir: Path, seconds: int, connections: int) -> list[str]:
    """Render, seed and measure one database and cache choice; return table rows."""
    answers = {"database": database, "cache": cache, "include_example": True}
    project = render(workdir / f"{database}-{cache}", answers)
    subprocess.run(
        [str(uv_binary()), "sync", "-q"], cwd=project, check=True, env=tool_environment()
    )
    database_url = _database_url(database, project)
    rows = []
    for mode, ttl in (("cached", 300.0), ("uncached", 0.001)):
        environment = _environment(database_url, ttl, f"strata-bench:{uuid.uuid4().hex}:")
        subprocess.run(
            [str(uv_binary()), "run", "my-service", "migrate"],
            cwd=project,
            env=environment,
            check=True,
        )
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [str(uv_binary()), "run", "my-service", "serve", "--port", str(port)],
            cwd=project,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_ready(base)
            ids = [str(item["id"]) for item in _list_all(base)] or _seed(base)
            script = workdir / f"read-{database}-{cache}.lua"
            script.write_text(READ_SCRIPT.format(ids=", ".join(f'"{i}"' for i in ids)))
            before = _cache_counts(base)
            listed = _wrk(f"{base}/api/v1/products?page=2&size=20", None, seconds, connections)
            read = _wrk(base, script, seconds, connections)
            hits, misses = (
                now - then for now, then in zip(_cache_counts(base), before, strict=True)
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
        ratio = f"{hits / (hits + misses):.1%}" if hits + misses else "n/a"
        for endpoint, rate in (("list", listed), ("read", read)):
            rows.append(
                f"| {database} | {cache} | {mode} | {endpoint} | {rate.requests_per_second:,.0f} "
                f"| {rate.mean_latency} | {rate.non_2xx} | {ratio} |"
            )
    return rows


def _list_all(base: str) -> list[dict[str, object]]:
    page = _request(f"{base}/api/v1/products?size=100")
    items = page.get("items", [])
    return list(items) if isinstance(items, list) and len(items) >= PRODUCTS // 2 else []


def _seed(base: str) -> list[str]:
    ids = []
    for number in range(PRODUCTS):
        created = _request(
            f"{base}/api/v1/products",
            {
                "sku": f"BENCH-{number:04d}",
                "name": f"Product {number}",
                "price_cents": 100 + number,
            },
        )
        ids.append(str(created["id"]))
    return ids


def main() -> None:
    """Measure every database choice and print a Markdown table."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install -y wrk")
    seconds = int(os.environ.get("BENCH_SECONDS", "8"))
    connections = int(os.environ.get("BENCH_CONNECTIONS", "16"))
    questions = load_questions()
    database, cache = questions["database"], questions["cache"]
    combinations = [(str(value), str(cache.default)) for value in database.values]
    combinations += [
        (str(database.default), str(value)) for value in cache.values if value != cache.default
    ]
    rows = [
        "| database | cache | mode | endpoint | requests/s | mean latency | non-2xx | hit ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="strata-bench-") as workdir:
        for database_choice, cache_choice in combinations:
            rows += measure(database_choice, cache_choice, Path(workdir), seconds, connections)
    print(f"wrk: 2 threads, {connections} connections, {seconds} s per row; one uvicorn worker")
    print("\n".join(rows))


if __name__ == "__main__":
    main()

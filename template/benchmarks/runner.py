"""Start an app under uvicorn, load it with wrk and read what it cost.

Both apps run the same way: one uvicorn worker on uvloop and httptools, access log off,
started from this environment's interpreter, so only the apps themselves differ.
"""

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from types import TracebackType
from typing import Self

START_TIMEOUT_SECONDS = 60.0
# Apps start from the project's root, where ``benchmarks`` imports and ``.env`` is read.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True, slots=True)
class Load:
    """One kind of request: a path, or a wrk Lua script that builds each request."""

    name: str
    path: str
    script: str | None = None


@dataclass(frozen=True, slots=True)
class Rate:
    """What wrk measured for one load."""

    requests_per_second: float
    p50_ms: float
    p99_ms: float
    failures: int


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """An app served by one uvicorn worker, started on entry and stopped on exit."""

    def __init__(self, factory: str, environment: dict[str, str]) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.cold_start_seconds = 0.0
        self._command = [
            sys.executable,
            "-m",
            "uvicorn",
            factory,
            "--factory",
            "--host=127.0.0.1",
            f"--port={self.port}",
            "--workers=1",
            "--loop=uvloop",
            "--http=httptools",
            "--no-access-log",
            "--no-server-header",
            "--log-level=warning",
        ]
        self._environment = environment
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        started = time.perf_counter()
        self._process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            self._command, cwd=PROJECT_ROOT, env=self._environment, stdout=subprocess.DEVNULL
        )
        deadline = started + START_TIMEOUT_SECONDS
        while not self._answers("/health/live"):
            if self._process.poll() is not None or time.perf_counter() > deadline:
                self.__exit__(None, None, None)
                message = f"{self._command[3]} did not answer /health/live"
                raise RuntimeError(message)
            time.sleep(0.01)
        self.cold_start_seconds = time.perf_counter() - started
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)

    def _answers(self, path: str) -> bool:
        try:
            with urllib.request.urlopen(self.base + path, timeout=1) as response:  # noqa: S310
                status: int = response.status
                return status == HTTPStatus.OK
        except (urllib.error.URLError, OSError):
            return False

    def rss_mib(self) -> float:
        """The worker's resident memory now, from /proc (Linux)."""
        if self._process is None:
            return 0.0
        status = Path(f"/proc/{self._process.pid}/status").read_text(encoding="utf-8")
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) / 1024 if found else 0.0

    def load(self, load: Load, workdir: Path, seconds: int, connections: int) -> Rate:
        """Run wrk against one load and parse its report."""
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
        if load.script is not None:
            script = workdir / f"{load.name.replace(' ', '-')}.lua"
            script.write_text(load.script, encoding="utf-8")
            command += ["-s", str(script)]
        command.append(self.base + load.path)
        report = subprocess.run(  # noqa: S603 - wrk with our arguments
            command, capture_output=True, text=True, check=True
        ).stdout
        return parse_wrk(report)


def parse_wrk(report: str) -> Rate:
    """Read the rate, median and 99th percentile latency and failures of a wrk report."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", report)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m)\b", report, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m)\b", report, re.MULTILINE)
    if rate is None or p50 is None or p99 is None:
        message = f"unexpected wrk report:\n{report}"
        raise RuntimeError(message)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", report)
    socket_errors = re.search(r"Socket errors:.*?(\d+).*?(\d+).*?(\d+).*?(\d+)", report)
    failures = int(non_2xx.group(1)) if non_2xx else 0
    if socket_errors:
        failures += sum(int(count) for count in socket_errors.groups())
    return Rate(
        requests_per_second=float(rate.group(1)),
        p50_ms=float(p50.group(1)) * _UNIT_MS[p50.group(2)],
        p99_ms=float(p99.group(1)) * _UNIT_MS[p99.group(2)],
        failures=failures,
    )

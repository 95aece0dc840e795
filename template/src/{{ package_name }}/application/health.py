"""Readiness use case: every dependency is checked concurrently, each within a timeout."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from ..kernel.messages import ErrorMessages, format_message
from ..kernel.status import HealthStatus

type Probe = Callable[[], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one dependency check."""

    name: str
    status: HealthStatus
    duration_ms: float
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class ReadinessReport:
    """All check results and the overall status."""

    status: HealthStatus
    checks: tuple[CheckResult, ...]


@dataclass(frozen=True, slots=True)
class DependencyCheck:
    """A named probe; it raises when its dependency is not usable."""

    name: str
    probe: Probe

    async def run(self, time_limit: float) -> CheckResult:
        """Run the probe within ``time_limit`` seconds and report how it went."""
        started = time.perf_counter()
        try:
            async with asyncio.timeout(time_limit):
                await self.probe()
        except TimeoutError:
            detail = format_message(
                ErrorMessages.HTTP.HEALTH_TIMEOUT, check=self.name, timeout=time_limit
            )
            return self._result(HealthStatus.UNHEALTHY, started, detail)
        except Exception as error:  # noqa: BLE001 - any failure makes the dependency unready
            return self._result(HealthStatus.UNHEALTHY, started, type(error).__name__)
        return self._result(HealthStatus.HEALTHY, started)

    def _result(
        self, status: HealthStatus, started: float, detail: str | None = None
    ) -> CheckResult:
        elapsed = (time.perf_counter() - started) * 1000
        return CheckResult(self.name, status, round(elapsed, 2), detail)


@dataclass(frozen=True, slots=True)
class Readiness:
    """Runs every dependency check concurrently and combines the results."""

    checks: Sequence[DependencyCheck]
    timeout: float

    async def report(self) -> ReadinessReport:
        """Check every dependency; the service is ready only when all of them are."""
        results = await asyncio.gather(*(check.run(self.timeout) for check in self.checks))
        healthy = all(result.status is HealthStatus.HEALTHY for result in results)
        overall = HealthStatus.HEALTHY if healthy else HealthStatus.UNHEALTHY
        return ReadinessReport(overall, tuple(results))

"""Readiness: typed dependency checks, each under a timeout, combined by worst status."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypedDict

from ..kernel.messages import ErrorMessages, format_message
from ..kernel.status import HealthStatus
from .observability.tracing import current_span, traced

type DetailValue = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Diagnosis:
    """What a probe found: a status and figures worth showing (pool sizes, versions...)."""

    status: HealthStatus = HealthStatus.HEALTHY
    details: Mapping[str, DetailValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one dependency check."""

    name: str
    status: HealthStatus
    duration_ms: float
    detail: str | None = None
    details: Mapping[str, DetailValue] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class HealthReport:
    """All check results and the overall status."""

    status: HealthStatus
    checks: tuple[CheckResult, ...]


class Check(Protocol):
    """Anything that can be asked how it is doing."""

    @property
    def name(self) -> str:
        """Name shown in the report."""
        ...

    async def run(self) -> CheckResult:
        """Check now and report; never raises."""
        ...


HealthCheckSpan = TypedDict(
    "HealthCheckSpan", {"health.check.name": str, "health.status": str}, total=False
)


@dataclass(frozen=True, slots=True)
class HealthCheck[TDependency]:
    """Probe one dependency within a timeout; a probe that raises or hangs means UNHEALTHY.

    Type parameters:
        TDependency: what is checked (a ``Database``...), passed to the probe typed.
    """

    name: str
    dependency: TDependency
    probe: Callable[[TDependency], Awaitable[Diagnosis | None]]
    timeout: float

    @traced("health.check")
    async def run(self) -> CheckResult:
        """Run the probe within the timeout; ``None`` from the probe means healthy."""
        span = current_span(HealthCheckSpan)
        if span.recording:
            span.set({"health.check.name": self.name})
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout):
                diagnosis = await self.probe(self.dependency) or Diagnosis()
        except TimeoutError:
            detail = format_message(
                ErrorMessages.HTTP.HEALTH_TIMEOUT, check=self.name, timeout=self.timeout
            )
            return self._result(started, Diagnosis(HealthStatus.UNHEALTHY), detail)
        except Exception as error:  # noqa: BLE001 - any failure makes the dependency unready
            return self._result(started, Diagnosis(HealthStatus.UNHEALTHY), type(error).__name__)
        return self._result(started, diagnosis)

    def _result(
        self, started: float, diagnosis: Diagnosis, detail: str | None = None
    ) -> CheckResult:
        elapsed = round((time.perf_counter() - started) * 1000, 2)
        span = current_span(HealthCheckSpan)
        if span.recording:
            span.set({"health.status": diagnosis.status.value})
        return CheckResult(self.name, diagnosis.status, elapsed, detail, diagnosis.details)


@dataclass(frozen=True, slots=True)
class CompositeHealthCheck:
    """Run checks concurrently: UNHEALTHY if any is, else DEGRADED if any is, else HEALTHY."""

    checks: Sequence[Check]

    async def report(self) -> HealthReport:
        """Run every check and combine their statuses."""
        results = await asyncio.gather(*(check.run() for check in self.checks))
        overall = HealthStatus.worst(*(result.status for result in results))
        return HealthReport(overall, tuple(results))

"""Liveness and readiness probes for orchestrators and load balancers."""

from typing import Literal

from fastapi import APIRouter, Response, status
from pydantic import BaseModel

from ..kernel.status import HealthStatus
from .deps import MetricsDep, ReadinessDep

router = APIRouter(prefix="/health", tags=["health"])


class LiveResponse(BaseModel):
    """The process is up and serving requests."""

    status: Literal["alive"] = "alive"


class CheckResponse(BaseModel):
    """One dependency's state."""

    name: str
    status: HealthStatus
    duration_ms: float
    detail: str | None = None
    details: dict[str, str | int | float | bool] = {}


class ReadyResponse(BaseModel):
    """Overall readiness and the state of each dependency."""

    status: HealthStatus
    checks: list[CheckResponse]


@router.get("/live")
async def live() -> LiveResponse:
    """Answer 200 while the process runs; checks nothing else on purpose."""
    return LiveResponse()


@router.get("/ready", responses={503: {"model": ReadyResponse}})
async def ready(readiness: ReadinessDep, metrics: MetricsDep, response: Response) -> ReadyResponse:
    """Check every dependency; 503 only when one is UNHEALTHY (DEGRADED still serves)."""
    report = await readiness.report()
    metrics.health.observe(report)
    if report.status is HealthStatus.UNHEALTHY:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return ReadyResponse(
        status=report.status,
        checks=[
            CheckResponse(
                name=check.name,
                status=check.status,
                duration_ms=check.duration_ms,
                detail=check.detail,
                details=dict(check.details),
            )
            for check in report.checks
        ],
    )

"""Builds the in-process worker and the retry policy from ``TaskSettings``."""

from datetime import UTC, datetime

from ...application.tasks.jobs import Job, JobPriority
from ...application.tasks.metrics import TaskMetrics
from ...settings import TaskSettings
from .priority_queue import HeapJobQueue
from .retry import RetryPolicy
from .worker import InProcessWorker


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


def build_worker(settings: TaskSettings, metrics: TaskMetrics) -> InProcessWorker:
    """An in-process worker over a heap queue; jobs without a priority run as NORMAL."""
    queue = HeapJobQueue[Job, JobPriority](default_priority=JobPriority.NORMAL)
    return InProcessWorker(
        queue,
        slots=settings.slots,
        grace_period=settings.grace_period_seconds,
        clock=utc_now,
        results_kept=settings.results_kept,
        on_finished=metrics.record,
    )


def retry_policy(settings: TaskSettings) -> RetryPolicy:
    """The backoff every retryable job of the service uses."""
    return RetryPolicy(
        attempts=settings.retry_attempts,
        wait_initial=settings.retry_initial_seconds,
        wait_max=settings.retry_max_seconds,
        wait_jitter=settings.retry_jitter_seconds,
    )

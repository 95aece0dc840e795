"""Metrics of the job worker: jobs by final status and how long they ran."""

from dataclasses import dataclass
from typing import TypedDict

from ..observability.metrics import Counter, Histogram, MetricsRegistry
from .task import TaskResult


class JobLabels(TypedDict):
    """A job's final status: succeeded, failed or cancelled."""

    status: str


@dataclass(frozen=True, slots=True)
class TaskMetrics:
    """Counts finished jobs and times them; the worker calls ``record`` for each."""

    finished: Counter[JobLabels]
    duration: Histogram[JobLabels]

    @classmethod
    def register(cls, registry: MetricsRegistry) -> "TaskMetrics":
        """Register the job metrics in ``registry``."""
        return cls(
            finished=registry.counter(
                "task_jobs_finished", "Jobs that reached a final status.", JobLabels
            ),
            duration=registry.histogram(
                "task_job_duration_seconds", "Time from a job's start to its end.", JobLabels
            ),
        )

    def record(self, result: TaskResult[object]) -> None:
        """Count one job that reached a final status, and its run time if it started."""
        labels = JobLabels(status=result.status.value)
        self.finished.inc(labels)
        if result.duration is not None:
            self.duration.observe(labels, result.duration.total_seconds())

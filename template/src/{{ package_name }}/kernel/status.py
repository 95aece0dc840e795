"""Status enums shared by every layer; values are lowercase strings, so they serialise as-is."""

from enum import StrEnum


class TaskStatus(StrEnum):
    """State of a background task."""

    PENDING = "pending"
    RUNNING = "running"
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        """Return True if the task will not run again."""
        return self in {TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED}


class HealthStatus(StrEnum):
    """Health of the service or of one of its dependencies, from best to worst."""

    HEALTHY = "healthy"
    DEGRADED = "degraded"
    UNHEALTHY = "unhealthy"

    @classmethod
    def worst(cls, *statuses: "HealthStatus") -> "HealthStatus":
        """Return the worst of `statuses`, or HEALTHY when there are none."""
        order = list(cls)
        return max(statuses, key=order.index, default=cls.HEALTHY)

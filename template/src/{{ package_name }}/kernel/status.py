"""Health status shared by every layer; values are lowercase strings, so they serialise as-is."""

from enum import StrEnum


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

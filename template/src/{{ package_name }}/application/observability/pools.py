"""Pool counters as the health checks and metrics read them, whatever the pool's type."""

from typing import Protocol

from ...kernel.status import HealthStatus
from ..health import Diagnosis


class PoolSnapshot(Protocol):
    """The counters of a pool at one instant (what ``PoolStats`` carries)."""

    @property
    def idle(self) -> int:
        """Connections ready to lend."""
        ...

    @property
    def in_use(self) -> int:
        """Connections lent out."""
        ...

    @property
    def unhealthy(self) -> int:
        """Connections being destroyed."""
        ...

    @property
    def total(self) -> int:
        """All connections the pool holds."""
        ...

    @property
    def max_size(self) -> int:
        """The most connections the pool may hold."""
        ...


class ObservablePool(Protocol):
    """A pool that reports its counters."""

    def stats(self) -> PoolSnapshot:
        """Return the current counters."""
        ...


async def probe_pool(pool: ObservablePool) -> Diagnosis:
    """Report a pool's counters; a saturated pool is DEGRADED, since borrowers must wait."""
    stats = pool.stats()
    saturated = stats.in_use >= stats.max_size
    return Diagnosis(
        HealthStatus.DEGRADED if saturated else HealthStatus.HEALTHY,
        {
            "idle": stats.idle,
            "in_use": stats.in_use,
            "unhealthy": stats.unhealthy,
            "total": stats.total,
            "max_size": stats.max_size,
        },
    )

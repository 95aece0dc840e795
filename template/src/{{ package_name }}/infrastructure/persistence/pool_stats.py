"""The engine's connection pool as readiness details and metrics see it."""

from dataclasses import dataclass
from typing import Self

from sqlalchemy.pool import QueuePool

from ...application.health import Diagnosis
from ...kernel.status import HealthStatus
from .database import Database


@dataclass(frozen=True, slots=True, kw_only=True)
class EnginePoolStats:
    """The counters of a sized SQLAlchemy pool at one instant (a ``PoolSnapshot``)."""

    idle: int
    in_use: int
    overflow: int
    size: int
    max_size: int
    # SQLAlchemy discards a broken connection at once; none linger as unhealthy.
    unhealthy: int = 0

    @property
    def total(self) -> int:
        """Connections the pool holds, idle or lent out."""
        return self.idle + self.in_use


class EnginePool:
    """A ``QueuePool`` seen as an ``ObservablePool``; pools without a size have none."""

    def __init__(self, pool: QueuePool, max_overflow: int) -> None:
        self._pool = pool
        self._max_overflow = max_overflow

    @classmethod
    def of(cls, database: Database) -> Self | None:
        """Return the database's sized pool, or None (in-memory SQLite shares one connection)."""
        pool = database.engine.pool
        if not isinstance(pool, QueuePool):
            return None
        return cls(pool, database.max_overflow)

    def stats(self) -> EnginePoolStats:
        """Read the pool's counters now."""
        size = self._pool.size()
        return EnginePoolStats(
            idle=self._pool.checkedin(),
            in_use=self._pool.checkedout(),
            # Negative while the pool has not yet opened ``size`` connections.
            overflow=max(self._pool.overflow(), 0),
            size=size,
            max_size=size + self._max_overflow,
        )


async def probe_database(database: Database) -> Diagnosis:
    """Ping the database and report its pool; a pool with nothing left to lend is DEGRADED."""
    await database.ping()
    pool = EnginePool.of(database)
    kind = type(database.engine.pool).__name__
    if pool is None:
        return Diagnosis(details={"pool": kind})
    stats = pool.stats()
    saturated = stats.in_use >= stats.max_size
    return Diagnosis(
        HealthStatus.DEGRADED if saturated else HealthStatus.HEALTHY,
        {
            "pool": kind,
            "size": stats.size,
            "checked_in": stats.idle,
            "checked_out": stats.in_use,
            "overflow": stats.overflow,
            "max_size": stats.max_size,
        },
    )

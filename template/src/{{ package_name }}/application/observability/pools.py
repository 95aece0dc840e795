"""Pool counters as the metrics read them, whatever the pool's type."""

from typing import Protocol


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

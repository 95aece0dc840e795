"""A consistent snapshot of a pool's counters."""

from dataclasses import dataclass

from ...kernel.messages import ErrorMessages, format_message


@dataclass(frozen=True, slots=True)
class PoolStats:
    """Counters of one pool at one instant; ``idle + in_use + unhealthy == total`` always holds.

    ``unhealthy`` counts connections being destroyed (failed validation, broken, or closing).
    """

    pool: str
    idle: int
    in_use: int
    unhealthy: int
    total: int
    max_size: int

    def __post_init__(self) -> None:
        counters = (self.idle, self.in_use, self.unhealthy, self.total)
        consistent = (
            min(counters) >= 0
            and self.idle + self.in_use + self.unhealthy == self.total
            and self.total <= self.max_size
        )
        if not consistent:
            raise ValueError(
                format_message(
                    ErrorMessages.POOL.STATS_INCONSISTENT,
                    pool=self.pool,
                    idle=self.idle,
                    in_use=self.in_use,
                    unhealthy=self.unhealthy,
                    total=self.total,
                    max_size=self.max_size,
                )
            )

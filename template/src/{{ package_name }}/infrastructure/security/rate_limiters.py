"""Window rate limiters over the ``limits`` library (fixed and sliding windows)."""

import math
import time
from collections.abc import Callable
from typing import Literal

from limits import RateLimitItem, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, Storage
from limits.aio.strategies import FixedWindowRateLimiter, MovingWindowRateLimiter
from limits.aio.strategies import RateLimiter as LimitsStrategy

from ...application.security.rate_limiting import (
    RateLimitAlgorithm,
    RateLimitDecision,
    RateLimiter,
    RateLimitKey,
)
from ...settings import RateLimitSettings
from .token_bucket import TokenBucketRateLimiter

type WindowAlgorithm = Literal[RateLimitAlgorithm.FIXED_WINDOW, RateLimitAlgorithm.SLIDING_WINDOW]


class WindowRateLimiter[TKey]:
    """Counts requests per ``period`` in ``limits``' fixed or moving (sliding) windows.

    The sliding window remembers each request's time, so no burst at a window edge can
    double the rate; a ``limits`` Redis storage shares the count between processes.

    Type parameters:
        TKey: the budget identifier; ``str(key)`` names it in the storage.
    """

    def __init__(
        self,
        algorithm: WindowAlgorithm,
        *,
        amount: int,
        period: int,
        storage: Storage | None = None,
        encode: Callable[[TKey], str] = str,
    ) -> None:
        self._item: RateLimitItem = RateLimitItemPerSecond(amount, period)
        self._strategy = _strategy(algorithm, storage or MemoryStorage())
        self._encode = encode

    async def hit(self, key: TKey) -> RateLimitDecision:
        """Count one request for ``key`` unless the window is full."""
        name = self._encode(key)
        allowed = await self._strategy.hit(self._item, name)
        stats = await self._strategy.get_window_stats(self._item, name)
        reset_after = max(0.0, stats.reset_time - time.time())
        return RateLimitDecision(
            allowed=allowed,
            limit=self._item.amount,
            remaining=stats.remaining,
            reset_after=reset_after,
            retry_after=0.0 if allowed else max(1.0, math.ceil(reset_after)),
        )


def build_rate_limiter(settings: RateLimitSettings) -> RateLimiter[RateLimitKey]:
    """Build the in-process limiter that ``settings.algorithm`` names."""
    match settings.algorithm:
        case RateLimitAlgorithm.TOKEN_BUCKET:
            return TokenBucketRateLimiter(
                capacity=settings.amount,
                refill_per_second=settings.amount / settings.period_seconds,
            )
        case RateLimitAlgorithm.FIXED_WINDOW | RateLimitAlgorithm.SLIDING_WINDOW as window:
            return WindowRateLimiter(window, amount=settings.amount, period=settings.period_seconds)


def _strategy(algorithm: WindowAlgorithm, storage: Storage) -> LimitsStrategy:
    if algorithm is RateLimitAlgorithm.FIXED_WINDOW:
        return FixedWindowRateLimiter(storage)
    return MovingWindowRateLimiter(storage)

"""``TokenBucketRateLimiter``: bursts up to a capacity, refilled at a steady rate."""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ...application.security.rate_limiting import RateLimitDecision

# Past this many buckets, refilled ones are dropped: a full bucket equals no bucket.
_PRUNE_ABOVE = 10_000


@dataclass(slots=True)
class _Bucket:
    tokens: float
    updated_at: float


class TokenBucketRateLimiter[TKey]:
    """Each key owns a bucket of ``capacity`` tokens refilled continuously; a request takes one.

    ``limits`` has no token bucket, so this one is written here; its state is in-process.

    Type parameters:
        TKey: the budget identifier (hashable).
    """

    def __init__(
        self,
        *,
        capacity: int,
        refill_per_second: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._capacity = capacity
        self._rate = refill_per_second
        self._clock = clock
        self._buckets: dict[TKey, _Bucket] = {}

    async def hit(self, key: TKey) -> RateLimitDecision:
        """Take a token for ``key`` if one is available."""
        now = self._clock()
        bucket = self._buckets.get(key) or _Bucket(float(self._capacity), now)
        bucket.tokens = min(self._capacity, bucket.tokens + (now - bucket.updated_at) * self._rate)
        bucket.updated_at = now
        allowed = bucket.tokens >= 1
        if allowed:
            bucket.tokens -= 1
        self._buckets[key] = bucket
        if len(self._buckets) > _PRUNE_ABOVE:
            self._forget_full(now)
        return RateLimitDecision(
            allowed=allowed,
            limit=self._capacity,
            remaining=math.floor(bucket.tokens),
            reset_after=(self._capacity - bucket.tokens) / self._rate,
            retry_after=0.0 if allowed else max(1.0, math.ceil((1 - bucket.tokens) / self._rate)),
        )

    def _forget_full(self, now: float) -> None:
        full = [
            key
            for key, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.updated_at) * self._rate >= self._capacity
        ]
        for key in full:
            del self._buckets[key]

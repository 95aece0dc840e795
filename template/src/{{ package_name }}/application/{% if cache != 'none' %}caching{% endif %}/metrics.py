"""Cache hits, misses and failures, as the ``CacheGuard`` reports them."""

from dataclasses import dataclass
from typing import Self, TypedDict

from ..observability.metrics import Counter, MetricsRegistry


class CacheLabels(TypedDict):
    """One cache (several may share the registry)."""

    cache: str


class CacheFailureLabels(TypedDict):
    """A cache call that failed and was bypassed: ``operation`` is get, set or invalidate."""

    cache: str
    operation: str


@dataclass(frozen=True, slots=True)
class CacheMetrics:
    """Cache hits, misses and failures; the cache guard calls ``hit``, ``miss`` and ``failure``."""

    hits: Counter[CacheLabels]
    misses: Counter[CacheLabels]
    failures: Counter[CacheFailureLabels]

    def hit(self, cache: str) -> None:
        """Count a lookup that found a value."""
        self.hits.inc(CacheLabels(cache=cache))

    def miss(self, cache: str) -> None:
        """Count a lookup that found nothing (or an expired entry)."""
        self.misses.inc(CacheLabels(cache=cache))

    def failure(self, cache: str, operation: str) -> None:
        """Count a cache call that failed (backend down or slow) and was bypassed."""
        self.failures.inc(CacheFailureLabels(cache=cache, operation=operation))

    @classmethod
    def register(cls, registry: MetricsRegistry) -> Self:
        """Register the cache counters in ``registry``."""
        return cls(
            hits=registry.counter("cache_hits", "Cache lookups that hit.", CacheLabels),
            misses=registry.counter("cache_misses", "Cache lookups that missed.", CacheLabels),
            failures=registry.counter(
                "cache_failures", "Cache calls that failed and were bypassed.", CacheFailureLabels
            ),
        )

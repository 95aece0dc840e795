"""``cached``: serve an async function's results from a cache, bypassing a failing one."""

import functools
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from .ports import CacheKey, CacheMetricsSink, CacheProvider
from .single_flight import SingleFlight

_logger = logging.getLogger(__name__)


class NoMetrics:
    """Counts nothing; the default when no metrics sink is wired."""

    def hit(self, cache: str) -> None:
        """Ignore a hit."""

    def miss(self, cache: str) -> None:
        """Ignore a miss."""

    def failure(self, cache: str, operation: str) -> None:
        """Ignore a failure."""


@dataclass(frozen=True, slots=True)
class CacheGuard:
    """Runs cache calls so that a failing cache degrades to no cache, with a warning.

    A cache is an optimisation: when its backend is down, slow or holds an undecodable
    value, the caller is served from the source of truth instead of failing.
    """

    cache: CacheProvider[bytes]
    name: str
    metrics: CacheMetricsSink = field(default_factory=NoMetrics)

    async def read[T](self, key: CacheKey[T]) -> T | None:
        """Return the decoded value under ``key``, or None if absent or the cache failed."""
        try:
            data = await self.cache.get(key.name)
            value = None if data is None else key.serializer.loads(data)
        except Exception as error:  # noqa: BLE001 - any cache failure means "not cached"
            self._bypass("get", error)
            value = None
        (self.metrics.miss if value is None else self.metrics.hit)(self.name)
        return value

    async def write[T](
        self, key: CacheKey[T], value: T, tags: Iterable[str], ttl: float | None = None
    ) -> None:
        """Store ``value`` under ``key`` with ``tags``; a failure is logged, not raised."""
        try:
            await self.cache.set_with_tags(key.name, key.serializer.dumps(value), tags, ttl)
        except Exception as error:  # noqa: BLE001 - the value is served even if not stored
            self._bypass("set", error)

    async def invalidate(self, *tags: str) -> None:
        """Drop every entry carrying any of ``tags``; a failure is logged, not raised."""
        for tag in tags:
            try:
                await self.cache.invalidate_by_tag(tag)
            except Exception as error:  # noqa: BLE001 - entries then expire by their TTL
                self._bypass("invalidate", error)

    def _bypass(self, operation: str, error: Exception) -> None:
        self.metrics.failure(self.name, operation)
        _logger.warning(
            "cache_bypassed",
            extra={"cache": self.name, "operation": operation, "error": type(error).__name__},
        )


def cached[**P, R](
    guard: CacheGuard,
    *,
    key: Callable[P, CacheKey[R]],
    tags: Callable[[R], Iterable[str]] = lambda _value: (),
    ttl: float | None = None,
) -> Callable[[Callable[P, Awaitable[R]]], Callable[P, Awaitable[R]]]:
    """Decorate an async function so that its results are cached under ``key(*args)``.

    ``tags`` names the groups a result belongs to, for ``invalidate_by_tag``; ``ttl``
    overrides the cache's default lifetime. A None result is never stored, because a
    cache answers None for "absent". A failing cache is bypassed with a warning.
    Concurrent misses of one key share a single call of the function (single flight),
    so a cold key under load reaches the source of truth once per process.

    Type parameters:
        P: the decorated function's parameters, which ``key`` also receives.
        R: the function's result type, which the key's serialiser encodes.
    """

    def decorate(function: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[R]]:
        flights = SingleFlight[R]()

        @functools.wraps(function)
        async def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            cache_key = key(*args, **kwargs)
            found = await guard.read(cache_key)
            if found is not None:
                return found

            async def load_and_store() -> R:
                value = await function(*args, **kwargs)
                if value is not None:
                    await guard.write(cache_key, value, tags(value), ttl)
                return value

            return await flights.run(cache_key.name, load_and_store)

        return wrapper

    return decorate

"""What the use cases need from a cache: typed providers, keys, entries and serialisers."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from ...kernel.protocols import Store

type Clock = Callable[[], float]
"""Returns monotonic seconds; injected so tests move time without sleeping."""


@dataclass(frozen=True, slots=True)
class CacheEntry[T]:
    """One stored value with its expiry and tags.

    Type parameters:
        T: the cached value's type.
    """

    value: T
    ttl: float | None
    expires_at: float | None
    tags: frozenset[str] = field(default_factory=frozenset)

    def is_expired(self, now: float) -> bool:
        """Tell whether the entry is past its expiry at ``now``."""
        return self.expires_at is not None and now >= self.expires_at


@runtime_checkable
class Serializer[T](Protocol):
    """Turns values into bytes and back, preserving their type.

    Type parameters:
        T: the type of the values serialised.
    """

    def dumps(self, value: T) -> bytes:
        """Encode ``value``."""

    def loads(self, data: bytes) -> T:
        """Decode bytes produced by ``dumps`` into an equal value."""


@dataclass(frozen=True, slots=True)
class CacheKey[T]:
    """A key bound to the type of the value stored under it, through that type's serialiser.

    One byte-level cache (in memory, Redis...) holds values of many types; the key
    says how its value is encoded, so a read returns a ``T`` and nothing else.

    Type parameters:
        T: the value type stored under this key.
    """

    name: str
    serializer: Serializer[T]

    def __str__(self) -> str:
        return self.name


@runtime_checkable
class CacheProvider[T](Store[str, T], Protocol):
    """A key-value cache; ``None`` from ``get`` means absent or expired.

    Type parameters:
        T: the type of the values it stores (``bytes`` for a shared backend such as Redis).
    """

    async def set_with_tags(
        self, key: str, value: T, tags: Iterable[str], ttl: float | None = None
    ) -> None:
        """Store ``value`` under ``key``, remembering that it belongs to each of ``tags``."""

    async def invalidate_by_tag(self, tag: str) -> int:
        """Remove every entry carrying ``tag``; return how many were removed."""

    async def clear(self) -> None:
        """Remove every entry."""


@runtime_checkable
class TaggedReader[T](Protocol):
    """A cache that can return an entry's tags with its value (Redis can).

    A multi-level cache copying such an entry into its local level keeps the tags, so
    a later ``invalidate_by_tag`` finds the local copy too.

    Type parameters:
        T: the stored values' type.
    """

    async def get_with_tags(self, key: str) -> tuple[T, frozenset[str]] | None:
        """Return the value under ``key`` and its tags, or None if absent or expired."""


@runtime_checkable
class CacheMetricsSink(Protocol):
    """Receives cache read outcomes so they can be counted."""

    def hit(self, cache: str) -> None:
        """Count a read served from the cache named ``cache``."""

    def miss(self, cache: str) -> None:
        """Count a read that found nothing (absent, expired, or the cache failed)."""

    def failure(self, cache: str, operation: str) -> None:
        """Count a cache call that failed and was bypassed (``get``, ``set``, ``invalidate``)."""

"""``InMemoryCacheProvider``: an in-process LRU cache with TTL expiry and tag invalidation."""

import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterable

from ...application.caching.ports import CacheEntry, Clock


class InMemoryCacheProvider[T]:
    """A bounded cache for one process: least-recently-used entries go first when full.

    An expired entry reads as missing and is removed on that read. Each tag maps to
    the keys carrying it, so ``invalidate_by_tag`` touches only those keys.

    Type parameters:
        T: the stored values' type (``bytes`` when it backs the service's shared cache).
    """

    def __init__(
        self,
        *,
        max_size: int,
        default_ttl: float | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self._max_size = max_size
        self._default_ttl = default_ttl
        self._clock = clock
        self._entries: OrderedDict[str, CacheEntry[T]] = OrderedDict()
        # No method awaits while it changes state, so each call is atomic on the event loop.
        self._keys_by_tag: defaultdict[str, set[str]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: str) -> T | None:
        """Return the live value under ``key`` and mark it recently used."""
        entry = self._live(key)
        if entry is None:
            return None
        self._entries.move_to_end(key)
        return entry.value

    async def set(self, key: str, value: T, ttl: float | None = None) -> None:
        """Store ``value`` under ``key`` with no tags."""
        await self.set_with_tags(key, value, (), ttl)

    async def set_with_tags(
        self, key: str, value: T, tags: Iterable[str], ttl: float | None = None
    ) -> None:
        """Store ``value`` under ``key`` with ``tags``, evicting the LRU entry when full."""
        lifetime = self._default_ttl if ttl is None else ttl
        expires_at = None if lifetime is None else self._clock() + lifetime
        entry = CacheEntry(value, lifetime, expires_at, frozenset(tags))
        self._remove(key)
        self._entries[key] = entry
        for tag in entry.tags:
            self._keys_by_tag[tag].add(key)
        while len(self._entries) > self._max_size:
            self._remove(next(iter(self._entries)))

    async def delete(self, key: str) -> bool:
        """Remove ``key``; return False if no live entry was there."""
        return self._live(key) is not None and self._remove(key)

    async def exists(self, key: str) -> bool:
        """Tell whether a live entry is stored under ``key`` (without refreshing its use)."""
        return self._live(key) is not None

    async def invalidate_by_tag(self, tag: str) -> int:
        """Remove every entry carrying ``tag``; return how many were removed."""
        keys = self._keys_by_tag.pop(tag, set())
        return sum(self._remove(key) for key in keys)

    async def clear(self) -> None:
        """Remove every entry."""
        self._entries.clear()
        self._keys_by_tag.clear()

    def _live(self, key: str) -> CacheEntry[T] | None:
        entry = self._entries.get(key)
        if entry is not None and entry.is_expired(self._clock()):
            self._remove(key)
            return None
        return entry

    def _remove(self, key: str) -> bool:
        entry = self._entries.pop(key, None)
        if entry is None:
            return False
        for tag in entry.tags:
            keys = self._keys_by_tag.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._keys_by_tag[tag]
        return True

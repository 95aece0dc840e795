"""``MultiLevelCacheProvider``: a fast in-process level in front of a shared one."""

from collections.abc import Iterable

from ...application.caching.ports import CacheProvider, TaggedReader


class MultiLevelCacheProvider[T]:
    """Reads L1 first, then L2 (copying a hit into L1); writes and invalidations go to both.

    L1 is small and local (``InMemoryCacheProvider``); L2 is shared by every instance
    of the service (Redis). L1 entries live at most ``l1_ttl`` seconds, which bounds
    how long an instance can serve a value another instance has already replaced.

    Type parameters:
        T: the stored values' type, the same for both levels.
    """

    def __init__(self, *, l1: CacheProvider[T], l2: CacheProvider[T], l1_ttl: float) -> None:
        self._l1 = l1
        self._l2 = l2
        self._l1_ttl = l1_ttl

    async def get(self, key: str) -> T | None:
        """Return the value from L1, else from L2 (then keep it in L1)."""
        value = await self._l1.get(key)
        if value is not None:
            return value
        if isinstance(self._l2, TaggedReader):
            found: tuple[T, frozenset[str]] | None = await self._l2.get_with_tags(key)
        else:
            found = None if (plain := await self._l2.get(key)) is None else (plain, frozenset())
        if found is None:
            return None
        # With its tags, so invalidating one of them also drops this local copy.
        await self._l1.set_with_tags(key, found[0], found[1], self._l1_ttl)
        return found[0]

    async def set(self, key: str, value: T, ttl: float | None = None) -> None:
        """Store ``value`` in both levels."""
        await self.set_with_tags(key, value, (), ttl)

    async def set_with_tags(
        self, key: str, value: T, tags: Iterable[str], ttl: float | None = None
    ) -> None:
        """Store ``value`` with ``tags`` in L2, then in L1 for at most ``l1_ttl`` seconds."""
        tags = frozenset(tags)
        await self._l2.set_with_tags(key, value, tags, ttl)
        await self._l1.set_with_tags(key, value, tags, self._l1_lifetime(ttl))

    async def delete(self, key: str) -> bool:
        """Remove ``key`` from both levels; return True if either held it."""
        in_l1 = await self._l1.delete(key)
        in_l2 = await self._l2.delete(key)
        return in_l1 or in_l2

    async def exists(self, key: str) -> bool:
        """Tell whether either level holds ``key``."""
        return await self._l1.exists(key) or await self._l2.exists(key)

    async def invalidate_by_tag(self, tag: str) -> int:
        """Remove the tagged entries from both levels; return the count removed from L2."""
        # L2 first: once it is clean, no concurrent L1 miss can copy a stale value back.
        removed = await self._l2.invalidate_by_tag(tag)
        await self._l1.invalidate_by_tag(tag)
        return removed

    async def clear(self) -> None:
        """Empty both levels."""
        await self._l2.clear()
        await self._l1.clear()

    def _l1_lifetime(self, ttl: float | None) -> float:
        return self._l1_ttl if ttl is None else min(ttl, self._l1_ttl)

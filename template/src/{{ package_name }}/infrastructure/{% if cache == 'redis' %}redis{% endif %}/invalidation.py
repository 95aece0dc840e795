"""Cross-instance cache invalidation: each instance's L1 follows invalidations via pub/sub."""

import json
import uuid
from collections.abc import Iterable

from ...application.caching.ports import CacheProvider
from .pubsub import RedisPubSub


class BroadcastingCache:
    """The multi-level cache, telling every instance to drop its L1 copies on invalidation.

    An invalidation (by tag or key) clears Redis and this instance's L1, then is
    published; every instance's ``on_message`` drops the same entries from its L1. The
    local L1 is cleared even when Redis fails, so this instance never serves what it
    just changed. If a message is missed (Redis outage), L1 entries still expire after
    a few seconds, and ``resynchronise`` empties L1 when pub/sub reconnects.
    """

    def __init__(
        self,
        inner: CacheProvider[bytes],
        *,
        local: CacheProvider[bytes],
        bus: RedisPubSub,
        channel: str,
    ) -> None:
        self._inner = inner
        self._local = local
        self._bus = bus
        self.channel = channel
        # Messages carry the sender, so an instance does not re-apply its own.
        self._origin = uuid.uuid4().hex

    async def get(self, key: str) -> bytes | None:
        """Return the value from L1, else from Redis."""
        return await self._inner.get(key)

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Store ``value`` in both levels."""
        await self._inner.set(key, value, ttl)

    async def set_with_tags(
        self, key: str, value: bytes, tags: Iterable[str], ttl: float | None = None
    ) -> None:
        """Store ``value`` with ``tags`` in both levels."""
        await self._inner.set_with_tags(key, value, tags, ttl)

    async def exists(self, key: str) -> bool:
        """Tell whether either level holds ``key``."""
        return await self._inner.exists(key)

    async def delete(self, key: str) -> bool:
        """Remove ``key`` everywhere, in every instance's L1 too."""
        try:
            return await self._inner.delete(key)
        finally:
            await self._local.delete(key)
            await self._broadcast("key", key)

    async def invalidate_by_tag(self, tag: str) -> int:
        """Remove the entries tagged ``tag`` everywhere, in every instance's L1 too."""
        try:
            return await self._inner.invalidate_by_tag(tag)
        finally:
            await self._local.invalidate_by_tag(tag)
            await self._broadcast("tag", tag)

    async def clear(self) -> None:
        """Empty both levels, and every instance's L1."""
        try:
            await self._inner.clear()
        finally:
            await self._local.clear()
            await self._broadcast("clear", "")

    async def on_message(self, _channel: str, data: bytes) -> None:
        """Apply an invalidation another instance published to this instance's L1."""
        message = json.loads(data)
        if message["origin"] == self._origin:
            return
        match message["kind"]:
            case "tag":
                await self._local.invalidate_by_tag(message["target"])
            case "key":
                await self._local.delete(message["target"])
            case _:
                await self._local.clear()

    async def resynchronise(self) -> None:
        """Empty L1 after pub/sub reconnects: invalidations sent meanwhile were lost."""
        await self._local.clear()

    async def _broadcast(self, kind: str, target: str) -> None:
        payload = {"origin": self._origin, "kind": kind, "target": target}
        await self._bus.publish(self.channel, json.dumps(payload).encode())

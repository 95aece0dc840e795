"""``RedisCacheProvider``: the shared (L2) byte cache, with TTL, compression and tags."""

from collections.abc import Iterable

from redis.asyncio import Redis

from ...application.compression import Compressor

_PLAIN, _COMPRESSED = b"0", b"1"
# Each value is a hash: its bytes and its tags, so invalidation can check membership
# exactly even when a key was stored again with other tags.
_STORE = """
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'd', ARGV[1], 't', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
for i = 5, #ARGV do
  local tag_key = ARGV[4] .. ARGV[i]
  redis.call('SADD', tag_key, KEYS[1])
  if redis.call('PTTL', tag_key) < tonumber(ARGV[2]) then
    redis.call('PEXPIRE', tag_key, ARGV[2])
  end
end
"""
_INVALIDATE = """
local removed = 0
for _, member in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local tags = redis.call('HGET', member, 't')
  if tags and string.find(tags, ARGV[1], 1, true) then
    removed = removed + redis.call('DEL', member)
  end
end
redis.call('DEL', KEYS[1])
return removed
"""


def _tag_marker(tag: str) -> str:
    return f"\n{tag}\n"


class RedisCacheProvider:
    """Stores bytes in Redis under ``<prefix>cache:v:<key>``, shared by every instance.

    Values above ``compress_above`` bytes are compressed (a one-byte header says how
    each was stored). Each tag is a set of keys; storing and invalidating are Lua
    scripts, so each is one atomic round trip. Scripts touch keys they compute, which
    a single Redis server (or a replica set) allows but Redis Cluster does not.
    """

    def __init__(
        self,
        client: Redis,
        *,
        prefix: str,
        default_ttl: float,
        compressor: Compressor,
        compress_above: int,
    ) -> None:
        self._client = client
        self._values = f"{prefix}cache:v:"
        self._tags = f"{prefix}cache:t:"
        self._default_ttl = default_ttl
        self._compressor = compressor
        self._compress_above = compress_above
        self._store = client.register_script(_STORE)
        self._invalidate = client.register_script(_INVALIDATE)

    async def get(self, key: str) -> bytes | None:
        """Return the bytes under ``key``, or None if absent or expired."""
        stored = await self._client.hget(self._values + key, "d")
        return None if not isinstance(stored, bytes) else self._decode(stored)

    async def get_with_tags(self, key: str) -> tuple[bytes, frozenset[str]] | None:
        """Return the bytes under ``key`` and their tags, in one round trip."""
        stored, tags = await self._client.hmget(self._values + key, ["d", "t"])
        if not isinstance(stored, bytes) or not isinstance(tags, bytes):
            return None
        return self._decode(stored), frozenset(tags.decode().split("\n")) - {""}

    async def set(self, key: str, value: bytes, ttl: float | None = None) -> None:
        """Store ``value`` under ``key`` with no tags."""
        await self.set_with_tags(key, value, (), ttl)

    async def set_with_tags(
        self, key: str, value: bytes, tags: Iterable[str], ttl: float | None = None
    ) -> None:
        """Store ``value`` with ``tags`` for ``ttl`` seconds (the default TTL if None)."""
        tags = sorted(set(tags))
        lifetime_ms = max(1, round((self._default_ttl if ttl is None else ttl) * 1000))
        marker = "".join(_tag_marker(tag) for tag in tags)
        await self._store(
            keys=[self._values + key],
            args=[self._encode(value), lifetime_ms, marker, self._tags, *tags],
        )

    async def delete(self, key: str) -> bool:
        """Remove ``key``; True if it was stored."""
        return bool(await self._client.delete(self._values + key))

    async def exists(self, key: str) -> bool:
        """Tell whether ``key`` holds a live value."""
        return bool(await self._client.exists(self._values + key))

    async def invalidate_by_tag(self, tag: str) -> int:
        """Remove exactly the values still carrying ``tag``; return how many."""
        removed = await self._invalidate(keys=[self._tags + tag], args=[_tag_marker(tag)])
        return int(removed)

    async def clear(self) -> None:
        """Remove every value and tag of this cache (and nothing else under the prefix)."""
        for pattern in (f"{self._values}*", f"{self._tags}*"):
            batch = [key async for key in self._client.scan_iter(match=pattern, count=500)]
            if batch:
                await self._client.unlink(*batch)

    def _decode(self, stored: bytes) -> bytes:
        header, body = stored[:1], stored[1:]
        return self._compressor.decompress(body) if header == _COMPRESSED else body

    def _encode(self, value: bytes) -> bytes:
        if len(value) > self._compress_above:
            return _COMPRESSED + self._compressor.compress(value)
        return _PLAIN + value

"""Token stores on Redis: shared by every instance, and one that falls back to memory."""

import logging
import time
from datetime import UTC, datetime
from typing import Any, cast

from pydantic import TypeAdapter
from redis.asyncio import Redis

from ...application.security.tokens import StoredToken, TokenStoreProtocol
from .connection import REDIS_FAILURES

_logger = logging.getLogger(__name__)

# Revoked only if still stored and not yet revoked: concurrent callers get one winner.
_REVOKE = """
if redis.call('HGET', KEYS[1], 'r') == '0' then
  redis.call('HSET', KEYS[1], 'r', '1')
  return 1
end
return 0
"""


class RedisTokenStore[TToken]:
    """Each token is a hash (payload as JSON, revoked flag, expiry) that Redis expires.

    Type parameters:
        TToken: the payload type; ``value_type`` validates it back on reads.

    Example::

        store = RedisTokenStore[str](client, str, prefix="svc:")
        await store.save("api-key:ab12", "alice", ttl=3600)
        await store.revoke("api-key:ab12")  # seen by every instance at once
    """

    def __init__(self, client: Redis, value_type: Any, *, prefix: str) -> None:
        self._client = client
        self._adapter: TypeAdapter[TToken] = TypeAdapter(value_type)
        self._prefix = f"{prefix}token:"
        self._revoke = client.register_script(_REVOKE)

    async def save(
        self, identifier: str, value: TToken, ttl: float, *, revoked: bool = False
    ) -> StoredToken[TToken]:
        """Store ``value`` under ``identifier`` for ``ttl`` seconds, in one transaction."""
        expires_ms = round((time.time() + ttl) * 1000)
        token = StoredToken(identifier, value, _from_ms(expires_ms), revoked)
        key = self._prefix + identifier
        async with self._client.pipeline(transaction=True) as pipeline:
            pipeline.delete(key)
            pipeline.hset(
                key,
                mapping={"v": self._adapter.dump_json(value), "r": int(revoked), "e": expires_ms},
            )
            pipeline.pexpireat(key, expires_ms)
            await pipeline.execute()
        return token

    async def get(self, identifier: str) -> StoredToken[TToken] | None:
        """Return the token, or None once Redis expired it."""
        found = await self._client.hgetall(self._prefix + identifier)
        fields = cast("dict[bytes, bytes]", found)
        if not fields:
            return None
        return StoredToken(
            identifier,
            self._adapter.validate_json(fields[b"v"]),
            _from_ms(int(fields[b"e"])),
            revoked=fields[b"r"] == b"1",
        )

    async def revoke(self, identifier: str) -> bool:
        """Mark the token revoked in one atomic script; True only for the winning call."""
        return bool(await self._revoke(keys=[self._prefix + identifier]))

    async def delete(self, identifier: str) -> bool:
        """Forget the token."""
        return bool(await self._client.delete(self._prefix + identifier))


class FallbackTokenStore[TToken]:
    """Redis first; while Redis fails, this process' memory store, with a warning.

    Writes go to both, so a revocation made during an outage holds at least here, and
    one made before it is still known locally when Redis cannot be read.

    Type parameters:
        TToken: the payload stored with each identifier.
    """

    def __init__(
        self, shared: TokenStoreProtocol[TToken], local: TokenStoreProtocol[TToken]
    ) -> None:
        self._shared = shared
        self._local = local

    async def save(
        self, identifier: str, value: TToken, ttl: float, *, revoked: bool = False
    ) -> StoredToken[TToken]:
        """Store in memory and in Redis (a Redis failure is logged)."""
        token = await self._local.save(identifier, value, ttl, revoked=revoked)
        try:
            return await self._shared.save(identifier, value, ttl, revoked=revoked)
        except REDIS_FAILURES as error:
            _warn("save", error)
            return token

    async def get(self, identifier: str) -> StoredToken[TToken] | None:
        """Read from Redis, or from memory while Redis fails."""
        try:
            return await self._shared.get(identifier)
        except REDIS_FAILURES as error:
            _warn("get", error)
            return await self._local.get(identifier)

    async def revoke(self, identifier: str) -> bool:
        """Revoke in Redis (the atomic one), and in memory."""
        local = await self._local.revoke(identifier)
        try:
            return await self._shared.revoke(identifier)
        except REDIS_FAILURES as error:
            _warn("revoke", error)
            return local

    async def delete(self, identifier: str) -> bool:
        """Forget the token in both stores."""
        local = await self._local.delete(identifier)
        try:
            return await self._shared.delete(identifier)
        except REDIS_FAILURES as error:
            _warn("delete", error)
            return local


def _from_ms(epoch_ms: int) -> datetime:
    return datetime.fromtimestamp(epoch_ms / 1000, UTC)


def _warn(operation: str, error: Exception) -> None:
    _logger.warning(
        "token_store_degraded", extra={"operation": operation, "error": type(error).__name__}
    )

"""``CachedTokenStore``: Redis as a read-through cache in front of the database's token store.

The database stays the source of truth. Redis only saves it a read per request: an
empty Redis (restarted, flushed, evicted) refills from the database, and while Redis
cannot be reached every read goes to the database. Nothing is kept in this process.
"""

import json
import logging
import time
from datetime import UTC, datetime
from typing import Any, Final, cast

from pydantic import TypeAdapter
from redis.asyncio import Redis

from ...application.security.tokens import StoredToken, TokenStoreProtocol
from .connection import REDIS_FAILURES

_logger = logging.getLogger(__name__)

# Marks "the database has no such token", so unrevoked keys are not read on every request.
_ABSENT: Final = b"-"
# Longest a cached answer lives; a revocation whose cache update failed (Redis down at
# that moment) reaches every instance within this time, at once otherwise.
MAX_AGE_SECONDS: Final = 5.0


class CachedTokenStore[TToken]:
    """Reads go to Redis first and fill it from ``source``; writes go to ``source``, then Redis.

    A fill never overwrites a newer answer (``SET NX``), while a write replaces the
    cached one (``SET``), so a read racing a revocation cannot hide it.

    Type parameters:
        TToken: the payload type; ``value_type`` validates it back from the cache.
    """

    def __init__(
        self,
        source: TokenStoreProtocol[TToken],
        client: Redis,
        value_type: Any,
        *,
        prefix: str,
        max_age: float = MAX_AGE_SECONDS,
    ) -> None:
        self._source = source
        self._client = client
        self._adapter: TypeAdapter[TToken] = TypeAdapter(value_type)
        self._prefix = f"{prefix}token:"
        self._max_age_ms = round(max_age * 1000)

    async def save(
        self, identifier: str, value: TToken, ttl: float, *, revoked: bool = False
    ) -> StoredToken[TToken]:
        """Store in the database, then cache what was stored."""
        token = await self._source.save(identifier, value, ttl, revoked=revoked)
        await self._cache(identifier, token, replace=True)
        return token

    async def get(self, identifier: str) -> StoredToken[TToken] | None:
        """Return the cached answer, or the database's (cached for next time)."""
        try:
            cached = cast("bytes | None", await self._client.get(self._prefix + identifier))
        except REDIS_FAILURES as error:
            _warn("get", error)
            return await self._source.get(identifier)
        if cached == _ABSENT:
            return None
        if cached is not None:
            return self._decode(identifier, cached)
        token = await self._source.get(identifier)
        await self._cache(identifier, token, replace=False)
        return token

    async def revoke(self, identifier: str) -> bool:
        """Revoke in the database (atomically there), then cache the revoked token."""
        revoked = await self._source.revoke(identifier)
        await self._cache(identifier, await self._source.get(identifier), replace=True)
        return revoked

    async def delete(self, identifier: str) -> bool:
        """Forget the token in the database, then cache its absence."""
        deleted = await self._source.delete(identifier)
        await self._cache(identifier, None, replace=True)
        return deleted

    async def _cache(
        self, identifier: str, token: StoredToken[TToken] | None, *, replace: bool
    ) -> None:
        lifetime = self._max_age_ms
        if token is not None:
            remaining = round((token.expires_at.timestamp() - time.time()) * 1000)
            lifetime = min(lifetime, remaining)
        if lifetime <= 0:
            return
        try:
            await self._client.set(
                self._prefix + identifier, self._encode(token), px=lifetime, nx=not replace
            )
        except REDIS_FAILURES as error:
            _warn("cache", error)

    def _encode(self, token: StoredToken[TToken] | None) -> bytes:
        if token is None:
            return _ABSENT
        fields = {
            "v": self._adapter.dump_python(token.value, mode="json"),
            "e": token.expires_at.timestamp(),
            "r": token.revoked,
        }
        return json.dumps(fields).encode()

    def _decode(self, identifier: str, cached: bytes) -> StoredToken[TToken]:
        fields = json.loads(cached)
        return StoredToken(
            identifier,
            self._adapter.validate_python(fields["v"]),
            datetime.fromtimestamp(fields["e"], UTC),
            revoked=bool(fields["r"]),
        )


def _warn(operation: str, error: Exception) -> None:
    _logger.warning(
        "token_cache_unavailable", extra={"operation": operation, "error": type(error).__name__}
    )

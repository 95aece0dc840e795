"""``InMemoryTokenStore``: the token store of one process, with TTL expiry."""

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from ...application.security.tokens import StoredToken


class InMemoryTokenStore[TToken]:
    """Tokens in a dict, each dropped when read after its expiry.

    No method awaits while it changes the dict, so each one (revocation included) is
    atomic on the event loop. Several instances of the service do not share it: use
    the Redis store (``cache=redis``) for revocations every instance must see.

    Type parameters:
        TToken: the payload stored with each identifier.
    """

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._tokens: dict[str, StoredToken[TToken]] = {}

    async def save(
        self, identifier: str, value: TToken, ttl: float, *, revoked: bool = False
    ) -> StoredToken[TToken]:
        """Store ``value`` under ``identifier`` for ``ttl`` seconds."""
        expires_at = datetime.fromtimestamp(self._clock(), UTC) + timedelta(seconds=ttl)
        token = StoredToken(identifier, value, expires_at, revoked)
        self._tokens[identifier] = token
        return token

    async def get(self, identifier: str) -> StoredToken[TToken] | None:
        """Return the live token under ``identifier``, or None."""
        token = self._tokens.get(identifier)
        if token is not None and token.expires_at.timestamp() <= self._clock():
            del self._tokens[identifier]
            return None
        return token

    async def revoke(self, identifier: str) -> bool:
        """Mark the live token revoked; False if absent, expired or already revoked."""
        token = await self.get(identifier)
        if token is None or token.revoked:
            return False
        self._tokens[identifier] = replace(token, revoked=True)
        return True

    async def delete(self, identifier: str) -> bool:
        """Forget the token under ``identifier``."""
        return self._tokens.pop(identifier, None) is not None

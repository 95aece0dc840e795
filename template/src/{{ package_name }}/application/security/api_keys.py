"""``ApiKeyAuthenticator``: turns a presented API key into the ``Actor`` it was issued to."""

import hashlib
import hmac
from collections.abc import Iterable

from ...kernel.errors import AuthenticationError
from ...kernel.result import Err, Ok, Result
from .actor import ANONYMOUS, Actor
from .tokens import TokenStoreProtocol


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


def revocation_id(digest: bytes) -> str:
    """The revocation list's identifier for a key: its digest, never the key itself."""
    return f"api-key:{digest.hex()}"


class ApiKeyAuthenticator:
    """Knows the configured keys only by their SHA-256 digests and compares in constant time.

    No key is the anonymous actor; an unknown or revoked key is an authentication error,
    so a mistyped key is reported rather than silently downgraded.
    """

    def __init__(
        self,
        grants: Iterable[tuple[str, Actor]],
        revocations: TokenStoreProtocol[str] | None = None,
        revocation_ttl: float = 30 * 24 * 3600.0,
    ) -> None:
        self._grants = tuple((_digest(key), actor) for key, actor in grants)
        self._revocations = revocations
        self._revocation_ttl = revocation_ttl

    async def authenticate(self, presented: str | None) -> Result[Actor, AuthenticationError]:
        """Return the actor holding ``presented``, ``ANONYMOUS`` for none, or an error."""
        if not presented:
            return Ok(ANONYMOUS)
        digest = _digest(presented)
        found: Actor | None = None
        for expected, actor in self._grants:
            # Every grant is compared, so the time taken does not reveal which one matched.
            if hmac.compare_digest(digest, expected):
                found = actor
        if found is None or await self._is_revoked(digest):
            return Err(AuthenticationError())
        return Ok(found)

    async def revoke(self, presented: str) -> bool:
        """Put a valid key on the revocation list; False if it is unknown or already revoked."""
        match await self.authenticate(presented):
            case Ok(actor) if self._revocations is not None and not actor.is_anonymous:
                identifier = revocation_id(_digest(presented))
                await self._revocations.save(
                    identifier, actor.subject, self._revocation_ttl, revoked=True
                )
                return True
            case _:
                return False

    async def _is_revoked(self, digest: bytes) -> bool:
        if self._revocations is None:
            return False
        token = await self._revocations.get(revocation_id(digest))
        return token is not None and token.revoked

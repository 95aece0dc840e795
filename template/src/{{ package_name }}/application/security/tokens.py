"""The token store port: issued tokens kept until they expire or are revoked."""

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from ...kernel.result import Err
from ...kernel.validators import validate_non_empty


@dataclass(frozen=True, slots=True)
class StoredToken[TToken]:
    """One stored token: its identifier, its payload, its expiry and whether it is revoked.

    A blank identifier is a ``ValidationError``: it would collide across callers.

    Type parameters:
        TToken: the payload kept with the identifier (an ``Actor``, refresh-token claims...).
    """

    identifier: str
    value: TToken
    expires_at: datetime
    revoked: bool = False

    def __post_init__(self) -> None:
        if isinstance(checked := validate_non_empty(self.identifier, "identifier"), Err):
            raise checked.error


@runtime_checkable
class TokenStoreProtocol[TToken](Protocol):
    """Keeps tokens for ``ttl`` seconds; a revoked token stays readable, marked revoked.

    Type parameters:
        TToken: the payload stored with each identifier.
    """

    async def save(
        self, identifier: str, value: TToken, ttl: float, *, revoked: bool = False
    ) -> StoredToken[TToken]:
        """Store ``value`` under ``identifier`` for ``ttl`` seconds, replacing any token there."""

    async def get(self, identifier: str) -> StoredToken[TToken] | None:
        """Return the token, or None once it expired or if it was never stored."""

    async def revoke(self, identifier: str) -> bool:
        """Mark the token revoked, atomically; True only for the call that revoked it."""

    async def delete(self, identifier: str) -> bool:
        """Forget the token; True if one was stored."""

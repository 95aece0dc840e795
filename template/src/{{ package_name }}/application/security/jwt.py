"""The token ports: signing keys, and the provider that signs and verifies JWTs with them."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Protocol, runtime_checkable

type JWTAlgorithm = Literal["ES256", "RS256", "HS256"]


@dataclass(frozen=True, slots=True)
class JWTKeyConfig:
    """One signing key: its id (the token header's ``kid``), algorithm and key material.

    ``private_key`` is a password-protected PKCS#8 PEM for ES256 and RS256, and empty
    for HS256, whose secret is derived from the service's secret key and the id.
    A key stops signing once ``retired_at`` is set, and stops verifying once the
    tokens it signed before then have all expired.
    """

    kid: str
    algorithm: JWTAlgorithm
    private_key: bytes
    created_at: datetime
    retired_at: datetime | None = None


@runtime_checkable
class SigningKeyStore(Protocol):
    """Where signing keys are kept, so that every replica signs and verifies with the same."""

    async def load(self) -> list[JWTKeyConfig]:
        """Return every stored key, the newest first."""

    async def add(self, key: JWTKeyConfig) -> None:
        """Store a new key; it becomes the current one."""

    async def retire(self, kid: str, at: datetime) -> None:
        """Stop signing with ``kid`` from ``at`` on."""

    async def prune(self, retired_before: datetime) -> int:
        """Delete the keys retired before ``retired_before``; return how many went."""


@runtime_checkable
class JWTAlgorithmProvider[TPayload](Protocol):
    """Signs payloads as JWTs and verifies JWTs back into payloads.

    Type parameters:
        TPayload: the claims model; both directions validate against it.

    Example::

        token = await provider.sign(AccessClaims(...))
        claims = await provider.verify(token)  # raises AuthenticationError if not valid
    """

    @property
    def algorithm(self) -> JWTAlgorithm:
        """The algorithm of every token this provider signs and accepts."""

    async def sign(self, payload: TPayload) -> str:
        """Return ``payload`` as a JWT signed with the current key."""

    async def verify(self, token: str) -> TPayload:
        """Return the payload of a valid token; raise ``AuthenticationError`` otherwise."""

    async def public_jwks(self) -> dict[str, Any]:
        """Return the JSON Web Key Set of the keys that may verify a live token."""

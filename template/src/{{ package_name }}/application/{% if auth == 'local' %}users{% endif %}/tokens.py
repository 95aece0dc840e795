"""Issuing tokens: short-lived access JWTs and opaque refresh tokens rotated on every use."""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal
from uuid import uuid4

from pydantic import BaseModel, ConfigDict

from ...kernel.errors import OAuthError
from ..security.claims import AccessClaims
from ..security.jwt import JWTAlgorithmProvider
from ..security.tokens import TokenStoreProtocol


class RefreshGrant(BaseModel):
    """What a refresh token stands for; stored under the token's digest, never the token."""

    model_config = ConfigDict(frozen=True)

    subject: str
    subject_type: Literal["user", "client"]
    client_id: str
    scope: str
    roles: tuple[str, ...] = ()
    family: str


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    """A token response (RFC 6749 §5.1)."""

    access_token: str
    expires_in: int
    scope: str
    refresh_token: str | None = None
    token_type: str = "Bearer"  # noqa: S105 - the token type's name


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenPolicy:
    """Who the tokens are from and for, and how long each kind lives."""

    issuer: str
    audience: str
    access_ttl: int
    refresh_ttl: int


def digest(token: str, kind: str) -> str:
    """The store's identifier for an opaque token: a SHA-256 digest, never the token."""
    return f"{kind}:{hashlib.sha256(token.encode()).hexdigest()}"


def family_id(family: str) -> str:
    """The store's identifier of a refresh-token family (one sign-in and its rotations)."""
    return f"refresh-family:{family}"


class TokenIssuer:
    """Signs access tokens and keeps refresh tokens so that reuse revokes the whole family."""

    def __init__(
        self,
        signer: JWTAlgorithmProvider[AccessClaims],
        refresh_tokens: TokenStoreProtocol[RefreshGrant],
        policy: TokenPolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self._signer = signer
        self._store = refresh_tokens
        self._policy = policy
        self._clock = clock

    async def issue(self, grant: RefreshGrant, *, with_refresh: bool) -> IssuedTokens:
        """Sign an access token for ``grant``, with a refresh token starting a new family."""
        refresh = None
        if with_refresh:
            ttl = self._policy.refresh_ttl
            await self._store.save(family_id(grant.family), grant, ttl)
            refresh = await self._new_refresh(grant, ttl)
        return await self._tokens(grant, refresh)

    async def rotate(self, refresh_token: str, client_id: str) -> RefreshGrant:
        """Spend ``refresh_token`` once; a second use revokes its family. Raise ``invalid_grant``."""
        stored = await self._store.get(digest(refresh_token, "refresh"))
        if stored is None or stored.value.client_id != client_id:
            raise OAuthError("invalid_grant")
        family = await self._store.get(family_id(stored.value.family))
        if family is None or family.revoked:
            raise OAuthError("invalid_grant")
        # The conditional update lets exactly one of two racing uses win.
        if stored.revoked or not await self._store.revoke(digest(refresh_token, "refresh")):
            await self._store.revoke(family_id(stored.value.family))
            raise OAuthError("invalid_grant")
        return stored.value

    async def continue_family(self, grant: RefreshGrant) -> IssuedTokens:
        """Issue the next pair of a family; the refresh token lives no longer than the family."""
        family = await self._store.get(family_id(grant.family))
        if family is None or family.revoked:
            raise OAuthError("invalid_grant")
        remaining = (family.expires_at - self._clock()).total_seconds()
        return await self._tokens(grant, await self._new_refresh(grant, remaining))

    async def revoke(self, refresh_token: str, client_id: str) -> None:
        """Revoke the token's whole family (RFC 7009); unknown tokens are ignored."""
        stored = await self._store.get(digest(refresh_token, "refresh"))
        if stored is not None and stored.value.client_id == client_id:
            await self._store.revoke(family_id(stored.value.family))

    async def _new_refresh(self, grant: RefreshGrant, ttl: float) -> str:
        token = secrets.token_urlsafe(32)
        await self._store.save(digest(token, "refresh"), grant, ttl)
        return token

    async def _tokens(self, grant: RefreshGrant, refresh: str | None) -> IssuedTokens:
        now = int(self._clock().timestamp())
        claims = AccessClaims(
            iss=self._policy.issuer,
            aud=self._policy.audience,
            sub=grant.subject,
            subject_type=grant.subject_type,
            client_id=grant.client_id,
            scope=grant.scope,
            roles=grant.roles,
            iat=now,
            nbf=now,
            exp=now + self._policy.access_ttl,
            jti=uuid4().hex,
        )
        access = await self._signer.sign(claims)
        return IssuedTokens(access, self._policy.access_ttl, grant.scope, refresh)

"""``OidcTokenAuthenticator``: bearer tokens of the configured realms, verified here."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jwt

from ....application.security.actor import Actor
from ....application.security.claim_mapping import ClaimMapping
from ....kernel.errors import AuthenticationError, InvalidTokenError
from ....kernel.result import Err, Ok, Result
from .introspection import Introspection
from .key_set import RemoteKeySet

MAX_TOKEN_BYTES = 16_384
"""Longer tokens are refused before any parsing (Keycloak's are a few kilobytes)."""
REQUIRED_CLAIMS = ("exp", "iat", "iss")
JWT_SEGMENTS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class Realm:
    """One trusted issuer: its keys, its accepted audience and the tenant it acts for."""

    issuer: str
    audience: str
    tenant: str
    algorithms: frozenset[str]
    """Signature algorithms accepted: those configured that the provider advertises."""
    keys: RemoteKeySet
    mapping: ClaimMapping
    introspection: Introspection | None

    def addressed(self, claims: Mapping[str, object]) -> bool:
        """Tell whether the token is meant for this service: its aud, or else its azp."""
        audience = claims.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience
        if isinstance(audiences, list) and self.audience in audiences:
            return True
        return claims.get("azp") == self.audience


class OidcTokenAuthenticator:
    """Verifies JWT access tokens with the issuer's keys, and opaque ones by introspection.

    A JWT is checked for its signature (only with an algorithm the issuer advertises and
    the key's own), its exact ``iss``, ``aud`` or ``azp``, and ``exp``, ``nbf`` and
    ``iat`` within ``leeway`` seconds. With ``force_introspection`` every token is also
    asked about at its issuer, so a revoked one is refused on the next request.
    """

    def __init__(self, realms: Sequence[Realm], *, leeway: int, force_introspection: bool) -> None:
        self._realms = {realm.issuer: realm for realm in realms}
        self._leeway = leeway
        self._force_introspection = force_introspection

    async def authenticate(self, token: str) -> Result[Actor, AuthenticationError]:
        """Return the token's actor, or ``InvalidTokenError`` whatever the reason."""
        if not token or len(token) > MAX_TOKEN_BYTES:
            return Err(InvalidTokenError())
        if len(token.split(".")) == JWT_SEGMENTS:
            found = await self._verified(token)
        else:
            found = await self._introspected(token)
        if found is None:
            return Err(InvalidTokenError())
        realm, claims = found
        actor = realm.mapping.actor(claims, realm.tenant)
        return Err(InvalidTokenError()) if actor is None else Ok(actor)

    async def _verified(self, token: str) -> tuple[Realm, Mapping[str, object]] | None:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return None
        realm = self._realms.get(str(unverified.get("iss")))
        algorithm, kid = header.get("alg"), header.get("kid")
        key = None
        if realm is not None and algorithm in realm.algorithms and isinstance(kid, str):
            key = await realm.keys.key(kid)
        # The key decides the algorithm too: an RSA key never verifies an HMAC (confusion).
        if realm is None or key is None or key.algorithm_name != algorithm:
            return None
        try:
            claims: dict[str, object] = jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                issuer=realm.issuer,
                leeway=self._leeway,
                options={"require": list(REQUIRED_CLAIMS), "verify_aud": False},
            )
        # PyJWT lets a claim of the wrong type (``"exp": null``) escape as a TypeError.
        except (jwt.PyJWTError, TypeError, ValueError):
            return None
        if not realm.addressed(claims) or not await self._still_active(realm, token):
            return None
        return realm, claims

    async def _still_active(self, realm: Realm, token: str) -> bool:
        if not self._force_introspection:
            return True
        return realm.introspection is not None and bool(
            await realm.introspection.active_claims(token)
        )

    async def _introspected(self, token: str) -> tuple[Realm, Mapping[str, object]] | None:
        # An opaque token does not say who issued it: each realm that can introspect is asked.
        for realm in self._realms.values():
            if realm.introspection is None:
                continue
            claims = await realm.introspection.active_claims(token)
            if claims is None:
                continue
            if claims.get("iss", realm.issuer) == realm.issuer and realm.addressed(claims):
                return realm, claims
            return None
        return None

"""``OAuthServer``: the grants of the token endpoint (RFC 6749 §4, §6; PKCE, RFC 7636)."""

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from uuid import uuid4

from pydantic import BaseModel, ConfigDict

from ...domain.users.client import GrantType, OAuthClient
from ...domain.users.user import User
from ...kernel.errors import OAuthError
from ...kernel.messages import ErrorMessages
from ..security.tokens import TokenStoreProtocol
from .login import PasswordLogin
from .ports import ClientRepository
from .tokens import IssuedTokens, RefreshGrant, TokenIssuer, digest

# RFC 7636 §4.1: 43 to 128 characters of the unreserved set.
VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")


class AuthorizationCode(BaseModel):
    """What a one-time authorization code stands for until it is exchanged."""

    model_config = ConfigDict(frozen=True)

    client_id: str
    redirect_uri: str
    grant: RefreshGrant
    code_challenge: str


@dataclass(frozen=True, slots=True)
class ClientCredentials:
    """The client part of a token request: an id, and a secret for confidential clients."""

    client_id: str
    secret: str | None = None


def secret_hash(secret: str) -> str:
    """The stored form of a generated client secret (high entropy, so SHA-256 suffices)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def s256(verifier: str) -> str:
    """The S256 code challenge of ``verifier`` (RFC 7636 §4.2)."""
    hashed = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(hashed).rstrip(b"=").decode("ascii")


def granted_scope(requested: str, allowed: frozenset[str]) -> str:
    """The requested scopes if all are allowed (all allowed ones if none asked); else refuse."""
    asked = frozenset(requested.split()) if requested.strip() else allowed
    if not asked <= allowed:
        raise OAuthError(
            "invalid_scope",
            ErrorMessages.AUTH.INVALID_SCOPE,
            scope=" ".join(sorted(asked - allowed)),
        )
    return " ".join(sorted(asked))


class OAuthServer:
    """Authenticates clients and turns each grant into tokens; refusals are ``OAuthError``."""

    def __init__(
        self,
        clients: ClientRepository,
        login: PasswordLogin,
        issuer: TokenIssuer,
        codes: TokenStoreProtocol[AuthorizationCode],
        *,
        code_ttl: int,
    ) -> None:
        self._clients = clients
        self._login = login
        self._issuer = issuer
        self._codes = codes
        self._code_ttl = code_ttl

    async def client(self, credentials: ClientCredentials, grant_type: GrantType) -> OAuthClient:
        """Return the client if its secret (confidential) is right and it may use the grant."""
        client = await self._clients.get(credentials.client_id)
        presented = credentials.secret
        if client is None or client.is_confidential != (presented is not None):
            raise OAuthError("invalid_client", ErrorMessages.AUTH.INVALID_CLIENT)
        if presented is not None and not hmac.compare_digest(
            secret_hash(presented), client.secret_hash or ""
        ):
            raise OAuthError("invalid_client", ErrorMessages.AUTH.INVALID_CLIENT)
        if not client.allows(grant_type):
            raise OAuthError(
                "unauthorized_client", ErrorMessages.AUTH.UNAUTHORIZED_CLIENT, grant_type=grant_type
            )
        return client

    async def redirect_target(self, client_id: str, redirect_uri: str) -> OAuthClient:
        """The client an authorization request names, if it registered exactly this URI."""
        client = await self._clients.get(client_id)
        if (
            client is None
            or not client.allows(GrantType.AUTHORIZATION_CODE)
            or redirect_uri not in client.redirect_uris
        ):
            raise OAuthError("invalid_request", ErrorMessages.AUTH.INVALID_CLIENT)
        return client

    async def password(
        self, client: OAuthClient, username: str, password: str, scope: str, address: str
    ) -> IssuedTokens:
        """Resource owner password grant (RFC 6749 §4.3)."""
        user = await self._login.login(username, password, address)
        grant = self.user_grant(client, user, scope)
        return await self._issuer.issue(grant, with_refresh=True)

    async def client_credentials(self, client: OAuthClient, scope: str) -> IssuedTokens:
        """Client credentials grant (§4.4): the client acts for itself; no refresh token."""
        grant = RefreshGrant(
            subject=client.client_id,
            subject_type="client",
            client_id=client.client_id,
            scope=granted_scope(scope, client.scopes),
            roles=tuple(sorted(client.roles)),
            family=uuid4().hex,
        )
        return await self._issuer.issue(grant, with_refresh=False)

    async def refresh(self, client: OAuthClient, refresh_token: str, scope: str) -> IssuedTokens:
        """Refresh grant (§6): the token is spent, a narrower scope may be asked."""
        grant = await self._issuer.rotate(refresh_token, client.client_id)
        narrowed = granted_scope(scope, frozenset(grant.scope.split()))
        return await self._issuer.continue_family(grant.model_copy(update={"scope": narrowed}))

    def user_grant(self, client: OAuthClient, user: User, scope: str) -> RefreshGrant:
        """What ``user`` may be granted through ``client``: the scopes both hold."""
        return RefreshGrant(
            subject=str(user.id),
            subject_type="user",
            client_id=client.client_id,
            scope=granted_scope(scope, client.scopes & user.scopes),
            roles=tuple(sorted(user.roles)),
            family=uuid4().hex,
        )

    async def issue_code(
        self, client: OAuthClient, redirect_uri: str, grant: RefreshGrant, code_challenge: str
    ) -> str:
        """Keep a one-time code for ``grant`` bound to the redirect URI and the PKCE challenge."""
        code = secrets.token_urlsafe(32)
        record = AuthorizationCode(
            client_id=client.client_id,
            redirect_uri=redirect_uri,
            grant=grant,
            code_challenge=code_challenge,
        )
        await self._codes.save(digest(code, "code"), record, self._code_ttl)
        return code

    async def authorization_code(
        self, client: OAuthClient, code: str, redirect_uri: str, verifier: str
    ) -> IssuedTokens:
        """Authorization code grant (§4.1.3) with PKCE S256; a code works exactly once."""
        identifier = digest(code, "code")
        stored = await self._codes.get(identifier)
        if stored is None or not await self._codes.revoke(identifier):
            raise OAuthError("invalid_grant")
        record = stored.value
        challenge_matches = VERIFIER.fullmatch(verifier) is not None and hmac.compare_digest(
            s256(verifier), record.code_challenge
        )
        if (
            record.client_id != client.client_id
            or record.redirect_uri != redirect_uri
            or not challenge_matches
        ):
            raise OAuthError("invalid_grant")
        return await self._issuer.issue(record.grant, with_refresh=True)

    async def revoke(self, client: OAuthClient, token: str) -> None:
        """Revoke a refresh token and its family (RFC 7009 §2.1); anything else is ignored."""
        await self._issuer.revoke(token, client.client_id)

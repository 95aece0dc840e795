"""``LocalTokenAuthenticator``: this server's access tokens, refused once their user is disabled."""

from uuid import UUID

from ...kernel.errors import AuthenticationError, InvalidTokenError
from ...kernel.result import Err, Ok, Result
from ..security.actor import Actor
from ..security.claims import AccessClaims
from ..security.jwt import JWTAlgorithmProvider
from .ports import UserRepository


class LocalTokenAuthenticator:
    """Verifies the signature and claims, then (for a user's token) that the user is active."""

    def __init__(self, tokens: JWTAlgorithmProvider[AccessClaims], users: UserRepository) -> None:
        self._tokens = tokens
        self._users = users

    async def authenticate(self, token: str) -> Result[Actor, AuthenticationError]:
        """Return the token's actor, or ``InvalidTokenError`` whatever the reason."""
        try:
            claims = await self._tokens.verify(token)
        except AuthenticationError:
            return Err(InvalidTokenError())
        roles = frozenset(claims.roles)
        if claims.subject_type == "client":
            return Ok(Actor(claims.client_id, roles, claims.scopes))
        try:
            user = await self._users.get(UUID(claims.sub))
        except ValueError:
            user = None
        if user is None or not user.is_active:
            return Err(InvalidTokenError())
        return Ok(Actor(user.username, roles, claims.scopes))

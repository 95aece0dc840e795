"""The port that turns a bearer token into the ``Actor`` presenting it."""

from typing import Protocol, runtime_checkable

from ...kernel.errors import AuthenticationError
from ...kernel.result import Result
from .actor import Actor


@runtime_checkable
class TokenAuthenticator(Protocol):
    """Verifies an access token and says who holds it."""

    async def authenticate(self, token: str) -> Result[Actor, AuthenticationError]:
        """Return the token's actor, or an ``InvalidTokenError`` for any invalid token."""

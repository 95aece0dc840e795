"""Who is calling: the API key a request presents, resolved once per request."""

from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader

from ..application.security.actor import Actor, current_actor
from ..kernel.errors import AuthenticationError
from ..kernel.result import Err, Result
from .deps import AuthenticatorDep

API_KEY_HEADER = "X-API-Key"
# The challenge of a 401 (RFC 9110): the scheme this API accepts and where it goes.
API_KEY_CHALLENGE = f'ApiKey header="{API_KEY_HEADER}"'

# Declared as a security scheme so the OpenAPI docs offer an "Authorize" button.
API_KEY_SCHEME = APIKeyHeader(name=API_KEY_HEADER, auto_error=False)

ApiKeyDep = Annotated[str | None, Security(API_KEY_SCHEME)]


async def authentication(
    authenticator: AuthenticatorDep, api_key: ApiKeyDep
) -> Result[Actor, AuthenticationError]:
    """Resolve the presented key without refusing yet, so rate limiting can count first."""
    return await authenticator.authenticate(api_key)


AuthenticationDep = Annotated[Result[Actor, AuthenticationError], Depends(authentication)]


async def authenticated_actor(authentication: AuthenticationDep) -> Actor:
    """Return the caller (anonymous without a key); an unknown key answers 401."""
    if isinstance(authentication, Err):
        raise authentication.error
    # Async dependencies run in the request's context, so the use cases below see it.
    current_actor.set(authentication.value)
    return authentication.value


ActorDep = Annotated[Actor, Depends(authenticated_actor)]

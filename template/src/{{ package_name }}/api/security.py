"""Who is calling: the bearer token or API key a request presents, resolved once per request."""

from http import HTTPStatus
from typing import Annotated

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader

from ..application.security.actor import Actor, current_actor
from ..kernel.errors import AuthenticationError
from ..kernel.result import Err, Result
from .bearer_scheme import BEARER_SCHEME
from .deps import AuthenticatorDep, BearerDep
from .openapi import API_KEY_SCHEME_NAME, refuses

API_KEY_HEADER = "X-API-Key"
# The challenge of a 401 (RFC 9110): the scheme this API accepts and where it goes.
API_KEY_CHALLENGE = f'ApiKey header="{API_KEY_HEADER}"'

# Declared as security schemes so the OpenAPI docs' "Authorize" button offers both: a
# bearer token (``bearer_scheme``) or an API key.
API_KEY_SCHEME = APIKeyHeader(
    name=API_KEY_HEADER, scheme_name=API_KEY_SCHEME_NAME, auto_error=False
)

ApiKeyDep = Annotated[str | None, Security(API_KEY_SCHEME)]
AuthorizationDep = Annotated[str | None, Security(BEARER_SCHEME)]


# Checking a credential may ask its store (revoked keys and tokens), which can be down.
@refuses(HTTPStatus.SERVICE_UNAVAILABLE)
async def authentication(
    authenticator: AuthenticatorDep,
    bearer: BearerDep,
    authorization: AuthorizationDep,
    api_key: ApiKeyDep,
) -> Result[Actor, AuthenticationError]:
    """Resolve the credentials (a bearer token over an API key) without refusing them yet."""
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() == "bearer":
        return await bearer.authenticate(token.strip())
    return await authenticator.authenticate(api_key)


AuthenticationDep = Annotated[Result[Actor, AuthenticationError], Depends(authentication)]


@refuses(HTTPStatus.UNAUTHORIZED)
async def authenticated_actor(authentication: AuthenticationDep) -> Actor:
    """Return the caller (anonymous without credentials); invalid ones answer 401."""
    if isinstance(authentication, Err):
        raise authentication.error
    # Async dependencies run in the request's context, so the use cases below see it.
    current_actor.set(authentication.value)
    return authentication.value


ActorDep = Annotated[Actor, Depends(authenticated_actor)]


@refuses(HTTPStatus.UNAUTHORIZED, scopes=())
async def require_caller(actor: ActorDep) -> Actor:
    """Return the caller; anonymous callers answer 401."""
    if actor.is_anonymous:
        raise AuthenticationError
    return actor


CallerDep = Annotated[Actor, Depends(require_caller)]

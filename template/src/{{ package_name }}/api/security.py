"""Authentication and authorisation dependencies: who is calling, and may they do this."""

from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Depends, Security
from fastapi.security import APIKeyHeader

from ..application.security.actor import Actor, current_actor
from ..application.security.api_keys import ApiKeyAuthenticator
from ..application.security.authorization import AuthorizationContext, PolicyBasedAuthorizer
from ..kernel.result import Err
from .dependencies import from_state

API_KEY_HEADER = "X-API-Key"

# Declared as a security scheme so the OpenAPI docs offer an "Authorize" button.
API_KEY_SCHEME = APIKeyHeader(name=API_KEY_HEADER, auto_error=False)

AuthenticatorDep = Annotated[
    ApiKeyAuthenticator, Depends(from_state("authenticator", ApiKeyAuthenticator))
]


async def authenticated_actor(
    authenticator: AuthenticatorDep, api_key: Annotated[str | None, Security(API_KEY_SCHEME)]
) -> Actor:
    """Return the caller (anonymous without a key); an unknown key answers 401."""
    result = await authenticator.authenticate(api_key)
    if isinstance(result, Err):
        raise result.error
    # Async dependencies run in the request's context, so the use cases below see it.
    current_actor.set(result.value)
    return result.value


ActorDep = Annotated[Actor, Depends(authenticated_actor)]


def authorize[TResource, TAction](
    authorizer: str, resource: TResource, action: TAction
) -> Callable[..., Awaitable[None]]:
    """Build a dependency refusing the request unless the ``authorizer`` in state allows it.

    The authoriser is read from the application state under the name ``authorizer``;
    an anonymous caller gets 401, an authenticated one without permission 403.

    Type parameters:
        TResource: the resource type the authoriser judges.
        TAction: the action type the authoriser judges.

    Example::

        guard = authorize("catalog_authorizer", "product", CatalogAction.CREATE)
        @router.post("", dependencies=[Depends(guard)])
    """
    read_authorizer = from_state(authorizer, PolicyBasedAuthorizer)

    async def dependency(
        actor: ActorDep,
        policy: Annotated[PolicyBasedAuthorizer[Any, Any], Depends(read_authorizer)],
    ) -> None:
        decision = policy.authorize(AuthorizationContext(actor, resource, action))
        if isinstance(decision, Err):
            raise decision.error

    return dependency

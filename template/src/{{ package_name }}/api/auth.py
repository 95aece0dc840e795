"""Self-service credential routes: a client revokes the API key it suspects has leaked."""

from http import HTTPStatus

from fastapi import APIRouter, status

from ..kernel.errors import AuthenticationError
from .deps import AuthenticatorDep
from .openapi import API_KEY_SCHEME_NAME, problems
from .security import ActorDep, ApiKeyDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post(
    "/api-key/revoke",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(HTTPStatus.UNAUTHORIZED),
    # Only an API key can be revoked here; a bearer token is revoked at the OAuth server.
    openapi_extra={"security": [{API_KEY_SCHEME_NAME: []}]},
)
async def revoke_api_key(
    actor: ActorDep, authenticator: AuthenticatorDep, api_key: ApiKeyDep
) -> None:
    """Revoke the key this request presents; every later request with it answers 401."""
    if actor.is_anonymous or api_key is None or not await authenticator.revoke(api_key):
        raise AuthenticationError

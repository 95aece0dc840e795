"""Self-service credential routes: a client revokes the API key it suspects has leaked."""

from typing import Annotated

from fastapi import APIRouter, Security, status

from ..kernel.errors import AuthenticationError
from .security import API_KEY_SCHEME, ActorDep, AuthenticatorDep

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/api-key/revoke", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_api_key(
    actor: ActorDep,
    authenticator: AuthenticatorDep,
    api_key: Annotated[str | None, Security(API_KEY_SCHEME)],
) -> None:
    """Revoke the key this request presents; every later request with it answers 401."""
    if actor.is_anonymous or api_key is None or not await authenticator.revoke(api_key):
        raise AuthenticationError

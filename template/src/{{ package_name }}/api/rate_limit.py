"""The rate-limit dependency: 429 problem+json with ``Retry-After`` and ``RateLimit-*`` headers."""

import math
from http import HTTPStatus
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.exceptions import HTTPException

from ..application.security.actor import Actor
from ..application.security.rate_limiting import (
    KeyScope,
    RateLimitDecision,
    RateLimitKey,
    RateLimitPolicy,
)
from ..kernel.messages import ErrorMessages, format_message
from .dependencies import from_state
from .security import ActorDep

PolicyDep = Annotated[RateLimitPolicy, Depends(from_state("rate_limit", RateLimitPolicy))]


def rate_limit_headers(decision: RateLimitDecision) -> dict[str, str]:
    """Headers named by the IETF draft "RateLimit header fields for HTTP"."""
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(math.ceil(decision.reset_after)),
    }


def request_key(request: Request, actor: Actor, policy: RateLimitPolicy) -> RateLimitKey:
    """Build the budget key: per user or per client IP, per route template if configured."""
    # The route's template ("/api/v1/products/{product_id}"), so ids do not split budgets.
    path = str(getattr(request.scope.get("route"), "path", "*"))
    if policy.scope is KeyScope.USER and not actor.is_anonymous:
        return RateLimitKey(KeyScope.USER, actor.subject, path if policy.per_route else "*")
    client = request.client.host if request.client else "unknown"
    return RateLimitKey(KeyScope.IP, client, path if policy.per_route else "*")


async def enforce_rate_limit(
    request: Request, response: Response, actor: ActorDep, policy: PolicyDep
) -> None:
    """Count the request against its budget; over the limit, answer 429."""
    if policy.limiter is None:
        return
    decision = await policy.limiter.hit(request_key(request, actor, policy))
    headers = rate_limit_headers(decision)
    if not decision.allowed:
        retry_after = str(math.ceil(decision.retry_after))
        raise HTTPException(
            status_code=HTTPStatus.TOO_MANY_REQUESTS,
            detail=format_message(ErrorMessages.SECURITY.RATE_LIMITED, retry_after=retry_after),
            headers={**headers, "Retry-After": retry_after},
        )
    response.headers.update(headers)

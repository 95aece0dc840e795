"""The rate-limit dependency: 429 problem+json with ``Retry-After`` and ``RateLimit-*`` headers."""

import math
from http import HTTPStatus

from fastapi import Request, Response
from starlette.exceptions import HTTPException

from ..application.security.actor import ANONYMOUS, Actor
from ..application.security.rate_limiting import (
    KeyScope,
    RateLimitDecision,
    RateLimitKey,
    RateLimitPolicy,
)
from ..kernel.messages import ErrorMessages, format_message
from ..kernel.result import Ok
from .deps import MetricsDep, RateLimitDep
from .openapi import refuses
from .security import AuthenticationDep


def rate_limit_headers(decision: RateLimitDecision) -> dict[str, str]:
    """Headers named by the IETF draft "RateLimit header fields for HTTP"."""
    return {
        "RateLimit-Limit": str(decision.limit),
        "RateLimit-Remaining": str(decision.remaining),
        "RateLimit-Reset": str(math.ceil(decision.reset_after)),
    }


def request_key(request: Request, actor: Actor, policy: RateLimitPolicy) -> RateLimitKey:
    """Build the budget key: per user or client IP (as trusted proxies forward it), per route."""
    # The route's template ("/api/v1/products/{product_id}"), so ids do not split budgets.
    path = str(getattr(request.scope.get("route"), "path", "*"))
    if policy.scope is KeyScope.USER and not actor.is_anonymous:
        return RateLimitKey(KeyScope.USER, actor.subject, path if policy.per_route else "*")
    client = request.client.host if request.client else "unknown"
    return RateLimitKey(KeyScope.IP, client, path if policy.per_route else "*")


# A shared limiter (Redis) that cannot be reached answers 503 rather than letting all in.
@refuses(HTTPStatus.TOO_MANY_REQUESTS, HTTPStatus.SERVICE_UNAVAILABLE)
async def enforce_rate_limit(
    request: Request,
    response: Response,
    authentication: AuthenticationDep,
    policy: RateLimitDep,
    metrics: MetricsDep,
) -> None:
    """Count the request against its budget, failed key guesses included; over it, 429."""
    if policy.limiter is None:
        return
    actor = authentication.value if isinstance(authentication, Ok) else ANONYMOUS
    decision = await policy.limiter.hit(request_key(request, actor, policy))
    route = str(getattr(request.scope.get("route"), "path", "*"))
    metrics.rate_limit.decided(route, policy.algorithm.value, decision)
    headers = rate_limit_headers(decision)
    if not decision.allowed:
        retry_after = str(math.ceil(decision.retry_after))
        raise HTTPException(
            status_code=HTTPStatus.TOO_MANY_REQUESTS,
            detail=format_message(ErrorMessages.SECURITY.RATE_LIMITED, retry_after=retry_after),
            headers={**headers, "Retry-After": retry_after},
        )
    response.headers.update(headers)

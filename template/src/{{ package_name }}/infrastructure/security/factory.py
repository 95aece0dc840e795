"""Builds the security services the API uses from settings."""

from ...application.security.actor import Actor
from ...application.security.api_keys import ApiKeyAuthenticator
from ...application.security.rate_limiting import RateLimitPolicy
from ...application.security.tokens import TokenStoreProtocol
from ...settings import RateLimitSettings, SecuritySettings
from .rate_limiters import build_rate_limiter


def build_authenticator(
    settings: SecuritySettings, revocations: TokenStoreProtocol[str]
) -> ApiKeyAuthenticator:
    """Return an authenticator knowing every configured key; ``revocations`` holds revoked ones."""
    return ApiKeyAuthenticator(
        (
            (grant.key.get_secret_value(), Actor(grant.subject, grant.roles, grant.scopes))
            for grant in settings.api_keys
        ),
        revocations,
    )


def build_rate_limit_policy(settings: RateLimitSettings) -> RateLimitPolicy:
    """Return the API's rate-limit policy (with no limiter when disabled)."""
    limiter = build_rate_limiter(settings) if settings.enabled else None
    return RateLimitPolicy(
        limiter, scope=settings.scope, per_route=settings.per_route, algorithm=settings.algorithm
    )

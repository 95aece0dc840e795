"""The ``RateLimiter`` port and the decision it returns."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, runtime_checkable


class RateLimitAlgorithm(StrEnum):
    """How requests are counted against a limit."""

    FIXED_WINDOW = "fixed_window"
    SLIDING_WINDOW = "sliding_window"
    TOKEN_BUCKET = "token_bucket"  # noqa: S105 - an algorithm's name, not a secret


class KeyScope(StrEnum):
    """Whose requests share one budget."""

    IP = "ip"
    USER = "user"


@dataclass(frozen=True, slots=True)
class RateLimitKey:
    """Identifies one budget: a client (IP or user) on one route (or on every route)."""

    scope: KeyScope
    subject: str
    route: str = "*"

    def __str__(self) -> str:
        return f"{self.scope}:{self.subject}:{self.route}"


@dataclass(frozen=True, slots=True)
class RateLimitDecision:
    """Whether one request may proceed, and the figures the ``RateLimit-*`` headers report."""

    allowed: bool
    limit: int
    remaining: int
    reset_after: float
    """Seconds until the budget is whole again (window end, or bucket refilled)."""
    retry_after: float = 0.0
    """Seconds to wait before the next request can succeed; 0 when allowed."""
    fallback: bool = False
    """Made without the backend (it failed): allowed means failed open, refused failed closed."""


@runtime_checkable
class RateLimiter[TKey](Protocol):
    """Counts requests per key and refuses those over the limit.

    Type parameters:
        TKey: what identifies a budget (``RateLimitKey`` in the API).
    """

    async def hit(self, key: TKey) -> RateLimitDecision:
        """Count one request for ``key`` (if allowed) and return the decision."""


@dataclass(frozen=True, slots=True)
class RateLimitPolicy:
    """The limiter the API applies and how it builds keys from requests."""

    limiter: RateLimiter[RateLimitKey] | None
    """None when rate limiting is disabled."""
    scope: KeyScope = KeyScope.IP
    per_route: bool = True
    algorithm: RateLimitAlgorithm = RateLimitAlgorithm.SLIDING_WINDOW
    """Reported with each decision's metric."""

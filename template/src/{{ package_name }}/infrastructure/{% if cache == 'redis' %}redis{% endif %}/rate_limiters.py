"""Rate limiters on Redis: each decision is one Lua script, so one atomic round trip."""

import logging
import math
import uuid
from collections.abc import Callable

from redis.asyncio import Redis

from ...application.security.rate_limiting import (
    RateLimitAlgorithm,
    RateLimitDecision,
    RateLimiter,
)
from .connection import REDIS_FAILURES

_logger = logging.getLogger(__name__)

# The window starts with its first request (the key's expiry), not at a clock boundary.
_FIXED_WINDOW = """
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
"""
# A log of request times in a sorted set; Redis' own clock, so processes never disagree.
_SLIDING_WINDOW = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + math.floor(tonumber(now_parts[2]) / 1000)
local period = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', KEYS[1], period)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local reset = 0
if oldest[2] then reset = tonumber(oldest[2]) + period - now end
return {allowed, count, reset}
"""
_BUCKET = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + tonumber(now_parts[2]) / 1000
local capacity = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or capacity
local at = tonumber(state[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - at) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate) + 1000)
return {allowed, tostring(tokens)}
"""


class RedisRateLimiter[TKey]:
    """Fixed window, sliding window or token bucket, shared by every process on one Redis.

    ``amount`` requests per ``period`` seconds; for the token bucket, ``amount`` is the
    capacity and it refills at ``amount / period`` tokens a second.

    Type parameters:
        TKey: the budget identifier; ``str(key)`` names it in Redis.
    """

    def __init__(
        self,
        client: Redis,
        algorithm: RateLimitAlgorithm,
        *,
        amount: int,
        period: int,
        prefix: str,
        encode: Callable[[TKey], str] = str,
    ) -> None:
        self._algorithm = algorithm
        self._amount = amount
        self._period_ms = period * 1000
        self._prefix = f"{prefix}ratelimit:{algorithm}:"
        self._encode = encode
        script = {
            RateLimitAlgorithm.FIXED_WINDOW: _FIXED_WINDOW,
            RateLimitAlgorithm.SLIDING_WINDOW: _SLIDING_WINDOW,
            RateLimitAlgorithm.TOKEN_BUCKET: _BUCKET,
        }[algorithm]
        self._script = client.register_script(script)

    async def hit(self, key: TKey) -> RateLimitDecision:
        """Count one request for ``key`` (if allowed) and return the decision."""
        keys = [self._prefix + self._encode(key)]
        match self._algorithm:
            case RateLimitAlgorithm.FIXED_WINDOW:
                count, ttl_ms = await self._script(keys=keys, args=[self._period_ms])
                return self._decision(int(count) <= self._amount, int(count), int(ttl_ms))
            case RateLimitAlgorithm.SLIDING_WINDOW:
                args: list[int | str] = [self._amount, self._period_ms, uuid.uuid4().hex]
                allowed, count, reset_ms = await self._script(keys=keys, args=args)
                return self._decision(bool(allowed), int(count), int(reset_ms))
            case RateLimitAlgorithm.TOKEN_BUCKET:
                allowed, tokens = await self._script(
                    keys=keys, args=[self._amount, self._amount / self._period_ms]
                )
                return self._bucket_decision(bool(allowed), float(tokens))

    def _decision(self, allowed: bool, used: int, reset_ms: int) -> RateLimitDecision:  # noqa: FBT001
        reset_after = max(0.0, reset_ms / 1000)
        return RateLimitDecision(
            allowed=allowed,
            limit=self._amount,
            remaining=max(0, self._amount - used),
            reset_after=reset_after,
            retry_after=0.0 if allowed else max(1.0, math.ceil(reset_after)),
        )

    def _bucket_decision(self, allowed: bool, tokens: float) -> RateLimitDecision:  # noqa: FBT001
        per_second = self._amount / (self._period_ms / 1000)
        return RateLimitDecision(
            allowed=allowed,
            limit=self._amount,
            remaining=math.floor(tokens),
            reset_after=(self._amount - tokens) / per_second,
            retry_after=0.0 if allowed else max(1.0, math.ceil((1 - tokens) / per_second)),
        )


class FailSafeRateLimiter[TKey]:
    """Decides when Redis cannot: allow (fail open) or refuse (fail closed), logged and counted.

    Type parameters:
        TKey: the budget identifier, passed through to the inner limiter.
    """

    def __init__(
        self,
        inner: RateLimiter[TKey],
        *,
        fail_open: bool,
        amount: int,
        period: int,
        count_failure: Callable[[bool], None],
    ) -> None:
        self._inner = inner
        self._fail_open = fail_open
        self._amount = amount
        self._period = float(period)
        self._count_failure = count_failure

    async def hit(self, key: TKey) -> RateLimitDecision:
        """Ask the inner limiter; if Redis fails, answer with the configured fallback."""
        try:
            return await self._inner.hit(key)
        except REDIS_FAILURES as error:
            _logger.warning(
                "rate_limit_backend_failed",
                extra={"error": type(error).__name__, "fail_open": self._fail_open},
            )
            self._count_failure(self._fail_open)
            return RateLimitDecision(
                allowed=self._fail_open,
                limit=self._amount,
                remaining=0,
                reset_after=self._period,
                retry_after=0.0 if self._fail_open else self._period,
                fallback=True,
            )

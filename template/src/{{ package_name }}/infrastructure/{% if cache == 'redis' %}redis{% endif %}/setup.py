"""Opens Redis and builds every adapter on it: cache, rate limits, revocations, pub/sub."""

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any, TypedDict

from redis.asyncio import Redis

from ...application.caching.ports import CacheProvider
from ...application.health import Check, HealthCheck
from ...application.observability.metrics import MetricsRegistry
from ...application.observability.service_metrics import ServiceMetrics
from ...application.security.rate_limiting import RateLimitKey, RateLimitPolicy
from ...application.security.tokens import TokenStoreProtocol
from ...settings import Settings
from ..cache.factory import L1_TTL_SECONDS
from ..cache.multilevel import MultiLevelCacheProvider
from ..compression.gzip_compressor import GzipCompressor
from .cache import RedisCacheProvider
from .connection import build_client, close_client, probe_redis
from .invalidation import BroadcastingCache
from .pubsub import RedisPubSub
from .rate_limiters import FailSafeRateLimiter, RedisRateLimiter
from .token_store import CachedTokenStore


class RateLimitFailureLabels(TypedDict):
    """A rate-limit decision Redis could not make: ``fallback`` is open or closed."""

    fallback: str


@dataclass(frozen=True, slots=True)
class RedisServices:
    """What the service uses Redis for, all on one client and one pub/sub reader."""

    cache: CacheProvider[bytes]
    rate_limit: RateLimitPolicy
    revocations: TokenStoreProtocol[str]
    pubsub: RedisPubSub
    check: Check
    client: Redis
    prefix: str

    def cached[TToken](
        self, source: TokenStoreProtocol[TToken], value_type: Any
    ) -> TokenStoreProtocol[TToken]:
        """``source`` (a database token store) with this Redis as a read-through cache."""
        return CachedTokenStore[TToken](source, self.client, value_type, prefix=self.prefix)


@asynccontextmanager
async def open_redis(
    settings: Settings,
    metrics: ServiceMetrics,
    *,
    l1: CacheProvider[bytes],
    revocations: TokenStoreProtocol[str],
) -> AsyncIterator[RedisServices]:
    """Build the Redis adapters, with ``l1`` (in-process) in front of the Redis cache.

    Redis caches the ``revocations`` store (the database) and never replaces it.

    Nothing here needs Redis to be up: while it is down, cache calls fail fast (and
    are bypassed), rate limits take the configured fallback, readiness says DEGRADED,
    and pub/sub keeps reconnecting. Leaving the block stops pub/sub and closes the pool.
    """
    redis, prefix = settings.redis, settings.redis.key_prefix
    async with AsyncExitStack() as stack:
        client = build_client(redis)
        stack.push_async_callback(close_client, client)
        shared = RedisCacheProvider(
            client,
            prefix=prefix,
            default_ttl=settings.cache.default_ttl_seconds,
            compressor=GzipCompressor(),
            compress_above=redis.compress_above_bytes,
        )
        # Never longer in L1 than the configured lifetime of an entry.
        l1_ttl = min(L1_TTL_SECONDS, settings.cache.default_ttl_seconds)
        multilevel = MultiLevelCacheProvider(l1=l1, l2=shared, l1_ttl=l1_ttl)
        pubsub = RedisPubSub(client)
        cache = BroadcastingCache(
            multilevel, local=l1, bus=pubsub, channel=f"{prefix}cache-invalidation"
        )
        pubsub.subscribe(cache.channel, cache.on_message)
        pubsub.on_reconnect(cache.resynchronise)
        await stack.enter_async_context(pubsub)
        yield RedisServices(
            cache=cache,
            rate_limit=_rate_limit_policy(settings, client, metrics),
            revocations=CachedTokenStore[str](revocations, client, str, prefix=prefix),
            pubsub=pubsub,
            check=HealthCheck("redis", client, probe_redis, settings.health.timeout_seconds),
            client=client,
            prefix=prefix,
        )


def _rate_limit_policy(
    settings: Settings, client: Redis, metrics: ServiceMetrics
) -> RateLimitPolicy:
    limits = settings.rate_limit
    if not limits.enabled:
        return RateLimitPolicy(
            None, scope=limits.scope, per_route=limits.per_route, algorithm=limits.algorithm
        )
    shared = RedisRateLimiter[RateLimitKey](
        client,
        limits.algorithm,
        amount=limits.amount,
        period=limits.period_seconds,
        prefix=settings.redis.key_prefix,
    )
    limiter = FailSafeRateLimiter(
        shared,
        fail_open=settings.redis.rate_limit_fail_open,
        amount=limits.amount,
        period=limits.period_seconds,
        count_failure=backend_failure_counter(metrics.registry),
    )
    return RateLimitPolicy(
        limiter, scope=limits.scope, per_route=limits.per_route, algorithm=limits.algorithm
    )


def backend_failure_counter(registry: MetricsRegistry) -> Callable[[bool], None]:
    """Register ``rate_limit_backend_failures``; return what counts one, by fallback."""
    failures = registry.counter(
        "rate_limit_backend_failures",
        "Rate-limit decisions made by the fallback because the backend failed.",
        RateLimitFailureLabels,
    )
    return lambda fail_open: failures.inc(
        RateLimitFailureLabels(fallback="open" if fail_open else "closed")
    )

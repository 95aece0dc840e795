"""The Redis client the adapters share: one connection pool, timeouts from settings."""

import asyncio

from redis.asyncio import ConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from ...application.health import Diagnosis
from ...kernel.status import HealthStatus
from ...settings import RedisSettings

# Errors meaning "Redis is down or slow": callers degrade on these, never on bugs.
REDIS_FAILURES: tuple[type[Exception], ...] = (RedisError, OSError, TimeoutError)


def build_client(settings: RedisSettings) -> Redis:
    """Return a client over a pool of at most ``max_connections`` connections.

    One retry on a fresh connection absorbs a pooled connection the server closed
    (a restart); more would only make a real outage slower to detect. hiredis, when
    installed (the ``hiredis`` extra), parses replies and is picked up automatically.
    """
    pool = ConnectionPool.from_url(
        settings.url.get_secret_value(),
        max_connections=settings.max_connections,
        socket_timeout=settings.socket_timeout_seconds,
        socket_connect_timeout=settings.connect_timeout_seconds,
        retry=Retry(NoBackoff(), retries=1),
    )
    return Redis(connection_pool=pool)


async def close_client(client: Redis) -> None:
    """Close the client and disconnect every pooled connection."""
    await client.aclose()
    await client.connection_pool.disconnect()


async def probe_redis(client: Redis) -> Diagnosis:
    """Ping Redis; when it fails the service still serves (from the database): DEGRADED."""
    timeout = client.connection_pool.connection_kwargs.get("socket_timeout") or 1.0
    try:
        async with asyncio.timeout(float(timeout) * 2):
            await client.ping()
    except REDIS_FAILURES as error:
        return Diagnosis(HealthStatus.DEGRADED, {"error": type(error).__name__})
    pool = client.connection_pool
    return Diagnosis(details={"max_connections": pool.max_connections})

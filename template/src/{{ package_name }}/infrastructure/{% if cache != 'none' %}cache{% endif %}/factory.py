"""Builds the service's shared byte cache from settings."""

from ...application.caching.ports import CacheProvider
from ...settings import CacheSettings
from .memory import InMemoryCacheProvider
from .multilevel import MultiLevelCacheProvider

# Local copies of a shared (L2) cache live this long at most: the staleness an
# instance may show after another instance changed a value, if no invalidation reaches it.
L1_TTL_SECONDS = 5.0


def build_cache(
    settings: CacheSettings, shared: CacheProvider[bytes] | None = None
) -> CacheProvider[bytes]:
    """Return the in-process cache, or an in-process L1 in front of ``shared`` when given."""
    local = InMemoryCacheProvider[bytes](
        max_size=settings.max_size, default_ttl=settings.default_ttl_seconds
    )
    if shared is None:
        return local
    return MultiLevelCacheProvider(l1=local, l2=shared, l1_ttl=L1_TTL_SECONDS)

"""The metrics every render exports; a chosen subsystem registers its own group beside them."""

from dataclasses import dataclass
from typing import TypedDict

from ..compression import CompressionResult
from .metrics import Counter, Gauge, Histogram, MetricsRegistry
from .pools import ObservablePool


class RequestLabels(TypedDict):
    """An HTTP request, by route template (``/products/{product_id}``), never raw path."""

    method: str
    route: str
    status: str


class RouteLabels(TypedDict):
    """An HTTP route template and method."""

    method: str
    route: str


class PoolLabels(TypedDict):
    """One pool counter: ``state`` is idle, in_use, unhealthy or total."""

    pool: str
    state: str


class RateLimitFailureLabels(TypedDict):
    """A rate-limit decision the backend could not make: ``fallback`` is open or closed."""

    fallback: str


class EncodingLabels(TypedDict):
    """A content coding (br, zstd, gzip)."""

    encoding: str


@dataclass(frozen=True, slots=True)
class HttpMetrics:
    """Request count, duration and server errors per route template."""

    requests: Counter[RequestLabels]
    errors: Counter[RequestLabels]
    duration: Histogram[RouteLabels]

    def record(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one finished request; a 5xx also counts as an error."""
        labels = RequestLabels(method=method, route=route, status=str(status))
        self.requests.inc(labels)
        if status >= 500:  # noqa: PLR2004 - the server error class
            self.errors.inc(labels)
        self.duration.observe(RouteLabels(method=method, route=route), seconds)


@dataclass(frozen=True, slots=True)
class RateLimitMetrics:
    """Rate-limit decisions taken without the backend (a shared one such as Redis)."""

    backend_failures: Counter[RateLimitFailureLabels]

    def failure(self, fail_open: bool) -> None:  # noqa: FBT001 - called with the setting
        """Count a decision made by the fallback because the backend failed."""
        fallback = "open" if fail_open else "closed"
        self.backend_failures.inc(RateLimitFailureLabels(fallback=fallback))


@dataclass(frozen=True, slots=True)
class CompressionMetrics:
    """Bytes before and after response compression, per coding."""

    original_bytes: Counter[EncodingLabels]
    compressed_bytes: Counter[EncodingLabels]

    def record(self, result: CompressionResult) -> None:
        """Count the bytes of one compressed response."""
        labels = EncodingLabels(encoding=result.encoding)
        self.original_bytes.inc(labels, result.original_size)
        self.compressed_bytes.inc(labels, result.compressed_size)


@dataclass(frozen=True, slots=True)
class PoolMetrics:
    """Pool counters, sampled from the pools each time metrics are rendered."""

    connections: Gauge[PoolLabels]

    def sample(self, name: str, pool: ObservablePool) -> None:
        """Copy the current counters of ``pool`` into the gauges."""
        stats = pool.stats()
        counters = {
            "idle": stats.idle,
            "in_use": stats.in_use,
            "unhealthy": stats.unhealthy,
            "total": stats.total,
            "max_size": stats.max_size,
        }
        for state, value in counters.items():
            self.connections.set(PoolLabels(pool=name, state=state), value)


@dataclass(frozen=True, slots=True)
class ServiceMetrics:
    """Every metric of the service, registered in one per-app registry."""

    registry: MetricsRegistry
    http: HttpMetrics
    rate_limit: RateLimitMetrics
    compression: CompressionMetrics
    pools: PoolMetrics

    @classmethod
    def register(cls, registry: MetricsRegistry) -> "ServiceMetrics":
        """Register the service's metrics in ``registry``."""
        return cls(
            registry=registry,
            http=HttpMetrics(
                requests=registry.counter("http_requests", "HTTP requests served.", RequestLabels),
                errors=registry.counter(
                    "http_request_errors", "HTTP requests answered 5xx.", RequestLabels
                ),
                duration=registry.histogram(
                    "http_request_duration_seconds", "Time to answer.", RouteLabels
                ),
            ),
            rate_limit=RateLimitMetrics(
                backend_failures=registry.counter(
                    "rate_limit_backend_failures",
                    "Rate-limit decisions made by the fallback because the backend failed.",
                    RateLimitFailureLabels,
                )
            ),
            compression=CompressionMetrics(
                original_bytes=registry.counter(
                    "http_compression_original_bytes", "Bytes before compression.", EncodingLabels
                ),
                compressed_bytes=registry.counter(
                    "http_compression_compressed_bytes", "Bytes after compression.", EncodingLabels
                ),
            ),
            pools=PoolMetrics(
                connections=registry.gauge("pool_connections", "Pool counters.", PoolLabels)
            ),
        )

    def watch_pool(self, name: str, pool: ObservablePool) -> None:
        """Sample ``pool`` into the pool gauges before every render."""
        self.registry.before_render(lambda: self.pools.sample(name, pool))

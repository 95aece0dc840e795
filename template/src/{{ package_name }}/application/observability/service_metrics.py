"""The metrics every render exports; a chosen subsystem registers its own group beside them."""

from dataclasses import dataclass, field
from typing import TypedDict

from ...kernel.status import HealthStatus
from ..compression import CompressionResult
from ..health import HealthReport
from ..security.rate_limiting import RateLimitDecision
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


class RateLimitDecisionLabels(TypedDict):
    """One rate-limit decision: ``decision`` is allowed, limited, failed_open or failed_closed."""

    route: str
    algorithm: str
    decision: str


class TargetLabels(TypedDict):
    """Who exports these metrics, so dashboards can split by version and environment."""

    service: str
    version: str
    environment: str


class CheckLabels(TypedDict):
    """One readiness check, by name (database, redis...)."""

    check: str


class CheckChangeLabels(TypedDict):
    """A readiness check that moved to ``status``."""

    check: str
    status: str


class QueryLabels(TypedDict):
    """A SQL statement by its verb (SELECT, INSERT...), never its text."""

    operation: str


class DroppedLogLabels(TypedDict):
    """Why log lines were not shipped: ``queue_full`` or ``push_failed``."""

    reason: str


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
    """Rate-limit decisions by route, algorithm and outcome."""

    decisions: Counter[RateLimitDecisionLabels]

    def decided(self, route: str, algorithm: str, decision: RateLimitDecision) -> None:
        """Count one decision by route template and algorithm."""
        if decision.fallback:
            outcome = "failed_open" if decision.allowed else "failed_closed"
        else:
            outcome = "allowed" if decision.allowed else "limited"
        self.decisions.inc(
            RateLimitDecisionLabels(route=route, algorithm=algorithm, decision=outcome)
        )


# Gauge values, worst highest, so ``max`` over checks is the service's readiness.
_STATUS_VALUES = {HealthStatus.HEALTHY: 0, HealthStatus.DEGRADED: 1, HealthStatus.UNHEALTHY: 2}


@dataclass(frozen=True, slots=True)
class HealthMetrics:
    """Each readiness check's last status, and how often it changed."""

    status: Gauge[CheckLabels]
    changes: Counter[CheckChangeLabels]
    _last: dict[str, HealthStatus] = field(default_factory=dict)

    def observe(self, report: HealthReport) -> None:
        """Record a readiness report; a check whose status moved counts one change."""
        for check in report.checks:
            self.status.set(CheckLabels(check=check.name), _STATUS_VALUES[check.status])
            if self._last.get(check.name, HealthStatus.HEALTHY) is not check.status:
                self.changes.inc(CheckChangeLabels(check=check.name, status=check.status.value))
            self._last[check.name] = check.status


@dataclass(frozen=True, slots=True)
class DatabaseMetrics:
    """How long SQL statements take, by verb."""

    query_duration: Histogram[QueryLabels]

    def observe(self, operation: str, seconds: float) -> None:
        """Record one statement's execution time."""
        self.query_duration.observe(QueryLabels(operation=operation), seconds)


@dataclass(frozen=True, slots=True)
class LogMetrics:
    """Log lines that could not be shipped (to Loki) and were dropped."""

    dropped_lines: Counter[DroppedLogLabels]

    def dropped(self, reason: str, lines: int) -> None:
        """Count ``lines`` dropped for ``reason``."""
        self.dropped_lines.inc(DroppedLogLabels(reason=reason), lines)


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
    health: HealthMetrics
    database: DatabaseMetrics
    logs: LogMetrics

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
                decisions=registry.counter(
                    "rate_limit_decisions",
                    "Rate-limit decisions by route template, algorithm and outcome.",
                    RateLimitDecisionLabels,
                ),
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
            health=HealthMetrics(
                status=registry.gauge(
                    "readiness_status",
                    "Last readiness of each check: 0 healthy, 1 degraded, 2 unhealthy.",
                    CheckLabels,
                ),
                changes=registry.counter(
                    "readiness_status_changes",
                    "Readiness checks that changed status.",
                    CheckChangeLabels,
                ),
            ),
            logs=LogMetrics(
                dropped_lines=registry.counter(
                    "log_lines_dropped", "Log lines not shipped, by reason.", DroppedLogLabels
                )
            ),
            database=DatabaseMetrics(
                query_duration=registry.histogram(
                    "db_query_duration_seconds", "Time to execute a SQL statement.", QueryLabels
                )
            ),
        )

    def identify(self, service: str, version: str, environment: str) -> None:
        """Export ``target_info`` (always 1) naming the service, version and environment."""
        target = self.registry.gauge(
            "target_info", "The service exporting these metrics.", TargetLabels
        )
        target.set(TargetLabels(service=service, version=version, environment=environment), 1)

    def watch_pool(self, name: str, pool: ObservablePool) -> None:
        """Sample ``pool`` into the pool gauges before every render."""
        self.registry.before_render(lambda: self.pools.sample(name, pool))

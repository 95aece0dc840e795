"""Pushes the service's metrics over OTLP on a schedule, beside Prometheus' scrape of /metrics.

Off unless asked for: then nothing is imported, no thread runs and /metrics is unchanged.
"""

import logging
import os
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Self

from ...application.observability.metrics import MetricsRegistry
from ...settings import TracingSettings
from .otlp import OtlpTarget, metric_exporter, metrics_target
from .tracing import ServiceIdentity

if TYPE_CHECKING:
    from opentelemetry.sdk.metrics.export import MetricExporter
    from opentelemetry.sdk.resources import Resource

_logger = logging.getLogger(__name__)


class PeriodicMetricExport:
    """Every ``interval_seconds``, and once more on close, export the registry's metrics."""

    def __init__(
        self,
        registry: MetricsRegistry,
        exporter: "MetricExporter",
        resource: "Resource",
        scope: str,
        interval_seconds: float,
    ) -> None:
        self._registry = registry
        self._exporter = exporter
        self._resource = resource
        self._scope = scope
        self._interval = interval_seconds
        self._started_ns = time.time_ns()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="otlp-metrics", daemon=True)

    def __enter__(self) -> Self:
        """Start exporting in the background."""
        self._thread.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self, timeout: float = 10.0) -> None:
        """Export the last values (within ``timeout``), then stop the exporter."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        self._exporter.shutdown(timeout_millis=timeout * 1000)

    def export(self) -> bool:
        """Read every metric now and hand it to the exporter; whether it was accepted."""
        from opentelemetry.sdk.metrics.export import MetricExportResult  # noqa: PLC0415

        from .prometheus_bridge import metrics_data  # noqa: PLC0415

        data = metrics_data(
            self._registry.collect(),
            self._resource,
            self._scope,
            self._started_ns,
            time.time_ns(),
        )
        return self._exporter.export(data) is MetricExportResult.SUCCESS

    def _run(self) -> None:
        # The wait is the schedule; close() ends it at once for the final export.
        while not self._stopping.wait(self._interval):
            self._export_logged()
        self._export_logged()

    def _export_logged(self) -> None:
        try:
            self.export()
        except Exception:  # a failed export must not end the schedule; the exporter logs why
            _logger.exception("otlp_metric_export_failed")


def _interval_seconds(settings: TracingSettings) -> float:
    """OTEL_METRIC_EXPORT_INTERVAL (milliseconds) when set, else the setting."""
    if milliseconds := os.environ.get("OTEL_METRIC_EXPORT_INTERVAL", "").strip():
        return float(milliseconds) / 1000
    return settings.metrics_interval_seconds


def metric_export(
    settings: TracingSettings, identity: ServiceIdentity, registry: MetricsRegistry
) -> PeriodicMetricExport | None:
    """The OTLP metric export the settings ask for, or ``None`` (the default)."""
    target: OtlpTarget | None = metrics_target(settings)
    if target is None:
        return None
    exporter = metric_exporter(target)
    # The instrumentation scope is the service's package, as its spans' tracers name it.
    scope = __name__.partition(".")[0]
    return PeriodicMetricExport(
        registry, exporter, identity.resource(), scope, _interval_seconds(settings)
    )

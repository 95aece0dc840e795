"""Where and how OTLP data leaves the service: the standard OTEL_* variables, then settings."""

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ...settings import TracingSettings

if TYPE_CHECKING:
    from opentelemetry.sdk.metrics.export import MetricExporter
    from opentelemetry.sdk.trace.export import SpanExporter

type Signal = Literal["traces", "metrics"]
type Protocol = Literal["http/protobuf", "grpc"]

GRPC_MISSING = (
    "OTLP over gRPC needs the gRPC exporter, which this service installs only on request: "
    "`uv sync --extra grpc` (or set the protocol back to http/protobuf)."
)


@dataclass(frozen=True, slots=True)
class OtlpTarget:
    """One signal's collector: the full URL (HTTP) or host URL (gRPC) and the protocol."""

    endpoint: str
    protocol: Protocol


def _environment(name: str) -> str:
    return os.environ.get(name, "").strip()


def _protocol(signal: Signal, settings: TracingSettings) -> Protocol:
    chosen = (
        _environment(f"OTEL_EXPORTER_OTLP_{signal.upper()}_PROTOCOL")
        or _environment("OTEL_EXPORTER_OTLP_PROTOCOL")
        or settings.otlp_protocol
    )
    if chosen == "grpc":
        return "grpc"
    if chosen == "http/protobuf":
        return "http/protobuf"
    # http/json is not offered by the Python exporters: refuse it at start-up, not silently.
    message = f"OTLP protocol {chosen!r} is not supported; use http/protobuf or grpc"
    raise ValueError(message)


def otlp_target(signal: Signal, settings: TracingSettings) -> OtlpTarget | None:
    """The collector ``signal`` goes to, or ``None`` when nothing is configured."""
    if _environment("OTEL_SDK_DISABLED").lower() == "true":
        return None
    protocol = _protocol(signal, settings)
    if endpoint := _environment(f"OTEL_EXPORTER_OTLP_{signal.upper()}_ENDPOINT"):
        return OtlpTarget(endpoint, protocol)
    base = _environment("OTEL_EXPORTER_OTLP_ENDPOINT") or settings.otlp_endpoint
    if not base:
        return None
    # gRPC names the service in the request, not the path; OTLP/HTTP has one path per signal.
    if protocol == "grpc":
        return OtlpTarget(base, protocol)
    return OtlpTarget(f"{base.rstrip('/')}/v1/{signal}", protocol)


def metrics_target(settings: TracingSettings) -> OtlpTarget | None:
    """Where metrics are pushed, when they are: Prometheus scrapes them in any case."""
    chosen = _environment("OTEL_METRICS_EXPORTER").lower()
    if chosen == "none":
        return None
    wanted = (
        settings.export_metrics
        or chosen == "otlp"
        or bool(_environment("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"))
    )
    return otlp_target("metrics", settings) if wanted else None


def span_exporter(target: OtlpTarget) -> "SpanExporter":
    """The OTLP span exporter of ``target``'s protocol; imported only when tracing."""
    if target.protocol == "grpc":
        try:
            from opentelemetry.exporter.otlp.proto.grpc.trace_exporter import (  # noqa: PLC0415
                OTLPSpanExporter as GrpcSpanExporter,
            )
        except ModuleNotFoundError as error:
            raise RuntimeError(GRPC_MISSING) from error
        return GrpcSpanExporter(endpoint=target.endpoint)
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
        OTLPSpanExporter,
    )

    return OTLPSpanExporter(endpoint=target.endpoint)


def metric_exporter(target: OtlpTarget) -> "MetricExporter":
    """The OTLP metric exporter of ``target``'s protocol; imported only when exporting."""
    if target.protocol == "grpc":
        try:
            from opentelemetry.exporter.otlp.proto.grpc.metric_exporter import (  # noqa: PLC0415
                OTLPMetricExporter as GrpcMetricExporter,
            )
        except ModuleNotFoundError as error:
            raise RuntimeError(GRPC_MISSING) from error
        return GrpcMetricExporter(endpoint=target.endpoint)
    from opentelemetry.exporter.otlp.proto.http.metric_exporter import (  # noqa: PLC0415
        OTLPMetricExporter,
    )

    return OTLPMetricExporter(endpoint=target.endpoint)

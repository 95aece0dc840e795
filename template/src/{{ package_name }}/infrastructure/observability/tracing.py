"""The OpenTelemetry SDK, OTLP exporter and instrumentations; unconfigured, not imported."""

import asyncio
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import FastAPI
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncEngine

from ...settings import TracingSettings
from .otlp import otlp_target, span_exporter

if TYPE_CHECKING:
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider


@dataclass(frozen=True, slots=True)
class ServiceIdentity:
    """What every span, metric and log stream says about the service that made it."""

    name: str
    version: str
    environment: str

    @classmethod
    def of(cls, name: str, version: str, environment: str) -> "ServiceIdentity":
        """The identity, named by OTEL_SERVICE_NAME when that is set (as every SDK does)."""
        return cls(os.environ.get("OTEL_SERVICE_NAME") or name, version, environment)

    def resource(self) -> "Resource":
        """The OpenTelemetry resource; OTEL_RESOURCE_ATTRIBUTES adds to it."""
        from opentelemetry.sdk.resources import (  # noqa: PLC0415 - only when tracing
            SERVICE_NAME,
            SERVICE_VERSION,
            Resource,
        )

        return Resource.create(
            {
                SERVICE_NAME: self.name,
                SERVICE_VERSION: self.version,
                "deployment.environment.name": self.environment,
            }
        )


class Tracing:
    """The service's tracer provider and instrumentations; inert when tracing is off."""

    def __init__(
        self, provider: "TracerProvider | None" = None, excluded_paths: tuple[str, ...] = ()
    ) -> None:
        self._provider = provider
        self._excluded = ",".join(excluded_paths)

    @property
    def enabled(self) -> bool:
        """Whether spans are recorded and exported."""
        return self._provider is not None

    @property
    def provider(self) -> trace.TracerProvider:
        """The provider adapters pass to their own instrumentation (brokers, clients)."""
        return self._provider or trace.NoOpTracerProvider()

    def instrument_app(self, app: FastAPI) -> None:
        """Open a server span per request: method, route template, status, W3C context."""
        if self._provider is not None:
            from opentelemetry.instrumentation.fastapi import (  # noqa: PLC0415 - only when tracing
                FastAPIInstrumentor,
            )

            FastAPIInstrumentor.instrument_app(
                app,
                tracer_provider=self._provider,
                excluded_urls=self._excluded,
                # One span per request, not one more per ASGI message.
                exclude_spans=["receive", "send"],
            )

    def instrument_engine(self, engine: AsyncEngine) -> None:
        """Make every SQL statement a child span of the span that ran it."""
        if self._provider is not None:
            from opentelemetry.instrumentation.sqlalchemy import (  # noqa: PLC0415 - only when tracing
                SQLAlchemyInstrumentor,
            )

            # Its declared range stops below SQLAlchemy 2.1, whose engine events it hooks
            # unchanged; the trace export test checks the statement spans on every upgrade.
            SQLAlchemyInstrumentor().instrument(
                engine=engine.sync_engine, tracer_provider=self._provider, skip_dep_check=True
            )

    async def shutdown(self) -> None:
        """Export the spans still queued, then stop the exporter."""
        if self._provider is not None:
            await asyncio.to_thread(self._provider.shutdown)


def configure_tracing(settings: TracingSettings, identity: ServiceIdentity) -> Tracing:
    """Install the SDK as the process's tracer provider when an endpoint is configured."""
    target = otlp_target("traces", settings)
    if target is None:
        return Tracing(None, settings.excluded_paths)
    # Imported here, so a service that does not trace never loads them.
    from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415
    from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased  # noqa: PLC0415

    # OTEL_TRACES_SAMPLER, when set, is read by the SDK itself and wins over the ratio.
    sampler = None
    if not os.environ.get("OTEL_TRACES_SAMPLER"):
        sampler = ParentBased(TraceIdRatioBased(settings.sample_ratio))
    provider = TracerProvider(resource=identity.resource(), sampler=sampler)
    provider.add_span_processor(BatchSpanProcessor(span_exporter(target)))
    trace.set_tracer_provider(provider)
    return Tracing(provider, settings.excluded_paths)

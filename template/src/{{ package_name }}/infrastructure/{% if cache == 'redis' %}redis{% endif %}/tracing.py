"""Redis commands as client spans, children of the request or use case that sent them."""

from ..observability.tracing import Tracing


def instrument_redis(tracing: Tracing) -> None:
    """Trace every Redis command of every client, when tracing is on."""
    if tracing.enabled:
        # Imported only when tracing, like the rest of the SDK.
        from opentelemetry.instrumentation.redis import RedisInstrumentor  # noqa: PLC0415

        RedisInstrumentor().instrument(tracer_provider=tracing.provider)

"""Redis commands as client spans, children of the request or use case that sent them."""

from opentelemetry.instrumentation.redis import RedisInstrumentor

from ..observability.tracing import Tracing


def instrument_redis(tracing: Tracing) -> None:
    """Trace every Redis command of every client, when tracing is on."""
    if tracing.enabled:
        RedisInstrumentor().instrument(tracer_provider=tracing.provider)

"""The worker's own ``/metrics``: a worker runs no HTTP server, yet its task counters matter."""

from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import start_http_server

from ...application.observability.metrics import MetricsRegistry


@contextmanager
def serve_metrics(registry: MetricsRegistry, host: str, port: int) -> Iterator[None]:
    """Serve ``registry`` on ``host:port`` in a background thread for the ``with`` block."""
    server, thread = start_http_server(port, host, registry=registry.registry)
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

"""``GET /metrics``: every metric of this app in the Prometheus text format."""

from fastapi import APIRouter, Response

from .deps import MetricsDep

router = APIRouter(tags=["observability"])


@router.get("/metrics", response_class=Response)
async def metrics(service_metrics: MetricsDep) -> Response:
    """Render request, pool, cache and compression metrics for a Prometheus scrape."""
    registry = service_metrics.registry
    return Response(registry.render(), media_type=registry.content_type)

"""The FastAPI application factory: middleware, error handlers, probes and routers."""

from collections.abc import Sequence

from fastapi import APIRouter, FastAPI
from fastapi.params import Depends
from fastapi_offline import FastAPIOffline
from starlette.types import StatefulLifespan

from ..application.compression import Compressor
from ..application.observability.metrics import MetricsRegistry
from ..application.observability.service_metrics import ServiceMetrics
from . import admin, auth, health
from .compression import CompressionMiddleware
from .errors import register_error_handlers
from .hardening import AllowedHostsMiddleware, SecurityHeadersMiddleware, SizeLimitMiddleware
from .metrics import router as metrics_router
from .middleware import RequestContextMiddleware
from .openapi import describe_answers

# The offline Swagger UI and ReDoc pages and their assets, which need a looser policy.
DOCS_PREFIXES = ("/docs", "/redoc", "/static-offline-docs")
# Probes and metrics, which orchestrators and scrapers call by address, whatever the host.
INFRASTRUCTURE_PREFIXES = ("/health/", "/metrics")


def build_app(
    *,
    title: str,
    version: str,
    lifespan: StatefulLifespan[FastAPI],
    routers: Sequence[APIRouter] = (),
    public_routers: Sequence[APIRouter] = (),
    route_dependencies: Sequence[Depends] = (),
    metrics: ServiceMetrics | None = None,
    compressors: Sequence[Compressor] = (),
    compression_minimum_size: int = 500,
    max_body_bytes: int = 1_048_576,
    max_header_bytes: int = 32_768,
    allowed_hosts: Sequence[str] = ("*",),
) -> FastAPI:
    """Assemble the app; Swagger UI and ReDoc assets are served locally, not from a CDN."""
    app = FastAPIOffline(title=title, version=version, lifespan=lifespan)
    metrics = metrics or ServiceMetrics.register(MetricsRegistry())
    # Middleware added first runs innermost: the body limit sits right next to the routes.
    app.add_middleware(
        SizeLimitMiddleware, max_body_bytes=max_body_bytes, max_header_bytes=max_header_bytes
    )
    if "*" not in allowed_hosts:
        app.add_middleware(
            AllowedHostsMiddleware, hosts=allowed_hosts, exempt=INFRASTRUCTURE_PREFIXES
        )
    app.add_middleware(
        CompressionMiddleware,
        compressors=compressors,
        minimum_size=compression_minimum_size,
        observer=metrics.compression.record,
    )
    # The access log and metrics include compression time; a bug's 500 is answered here.
    app.add_middleware(RequestContextMiddleware, metrics=metrics.http)
    # Outermost, so every answer gets the headers, the 500 above included.
    app.add_middleware(SecurityHeadersMiddleware, docs_prefixes=DOCS_PREFIXES)
    register_error_handlers(app)
    describe_answers(app)
    app.include_router(health.router)
    app.include_router(metrics_router)
    for router in public_routers:
        # Discovery documents (JWKS, metadata) answer anyone, like the probes.
        app.include_router(router)
    app.include_router(auth.router, dependencies=route_dependencies)
    app.include_router(admin.router, dependencies=route_dependencies)
    for router in routers:
        # Only API routers get these (rate limiting): probes and /metrics always answer.
        app.include_router(router, dependencies=route_dependencies)
    return app

"""The FastAPI application factory: middleware, error handlers, probes and routers."""

from collections.abc import Sequence

from fastapi import APIRouter, FastAPI
from fastapi_offline import FastAPIOffline
from starlette.types import StatefulLifespan

from . import health
from .errors import register_error_handlers
from .middleware import RequestContextMiddleware


def build_app(
    *,
    title: str,
    version: str,
    lifespan: StatefulLifespan[FastAPI],
    routers: Sequence[APIRouter] = (),
) -> FastAPI:
    """Assemble the app; Swagger UI and ReDoc assets are served locally, not from a CDN."""
    app = FastAPIOffline(title=title, version=version, lifespan=lifespan)
    app.add_middleware(RequestContextMiddleware)
    register_error_handlers(app)
    app.include_router(health.router)
    for router in routers:
        app.include_router(router)
    return app

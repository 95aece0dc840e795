"""Request context: an id per request, metrics by route template and one access log."""

import re
import time
import uuid
from typing import TypedDict

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..application.observability.log_entry import LogEntry
from ..application.observability.service_metrics import HttpMetrics
from .errors import internal_error

REQUEST_ID_HEADER = "x-request-id"
# Paths no route matched are grouped, so scanners cannot blow up the metric series.
UNMATCHED_ROUTE = "<unmatched>"
# Accept a caller's id only when it is short and printable, so logs cannot be forged.
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")

_logger = structlog.get_logger("http")


class AccessContext(TypedDict):
    """What was asked."""

    method: str
    path: str
    route: str


class AccessOutcome(TypedDict):
    """How it went."""

    status: int
    duration_ms: float


class RequestContextMiddleware:
    """Bind ``request_id`` to the request's logs, measure it, log one access line.

    The server span, when tracing is on, is opened outside this middleware by the FastAPI
    instrumentation, so every line logged here carries its trace and span ids.
    """

    def __init__(self, app: ASGIApp, *, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        method: str = scope["method"]
        started = time.perf_counter()
        status_code = 0

        async def send_with_id(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, request_id)
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self.app(scope, receive, send_with_id)
            except Exception as error:
                if status_code:
                    raise  # Too late for a problem body: the server closes the connection.
                # Answered here rather than by the outermost handler, so a bug's 500 and
                # its log line carry the request id like every other answer.
                await internal_error(Request(scope), error)(scope, receive, send_with_id)
            finally:
                seconds = time.perf_counter() - started
                route = route_template(scope)
                # No answer sent at all (the client went away, say) is counted as a 500.
                status = status_code or 500
                self.metrics.record(method, route, status, seconds)
                LogEntry(
                    "request",
                    AccessContext(method=method, path=scope["path"], route=route),
                    AccessOutcome(status=status, duration_ms=round(seconds * 1000, 2)),
                ).emit(_logger)


def route_template(scope: Scope) -> str:
    """Return the matched route's path template (``/products/{product_id}``), never the path."""
    route = scope.get("route") or _route_of_endpoint(scope)
    template = getattr(route, "path_format", None)
    return template if isinstance(template, str) else UNMATCHED_ROUTE


def _route_of_endpoint(scope: Scope) -> object:
    # FastAPI records its own routes in the scope; plain Starlette routes (the OpenAPI
    # document, the docs pages) only leave their endpoint, so find the route that owns it.
    endpoint, router = scope.get("endpoint"), scope.get("router")
    if endpoint is None or router is None:
        return None
    routes = getattr(router, "routes", ())
    return next((route for route in routes if getattr(route, "endpoint", None) is endpoint), None)


def _request_id(scope: Scope) -> str:
    candidate = Headers(scope=scope).get(REQUEST_ID_HEADER, "")
    return candidate if _VALID_REQUEST_ID.fullmatch(candidate) else uuid.uuid4().hex

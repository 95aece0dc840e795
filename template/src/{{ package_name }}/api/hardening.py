"""Pure ASGI guards every request passes: known hosts, bounded sizes and security headers."""

from collections.abc import Iterable
from http import HTTPStatus

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..kernel.messages import ErrorMessages, format_message
from .errors import error_code_for, problem_response

# The API answers JSON and never needs to load anything: the strictest policy fits.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
# Swagger UI and ReDoc run their own scripts and styles, all served by this service.
DOCS_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; frame-ancestors 'none'"
)
_COMMON_HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
)


class SizeLimitMiddleware:
    """Answer 431 to headers past ``max_header_bytes``, 413 to a body past ``max_body_bytes``.

    httptools takes a header block of any size, and the body is counted as it streams in.
    """

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, max_header_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_header_bytes = max_header_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse oversized headers or a declared oversized body at once; count the rest."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        header_bytes = len(scope["query_string"]) + sum(
            len(name) + len(value) for name, value in scope["headers"]
        )
        if header_bytes > self.max_header_bytes:
            status = HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
            detail = format_message(
                ErrorMessages.HTTP.HEADERS_TOO_LARGE, limit=self.max_header_bytes
            )
            await _send_problem(scope, receive, send, status, detail)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body_bytes:
            status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
            await _send_problem(scope, receive, send, status, _too_large(self.max_body_bytes))
            return
        received = 0

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    # FastAPI passes an HTTPException raised while reading the body on to
                    # the problem+json handlers.
                    raise HTTPException(
                        HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _too_large(self.max_body_bytes)
                    )
            return message

        await self.app(scope, bounded_receive, send)


def _too_large(max_bytes: int) -> str:
    return format_message(ErrorMessages.HTTP.BODY_TOO_LARGE, limit=max_bytes)


async def _send_problem(
    scope: Scope, receive: Receive, send: Send, status: HTTPStatus, detail: str
) -> None:
    """Answer before the app has run: the request body stays unread on the connection."""
    response = problem_response(Request(scope), status, detail, error_code=error_code_for(status))
    # The client must open a new connection rather than have the unread body parsed.
    response.headers["connection"] = "close"
    await response(scope, receive, send)


class AllowedHostsMiddleware:
    """Answer 400 to a host the service is not known by, so no forged ``Location`` is built."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], exempt: Iterable[str]) -> None:
        self.app = app
        names = {host.lower() for host in hosts}
        self.exact = frozenset(name for name in names if not name.startswith("*."))
        # "*.example.com" allows every subdomain of example.com, not example.com itself.
        self.suffixes = tuple(name[1:] for name in names if name.startswith("*."))
        self.exempt = tuple(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Let an allowed or exempt request through; refuse any other."""
        if scope["type"] != "http" or str(scope["path"]).startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        host = host_name(Headers(scope=scope).get("host", ""))
        if host in self.exact or host.endswith(self.suffixes):
            await self.app(scope, receive, send)
            return
        detail = ErrorMessages.HTTP.HOST_NOT_ALLOWED
        await _send_problem(scope, receive, send, HTTPStatus.BAD_REQUEST, detail)


def host_name(header: str) -> str:
    """The host of a ``Host`` header, without its port, lower-cased (``[::1]`` kept whole)."""
    if header.startswith("["):
        return header[: header.find("]") + 1].lower()
    return header.partition(":")[0].lower()


class SecurityHeadersMiddleware:
    """Add nosniff, frame denial, no referrer and a content policy to every response."""

    def __init__(self, app: ASGIApp, *, docs_prefixes: Iterable[str]) -> None:
        self.app = app
        self.docs_prefixes = tuple(docs_prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Set the headers on the response start, leaving ones the route set alone."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = str(scope["path"]).startswith(self.docs_prefixes)
        policy = DOCS_POLICY if is_docs else API_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in (*_COMMON_HEADERS, ("content-security-policy", policy)):
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)

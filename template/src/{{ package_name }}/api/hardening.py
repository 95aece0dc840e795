"""Two cheap guards every response passes: a bounded request body and security headers.

Both are pure ASGI. The body limit counts bytes as the stream arrives, so an oversized
upload is refused after ``max_bytes`` have been read, whoever sent it, before any route
parses it or checks credentials.
"""

import json
from collections.abc import Iterable
from http import HTTPStatus

from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..kernel.messages import ErrorMessages, format_message
from .errors import error_code_for
from .openapi import PROBLEM_JSON

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


class BodyLimitMiddleware:
    """Answer 413 to a request whose body is longer than ``max_bytes``."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse a declared oversized body at once; count an undeclared one as it arrives."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await _send_too_large(scope, send, self.max_bytes)
            return
        received = 0

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI passes an HTTPException raised while reading the body on to
                    # the problem+json handlers.
                    raise HTTPException(
                        HTTPStatus.REQUEST_ENTITY_TOO_LARGE, _too_large(self.max_bytes)
                    )
            return message

        await self.app(scope, bounded_receive, send)


def _too_large(max_bytes: int) -> str:
    return format_message(ErrorMessages.HTTP.BODY_TOO_LARGE, limit=max_bytes)


async def _send_too_large(scope: Scope, send: Send, max_bytes: int) -> None:
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    body = json.dumps(
        {
            "type": "about:blank",
            "title": status.phrase,
            "status": status.value,
            "detail": _too_large(max_bytes),
            "instance": scope["path"],
            "error_code": error_code_for(status),
        }
    ).encode()
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"content-length", str(len(body)).encode()),
        # The unread body stays on the connection, so the client must open a new one.
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": status.value, "headers": headers})
    await send({"type": "http.response.body", "body": body})


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

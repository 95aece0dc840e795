"""Response compression negotiated from ``Accept-Encoding`` (br, zstd, gzip...).

It replaces Starlette's gzip-only ``GZipMiddleware``: the client's weights pick the coding,
bodies under ``minimum_size`` and already-compressed media are sent as they are, and a
streamed body is buffered only up to ``minimum_size``, then compressed chunk by chunk.
"""

from collections.abc import Callable, Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..application.compression import CompressionResult, Compressor, StreamCompressor
from .content_encoding import is_compressible, select_encoding

type CompressionObserver = Callable[[CompressionResult], None]


class CompressionMiddleware:
    """Compress HTTP responses with the best coding both sides accept."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        compressors: Sequence[Compressor],
        minimum_size: int = 500,
        observer: CompressionObserver | None = None,
    ) -> None:
        """Wrap ``app``; ``compressors`` come in the server's order of preference."""
        self.app = app
        self.minimum_size = minimum_size
        self.observer = observer
        self._compressors = {compressor.encoding: compressor for compressor in compressors}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one ASGI connection."""
        if scope["type"] != "http" or not self._compressors:
            await self.app(scope, receive, send)
            return
        offered = Headers(scope=scope).getlist("accept-encoding")
        encoding = select_encoding(", ".join(offered) if offered else None, [*self._compressors])
        compressor = self._compressors[encoding] if encoding else None
        responder = _Responder(self, compressor, send)
        await self.app(scope, receive, responder.send)


class _Responder:
    """Decides, once enough of the body is known, whether one response is compressed."""

    def __init__(
        self,
        middleware: CompressionMiddleware,
        compressor: Compressor | None,
        send: Send,
    ) -> None:
        self._middleware = middleware
        self._compressor = compressor
        self._send = send
        self._held: Message | None = None
        self._buffer: list[bytes] = []
        self._stream: StreamCompressor | None = None
        self._sizes = [0, 0]

    async def send(self, message: Message) -> None:
        """Hold the start message until the body shows whether to compress."""
        kind = message["type"]
        if kind == "http.response.start":
            headers = Headers(raw=message["headers"])
            content_type = headers.get("content-type", "")
            if (
                "content-encoding" in headers
                or not is_compressible(content_type)
                or _declared_below(headers, self._middleware.minimum_size)
            ):
                await self._send(message)
            else:
                self._held = message
        elif kind == "http.response.body" and self._stream is not None:
            await self._compress(message["body"], more_body=message.get("more_body", False))
        elif kind == "http.response.body" and self._held is not None:
            await self._decide(
                self._held, message["body"], more_body=message.get("more_body", False)
            )
        else:
            await self._release(more_body=True)
            await self._send(message)

    async def _decide(self, start: Message, body: bytes, *, more_body: bool) -> None:
        self._buffer.append(body)
        size = sum(len(chunk) for chunk in self._buffer)
        if size < self._middleware.minimum_size:
            if not more_body:
                await self._release(more_body=False)
            return
        MutableHeaders(scope=start).add_vary_header("Accept-Encoding")
        self._stream = None if self._compressor is None else self._compressor.stream()
        if self._stream is None:
            await self._release(more_body=more_body)
            return
        buffered = b"".join(self._buffer)
        self._buffer.clear()
        await self._compress(buffered, more_body=more_body)

    async def _release(self, *, more_body: bool) -> None:
        """Send the held start and buffered body unchanged."""
        if self._held is None:
            return
        start, self._held = self._held, None
        await self._send(start)
        body = b"".join(self._buffer)
        self._buffer.clear()
        if body or not more_body:
            await self._send({"type": "http.response.body", "body": body, "more_body": more_body})

    async def _compress(self, body: bytes, *, more_body: bool) -> None:
        if self._stream is None or self._compressor is None or (more_body and not body):
            return
        output = self._stream.compress(body) if more_body else self._stream.finish(body)
        self._sizes[0] += len(body)
        self._sizes[1] += len(output)
        if self._held is not None:
            start, self._held = self._held, None
            await self._send(
                _compressed_start(start, self._compressor.encoding, output, more_body=more_body)
            )
        await self._send({"type": "http.response.body", "body": output, "more_body": more_body})
        if not more_body and self._middleware.observer is not None:
            original, compressed = self._sizes
            self._middleware.observer(
                CompressionResult(self._compressor.encoding, original, compressed)
            )


def _declared_below(headers: Headers, minimum_size: int) -> bool:
    # A declared length under the threshold settles it from the headers: nothing is held.
    length = headers.get("content-length")
    return length is not None and length.isdigit() and int(length) < minimum_size


def _compressed_start(start: Message, encoding: str, output: bytes, *, more_body: bool) -> Message:
    headers = MutableHeaders(scope=start)
    headers["Content-Encoding"] = encoding
    if more_body:
        del headers["Content-Length"]
    else:
        headers["Content-Length"] = str(len(output))
    etag = headers.get("ETag")
    if etag and not etag.startswith("W/"):
        # The compressed bytes differ from the identity ones, so the tag is only weak.
        headers["ETag"] = f"W/{etag}"
    return start

"""Zstandard: near-Brotli ratios at gzip speed; its compression contexts are pooled.

A ``zstandard.ZstdCompressor`` wraps a native context that is costly to allocate and
serves one operation at a time, while streamed responses overlap on the event loop. So
the streams borrow contexts from a ``ConnectionPool``: bounded memory, warm contexts.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import zstandard

from ..pool.pool import ConnectionPool


@dataclass(slots=True)
class ZstdContext:
    """A native compression context and whether a frame it started is still open."""

    compressor: zstandard.ZstdCompressor
    frame_open: bool = False


@dataclass(frozen=True, slots=True)
class ZstdContextFactory:
    """Makes the pool's contexts at one compression ``level``."""

    level: int = 3

    async def create(self) -> ZstdContext:
        """Allocate a context."""
        return ZstdContext(zstandard.ZstdCompressor(level=self.level))

    async def destroy(self, connection: ZstdContext) -> None:
        """Forget the context; zstandard frees the native memory with the last reference."""
        del connection

    async def validate(self, connection: ZstdContext) -> bool:
        """Refuse a context whose last frame was abandoned half-written."""
        return not connection.frame_open


class ZstdStream:
    """One zstd frame written chunk by chunk with a borrowed context."""

    def __init__(self, context: ZstdContext) -> None:
        self._context = context
        self._compressor = context.compressor.compressobj()
        context.frame_open = True

    def compress(self, chunk: bytes) -> bytes:
        """Compress ``chunk`` and end the block, so the client can decode it right away."""
        return self._compressor.compress(chunk) + self._compressor.flush(
            zstandard.COMPRESSOBJ_FLUSH_BLOCK
        )

    def finish(self, chunk: bytes = b"") -> bytes:
        """Compress the last ``chunk`` and close the frame."""
        output = self._compressor.compress(chunk) + self._compressor.flush(
            zstandard.COMPRESSOBJ_FLUSH_FINISH
        )
        self._context.frame_open = False
        return output


class ZstdCompressor:
    """Zstandard at ``level`` 1 (fastest) to 19 (smallest); streams use pooled contexts."""

    encoding = "zstd"

    def __init__(self, contexts: ConnectionPool[ZstdContext], level: int = 3) -> None:
        self.level = level
        self._contexts = contexts

    def compress(self, data: bytes) -> bytes:
        """Compress a whole body into one frame."""
        return zstandard.compress(data, self.level)

    def decompress(self, data: bytes) -> bytes:
        """Decompress a frame, including streamed ones that do not record their size."""
        return zstandard.ZstdDecompressor().decompressobj().decompress(data)

    @asynccontextmanager
    async def stream(self) -> AsyncIterator[ZstdStream]:
        """Borrow a context for one frame; ``PoolError`` if none frees up in time."""
        async with self._contexts.acquire() as context:
            yield ZstdStream(context)

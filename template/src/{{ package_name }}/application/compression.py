"""The compression port: one-shot and streaming compressors, and what a compression saved."""

from dataclasses import dataclass
from typing import Protocol


class StreamCompressor(Protocol):
    """Compresses one stream chunk by chunk; each chunk's output is flushed to be sent now."""

    def compress(self, chunk: bytes) -> bytes:
        """Compress ``chunk`` and return the bytes that can be sent so far."""
        ...

    def finish(self, chunk: bytes = b"") -> bytes:
        """Compress the last ``chunk``, end the stream and return its last bytes."""
        ...


class Compressor(Protocol):
    """A content coding (RFC 9110 §8.4.1) such as ``gzip``, ``br`` or ``zstd``."""

    @property
    def encoding(self) -> str:
        """The ``Content-Encoding`` token."""
        ...

    def compress(self, data: bytes) -> bytes:
        """Compress a whole body."""
        ...

    def decompress(self, data: bytes) -> bytes:
        """Decompress what ``compress`` or a stream produced."""
        ...

    def stream(self) -> StreamCompressor:
        """Open a stream for one response body."""
        ...


@dataclass(frozen=True, slots=True)
class CompressionResult:
    """Sizes before and after compressing a body with one coding."""

    encoding: str
    original_size: int
    compressed_size: int

"""Brotli (Google's ``brotli`` bindings): the smallest text bodies browsers accept."""

from dataclasses import dataclass

import brotli


class BrotliStream:
    """One Brotli stream written chunk by chunk."""

    def __init__(self, quality: int) -> None:
        self._compressor = brotli.Compressor(quality=quality)

    def compress(self, chunk: bytes) -> bytes:
        """Compress ``chunk`` and flush, so the client can decode it right away."""
        output: bytes = self._compressor.process(chunk) + self._compressor.flush()
        return output

    def finish(self, chunk: bytes = b"") -> bytes:
        """Compress the last ``chunk`` and end the stream."""
        output: bytes = self._compressor.process(chunk) + self._compressor.finish()
        return output


@dataclass(frozen=True, slots=True)
class BrotliCompressor:
    """Brotli at ``quality`` 0 (fastest) to 11 (smallest); 4 to 6 suit dynamic responses."""

    quality: int = 5
    encoding: str = "br"

    def compress(self, data: bytes) -> bytes:
        """Compress a whole body."""
        output: bytes = brotli.compress(data, quality=self.quality)
        return output

    def decompress(self, data: bytes) -> bytes:
        """Decompress a Brotli stream."""
        output: bytes = brotli.decompress(data)
        return output

    def stream(self) -> BrotliStream:
        """Open a Brotli stream."""
        return BrotliStream(self.quality)

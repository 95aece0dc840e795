"""gzip from the standard library: understood by every client."""

import gzip
import zlib
from dataclasses import dataclass

# zlib's window-bits value that selects the gzip container (16 + the 15-bit window).
_GZIP_CONTAINER = 31


class GzipStream:
    """One gzip member written chunk by chunk."""

    def __init__(self, level: int) -> None:
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, _GZIP_CONTAINER)

    def compress(self, chunk: bytes) -> bytes:
        """Compress ``chunk`` and sync-flush, so the client can decode it right away."""
        return self._compressor.compress(chunk) + self._compressor.flush(zlib.Z_SYNC_FLUSH)

    def finish(self, chunk: bytes = b"") -> bytes:
        """Compress the last ``chunk`` and write the gzip trailer."""
        return self._compressor.compress(chunk) + self._compressor.flush(zlib.Z_FINISH)


@dataclass(frozen=True, slots=True)
class GzipCompressor:
    """gzip at ``level`` 1 (fastest) to 9 (smallest)."""

    level: int = 6
    encoding: str = "gzip"

    def compress(self, data: bytes) -> bytes:
        """Compress a whole body; mtime 0 keeps equal bodies byte-identical."""
        return gzip.compress(data, compresslevel=self.level, mtime=0)

    def decompress(self, data: bytes) -> bytes:
        """Decompress every gzip member of ``data``."""
        return gzip.decompress(data)

    def stream(self) -> GzipStream:
        """Open a gzip stream."""
        return GzipStream(self.level)

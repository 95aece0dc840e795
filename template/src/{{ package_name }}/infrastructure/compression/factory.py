"""``CompressorFactory``: builds compressors by content coding; codings register at runtime."""

from collections.abc import Callable
from dataclasses import dataclass

from ...application.compression import Compressor
from ...kernel.messages import ErrorMessages, format_message
from .brotli_compressor import BrotliCompressor
from .gzip_compressor import GzipCompressor
from .zstd_compressor import ZstdCompressor

type CompressorBuilder = Callable[[int], Compressor]


@dataclass(frozen=True, slots=True)
class CompressorConfig:
    """Which coding to build and at which level (or quality)."""

    encoding: str
    level: int


class CompressorFactory:
    """Build a ``Compressor`` for a coding (gzip, br, zstd, or one added with ``register``)."""

    def __init__(self) -> None:
        self._builders: dict[str, CompressorBuilder] = {
            "gzip": lambda level: GzipCompressor(level=level),
            "br": lambda quality: BrotliCompressor(quality=quality),
            "zstd": lambda level: ZstdCompressor(level=level),
        }

    def register(self, encoding: str, builder: CompressorBuilder) -> None:
        """Add (or replace) the builder for the ``encoding`` token."""
        self._builders[encoding.lower()] = builder

    def create(self, config: CompressorConfig) -> Compressor:
        """Build the compressor for ``config``; an unregistered coding raises ``LookupError``."""
        builder = self._builders.get(config.encoding.lower())
        if builder is None:
            raise LookupError(
                format_message(
                    ErrorMessages.CONFIG.UNKNOWN_COMPRESSOR,
                    encoding=config.encoding,
                    registered=", ".join(self._builders),
                )
            )
        return builder(config.level)

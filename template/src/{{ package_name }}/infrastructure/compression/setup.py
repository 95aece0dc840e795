"""Build the configured compressors, in the server's order of preference."""

from ...application.compression import Compressor
from ...settings import CompressionSettings
from .factory import CompressorConfig, CompressorFactory


def build_compressors(settings: CompressionSettings) -> tuple[Compressor, ...]:
    """Build one compressor per enabled coding; none at all when compression is off."""
    encodings = settings.encodings if settings.enabled else ()
    factory = CompressorFactory()
    levels = {
        "gzip": settings.gzip_level,
        "br": settings.brotli_quality,
        "zstd": settings.zstd_level,
    }
    return tuple(
        factory.create(CompressorConfig(encoding, levels[encoding])) for encoding in encodings
    )

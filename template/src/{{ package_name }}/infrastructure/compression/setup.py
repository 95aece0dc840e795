"""Build the configured compressors, in preference order, and the pools they borrow from."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from ...application.compression import Compressor
from ...settings import CompressionSettings
from ..pool.pool import ConnectionPool
from .factory import CompressorConfig, CompressorFactory
from .zstd_compressor import ZstdCompressor, ZstdContext, ZstdContextFactory

ZSTD_POOL = "zstd_contexts"


@dataclass(frozen=True, slots=True)
class CompressionSetup:
    """The compressors to offer and the pools the lifespan must watch and close."""

    compressors: tuple[Compressor, ...]
    pools: Mapping[str, ConnectionPool[ZstdContext]] = field(default_factory=dict)


def build_compression(settings: CompressionSettings) -> CompressionSetup:
    """Build one compressor per enabled coding; none at all when compression is off."""
    encodings = settings.encodings if settings.enabled else ()
    factory = CompressorFactory()
    pools: dict[str, ConnectionPool[ZstdContext]] = {}
    if "zstd" in encodings:
        contexts = ConnectionPool(
            ZSTD_POOL,
            ZstdContextFactory(level=settings.zstd_level),
            max_size=settings.zstd_contexts,
            acquire_timeout=settings.zstd_acquire_timeout_seconds,
        )
        factory.register("zstd", lambda level: ZstdCompressor(contexts, level))
        pools[ZSTD_POOL] = contexts
    levels = {
        "gzip": settings.gzip_level,
        "br": settings.brotli_quality,
        "zstd": settings.zstd_level,
    }
    compressors = tuple(
        factory.create(CompressorConfig(encoding, levels[encoding])) for encoding in encodings
    )
    return CompressionSetup(compressors, pools)

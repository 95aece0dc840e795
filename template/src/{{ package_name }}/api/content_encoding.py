"""``Accept-Encoding`` negotiation (RFC 9110 §12.5.3) and which media are worth compressing."""

import re
from collections.abc import Sequence

IDENTITY = "identity"
_ANY = "*"
# RFC 9110 §12.4.2: a weight is 0 to 1 with at most three decimals.
_QVALUE = re.compile(r"0(\.\d{0,3})?|1(\.0{0,3})?")
# RFC 9110 §8.4.1.3: x-gzip is to be treated as gzip.
_ALIASES = {"x-gzip": "gzip"}
# Compressing these again costs CPU and saves nothing; event streams must not be buffered.
_SKIPPED_PREFIXES = ("image/", "video/", "audio/", "font/woff")
_SKIPPED_TYPES = frozenset(
    {
        "application/gzip",
        "application/x-gzip",
        "application/zip",
        "application/zstd",
        "application/x-bzip2",
        "application/x-xz",
        "application/x-7z-compressed",
        "application/x-rar-compressed",
        "application/pdf",
        "text/event-stream",
    }
)
_TEXT_IMAGES = frozenset({"image/svg+xml"})


def parse_accept_encoding(header: str) -> dict[str, float]:
    """Map each coding the client lists (lowercased) to its weight; malformed ones are dropped."""
    weights: dict[str, float] = {}
    for element in header.split(","):
        coding, _, parameters = element.partition(";")
        coding = _ALIASES.get(coding.strip().lower(), coding.strip().lower())
        weight: float | None = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                value = value.strip()
                weight = float(value) if _QVALUE.fullmatch(value) else None
        if coding and weight is not None:
            weights[coding] = max(weight, weights.get(coding, 0.0))
    return weights


def select_encoding(header: str | None, available: Sequence[str]) -> str | None:
    """Return the coding to use, or None for identity (no compression).

    The client's highest weight wins, ties going to ``available``'s order; 0 refuses a coding.
    """
    if header is None:
        return None
    weights = parse_accept_encoding(header)
    default = weights.get(_ANY, 0.0)
    best: str | None = None
    best_weight = 0.0
    for coding in available:
        weight = weights.get(coding, default)
        if weight > best_weight:
            best, best_weight = coding, weight
    # Identity is the fallback whatever its weight; it only competes when the client
    # weighs it, by name or through "*", e.g. "gzip;q=0.5, identity" prefers no coding.
    identity_weight = weights.get(IDENTITY, default)
    if best is None or identity_weight > best_weight:
        return None
    return best


def is_compressible(content_type: str) -> bool:
    """Return False for media that is already compressed or must be streamed unbuffered."""
    media_type = content_type.partition(";")[0].strip().lower()
    if media_type in _TEXT_IMAGES:
        return True
    return not (media_type.startswith(_SKIPPED_PREFIXES) or media_type in _SKIPPED_TYPES)

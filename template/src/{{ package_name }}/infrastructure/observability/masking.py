"""A log processor that masks secrets: by field name, and credentials written inside text."""

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from structlog.typing import EventDict, WrappedLogger

MASK: Final = "***"
# A field whose name contains one of these is masked whole, at any depth (headers too).
SENSITIVE_NAME_PARTS: Final = (
    "authorization",
    "cookie",
    "password",
    "passwd",
    "secret",
    "token",
    "api_key",
    "apikey",
    "credential",
)
# Credentials inside free text: "Bearer <token>", "password=<value>" in a URL or message.
_CREDENTIAL_IN_TEXT = re.compile(
    r"(?i)\b(bearer|basic)\s+[^\s,;\"']+"
    r"|\b(password|passwd|secret|token|api[_-]?key)([\"']?\s*[=:]\s*[\"']?)[^\s&,;\"']+"
)
_MAX_DEPTH = 8
# Field names seen, remembered with their verdict: a service logs the same few names.
_NAMES_REMEMBERED = 1024


def _mask_text(match: re.Match[str]) -> str:
    if match[1]:
        return f"{match[1]} {MASK}"
    return f"{match[2]}{match[3]}{MASK}"


class SecretMasker:
    """Replace the values of sensitive fields, and credentials found in text, by ``***``."""

    __slots__ = ("_names", "is_sensitive")

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._names = frozenset(_normalise(name) for name in names)
        self.is_sensitive = lru_cache(maxsize=_NAMES_REMEMBERED)(self._is_sensitive)

    def __call__(self, _logger: "WrappedLogger", _method: str, event: "EventDict") -> "EventDict":
        """Mask ``event`` in place (structlog processor protocol)."""
        for key, value in event.items():
            event[key] = self._clean(key, value, 0)
        return event

    def _is_sensitive(self, name: str) -> bool:
        """Whether a field called ``name`` is masked whole."""
        normalised = _normalise(name)
        return normalised in self._names or any(part in normalised for part in SENSITIVE_NAME_PARTS)

    def _clean(self, key: object, value: object, depth: int) -> object:
        if isinstance(key, str) and self.is_sensitive(key):
            return MASK
        if isinstance(value, str):
            return _CREDENTIAL_IN_TEXT.sub(_mask_text, value) if value else value
        if depth >= _MAX_DEPTH:
            return value
        if isinstance(value, Mapping):
            return {name: self._clean(name, item, depth + 1) for name, item in value.items()}
        if isinstance(value, list | tuple):
            return [self._clean(None, item, depth + 1) for item in value]
        return value


def _normalise(name: str) -> str:
    return name.lower().replace("-", "_")

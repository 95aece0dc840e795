"""``ApiKeyAuthenticator``: turns a presented API key into the ``Actor`` it was issued to."""

import hashlib
import hmac
from collections.abc import Iterable

from ...kernel.errors import AuthenticationError
from ...kernel.result import Err, Ok, Result
from .actor import ANONYMOUS, Actor


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode()).digest()


class ApiKeyAuthenticator:
    """Knows the configured keys only by their SHA-256 digests and compares in constant time.

    No key presented means the anonymous actor; an unknown key is an authentication
    error, so a mistyped key is reported rather than silently downgraded.
    """

    def __init__(self, grants: Iterable[tuple[str, Actor]]) -> None:
        self._grants = tuple((_digest(key), actor) for key, actor in grants)

    def authenticate(self, presented: str | None) -> Result[Actor, AuthenticationError]:
        """Return the actor holding ``presented``, ``ANONYMOUS`` for none, or an error."""
        if not presented:
            return Ok(ANONYMOUS)
        digest = _digest(presented)
        found: Actor | None = None
        for expected, actor in self._grants:
            # Every grant is compared, so the time taken does not reveal which one matched.
            if hmac.compare_digest(digest, expected):
                found = actor
        return Err(AuthenticationError()) if found is None else Ok(found)

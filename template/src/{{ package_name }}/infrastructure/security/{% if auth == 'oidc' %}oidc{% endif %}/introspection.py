"""``Introspection``: asks the provider whether a token is active (RFC 7662), briefly cached."""

import hashlib
import time
from collections.abc import Callable, Mapping

import httpx

from ....kernel.errors import InfrastructureError

UNREACHABLE = "The introspection endpoint {endpoint} did not answer ({reason})."
CACHE_LIMIT = 10_000
"""Answers kept at most; the oldest go first, so a flood of tokens cannot grow memory."""


class Introspection:
    """One realm's introspection endpoint, called with this service's client credentials.

    An answer is reused for ``cache_seconds`` (never past the token's ``exp``), keyed by
    the token's digest, so the token itself is not kept. A provider that cannot be
    reached is an ``InfrastructureError`` (503), never a silently accepted token.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        endpoint: str,
        credentials: tuple[str, str],
        *,
        cache_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._http = http
        self._endpoint = endpoint
        self._credentials = credentials
        self._cache_seconds = cache_seconds
        self._clock = clock
        self._answers: dict[bytes, tuple[float, Mapping[str, object] | None]] = {}

    async def active_claims(self, token: str) -> Mapping[str, object] | None:
        """The token's claims if the provider says it is active, else None."""
        digest = hashlib.sha256(token.encode()).digest()
        now = self._clock()
        cached = self._answers.get(digest)
        if cached is not None and cached[0] > now:
            return cached[1]
        claims = await self._ask(token)
        if self._cache_seconds > 0:
            until = now + self._cache_seconds
            if claims is not None and isinstance(expiry := claims.get("exp"), int | float):
                until = min(until, float(expiry))
            if len(self._answers) >= CACHE_LIMIT:
                del self._answers[next(iter(self._answers))]
            self._answers[digest] = (until, claims)
        return claims

    async def _ask(self, token: str) -> Mapping[str, object] | None:
        try:
            response = await self._http.post(
                self._endpoint,
                data={"token": token, "token_type_hint": "access_token"},
                auth=self._credentials,
            )
            response.raise_for_status()
            answer = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise InfrastructureError(
                UNREACHABLE, endpoint=self._endpoint, reason=type(error).__name__
            ) from None
        if isinstance(answer, dict) and answer.get("active") is True:
            return answer
        return None

"""``RemoteKeySet``: a provider's JSON Web Key Set, cached, re-read on expiry or an unknown kid."""

import asyncio
import time
from collections.abc import Callable

import httpx
from jwt import PyJWK
from jwt.exceptions import InvalidKeyError, PyJWKError

from ....application.health import Diagnosis
from ....kernel.status import HealthStatus


class RemoteKeySet:
    """The signing keys of one issuer, by ``kid``.

    Keys are re-read once ``ttl`` seconds have passed, and when a token names a ``kid``
    the set does not hold (the provider rotated its key), but at most once every
    ``min_refetch`` seconds, so tokens with made-up kids cannot flood the provider.
    When a re-read fails the keys already held stay in use until ``max_stale`` seconds
    after the last successful read.
    """

    def __init__(
        self,
        http: httpx.AsyncClient,
        jwks_uri: str,
        *,
        ttl: float,
        min_refetch: float,
        max_stale: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = http
        self._uri = jwks_uri
        self._ttl = ttl
        self._min_refetch = min_refetch
        self._max_stale = max_stale
        self._clock = clock
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = -float("inf")
        self._attempted_at = -float("inf")
        self._lock = asyncio.Lock()

    async def load(self) -> None:
        """Read the set now; raise ``httpx.HTTPError`` or ``ValueError`` if that fails."""
        async with self._lock:
            await self._fetch()

    async def key(self, kid: str) -> PyJWK | None:
        """The key named ``kid``, re-reading the set first when it is due."""
        now = self._clock()
        due = now - self._fetched_at >= self._ttl
        unknown = kid not in self._keys and now - self._attempted_at >= self._min_refetch
        if due or unknown:
            await self._refresh(now)
        if self._clock() - self._fetched_at > self._max_stale:
            return None
        return self._keys.get(kid)

    async def probe(self) -> Diagnosis:
        """Readiness: degraded while the provider is unreachable but held keys are usable."""
        try:
            await self.load()
        except (httpx.HTTPError, ValueError):
            usable = self._keys and self._clock() - self._fetched_at <= self._max_stale
            return Diagnosis(HealthStatus.DEGRADED if usable else HealthStatus.UNHEALTHY)
        return Diagnosis(details={"keys": len(self._keys)})

    async def _refresh(self, requested_at: float) -> None:
        async with self._lock:
            # Another request may have re-read the set while this one waited for the lock.
            if self._attempted_at >= requested_at:
                return
            try:
                await self._fetch()
            except (httpx.HTTPError, ValueError):
                return

    async def _fetch(self) -> None:
        self._attempted_at = self._clock()
        response = await self._http.get(self._uri)
        response.raise_for_status()
        document = response.json()
        listed = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(listed, list):
            raise ValueError(self._uri)
        keys: dict[str, PyJWK] = {}
        for item in listed:
            # Encryption keys and keys without an id never verify a token's signature.
            if not isinstance(item, dict) or item.get("use", "sig") != "sig":
                continue
            if not isinstance(kid := item.get("kid"), str):
                continue
            try:
                keys[kid] = PyJWK(item)
            except (PyJWKError, InvalidKeyError):
                continue  # a key type this service cannot use
        self._keys = keys
        self._fetched_at = self._clock()

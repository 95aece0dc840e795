"""``KeySet``: the signing keys every replica shares, the current one and those still verifying."""

import secrets
import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol

from ...application.security.jwt import JWTKeyConfig, SigningKeyStore
from ...kernel.errors import ServiceError
from ...kernel.messages import ErrorMessages

# An unknown kid reloads the store at most this often, so forged kids cannot flood it.
RELOAD_INTERVAL_SECONDS = 1.0


class KeyGenerator(Protocol):
    """Makes a new key of the configured algorithm (a JWT provider)."""

    def generate_key(self, kid: str, now: datetime) -> JWTKeyConfig:
        """Return a new key."""
        ...


class KeySet:
    """Signs with the newest unretired key; a retired key verifies for ``grace`` seconds more.

    ``grace`` is the access-token lifetime: once it has passed since a key's
    retirement, no live token can carry its ``kid`` and the key is refused.
    """

    def __init__(
        self,
        store: SigningKeyStore,
        *,
        grace: float,
        refresh_every: float,
        clock: Callable[[], datetime],
    ) -> None:
        self._store = store
        self._grace = timedelta(seconds=grace)
        self._refresh_every = refresh_every
        self._clock = clock
        self._keys: dict[str, JWTKeyConfig] = {}
        self._loaded_at = -float("inf")
        self.on_empty: Callable[[], Awaitable[object]] | None = None
        """Called when there is no key to sign with (a new database): creates the first."""

    async def current(self) -> JWTKeyConfig:
        """The key new tokens are signed with."""
        if time.monotonic() - self._loaded_at > self._refresh_every:
            await self.reload()
        signing = [key for key in self._keys.values() if key.retired_at is None]
        if not signing and self.on_empty is not None:
            await self.on_empty()
            await self.reload()
            signing = [key for key in self._keys.values() if key.retired_at is None]
        if not signing:
            raise ServiceError(ErrorMessages.AUTH.UNKNOWN_SIGNING_KEY)
        return max(signing, key=lambda key: key.created_at)

    async def find(self, kid: str) -> JWTKeyConfig | None:
        """The key named ``kid`` if it may still verify tokens, else None."""
        stale = time.monotonic() - self._loaded_at
        if stale > self._refresh_every or (
            kid not in self._keys and stale > RELOAD_INTERVAL_SECONDS
        ):
            await self.reload()
        key = self._keys.get(kid)
        return key if key is not None and self._verifies(key) else None

    async def verifying(self) -> list[JWTKeyConfig]:
        """Every key that may verify a live token, the newest first (what JWKS publishes)."""
        await self.reload()
        return [key for key in self._keys.values() if self._verifies(key)]

    async def reload(self) -> None:
        """Read the keys again from the store (after a rotation by another process)."""
        self._keys = {key.kid: key for key in await self._store.load()}
        self._loaded_at = time.monotonic()

    def _verifies(self, key: JWTKeyConfig) -> bool:
        return key.retired_at is None or key.retired_at + self._grace > self._clock()


async def rotate_keys(
    store: SigningKeyStore, generator: KeyGenerator, now: datetime, *, grace: float
) -> JWTKeyConfig:
    """Add a new current key, retire the previous ones, and drop those past their grace."""
    previous = [key for key in await store.load() if key.retired_at is None]
    key = generator.generate_key(f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}", now)
    await store.add(key)
    for old in previous:
        await store.retire(old.kid, now)
    await store.prune(now - timedelta(seconds=grace))
    return key


async def ensure_signing_key(
    store: SigningKeyStore, generator: KeyGenerator, now: datetime
) -> None:
    """Create the first key of a new database, so a fresh service can sign at once."""
    if not [key for key in await store.load() if key.retired_at is None]:
        await rotate_keys(store, generator, now, grace=0)

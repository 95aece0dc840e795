"""Password sign-in: throttled per account and per address, equally slow for every failure."""

import asyncio
import secrets

from ...domain.users.user import User, normalise_username
from ...kernel.errors import OAuthError
from ...kernel.messages import ErrorMessages
from ..security.rate_limiting import KeyScope, RateLimiter, RateLimitKey
from .ports import PasswordHasher, UserRepository

LOGIN_ROUTE = "login"


class PasswordLogin:
    """Checks a user name and password; every attempt counts against two budgets.

    An unknown name is checked against a dummy hash, so it takes as long as a wrong password.
    The dummy is made when the first unknown name arrives, not at start-up (a hash costs a
    third of a second), and hashes run in a worker thread, so the event loop keeps serving
    other requests meanwhile.
    """

    def __init__(
        self,
        users: UserRepository,
        hasher: PasswordHasher,
        *,
        per_account: RateLimiter[RateLimitKey],
        per_address: RateLimiter[RateLimitKey],
    ) -> None:
        self._users = users
        self._hasher = hasher
        self._per_account = per_account
        self._per_address = per_address
        self._decoy: str | None = None

    async def login(self, username: str, password: str, address: str) -> User:
        """Return the active user, upgrading its hash if needed; raise ``invalid_grant``."""
        name = normalise_username(username)
        for limiter, key in (
            (self._per_account, RateLimitKey(KeyScope.USER, name, LOGIN_ROUTE)),
            (self._per_address, RateLimitKey(KeyScope.IP, address, LOGIN_ROUTE)),
        ):
            decision = await limiter.hit(key)
            if not decision.allowed:
                raise OAuthError(
                    "invalid_grant",
                    ErrorMessages.AUTH.LOGIN_THROTTLED,
                    retry_after=max(1, round(decision.retry_after)),
                )
        user = await self._users.find(name)
        stored = user.password_hash if user is not None else await self._decoy_hash()
        valid, new_hash = await asyncio.to_thread(self._hasher.verify_and_update, password, stored)
        if user is None or not valid or not user.is_active:
            raise OAuthError("invalid_grant", ErrorMessages.AUTH.LOGIN_FAILED)
        if new_hash is not None:
            user.replace_password_hash(new_hash)
            await self._users.save(user)
        return user

    async def _decoy_hash(self) -> str:
        if self._decoy is None:
            self._decoy = await asyncio.to_thread(self._hasher.hash, secrets.token_urlsafe(16))
        return self._decoy

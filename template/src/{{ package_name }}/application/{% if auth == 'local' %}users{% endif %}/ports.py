"""Ports of the OAuth server: where users and clients are kept, and how passwords are hashed."""

from typing import Protocol, runtime_checkable
from uuid import UUID

from ...domain.users.client import OAuthClient
from ...domain.users.user import User


@runtime_checkable
class UserRepository(Protocol):
    """Keeps users; names are unique once normalised."""

    async def get(self, user_id: UUID) -> User | None:
        """Return the user with ``user_id``, or None."""

    async def find(self, username: str) -> User | None:
        """Return the user named ``username`` (normalised first), or None."""

    async def add(self, user: User) -> bool:
        """Store a new user; False if the name is taken."""

    async def save(self, user: User) -> None:
        """Store the changes of an existing user (disabled, new password hash)."""


@runtime_checkable
class ClientRepository(Protocol):
    """Keeps the registered OAuth clients."""

    async def get(self, client_id: str) -> OAuthClient | None:
        """Return the client, or None."""

    async def add(self, client: OAuthClient) -> bool:
        """Register a client; False if the id is taken."""


@runtime_checkable
class PasswordHasher(Protocol):
    """Hashes passwords and tells whether a stored hash should be upgraded."""

    def hash(self, password: str) -> str:
        """Return a new salted hash of ``password``."""

    def verify_and_update(self, password: str, password_hash: str) -> tuple[bool, str | None]:
        """Return whether ``password`` matches, and a new hash if the parameters changed."""

"""The port a pool uses to make, check and dispose of its connections."""

from typing import Protocol


class ConnectionFactory[T](Protocol):
    """Creates, validates and destroys the connections of a ``ConnectionPool[T]``.

    Type parameters:
        T: the pooled resource (a client, a channel...).
    """

    async def create(self) -> T:
        """Open a new connection; raising leaves the pool unchanged."""
        ...

    async def destroy(self, connection: T) -> None:
        """Release everything the connection holds."""
        ...

    async def validate(self, connection: T) -> bool:
        """Return True if the connection may be handed out again."""
        ...

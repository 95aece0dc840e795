"""The port through which committed domain events leave a unit of work."""

from collections.abc import Sequence
from typing import Protocol, runtime_checkable


@runtime_checkable
class EventPublisher(Protocol):
    """Delivers domain events to their subscribers; called only after a commit succeeded."""

    async def publish(self, events: Sequence[object]) -> None:
        """Hand ``events`` to every subscriber of their type, in order."""
        ...

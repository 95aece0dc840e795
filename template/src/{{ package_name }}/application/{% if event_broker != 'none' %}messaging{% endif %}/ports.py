"""What the application needs from a message broker, whichever backend implements it."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable


@runtime_checkable
class MessageHandler[TMessage, TResult](Protocol):
    """Something that handles one message; any ``async def`` of one argument fits.

    Type parameters:
        TMessage: the message handled (contravariant in practice: a handler of a base
            class may handle its subclasses).
        TResult: what handling returns; brokers ignore it, tests and callers may not.
    """

    async def __call__(self, message: TMessage, /) -> TResult:
        """Handle ``message``; raising asks the broker to retry it."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadLetter[TMessage]:
    """A message a subscriber could not handle even after its last attempt.

    Type parameters:
        TMessage: the message type, kept as it was published (nothing is serialised).

    ``error_type`` and ``error_message`` describe the failure of the last attempt.
    """

    message: TMessage
    topic: str
    subscription: str
    error_type: str
    error_message: str
    attempts: int
    first_attempt_at: datetime
    failed_at: datetime


@runtime_checkable
class MessageBroker[TMessage](Protocol):
    """Routes messages published on a topic to every subscription whose pattern matches.

    Type parameters:
        TMessage: the messages this broker carries.

    Topics are dot-separated words (``catalog.product.created``). A pattern is a topic,
    or uses ``*`` for exactly one word and ``#`` for zero or more words
    (``catalog.*.created``, ``catalog.#``), as AMQP topic exchanges do.
    Each matching subscription receives a message once, with retries on failure; a
    message that fails every attempt becomes a ``DeadLetter``.
    """

    def subscribe(
        self, pattern: str, handler: MessageHandler[TMessage, object], *, name: str = ""
    ) -> None:
        """Deliver every message whose topic matches ``pattern`` to ``handler``."""
        ...

    async def publish(self, topic: str, message: TMessage) -> None:
        """Accept ``message`` for delivery to the subscribers of ``topic``."""
        ...

    async def drain(self) -> None:
        """Wait until every message accepted so far has been delivered or dead-lettered."""
        ...

    @property
    def dead_letters(self) -> Sequence[DeadLetter[TMessage]]:
        """The most recent dead letters, oldest first."""
        ...


class DeliveryObserver(Protocol):
    """Told about retries and dead letters, e.g. to count them in metrics."""

    def retrying(self, topic: str, subscription: str, attempt: int) -> None:
        """A delivery failed and attempt number ``attempt`` (from 2) is about to start."""
        ...

    def dead_lettered(self, letter: DeadLetter[object]) -> None:
        """A message failed its last attempt for one subscription."""
        ...


@runtime_checkable
class EventPublisher[TEvent](Protocol):
    """Hands domain events on to their subscribers, in order.

    Type parameters:
        TEvent: the root of the events published (``object`` for any event).
    """

    async def publish(self, events: Sequence[TEvent]) -> None:
        """Hand ``events`` to every subscriber of their type, in order."""
        ...

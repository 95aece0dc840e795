"""One message to one subscription: retried, and dead-lettered after the last attempt."""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import structlog

from ...application.messaging.ports import DeadLetter, DeliveryObserver, MessageHandler
from .retry import BackoffRetry
from .topics import TopicPattern

_logger = structlog.get_logger(__name__)


@dataclass(frozen=True, slots=True)
class Subscription[TMessage]:
    """A handler, the topics it wants, and the name metrics and dead letters give it.

    Type parameters:
        TMessage: the messages the handler takes.
    """

    name: str
    pattern: TopicPattern
    handler: MessageHandler[TMessage, object]


@dataclass(frozen=True, slots=True, kw_only=True)
class Deliverer[TMessage]:
    """Runs a subscription's handler under ``retry``; keeps, logs and reports dead letters.

    Type parameters:
        TMessage: the messages delivered.
    """

    retry: BackoffRetry
    dead_letters: deque[DeadLetter[TMessage]]
    clock: Callable[[], datetime]
    observer: DeliveryObserver | None = None

    async def deliver(
        self, subscription: Subscription[TMessage], topic: str, message: TMessage
    ) -> None:
        """Hand ``message`` to the subscription; never raises for a failing handler."""
        first_attempt_at = self.clock()

        def retrying(attempt: int) -> None:
            if self.observer is not None:
                self.observer.retrying(topic, subscription.name, attempt)

        failure = await self.retry.run(lambda: subscription.handler(message), retrying)
        if failure is None:
            return
        letter = DeadLetter(
            message=message,
            topic=topic,
            subscription=subscription.name,
            error_type=type(failure.error).__qualname__,
            error_message=str(failure.error),
            attempts=failure.attempts,
            first_attempt_at=first_attempt_at,
            failed_at=self.clock(),
        )
        self.dead_letters.append(letter)
        _logger.error(
            "message_dead_lettered",
            topic=topic,
            subscription=subscription.name,
            attempts=letter.attempts,
            error_type=letter.error_type,
            error=letter.error_message,
        )
        if self.observer is not None:
            self.observer.dead_lettered(letter)

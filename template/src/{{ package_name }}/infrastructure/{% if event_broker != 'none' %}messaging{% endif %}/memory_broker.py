"""``InMemoryBroker[TMessage]``: topic routing, retries and dead letters inside the process."""

import asyncio
import contextlib
import contextvars
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Self

import structlog

from ...application.messaging.ports import DeadLetter, DeliveryObserver, MessageHandler
from ...kernel.messages import ErrorMessages, format_message
from .delivery import Deliverer, Subscription
from .retry import BackoffRetry
from .topics import TopicPattern, topic_words

_logger = structlog.get_logger(__name__)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class _Queued[TMessage]:
    topic: str
    words: tuple[str, ...]
    message: TMessage
    context: contextvars.Context


class InMemoryBroker[TMessage]:
    """A ``MessageBroker`` whose queue and subscribers live in this process.

    Type parameters:
        TMessage: the messages carried; handlers receive them as published (no copy).

    ``publish`` queues the message and returns; one consumer task, started by ``start``
    (or ``async with``), delivers messages in publication order. Each matching
    subscription gets the message once, concurrently with the others, retried by
    ``retry``; after the last failed attempt it becomes a ``DeadLetter`` (logged, told to
    the ``observer``, and kept among the last ``dead_letter_limit``). Leaving ``async with``
    delivers what is queued, waiting at most ``shutdown_timeout`` seconds. Messages are
    lost if the process dies: use a durable broker where that matters.

    Example::

        async with InMemoryBroker[Order](retry) as broker:
            broker.subscribe("orders.*.placed", reserve_stock, name="reserve_stock")
            await broker.publish("orders.eu.placed", order)
    """

    def __init__(
        self,
        retry: BackoffRetry,
        *,
        observer: DeliveryObserver | None = None,
        dead_letter_limit: int = 1000,
        queue_size: int = 0,
        shutdown_timeout: float | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._shutdown_timeout = shutdown_timeout
        self._subscriptions: list[Subscription[TMessage]] = []
        self._dead_letters: deque[DeadLetter[TMessage]] = deque(maxlen=dead_letter_limit)
        self._deliverer = Deliverer(
            retry=retry, dead_letters=self._dead_letters, clock=clock, observer=observer
        )
        self._queue: asyncio.Queue[_Queued[TMessage]] = asyncio.Queue(queue_size)
        self._consumer: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        """True between ``start`` and ``stop``."""
        return self._consumer is not None

    @property
    def dead_letters(self) -> Sequence[DeadLetter[TMessage]]:
        """The most recent dead letters, oldest first."""
        return tuple(self._dead_letters)

    def subscribe(
        self, pattern: str, handler: MessageHandler[TMessage, object], *, name: str = ""
    ) -> None:
        """Deliver every message whose topic matches ``pattern`` to ``handler``."""
        label = name or getattr(handler, "__qualname__", type(handler).__qualname__)
        self._subscriptions.append(Subscription(label, TopicPattern.parse(pattern), handler))

    async def publish(self, topic: str, message: TMessage) -> None:
        """Queue ``message`` for the subscribers of ``topic``; waits while the queue is full."""
        words = topic_words(topic)
        if self._consumer is None:
            raise RuntimeError(
                format_message(ErrorMessages.MESSAGING.BROKER_NOT_RUNNING, broker="in-memory")
            )
        # Handlers run in a copy of the publisher's context: request id, actor, trace.
        await self._queue.put(_Queued(topic, words, message, contextvars.copy_context()))

    async def drain(self) -> None:
        """Wait until every queued message has been delivered or dead-lettered."""
        await self._queue.join()

    async def start(self) -> None:
        """Start delivering; publishing before this raises."""
        if self._consumer is None:
            self._consumer = asyncio.create_task(self._consume(), name="in-memory-broker")

    async def stop(self) -> None:
        """Deliver what is queued (for at most ``shutdown_timeout`` seconds), then stop."""
        if self._consumer is None:
            return
        try:
            async with asyncio.timeout(self._shutdown_timeout):
                await self.drain()
        except TimeoutError:
            _logger.warning("broker_stopped_undelivered", undelivered=self._queue.qsize())
        consumer, self._consumer = self._consumer, None
        consumer.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await consumer

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _consume(self) -> None:
        while True:
            queued = await self._queue.get()
            try:
                deliveries = [
                    asyncio.create_task(
                        self._deliverer.deliver(sub, queued.topic, queued.message),
                        context=queued.context.copy(),
                    )
                    for sub in self._subscriptions
                    if sub.pattern.matches(queued.words)
                ]
                await asyncio.gather(*deliveries)
            finally:
                self._queue.task_done()

"""``RabbitTaskConsumer``: manual-ack consumption of one task kind, with retries by delay queue."""

import asyncio
import contextlib
from collections.abc import Awaitable
from datetime import timedelta
from uuid import UUID

import structlog
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue, ConsumerTag
from aio_pika.exceptions import AMQPError, ChannelInvalidStateError
from opentelemetry import context, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from pydantic import TypeAdapter, ValidationError

from ...application.tasks.broker_metrics import BrokerMetrics, QueueLabels, TaskEvent
from ...application.tasks.delivery import DeliveryHandler
from ...application.tasks.jobs import JobPriority
from .publisher import (
    ATTEMPT_HEADER,
    RabbitTaskPublisher,
    job_priority,
    span_attributes,
    task_message,
)

_logger = structlog.get_logger("tasks.rabbitmq")
_LOST = (AMQPError, ChannelInvalidStateError, ConnectionError)


class RabbitDelivery[TTask]:
    """One received message, decoded; settles it on the channel it came from.

    Type parameters:
        TTask: the decoded payload.

    If the connection dropped while the task ran, settling fails quietly: the broker
    has already put the message back and delivers it again. ``span``, the consumer span
    of this attempt, ends when the delivery is settled, with how it was settled.
    """

    def __init__(
        self,
        message: AbstractIncomingMessage,
        task_id: UUID,
        payload: TTask,
        publisher: RabbitTaskPublisher[TTask],
        span: trace.Span = trace.INVALID_SPAN,
    ) -> None:
        self.message = message
        self._task_id = task_id
        self._payload = payload
        self.publisher = publisher
        self.span = span

    @property
    def task_id(self) -> UUID:
        """The id the publisher gave the task."""
        return self._task_id

    @property
    def payload(self) -> TTask:
        """The decoded payload."""
        return self._payload

    @property
    def priority(self) -> JobPriority:
        """The priority it was published with."""
        return job_priority(self.message.priority)

    @property
    def attempt(self) -> int:
        """The attempt number carried in the message's headers."""
        return _attempt(self.message)

    async def ack(self) -> None:
        """Tell the broker the task is done."""
        await self._settle(self.message.ack(), "acked")

    async def retry(self, delay: timedelta) -> None:
        """Publish the next attempt to the delay queue (confirmed), then ack this one."""
        again = task_message(
            self.message.body,
            task_id=self.task_id,
            kind=self.publisher.topology.kind,
            priority=self.priority,
            attempt=self.attempt + 1,
        )
        await self.publisher.send(again, delay)
        await self._settle(self.message.ack(), "retried")

    async def dead_letter(self) -> None:
        """Reject without requeue: the work queue dead-letters it."""
        self.span.set_status(Status(StatusCode.ERROR, "dead-lettered after the last attempt"))
        await self._settle(self.message.reject(requeue=False), "dead_lettered")

    async def requeue(self) -> None:
        """Give the message back for another worker, as the same attempt."""
        await self._settle(self.message.nack(requeue=True), "requeued")

    async def _settle(self, settling: Awaitable[object], outcome: str) -> None:
        try:
            await settling
        except _LOST:
            _logger.warning("tasks.settle_lost", task_id=self.message.message_id)
        finally:
            self.span.set_attribute("task.outcome", outcome)
            self.span.end()


class RabbitTaskConsumer[TTask]:
    """Consumes one kind's work queue with manual acknowledgements and a prefetch limit.

    Type parameters:
        TTask: the payload, decoded by pydantic; an undecodable message is dead-lettered.
    """

    def __init__(
        self,
        channel: AbstractChannel,
        publisher: RabbitTaskPublisher[TTask],
        payload: TypeAdapter[TTask],
        metrics: BrokerMetrics,
        *,
        prefetch: int,
        depth_sample_seconds: float = 5.0,
    ) -> None:
        self.channel = channel
        self.publisher = publisher
        self.payload = payload
        self.metrics = metrics
        self.prefetch = prefetch
        self.depth_sample_seconds = depth_sample_seconds
        self._queue: AbstractQueue | None = None
        self._tag: ConsumerTag | None = None
        self._sampler: asyncio.Task[None] | None = None

    @property
    def kind(self) -> str:
        """The task kind this consumer receives."""
        return self.publisher.topology.kind

    async def start(self, handle: DeliveryHandler[TTask]) -> None:
        """Declare the topology, set the prefetch and start consuming."""

        async def on_message(message: AbstractIncomingMessage) -> None:
            span = self._consumer_span(message)
            try:
                payload = self.payload.validate_json(message.body)
                task_id = UUID(message.message_id or "")
            except (ValidationError, ValueError, TypeError):
                _logger.error("tasks.undecodable", kind=self.kind, message_id=message.message_id)
                self.metrics.count(self.kind, TaskEvent.DEAD_LETTERED)
                span.set_status(Status(StatusCode.ERROR, "undecodable"))
                span.end()
                await message.reject(requeue=False)
                return
            # Current while the worker takes the job, so the task's spans are its children.
            token = context.attach(trace.set_span_in_context(span))
            try:
                await handle(RabbitDelivery(message, task_id, payload, self.publisher, span))
            finally:
                context.detach(token)

        await self.channel.set_qos(prefetch_count=self.prefetch)
        self._queue = await self.publisher.topology.declare(self.channel)
        self._tag = await self._queue.consume(on_message, no_ack=False)
        self._sampler = asyncio.create_task(self._sample_depth(), name=f"tasks.depth.{self.kind}")

    def _consumer_span(self, message: AbstractIncomingMessage) -> trace.Span:
        """A consumer span continuing the trace in ``message``'s headers (the publisher's)."""
        headers = {
            name: value for name, value in (message.headers or {}).items() if isinstance(value, str)
        }
        topology = self.publisher.topology
        attributes = span_attributes(topology, message.message_id or "") | {
            "messaging.operation.type": "process",
            "task.attempt": _attempt(message),
        }
        return self.publisher.tracer.start_span(
            f"process {self.kind}",
            context=propagate.extract(headers),
            kind=SpanKind.CONSUMER,
            attributes=attributes,
        )

    async def stop(self) -> None:
        """Cancel the consumer: the broker sends nothing more to this worker."""
        if self._sampler is not None:
            self._sampler.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sampler
            self._sampler = None
        if self._queue is not None and self._tag is not None:
            try:
                await self._queue.cancel(self._tag)
            except _LOST:
                _logger.warning("tasks.cancel_lost", kind=self.kind)
            self._tag = None

    async def depth(self) -> int:
        """Return the number of ready messages, by a passive declaration."""
        queue = await self.channel.declare_queue(self.publisher.topology.queue, passive=True)
        count = queue.declaration_result.message_count or 0
        self.metrics.depth.set(QueueLabels(kind=self.kind), count)
        return count

    async def _sample_depth(self) -> None:
        while True:
            try:
                await self.depth()
            except _LOST:
                _logger.debug("tasks.depth_unavailable", kind=self.kind)
            await asyncio.sleep(self.depth_sample_seconds)


def _attempt(message: AbstractIncomingMessage) -> int:
    value = (message.headers or {}).get(ATTEMPT_HEADER, 1)
    return value if isinstance(value, int) and value >= 1 else 1

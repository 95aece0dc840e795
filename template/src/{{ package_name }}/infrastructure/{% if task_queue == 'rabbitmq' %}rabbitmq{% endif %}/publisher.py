"""``RabbitTaskPublisher``: persistent, confirmed publishing of typed tasks on pooled channels."""

import asyncio
from datetime import timedelta
from typing import Final
from uuid import UUID, uuid4

from aio_pika import DeliveryMode, Message
from aio_pika.abc import AbstractChannel
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind
from opentelemetry.util.types import AttributeValue
from pydantic import TypeAdapter

from ...application.observability.tracing import TRACER_NAME
from ...application.tasks.broker_metrics import BrokerMetrics, TaskEvent
from ...application.tasks.jobs import JobPriority
from ..pool.pool import ConnectionPool
from .topology import KIND_HEADER, MAX_PRIORITY, TaskTopology

ATTEMPT_HEADER: Final = "x-task-attempt"
# Highest JobPriority (the lowest value) gets the highest AMQP priority.
_LEVELS: Final = sorted(JobPriority, reverse=True)


def amqp_priority(priority: JobPriority) -> int:
    """The AMQP priority of ``priority``: 0 for the least urgent, up to ``MAX_PRIORITY``."""
    return min(_LEVELS.index(priority), MAX_PRIORITY)


def job_priority(amqp: int | None) -> JobPriority:
    """The ``JobPriority`` a message was published with."""
    return _LEVELS[min(amqp or 0, len(_LEVELS) - 1)]


def task_message(
    body: bytes, *, task_id: UUID, kind: str, priority: JobPriority, attempt: int
) -> Message:
    """A persistent message carrying one attempt of a task, and the trace it belongs to."""
    # W3C traceparent (and tracestate) of the current span; nothing when it is not traced.
    trace_headers: dict[str, str] = {}
    propagate.inject(trace_headers)
    return Message(
        body,
        message_id=str(task_id),
        content_type="application/json",
        delivery_mode=DeliveryMode.PERSISTENT,
        priority=amqp_priority(priority),
        headers={KIND_HEADER: kind, ATTEMPT_HEADER: attempt, **trace_headers},
    )


def span_attributes(topology: TaskTopology, message_id: str) -> dict[str, AttributeValue]:
    """The messaging attributes OpenTelemetry's conventions give a task's spans."""
    return {
        "messaging.system": "rabbitmq",
        "messaging.destination.name": topology.exchange,
        "messaging.rabbitmq.destination.routing_key": topology.kind,
        "messaging.message.id": message_id,
    }


class RabbitTaskPublisher[TTask]:
    """Publishes tasks of one kind; ``publish`` returns once the broker confirmed the message.

    Type parameters:
        TTask: the payload, serialised to JSON by pydantic.

    A delayed task goes to a delay queue whose expiry routes it to the work queue.
    """

    def __init__(
        self,
        channels: ConnectionPool[AbstractChannel],
        topology: TaskTopology,
        payload: TypeAdapter[TTask],
        metrics: BrokerMetrics,
        tracer: trace.Tracer | None = None,
    ) -> None:
        self.channels = channels
        self.topology = topology
        self.payload = payload
        self.metrics = metrics
        self.tracer = tracer or trace.get_tracer(TRACER_NAME)
        self._declared = False
        self._delays: set[timedelta] = set()
        self._declaring = asyncio.Lock()

    async def publish(
        self,
        task: TTask,
        *,
        task_id: UUID | None = None,
        priority: JobPriority = JobPriority.NORMAL,
        delay: timedelta = timedelta(0),
    ) -> UUID:
        """Publish ``task`` persistently and wait for the broker's confirm; return its id.

        A producer span covers the publish; its context travels in the message headers.
        """
        task_id = task_id or uuid4()
        with self.tracer.start_as_current_span(
            f"publish {self.topology.kind}",
            kind=SpanKind.PRODUCER,
            attributes=span_attributes(self.topology, str(task_id))
            | {"messaging.operation.type": "send"},
        ):
            message = task_message(
                self.payload.dump_json(task),
                task_id=task_id,
                kind=self.topology.kind,
                priority=priority,
                attempt=1,
            )
            await self.send(message, delay)
        self.metrics.count(self.topology.kind, TaskEvent.ENQUEUED)
        return task_id

    async def send(self, message: Message, delay: timedelta = timedelta(0)) -> None:
        """Publish a prepared message of this kind, after ``delay`` if it is positive."""
        async with self.channels.acquire() as channel:
            await self._declare(channel, delay)
            if delay > timedelta(0):
                queue = self.topology.delay_queue(delay)
                await channel.default_exchange.publish(message, routing_key=queue)
                return
            exchange = await channel.get_exchange(self.topology.exchange, ensure=False)
            await exchange.publish(message, routing_key=self.topology.kind)

    async def _declare(self, channel: AbstractChannel, delay: timedelta) -> None:
        async with self._declaring:
            if not self._declared:
                await self.topology.declare(channel)
                self._declared = True
            if delay > timedelta(0) and delay not in self._delays:
                await self.topology.declare_delay(channel, delay)
                self._delays.add(delay)

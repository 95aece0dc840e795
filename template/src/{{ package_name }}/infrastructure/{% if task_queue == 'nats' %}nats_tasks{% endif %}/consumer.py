"""``NatsTaskConsumer``: pulls one task kind, most urgent subject first, and keeps tasks alive."""

import asyncio
import contextlib
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Final
from uuid import UUID

import nats
import structlog
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import context, propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode
from pydantic import TypeAdapter, ValidationError

from ...application.tasks.broker_metrics import BrokerMetrics, QueueLabels, TaskEvent
from ...application.tasks.delivery import DeliveryHandler
from ...application.tasks.jobs import JobPriority
from ...settings import NatsTaskSettings
from .delayed import move_due
from .delivery import NatsDelivery
from .publisher import NatsTaskPublisher, span_attributes
from .subjects import MESSAGE_ID, TASK_ID_HEADER, declare_streams

if TYPE_CHECKING:
    from nats.aio.subscription import Subscription

# A fetch that finds fewer tasks than it asked for waits this long for the rest.
PROBE_SECONDS: Final = 0.05
# Retries handed back with a delay come due without a publish and without showing in a
# consumer's pending count: its subject is fetched blindly at least this often.
IDLE_SECONDS: Final = 0.5
_LOST = (TimeoutError, nats.errors.Error)
_logger = structlog.get_logger("tasks.nats")

type PullSubscription = JetStreamContext.PullSubscription


class NatsTaskConsumer[TTask]:
    """Pulls the tasks of one kind from their durable consumers, at most ``fetch_batch`` held.

    Type parameters:
        TTask: the payload, decoded by pydantic; an undecodable message is dead-lettered.

    Held tasks get ``in_progress`` every third of the ack wait, so a long task is not
    given to another worker while this one is alive. A delivery beyond ``max_attempts``
    (the last attempt died with its worker) is dead-lettered without running; the
    server's ``max_deliver`` is one more, so no task is ever left stranded.
    """

    def __init__(
        self,
        client: Client,
        publisher: NatsTaskPublisher[TTask],
        payload: TypeAdapter[TTask],
        metrics: BrokerMetrics,
        settings: NatsTaskSettings,
    ) -> None:
        self.client = client
        self.jetstream = publisher.jetstream
        self.publisher = publisher
        self.payload = payload
        self.metrics = metrics
        self.settings = settings
        self._by_priority: list[tuple[JobPriority, PullSubscription]] = []
        self._news: Subscription | None = None
        self._published = asyncio.Event()
        self._slot_freed = asyncio.Event()
        self._held: set[NatsDelivery[TTask]] = set()
        self._loops: list[asyncio.Task[None]] = []
        self._heartbeat: asyncio.Task[None] | None = None
        self._next_blind_fetch = 0.0

    @property
    def kind(self) -> str:
        """The task kind this consumer receives."""
        return self.publisher.subjects.kind

    async def start(self, handle: DeliveryHandler[TTask]) -> None:
        """Declare the streams and consumers, then pull, move due tasks and send heartbeats."""
        await declare_streams(self.jetstream, self.settings)
        subjects = self.publisher.subjects
        last_chance = self.settings.max_attempts + 1
        self._by_priority = [
            (priority, await self._subscribe(subjects.subject(priority), priority, last_chance))
            for priority in sorted(JobPriority)
        ]
        delayed = await self._subscribe(subjects.delayed, None, -1)

        async def wake(_message: Msg) -> None:
            self._published.set()

        # JetStream stores a publish and also passes it to plain subscribers: a cheap doorbell.
        self._news = await self.client.subscribe(f"{subjects.prefix}.tasks.{self.kind}.>", cb=wake)
        for loop, name in (
            (self._pull(handle), "pull"),
            (move_due(delayed, self.publisher, self.settings.reconnect_wait_seconds), "delay"),
            (self._sample_depth(), "depth"),
        ):
            self._loops.append(asyncio.create_task(loop, name=f"tasks.{name}.{self.kind}"))
        self._heartbeat = asyncio.create_task(self._heartbeats(), name=f"tasks.alive.{self.kind}")

    async def stop(self) -> None:
        """Stop pulling; tasks already held may still be settled and keep their heartbeats."""
        loops, self._loops = self._loops, []
        await _cancel(*loops)
        if self._news is not None:
            with contextlib.suppress(*_LOST):
                await self._news.unsubscribe()
            self._news = None

    async def close(self) -> None:
        """Stop everything, heartbeats included (the worker has settled what it could)."""
        await self.stop()
        if self._heartbeat is not None:
            await _cancel(self._heartbeat)
            self._heartbeat = None

    async def depth(self) -> int:
        """Return how many tasks wait in the priority subjects, not yet delivered."""
        count = 0
        for _, subscription in self._by_priority:
            count += (await subscription.consumer_info()).num_pending or 0
        self.metrics.depth.set(QueueLabels(kind=self.kind), count)
        return count

    async def _subscribe(
        self, subject: str, priority: JobPriority | None, max_deliver: int
    ) -> PullSubscription:
        return await self.jetstream.pull_subscribe(
            subject,
            durable=self.publisher.subjects.durable(priority),
            stream=self.publisher.stream,
            config=ConsumerConfig(
                ack_policy=AckPolicy.EXPLICIT,
                deliver_policy=DeliverPolicy.ALL,
                ack_wait=self.settings.ack_wait_seconds,
                max_deliver=max_deliver,
                filter_subject=subject,
            ),
        )

    async def _pull(self, handle: DeliveryHandler[TTask]) -> None:
        while True:
            # Refill once half the batch is free: one round of requests for several tasks.
            low_water = max(1, self.settings.fetch_batch // 2)
            while (free := self.settings.fetch_batch - len(self._held)) < low_water:
                self._slot_freed.clear()
                await self._slot_freed.wait()
            self._published.clear()
            fetched = await self._fetch_most_urgent(free)
            if not fetched:
                with contextlib.suppress(TimeoutError):
                    async with asyncio.timeout(IDLE_SECONDS):
                        await self._published.wait()
                continue
            for priority, message in fetched:
                await self._deliver(priority, message, handle)

    async def _fetch_most_urgent(self, free: int) -> list[tuple[JobPriority, Msg]]:
        """Fetch from the most urgent subject that has tasks to give.

        A consumer's pending count is one cheap request and tells which subjects hold new
        tasks; a fetch on an empty subject would cost its whole wait. Subjects with tasks
        out for delivery may also hold retries coming due, so they are fetched blindly
        every ``IDLE_SECONDS``.
        """
        now = asyncio.get_running_loop().time()
        blind = now >= self._next_blind_fetch
        if blind:
            self._next_blind_fetch = now + IDLE_SECONDS
        try:
            for priority, subscription in self._by_priority:
                info = await subscription.consumer_info()
                waiting = info.num_pending or 0
                if not waiting and not (blind and info.num_ack_pending):
                    continue
                with contextlib.suppress(nats.errors.TimeoutError):
                    wanted = min(free, waiting) if waiting else free
                    if messages := await subscription.fetch(wanted, timeout=PROBE_SECONDS):
                        return [(priority, message) for message in messages]
        except _LOST as error:
            # Disconnected: the client reconnects by itself; ask again shortly.
            _logger.info("tasks.fetch_failed", kind=self.kind, error=type(error).__name__)
            await asyncio.sleep(self.settings.reconnect_wait_seconds)
        return []

    async def _deliver(
        self, priority: JobPriority, message: Msg, handle: DeliveryHandler[TTask]
    ) -> None:
        span = self._consumer_span(message)
        try:
            payload = self.payload.validate_json(message.data)
            task_id = UUID((message.headers or {}).get(TASK_ID_HEADER, ""))
        except (ValidationError, ValueError):
            _logger.error("tasks.undecodable", kind=self.kind, subject=message.subject)
            span.set_status(Status(StatusCode.ERROR, "undecodable"))
            span.end()
            await self._settle_quietly(self._bury_undecodable(message))
            return

        def release() -> None:
            self._held.discard(delivery)
            self._slot_freed.set()

        delivery = NatsDelivery(
            message,
            task_id,
            payload,
            priority=priority,
            publisher=self.publisher,
            on_settled=release,
            span=span,
        )
        self._held.add(delivery)
        if delivery.attempt > self.settings.max_attempts:
            _logger.error("tasks.out_of_attempts", kind=self.kind, task_id=str(task_id))
            await delivery.dead_letter()
            self.metrics.count(self.kind, TaskEvent.DEAD_LETTERED)
            return
        # Current while the worker takes the job, so the task's spans are its children.
        token = context.attach(trace.set_span_in_context(span))
        try:
            await handle(delivery)
        finally:
            context.detach(token)

    def _consumer_span(self, message: Msg) -> trace.Span:
        """A consumer span continuing the trace in ``message``'s headers (the publisher's)."""
        headers = message.headers or {}
        attributes = span_attributes(message.subject, headers.get(TASK_ID_HEADER, "")) | {
            "messaging.operation.type": "process",
            "task.attempt": max(1, message.metadata.num_delivered or 1),
        }
        return self.publisher.tracer.start_span(
            f"process {self.kind}",
            context=propagate.extract(headers),
            kind=SpanKind.CONSUMER,
            attributes=attributes,
        )

    async def _bury_undecodable(self, message: Msg) -> None:
        sequence = message.metadata.sequence.stream
        headers = {**(message.headers or {}), MESSAGE_ID: f"{self.kind}.{sequence}.dead"}
        await self.publisher.bury(message.data, headers)
        await message.term()
        self.metrics.count(self.kind, TaskEvent.DEAD_LETTERED)

    async def _heartbeats(self) -> None:
        interval = self.settings.ack_wait_seconds / 3
        while True:
            await asyncio.sleep(interval)
            for delivery in list(self._held):
                with contextlib.suppress(*_LOST):
                    await delivery.heartbeat()

    async def _sample_depth(self) -> None:
        while True:
            with contextlib.suppress(*_LOST):
                await self.depth()
            await asyncio.sleep(self.settings.depth_sample_seconds)

    async def _settle_quietly(self, settling: Awaitable[None]) -> None:
        try:
            await settling
        except _LOST:
            # Unsettled, the message comes back after the ack wait.
            _logger.warning("tasks.settle_lost", kind=self.kind)


async def _cancel(*loops: asyncio.Task[None]) -> None:
    for loop in loops:
        loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loop

"""``NatsDelivery``: one JetStream message of a task, settled by ack, nak with delay or term."""

from collections.abc import Awaitable, Callable
from datetime import timedelta
from uuid import UUID

import nats
import structlog
from nats.aio.msg import Msg
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

from ...application.tasks.jobs import JobPriority
from .publisher import NatsTaskPublisher
from .subjects import MESSAGE_ID

_logger = structlog.get_logger("tasks.nats")


class NatsDelivery[TTask]:
    """One delivered message, decoded; settling it also ends its heartbeats.

    Type parameters:
        TTask: the decoded payload.

    The attempt is the server's delivery count: a run cut short by a crash or a
    shutdown counts as an attempt too. If the connection is down when the task is
    settled, settling fails quietly: the server delivers the task again after its
    ack wait. ``span``, the consumer span of this attempt, ends when the delivery is
    settled, with how it was settled.
    """

    def __init__(
        self,
        message: Msg,
        task_id: UUID,
        payload: TTask,
        *,
        priority: JobPriority,
        publisher: NatsTaskPublisher[TTask],
        on_settled: Callable[[], None],
        span: trace.Span = trace.INVALID_SPAN,
    ) -> None:
        self.message = message
        self._task_id = task_id
        self._payload = payload
        self._priority = priority
        self.publisher = publisher
        self._on_settled = on_settled
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
        """The priority it was published with (the subject it came from)."""
        return self._priority

    @property
    def attempt(self) -> int:
        """How many times the server has delivered this task, this delivery included."""
        return max(1, self.message.metadata.num_delivered)

    async def heartbeat(self) -> None:
        """Tell the server the task is still being worked on, so it is not given to another."""
        await self.message.in_progress()

    async def ack(self) -> None:
        """The task is done: the work-queue stream deletes it."""
        await self._settle(self.message.ack(), "acked")

    async def retry(self, delay: timedelta) -> None:
        """Hand the task back with ``nak``; the server delivers it again after ``delay``."""
        await self._settle(self.message.nak(delay=delay.total_seconds()), "retried")

    async def dead_letter(self) -> None:
        """Copy the task to the dead-letter subject (stored before we go on), then terminate it."""
        headers = {
            **(self.message.headers or {}),
            MESSAGE_ID: f"{self.task_id}.dead",
            "Task-Attempts": str(self.attempt),
            "Task-Subject": self.message.subject,
        }
        try:
            await self.publisher.bury(self.message.data, headers)
        except (TimeoutError, nats.errors.Error):
            # Not stored: leave the task unsettled, so it comes back and tries again.
            _logger.warning("tasks.dead_letter_lost", task_id=str(self.task_id))
            self._end_span("dead_letter_lost")
            self._on_settled()
            return
        self.span.set_status(Status(StatusCode.ERROR, "dead-lettered after the last attempt"))
        await self._settle(self.message.term(), "dead_lettered")

    async def requeue(self) -> None:
        """Give the task back at once for another worker (a shutdown interrupted it)."""
        await self._settle(self.message.nak(), "requeued")

    async def _settle(self, settling: Awaitable[None], outcome: str) -> None:
        try:
            await settling
        except (TimeoutError, nats.errors.Error):
            _logger.warning("tasks.settle_lost", task_id=str(self.task_id))
        finally:
            self._end_span(outcome)
            self._on_settled()

    def _end_span(self, outcome: str) -> None:
        self.span.set_attribute("task.outcome", outcome)
        self.span.end()

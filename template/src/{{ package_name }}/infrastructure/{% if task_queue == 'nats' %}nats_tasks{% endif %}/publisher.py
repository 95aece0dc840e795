"""``NatsTaskPublisher``: typed tasks stored in the work-queue stream before ``publish`` returns."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from pydantic import TypeAdapter

from ...application.tasks.broker_metrics import BrokerMetrics, TaskEvent
from ...application.tasks.jobs import JobPriority
from .subjects import (
    KIND_HEADER,
    MESSAGE_ID,
    NOT_BEFORE_HEADER,
    PRIORITY_HEADER,
    TASK_ID_HEADER,
    TaskSubjects,
    stream_names,
)


class NatsTaskPublisher[TTask]:
    """Publishes tasks of one kind; ``publish`` returns once the stream stored the task.

    Type parameters:
        TTask: the payload, serialised to JSON by pydantic.

    The task id is the message id, so a publish retried after a lost reply is stored
    once (within the stream's duplicate window). A delayed task goes to the kind's
    delayed subject with the time it is due; workers move it to its priority's subject
    then.
    """

    def __init__(
        self,
        jetstream: JetStreamContext,
        subjects: TaskSubjects,
        payload: TypeAdapter[TTask],
        metrics: BrokerMetrics,
        *,
        timeout: float,
    ) -> None:
        self.jetstream = jetstream
        self.subjects = subjects
        self.payload = payload
        self.metrics = metrics
        self.timeout = timeout
        self.stream, self.dead_stream = stream_names(subjects.prefix)

    async def publish(
        self,
        task: TTask,
        *,
        task_id: UUID | None = None,
        priority: JobPriority = JobPriority.NORMAL,
        delay: timedelta = timedelta(0),
    ) -> UUID:
        """Store ``task`` in the stream and return its id."""
        task_id = task_id or uuid4()
        headers = {
            MESSAGE_ID: str(task_id),
            TASK_ID_HEADER: str(task_id),
            KIND_HEADER: self.subjects.kind,
            PRIORITY_HEADER: priority.name,
        }
        subject = self.subjects.subject(priority)
        if delay > timedelta(0):
            headers[NOT_BEFORE_HEADER] = (datetime.now(UTC) + delay).isoformat()
            subject = self.subjects.delayed
        await self.send(subject, self.payload.dump_json(task), headers)
        self.metrics.count(self.subjects.kind, TaskEvent.ENQUEUED)
        return task_id

    async def send(self, subject: str, body: bytes, headers: dict[str, str]) -> None:
        """Store a prepared message of this kind and wait for the stream's acknowledgement."""
        await self.jetstream.publish(
            subject, body, timeout=self.timeout, stream=self.stream, headers=headers
        )

    async def bury(self, body: bytes, headers: dict[str, str]) -> None:
        """Store a task that will not be attempted again on the kind's dead-letter subject."""
        await self.jetstream.publish(
            self.subjects.dead_letter,
            body,
            timeout=self.timeout,
            stream=self.dead_stream,
            headers=headers,
        )

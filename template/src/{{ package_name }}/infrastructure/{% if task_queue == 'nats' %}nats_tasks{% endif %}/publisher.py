"""``NatsTaskPublisher``: typed tasks stored in the work-queue stream before ``publish`` returns."""

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

from nats.js import JetStreamContext
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind
from opentelemetry.util.types import AttributeValue
from pydantic import TypeAdapter

from ...application.observability.tracing import TRACER_NAME
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


def span_attributes(subject: str, task_id: str) -> dict[str, AttributeValue]:
    """The messaging attributes OpenTelemetry's conventions give a task's spans."""
    return {
        "messaging.system": "nats",
        "messaging.destination.name": subject,
        "messaging.message.id": task_id,
    }


class NatsTaskPublisher[TTask]:
    """Publishes tasks of one kind; ``publish`` returns once the stream stored the task.

    Type parameters:
        TTask: the payload, serialised to JSON by pydantic.

    The task id is the message id, so a publish retried after a lost reply is stored
    once (within the stream's duplicate window). A delayed task goes to the kind's
    delayed subject with the time it is due; workers move it to its priority's subject
    then. A producer span covers the publish, and its trace context travels in the
    message headers (``traceparent``), so the worker's span continues the publisher's trace.
    """

    def __init__(
        self,
        jetstream: JetStreamContext,
        subjects: TaskSubjects,
        payload: TypeAdapter[TTask],
        metrics: BrokerMetrics,
        *,
        timeout: float,
        tracer: trace.Tracer | None = None,
    ) -> None:
        self.jetstream = jetstream
        self.tracer = tracer or trace.get_tracer(TRACER_NAME)
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
        with self.tracer.start_as_current_span(
            f"publish {self.subjects.kind}",
            kind=SpanKind.PRODUCER,
            attributes=span_attributes(subject, str(task_id))
            | {"messaging.operation.type": "send"},
        ):
            # W3C traceparent (and tracestate) of the span; nothing when it is not traced.
            propagate.inject(headers)
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

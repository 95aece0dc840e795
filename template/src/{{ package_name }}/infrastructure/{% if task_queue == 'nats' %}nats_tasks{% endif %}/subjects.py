"""Subjects, streams and durable consumers of the task queue, and their declaration."""

import re
from dataclasses import dataclass
from typing import Final

from nats.js import JetStreamContext
from nats.js.api import RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import BadRequestError

from ...application.tasks.jobs import JobPriority
from ...settings import NatsTaskSettings

MESSAGE_ID: Final = "Nats-Msg-Id"
TASK_ID_HEADER: Final = "Task-Id"
KIND_HEADER: Final = "Task-Kind"
NOT_BEFORE_HEADER: Final = "Task-Not-Before"
PRIORITY_HEADER: Final = "Task-Priority"
DELAYED: Final = "delayed"
_NOT_A_NAME = re.compile(r"[^A-Za-z0-9_-]")


def stream_names(prefix: str) -> tuple[str, str]:
    """The work-queue stream and the dead-letter stream under ``prefix``."""
    base = _NOT_A_NAME.sub("_", prefix).upper()
    return f"{base}_TASKS", f"{base}_TASKS_DEAD"


@dataclass(frozen=True, slots=True)
class TaskSubjects:
    """The subjects and consumer names of one task kind.

    Each priority has its own subject and durable consumer, so a worker asks the most
    urgent one first; delayed tasks wait on a subject of their own until they are due.
    """

    prefix: str
    kind: str

    def subject(self, priority: JobPriority) -> str:
        """Where tasks of ``priority`` are published."""
        return f"{self.prefix}.tasks.{self.kind}.{priority.name.lower()}"

    @property
    def delayed(self) -> str:
        """Where delayed tasks wait until they are due."""
        return f"{self.prefix}.tasks.{self.kind}.{DELAYED}"

    @property
    def dead_letter(self) -> str:
        """Where tasks that failed their last attempt are kept for a person."""
        return f"{self.prefix}.dead.{self.kind}"

    def durable(self, priority: JobPriority | None) -> str:
        """The durable consumer of ``priority``'s subject, or of the delayed one for None."""
        level = DELAYED if priority is None else priority.name.lower()
        return _NOT_A_NAME.sub("_", f"{self.kind}-{level}")


async def declare_streams(jetstream: JetStreamContext, settings: NatsTaskSettings) -> None:
    """Create (or update) the work-queue stream and the dead-letter stream.

    Work-queue retention deletes a task once acknowledged or terminated; each consumer
    filters its own subject, as such a stream requires.
    """
    work, dead = stream_names(settings.prefix)
    for name, subjects, retention in (
        (work, f"{settings.prefix}.tasks.>", RetentionPolicy.WORK_QUEUE),
        (dead, f"{settings.prefix}.dead.>", RetentionPolicy.LIMITS),
    ):
        config = StreamConfig(
            name=name,
            subjects=[subjects],
            retention=retention,
            storage=StorageType.FILE,
            num_replicas=settings.replicas,
            duplicate_window=settings.duplicate_window_seconds,
        )
        try:
            await jetstream.add_stream(config)
        except BadRequestError:
            # It exists with other settings (a changed window, say): adopt ours.
            await jetstream.update_stream(config)

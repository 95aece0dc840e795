"""The port through which use cases hand typed tasks to whatever runs them in the background."""

from datetime import timedelta
from typing import Protocol
from uuid import UUID

from .jobs import JobPriority


class TaskPublisher[TTask](Protocol):
    """Accepts tasks of one kind for a worker; returns once the task is safely queued.

    Type parameters:
        TTask: the payload of the task kind (a frozen dataclass pydantic can serialise).

    Example::

        task_id = await exports.publish(ExportProducts(export_id, name), priority=JobPriority.BULK)
    """

    async def publish(
        self,
        task: TTask,
        *,
        task_id: UUID | None = None,
        priority: JobPriority = JobPriority.NORMAL,
        delay: timedelta = timedelta(0),
    ) -> UUID:
        """Queue ``task`` to start no sooner than ``delay`` from now; return its id."""
        ...

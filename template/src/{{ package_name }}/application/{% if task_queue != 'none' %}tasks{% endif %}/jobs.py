"""Jobs (a task bound to its payload) and the port through which use cases schedule them."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Protocol
from uuid import UUID, uuid4

from ...kernel.messages import ErrorMessages, format_message
from .task import Clock, ExecutableTask, TaskResult


class JobPriority(IntEnum):
    """Where a job goes in the queue; lower values run first."""

    URGENT = 0
    NORMAL = 10
    BULK = 20


class Job(Protocol):
    """What the worker runs: an identified piece of work that reports its result."""

    @property
    def id(self) -> UUID:
        """The key under which the job's result is kept."""
        ...

    async def execute(
        self, clock: Clock, report: Callable[[TaskResult[object]], None]
    ) -> TaskResult[object]:
        """Run once, reporting intermediate states; return the final result."""
        ...


@dataclass(frozen=True, slots=True)
class TaskJob[TInput, TOutput]:
    """A task bound to the payload it runs on.

    Type parameters:
        TInput: the payload type of ``task``.
        TOutput: the value of a successful run.
    """

    task: ExecutableTask[TInput, TOutput]
    payload: TInput
    id: UUID = field(default_factory=uuid4)

    async def execute(
        self, clock: Clock, report: Callable[[TaskResult[object]], None]
    ) -> TaskResult[object]:
        """Run the task on the payload."""
        return await self.task.execute(self.payload, clock, report)


type JobStarter = Callable[[], Awaitable[UUID]]
"""Schedules one job of a named kind and returns its id."""


class NamedJobs:
    """Kinds of job that can be started by name, without a request (``worker --enqueue``)."""

    def __init__(self) -> None:
        self._starters: dict[str, JobStarter] = {}

    def register(self, name: str, starter: JobStarter) -> None:
        """Make ``starter`` available as ``name``."""
        self._starters[name] = starter

    def select(self, names: Sequence[str]) -> list[JobStarter]:
        """Return the starters of ``names``, in order; raise ``LookupError`` for unknown names."""
        unknown = sorted(set(names) - self._starters.keys())
        if unknown:
            raise LookupError(
                format_message(
                    ErrorMessages.TASKS.UNKNOWN_JOB,
                    names=", ".join(unknown),
                    registered=", ".join(sorted(self._starters)) or "none",
                )
            )
        return [self._starters[name] for name in names]


class JobScheduler(Protocol):
    """Accepts jobs for background execution and keeps their results."""

    def submit(self, job: Job, priority: JobPriority = JobPriority.NORMAL) -> UUID:
        """Queue ``job`` and return its id; its result reads PENDING until a slot takes it."""
        ...

    def result(self, job_id: UUID) -> TaskResult[object] | None:
        """Return the latest result of the job, or None if this scheduler never saw it."""
        ...

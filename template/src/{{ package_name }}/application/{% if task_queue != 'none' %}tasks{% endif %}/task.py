"""What a background task is, and the record of one run of it."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol, Self

from ...kernel.errors import ValidationError
from ...kernel.messages import ErrorMessages

type Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware; injected so tests control time."""


class TaskStatus(StrEnum):
    """State of a background task."""

    PENDING = "pending"
    RUNNING = "running"
    RETRYING = "retrying"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_terminal(self) -> bool:
        """Return True if the task will not run again."""
        return self in {TaskStatus.SUCCEEDED, TaskStatus.FAILED, TaskStatus.CANCELLED}


class Task[TInput, TOutput](Protocol):
    """A unit of background work: takes a payload, returns a value or raises.

    Type parameters:
        TInput: the payload the task runs on (a frozen dataclass, typically).
        TOutput: what a successful run returns.
    """

    async def run(self, payload: TInput) -> TOutput:
        """Do the work for ``payload``."""
        ...


class ExecutableTask[TInput, TOutput](Protocol):
    """A task that reports each run as a ``TaskResult`` instead of raising.

    Type parameters:
        TInput: the payload the task runs on.
        TOutput: the value of a successful run.
    """

    async def execute(
        self, payload: TInput, clock: Clock, report: "Callable[[TaskResult[TOutput]], None]"
    ) -> "TaskResult[TOutput]":
        """Run for ``payload``, passing each intermediate state (RUNNING, RETRYING) to ``report``.

        Failures become a FAILED result, never an exception; cancellation propagates.
        """
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class TaskResult[TOutput]:
    """The state of one task run: status, timings, retries, and its value or error.

    Type parameters:
        TOutput: the value a successful run returns.
    """

    status: TaskStatus
    started_at: datetime | None = None
    finished_at: datetime | None = None
    retries: int = 0
    value: TOutput | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        if self.retries < 0:
            raise ValidationError(
                ErrorMessages.VALIDATION.TOO_SMALL, field="retries", minimum=0, value=self.retries
            )
        ends_before_start = (
            self.started_at is not None
            and self.finished_at is not None
            and self.finished_at < self.started_at
        )
        if ends_before_start:
            raise ValidationError(
                ErrorMessages.VALIDATION.TOO_SMALL,
                field="finished_at",
                minimum=self.started_at,
                value=self.finished_at,
            )

    @classmethod
    def pending(cls) -> Self:
        """A run that waits in a queue."""
        return cls(status=TaskStatus.PENDING)

    @property
    def duration(self) -> timedelta | None:
        """How long the run took, once it has finished."""
        if self.started_at is None or self.finished_at is None:
            return None
        return self.finished_at - self.started_at

    def start(self, started_at: datetime) -> Self:
        """The same run, RUNNING since ``started_at``."""
        return type(self)(status=TaskStatus.RUNNING, started_at=started_at)

    def retry(self, retries: int, error: str) -> Self:
        """The same run, RETRYING after its ``retries``-th failed attempt failed with ``error``."""
        return type(self)(
            status=TaskStatus.RETRYING, started_at=self.started_at, retries=retries, error=error
        )

    def succeed[TValue](
        self, value: TValue, *, finished_at: datetime, retries: int = 0
    ) -> "TaskResult[TValue]":
        """The same run, SUCCEEDED with ``value``."""
        # Generic in its own parameter, so TaskResult stays covariant in TOutput.
        return TaskResult(
            status=TaskStatus.SUCCEEDED,
            started_at=self.started_at,
            finished_at=finished_at,
            retries=retries,
            value=value,
        )

    def fail(self, error: str, *, finished_at: datetime, retries: int = 0) -> Self:
        """The same run, FAILED with ``error`` (a description, never a traceback)."""
        return type(self)(
            status=TaskStatus.FAILED,
            started_at=self.started_at,
            finished_at=finished_at,
            retries=retries,
            error=error,
        )

    def cancel(self, finished_at: datetime) -> Self:
        """The same run, CANCELLED: it will not run (again) in this process."""
        return type(self)(
            status=TaskStatus.CANCELLED,
            started_at=self.started_at,
            finished_at=finished_at,
            retries=self.retries,
        )


def describe_error(error: BaseException) -> str:
    """One line for a result: the exception's type and message, never a traceback."""
    message = str(error)
    return f"{type(error).__name__}: {message}" if message else type(error).__name__

"""Job queue ports: the worker takes jobs from a queue it does not need to know the kind of."""

from typing import Protocol


class JobQueue[TJob](Protocol):
    """Jobs waiting for a worker; ``get`` waits until one is there.

    Type parameters:
        TJob: what the queue holds (the worker's ``Job``, or anything in a test).
    """

    def __len__(self) -> int:
        """Return how many jobs are waiting."""
        ...

    def put(self, job: TJob) -> None:
        """Add ``job`` behind the jobs already waiting with the same precedence."""
        ...

    async def get(self) -> TJob:
        """Remove and return the next job, waiting for one if the queue is empty."""
        ...

    def drain(self) -> list[TJob]:
        """Remove and return every waiting job, next one first."""
        ...


class PriorityJobQueue[TJob, TPriority](JobQueue[TJob], Protocol):
    """A job queue served lowest priority value first, first-in first-out among equals.

    Type parameters:
        TJob: what the queue holds.
        TPriority: an orderable priority (``int``, an ``IntEnum``...); lower runs sooner.
    """

    def put_with_priority(self, job: TJob, priority: TPriority) -> None:
        """Add ``job`` with ``priority``; ``put`` uses the queue's default priority."""
        ...

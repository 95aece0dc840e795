"""``HeapJobQueue``: an in-process priority queue over ``heapq``, FIFO among equal priorities."""

import asyncio
import heapq
import itertools
from dataclasses import dataclass, field
from typing import Any, Protocol


class Orderable(Protocol):
    """A value with ``<``, which is all ``heapq`` needs."""

    def __lt__(self, other: Any, /) -> bool:
        """Return whether this value sorts before ``other``."""
        ...


@dataclass(order=True, frozen=True, slots=True)
class _Entry[TJob, TPriority: Orderable]:
    priority: TPriority
    # Ties on priority are broken by arrival, and the job itself is never compared.
    sequence: int
    job: TJob = field(compare=False)


class HeapJobQueue[TJob, TPriority: Orderable]:
    """Jobs served lowest priority first and first-in first-out among equal priorities.

    Type parameters:
        TJob: what the queue holds.
        TPriority: an orderable priority; ``put`` uses ``default_priority``.
    """

    def __init__(self, default_priority: TPriority) -> None:
        self.default_priority = default_priority
        self._heap: list[_Entry[TJob, TPriority]] = []
        self._sequence = itertools.count()
        self._not_empty = asyncio.Event()

    def __len__(self) -> int:
        return len(self._heap)

    def put(self, job: TJob) -> None:
        """Add ``job`` with the default priority."""
        self.put_with_priority(job, self.default_priority)

    def put_with_priority(self, job: TJob, priority: TPriority) -> None:
        """Add ``job``; it runs after every queued job of lower or equal priority."""
        heapq.heappush(self._heap, _Entry(priority, next(self._sequence), job))
        self._not_empty.set()

    async def get(self) -> TJob:
        """Remove and return the next job, waiting while the queue is empty."""
        while not self._heap:
            self._not_empty.clear()
            await self._not_empty.wait()
        return heapq.heappop(self._heap).job

    def drain(self) -> list[TJob]:
        """Remove and return every waiting job in the order ``get`` would have returned them."""
        jobs = [heapq.heappop(self._heap).job for _ in range(len(self._heap))]
        self._not_empty.clear()
        return jobs

"""``InProcessWorker``: runs queued jobs on N concurrent slots inside the service's event loop."""

import asyncio
import contextlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

import structlog
from opentelemetry import context

from ...application.tasks.jobs import Job, JobPriority
from ...application.tasks.queue import PriorityJobQueue
from ...application.tasks.task import Clock, TaskResult, describe_error

_logger = structlog.get_logger("tasks.worker")


@dataclass(frozen=True, slots=True)
class ShutdownReport:
    """What ``stop`` did: jobs that finished in the grace period and jobs put back in the queue."""

    finished: tuple[UUID, ...]
    requeued: tuple[UUID, ...]


class InProcessWorker:
    """Takes jobs from a priority queue and runs at most ``slots`` of them at once.

    Every job's latest ``TaskResult`` is kept so the API can report it, up to
    ``results_kept`` finished ones (the oldest are forgotten first). ``stop``
    lets running jobs finish for ``grace_period`` seconds, then cancels the rest and
    puts them back in the queue with their priority; ``cancel_waiting`` marks what is
    still queued as CANCELLED when the queue is about to disappear with the process.
    """

    def __init__(
        self,
        queue: PriorityJobQueue[Job, JobPriority],
        *,
        slots: int,
        grace_period: float,
        clock: Clock,
        results_kept: int = 1000,
        on_finished: Callable[[TaskResult[object]], None] = lambda _result: None,
    ) -> None:
        self.queue = queue
        self.slots = slots
        self.grace_period = grace_period
        self.clock = clock
        self.results_kept = results_kept
        self.on_finished = on_finished
        self._results: dict[UUID, TaskResult[object]] = {}
        self._finished: deque[UUID] = deque()
        self._priorities: dict[UUID, JobPriority] = {}
        # The trace each job was submitted in, so its spans continue the submitter's trace.
        self._traces: dict[UUID, context.Context] = {}
        self._running: dict[asyncio.Task[None], Job] = {}
        self._free_slots = asyncio.Semaphore(slots)
        self._dispatcher: asyncio.Task[None] | None = None

    @property
    def is_idle(self) -> bool:
        """Tell whether no job is running and none is waiting."""
        return not self._running and not self.queue

    def submit(self, job: Job, priority: JobPriority = JobPriority.NORMAL) -> UUID:
        """Queue ``job``; its result reads PENDING until a slot takes it."""
        self._results[job.id] = TaskResult[object].pending()
        self._priorities[job.id] = priority
        self._traces[job.id] = context.get_current()
        self.queue.put_with_priority(job, priority)
        return job.id

    def result(self, job_id: UUID) -> TaskResult[object] | None:
        """Return the job's latest result, or None if it was never submitted here."""
        return self._results.get(job_id)

    def start(self) -> None:
        """Start taking jobs from the queue (idempotent)."""
        if self._dispatcher is None:
            self._dispatcher = asyncio.create_task(self._dispatch(), name="tasks.dispatcher")

    async def stop(self) -> ShutdownReport:
        """Stop taking jobs, give running ones the grace period, then re-queue the rest."""
        if self._dispatcher is not None:
            self._dispatcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._dispatcher
            self._dispatcher = None
        running = dict(self._running)
        if not running:
            return ShutdownReport(finished=(), requeued=())
        done, late = await asyncio.wait(running, timeout=self.grace_period)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        for task in late:
            self._requeue(running[task])
        report = ShutdownReport(
            finished=tuple(running[task].id for task in done),
            requeued=tuple(running[task].id for task in late),
        )
        _logger.info("tasks.worker_stopped", finished=len(done), requeued=len(late))
        return report

    def cancel_waiting(self) -> tuple[UUID, ...]:
        """Empty the queue, marking each waiting job CANCELLED; return their ids."""
        now = self.clock()
        cancelled = tuple(job.id for job in self.queue.drain())
        for job_id in cancelled:
            self._results[job_id] = self._results[job_id].cancel(now)
            self._priorities.pop(job_id, None)
            self._traces.pop(job_id, None)
            self._forget_old(job_id)
            self.on_finished(self._results[job_id])
        if cancelled:
            _logger.warning("tasks.jobs_cancelled", count=len(cancelled))
        return cancelled

    async def shutdown(self) -> None:
        """Stop gracefully, then cancel what is left: the in-process queue dies with us."""
        await self.stop()
        self.cancel_waiting()

    async def _dispatch(self) -> None:
        while True:
            await self._free_slots.acquire()
            try:
                job = await self.queue.get()
            except asyncio.CancelledError:
                self._free_slots.release()
                raise
            task = asyncio.create_task(self._run(job), name=f"tasks.job.{job.id}")
            self._running[task] = job
            task.add_done_callback(self._release)

    def _release(self, task: asyncio.Task[None]) -> None:
        self._running.pop(task, None)
        self._free_slots.release()

    async def _run(self, job: Job) -> None:
        def report(result: TaskResult[object]) -> None:
            self._results[job.id] = result

        token = context.attach(self._traces.get(job.id, context.get_current()))
        try:
            result = await job.execute(self.clock, report)
        except Exception as error:  # a job's bug must not stop the worker
            _logger.exception("tasks.job_crashed", job_id=str(job.id))
            result = self._results[job.id].fail(describe_error(error), finished_at=self.clock())
        finally:
            context.detach(token)
        self._results[job.id] = result
        self._priorities.pop(job.id, None)
        self._traces.pop(job.id, None)
        self._forget_old(job.id)
        self.on_finished(result)
        _logger.info("tasks.job_finished", job_id=str(job.id), status=result.status.value)

    def _forget_old(self, finished: UUID) -> None:
        self._finished.append(finished)
        while len(self._finished) > self.results_kept:
            self._results.pop(self._finished.popleft(), None)

    def _requeue(self, job: Job) -> None:
        # Back to PENDING: the interrupted run is discarded and the next one starts afresh.
        self._results[job.id] = TaskResult[object].pending()
        self.queue.put_with_priority(job, self._priorities.get(job.id, JobPriority.NORMAL))

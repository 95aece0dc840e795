"""Runs brokered tasks on the in-process worker's slots and settles each delivery by its result."""

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from ...application.tasks.broker_metrics import BrokerMetrics, TaskEvent
from ...application.tasks.delivery import Delivery, DeliveryHandler
from ...application.tasks.task import (
    Clock,
    ExecutableTask,
    TaskResult,
    TaskStatus,
    describe_error,
)
from ..tasks.retry import RetryPolicy
from ..tasks.worker import InProcessWorker


def retry_delay(policy: RetryPolicy, attempt: int) -> timedelta:
    """The wait after failed ``attempt``: exponential, capped, without jitter.

    Without jitter each attempt number has one delay, hence one delay queue.
    """
    seconds = policy.wait_initial * policy.wait_exp_base ** (attempt - 1)
    return timedelta(seconds=min(policy.wait_max, seconds))


@dataclass(frozen=True, slots=True, kw_only=True)
class Settlement:
    """How failures of one task kind are retried: attempts, backoff and where events go."""

    kind: str
    max_attempts: int
    policy: RetryPolicy
    metrics: BrokerMetrics


@dataclass(frozen=True, slots=True)
class DeliveredJob[TTask, TOutput]:
    """A job for the in-process worker: run one delivery's task, then settle the delivery.

    Type parameters:
        TTask: the delivered payload.
        TOutput: the value of a successful run.

    Success acks; a failure is retried after a backoff until the last attempt, which is
    dead-lettered; an interrupted run (shutdown) is given back to the broker unchanged.
    """

    delivery: Delivery[TTask]
    task: ExecutableTask[TTask, TOutput]
    settlement: Settlement

    @property
    def id(self) -> UUID:
        """The task's id, the same on every delivery."""
        return self.delivery.task_id

    async def execute(
        self, clock: Clock, report: Callable[[TaskResult[object]], None]
    ) -> TaskResult[object]:
        """Run the task and settle the delivery according to how it ended."""
        kind, metrics = self.settlement.kind, self.settlement.metrics
        metrics.count(kind, TaskEvent.STARTED)
        try:
            result: TaskResult[object] = await self.task.execute(
                self.delivery.payload, clock, report
            )
        except asyncio.CancelledError:
            await asyncio.shield(self.delivery.requeue())
            metrics.count(kind, TaskEvent.REQUEUED)
            raise
        except Exception as error:  # noqa: BLE001 - a crashing task is a failed attempt
            result = TaskResult[object].pending().fail(describe_error(error), finished_at=clock())
        await self._settle(result)
        return result

    async def _settle(self, result: TaskResult[object]) -> None:
        kind, metrics = self.settlement.kind, self.settlement.metrics
        if result.status is not TaskStatus.FAILED:
            await self.delivery.ack()
            if result.status is TaskStatus.SUCCEEDED:
                metrics.count(kind, TaskEvent.SUCCEEDED)
            return
        metrics.count(kind, TaskEvent.FAILED)
        attempt = self.delivery.attempt
        if attempt < self.settlement.max_attempts:
            await self.delivery.retry(retry_delay(self.settlement.policy, attempt))
            metrics.count(kind, TaskEvent.RETRIED)
        else:
            await self.delivery.dead_letter()
            metrics.count(kind, TaskEvent.DEAD_LETTERED)


def run_deliveries[TTask, TOutput](
    worker: InProcessWorker, task: ExecutableTask[TTask, TOutput], settlement: Settlement
) -> DeliveryHandler[TTask]:
    """A consumer's handler: each delivery becomes a job on ``worker``, at its priority."""

    async def handle(delivery: Delivery[TTask]) -> None:
        worker.submit(DeliveredJob(delivery, task, settlement), delivery.priority)

    return handle

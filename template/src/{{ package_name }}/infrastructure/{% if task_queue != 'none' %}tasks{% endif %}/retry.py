"""``RetryableTask``: a task retried with exponential backoff on one declared exception type."""

from collections.abc import Callable
from dataclasses import dataclass

import stamina

from ...application.tasks.task import Clock, Task, TaskResult, describe_error


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """How often and how patiently to retry: stamina's exponential backoff with jitter.

    The wait before retry ``n`` is ``min(wait_max, wait_initial * wait_exp_base ** (n - 1))``
    plus up to ``wait_jitter`` random seconds.
    """

    attempts: int = 3
    wait_initial: float = 0.5
    wait_max: float = 10.0
    wait_jitter: float = 1.0
    wait_exp_base: float = 2.0


class RetryableTask[TInput, TOutput, TException: Exception]:
    """Run a task, retrying it only when it raises ``TException`` (or a subclass).

    Any other exception fails the run at once; ``TException`` fails it once
    ``policy.attempts`` attempts have been made. stamina supplies the backoff and
    logs each scheduled retry.

    Type parameters:
        TInput: the payload of the wrapped task.
        TOutput: the value of a successful run.
        TException: the transient failure worth retrying (e.g. ``InfrastructureError``).
    """

    def __init__(
        self, task: Task[TInput, TOutput], retry_on: type[TException], policy: RetryPolicy
    ) -> None:
        self.task = task
        self.retry_on = retry_on
        self.policy = policy

    async def run(self, payload: TInput) -> TOutput:
        """Run with retries, returning the value or raising the last exception."""
        value, _ = await self._attempt(payload, lambda _attempt, _error: None)
        return value

    async def execute(
        self, payload: TInput, clock: Clock, report: Callable[[TaskResult[TOutput]], None]
    ) -> TaskResult[TOutput]:
        """Run with retries and describe the run: timings, retry count, value or error."""
        current = TaskResult[TOutput].pending().start(clock())
        report(current)

        def retrying(attempt: int, error: Exception) -> None:
            nonlocal current
            current = current.retry(attempt, describe_error(error))
            report(current)

        try:
            value, retries = await self._attempt(payload, retrying)
        except Exception as error:  # noqa: BLE001 - a failed run is a result, not a crash
            return current.fail(describe_error(error), finished_at=clock(), retries=current.retries)
        return current.succeed(value, finished_at=clock(), retries=retries)

    async def _attempt(
        self, payload: TInput, on_failure: Callable[[int, Exception], None]
    ) -> tuple[TOutput, int]:
        policy = self.policy
        attempts = stamina.retry_context(
            on=self.retry_on,
            attempts=policy.attempts,
            timeout=None,
            wait_initial=policy.wait_initial,
            wait_max=policy.wait_max,
            wait_jitter=policy.wait_jitter,
            wait_exp_base=policy.wait_exp_base,
        )
        async for attempt in attempts:
            with attempt:
                try:
                    return await self.task.run(payload), attempt.num - 1
                except self.retry_on as error:
                    if attempt.num < policy.attempts:
                        on_failure(attempt.num, error)
                    raise
        # stamina either returns from the block or re-raises the last error.
        raise AssertionError  # pragma: no cover

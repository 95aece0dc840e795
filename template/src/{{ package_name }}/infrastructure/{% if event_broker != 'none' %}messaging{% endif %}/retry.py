"""Retries with exponential backoff and jitter, done by ``stamina``."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import stamina


@dataclass(frozen=True, slots=True)
class Failure:
    """The error that ended the last attempt, and how many attempts were made."""

    error: Exception
    attempts: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BackoffRetry:
    """Run an operation up to ``attempts`` times, waiting longer after each failure.

    The wait before retry *n* (from 1) is ``min(max_delay, base_delay * 2 ** (n - 1))``
    plus a random jitter of up to ``jitter`` seconds, so that many failing consumers do
    not retry in lock step. Any ``Exception`` is retried; cancellation is not.
    """

    attempts: int
    base_delay: float
    max_delay: float
    jitter: float

    async def run(
        self,
        operation: Callable[[], Awaitable[object]],
        on_retry: Callable[[int], None] = lambda _attempt: None,
    ) -> Failure | None:
        """Run ``operation`` until it succeeds (None) or the last attempt fails (``Failure``).

        ``on_retry`` is called with the attempt number before each attempt after the first.
        """
        attempts = 0
        try:
            async for attempt in stamina.retry_context(
                on=Exception,
                attempts=self.attempts,
                timeout=None,
                wait_initial=self.base_delay,
                wait_max=self.max_delay,
                wait_jitter=self.jitter,
                wait_exp_base=2,
            ):
                with attempt:
                    attempts = attempt.num
                    if attempts > 1:
                        on_retry(attempts)
                    await operation()
        except Exception as error:  # noqa: BLE001 - the caller decides what a failure means
            return Failure(error, attempts)
        return None

"""Runs the worker in the foreground for the ``worker`` command, until a signal or idleness."""

import asyncio
import signal
from collections.abc import Awaitable, Callable, Sequence
from typing import Final
from uuid import UUID

import structlog

from ...application.tasks.jobs import JobStarter
from .worker import InProcessWorker

IDLE_POLL_SECONDS: Final = 0.05
_logger = structlog.get_logger("tasks.worker")


async def run_in_foreground(
    worker: InProcessWorker,
    starters: Sequence[JobStarter],
    *,
    until_idle: bool,
    backlog: Callable[[], Awaitable[int]] | None = None,
) -> None:
    """Start the given jobs on ``worker``, then wait for SIGINT or SIGTERM (or idleness).

    Idle means: every job started here has finished, none runs or waits in the worker,
    and ``backlog`` (tasks still waiting in a broker, when there is one) counts none.

    Leaving returns control to the caller, whose exit stack shuts the worker down
    gracefully (grace period, then re-queue and cancel).
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    signals = (signal.SIGINT, signal.SIGTERM)
    for signum in signals:
        loop.add_signal_handler(signum, stop.set)
    try:
        worker.start()
        started: list[UUID] = []
        for start in starters:
            started.append(await start())
            _logger.info("tasks.job_submitted", job_id=str(started[-1]))
        _logger.info("tasks.worker_ready", slots=worker.slots, until_idle=until_idle)
        while not stop.is_set() and not (until_idle and await _idle(worker, started, backlog)):
            # Checking idleness needs a poll; the stop event ends the wait at once.
            try:
                await asyncio.wait_for(stop.wait(), timeout=IDLE_POLL_SECONDS)
            except TimeoutError:
                continue
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)


async def _idle(
    worker: InProcessWorker,
    started: Sequence[UUID],
    backlog: Callable[[], Awaitable[int]] | None,
) -> bool:
    for job_id in started:
        result = worker.result(job_id)
        if result is None or result.finished_at is None:
            return False
    if not worker.is_idle:
        return False
    return backlog is None or await backlog() == 0

"""Runs the worker in the foreground for the ``worker`` command, until a signal or idleness."""

import asyncio
import signal
from collections.abc import Sequence
from typing import Final

import structlog

from ...application.tasks.jobs import JobStarter
from .worker import InProcessWorker

IDLE_POLL_SECONDS: Final = 0.05
_logger = structlog.get_logger("tasks.worker")


async def run_in_foreground(
    worker: InProcessWorker, starters: Sequence[JobStarter], *, until_idle: bool
) -> None:
    """Start the given jobs on ``worker``, then wait for SIGINT or SIGTERM (or idleness).

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
        for start in starters:
            job_id = await start()
            _logger.info("tasks.job_submitted", job_id=str(job_id))
        _logger.info("tasks.worker_ready", slots=worker.slots, until_idle=until_idle)
        while not stop.is_set() and not (until_idle and worker.is_idle):
            # Checking idleness needs a poll; the stop event ends the wait at once.
            try:
                await asyncio.wait_for(stop.wait(), timeout=IDLE_POLL_SECONDS)
            except TimeoutError:
                continue
    finally:
        for signum in signals:
            loop.remove_signal_handler(signum)

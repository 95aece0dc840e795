"""Delayed tasks: held on the kind's delayed subject until due, then moved to their priority's."""

import asyncio
from datetime import UTC, datetime
from typing import Final

import nats
import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext

from ...application.tasks.jobs import JobPriority
from .publisher import NatsTaskPublisher
from .subjects import MESSAGE_ID, NOT_BEFORE_HEADER, PRIORITY_HEADER, TASK_ID_HEADER

# A pull on the delayed subject waits this long for a task before asking again.
POLL_SECONDS: Final = 0.5
BATCH: Final = 64
_LOST = (TimeoutError, nats.errors.Error)
_logger = structlog.get_logger("tasks.nats")


async def move_due[TTask](
    delayed: JetStreamContext.PullSubscription,
    publisher: NatsTaskPublisher[TTask],
    retry_wait: float,
) -> None:
    """Pull delayed tasks until cancelled: hand back those not yet due, move the due ones.

    A task not yet due is ``nak``ed with the time it still has to wait as the delay, so the
    server brings it back when it is due; nothing polls it meanwhile.
    """
    while True:
        try:
            messages = await delayed.fetch(BATCH, timeout=POLL_SECONDS)
        except nats.errors.TimeoutError:
            continue
        except _LOST:
            await asyncio.sleep(retry_wait)
            continue
        for message in messages:
            try:
                await _move_if_due(message, publisher)
            except _LOST:
                # Unsettled, the message comes back after the ack wait.
                _logger.warning("tasks.delay_move_lost", kind=publisher.subjects.kind)


async def _move_if_due[TTask](message: Msg, publisher: NatsTaskPublisher[TTask]) -> None:
    headers = dict(message.headers or {})
    wait = (_due(headers.pop(NOT_BEFORE_HEADER, "")) - datetime.now(UTC)).total_seconds()
    if wait > 0:
        await message.nak(delay=wait)
        return
    priority = JobPriority.__members__.get(headers.get(PRIORITY_HEADER, ""), JobPriority.NORMAL)
    # A move repeated after a crash is dropped by the stream's duplicate window.
    task_id = headers.get(TASK_ID_HEADER, str(message.metadata.sequence.stream))
    headers[MESSAGE_ID] = f"{task_id}.due"
    await publisher.send(publisher.subjects.subject(priority), message.data, headers)
    await message.ack()


def _due(text: str) -> datetime:
    try:
        due = datetime.fromisoformat(text)
    except ValueError:
        return datetime.now(UTC)
    return due if due.tzinfo is not None else due.replace(tzinfo=UTC)

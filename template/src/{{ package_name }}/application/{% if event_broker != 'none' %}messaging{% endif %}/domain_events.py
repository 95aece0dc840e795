"""The service's own subscriber of every domain event: a counter and a structured log line."""

import dataclasses
from dataclasses import dataclass
from typing import TypedDict

from ..observability.log_entry import LogEntry, LogSink
from .observer import MessagingMetrics

_PRIMITIVES = (str, int, float, bool, type(None))


class EventContext(TypedDict):
    """What identifies a domain event in the log."""

    event_type: str


class EventPayload(TypedDict):
    """The event's own fields, as log-friendly values."""

    payload: dict[str, object]


@dataclass(frozen=True, slots=True)
class DomainEventRecorder:
    """Counts each domain event by type in ``/metrics`` and writes one ``domain_event`` line.

    Subscribed to ``object`` on the event bus, so every event published after a commit
    is recorded: the counters chart business activity (products created, repriced...)
    and the log keeps what changed, with the request id of the change that caused it.
    """

    metrics: MessagingMetrics
    logger: LogSink

    async def __call__(self, event: object, /) -> None:
        """Record ``event``."""
        event_type = type(event).__name__
        self.metrics.event_delivered(event_type)
        context = EventContext(event_type=event_type)
        LogEntry("domain_event", context, EventPayload(payload=_fields(event))).emit(self.logger)


def _fields(event: object) -> dict[str, object]:
    if not dataclasses.is_dataclass(event) or isinstance(event, type):
        return {}
    # UUIDs, datetimes and enums become strings, so every renderer writes them the same way.
    return {
        field.name: value if isinstance(value, _PRIMITIVES) else str(value)
        for field in dataclasses.fields(event)
        for value in (getattr(event, field.name),)
    }

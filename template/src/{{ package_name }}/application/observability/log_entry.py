"""``LogEntry[TContext, TExtra]``: a structured log line whose fields have declared shapes."""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol


class LogSink(Protocol):
    """What a structlog (or stdlib-style) logger offers for writing one line."""

    def log(self, level: int, event: str, **fields: object) -> object:
        """Write ``event`` with ``fields`` at ``level``."""
        ...


@dataclass(frozen=True, slots=True)
class LogEntry[TContext: Mapping[str, object], TExtra: Mapping[str, object]]:
    """One log line: an event name, the context every line of that event has, and extras.

    Type parameters:
        TContext: TypedDict of the fields that identify what happened (method, route...).
        TExtra: TypedDict of the measured or optional fields (status, duration...).
    """

    event: str
    context: TContext
    extra: TExtra
    level: int = logging.INFO

    def fields(self) -> dict[str, object]:
        """Return context and extra merged; extra wins on a clash."""
        return {**self.context, **self.extra}

    def emit(self, logger: LogSink) -> None:
        """Write the entry through ``logger`` (structlog adds timestamp, level, request id)."""
        logger.log(self.level, self.event, **self.fields())

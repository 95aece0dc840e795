"""Structured logging: structlog renders every record, stdlib ones included."""

import logging
import sys
from typing import TYPE_CHECKING

import structlog

from ...settings import LoggingSettings

if TYPE_CHECKING:
    from structlog.typing import Processor

# Handlers of these loggers are replaced so uvicorn and friends log through structlog too.
_ROUTED_LOGGERS = ("uvicorn", "uvicorn.error", "alembic", "sqlalchemy")
# The request middleware writes the access line with the request id; uvicorn's would repeat it.
_SILENCED_LOGGERS = ("uvicorn.access",)


def configure_logging(settings: LoggingSettings) -> None:
    """Route structlog and stdlib logging to one JSON (or console) renderer on stdout."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
    ]
    renderer: Processor
    if settings.format == "json":
        # Frames without their local variables: locals can hold secrets and personal data.
        tracebacks = structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
        shared.append(structlog.processors.ExceptionRenderer(tracebacks))
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer()

    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared,
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(settings.level)
    for name in _ROUTED_LOGGERS:
        routed = logging.getLogger(name)
        routed.handlers = []
        routed.propagate = True
    for name in _SILENCED_LOGGERS:
        silenced = logging.getLogger(name)
        silenced.handlers = []
        silenced.propagate = False

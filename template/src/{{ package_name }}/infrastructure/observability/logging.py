"""Structured logging: structlog renders every record, stdlib ones included."""

import asyncio
import logging
import signal
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import structlog
from opentelemetry import trace

from ...application.observability.log_level import LogLevel
from ...settings import LoggingSettings
from .masking import SecretMasker

if TYPE_CHECKING:
    from structlog.typing import EventDict, Processor, WrappedLogger

# Handlers of these loggers are replaced so uvicorn and friends log through structlog too.
_ROUTED_LOGGERS = ("uvicorn", "uvicorn.error", "alembic", "sqlalchemy")
# The request middleware writes the access line with the request id; uvicorn's would repeat it.
_SILENCED_LOGGERS = ("uvicorn.access",)
# alembic announces each of its built-in plugins at INFO whenever it loads: no news to anyone.
_WARNINGS_ONLY_LOGGERS = ("alembic.runtime.plugins",)
_logger = structlog.get_logger("logging")


def add_trace_context(_logger: "WrappedLogger", _method: str, event: "EventDict") -> "EventDict":
    """Add the current span's ``trace_id`` and ``span_id`` (hex, as tracing backends show)."""
    context = trace.get_current_span().get_span_context()
    if context.is_valid:
        event["trace_id"] = format(context.trace_id, "032x")
        event["span_id"] = format(context.span_id, "016x")
    return event


def configure_logging(
    settings: LoggingSettings, shipped_to: tuple[logging.Handler, ...] = ()
) -> None:
    """Route structlog and stdlib logging to one JSON (or console) renderer on stdout.

    ``shipped_to`` handlers (the Loki shipper's) receive every record too, always as JSON.
    """
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        add_trace_context,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.stdlib.ExtraAdder(),
    ]
    # Frames without their local variables: locals can hold secrets and personal data.
    tracebacks = structlog.processors.ExceptionRenderer(
        structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
    )
    masker = SecretMasker(settings.masked_fields)
    renderer: Processor
    if settings.format == "json":
        shared.append(tracebacks)
        renderer = structlog.processors.JSONRenderer()
    else:
        renderer = structlog.dev.ConsoleRenderer()
    # Last before rendering, so every field added above (a traceback too) is masked.
    shared.append(masker)

    structlog.configure(
        # A record below the level is dropped before any processor runs.
        processors=[
            structlog.stdlib.filter_by_level,
            *shared,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    remove_meta = structlog.stdlib.ProcessorFormatter.remove_processors_meta
    stdout = logging.StreamHandler(sys.stdout)
    stdout.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=shared, processors=[remove_meta, renderer]
        )
    )
    as_json = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[remove_meta, tracebacks, masker, structlog.processors.JSONRenderer()],
    )
    for handler in shipped_to:
        handler.setFormatter(as_json)
    # No line shows the source file, thread or process of its record: skip looking them up
    # for each record (the logging HOWTO's advice), about a seventh of a line's cost.
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging._srcfile = None  # noqa: SLF001 - the documented switch for caller lookup
    handlers = [stdout, *shipped_to]
    root = logging.getLogger()
    root.handlers = handlers
    root.setLevel(settings.level)
    for name in _ROUTED_LOGGERS:
        routed = logging.getLogger(name)
        routed.handlers = []
        routed.propagate = True
    for name in _SILENCED_LOGGERS:
        silenced = logging.getLogger(name)
        silenced.handlers = []
        silenced.propagate = False
    for name in _WARNINGS_ONLY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


def current_log_level() -> str:
    """The lowest level written now."""
    return logging.getLevelName(logging.getLogger().level)


def change_log_level(level: LogLevel) -> str:
    """Write records from ``level`` on, at once and without a restart; returns the old level.

    The change itself is logged while the more verbose of the two levels is in force, so the
    line is written whichever way the level moves.
    """
    root = logging.getLogger()
    previous = current_log_level()
    louder = logging.getLevelName(level) < root.level
    if louder:
        root.setLevel(level)
    _logger.warning("log_level_changed", previous=previous, current=level)
    root.setLevel(level)
    return previous


class RootLogLevel:
    """The ``LogLevelControl`` of this process: the root logger's level."""

    def current(self) -> str:
        """The level in force."""
        return current_log_level()

    def change(self, level: LogLevel) -> str:
        """Apply ``level`` at once, log the change and return the previous level."""
        return change_log_level(level)


def reload_level_on_hangup(read_level: Callable[[], LogLevel]) -> Callable[[], None]:
    """On SIGHUP, apply the level ``read_level`` returns (the settings, read again).

    Returns the function that removes the handler. Where signals cannot be handled here
    (not the main thread, or no SIGHUP on this platform), nothing is installed.
    """
    loop = asyncio.get_running_loop()

    def reload() -> None:
        try:
            level = read_level()
        except ValueError as error:  # invalid settings: keep the level in force
            _logger.error("log_level_reload_failed", error=str(error))
            return
        if level != current_log_level():
            change_log_level(level)

    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None:
        return lambda: None
    try:
        loop.add_signal_handler(hangup, reload)
    except (RuntimeError, ValueError):
        return lambda: None

    def remove() -> None:
        loop.remove_signal_handler(hangup)

    return remove

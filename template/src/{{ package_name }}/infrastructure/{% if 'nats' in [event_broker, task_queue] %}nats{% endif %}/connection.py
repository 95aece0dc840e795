"""Connecting to NATS: fail fast with a hint at start-up, then reconnect forever."""

import asyncio

import nats
import structlog
from nats.aio.client import Client

from ...kernel.errors import InfrastructureError
from ...kernel.messages import ErrorMessages
from ...settings import NatsConnectionSettings

_logger = structlog.get_logger(__name__)


async def _log_error(error: Exception) -> None:
    _logger.warning("nats.connection_error", error_type=type(error).__name__, error=str(error))


async def connect_nats(settings: NatsConnectionSettings, env_var: str) -> Client:
    """Connect to the server, then reconnect forever after any outage.

    Raises ``InfrastructureError`` (naming ``env_var``, the setting of the URL) when the
    server cannot be reached within ``connect_timeout_seconds`` at start-up.
    """
    try:
        async with asyncio.timeout(settings.connect_timeout_seconds):
            return await nats.connect(
                settings.url,
                connect_timeout=settings.connect_timeout_seconds,
                reconnect_time_wait=settings.reconnect_wait_seconds,
                max_reconnect_attempts=-1,
                error_cb=_log_error,
            )
    except (TimeoutError, OSError, nats.errors.Error) as error:
        raise InfrastructureError(
            ErrorMessages.NATS.UNREACHABLE,
            url=settings.url,
            reason=type(error).__name__,
            env_var=env_var,
        ) from None

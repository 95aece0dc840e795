"""``RedisPubSub``: channel and pattern subscriptions with async handlers, reconnecting."""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Self

from redis.asyncio import Redis

from .connection import REDIS_FAILURES

_logger = logging.getLogger(__name__)

type MessageHandler = Callable[[str, bytes], Awaitable[None]]
"""Receives the channel a message arrived on and its data."""


class RedisPubSub:
    """Publishes to channels and runs a reader task delivering messages to handlers.

    Subscribe before ``start``. When Redis goes away the reader logs a warning and
    reconnects every ``reconnect_delay`` seconds, resubscribing everything; messages
    published meanwhile are lost (pub/sub keeps no history), so the ``on_reconnect``
    callback runs after each reconnection to let subscribers resynchronise (drop local copies...).
    A failing handler is logged and does not stop delivery to the others.
    """

    def __init__(
        self,
        client: Redis,
        *,
        reconnect_delay: float = 0.5,
    ) -> None:
        self._client = client
        self._reconnect_delay = reconnect_delay
        self._on_reconnect: Callable[[], Awaitable[None]] | None = None
        self._channels: dict[str, MessageHandler] = {}
        self._patterns: dict[str, MessageHandler] = {}
        self._reader: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()

    def subscribe(self, channel: str, handler: MessageHandler) -> None:
        """Deliver every message published on ``channel`` to ``handler``."""
        self._channels[channel] = handler

    def psubscribe(self, pattern: str, handler: MessageHandler) -> None:
        """Deliver messages on every channel matching the glob ``pattern`` to ``handler``."""
        self._patterns[pattern] = handler

    def on_reconnect(self, resynchronise: Callable[[], Awaitable[None]]) -> None:
        """Run ``resynchronise`` after each reconnection (messages were lost meanwhile)."""
        self._on_reconnect = resynchronise

    async def publish(self, channel: str, data: bytes) -> int:
        """Publish ``data`` on ``channel``; return how many subscribers received it."""
        return int(await self._client.publish(channel, data))

    async def wait_subscribed(self) -> None:
        """Wait until the reader is subscribed (after start, or after a reconnection)."""
        await self._subscribed.wait()

    def start(self) -> None:
        """Start the reader task."""
        if self._reader is None:
            self._reader = asyncio.create_task(self._read_forever(), name="redis-pubsub")

    async def stop(self) -> None:
        """Stop the reader task and close its connection."""
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None

    async def __aenter__(self) -> Self:
        self.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        await self.stop()

    async def _read_forever(self) -> None:
        connected_before = False
        while True:
            pubsub = self._client.pubsub(ignore_subscribe_messages=True)
            try:
                if self._channels:
                    await pubsub.subscribe(*self._channels)
                if self._patterns:
                    await pubsub.psubscribe(*self._patterns)
                self._subscribed.set()
                if connected_before and self._on_reconnect is not None:
                    await self._on_reconnect()
                connected_before = True
                while True:
                    message = await pubsub.get_message(timeout=1.0)
                    if message is not None:
                        await self._deliver(message)
            except REDIS_FAILURES as error:
                self._subscribed.clear()
                _logger.warning("pubsub_disconnected", extra={"error": type(error).__name__})
                await asyncio.sleep(self._reconnect_delay)
            finally:
                with contextlib.suppress(*REDIS_FAILURES):
                    await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def _deliver(self, message: dict[str, Any]) -> None:
        channel = _text(message["channel"])
        pattern = message.get("pattern")
        handler = self._patterns.get(_text(pattern)) if pattern else self._channels.get(channel)
        if handler is None:
            return
        try:
            await handler(channel, message["data"])
        except Exception:
            _logger.exception("pubsub_handler_failed", extra={"channel": channel})


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value

"""Ships log lines to Loki's push API in batches, from a thread no request ever waits on.

Past ``queue_limit`` waiting lines, or when a push fails, lines are dropped and counted.
"""

import gzip
import json
import logging
import queue
import threading
import time
import urllib.request
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from ...settings import LoggingSettings

PUSH_PATH = "/loki/api/v1/push"
_logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Line:
    level: str
    nanoseconds: int
    text: str


class LokiHandler(logging.Handler):
    """A logging handler that queues formatted lines for ``LokiShipper``; never blocks."""

    def __init__(self, lines: "queue.Queue[_Line]", dropped: Callable[[str, int], None]) -> None:
        super().__init__()
        self._lines = lines
        self._dropped = dropped

    def emit(self, record: logging.LogRecord) -> None:
        """Queue the record's line, or count it dropped when the queue is full."""
        if record.name == __name__:
            return  # the shipper's own warnings would describe themselves forever
        try:
            line = _Line(record.levelname.lower(), int(record.created * 1e9), self.format(record))
            self._lines.put_nowait(line)
        except queue.Full:
            self._dropped("queue_full", 1)
        except Exception:  # noqa: BLE001 - a log handler must never raise into the caller
            self.handleError(record)


class LokiShipper:
    """Batches queued lines into Loki streams labelled service, environment and level."""

    def __init__(
        self,
        url: str,
        labels: Mapping[str, str],
        *,
        batch_size: int,
        flush_seconds: float,
        queue_limit: int,
        timeout_seconds: float,
        dropped: Callable[[str, int], None],
        compress: bool = True,
    ) -> None:
        self._endpoint = url.rstrip("/") + PUSH_PATH
        self._compress = compress
        self._labels = dict(labels)
        self._batch_size = batch_size
        self._flush_seconds = flush_seconds
        self._timeout = timeout_seconds
        self._dropped = dropped
        self._lines: queue.Queue[_Line] = queue.Queue(maxsize=queue_limit)
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="loki-shipper", daemon=True)
        self._failing = False
        self.handler = LokiHandler(self._lines, dropped)

    def __enter__(self) -> Self:
        """Start shipping in the background."""
        self._thread.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _error: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self, timeout: float = 5.0) -> None:
        """Ship what is queued (within ``timeout``) and stop."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        while not (self._stopping.is_set() and self._lines.empty()):
            batch = self._collect()
            if batch:
                self._push(batch)

    def _collect(self) -> list[_Line]:
        batch: list[_Line] = []
        deadline = time.monotonic() + self._flush_seconds
        while len(batch) < self._batch_size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or (self._stopping.is_set() and self._lines.empty()):
                break
            try:
                batch.append(self._lines.get(timeout=min(remaining, 0.1)))
            except queue.Empty:
                continue
        return batch

    def _push(self, batch: list[_Line]) -> None:
        streams: defaultdict[str, list[_Line]] = defaultdict(list)
        for line in batch:
            streams[line.level].append(line)
        body: dict[str, list[dict[str, object]]] = {
            "streams": [
                {
                    "stream": self._labels | {"level": level},
                    # Loki refuses lines out of order within a stream.
                    "values": [
                        [str(line.nanoseconds), line.text]
                        for line in sorted(lines, key=lambda line: line.nanoseconds)
                    ],
                }
                for level, lines in streams.items()
            ]
        }
        data = json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if self._compress:
            # Loki reads gzip JSON: a fifth of the bytes for about 2 µs a line, level 1 having
            # most of level 9's gain (docs/infrastructure/observability.md has the figures).
            data = gzip.compress(data, compresslevel=1)
            headers["Content-Encoding"] = "gzip"
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's setting
            self._endpoint, data=data, headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self._timeout):  # noqa: S310
                pass
        except (OSError, ValueError) as error:
            self._dropped("push_failed", len(batch))
            if not self._failing:
                self._failing = True
                _logger.warning(
                    "loki_push_failed",
                    extra={"error": type(error).__name__, "dropped_lines": len(batch)},
                )
            return
        if self._failing:
            self._failing = False
            _logger.warning("loki_push_recovered")


def loki_shipper(
    settings: LoggingSettings, labels: Mapping[str, str], dropped: Callable[[str, int], None]
) -> LokiShipper | None:
    """The shipper the settings ask for, or ``None`` when no Loki URL is set."""
    if settings.loki_url is None:
        return None
    return LokiShipper(
        settings.loki_url,
        labels,
        batch_size=settings.loki_batch_size,
        flush_seconds=settings.loki_flush_seconds,
        queue_limit=settings.loki_queue_limit,
        timeout_seconds=settings.loki_timeout_seconds,
        dropped=dropped,
        compress=settings.loki_compression == "gzip",
    )

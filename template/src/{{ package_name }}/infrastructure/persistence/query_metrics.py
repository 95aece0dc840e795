"""Times every SQL statement of an engine, reported by verb (SELECT, INSERT...)."""

import time
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

_STARTED = "query_started"


def watch_queries(engine: AsyncEngine, observe: Callable[[str, float], None]) -> None:
    """Call ``observe(operation, seconds)`` after each statement ``engine`` executes."""

    def started(conn: object, *_: object) -> None:
        conn.info.setdefault(_STARTED, []).append(time.perf_counter())  # type: ignore[attr-defined]

    def finished(conn: object, _cursor: object, statement: str, *_: object) -> None:
        begun = conn.info[_STARTED].pop()  # type: ignore[attr-defined]
        operation = statement.lstrip().split(None, 1)[0].upper() if statement.strip() else "?"
        observe(operation, time.perf_counter() - begun)

    event.listen(engine.sync_engine, "before_cursor_execute", started)
    event.listen(engine.sync_engine, "after_cursor_execute", finished)

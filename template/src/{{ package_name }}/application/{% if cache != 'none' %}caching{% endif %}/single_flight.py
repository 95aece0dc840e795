"""``SingleFlight``: concurrent calls for one key share a single execution."""

import asyncio
from collections.abc import Awaitable, Callable


class SingleFlight[T]:
    """Runs one loader per key at a time; callers arriving meanwhile await its result.

    A cold cache key under load would otherwise send every concurrent request to the
    database at once (a cache stampede). The leader's exception reaches every waiter;
    a waiter that is cancelled leaves the shared call running for the others.

    Type parameters:
        T: what the loaders return.
    """

    def __init__(self) -> None:
        self._running: dict[str, asyncio.Future[T]] = {}

    def __len__(self) -> int:
        return len(self._running)

    async def run(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        """Return ``load()``'s result, sharing one call among concurrent callers of ``key``."""
        running = self._running.get(key)
        if running is not None:
            return await asyncio.shield(running)
        shared: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._running[key] = shared
        try:
            value = await load()
        except asyncio.CancelledError:
            shared.cancel()
            raise
        except BaseException as error:
            shared.set_exception(error)
            # Retrieved here, so a failure nobody else awaited is not reported as lost.
            shared.exception()
            raise
        else:
            shared.set_result(value)
            return value
        finally:
            del self._running[key]

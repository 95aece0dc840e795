"""``ConnectionPool[T]``: bounded, validated on borrow, with an acquire timeout."""

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog

from ...kernel.messages import ErrorMessages
from .errors import PoolError
from .factory import ConnectionFactory
from .stats import PoolStats

_logger = structlog.get_logger("pool")


class ConnectionPool[T]:
    """Lend at most ``max_size`` connections made by a factory, reusing idle ones.

    A connection is validated each time it is borrowed; one that fails is destroyed and
    replaced. A borrower that raises gives its connection back destroyed, because its
    state is unknown. Waiting longer than ``acquire_timeout`` raises ``PoolError``.

    Type parameters:
        T: the pooled resource; ``acquire()`` yields exactly this type.
    """

    def __init__(
        self, name: str, factory: ConnectionFactory[T], *, max_size: int, acquire_timeout: float
    ) -> None:
        self.name = name
        self.max_size = max_size
        self.acquire_timeout = acquire_timeout
        self._factory = factory
        self._slots = asyncio.Semaphore(max_size)
        self._idle: deque[T] = deque()
        self._in_use = 0
        self._unhealthy = 0
        self._total = 0
        self._closed = False

    def stats(self) -> PoolStats:
        """Return the current counters; building them checks that they agree."""
        return PoolStats(
            pool=self.name,
            idle=len(self._idle),
            in_use=self._in_use,
            unhealthy=self._unhealthy,
            total=self._total,
            max_size=self.max_size,
        )

    @asynccontextmanager
    async def acquire(self) -> AsyncIterator[T]:
        """Borrow a connection for the ``async with`` block, then give it back."""
        self._refuse_when_closed()
        try:
            async with asyncio.timeout(self.acquire_timeout):
                await self._slots.acquire()
        except TimeoutError:
            raise PoolError(
                ErrorMessages.POOL.EXHAUSTED, pool=self.name, timeout=self.acquire_timeout
            ) from None
        try:
            self._refuse_when_closed()  # it may have closed while we waited
            connection = await self._borrow()
        except BaseException:
            self._slots.release()
            raise
        try:
            yield connection
        except BaseException:
            self._in_use -= 1
            await self._destroy(connection)
            raise
        else:
            self._in_use -= 1
            if self._closed:
                await self._destroy(connection)
            else:
                self._idle.append(connection)
        finally:
            self._slots.release()

    async def close(self) -> None:
        """Refuse new borrowers and destroy the idle connections; borrowed ones follow on return."""
        self._closed = True
        while self._idle:
            await self._destroy(self._idle.pop())

    def _refuse_when_closed(self) -> None:
        if self._closed:
            raise PoolError(ErrorMessages.POOL.CLOSED, pool=self.name)

    async def _borrow(self) -> T:
        while self._idle:
            # Most recently returned first: it is the one most likely to still be warm.
            connection = self._idle.pop()
            self._in_use += 1
            if await self._is_valid(connection):
                return connection
            self._in_use -= 1
            await self._destroy(connection)
        self._in_use += 1
        self._total += 1
        try:
            return await self._factory.create()
        except BaseException:
            self._in_use -= 1
            self._total -= 1
            raise

    async def _is_valid(self, connection: T) -> bool:
        try:
            return await self._factory.validate(connection)
        except Exception:  # noqa: BLE001 - a validator that fails is a failed validation
            return False

    async def _destroy(self, connection: T) -> None:
        # Counted as unhealthy until it is gone, so the counters add up while we wait.
        self._unhealthy += 1
        try:
            await self._factory.destroy(connection)
        except Exception:
            _logger.warning("pool_destroy_failed", pool=self.name, exc_info=True)
        finally:
            self._unhealthy -= 1
            self._total -= 1

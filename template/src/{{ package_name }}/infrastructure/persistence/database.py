"""The async SQLAlchemy engine and session factory, built from ``DatabaseSettings``."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ...settings import DatabaseSettings


class Database:
    """Owns the engine; hands out sessions whose transactions the caller commits."""

    def __init__(self, settings: DatabaseSettings) -> None:
        self.url: URL = make_url(settings.url.get_secret_value())
        if self.url.get_backend_name() == "sqlite":
            _ensure_sqlite_folder(self.url)
        self.engine: AsyncEngine = create_async_engine(self.url, echo=settings.echo)
        if self.url.get_backend_name() == "sqlite":
            event.listen(self.engine.sync_engine, "connect", _configure_sqlite_connection)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Yield a session; it is closed (and an open transaction rolled back) on exit."""
        async with self._sessions() as session:
            yield session

    async def ping(self) -> None:
        """Run a trivial query; raises when the database cannot be reached."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


def _ensure_sqlite_folder(url: URL) -> None:
    # A fresh checkout has no ./var yet; SQLite creates the file but not its folder.
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite_connection(dbapi_connection: Any, _record: object) -> None:
    # Specifications treat LIKE as case-sensitive on every backend, and SQLite
    # only enforces foreign keys when asked.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA case_sensitive_like = ON")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()

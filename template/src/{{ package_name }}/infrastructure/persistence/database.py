"""The async SQLAlchemy engine and session factory, built from ``DatabaseSettings``."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from ...kernel.errors import DatabaseError
from ...kernel.messages import ErrorMessages
from ...settings import ENV_PREFIX, DatabaseSettings

type SessionScope = Callable[[], AbstractAsyncContextManager[AsyncSession]]
"""Where a repository runs its statements; the scope, not the repository, commits."""

# PostgreSQL's SQLSTATE for a connection to a database the server does not have.
_INVALID_CATALOG_NAME = "3D000"
_EXISTENCE_CHECK_SECONDS = 10.0


class DatabaseMissingError(DatabaseError):
    """The server answers, but has no database of the name the settings give."""

    error_code = "database_missing"
    default_template = ErrorMessages.DB.MISSING_DATABASE

    @classmethod
    def for_url(cls, url: URL) -> "DatabaseMissingError":
        """Describe the missing database of ``url`` and the command that creates it."""
        host, port = url.host or "localhost", url.port or 5432
        user = f" --username {url.username}" if url.username else ""
        create = f"createdb --host {host} --port {port}{user} {url.database}"
        return cls(
            database=url.database,
            host=host,
            port=port,
            create=create,
            env_var=f"{ENV_PREFIX}DATABASE__URL",
        )


def is_missing_database(error: DBAPIError) -> bool:
    """Whether ``error`` says the server has no database of the requested name."""
    return getattr(error.orig, "sqlstate", None) == _INVALID_CATALOG_NAME


class Database:
    """Owns the engine; hands out sessions whose transactions the caller commits."""

    def __init__(self, settings: DatabaseSettings) -> None:
        self.url: URL = settings.sqlalchemy_url()
        self.engine: AsyncEngine = create_async_engine(
            self.url, **_engine_options(settings, self.url)
        )
        if self.url.get_backend_name() == "sqlite":
            _ensure_sqlite_folder(self.url)
            event.listen(self.engine.sync_engine, "connect", _configure_sqlite_connection)
        self._sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self.max_overflow = settings.max_overflow

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Yield a session; it is closed (and an open transaction rolled back) on exit."""
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """Yield a session in its own transaction: committed on exit, rolled back on error."""
        async with self._sessions.begin() as session:
            yield session

    async def ping(self) -> None:
        """Run a trivial query; raises when the database cannot be reached."""
        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()


async def ensure_database_exists(settings: DatabaseSettings) -> None:
    """Raise `DatabaseMissingError` if the server lacks the database; a down one is ignored."""
    database = Database(settings)
    try:
        with suppress(OSError, TimeoutError):
            async with asyncio.timeout(_EXISTENCE_CHECK_SECONDS):
                await database.ping()
    except DBAPIError as error:
        if is_missing_database(error):
            raise DatabaseMissingError.for_url(database.url) from None
    finally:
        await database.dispose()


def _engine_options(settings: DatabaseSettings, url: URL) -> dict[str, Any]:
    options: dict[str, Any] = {"echo": settings.echo, "pool_pre_ping": settings.pool_pre_ping}
    if url.database not in {None, "", ":memory:"}:
        # An in-memory SQLite database lives in one connection, so it gets no sized pool.
        options |= {
            "pool_size": settings.pool_size,
            "max_overflow": settings.max_overflow,
            "pool_timeout": settings.pool_timeout_seconds,
            "pool_recycle": settings.pool_recycle_seconds,
        }
    return options


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

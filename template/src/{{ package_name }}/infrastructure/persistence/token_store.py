"""``SqlTokenStore``: the token store in the database, shared by every instance and restart."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from pydantic import TypeAdapter
from sqlalchemy import CursorResult, Table, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from ...application.security.tokens import StoredToken
from ...kernel.errors import DatabaseError
from .database import SessionScope
from .tables.stored_tokens import StoredTokenRow

_TOKENS = cast("Table", StoredTokenRow.__table__)  # type: ignore[attr-defined]


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


class SqlTokenStore[TToken]:
    """Each token is a row; an expired one reads as absent and is deleted by a later save.

    Type parameters:
        TToken: the payload type; ``value_type`` validates it back on reads.
    """

    def __init__(
        self, scope: SessionScope, value_type: Any, *, clock: Callable[[], datetime] = utc_now
    ) -> None:
        self._scope = scope
        self._adapter: TypeAdapter[TToken] = TypeAdapter(value_type)
        self._clock = clock

    async def save(
        self, identifier: str, value: TToken, ttl: float, *, revoked: bool = False
    ) -> StoredToken[TToken]:
        """Store ``value`` under ``identifier`` for ``ttl`` seconds, replacing any token there."""
        now = self._clock()
        token = StoredToken(identifier, value, now + timedelta(seconds=ttl), revoked)
        values = {
            "identifier": identifier,
            "value": self._adapter.dump_json(value).decode(),
            "expires_at": token.expires_at,
            "revoked": revoked,
        }
        async with self._session() as session:
            # An expired token only ever reads as absent, so each save clears them out.
            await session.execute(delete(_TOKENS).where(_TOKENS.c.expires_at <= now))
            upsert = _insert(session, values)
            replaced = {name: upsert.excluded[name] for name in ("value", "expires_at", "revoked")}
            await session.execute(
                upsert.on_conflict_do_update(index_elements=["identifier"], set_=replaced)
            )
        return token

    async def get(self, identifier: str) -> StoredToken[TToken] | None:
        """Return the token, or None once it expired or if it was never stored."""
        async with self._session() as session:
            found = await session.execute(select(_TOKENS).where(_TOKENS.c.identifier == identifier))
            row = found.one_or_none()
        if row is None or (expires_at := _utc(row.expires_at)) <= self._clock():
            return None
        return StoredToken(
            identifier, self._adapter.validate_json(row.value), expires_at, revoked=row.revoked
        )

    async def revoke(self, identifier: str) -> bool:
        """Mark the live token revoked in one conditional update; True only for the winner."""
        statement = (
            update(_TOKENS)
            .where(
                _TOKENS.c.identifier == identifier,
                _TOKENS.c.revoked.is_(False),
                _TOKENS.c.expires_at > self._clock(),
            )
            .values(revoked=True)
        )
        async with self._session() as session:
            result = cast("CursorResult[Any]", await session.execute(statement))
        return result.rowcount > 0

    async def delete(self, identifier: str) -> bool:
        """Forget the token; True if one was stored."""
        statement = delete(_TOKENS).where(_TOKENS.c.identifier == identifier)
        async with self._session() as session:
            result = cast("CursorResult[Any]", await session.execute(statement))
        return result.rowcount > 0

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        # Unreadable revocations must refuse the request (503), never let a key through.
        try:
            async with self._scope() as session:
                yield session
        # A refused or cut connection can reach us as the driver's bare OSError.
        except (SQLAlchemyError, OSError) as error:
            raise DatabaseError(reason=type(error).__name__) from error


def _insert(session: AsyncSession, values: dict[str, object]) -> Any:
    # Both dialects spell the upsert ON CONFLICT ... DO UPDATE; only the construct differs.
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(_TOKENS).values(values)
    return sqlite.insert(_TOKENS).values(values)


def _utc(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

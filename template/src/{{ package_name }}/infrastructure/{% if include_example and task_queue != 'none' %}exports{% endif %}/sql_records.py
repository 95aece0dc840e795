"""``SqlExportRecords``: the state of catalogue exports in the ``product_exports`` table."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import CursorResult, Table, delete, func, insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from ...application.catalog.exports import ExportedFile, ExportRecord
from ...application.tasks.task import TaskResult, TaskStatus
from ...kernel.errors import DatabaseError
from ..persistence.database import SessionScope
from ..persistence.tables.product_exports import ProductExportRow

_EXPORTS = cast("Table", ProductExportRow.__table__)  # type: ignore[attr-defined]
_STARTABLE = [
    status.value for status in (TaskStatus.PENDING, TaskStatus.RUNNING, TaskStatus.FAILED)
]


class SqlExportRecords:
    """Every state change is one statement; starting is conditional, so it happens once."""

    def __init__(self, scope: SessionScope) -> None:
        self._scope = scope

    async def add(self, record: ExportRecord) -> None:
        """Insert a new export."""
        values = {
            "id": record.id,
            "file_name": record.file_name,
            "status": record.status.value,
            "created_at": record.created_at,
            "retries": record.retries,
        }
        async with self._session() as session:
            await session.execute(insert(_EXPORTS).values(values))

    async def get(self, export_id: UUID) -> ExportRecord | None:
        """Return the export, or None."""
        async with self._session() as session:
            found = await session.execute(select(_EXPORTS).where(_EXPORTS.c.id == export_id))
            row = found.one_or_none()
        return None if row is None else _record(row)

    async def start(self, export_id: UUID, at: datetime) -> bool:
        """Move the export to running; False if it was cancelled, succeeded or is gone.

        A running or failed export starts again: only a delivery after a crash or a
        retry runs an export twice, and its file is written whole or not at all.
        """
        statement = (
            update(_EXPORTS)
            .where(_EXPORTS.c.id == export_id, _EXPORTS.c.status.in_(_STARTABLE))
            .values(status=TaskStatus.RUNNING.value, started_at=at)
        )
        async with self._session() as session:
            result = cast("CursorResult[Any]", await session.execute(statement))
        return result.rowcount > 0

    async def finish(self, export_id: UUID, result: TaskResult[ExportedFile]) -> None:
        """Store the final status, timings, retries and row count or error."""
        values = {
            "status": result.status.value,
            "finished_at": result.finished_at,
            "retries": result.retries,
            "rows": None if result.value is None else result.value.rows,
            "error": result.error,
        }
        async with self._session() as session:
            await session.execute(update(_EXPORTS).where(_EXPORTS.c.id == export_id).values(values))

    async def cancel_pending(self, export_ids: Sequence[UUID], at: datetime) -> None:
        """Mark those of ``export_ids`` still pending as cancelled."""
        if not export_ids:
            return
        statement = (
            update(_EXPORTS)
            .where(_EXPORTS.c.id.in_(export_ids), _EXPORTS.c.status == TaskStatus.PENDING.value)
            .values(status=TaskStatus.CANCELLED.value, finished_at=at)
        )
        async with self._session() as session:
            await session.execute(statement)

    async def expired(self, before: datetime) -> Sequence[ExportRecord]:
        """Return the exports finished, or if unfinished requested, before ``before``."""
        ended = func.coalesce(_EXPORTS.c.finished_at, _EXPORTS.c.created_at)
        async with self._session() as session:
            found = await session.execute(select(_EXPORTS).where(ended < before))
            return [_record(row) for row in found]

    async def remove(self, export_id: UUID) -> None:
        """Delete the export's row."""
        async with self._session() as session:
            await session.execute(delete(_EXPORTS).where(_EXPORTS.c.id == export_id))

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[AsyncSession]:
        try:
            async with self._scope() as session:
                yield session
        except (SQLAlchemyError, OSError) as error:  # OSError: a refused connection
            raise DatabaseError(reason=type(error).__name__) from error


def _record(row: Row[Any]) -> ExportRecord:
    return ExportRecord(
        id=row.id,
        file_name=row.file_name,
        status=TaskStatus(row.status),
        created_at=_utc(row.created_at),
        started_at=None if row.started_at is None else _utc(row.started_at),
        finished_at=None if row.finished_at is None else _utc(row.finished_at),
        retries=row.retries,
        rows=row.rows,
        error=row.error,
    )


def _utc(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; they were written in UTC.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

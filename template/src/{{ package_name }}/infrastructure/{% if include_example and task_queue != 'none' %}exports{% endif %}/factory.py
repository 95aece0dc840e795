"""Builds the catalogue export: the retried tasks that run it and the service that starts it."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ...application.catalog.exports import (
    ExportedFile,
    ExportProducts,
    ExportProductsTask,
    ProductExports,
    PurgeExpiredExports,
    ReadPage,
    RecordedExport,
)
from ...application.tasks.publisher import TaskPublisher
from ...application.tasks.task import ExecutableTask
from ...kernel.errors import InfrastructureError
from ...settings import Settings
from ..persistence.database import SessionScope
from ..tasks.factory import retry_policy
from ..tasks.retry import RetryableTask
from .csv_files import CsvExportFiles
from .sql_records import SqlExportRecords


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ExportTasks:
    """What a worker runs for the export: the recorded export and the purge."""

    export: ExecutableTask[ExportProducts, ExportedFile]
    purge: ExecutableTask[None, int]


def build_export_tasks(
    settings: Settings, read_page: ReadPage, scope: SessionScope, *, redelivered: bool
) -> ExportTasks:
    """A database outage is retried, anything else fails the run.

    ``redelivered`` says whether an interrupted export is delivered again (a broker).
    """
    files = CsvExportFiles(settings.exports.directory)
    records = SqlExportRecords(scope)
    policy = retry_policy(settings.tasks)
    export = RetryableTask(ExportProductsTask(read_page, files), InfrastructureError, policy)
    retention = timedelta(seconds=settings.exports.retention_seconds)
    purge = PurgeExpiredExports(records, files, retention, utc_now)
    return ExportTasks(
        export=RecordedExport(export, records, redelivered=redelivered),
        purge=RetryableTask(purge, InfrastructureError, policy),
    )


def build_product_exports(
    settings: Settings,
    scope: SessionScope,
    exports: TaskPublisher[ExportProducts],
    purges: TaskPublisher[None],
) -> ProductExports:
    """Exports and purges are handed to ``exports`` and ``purges``; state lives in SQL."""
    return ProductExports(
        exports=exports,
        purges=purges,
        files=CsvExportFiles(settings.exports.directory),
        records=SqlExportRecords(scope),
        clock=utc_now,
    )

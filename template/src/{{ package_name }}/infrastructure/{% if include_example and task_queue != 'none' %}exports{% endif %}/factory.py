"""Builds the catalogue export service: the retried export task over CSV files and SQL rows."""

from datetime import UTC, datetime, timedelta

from ...application.catalog.exports import (
    ExportProductsTask,
    ProductExports,
    PurgeExpiredExports,
    ReadPage,
    RecordedExport,
)
from ...application.tasks.jobs import JobScheduler
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


def build_product_exports(
    settings: Settings, read_page: ReadPage, scheduler: JobScheduler, scope: SessionScope
) -> ProductExports:
    """Exports run on ``scheduler``; a database outage is retried, anything else fails the job."""
    files = CsvExportFiles(settings.exports.directory)
    records = SqlExportRecords(scope)
    policy = retry_policy(settings.tasks)
    export = RetryableTask(ExportProductsTask(read_page, files), InfrastructureError, policy)
    retention = timedelta(seconds=settings.exports.retention_seconds)
    purge = PurgeExpiredExports(records, files, retention, utc_now)
    return ProductExports(
        task=RecordedExport(export, records),
        purge=RetryableTask(purge, InfrastructureError, policy),
        scheduler=scheduler,
        files=files,
        records=records,
        clock=utc_now,
    )

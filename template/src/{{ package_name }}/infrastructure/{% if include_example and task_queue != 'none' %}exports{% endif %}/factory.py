"""Builds the catalogue export service: the retried export task over CSV files."""

from ...application.catalog.exports import ExportProductsTask, ProductExports, ReadPage
from ...application.tasks.jobs import JobScheduler
from ...kernel.errors import InfrastructureError
from ...settings import Settings
from ..tasks.factory import retry_policy
from ..tasks.retry import RetryableTask
from .csv_files import CsvExportFiles


def build_product_exports(
    settings: Settings, read_page: ReadPage, scheduler: JobScheduler
) -> ProductExports:
    """Exports run on ``scheduler``; a database outage is retried, anything else fails the job."""
    files = CsvExportFiles(settings.exports.directory)
    export = ExportProductsTask(read_page, files)
    task = RetryableTask(export, InfrastructureError, retry_policy(settings.tasks))
    return ProductExports(task=task, scheduler=scheduler, files=files)

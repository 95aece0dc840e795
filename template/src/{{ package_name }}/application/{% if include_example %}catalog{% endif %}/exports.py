"""Catalogue export: a background job that writes every product to a CSV file."""

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol
from uuid import UUID, uuid4

from ...kernel.errors import NotFoundError, ServiceError
from ...kernel.pagination import MAX_PAGE_SIZE, Page
from ...kernel.result import Err, Ok, Result
from ...kernel.status import TaskStatus
from ..tasks.jobs import JobPriority, JobScheduler, TaskJob
from ..tasks.task import ExecutableTask, TaskResult
from .dtos import ProductDTO
from .queries import ListProducts

ENTITY: Final = "Product export"
COLUMNS: Final = (
    "id",
    "sku",
    "name",
    "description",
    "price_cents",
    "stock",
    "status",
    "version",
    "created_at",
    "updated_at",
)

type Cell = str | int
type ReadPage = Callable[[ListProducts], Awaitable[Result[Page[ProductDTO], ServiceError]]]
"""Answers one ``ListProducts`` query, e.g. the query bus's ``dispatch``."""


@dataclass(frozen=True, slots=True)
class ExportProducts:
    """The export job's payload: the name of the file to write."""

    file_name: str


@dataclass(frozen=True, slots=True)
class ExportedFile:
    """A finished export: its file name and how many products it holds."""

    file_name: str
    rows: int


class ExportFiles(Protocol):
    """Where export files are written and found again."""

    async def write(
        self, name: str, header: Sequence[str], rows: AsyncIterator[Sequence[Cell]]
    ) -> int:
        """Write the file whole (or not at all) and return the number of data rows."""
        ...

    def location(self, name: str) -> Path:
        """Return the path of the file called ``name``."""
        ...


@dataclass(frozen=True, slots=True)
class ExportProductsTask:
    """Reads the catalogue page by page, in SKU order, and streams it into a file."""

    read_page: ReadPage
    files: ExportFiles

    async def run(self, payload: ExportProducts) -> ExportedFile:
        """Write the export; a failed page read raises its ``ServiceError``."""
        rows = await self.files.write(payload.file_name, COLUMNS, self._rows())
        return ExportedFile(file_name=payload.file_name, rows=rows)

    async def _rows(self) -> AsyncIterator[Sequence[Cell]]:
        number = 1
        while True:
            listing = ListProducts(page=number, size=MAX_PAGE_SIZE, sort="sku")
            result = await self.read_page(listing)
            if isinstance(result, Err):
                raise result.error
            for product in result.value.items:
                yield _row(product)
            if number >= result.value.pages:
                return
            number += 1


def _row(product: ProductDTO) -> tuple[Cell, ...]:
    return (
        str(product.id),
        product.sku,
        product.name,
        product.description,
        product.price_cents,
        product.stock,
        product.status.value,
        product.version,
        product.created_at.isoformat(),
        product.updated_at.isoformat(),
    )


@dataclass(frozen=True, slots=True)
class ProductExports:
    """Starts catalogue exports on the job scheduler and reports on them."""

    task: ExecutableTask[ExportProducts, ExportedFile]
    scheduler: JobScheduler
    files: ExportFiles
    _started: set[UUID] = field(default_factory=set, init=False, repr=False)

    async def start(self) -> UUID:
        """Queue an export of the whole catalogue and return its job id."""
        job_id = uuid4()
        payload = ExportProducts(file_name=f"products-{job_id}.csv")
        # Forget exports whose results the scheduler has dropped, so the set stays bounded.
        self._started.difference_update(
            [known for known in self._started if self.scheduler.result(known) is None]
        )
        self._started.add(job_id)
        return self.scheduler.submit(TaskJob(self.task, payload, id=job_id), JobPriority.BULK)

    def status(self, job_id: UUID) -> Result[TaskResult[ExportedFile], ServiceError]:
        """Return the export's result, or ``NotFoundError`` for an id it did not start."""
        result = self.scheduler.result(job_id) if job_id in self._started else None
        if result is None:
            return Err(NotFoundError(entity=ENTITY, identifier=job_id))
        value = result.value if isinstance(result.value, ExportedFile) else None
        return Ok(
            TaskResult(
                status=result.status,
                started_at=result.started_at,
                finished_at=result.finished_at,
                retries=result.retries,
                value=value,
                error=result.error,
            )
        )

    def file(self, job_id: UUID) -> Result[Path, ServiceError]:
        """Return the path of a finished export's file, or ``NotFoundError``."""
        status = self.status(job_id)
        if isinstance(status, Err):
            return status
        exported = status.value.value
        if status.value.status is not TaskStatus.SUCCEEDED or exported is None:
            return Err(NotFoundError(entity=f"{ENTITY} file", identifier=job_id))
        return Ok(self.files.location(exported.file_name))

"""Catalogue exports, ``/api/v1/product-exports``: start one, poll it, download its CSV."""

from datetime import datetime
from http import HTTPStatus
from typing import Annotated, Any, Self
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from ...application.catalog.access import RESOURCE, CatalogAction
from ...application.catalog.exports import ExportedFile, ProductExports
from ...application.tasks.task import TaskResult
from ...kernel.errors import ServiceError
from ...kernel.result import Err, Result
from ...kernel.status import TaskStatus
from ..dependencies import from_state
from ..security import authorize

ExportsDep = Annotated[ProductExports, Depends(from_state("product_exports", ProductExports))]

# Clients polling an unfinished export are asked to wait this long between polls.
POLL_AFTER_SECONDS = 1
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    HTTPStatus.NOT_FOUND: {
        "description": "No export has this id (or its file is not ready)",
        "content": {"application/problem+json": {}},
    }
}

router = APIRouter(prefix="/api/v1/product-exports", tags=["product exports"])


class ProductExportStatus(BaseModel):
    """The state of one catalogue export job."""

    id: UUID
    status: TaskStatus = Field(description="pending, running, retrying, succeeded, failed...")
    started_at: datetime | None
    finished_at: datetime | None
    retries: int = Field(description="Attempts repeated after a transient failure")
    rows: int | None = Field(description="Products written, once the export succeeded")
    error: str | None = Field(description="Why the last attempt failed")
    file: str | None = Field(description="Where to download the CSV, once it succeeded")

    @classmethod
    def of(cls, export_id: UUID, result: TaskResult[ExportedFile], request: Request) -> Self:
        """Describe ``result``, linking the file when there is one."""
        succeeded = result.status is TaskStatus.SUCCEEDED and result.value is not None
        file = request.url_for("download_product_export", export_id=export_id)
        return cls(
            id=export_id,
            status=result.status,
            started_at=result.started_at,
            finished_at=result.finished_at,
            retries=result.retries,
            rows=result.value.rows if result.value is not None else None,
            error=result.error,
            file=str(file) if succeeded else None,
        )


def _value[T](result: Result[T, ServiceError]) -> T:
    # The error handlers turn a raised ServiceError into the matching problem+json.
    if isinstance(result, Err):
        raise result.error
    return result.value


@router.post(
    "",
    status_code=HTTPStatus.ACCEPTED,
    dependencies=[Depends(authorize("catalog_authorizer", RESOURCE, CatalogAction.EXPORT))],
)
async def start_product_export(
    exports: ExportsDep, request: Request, response: Response
) -> ProductExportStatus:
    """Queue an export of every product; poll the Location header until it has finished."""
    export_id = await exports.start()
    response.headers["Location"] = str(request.url_for("get_product_export", export_id=export_id))
    response.headers["Retry-After"] = str(POLL_AFTER_SECONDS)
    return ProductExportStatus.of(export_id, _value(exports.status(export_id)), request)


@router.get(
    "/{export_id}",
    responses={HTTPStatus.ACCEPTED: {"description": "Still queued or running"}, **_NOT_FOUND},
)
async def get_product_export(
    export_id: UUID, exports: ExportsDep, request: Request, response: Response
) -> ProductExportStatus:
    """Report an export: 202 while it is queued or running, 200 once it has finished."""
    result = _value(exports.status(export_id))
    if not result.status.is_terminal:
        response.status_code = HTTPStatus.ACCEPTED
        response.headers["Retry-After"] = str(POLL_AFTER_SECONDS)
    return ProductExportStatus.of(export_id, result, request)


@router.get(
    "/{export_id}/file",
    response_class=FileResponse,
    responses={HTTPStatus.OK: {"content": {"text/csv": {}}}, **_NOT_FOUND},
)
async def download_product_export(export_id: UUID, exports: ExportsDep) -> FileResponse:
    """Download the CSV of a succeeded export."""
    path = _value(exports.file(export_id))
    return FileResponse(path, media_type="text/csv", filename=path.name)

"""The audit log, ``/api/v1/audit-entries``: who changed what, newest first, for auditors."""

from datetime import datetime
from http import HTTPStatus
from typing import Annotated, Self
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field

from ...application.catalog.audited_repository import ProductWrite
from ...application.security.actor import Actor
from ...application.security.audit import RESOURCE, AuditAction, AuditEntry
from ...kernel.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page, PageRequest
from ..authorization import authorize
from ..deps import AuditTrailDep, audit_authorizer
from ..openapi import problems

# The actor is personal data: only holders of the audit:read role see it decrypted.
router = APIRouter(
    prefix="/api/v1/audit-entries",
    tags=["audit"],
    dependencies=[Depends(authorize(audit_authorizer, RESOURCE, AuditAction.READ))],
    responses=problems(HTTPStatus.SERVICE_UNAVAILABLE),
)


class AuditPageQuery(BaseModel):
    """Which page of the audit log to read (query parameters)."""

    model_config = ConfigDict(extra="forbid")

    page: int = Field(default=1, ge=1, description="Page number, from 1")
    size: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Page size")


class AuditActor(BaseModel):
    """Who made the change, as authenticated then."""

    subject: str
    roles: list[str]


class AuditEntryResponse(BaseModel):
    """One audited write."""

    id: UUID
    occurred_at: datetime
    event_type: str = Field(description="The kind of write, e.g. ProductWrite")
    event: ProductWrite = Field(description="What changed")
    actor: AuditActor
    request_id: str | None = Field(description="The request that made the change")

    @classmethod
    def of(cls, entry: AuditEntry[ProductWrite, Actor]) -> Self:
        """Describe ``entry``."""
        return cls(
            id=entry.id,
            occurred_at=entry.occurred_at,
            event_type=type(entry.event).__name__,
            event=entry.event,
            actor=AuditActor(subject=entry.context.subject, roles=sorted(entry.context.roles)),
            request_id=entry.request_id,
        )


class AuditEntryPage(BaseModel):
    """One page of audit entries, newest first."""

    items: list[AuditEntryResponse]
    total: int = Field(description="Entries in the whole log")
    page: int = Field(description="This page's number, from 1")
    size: int = Field(description="Requested page size")
    pages: int = Field(description="Number of pages for this size")

    @classmethod
    def of(cls, page: Page[AuditEntry[ProductWrite, Actor]]) -> Self:
        """Convert a page of entries."""
        return cls(
            items=[AuditEntryResponse.of(entry) for entry in page.items],
            total=page.total,
            page=page.page,
            size=page.size,
            pages=page.pages,
        )


@router.get("")
async def list_audit_entries(
    trail: AuditTrailDep, query: Annotated[AuditPageQuery, Query()]
) -> AuditEntryPage:
    """List audit entries, newest first, each with its actor decrypted."""
    page = await trail.newest(PageRequest(page=query.page, size=query.size))
    return AuditEntryPage.of(page)

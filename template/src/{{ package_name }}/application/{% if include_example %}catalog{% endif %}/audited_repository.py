"""``AuditedProductRepository``: every stored change of a product leaves an audit entry."""

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from ...domain.catalog.product import Product
from ..security.actor import Actor, current_actor
from ..security.audit import AuditEntry, AuditLog
from .handlers import Clock
from .ports import ProductRepository
from .repository_decorator import ProductRepositoryDecorator


class WriteKind(StrEnum):
    """The kinds of stored change to a product."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductWrite:
    """One stored change: which product, what kind, and the version it left behind."""

    kind: WriteKind
    product_id: UUID
    version: int | None = None


type ProductAuditLog = AuditLog[ProductWrite, Actor]


class AuditedProductRepository(ProductRepositoryDecorator):
    """Decorates a ``ProductRepository``; writes that succeed are recorded with their actor.

    The actor is the caller the API authenticated for the current request. Inside a
    unit of work the audit log shares its transaction, so a change and its entry are
    stored, or rolled back, together.
    """

    def __init__(self, inner: ProductRepository, audit_log: ProductAuditLog, clock: Clock) -> None:
        super().__init__(inner)
        self._audit_log = audit_log
        self._clock = clock

    async def create(self, entity: Product) -> Product:
        """Store a new product and record it."""
        created = await super().create(entity)
        await self._record(WriteKind.CREATED, created.id, created.version)
        return created

    async def update(self, entity: Product) -> Product:
        """Store a changed product and record it."""
        updated = await super().update(entity)
        await self._record(WriteKind.UPDATED, updated.id, updated.version)
        return updated

    async def delete(self, entity_id: UUID) -> bool:
        """Delete a product and record it if there was one."""
        deleted = await super().delete(entity_id)
        if deleted:
            await self._record(WriteKind.DELETED, entity_id)
        return deleted

    async def _record(self, kind: WriteKind, product_id: UUID, version: int | None = None) -> None:
        event = ProductWrite(kind=kind, product_id=product_id, version=version)
        entry = AuditEntry(event=event, context=current_actor.get(), occurred_at=self._clock())
        await self._audit_log.record(entry)

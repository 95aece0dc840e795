"""``AuditedProductRepository``: every stored change of a product leaves an audit entry."""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from ...domain.catalog.product import Product
from ...kernel.pagination import Page, PageRequest, SortField
from ...kernel.specification import Specification
from ..security.actor import Actor, current_actor
from ..security.audit import AuditEntry, AuditLog
from .handlers import Clock
from .ports import ProductRepository


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


class AuditedProductRepository:
    """Decorates a ``ProductRepository``; writes that succeed are recorded with their actor.

    The actor is the caller the API authenticated for the current request. Inside a
    unit of work the audit log shares its transaction, so a change and its entry are
    stored, or rolled back, together.
    """

    def __init__(self, inner: ProductRepository, audit_log: ProductAuditLog, clock: Clock) -> None:
        self._inner = inner
        self._audit_log = audit_log
        self._clock = clock

    async def get(self, entity_id: UUID) -> Product | None:
        """Return the product with ``entity_id``, or None."""
        return await self._inner.get(entity_id)

    async def get_by_sku(self, sku: str) -> Product | None:
        """Return the product with ``sku``, or None."""
        return await self._inner.get_by_sku(sku)

    async def get_all(
        self,
        request: PageRequest,
        specification: Specification[Product] | None = None,
        sort: Sequence[SortField] = (),
    ) -> Page[Product]:
        """Return one page of products."""
        return await self._inner.get_all(request, specification, sort)

    async def exists(self, entity_id: UUID) -> bool:
        """Tell whether the product exists."""
        return await self._inner.exists(entity_id)

    async def create(self, entity: Product) -> Product:
        """Store a new product and record it."""
        created = await self._inner.create(entity)
        await self._record(WriteKind.CREATED, created.id, created.version)
        return created

    async def update(self, entity: Product) -> Product:
        """Store a changed product and record it."""
        updated = await self._inner.update(entity)
        await self._record(WriteKind.UPDATED, updated.id, updated.version)
        return updated

    async def delete(self, entity_id: UUID) -> bool:
        """Delete a product and record it if there was one."""
        deleted = await self._inner.delete(entity_id)
        if deleted:
            await self._record(WriteKind.DELETED, entity_id)
        return deleted

    async def _record(self, kind: WriteKind, product_id: UUID, version: int | None = None) -> None:
        event = ProductWrite(kind=kind, product_id=product_id, version=version)
        entry = AuditEntry(event=event, context=current_actor.get(), occurred_at=self._clock())
        await self._audit_log.record(entry)

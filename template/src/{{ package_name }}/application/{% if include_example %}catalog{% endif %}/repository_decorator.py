"""``ProductRepositoryDecorator``: forwards every call to the repository it wraps."""

from collections.abc import Sequence
from uuid import UUID

from ...domain.catalog.product import Product
from ...kernel.pagination import Page, PageRequest, SortField
from ...kernel.specification import Specification
from .ports import ProductRepository


class ProductRepositoryDecorator:
    """A ``ProductRepository`` around another one; subclasses override what they add to."""

    def __init__(self, inner: ProductRepository) -> None:
        self._inner = inner

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
        """Store a new product."""
        return await self._inner.create(entity)

    async def update(self, entity: Product) -> Product:
        """Store a changed product."""
        return await self._inner.update(entity)

    async def delete(self, entity_id: UUID) -> bool:
        """Delete a product; False if there was none."""
        return await self._inner.delete(entity_id)

"""What the catalog use cases need from the outside world."""

from collections.abc import Sequence
from typing import Protocol, runtime_checkable
from uuid import UUID

from ...domain.catalog.product import Product
from ...kernel.pagination import Page, PageRequest, SortField
from ...kernel.protocols import Repository
from ...kernel.specification import Specification


@runtime_checkable
class ProductRepository(Repository[Product, UUID], Protocol):
    """Stores products; ``update`` persists the next ``version`` and returns the stored entity."""

    async def get_by_sku(self, sku: str) -> Product | None:
        """Return the product with ``sku``, or None."""
        ...


@runtime_checkable
class ProductReader(Protocol):
    """Reads products outside any unit of work: what the queries need."""

    async def get(self, entity_id: UUID) -> Product | None:
        """Return the product with ``entity_id``, or None."""
        ...

    async def get_all(
        self,
        request: PageRequest,
        specification: Specification[Product] | None = None,
        sort: Sequence[SortField] = (),
    ) -> Page[Product]:
        """Return one page of the products satisfying ``specification``, in ``sort`` order."""
        ...

"""What the catalog use cases need from the outside world."""

from typing import Protocol, runtime_checkable
from uuid import UUID

from ...domain.catalog.product import Product
from ...kernel.protocols import Repository


@runtime_checkable
class ProductRepository(Repository[Product, UUID], Protocol):
    """Stores products; ``update`` persists the next ``version`` and returns the stored entity."""

    async def get_by_sku(self, sku: str) -> Product | None:
        """Return the product with ``sku``, or None."""
        ...

"""Read-only views of products handed to the layers above the use cases."""

from dataclasses import dataclass
from datetime import datetime
from typing import Self
from uuid import UUID

from ...domain.catalog.product import Product, ProductStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductDTO:
    """A snapshot of a product; changing it changes nothing in the catalog."""

    id: UUID
    sku: str
    name: str
    description: str
    price_cents: int
    stock: int
    status: ProductStatus
    version: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def from_entity(cls, product: Product) -> Self:
        """Copy the persistent fields of ``product``."""
        return cls(
            id=product.id,
            sku=product.sku,
            name=product.name,
            description=product.description,
            price_cents=product.price_cents,
            stock=product.stock,
            status=product.status,
            version=product.version,
            created_at=product.created_at,
            updated_at=product.updated_at,
        )

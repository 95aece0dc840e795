"""Requests that change the catalog."""

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProduct:
    """Add a new active product."""

    sku: str
    name: str
    price_cents: int
    description: str = ""
    stock: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateProduct:
    """Change a product's details; a None field keeps its current value.

    ``expected_version`` is the version the caller read (from the ETag): the change is
    refused if the product has moved on since.
    """

    product_id: UUID
    name: str | None = None
    description: str | None = None
    price_cents: int | None = None
    expected_version: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AdjustStock:
    """Add (positive ``delta``) or remove (negative) units of stock."""

    product_id: UUID
    delta: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscontinueProduct:
    """Retire a product for good."""

    product_id: UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteProduct:
    """Remove a product from the catalog."""

    product_id: UUID

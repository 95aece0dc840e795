"""Requests that change the catalog."""

from dataclasses import dataclass
from uuid import UUID

from ..cqrs.messages import Command
from .dtos import ProductDTO


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateProduct(Command[ProductDTO]):
    """Add a new active product."""

    sku: str
    name: str
    price_cents: int
    description: str = ""
    stock: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateProduct(Command[ProductDTO]):
    """Change a product's details; a None field keeps its current value."""

    product_id: UUID
    name: str | None = None
    description: str | None = None
    price_cents: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AdjustStock(Command[ProductDTO]):
    """Add (positive ``delta``) or remove (negative) units of stock."""

    product_id: UUID
    delta: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscontinueProduct(Command[ProductDTO]):
    """Retire a product for good."""

    product_id: UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteProduct(Command[None]):
    """Remove a product from the catalog."""

    product_id: UUID

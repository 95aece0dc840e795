"""What happened to a product, recorded by the entity for whoever publishes it later."""

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductEvent:
    """Base of the catalog's domain events: which product, and when."""

    product_id: UUID
    occurred_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductCreated(ProductEvent):
    """A product entered the catalog."""

    sku: str
    price_cents: int
    stock: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductRepriced(ProductEvent):
    """A product's price changed."""

    old_price_cents: int
    new_price_cents: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StockAdjusted(ProductEvent):
    """Units were added to or removed from a product's stock."""

    delta: int
    stock: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ProductDiscontinued(ProductEvent):
    """A product left the catalog's active range; it can no longer change price or grow."""

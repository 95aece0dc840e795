"""Requests that read the catalog."""

from dataclasses import dataclass
from uuid import UUID

from ...domain.catalog.product import ProductStatus
from ...kernel.pagination import DEFAULT_PAGE_SIZE


@dataclass(frozen=True, slots=True, kw_only=True)
class GetProduct:
    """Read one product."""

    product_id: UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class ListProducts:
    """Read one page of products; every filter left as None is not applied.

    ``name_like`` is a case-sensitive LIKE pattern (``%`` any run, ``_`` one
    character); ``sort`` lists fields, ``-`` first for descending, e.g. ``-price_cents,name``.
    """

    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    name_like: str | None = None
    min_price_cents: int | None = None
    max_price_cents: int | None = None
    status: ProductStatus | None = None
    in_stock: bool | None = None
    sort: str = "name"

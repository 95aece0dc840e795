"""Handlers of the catalog queries."""

import functools
import operator
from dataclasses import dataclass
from typing import Final

from ...domain.catalog.product import Product
from ...kernel.errors import ServiceError
from ...kernel.pagination import Page, PageRequest, parse_sort
from ...kernel.result import Ok, Result
from ...kernel.specification import MatchAll, Specification, where
from ..observability.tracing import traced
from .dtos import ProductDTO
from .handlers import CatalogHandler, load
from .ports import ProductReader
from .queries import GetProduct, ListProducts

SORTABLE_FIELDS: Final = frozenset(
    {"sku", "name", "price_cents", "stock", "status", "created_at", "updated_at"}
)


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogQueryHandler[TInput, TOutput](CatalogHandler[TInput, TOutput]):
    """A query handler: reads outside any unit of work (through the cache, if any).

    Type parameters:
        TInput: the query handled.
        TOutput: the value returned on success.
    """

    products: ProductReader


class GetProductHandler(CatalogQueryHandler[GetProduct, ProductDTO]):
    """Read one product."""

    @traced()
    async def handle(self, request: GetProduct) -> Result[ProductDTO, ServiceError]:
        """Return the product's view, or ``NotFoundError``."""
        return Ok(ProductDTO.from_entity(await load(self.products, request.product_id)))


class ListProductsHandler(CatalogQueryHandler[ListProducts, Page[ProductDTO]]):
    """Read one filtered, sorted page of products."""

    @traced()
    async def handle(self, request: ListProducts) -> Result[Page[ProductDTO], ServiceError]:
        """Validate paging and sorting, then ask the repository for the page."""
        # Both raise ValidationError, which `execute` turns into an Err.
        page_request = PageRequest(page=request.page, size=request.size)
        sort = parse_sort(request.sort, allowed=SORTABLE_FIELDS)
        page = await self.products.get_all(page_request, product_filter(request), sort)
        return Ok(page.map(ProductDTO.from_entity))


def product_filter(request: ListProducts) -> Specification[Product]:
    """Translate the query's optional filters into one specification (AND of all)."""
    conditions: list[Specification[Product]] = []
    if request.name_like is not None:
        conditions.append(where("name").like(request.name_like))
    if request.min_price_cents is not None:
        conditions.append(where("price_cents").ge(request.min_price_cents))
    if request.max_price_cents is not None:
        conditions.append(where("price_cents").le(request.max_price_cents))
    if request.status is not None:
        conditions.append(where("status").eq(request.status.value))
    if request.in_stock is not None:
        stock = where("stock")
        conditions.append(stock.gt(0) if request.in_stock else stock.eq(0))
    no_filter: Specification[Product] = MatchAll()
    return functools.reduce(operator.and_, conditions, no_filter)

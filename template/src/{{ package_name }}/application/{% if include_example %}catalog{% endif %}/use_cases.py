"""``CatalogUseCases``: every catalog use case, built from one repository and a clock."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Self

from .handlers import (
    AdjustStockHandler,
    Clock,
    CreateProductHandler,
    DeleteProductHandler,
    DiscontinueProductHandler,
    UpdateProductHandler,
)
from .ports import ProductRepository
from .query_handlers import GetProductHandler, ListProductsHandler


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogUseCases:
    """The catalog's application service, one handler per use case."""

    create: CreateProductHandler
    get: GetProductHandler
    list: ListProductsHandler
    update: UpdateProductHandler
    adjust_stock: AdjustStockHandler
    discontinue: DiscontinueProductHandler
    delete: DeleteProductHandler

    @classmethod
    def build(cls, repository: ProductRepository, clock: Clock = utc_now) -> Self:
        """Wire every handler to ``repository`` and ``clock``."""
        return cls(
            create=CreateProductHandler(repository, clock),
            get=GetProductHandler(repository, clock),
            list=ListProductsHandler(repository, clock),
            update=UpdateProductHandler(repository, clock),
            adjust_stock=AdjustStockHandler(repository, clock),
            discontinue=DiscontinueProductHandler(repository, clock),
            delete=DeleteProductHandler(repository, clock),
        )

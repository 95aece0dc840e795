"""``CatalogUseCases``: every catalog use case, built from a unit of work, a reader and a clock."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Self

from ..unit_of_work import UnitOfWork
from .handlers import (
    AdjustStockHandler,
    Clock,
    CreateProductHandler,
    DeleteProductHandler,
    DiscontinueProductHandler,
    UpdateProductHandler,
)
from .ports import ProductReader, ProductRepository
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
    def build(
        cls,
        unit_of_work: UnitOfWork[ProductRepository],
        reader: ProductReader,
        clock: Clock = utc_now,
        *,
        require_version: bool = False,
    ) -> Self:
        """Wire commands to ``unit_of_work``, queries to ``reader``, and both to ``clock``.

        ``require_version`` makes every update name the version it changes (If-Match).
        """
        return cls(
            create=CreateProductHandler(clock=clock, unit_of_work=unit_of_work),
            get=GetProductHandler(clock=clock, products=reader),
            list=ListProductsHandler(clock=clock, products=reader),
            update=UpdateProductHandler(
                clock=clock, unit_of_work=unit_of_work, require_version=require_version
            ),
            adjust_stock=AdjustStockHandler(clock=clock, unit_of_work=unit_of_work),
            discontinue=DiscontinueProductHandler(clock=clock, unit_of_work=unit_of_work),
            delete=DeleteProductHandler(clock=clock, unit_of_work=unit_of_work),
        )

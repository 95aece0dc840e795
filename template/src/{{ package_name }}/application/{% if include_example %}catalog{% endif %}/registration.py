"""Puts every catalog handler on the command and query buses the API dispatches through."""

from ..cqrs.buses import CommandBus, QueryBus
from .commands import AdjustStock, CreateProduct, DeleteProduct, DiscontinueProduct, UpdateProduct
from .queries import GetProduct, ListProducts
from .use_cases import CatalogUseCases


def register_catalog(use_cases: CatalogUseCases, commands: CommandBus, queries: QueryBus) -> None:
    """Register each catalog use case for its command or query (checked at registration)."""
    commands.register(CreateProduct, use_cases.create)
    commands.register(UpdateProduct, use_cases.update)
    commands.register(AdjustStock, use_cases.adjust_stock)
    commands.register(DiscontinueProduct, use_cases.discontinue)
    commands.register(DeleteProduct, use_cases.delete)
    queries.register(GetProduct, use_cases.get)
    queries.register(ListProducts, use_cases.list)

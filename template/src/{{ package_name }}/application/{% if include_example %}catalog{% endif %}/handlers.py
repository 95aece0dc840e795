"""Handlers of the catalog commands; each is a kernel ``Service`` returning a ``Result``."""

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from ...domain.catalog.product import Product
from ...domain.catalog.rules import ENTITY
from ...kernel.errors import ConflictError, NotFoundError, ServiceError
from ...kernel.result import Err, Ok, Result
from .commands import AdjustStock, CreateProduct, DeleteProduct, DiscontinueProduct, UpdateProduct
from .dtos import ProductDTO
from .ports import ProductRepository

type Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware; injected so tests control time."""


@dataclass(frozen=True, slots=True)
class CatalogHandler[TInput, TOutput](ABC):
    """Base of the catalog handlers: errors raised by the ports become ``Err`` values.

    Type parameters:
        TInput: the command or query handled.
        TOutput: the value returned on success.
    """

    repository: ProductRepository
    clock: Clock

    async def execute(self, request: TInput) -> Result[TOutput, ServiceError]:
        """Run the use case for ``request``."""
        try:
            return await self.handle(request)
        except ServiceError as error:
            return Err(error)

    @abstractmethod
    async def handle(self, request: TInput) -> Result[TOutput, ServiceError]:
        """Run the use case; may raise ``ServiceError`` instead of returning ``Err``."""

    async def load(self, product_id: UUID) -> Product:
        """Return the product, raising ``NotFoundError`` if there is none."""
        product = await self.repository.get(product_id)
        if product is None:
            raise NotFoundError(entity=ENTITY, identifier=product_id)
        return product

    async def save(
        self, changed: Result[Product, ServiceError]
    ) -> Result[ProductDTO, ServiceError]:
        """Store a successfully changed product and return its view; pass errors through."""
        if isinstance(changed, Err):
            return changed
        return Ok(ProductDTO.from_entity(await self.repository.update(changed.value)))


class CreateProductHandler(CatalogHandler[CreateProduct, ProductDTO]):
    """Add a product; its SKU must not be taken."""

    async def handle(self, request: CreateProduct) -> Result[ProductDTO, ServiceError]:
        """Validate, check that the SKU is free, and store the new product."""
        created = Product.create(
            sku=request.sku,
            name=request.name,
            description=request.description,
            price_cents=request.price_cents,
            stock=request.stock,
            now=self.clock(),
        )
        if isinstance(created, Err):
            return created
        if await self.repository.get_by_sku(created.value.sku) is not None:
            return Err(ConflictError(entity=ENTITY, identifier=created.value.sku))
        # The repository still raises ConflictError if a concurrent request took the SKU.
        return Ok(ProductDTO.from_entity(await self.repository.create(created.value)))


class UpdateProductHandler(CatalogHandler[UpdateProduct, ProductDTO]):
    """Change the name, description and/or price of a product."""

    async def handle(self, request: UpdateProduct) -> Result[ProductDTO, ServiceError]:
        """Apply the given changes; a discontinued product cannot change price."""
        product = await self.load(request.product_id)
        now = self.clock()
        changed: Result[Product, ServiceError] = product.describe(
            now=now, name=request.name, description=request.description
        )
        if request.price_cents is not None:
            price = request.price_cents
            changed = changed.flat_map(lambda described: described.reprice(price, now=now))
        return await self.save(changed)


class AdjustStockHandler(CatalogHandler[AdjustStock, ProductDTO]):
    """Add or remove units of stock."""

    async def handle(self, request: AdjustStock) -> Result[ProductDTO, ServiceError]:
        """Apply the delta; stock never goes negative and discontinued products never grow."""
        product = await self.load(request.product_id)
        return await self.save(product.adjust_stock(request.delta, now=self.clock()))


class DiscontinueProductHandler(CatalogHandler[DiscontinueProduct, ProductDTO]):
    """Retire a product."""

    async def handle(self, request: DiscontinueProduct) -> Result[ProductDTO, ServiceError]:
        """Mark the product discontinued; doing it twice is a business-rule error."""
        product = await self.load(request.product_id)
        return await self.save(product.discontinue(now=self.clock()))


class DeleteProductHandler(CatalogHandler[DeleteProduct, None]):
    """Remove a product from the catalog."""

    async def handle(self, request: DeleteProduct) -> Result[None, ServiceError]:
        """Delete the product, or report that it does not exist."""
        if not await self.repository.delete(request.product_id):
            return Err(NotFoundError(entity=ENTITY, identifier=request.product_id))
        return Ok(None)

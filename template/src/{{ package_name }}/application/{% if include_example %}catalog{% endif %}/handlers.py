"""Handlers of the catalog commands; each runs in one unit of work and returns a ``Result``."""

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from ...domain.catalog.product import Product
from ...domain.catalog.rules import ENTITY
from ...kernel.errors import (
    ConflictError,
    NotFoundError,
    PreconditionFailedError,
    PreconditionRequiredError,
    ServiceError,
)
from ...kernel.result import Err, Ok, Result
from ..observability.tracing import traced
from ..unit_of_work import Operation, UnitOfWork
from .commands import AdjustStock, CreateProduct, DeleteProduct, DiscontinueProduct, UpdateProduct
from .dtos import ProductDTO
from .ports import ProductReader, ProductRepository

type Clock = Callable[[], datetime]
"""Returns the current time, timezone-aware; injected so tests control time."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogHandler[TInput, TOutput](ABC):
    """Base of the catalog handlers: errors raised by the ports become ``Err`` values.

    Type parameters:
        TInput: the command or query handled.
        TOutput: the value returned on success.
    """

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


@dataclass(frozen=True, slots=True, kw_only=True)
class CatalogCommandHandler[TInput, TOutput](CatalogHandler[TInput, TOutput]):
    """A command handler: ``apply`` runs in one unit of work, committed only on ``Ok``.

    Type parameters:
        TInput: the command handled.
        TOutput: the value returned on success.
    """

    unit_of_work: UnitOfWork[ProductRepository]

    async def handle(self, request: TInput) -> Result[TOutput, ServiceError]:
        """Apply ``request`` to the products of a fresh transaction."""
        operation = Operation(type(request).__name__, ENTITY)
        return await self.unit_of_work.run(
            operation, lambda products: self.apply(request, products)
        )

    @abstractmethod
    async def apply(
        self, request: TInput, products: ProductRepository
    ) -> Result[TOutput, ServiceError]:
        """Change the catalog through ``products``; an ``Err`` rolls every change back."""


async def load(products: ProductReader, product_id: UUID) -> Product:
    """Return the product, raising ``NotFoundError`` if there is none."""
    product = await products.get(product_id)
    if product is None:
        raise NotFoundError(entity=ENTITY, identifier=product_id)
    return product


async def save(
    products: ProductRepository, changed: Result[Product, ServiceError]
) -> Result[ProductDTO, ServiceError]:
    """Store a successfully changed product and return its view; pass errors through."""
    if isinstance(changed, Err):
        return changed
    return Ok(ProductDTO.from_entity(await products.update(changed.value)))


class CreateProductHandler(CatalogCommandHandler[CreateProduct, ProductDTO]):
    """Add a product; its SKU must not be taken."""

    @traced()
    async def apply(
        self, request: CreateProduct, products: ProductRepository
    ) -> Result[ProductDTO, ServiceError]:
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
        if await products.get_by_sku(created.value.sku) is not None:
            return Err(ConflictError(entity=ENTITY, identifier=created.value.sku))
        # The repository still raises ConflictError if a concurrent request took the SKU.
        return Ok(ProductDTO.from_entity(await products.create(created.value)))


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateProductHandler(CatalogCommandHandler[UpdateProduct, ProductDTO]):
    """Change the name, description and/or price of a product.

    With ``require_version``, a change that names no expected version is refused.
    """

    require_version: bool = False

    @traced()
    async def apply(
        self, request: UpdateProduct, products: ProductRepository
    ) -> Result[ProductDTO, ServiceError]:
        """Apply the given changes; a discontinued product cannot change price."""
        identifier = request.product_id
        if request.expected_version is None and self.require_version:
            return Err(PreconditionRequiredError(entity=ENTITY, identifier=identifier))
        product = await load(products, identifier)
        if request.expected_version not in (None, product.version):
            return Err(
                PreconditionFailedError(
                    entity=ENTITY,
                    identifier=identifier,
                    expected=request.expected_version,
                    actual=product.version,
                )
            )
        now = self.clock()
        changed: Result[Product, ServiceError] = product.describe(
            now=now, name=request.name, description=request.description
        )
        if request.price_cents is not None:
            price = request.price_cents
            changed = changed.flat_map(lambda described: described.reprice(price, now=now))
        return await save(products, changed)


class AdjustStockHandler(CatalogCommandHandler[AdjustStock, ProductDTO]):
    """Add or remove units of stock."""

    @traced()
    async def apply(
        self, request: AdjustStock, products: ProductRepository
    ) -> Result[ProductDTO, ServiceError]:
        """Apply the delta; stock never goes negative and discontinued products never grow."""
        product = await load(products, request.product_id)
        return await save(products, product.adjust_stock(request.delta, now=self.clock()))


class DiscontinueProductHandler(CatalogCommandHandler[DiscontinueProduct, ProductDTO]):
    """Retire a product."""

    @traced()
    async def apply(
        self, request: DiscontinueProduct, products: ProductRepository
    ) -> Result[ProductDTO, ServiceError]:
        """Mark the product discontinued; doing it twice is a business-rule error."""
        product = await load(products, request.product_id)
        return await save(products, product.discontinue(now=self.clock()))


class DeleteProductHandler(CatalogCommandHandler[DeleteProduct, None]):
    """Remove a product from the catalog."""

    @traced()
    async def apply(
        self, request: DeleteProduct, products: ProductRepository
    ) -> Result[None, ServiceError]:
        """Delete the product, or report that it does not exist."""
        if not await products.delete(request.product_id):
            return Err(NotFoundError(entity=ENTITY, identifier=request.product_id))
        return Ok(None)

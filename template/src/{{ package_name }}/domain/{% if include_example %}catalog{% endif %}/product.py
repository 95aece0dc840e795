"""The ``Product`` entity: a catalog item whose invariants hold after every change."""

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Self
from uuid import UUID, uuid4

from ...kernel.errors import BusinessRuleError, ValidationError
from ...kernel.messages import ErrorMessages
from ...kernel.result import Err, Ok, Result
from ...kernel.validators import collect_errors
from .events import (
    ProductCreated,
    ProductDiscontinued,
    ProductEvent,
    ProductRepriced,
    StockAdjusted,
)
from .rules import (
    ENTITY,
    check_description,
    check_name,
    check_price,
    check_sku,
    check_stock,
)


class ProductStatus(StrEnum):
    """Where a product is in its life: on sale, or retired for good."""

    ACTIVE = "active"
    DISCONTINUED = "discontinued"


def _utc(moment: datetime) -> datetime:
    # Aware UTC timestamps compare and serialise the same everywhere.
    return moment.astimezone(UTC)


@dataclass(slots=True, kw_only=True)
class Product:
    """A product of the catalog.

    Prices are integer minor units (cents): binary floats cannot represent most
    decimal amounts, and integers add, compare and store exactly on every backend.
    ``version`` counts persisted changes; the repository increments it on update.
    """

    id: UUID
    sku: str
    name: str
    description: str
    price_cents: int
    stock: int
    status: ProductStatus
    version: int
    created_at: datetime
    updated_at: datetime
    _events: list[ProductEvent] = field(default_factory=list, init=False, repr=False, compare=False)

    @classmethod
    def create(
        cls,
        *,
        sku: str,
        name: str,
        description: str,
        price_cents: int,
        stock: int,
        now: datetime,
        product_id: UUID | None = None,
    ) -> Result[Self, ValidationError]:
        """Create an active product, or report every field that breaks an invariant."""
        sku_result, name_result = check_sku(sku), check_name(name)
        description_result = check_description(description)
        price_result, stock_result = check_price(price_cents), check_stock(stock)
        failure = collect_errors(
            (sku_result, name_result, description_result, price_result, stock_result)
        )
        if failure is not None:
            return Err(failure)
        moment = _utc(now)
        product = cls(
            id=product_id or uuid4(),
            sku=sku_result.unwrap(),
            name=name_result.unwrap(),
            description=description_result.unwrap(),
            price_cents=price_result.unwrap(),
            stock=stock_result.unwrap(),
            status=ProductStatus.ACTIVE,
            version=1,
            created_at=moment,
            updated_at=moment,
        )
        product._events.append(
            ProductCreated(
                product_id=product.id,
                occurred_at=moment,
                sku=product.sku,
                price_cents=product.price_cents,
                stock=product.stock,
            )
        )
        return Ok(product)

    @property
    def is_discontinued(self) -> bool:
        """Return True once the product has been retired."""
        return self.status is ProductStatus.DISCONTINUED

    def describe(
        self, *, now: datetime, name: str | None = None, description: str | None = None
    ) -> Result[Self, ValidationError]:
        """Change the name and/or description (None keeps the current value)."""
        name_result = check_name(self.name if name is None else name)
        description_result = check_description(
            self.description if description is None else description
        )
        failure = collect_errors((name_result, description_result))
        if failure is not None:
            return Err(failure)
        self.name, self.description = name_result.unwrap(), description_result.unwrap()
        self.updated_at = _utc(now)
        return Ok(self)

    def reprice(
        self, price_cents: int, *, now: datetime
    ) -> Result[Self, ValidationError | BusinessRuleError]:
        """Set a new price; a discontinued product keeps its last price."""
        if price_cents == self.price_cents:
            return Ok(self)
        if self.is_discontinued:
            return Err(self._forbidden("repriced"))
        price_result = check_price(price_cents)
        if isinstance(price_result, Err):
            return price_result
        moment = _utc(now)
        self._events.append(
            ProductRepriced(
                product_id=self.id,
                occurred_at=moment,
                old_price_cents=self.price_cents,
                new_price_cents=price_cents,
            )
        )
        self.price_cents, self.updated_at = price_cents, moment
        return Ok(self)

    def adjust_stock(
        self, delta: int, *, now: datetime
    ) -> Result[Self, ValidationError | BusinessRuleError]:
        """Add (positive) or remove (negative) units; stock never goes below zero."""
        if delta > 0 and self.is_discontinued:
            return Err(self._forbidden("restocked"))
        if self.stock + delta < 0:
            return Err(
                BusinessRuleError(
                    ErrorMessages.DOMAIN.INSUFFICIENT_QUANTITY,
                    entity=ENTITY,
                    identifier=self.sku,
                    available=self.stock,
                    requested=-delta,
                )
            )
        stock_result = check_stock(self.stock + delta)
        if isinstance(stock_result, Err):
            return stock_result
        moment = _utc(now)
        self.stock, self.updated_at = stock_result.value, moment
        self._events.append(
            StockAdjusted(product_id=self.id, occurred_at=moment, delta=delta, stock=self.stock)
        )
        return Ok(self)

    def discontinue(self, *, now: datetime) -> Result[Self, BusinessRuleError]:
        """Retire the product; it can still be sold out but never repriced or restocked."""
        if self.is_discontinued:
            return Err(self._forbidden(ProductStatus.DISCONTINUED))
        moment = _utc(now)
        self.status, self.updated_at = ProductStatus.DISCONTINUED, moment
        self._events.append(ProductDiscontinued(product_id=self.id, occurred_at=moment))
        return Ok(self)

    def pull_events(self) -> tuple[ProductEvent, ...]:
        """Return the events recorded since the last call, and forget them."""
        events = tuple(self._events)
        self._events.clear()
        return events

    def _forbidden(self, target: str) -> BusinessRuleError:
        return BusinessRuleError(
            ErrorMessages.DOMAIN.INVALID_TRANSITION,
            entity=f"{ENTITY} {self.sku}",
            current=self.status.value,
            target=target,
        )

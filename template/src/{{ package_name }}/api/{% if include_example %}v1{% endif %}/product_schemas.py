"""Request and response bodies of the products API.

The domain decides what a valid product is; the schemas state the same bounds (pattern,
lengths, ranges) so the OpenAPI document says what is accepted, and they keep out what
no database column can hold (integers past 32 bits, NUL characters), so a client's
mistake is always a 422, never a database error.
"""

from datetime import datetime
from typing import Annotated, Self
from uuid import UUID

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ...application.catalog.dtos import ProductDTO
from ...application.catalog.query_handlers import SORTABLE_FIELDS
from ...domain.catalog.product import ProductStatus
from ...domain.catalog.rules import (
    DESCRIPTION_MAX_LENGTH,
    MAX_QUANTITY,
    NAME_MAX_LENGTH,
    SKU_PATTERN,
)
from ...kernel.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page
from ...kernel.value_validators import STORABLE_TEXT_PATTERN, storable_text, whole_number

# Text a client sends: no NUL and no unpaired surrogate, which no text column stores.
# The validator enforces it; the pattern documents it.
StorableText = Annotated[
    str,
    AfterValidator(storable_text),
    Field(json_schema_extra={"pattern": STORABLE_TEXT_PATTERN}),
]

Sku = Annotated[
    str,
    Field(
        pattern=SKU_PATTERN,
        description="Stock keeping unit: 3-32 of A-Z, 0-9, '-'",
        examples=["CHAIR-001"],
    ),
]
Name = Annotated[
    StorableText,
    Field(
        min_length=1,
        max_length=NAME_MAX_LENGTH,
        description="Display name, 1-200 characters",
        examples=["Oak chair"],
    ),
]
Description = Annotated[
    StorableText,
    Field(
        max_length=DESCRIPTION_MAX_LENGTH,
        description="Free text, up to 2000 characters",
        examples=["Solid oak."],
    ),
]
# JSON bodies take integers only (12 or 12.0, never "12" or true), as JSON Schema's
# integer does; the columns are 32-bit INTEGERs. The validator comes after the bounds,
# so they stay in the schema as minimum and maximum.
WholeNumber = BeforeValidator(whole_number)
PriceCents = Annotated[
    int,
    Field(
        strict=True,
        ge=0,
        le=MAX_QUANTITY,
        description="Price in cents (minor units)",
        examples=[12900],
    ),
    WholeNumber,
]
Quantity = Annotated[int, Field(strict=True, ge=0, le=MAX_QUANTITY), WholeNumber]
Delta = Annotated[int, Field(strict=True, ge=-MAX_QUANTITY, le=MAX_QUANTITY), WholeNumber]
# One or more sortable fields, comma-separated, each with "-" for descending.
_SORT_FIELD = "-?(?:" + "|".join(sorted(SORTABLE_FIELDS)) + ")"
SORT_PATTERN = f"^{_SORT_FIELD}(?:,{_SORT_FIELD})*$"
# Query strings are text, so their integers are parsed, but bounded the same way.
QueryPrice = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]


class ProductCreate(BaseModel):
    """A new product."""

    model_config = ConfigDict(extra="forbid")

    sku: Sku
    name: Name
    description: Description = ""
    price_cents: PriceCents
    stock: Quantity = Field(default=0, description="Units on hand", examples=[10])


class ProductReplace(BaseModel):
    """Every editable field of a product (PUT)."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    description: Description
    price_cents: PriceCents


class ProductPatch(BaseModel):
    """Some editable fields of a product (PATCH); absent or null fields keep their value."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"price_cents": 9900}]}
    )

    name: Name | None = None
    description: Description | None = None
    price_cents: PriceCents | None = None


class StockAdjustment(BaseModel):
    """Units to add (positive) or remove (negative)."""

    model_config = ConfigDict(extra="forbid")

    delta: Delta = Field(description="Signed change of the stock level", examples=[5, -2])


class ProductQuery(BaseModel):
    """Filters, sort order and page of a product listing (query parameters)."""

    model_config = ConfigDict(extra="forbid")

    page: int = Field(default=1, ge=1, le=MAX_QUANTITY, description="Page number, from 1")
    size: int = Field(default=DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Page size")
    name_like: StorableText | None = Field(
        default=None, description="Case-sensitive LIKE pattern on the name", examples=["Oak%"]
    )
    min_price_cents: QueryPrice | None = Field(default=None, description="Lowest price, inclusive")
    max_price_cents: QueryPrice | None = Field(default=None, description="Highest price, inclusive")
    status: ProductStatus | None = None
    in_stock: bool | None = Field(default=None, description="Only products with(out) stock")
    sort: str = Field(
        default="name",
        pattern=SORT_PATTERN,
        description="Comma-separated fields, '-' for descending",
        examples=["-price_cents,name"],
    )


class ProductResponse(BaseModel):
    """A product as the API returns it."""

    model_config = ConfigDict(from_attributes=True)

    id: UUID
    sku: Sku
    name: Name
    description: Description
    price_cents: PriceCents
    stock: int
    status: ProductStatus
    version: int = Field(description="Incremented by every stored change")
    created_at: datetime
    updated_at: datetime


class ProductPage(BaseModel):
    """One page of products with the figures a client needs to page further."""

    items: list[ProductResponse]
    total: int = Field(description="Products matching the filters, on all pages")
    page: int = Field(description="This page's number, from 1")
    size: int = Field(description="Requested page size")
    pages: int = Field(description="Number of pages for this size")

    @classmethod
    def from_page(cls, page: Page[ProductDTO]) -> Self:
        """Convert a page of DTOs."""
        return cls(
            items=[ProductResponse.model_validate(item) for item in page.items],
            total=page.total,
            page=page.page,
            size=page.size,
            pages=page.pages,
        )

"""The products resource of the example catalog, ``/api/v1/products``."""

import re
from http import HTTPStatus
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.params import Depends as DependsParam

from ...application.catalog.access import WRITER_SCOPE
from ...application.catalog.commands import (
    AdjustStock,
    CreateProduct,
    DeleteProduct,
    DiscontinueProduct,
    UpdateProduct,
)
from ...application.catalog.dtos import ProductDTO
from ...application.catalog.queries import GetProduct, ListProducts
from ...application.catalog.use_cases import CatalogUseCases
from ...kernel.errors import ServiceError
from ...kernel.result import Err, Result
from ..authorization import RequireScope
from ..deps import CatalogDep
from ..openapi import problems, refuses
from .product_schemas import (
    ProductCreate,
    ProductPage,
    ProductPatch,
    ProductQuery,
    ProductReplace,
    ProductResponse,
    StockAdjustment,
)

# The bodies of these answers are problems; the OpenAPI document says so (api/openapi.py).
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    HTTPStatus.NOT_FOUND: {"description": "No product has this id"}
}
_REFUSED: dict[int | str, dict[str, Any]] = {
    **_NOT_FOUND,
    HTTPStatus.CONFLICT: {"description": "A business rule forbids the change"},
}

# Every operation reads or writes the database, which can be unreachable.
router = APIRouter(
    prefix="/api/v1/products",
    tags=["products"],
    responses=problems(HTTPStatus.SERVICE_UNAVAILABLE),
)


# Reads are open; every write needs a token (or API key) granted the catalog:write scope.
_WRITE: list[DependsParam] = [Depends(RequireScope(WRITER_SCOPE))]


def _value[T](result: Result[T, ServiceError]) -> T:
    # The error handlers turn a raised ServiceError into the matching problem+json.
    if isinstance(result, Err):
        raise result.error
    return result.value


def _response(result: Result[ProductDTO, ServiceError], response: Response) -> ProductResponse:
    product = ProductResponse.model_validate(_value(result))
    # The version changes with every stored change, so it identifies this representation.
    response.headers["ETag"] = f'"{product.version}"'
    return product


@refuses(HTTPStatus.PRECONDITION_FAILED, HTTPStatus.PRECONDITION_REQUIRED)
async def expected_version(
    if_match: Annotated[
        str | None,
        Header(description="The ETag last read; the change is refused (412) if it is stale."),
    ] = None,
) -> int | None:
    """The version an ``If-Match`` header names; ``*`` (any version) names none."""
    if if_match is None or if_match.strip() == "*":
        return None
    tags = [tag.strip() for tag in if_match.split(",")]
    # A weak or malformed tag can never match a strong ETag: -1 is no product's version.
    versions = [int(tag[1:-1]) for tag in tags if re.fullmatch(r'"[0-9]{1,18}"', tag)]
    return versions[0] if len(versions) == 1 else -1


ExpectedVersionDep = Annotated[int | None, Depends(expected_version)]


@router.post(
    "",
    status_code=HTTPStatus.CREATED,
    responses={HTTPStatus.CONFLICT: {"description": "The SKU is taken"}},
    dependencies=_WRITE,
)
async def create_product(
    body: ProductCreate, catalog: CatalogDep, request: Request, response: Response
) -> ProductResponse:
    """Add a product; the Location header points at it."""
    command = CreateProduct(
        sku=body.sku,
        name=body.name,
        description=body.description,
        price_cents=body.price_cents,
        stock=body.stock,
    )
    created = _response(await catalog.create.execute(command), response)
    response.headers["Location"] = str(request.url_for("get_product", product_id=created.id))
    return created


@router.get("")
async def list_products(
    catalog: CatalogDep, query: Annotated[ProductQuery, Query()]
) -> ProductPage:
    """List products, filtered, sorted and paged."""
    listing = ListProducts(
        page=query.page,
        size=query.size,
        name_like=query.name_like,
        min_price_cents=query.min_price_cents,
        max_price_cents=query.max_price_cents,
        status=query.status,
        in_stock=query.in_stock,
        sort=query.sort,
    )
    return ProductPage.from_page(_value(await catalog.list.execute(listing)))


@router.get("/{product_id}", responses=_NOT_FOUND)
async def get_product(product_id: UUID, catalog: CatalogDep, response: Response) -> ProductResponse:
    """Read one product; its ETag is what ``If-Match`` sends back to change it."""
    return _response(await catalog.get.execute(GetProduct(product_id=product_id)), response)


@router.put("/{product_id}", responses=_REFUSED, dependencies=_WRITE)
async def replace_product(
    product_id: UUID,
    body: ProductReplace,
    catalog: CatalogDep,
    version: ExpectedVersionDep,
    response: Response,
) -> ProductResponse:
    """Set every editable field of a product."""
    return await _update(product_id, body, catalog, version, response)


@router.patch("/{product_id}", responses=_REFUSED, dependencies=_WRITE)
async def patch_product(
    product_id: UUID,
    body: ProductPatch,
    catalog: CatalogDep,
    version: ExpectedVersionDep,
    response: Response,
) -> ProductResponse:
    """Change some editable fields of a product."""
    return await _update(product_id, body, catalog, version, response)


async def _update(
    product_id: UUID,
    body: ProductReplace | ProductPatch,
    catalog: CatalogUseCases,
    version: int | None,
    response: Response,
) -> ProductResponse:
    # PUT carries every field; PATCH leaves absent ones as None, which the use case keeps.
    command = UpdateProduct(
        product_id=product_id,
        name=body.name,
        description=body.description,
        price_cents=body.price_cents,
        expected_version=version,
    )
    return _response(await catalog.update.execute(command), response)


@router.delete(
    "/{product_id}",
    status_code=HTTPStatus.NO_CONTENT,
    responses=_NOT_FOUND,
    dependencies=_WRITE,
)
async def delete_product(product_id: UUID, catalog: CatalogDep) -> Response:
    """Remove a product."""
    _value(await catalog.delete.execute(DeleteProduct(product_id=product_id)))
    return Response(status_code=HTTPStatus.NO_CONTENT)


@router.post(
    "/{product_id}/stock-adjustments",
    responses=_REFUSED,
    dependencies=_WRITE,
)
async def adjust_stock(
    product_id: UUID, body: StockAdjustment, catalog: CatalogDep, response: Response
) -> ProductResponse:
    """Add or remove units of stock."""
    command = AdjustStock(product_id=product_id, delta=body.delta)
    return _response(await catalog.adjust_stock.execute(command), response)


@router.post(
    "/{product_id}/discontinue",
    responses=_REFUSED,
    dependencies=_WRITE,
)
async def discontinue_product(
    product_id: UUID, catalog: CatalogDep, response: Response
) -> ProductResponse:
    """Retire a product: it can no longer be repriced or restocked."""
    command = DiscontinueProduct(product_id=product_id)
    return _response(await catalog.discontinue.execute(command), response)

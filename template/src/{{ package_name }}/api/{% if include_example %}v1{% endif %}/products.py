"""The products resource of the example catalog, ``/api/v1/products``."""

from http import HTTPStatus
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.params import Depends as DependsParam

from ...application.catalog.access import RESOURCE, CatalogAction
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
from ..authorization import authorize
from ..deps import CatalogDep, catalog_authorizer
from .product_schemas import (
    ProductCreate,
    ProductPage,
    ProductPatch,
    ProductQuery,
    ProductReplace,
    ProductResponse,
    StockAdjustment,
)

_PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    HTTPStatus.NOT_FOUND: {"description": "No product has this id", **_PROBLEM}
}
_REFUSED: dict[int | str, dict[str, Any]] = {
    **_NOT_FOUND,
    HTTPStatus.CONFLICT: {"description": "A business rule forbids the change", **_PROBLEM},
}

router = APIRouter(prefix="/api/v1/products", tags=["products"])


def _allowed(action: CatalogAction) -> list[DependsParam]:
    # Reads are open; every write needs a caller the catalog authoriser lets do `action`.
    return [Depends(authorize(catalog_authorizer, RESOURCE, action))]


def _value[T](result: Result[T, ServiceError]) -> T:
    # The error handlers turn a raised ServiceError into the matching problem+json.
    if isinstance(result, Err):
        raise result.error
    return result.value


def _response(result: Result[ProductDTO, ServiceError]) -> ProductResponse:
    return ProductResponse.model_validate(_value(result))


@router.post(
    "",
    status_code=HTTPStatus.CREATED,
    responses={HTTPStatus.CONFLICT: {"description": "The SKU is taken", **_PROBLEM}},
    dependencies=_allowed(CatalogAction.CREATE),
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
    created = _response(await catalog.create.execute(command))
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
async def get_product(product_id: UUID, catalog: CatalogDep) -> ProductResponse:
    """Read one product."""
    return _response(await catalog.get.execute(GetProduct(product_id=product_id)))


@router.put("/{product_id}", responses=_REFUSED, dependencies=_allowed(CatalogAction.UPDATE))
async def replace_product(
    product_id: UUID, body: ProductReplace, catalog: CatalogDep
) -> ProductResponse:
    """Set every editable field of a product."""
    return await _update(product_id, body, catalog)


@router.patch("/{product_id}", responses=_REFUSED, dependencies=_allowed(CatalogAction.UPDATE))
async def patch_product(
    product_id: UUID, body: ProductPatch, catalog: CatalogDep
) -> ProductResponse:
    """Change some editable fields of a product."""
    return await _update(product_id, body, catalog)


async def _update(
    product_id: UUID, body: ProductReplace | ProductPatch, catalog: CatalogUseCases
) -> ProductResponse:
    # PUT carries every field; PATCH leaves absent ones as None, which the use case keeps.
    command = UpdateProduct(
        product_id=product_id,
        name=body.name,
        description=body.description,
        price_cents=body.price_cents,
    )
    return _response(await catalog.update.execute(command))


@router.delete(
    "/{product_id}",
    status_code=HTTPStatus.NO_CONTENT,
    responses=_NOT_FOUND,
    dependencies=_allowed(CatalogAction.DELETE),
)
async def delete_product(product_id: UUID, catalog: CatalogDep) -> Response:
    """Remove a product."""
    _value(await catalog.delete.execute(DeleteProduct(product_id=product_id)))
    return Response(status_code=HTTPStatus.NO_CONTENT)


@router.post(
    "/{product_id}/stock-adjustments",
    responses=_REFUSED,
    dependencies=_allowed(CatalogAction.ADJUST_STOCK),
)
async def adjust_stock(
    product_id: UUID, body: StockAdjustment, catalog: CatalogDep
) -> ProductResponse:
    """Add or remove units of stock."""
    command = AdjustStock(product_id=product_id, delta=body.delta)
    return _response(await catalog.adjust_stock.execute(command))


@router.post(
    "/{product_id}/discontinue",
    responses=_REFUSED,
    dependencies=_allowed(CatalogAction.DISCONTINUE),
)
async def discontinue_product(product_id: UUID, catalog: CatalogDep) -> ProductResponse:
    """Retire a product: it can no longer be repriced or restocked."""
    command = DiscontinueProduct(product_id=product_id)
    return _response(await catalog.discontinue.execute(command))

"""``CachedProductRepository``: product reads served from the cache, writes invalidate by tag."""

import hashlib
from collections.abc import Sequence
from uuid import UUID

from ...domain.catalog.product import Product
from ...kernel.pagination import Page, PageRequest, SortField
from ...kernel.specification import Specification
from ..caching.decorator import CacheGuard, cached
from ..caching.ports import CacheKey, Serializer
from .ports import ProductRepository

LISTINGS_TAG = "catalog:products"
"""Carried by every cached listing page; any write may change any page."""


def product_tag(product_id: UUID) -> str:
    """Return the tag of everything cached about one product."""
    return f"catalog:product:{product_id}"


class CachedProductRepository:
    """Decorates a ``ProductRepository``: ``get`` and ``get_all`` are cached, writes invalidate.

    The SKU lookup is not cached: it guards uniqueness and must see the latest data.
    """

    def __init__(
        self,
        inner: ProductRepository,
        guard: CacheGuard,
        *,
        products: Serializer[Product | None],
        pages: Serializer[Page[Product]],
        ttl: float | None = None,
    ) -> None:
        self._inner = inner
        self._guard = guard
        self._get = cached(
            guard,
            key=lambda entity_id: CacheKey(product_tag(entity_id), products),
            tags=lambda product: () if product is None else (product_tag(product.id),),
            ttl=ttl,
        )(inner.get)
        self._get_all = cached(
            guard,
            key=lambda request, specification=None, sort=(): CacheKey(
                _listing_key(request, specification, sort), pages
            ),
            tags=lambda page: (LISTINGS_TAG, *(product_tag(item.id) for item in page.items)),
            ttl=ttl,
        )(inner.get_all)

    async def get(self, entity_id: UUID) -> Product | None:
        """Return the product, from the cache when it holds it."""
        return await self._get(entity_id)

    async def get_by_sku(self, sku: str) -> Product | None:
        """Return the product with ``sku`` from the repository, never from the cache."""
        return await self._inner.get_by_sku(sku)

    async def get_all(
        self,
        request: PageRequest,
        specification: Specification[Product] | None = None,
        sort: Sequence[SortField] = (),
    ) -> Page[Product]:
        """Return one page of products, from the cache when it holds it."""
        return await self._get_all(request, specification, sort)

    async def create(self, entity: Product) -> Product:
        """Store a new product; cached listings are dropped."""
        created = await self._inner.create(entity)
        await self._guard.invalidate(LISTINGS_TAG)
        return created

    async def update(self, entity: Product) -> Product:
        """Store a changed product; its entry and the listings are dropped."""
        updated = await self._inner.update(entity)
        await self._guard.invalidate(product_tag(entity.id), LISTINGS_TAG)
        return updated

    async def delete(self, entity_id: UUID) -> bool:
        """Delete a product; its entry and the listings are dropped."""
        deleted = await self._inner.delete(entity_id)
        await self._guard.invalidate(product_tag(entity_id), LISTINGS_TAG)
        return deleted

    async def exists(self, entity_id: UUID) -> bool:
        """Tell whether the product exists, asking the repository."""
        return await self._inner.exists(entity_id)


def _listing_key(
    request: PageRequest, specification: Specification[Product] | None, sort: Sequence[SortField]
) -> str:
    # Specifications and sort fields are frozen dataclasses, so their repr is a stable
    # description of the query; hashing keeps keys short whatever the filters.
    described = repr((request.page, request.size, specification, tuple(sort)))
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"catalog:products:{digest}"

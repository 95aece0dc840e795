"""Product reads served from the cache; writes invalidate by tag once committed."""

import hashlib
from collections.abc import Callable, Sequence
from uuid import UUID

from ...domain.catalog.product import Product
from ...kernel.pagination import Page, PageRequest, SortField
from ...kernel.specification import Specification
from ..caching.decorator import CacheGuard, cached
from ..caching.ports import CacheKey, Serializer
from ..unit_of_work import AfterCommit
from .ports import ProductReader, ProductRepository
from .repository_decorator import ProductRepositoryDecorator

LISTINGS_TAG = "catalog:products"
"""Carried by every cached listing page; any write may change any page."""


def product_tag(product_id: UUID) -> str:
    """Return the tag of everything cached about one product."""
    return f"catalog:product:{product_id}"


class CachedProductReader:
    """Decorates a ``ProductReader``: ``get`` and ``get_all`` answers are cached by tag."""

    def __init__(
        self,
        inner: ProductReader,
        guard: CacheGuard,
        *,
        products: Serializer[Product | None],
        pages: Serializer[Page[Product]],
        ttl: float | None = None,
    ) -> None:
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

    async def get_all(
        self,
        request: PageRequest,
        specification: Specification[Product] | None = None,
        sort: Sequence[SortField] = (),
    ) -> Page[Product]:
        """Return one page of products, from the cache when it holds it."""
        return await self._get_all(request, specification, sort)


class InvalidatingProductRepository(ProductRepositoryDecorator):
    """Decorates a ``ProductRepository`` in a unit of work: writes invalidate after commit.

    Dropping entries before the commit would let a concurrent read cache the old row
    again; dropping them for a change that rolls back would be wasted. So each write
    ``defer``s its invalidation to the unit of work, which runs it once committed.
    The reads go to ``inner``: a command must see the stored row, never a cached copy.
    """

    def __init__(
        self, inner: ProductRepository, guard: CacheGuard, defer: Callable[[AfterCommit], None]
    ) -> None:
        super().__init__(inner)
        self._guard = guard
        self._defer = defer

    async def create(self, entity: Product) -> Product:
        """Store a new product; cached listings are dropped after commit."""
        created = await super().create(entity)
        self._invalidate_after_commit(LISTINGS_TAG)
        return created

    async def update(self, entity: Product) -> Product:
        """Store a changed product; its entry and the listings are dropped after commit."""
        updated = await super().update(entity)
        self._invalidate_after_commit(product_tag(entity.id), LISTINGS_TAG)
        return updated

    async def delete(self, entity_id: UUID) -> bool:
        """Delete a product; its entry and the listings are dropped after commit."""
        deleted = await super().delete(entity_id)
        if deleted:
            self._invalidate_after_commit(product_tag(entity_id), LISTINGS_TAG)
        return deleted

    def _invalidate_after_commit(self, *tags: str) -> None:
        async def invalidate() -> None:
            await self._guard.invalidate(*tags)

        self._defer(invalidate)


def _listing_key(
    request: PageRequest, specification: Specification[Product] | None, sort: Sequence[SortField]
) -> str:
    # Specifications and sort fields are frozen dataclasses, so their repr is a stable
    # description of the query; hashing keeps keys short whatever the filters.
    described = repr((request.page, request.size, specification, tuple(sort)))
    digest = hashlib.sha256(described.encode()).hexdigest()[:32]
    return f"catalog:products:{digest}"

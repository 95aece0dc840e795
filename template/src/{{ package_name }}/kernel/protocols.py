"""Generic ports every layer may implement: repositories, services, factories and stores.

They are `runtime_checkable` so the composition root and tests can assert that an
adapter fits its port with `isinstance` (which checks the method names only).
"""

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from .errors import ServiceError
from .pagination import Page, PageRequest, SortField
from .result import Result
from .specification import Specification


@runtime_checkable
class Repository[TEntity, TId](Protocol):
    """Persistent collection of entities; failures raise `ServiceError` subclasses.

    Type parameters:
        TEntity: the entity stored.
        TId: the type of the entity's identifier.
    """

    async def get(self, entity_id: TId) -> TEntity | None:
        """Return the entity with `entity_id`, or None if there is none."""

    async def get_all(
        self,
        request: PageRequest,
        specification: Specification[TEntity] | None = None,
        sort: Sequence[SortField] = (),
    ) -> Page[TEntity]:
        """Return one page of the entities satisfying `specification`, in `sort` order."""

    async def create(self, entity: TEntity) -> TEntity:
        """Store a new entity and return it as stored (`ConflictError` if it exists)."""

    async def update(self, entity: TEntity) -> TEntity:
        """Replace a stored entity and return it as stored (`NotFoundError` if absent)."""

    async def delete(self, entity_id: TId) -> bool:
        """Remove the entity with `entity_id`; return False if there was none."""

    async def exists(self, entity_id: TId) -> bool:
        """Return True if an entity with `entity_id` is stored."""


@runtime_checkable
class Service[TInput, TOutput](Protocol):
    """One use case: turns a request into a result, never raising expected errors.

    Type parameters:
        TInput: the request (command or query) type.
        TOutput: the value returned on success.
    """

    async def execute(self, request: TInput) -> Result[TOutput, ServiceError]:
        """Run the use case for `request`."""


@runtime_checkable
class Factory[TConfig, TInstance](Protocol):
    """Builds instances from configuration.

    Type parameters:
        TConfig: the configuration type.
        TInstance: the type of what is built.
    """

    def create(self, config: TConfig) -> TInstance:
        """Build an instance from `config`."""

    def create_default(self) -> TInstance:
        """Build an instance from the default configuration."""


@runtime_checkable
class Store[TKey, TValue](Protocol):
    """Key-value store with optional expiry (a cache, a session store...).

    Type parameters:
        TKey: the key type.
        TValue: the value type.
    """

    async def get(self, key: TKey) -> TValue | None:
        """Return the value stored under `key`, or None if absent or expired."""

    async def set(self, key: TKey, value: TValue, ttl: float | None = None) -> None:
        """Store `value` under `key`, expiring after `ttl` seconds if given."""

    async def delete(self, key: TKey) -> bool:
        """Remove `key`; return False if it was absent."""

    async def exists(self, key: TKey) -> bool:
        """Return True if a live value is stored under `key`."""

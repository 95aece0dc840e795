"""``PydanticSerializer``: JSON encoding of any type pydantic understands, type preserved."""

from typing import Any

from pydantic import TypeAdapter

from ...application.caching.ports import CacheKey


class PydanticSerializer[T]:
    """Encodes values as JSON and decodes them back into the same type.

    Dataclasses, pydantic models, UUIDs, datetimes, enums, tuples and unions of them
    round-trip, so a cached ``Page[ProductDTO]`` comes back as one, not as a dict.

    Type parameters:
        T: the value type; give it explicitly when it is a union
        (``PydanticSerializer[Product | None](Product | None)``).
    """

    def __init__(self, value_type: Any) -> None:
        self._adapter: TypeAdapter[T] = TypeAdapter(value_type)

    def dumps(self, value: T) -> bytes:
        """Encode ``value`` as JSON."""
        return self._adapter.dump_json(value)

    def loads(self, data: bytes) -> T:
        """Decode and validate JSON into a ``T``."""
        return self._adapter.validate_json(data)

    def key(self, name: str) -> CacheKey[T]:
        """Return the key ``name`` bound to this serialiser's value type."""
        return CacheKey(name, self)

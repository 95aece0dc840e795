"""Base classes that mark a request as a command or a query and name its result type."""


class Command[TResult]:
    """Base of requests that change state; the ``CommandBus`` dispatches them.

    Type parameters:
        TResult: the value the handler returns on success, so ``dispatch`` is typed.

    Example::

        @dataclass(frozen=True, slots=True, kw_only=True)
        class RenameProduct(Command[ProductDTO]):
            product_id: UUID
            name: str
    """

    __slots__ = ()


class Query[TResult]:
    """Base of requests that only read; the ``QueryBus`` dispatches them.

    Type parameters:
        TResult: the value the handler returns on success, so ``dispatch`` is typed.
    """

    __slots__ = ()

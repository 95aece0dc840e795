"""``CommandBus`` and ``QueryBus``: one handler per message type, checked when registered."""

from typing import Any, cast

from ...kernel.errors import ServiceError
from ...kernel.messages import ErrorMessages, format_message
from ...kernel.protocols import Service
from ...kernel.result import Result
from .messages import Command, Query
from .signatures import accepted_types, describe


class HandlerSignatureError(TypeError):
    """A handler was registered for a message type its signature does not accept."""


class HandlerRegistry:
    """Maps message types to handlers, refusing a handler that cannot take its type.

    A message is dispatched to the handler of its own class, or else of its nearest base
    class that has one, so a handler registered for a base serves its subclasses.
    """

    def __init__(self, kind: type, bus: str) -> None:
        self._kind = kind
        self._bus = bus
        self._handlers: dict[type, Service[Any, Any]] = {}

    def register(self, message_type: type, handler: Service[Any, Any]) -> None:
        """Register ``handler`` for ``message_type`` after checking that it accepts it."""
        if not (isinstance(message_type, type) and issubclass(message_type, self._kind)):
            raise HandlerSignatureError(
                self._message(ErrorMessages.MESSAGING.NOT_A_MESSAGE, message_type)
            )
        accepted = accepted_types(handler)
        if not accepted:
            raise HandlerSignatureError(
                format_message(ErrorMessages.MESSAGING.HANDLER_UNTYPED, handler=_name(handler))
            )
        if not any(issubclass(message_type, kind) for kind in accepted):
            raise HandlerSignatureError(
                format_message(
                    ErrorMessages.MESSAGING.HANDLER_MISMATCH,
                    handler=_name(handler),
                    accepted=describe(accepted),
                    message_type=message_type.__qualname__,
                )
            )
        if message_type in self._handlers:
            raise HandlerSignatureError(
                format_message(
                    ErrorMessages.MESSAGING.HANDLER_DUPLICATE,
                    message_type=message_type.__qualname__,
                    handler=_name(self._handlers[message_type]),
                )
            )
        self._handlers[message_type] = handler

    def handler_for(self, message: object) -> Service[Any, Any]:
        """Return the handler of ``message``; ``LookupError`` if none is registered."""
        for message_type in type(message).__mro__:
            handler = self._handlers.get(message_type)
            if handler is not None:
                return handler
        raise LookupError(self._message(ErrorMessages.MESSAGING.HANDLER_MISSING, type(message)))

    def _message(self, template: str, message_type: object) -> str:
        name = getattr(message_type, "__qualname__", repr(message_type))
        return format_message(
            template, message_type=name, kind=self._kind.__qualname__, bus=self._bus
        )


def _name(handler: object) -> str:
    return type(handler).__qualname__


class CommandBus:
    """Dispatches each ``Command`` to its handler, a kernel ``Service`` returning a ``Result``.

    Handlers change state and may record domain events; the unit of work publishes them
    through the ``EventPublisher`` once the change is committed.

    Example::

        commands = CommandBus()
        commands.register(CreateProduct, CreateProductHandler(...))
        created = await commands.dispatch(CreateProduct(sku="CHAIR-1", ...))  # Result
    """

    def __init__(self) -> None:
        self._registry = HandlerRegistry(Command, "command bus")

    def register[C: Command[Any], R](self, command_type: type[C], handler: Service[C, R]) -> None:
        """Make ``handler`` the handler of ``command_type`` (``HandlerSignatureError`` if unfit)."""
        self._registry.register(command_type, handler)

    async def dispatch[R](self, command: Command[R]) -> Result[R, ServiceError]:
        """Run the handler of ``command`` and return its result."""
        result = await self._registry.handler_for(command).execute(command)
        # Registration checked that this handler takes this command, whose type fixes R.
        return cast("Result[R, ServiceError]", result)


class QueryBus:
    """Dispatches each ``Query`` to its handler; handlers read and never change state.

    Example::

        queries = QueryBus()
        queries.register(GetProduct, GetProductHandler(...))
        product = await queries.dispatch(GetProduct(product_id=product_id))
    """

    def __init__(self) -> None:
        self._registry = HandlerRegistry(Query, "query bus")

    def register[Q: Query[Any], R](self, query_type: type[Q], handler: Service[Q, R]) -> None:
        """Make ``handler`` the handler of ``query_type`` (``HandlerSignatureError`` if unfit)."""
        self._registry.register(query_type, handler)

    async def dispatch[R](self, query: Query[R]) -> Result[R, ServiceError]:
        """Run the handler of ``query`` and return its result."""
        result = await self._registry.handler_for(query).execute(query)
        # Registration checked that this handler takes this query, whose type fixes R.
        return cast("Result[R, ServiceError]", result)

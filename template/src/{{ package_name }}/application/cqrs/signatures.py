"""Which message types a handler accepts, read from its annotations and generic arguments."""

import inspect
import types
from collections.abc import Callable, Iterator
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

HANDLER_METHODS = ("execute", "handle")
"""Looked at in this order; the first whose request parameter resolves to types wins."""


def accepted_types(handler: object) -> tuple[type, ...]:
    """Return the message types ``handler`` declares it accepts (empty if it declares none).

    The request parameter of ``execute`` (or ``handle``) is read; a type parameter there,
    as in ``class Handler[TInput]: async def execute(self, request: TInput)``, is resolved
    through the generic arguments of the handler's class (``Handler[CreateProduct]``).
    ``Any`` accepts every type; a union accepts each of its members.
    """
    arguments = _type_arguments(type(handler))
    for name in HANDLER_METHODS:
        method = getattr(type(handler), name, None)
        annotation = None if method is None else _request_annotation(method)
        if annotation is not None:
            resolved = tuple(_types(annotation, arguments))
            if resolved:
                return resolved
    return ()


def describe(types_: tuple[type, ...]) -> str:
    """Name the types for an error message."""
    return " | ".join(kind.__qualname__ for kind in types_) or "nothing"


def _request_annotation(method: Callable[..., object]) -> object | None:
    parameters = list(inspect.signature(method).parameters.values())
    if len(parameters) < 2:  # noqa: PLR2004 - self and the request
        return None
    try:
        hints = get_type_hints(method)
    except NameError:
        return None
    return hints.get(parameters[1].name)


def _type_arguments(cls: type) -> dict[object, object]:
    # Most derived class first, so a base's parameter bound to one of the subclass's own
    # parameters is resolved through the binding the subclass already recorded.
    bound: dict[object, object] = {}
    for klass in cls.__mro__:
        for base in vars(klass).get("__orig_bases__", ()):
            origin = get_origin(base)
            parameters = getattr(origin, "__type_params__", ()) or getattr(
                origin, "__parameters__", ()
            )
            for parameter, argument in zip(parameters, get_args(base), strict=False):
                known = bound.get(argument, argument) if isinstance(argument, TypeVar) else argument
                bound.setdefault(parameter, known)
    return bound


def _types(annotation: object, arguments: dict[object, object]) -> Iterator[type]:
    if isinstance(annotation, TypeVar):
        if annotation in arguments:
            yield from _types(arguments[annotation], arguments)
        return
    if annotation is Any:
        yield object
        return
    origin = get_origin(annotation)
    if origin is Union or origin is types.UnionType:
        for member in get_args(annotation):
            yield from _types(member, arguments)
    elif isinstance(origin, type):
        yield origin
    elif isinstance(annotation, type):
        yield annotation

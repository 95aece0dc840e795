"""Spans for use cases: ``@traced`` and ``TypedSpan[TAttributes]``; no-ops until traced."""

import functools
from collections.abc import Callable, Coroutine, Mapping
from typing import Any, Final

from opentelemetry import trace
from opentelemetry.util.types import AttributeValue

TRACER_NAME: Final = __name__.split(".", 1)[0]


@functools.cache
def _tracer() -> trace.Tracer:
    # A proxy: it follows the provider the composition root installs, even one set later.
    return trace.get_tracer(TRACER_NAME)


def _attributes(values: Mapping[str, object]) -> dict[str, AttributeValue]:
    # OpenTelemetry accepts only primitives (and sequences of them); drop anything else.
    return {
        key: value for key, value in values.items() if isinstance(value, str | bool | int | float)
    }


class TypedSpan[TAttributes: Mapping[str, object]]:
    """A span that only takes attributes of the ``TAttributes`` shape.

    Type parameters:
        TAttributes: a TypedDict (usually ``total=False``) of the attributes it may carry.
    """

    __slots__ = ("_span",)

    def __init__(self, span: trace.Span) -> None:
        self._span = span

    @property
    def recording(self) -> bool:
        """Whether attributes are kept; when not, do not spend time building them."""
        return self._span.is_recording()

    def set(self, attributes: TAttributes) -> None:
        """Add or overwrite attributes."""
        if self._span.is_recording():
            self._span.set_attributes(_attributes(attributes))

    def fail(self, error: BaseException) -> None:
        """Mark the span as failed by ``error``."""
        if self._span.is_recording():
            self._span.record_exception(error)
            self._span.set_status(trace.StatusCode.ERROR, type(error).__name__)


def current_span[TAttributes: Mapping[str, object]](
    shape: type[TAttributes],
) -> TypedSpan[TAttributes]:
    """The span of the running use case, taking attributes of the ``shape`` TypedDict."""
    del shape  # only fixes TAttributes for the type checker
    return TypedSpan(trace.get_current_span())


type AsyncFunction[**P, R] = Callable[P, Coroutine[Any, Any, R]]


def traced[**P, R](name: str | None = None) -> Callable[[AsyncFunction[P, R]], AsyncFunction[P, R]]:
    """Run the decorated coroutine function in a span named ``name`` (default: its qualname).

    An exception leaving the function is recorded on the span, marking it failed.
    """

    def decorate(function: AsyncFunction[P, R]) -> AsyncFunction[P, R]:
        span_name = name or function.__qualname__

        @functools.wraps(function)
        async def run_in_span(*args: P.args, **kwargs: P.kwargs) -> R:
            with _tracer().start_as_current_span(
                span_name, record_exception=False, set_status_on_exception=False
            ) as span:
                try:
                    return await function(*args, **kwargs)
                except Exception as error:
                    TypedSpan[Mapping[str, object]](span).fail(error)
                    raise

        return run_in_span

    return decorate

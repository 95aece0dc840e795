"""``TypedSpan[TAttributes]``: OpenTelemetry spans whose attributes have a declared shape.

Only the OpenTelemetry API is a dependency: without an SDK every span is a no-op, and
installing and configuring an SDK (an exporter) makes them real with no change here.
"""

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Final

from opentelemetry import trace
from opentelemetry.util.types import AttributeValue

TRACER_NAME: Final = __name__.split(".", 1)[0]


def _attributes(values: Mapping[str, object]) -> dict[str, AttributeValue]:
    # OpenTelemetry accepts only primitives (and sequences of them); drop anything else.
    return {
        key: value for key, value in values.items() if isinstance(value, str | bool | int | float)
    }


class TypedSpan[TAttributes: Mapping[str, object]]:
    """A span that only takes attributes of the ``TAttributes`` shape.

    Type parameters:
        TAttributes: a TypedDict (usually ``total=False``) of the attributes the span may
            carry, e.g. OpenTelemetry's ``http.route`` and ``http.response.status_code``.

    Example::

        with start_span("GET /products", HttpSpanAttributes, {"http.route": route}) as span:
            span.set({"http.response.status_code": 200})
    """

    def __init__(self, span: trace.Span) -> None:
        self._span = span

    def set(self, attributes: TAttributes) -> None:
        """Add or overwrite attributes."""
        self._span.set_attributes(_attributes(attributes))

    def rename(self, name: str) -> None:
        """Rename the span once more is known (the route template, say)."""
        self._span.update_name(name)

    def fail(self, error: BaseException) -> None:
        """Mark the span as failed by ``error``."""
        self._span.record_exception(error)
        self._span.set_status(trace.StatusCode.ERROR)


@contextmanager
def start_span[TAttributes: Mapping[str, object]](
    name: str, shape: type[TAttributes], attributes: TAttributes
) -> Iterator[TypedSpan[TAttributes]]:
    """Open a current span named ``name`` whose attributes have the ``shape`` TypedDict.

    An exception leaving the block is recorded on the span, then propagates.
    """
    del shape  # only fixes TAttributes for the type checker
    tracer = trace.get_tracer(TRACER_NAME)
    with tracer.start_as_current_span(name, record_exception=False) as span:
        typed: TypedSpan[TAttributes] = TypedSpan(span)
        typed.set(attributes)
        try:
            yield typed
        except BaseException as error:
            typed.fail(error)
            raise

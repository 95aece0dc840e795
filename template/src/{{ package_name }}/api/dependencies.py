"""FastAPI dependencies that hand routes the services bootstrap put in the lifespan state."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request

from ..application.health import CompositeHealthCheck
from ..application.observability.service_metrics import ServiceMetrics
from ..kernel.messages import ErrorMessages, format_message


def from_state[T](name: str, kind: type[T]) -> Callable[[Request], Awaitable[T]]:
    """Build a dependency returning ``request.state.<name>``, checked to be a ``kind``.

    Type parameters:
        T: the service type the route receives.

    Example::

        CatalogDep = Annotated[CatalogUseCases, Depends(from_state("catalog", CatalogUseCases))]
    """

    # async on purpose: FastAPI runs a plain ``def`` dependency in a worker thread, and that
    # hand-off cost about 1 ms per dependency per request here.
    async def dependency(request: Request) -> T:
        service = getattr(request.state, name, None)
        if not isinstance(service, kind):
            raise LookupError(format_message(ErrorMessages.HTTP.WIRING_MISSING, name=name))
        return service

    dependency.__name__ = f"{name}_from_state"
    return dependency


ReadinessDep = Annotated[
    CompositeHealthCheck, Depends(from_state("readiness", CompositeHealthCheck))
]
MetricsDep = Annotated[ServiceMetrics, Depends(from_state("metrics", ServiceMetrics))]

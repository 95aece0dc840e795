"""An OpenAPI document derived from each route's dependencies: the refusals they declare."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from weakref import WeakKeyDictionary

from fastapi import FastAPI, routing
from fastapi.dependencies.models import Dependant
from pydantic import BaseModel, ConfigDict

PROBLEM_JSON = "application/problem+json"
PROBLEM_SCHEMA = "Problem"
API_KEY_SCHEME_NAME = "APIKeyHeader"
BEARER_SCHEME_NAME = "OAuth2"


class Problem(BaseModel):
    """An RFC 9457 problem; some carry more members, such as ``errors`` for a 422."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    instance: str
    error_code: str


@dataclass(frozen=True, slots=True)
class Refusals:
    """The error statuses a dependency answers; ``scopes`` None lets anonymous callers in."""

    statuses: tuple[HTTPStatus, ...]
    scopes: tuple[str, ...] | None = None


_REFUSALS: WeakKeyDictionary[Callable[..., Any], Refusals] = WeakKeyDictionary()


def refuses[D: Callable[..., Any]](
    *statuses: HTTPStatus, scopes: tuple[str, ...] | None = None
) -> Callable[[D], D]:
    """Declare what ``dependency`` answers when it refuses a request (decorator)."""

    def declare(dependency: D) -> D:
        _REFUSALS[dependency] = Refusals(statuses, scopes)
        return dependency

    return declare


def problems(*statuses: HTTPStatus) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for the problems a route raises itself, described by their phrase."""
    return {status.value: {"description": status.phrase} for status in statuses}


def _api_routes(app: FastAPI) -> Iterator[Any]:
    # Routes of included routers, with the dependencies and prefix the inclusion adds.
    for context in routing.iter_route_contexts(app.routes):
        if isinstance(context.original_route, routing.APIRoute) and context.include_in_schema:
            yield context


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


def _refusals_of(route: Any) -> Iterator[Refusals]:
    for call in _calls(route.dependant):
        try:
            found = _REFUSALS.get(call)
        except TypeError:  # an unhashable or not weakly referable callable declares nothing
            continue
        if found is not None:
            yield found


_PROBLEM_MEDIA = {"schema": {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA}"}}


def _problem_response(status: HTTPStatus, described: dict[str, Any]) -> dict[str, Any]:
    return {
        **described,
        "description": described.get("description", status.phrase),
        "content": {PROBLEM_JSON: _PROBLEM_MEDIA},
    }


def _is_problem(response: dict[str, Any]) -> bool:
    # Problems are what a route did not describe with a body of its own (readiness's 503,
    # the sign-in form's pages); FastAPI's own 422 entry describes a body never sent.
    content: dict[str, Any] = response.get("content") or {}
    schemas = [media.get("schema") for media in content.values()]
    return all(
        schema is None or str(schema.get("$ref", "")).endswith("/HTTPValidationError")
        for schema in schemas
    )


def _document(route: Any, operation: dict[str, Any]) -> None:
    refusals = list(_refusals_of(route))
    statuses = {status for refusal in refusals for status in refusal.statuses}
    # Any request: a host the service is not known by (400), headers past
    # ``http.max_header_bytes`` (431).
    statuses.update((HTTPStatus.BAD_REQUEST, HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE))
    if route.body_field is not None:
        # A body that does not parse (400), or longer than ``http.max_body_bytes`` (413).
        statuses.update((HTTPStatus.BAD_REQUEST, HTTPStatus.REQUEST_ENTITY_TOO_LARGE))
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status in statuses:
        responses.setdefault(str(status.value), {})
    for code, response in responses.items():
        status = HTTPStatus(int(code))
        if status >= HTTPStatus.BAD_REQUEST and _is_problem(response):
            responses[code] = _problem_response(status, response)
        elif status in statuses:
            # The route answers this status its own way, and a dependency as a problem.
            response.setdefault("content", {})[PROBLEM_JSON] = _PROBLEM_MEDIA
    guarded = [refusal.scopes for refusal in refusals if refusal.scopes is not None]
    declared = (route.openapi_extra or {}).get("security")
    if declared is not None:
        # The route says which credentials it takes; FastAPI appended every scheme it saw.
        operation["security"] = declared
        return
    if guarded:
        scopes = sorted({scope for required in guarded for scope in required})
        operation["security"] = [{API_KEY_SCHEME_NAME: []}, {BEARER_SCHEME_NAME: scopes}]
    else:
        # Credentials are optional here: the route answers anonymous callers too.
        operation.pop("security", None)


def describe_answers(app: FastAPI) -> None:
    """Make ``app``'s OpenAPI document list each operation's problems and real guards."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        document = build()
        for route in _api_routes(app):
            for method in route.methods or ():
                operation = document["paths"].get(route.path_format, {}).get(method.lower())
                if operation is not None:
                    _document(route, operation)
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        schemas[PROBLEM_SCHEMA] = Problem.model_json_schema()
        # Every 422 is a problem now: FastAPI's own validation schemas describe nothing sent.
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]

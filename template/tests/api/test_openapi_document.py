"""The OpenAPI document describes what the service does: its errors and its guards."""

import uuid
from typing import Any

from httpx import AsyncClient

PROBLEM = "application/problem+json"
METHODS = {"get", "post", "put", "patch", "delete"}


async def _document(client: AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def _concrete(path: str) -> str:
    """Fill each path parameter with an identifier that names nothing."""
    parts = path.split("/")
    return "/".join(str(uuid.uuid4()) if part.startswith("{") else part for part in parts)


async def test_validation_errors_are_documented_as_the_problems_they_are(
    client: AsyncClient,
) -> None:
    """Every 422 the document lists is problem+json; FastAPI's own shape is gone."""
    document = await _document(client)

    assert "HTTPValidationError" not in document["components"].get("schemas", {})
    validated = [op for _, _, op in _operations(document) if "422" in op["responses"]]
    assert validated, "no operation validates its input"
    for operation in validated:
        assert PROBLEM in operation["responses"]["422"]["content"], operation["operationId"]


async def test_an_operation_declares_security_exactly_when_it_refuses_anonymous_callers(
    client: AsyncClient,
) -> None:
    """Anonymous calls: 401 on each guarded operation, never 401 on a public one."""
    del client.headers["X-API-Key"]
    document = await _document(client)
    guarded = 0
    for method, path, operation in _operations(document):
        response = await client.request(method, _concrete(path), json={})
        if operation.get("security"):
            guarded += 1
            assert response.status_code == 401, (method, path, response.text)
            assert response.headers["content-type"] == PROBLEM
            assert "401" in operation["responses"], (method, path)
        else:
            assert response.status_code != 401, (method, path, response.text)
    assert guarded, "the document declares no guarded operation"

"""Every error leaves as RFC 9457 ``application/problem+json``; no stack trace leaks."""

from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..kernel.errors import (
    AuthenticationError,
    AuthorizationError,
    BusinessRuleError,
    ConflictError,
    InfrastructureError,
    InsufficientScopeError,
    InvalidTokenError,
    NotFoundError,
    OAuthError,
    PreconditionFailedError,
    PreconditionRequiredError,
    ServiceError,
    ValidationError,
)
from ..kernel.messages import ErrorMessages
from .openapi import PROBLEM_JSON
from .security import API_KEY_CHALLENGE

RETRY_AFTER_SECONDS = 5

# Most specific first: the first matching family decides the status.
_STATUS_BY_FAMILY: tuple[tuple[type[ServiceError], HTTPStatus], ...] = (
    (NotFoundError, HTTPStatus.NOT_FOUND),
    (PreconditionFailedError, HTTPStatus.PRECONDITION_FAILED),
    (PreconditionRequiredError, HTTPStatus.PRECONDITION_REQUIRED),
    (ConflictError, HTTPStatus.CONFLICT),
    (ValidationError, HTTPStatus.UNPROCESSABLE_ENTITY),
    (BusinessRuleError, HTTPStatus.CONFLICT),
    (OAuthError, HTTPStatus.BAD_REQUEST),
    (AuthenticationError, HTTPStatus.UNAUTHORIZED),
    (AuthorizationError, HTTPStatus.FORBIDDEN),
    (InfrastructureError, HTTPStatus.SERVICE_UNAVAILABLE),
)

# Codes for the answers routing and the framework give; fixed here, since the names of
# ``HTTPStatus`` members change between Python versions (413 is CONTENT_TOO_LARGE in 3.13).
_HTTP_ERROR_CODES: dict[int, str] = {
    400: "bad_request",
    401: "authentication_failed",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "request_too_large",
    415: "unsupported_media_type",
    431: "request_headers_too_large",
    429: "rate_limited",
    503: "service_unavailable",
}

_logger = structlog.get_logger(__name__)


def error_code_for(status: HTTPStatus) -> str:
    """Return the ``error_code`` of an HTTP error that no service error raised."""
    return _HTTP_ERROR_CODES.get(status.value, "http_error")


def challenge(request: Request, error: ServiceError | None = None) -> str:
    """The ``WWW-Authenticate`` value of a refusal (RFC 6750 §3): never why a token failed."""
    realm = f'Bearer realm="{request.app.title}"'
    if isinstance(error, InsufficientScopeError):
        return f'{realm}, error="insufficient_scope", scope="{error.context["scope"]}"'
    if isinstance(error, InvalidTokenError):
        return f'{realm}, error="invalid_token"'
    return f"{realm}, {API_KEY_CHALLENGE}"


def problem_response(
    request: Request,
    status: HTTPStatus,
    detail: str,
    *,
    error: ServiceError | None = None,
    **extensions: Any,
) -> JSONResponse:
    """Build a problem+json response for ``status`` about the current request."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": status.phrase,
        "status": status.value,
        "detail": detail,
        "instance": request.url.path,
        **extensions,
    }
    refused = status is HTTPStatus.UNAUTHORIZED or isinstance(error, InsufficientScopeError)
    headers = {"WWW-Authenticate": challenge(request, error)} if refused else None
    return JSONResponse(body, status_code=status.value, media_type=PROBLEM_JSON, headers=headers)


def status_for(error: ServiceError) -> HTTPStatus:
    """Return the HTTP status that represents the family of ``error``."""
    for family, status in _STATUS_BY_FAMILY:
        if isinstance(error, family):
            return status
    return HTTPStatus.INTERNAL_SERVER_ERROR


async def _service_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ServiceError)  # noqa: S101 - registered for ServiceError only
    status = status_for(error)
    if status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        _logger.error("service_error", error_code=error.error_code, context=dict(error.context))
    extensions: dict[str, Any] = {"error_code": error.error_code}
    if isinstance(error, ValidationError):
        extensions["errors"] = [
            {"field": item.field, "message": item.message} for item in error.field_errors
        ]
    response = problem_response(request, status, error.message, error=error, **extensions)
    if status is HTTPStatus.SERVICE_UNAVAILABLE:
        # A backend outage is usually short: tell clients when a retry is worth it.
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


async def _request_validation(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)  # noqa: S101 - registered for it only
    errors = [
        {
            "field": ".".join(str(part) for part in item["loc"]),
            "message": item["msg"],
            "type": item["type"],
        }
        for item in error.errors()
    ]
    return problem_response(
        request,
        HTTPStatus.UNPROCESSABLE_ENTITY,
        ErrorMessages.VALIDATION.REQUEST_INVALID,
        error_code="validation_error",
        errors=errors,
    )


async def _http_exception(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, HTTPException)  # noqa: S101 - registered for it only
    status = HTTPStatus(error.status_code)
    detail = error.detail if isinstance(error.detail, str) else status.description
    # Routing's own answers (404, 405, 413...) carry a code too: the status, snake_cased.
    response = problem_response(request, status, detail, error_code=error_code_for(status))
    # Headers such as Retry-After are part of the answer (429, 503, 405 Allow...).
    response.headers.update(error.headers or {})
    return response


def internal_error(request: Request, error: Exception) -> JSONResponse:
    """Log a bug with its traceback; answer a 500 that tells the client nothing of it."""
    _logger.error(
        "unhandled_error",
        path=request.url.path,
        error_type=type(error).__name__,
        exc_info=error,
    )
    return problem_response(
        request,
        HTTPStatus.INTERNAL_SERVER_ERROR,
        ErrorMessages.HTTP.INTERNAL_ERROR,
        error_code="internal_error",
    )


async def _unexpected(request: Request, error: Exception) -> JSONResponse:
    return internal_error(request, error)


def register_error_handlers(app: FastAPI) -> None:
    """Install the problem+json handlers on ``app``."""
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(RequestValidationError, _request_validation)
    app.add_exception_handler(HTTPException, _http_exception)
    # The request-context middleware answers a route's bugs itself, with the request id;
    # this handler covers what fails outside it (an outer middleware).
    app.add_exception_handler(Exception, _unexpected)

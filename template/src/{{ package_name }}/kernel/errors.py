"""The service's error hierarchy; each family maps to one HTTP status in the API layer."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar, Self

from .messages import ErrorMessages, format_message


@dataclass(frozen=True, slots=True)
class FieldError:
    """One problem with one input field."""

    field: str
    message: str


class ServiceError(Exception):
    """Base of every error raised on purpose: `message` is `template` filled with `values`."""

    error_code: str = "service_error"
    default_template: ClassVar[str] = ErrorMessages.HTTP.INTERNAL_ERROR

    def __init__(self, template: str | None = None, /, **values: object) -> None:
        self.message: str = format_message(
            self.default_template if template is None else template, **values
        )
        self.context: Mapping[str, object] = MappingProxyType(dict(values))
        super().__init__(self.message)

    def __reduce__(self) -> tuple[object, ...]:
        # The template is not kept (and the message may hold braces), so pickle and copy
        # rebuild the error from its state instead of calling the constructor again.
        state = {**vars(self), "context": dict(self.context)}
        return (_rebuild, (type(self), self.message, state))


def _rebuild[E: ServiceError](cls: type[E], message: str, state: dict[str, object]) -> E:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    vars(error).update(state)
    error.context = MappingProxyType(dict(error.context))
    return error


class DomainError(ServiceError):
    """A request that breaks the rules of the domain."""

    error_code = "domain_error"
    default_template = ErrorMessages.DOMAIN.RULE_VIOLATED


class NotFoundError(DomainError):
    """The requested entity does not exist."""

    error_code = "not_found"
    default_template = ErrorMessages.DOMAIN.NOT_FOUND


class ConflictError(DomainError):
    """The request conflicts with the current state (duplicate, concurrent change...)."""

    error_code = "conflict"
    default_template = ErrorMessages.DOMAIN.ALREADY_EXISTS


class StaleVersionError(ConflictError):
    """The entity was changed since the caller read it (optimistic locking)."""

    error_code = "stale_version"
    default_template = ErrorMessages.DOMAIN.STALE_VERSION


class PreconditionFailedError(DomainError):
    """The caller's precondition (the version it last read) no longer holds."""

    error_code = "precondition_failed"
    default_template = ErrorMessages.DOMAIN.PRECONDITION_FAILED


class PreconditionRequiredError(DomainError):
    """The change must name the version it applies to, and this request did not."""

    error_code = "precondition_required"
    default_template = ErrorMessages.DOMAIN.PRECONDITION_REQUIRED


class BusinessRuleError(DomainError):
    """The request is well formed but a business rule forbids it."""

    error_code = "business_rule_violated"
    default_template = ErrorMessages.DOMAIN.RULE_VIOLATED


class ValidationError(DomainError):
    """Input that does not meet its constraints; `field_errors` says which and why."""

    error_code = "validation_error"
    default_template = ErrorMessages.VALIDATION.REQUEST_INVALID

    def __init__(
        self,
        template: str | None = None,
        /,
        *,
        field_errors: Iterable[FieldError] = (),
        **values: object,
    ) -> None:
        super().__init__(template, **values)
        self.field_errors: tuple[FieldError, ...] = tuple(field_errors)

    @classmethod
    def for_field(cls, field: str, template: str, /, **values: object) -> Self:
        """Build an error about one field; `{field}` in `template` is filled with its name."""
        values = {"field": field, **values}
        error = cls(template, field_errors=(), **values)
        error.field_errors = (FieldError(field, error.message),)
        return error

    @classmethod
    def combine(cls, errors: Iterable["ValidationError"]) -> Self:
        """Merge several validation errors into one listing all their field errors."""
        field_errors = [field_error for error in errors for field_error in error.field_errors]
        return cls(field_errors=field_errors)


class InfrastructureError(ServiceError):
    """A backend (database, cache, broker...) failed or is unavailable."""

    error_code = "infrastructure_error"
    default_template = ErrorMessages.HTTP.SERVICE_UNAVAILABLE


class DatabaseError(InfrastructureError):
    """The database failed or is unavailable."""

    error_code = "database_error"
    default_template = ErrorMessages.DB.UNAVAILABLE


class SecurityError(ServiceError):
    """A request refused for security reasons."""

    error_code = "security_error"
    default_template = ErrorMessages.AUTH.FORBIDDEN


class AuthenticationError(SecurityError):
    """The caller's identity is missing or cannot be verified."""

    error_code = "authentication_failed"
    default_template = ErrorMessages.AUTH.NOT_AUTHENTICATED


class AuthorizationError(SecurityError):
    """The caller is known but not allowed to do this."""

    error_code = "forbidden"
    default_template = ErrorMessages.AUTH.FORBIDDEN


class InsufficientScopeError(AuthorizationError):
    """The caller's token lacks the scope this action needs; ``context["scope"]`` names it."""

    error_code = "insufficient_scope"
    default_template = ErrorMessages.AUTH.INSUFFICIENT_SCOPE


class OAuthError(SecurityError):
    """An OAuth 2.0 request refused with one of RFC 6749's error codes (``error_code``)."""

    error_code = "invalid_request"
    default_template = ErrorMessages.AUTH.INVALID_GRANT

    def __init__(self, error_code: str, template: str | None = None, /, **values: object) -> None:
        super().__init__(template, **values)
        self.error_code = error_code


class InvalidTokenError(AuthenticationError):
    """A bearer token was presented and refused; why is never told (RFC 6750 §3.1)."""

    error_code = "invalid_token"
    default_template = ErrorMessages.AUTH.TOKEN_INVALID

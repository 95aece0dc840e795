"""Every error message of the service, grouped by concern, with `{placeholders}`.

Keeping the texts here (and only here) lets reviewers read all of them at once,
keeps them consistent, and lets a template test forbid message literals elsewhere.
"""

from string import Formatter
from typing import Final


class ValidationMessages:
    """Messages about input that does not meet its constraints."""

    REQUEST_INVALID: Final[str] = "The request is not valid."
    EMPTY: Final[str] = "{field} must not be empty"
    TOO_SMALL: Final[str] = "{field} must be at least {minimum}; got {value}"
    TOO_LARGE: Final[str] = "{field} must be at most {maximum}; got {value}"
    OUT_OF_RANGE: Final[str] = "{field} must be between {minimum} and {maximum}; got {value}"
    TOO_SHORT: Final[str] = "{field} must have at least {minimum} characters; got {length}"
    TOO_LONG: Final[str] = "{field} must have at most {maximum} characters; got {length}"
    FORMAT: Final[str] = "{field} does not have the expected format"
    DATA_REJECTED: Final[str] = "The database cannot store a value of this request."
    UNSTORABLE_TEXT: Final[str] = (
        "text must not contain NUL characters or unpaired surrogates (no database stores them)"
    )
    UNKNOWN_FIELD: Final[str] = "{field} cannot be used for {purpose}; allowed: {allowed}"
    IN_NEEDS_COLLECTION: Final[str] = "{field} IN needs a list of values; got {value!r}"
    BETWEEN_NEEDS_PAIR: Final[str] = "{field} BETWEEN needs a (low, high) pair; got {value!r}"
    IS_NULL_NEEDS_BOOL: Final[str] = "{field} IS NULL needs true or false; got {value!r}"
    LIKE_NEEDS_TEXT: Final[str] = "{field} LIKE needs a text pattern; got {value!r}"
    NOT_COMPARABLE: Final[str] = "{field} cannot be compared with {value!r}"
    SORT_INVALID: Final[str] = "{expression!r} is not a valid sort expression"


class DomainMessages:
    """Messages about business rules and the state of entities."""

    NOT_FOUND: Final[str] = "{entity} {identifier} was not found"
    ALREADY_EXISTS: Final[str] = "{entity} {identifier} already exists"
    INVALID_TRANSITION: Final[str] = "{entity} cannot go from {current} to {target}"
    INSUFFICIENT_QUANTITY: Final[str] = (
        "{entity} {identifier} has {available} available, {requested} requested"
    )
    STALE_VERSION: Final[str] = (
        "{entity} {identifier} was changed by someone else "
        "(expected version {expected}, found {actual})"
    )
    RULE_VIOLATED: Final[str] = "{entity} {identifier} breaks a business rule: {rule}"
    PRECONDITION_FAILED: Final[str] = (
        "{entity} {identifier} is at version {actual}; the request expected {expected}"
    )
    PRECONDITION_REQUIRED: Final[str] = (
        "Changing {entity} {identifier} needs an If-Match header with the ETag you last read"
    )


class DatabaseMessages:
    """Messages about the relational database."""

    UNAVAILABLE: Final[str] = "The database is unavailable: {reason}"
    ROLLED_BACK: Final[str] = "{operation} on {entity} was rolled back: {reason}"
    MISSING_DATABASE: Final[str] = (
        "database {database} does not exist on {host}:{port}: create it with `{create}` "
        "or name an existing one in {env_var}"
    )
    MISSING_REVISIONS: Final[str] = (
        "The database is at revision {revisions}, which no migration script of this project "
        "defines any more (its scripts were removed, with the example context for instance): "
        "run `{command} migrate --forget-missing` to forget it; it drops no table"
    )


class PoolMessages:
    """Messages about connection pools."""

    EXHAUSTED: Final[str] = "The {pool} pool is exhausted (no connection within {timeout} s)"
    CLOSED: Final[str] = "The {pool} pool is closed"
    STATS_INCONSISTENT: Final[str] = (
        "The {pool} pool counts are inconsistent: idle {idle} + in use {in_use} + unhealthy "
        "{unhealthy} must equal total {total}, which must not exceed {max_size}"
    )


class AuthMessages:
    """Messages about authentication and authorisation."""

    NOT_AUTHENTICATED: Final[str] = "Authentication is required."
    INVALID_CREDENTIALS: Final[str] = "The credentials are not valid."
    TOKEN_EXPIRED: Final[str] = "The token has expired."  # noqa: S105 - not a secret
    TOKEN_INVALID: Final[str] = "The token is not valid."  # noqa: S105 - not a secret
    FORBIDDEN: Final[str] = "You are not allowed to perform this action."
    INSUFFICIENT_SCOPE: Final[str] = "This action needs the {scope} scope."
    INVALID_GRANT: Final[str] = "The grant is not valid, has expired or was revoked."
    INVALID_CLIENT: Final[str] = "The client is unknown or its credentials are wrong."
    INVALID_REQUEST: Final[str] = "The request is missing {parameter} or it is malformed."
    UNSUPPORTED_GRANT: Final[str] = "This server does not offer the {grant_type} grant."
    UNAUTHORIZED_CLIENT: Final[str] = "This client may not use the {grant_type} grant."
    INVALID_SCOPE: Final[str] = "The scope {scope} is not granted to this caller."
    LOGIN_THROTTLED: Final[str] = "Too many sign-in attempts; retry after {retry_after} s."
    LOGIN_FAILED: Final[str] = "The user name or password is wrong."
    CSRF_FAILED: Final[str] = "The form has expired; reload it and sign in again."
    UNKNOWN_SIGNING_KEY: Final[str] = "No signing key is configured; run `keys rotate`."
    USER_EXISTS: Final[str] = "A user named {username} already exists."
    USER_UNKNOWN: Final[str] = "No user is named {username}."
    CLIENT_EXISTS: Final[str] = "A client with the id {client_id} already exists."


class SecurityMessages:
    """Messages about security controls other than identity."""

    RATE_LIMITED: Final[str] = "Too many requests; retry after {retry_after} s"
    UNKNOWN_KEY: Final[str] = (
        "No {purpose} key has the id {key_id}; the configured ones are: {known}"
    )


class ConfigMessages:
    """Messages about the service configuration."""

    INVALID_SETTINGS: Final[str] = "Invalid configuration:\n{details}"
    DEFAULT_SECRET: Final[str] = (
        "{setting} still has its default value; set {env_var} before running in {environment}"  # noqa: S105
    )
    CURRENT_KEY_MISSING: Final[str] = (
        "{setting} is {key_id}, but {keys_setting} holds no key with that id; it holds: {known}"
    )
    UNKNOWN_COMPRESSOR: Final[str] = (
        "No compressor is registered for {encoding}; registered: {registered}"
    )


class HttpMessages:
    """Messages the HTTP layer returns or raises while wiring requests."""

    INTERNAL_ERROR: Final[str] = "An unexpected error occurred."
    SERVICE_UNAVAILABLE: Final[str] = "A backend service is unavailable."
    BODY_TOO_LARGE: Final[str] = "The request body is larger than {limit} bytes."
    HEADERS_TOO_LARGE: Final[str] = (
        "The request's headers and query string are larger than {limit} bytes."
    )
    HOST_NOT_ALLOWED: Final[str] = "This service does not answer to the host in the request."
    WIRING_MISSING: Final[str] = "{name} is not available in the application state"
    HEALTH_TIMEOUT: Final[str] = "{check} did not answer within {timeout} s"


class MessagingMessages:
    """Messages about the event bus and its broker."""

    BROKER_NOT_RUNNING: Final[str] = "The {broker} broker is not running; start it first"
    INVALID_TOPIC: Final[str] = (
        "{topic!r} is not a valid {kind}: dot-separated non-empty words{wildcards}"
    )
    EVENT_OUTSIDE_BUS: Final[str] = "{event_type} is not a {root}, the events this bus carries"
    EVENT_TYPE_TAKEN: Final[str] = "The event type {name!r} is registered twice"
    EVENT_TYPE_UNKNOWN: Final[str] = (
        "{name} is not a registered event type; register it in the service's EventTypes"
    )
    BROKER_UNREACHABLE: Final[str] = (
        "The {broker} server is not reachable at {url} ({reason}); start it, or set {env_var}"
    )


class TaskMessages:
    """Messages about background jobs and the worker."""

    UNKNOWN_JOB: Final[str] = "No job is registered as {names}; registered: {registered}"


class ResultMessages:
    """Messages about misuse of `Result` values and message templates."""

    UNWRAP_ERR: Final[str] = "unwrap() was called on Err({error!r})"
    UNWRAP_ERR_ON_OK: Final[str] = "unwrap_err() was called on Ok({value!r})"
    MISSING_PLACEHOLDER: Final[str] = (
        "The message template {template!r} needs {missing}; the values given were {given}"
    )


class ErrorMessages:
    """All message groups, e.g. `ErrorMessages.DOMAIN.NOT_FOUND`."""

    VALIDATION: Final = ValidationMessages
    DOMAIN: Final = DomainMessages
    DB: Final = DatabaseMessages
    POOL: Final = PoolMessages
    AUTH: Final = AuthMessages
    SECURITY: Final = SecurityMessages
    CONFIG: Final = ConfigMessages
    HTTP: Final = HttpMessages
    RESULT: Final = ResultMessages
    TASKS: Final = TaskMessages
    MESSAGING: Final = MessagingMessages


class MessageTemplateError(KeyError):
    """A message template was formatted without a value for one of its placeholders."""

    def __str__(self) -> str:
        return str(self.args[0])


def placeholders(template: str, /) -> frozenset[str]:
    """Return the names of the placeholders in `template`."""
    names = set()
    for _, field_name, _, _ in Formatter().parse(template):
        if field_name is not None:
            names.add(field_name.split(".", 1)[0].split("[", 1)[0])
    return frozenset(names)


def format_message(template: str, /, **values: object) -> str:
    """Fill `template` with `values`, raising `MessageTemplateError` if one is missing."""
    missing = placeholders(template) - values.keys()
    if missing:
        raise MessageTemplateError(
            ResultMessages.MISSING_PLACEHOLDER.format(
                template=template,
                missing=", ".join(sorted(missing)),
                given=", ".join(sorted(values)) or "none",
            )
        )
    return template.format(**values)

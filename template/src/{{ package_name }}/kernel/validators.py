"""Small validators returning `Result` so callers can collect every problem at once."""

import re
from collections.abc import Iterable

from .errors import ValidationError
from .messages import ErrorMessages
from .result import Err, Ok, Result


def validate_non_empty(value: str, field: str) -> Result[str, ValidationError]:
    """Return the value without surrounding whitespace, or an error if nothing is left."""
    stripped = value.strip()
    if not stripped:
        return Err(ValidationError.for_field(field, ErrorMessages.VALIDATION.EMPTY))
    return Ok(stripped)


def validate_length(
    value: str, field: str, minimum: int = 0, maximum: int | None = None
) -> Result[str, ValidationError]:
    """Return the value if its length lies within `minimum` and `maximum` characters."""
    messages = ErrorMessages.VALIDATION
    if len(value) < minimum:
        template = messages.TOO_SHORT
    elif maximum is not None and len(value) > maximum:
        template = messages.TOO_LONG
    else:
        return Ok(value)
    error = ValidationError.for_field(
        field, template, length=len(value), minimum=minimum, maximum=maximum
    )
    return Err(error)


def validate_format(
    value: str, field: str, pattern: str | re.Pattern[str]
) -> Result[str, ValidationError]:
    """Return the value if it matches `pattern` as a whole."""
    if re.fullmatch(pattern, value) is None:
        error = ValidationError.for_field(
            field, ErrorMessages.VALIDATION.FORMAT, pattern=getattr(pattern, "pattern", pattern)
        )
        return Err(error)
    return Ok(value)


def collect_errors(results: Iterable[Result[object, ValidationError]]) -> ValidationError | None:
    """Return one `ValidationError` listing the field errors of every `Err`, or None."""
    errors = [result.error for result in results if isinstance(result, Err)]
    return ValidationError.combine(errors) if errors else None

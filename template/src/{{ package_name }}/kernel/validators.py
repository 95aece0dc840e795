"""Small validators returning `Result` so callers can collect every problem at once.

Example:
    >>> validate_non_empty("  Tea ", "name")
    Ok(value='Tea')
    >>> validate_range(0, "price", minimum=1).unwrap_err().message
    'price must be at least 1; got 0'

"""

import re
from collections.abc import Iterable
from typing import Any, Protocol

from .errors import ValidationError
from .messages import ErrorMessages
from .result import Err, Ok, Result


class Ordered(Protocol):
    """A value that supports `<` (numbers, dates, decimals, strings...)."""

    def __lt__(self, other: Any, /) -> bool:
        """Return True if this value sorts before `other`."""
        ...


def validate_non_empty(value: str, field: str) -> Result[str, ValidationError]:
    """Return the value without surrounding whitespace, or an error if nothing is left."""
    stripped = value.strip()
    if not stripped:
        return Err(ValidationError.for_field(field, ErrorMessages.VALIDATION.EMPTY))
    return Ok(stripped)


def validate_range[N: Ordered](
    value: N, field: str, minimum: N | None = None, maximum: N | None = None
) -> Result[N, ValidationError]:
    """Return the value if it lies within `minimum` and `maximum` (both included)."""
    too_small = minimum is not None and value < minimum
    too_large = maximum is not None and maximum < value
    if not (too_small or too_large):
        return Ok(value)
    messages = ErrorMessages.VALIDATION
    if minimum is not None and maximum is not None:
        template = messages.OUT_OF_RANGE
    else:
        template = messages.TOO_SMALL if too_small else messages.TOO_LARGE
    return Err(
        ValidationError.for_field(field, template, value=value, minimum=minimum, maximum=maximum)
    )


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


# A NUL, or half of a UTF-16 surrogate pair, which no UTF-8 text column can hold.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The rule as a JSON Schema pattern, for the API's documents: no NUL. A lone surrogate
# is not text at all (I-JSON, RFC 7493, forbids it), and a pattern cannot name it: its
# regular expressions see the two halves of every character past U+FFFF.
STORABLE_TEXT_PATTERN = r"^[^\u0000]*$"


def storable_text(value: str) -> str:
    """Return ``value`` if a database can store it; raise ``ValueError`` if not.

    PostgreSQL refuses NUL characters in text and SQLite silently keeps them; neither
    stores an unpaired surrogate as UTF-8. Every schema field a client fills goes
    through this, so such input is a 422, not a database error.
    """
    if _UNSTORABLE.search(value) is not None:
        raise ValueError(ErrorMessages.VALIDATION.UNSTORABLE_TEXT)
    return value


def whole_number(value: object) -> object:
    """Read a float without a fraction (``12.0``) as the integer it is; leave the rest.

    JSON Schema's ``integer`` includes such numbers, so a strict integer field preceded by
    this accepts exactly what its schema promises: still no ``"12"``, ``true`` or ``12.5``.
    """
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def collect_errors(results: Iterable[Result[object, ValidationError]]) -> ValidationError | None:
    """Return one `ValidationError` listing the field errors of every `Err`, or None."""
    errors = [result.error for result in results if isinstance(result, Err)]
    return ValidationError.combine(errors) if errors else None

"""`Result`: a value (`Ok`) or an expected error (`Err`), returned instead of raised."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Never

from .messages import ErrorMessages, format_message

# Generic dataclasses here are frozen but not slotted: on Python 3.12, calling a
# subscripted frozen slotted dataclass (`Ok[int](1)`) raises TypeError.


class UnwrapError(Exception):
    """`unwrap()` was called on an `Err`: a programming error."""


@dataclass(frozen=True)
class Ok[T]:
    """A successful result holding `value`; type parameter T: the value's type."""

    value: T

    def unwrap(self) -> T:
        """Return the value."""
        return self.value

    def flat_map[U, F](self, fn: "Callable[[T], Ok[U] | Err[F]]") -> "Ok[U] | Err[F]":
        """Return `fn(value)`: chain a computation that may itself fail."""
        return fn(self.value)


@dataclass(frozen=True)
class Err[E]:
    """A failed result holding `error`; type parameter E: the error's type (a `ServiceError`)."""

    error: E

    def unwrap(self) -> Never:
        """Raise `UnwrapError` chained to the error: a failure has no value."""
        message = format_message(ErrorMessages.RESULT.UNWRAP_ERR, error=self.error)
        cause = self.error if isinstance(self.error, BaseException) else None
        raise UnwrapError(message) from cause

    def flat_map(self, fn: Callable[[Never], object]) -> "Err[E]":  # noqa: ARG002
        """Return this failure unchanged: the chained computation is skipped."""
        return self


type Result[T, E] = Ok[T] | Err[E]

"""`Result`: a value (`Ok`) or an expected error (`Err`), returned instead of raised."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Never

from .messages import ErrorMessages, format_message

# Generic dataclasses here are frozen but not slotted: on Python 3.12, calling a
# subscripted frozen slotted dataclass (`Ok[int](1)`) raises TypeError.


class UnwrapError(Exception):
    """`unwrap()` was called on an `Err`, or `unwrap_err()` on an `Ok`: a programming error."""


@dataclass(frozen=True)
class Ok[T]:
    """A successful result holding `value`; type parameter T: the value's type."""

    value: T

    def is_ok(self) -> Literal[True]:
        """Return True: this result is a success."""
        return True

    def is_err(self) -> Literal[False]:
        """Return False: this result is not an error."""
        return False

    def unwrap(self) -> T:
        """Return the value."""
        return self.value

    def unwrap_err(self) -> Never:
        """Raise `UnwrapError`: a success has no error."""
        raise UnwrapError(format_message(ErrorMessages.RESULT.UNWRAP_ERR_ON_OK, value=self.value))

    def unwrap_or(self, default: object) -> T:  # noqa: ARG002 - same signature as Err
        """Return the value, ignoring `default`."""
        return self.value

    def map[U](self, fn: Callable[[T], U]) -> "Ok[U]":
        """Return `Ok(fn(value))`."""
        return Ok(fn(self.value))

    def map_err(self, fn: Callable[[Never], object]) -> "Ok[T]":  # noqa: ARG002
        """Return this success unchanged: there is no error to transform."""
        return self

    def flat_map[U, F](self, fn: "Callable[[T], Ok[U] | Err[F]]") -> "Ok[U] | Err[F]":
        """Return `fn(value)`: chain a computation that may itself fail."""
        return fn(self.value)


@dataclass(frozen=True)
class Err[E]:
    """A failed result holding `error`; type parameter E: the error's type (a `ServiceError`)."""

    error: E

    def is_ok(self) -> Literal[False]:
        """Return False: this result is not a success."""
        return False

    def is_err(self) -> Literal[True]:
        """Return True: this result is an error."""
        return True

    def unwrap(self) -> Never:
        """Raise `UnwrapError` chained to the error: a failure has no value."""
        message = format_message(ErrorMessages.RESULT.UNWRAP_ERR, error=self.error)
        cause = self.error if isinstance(self.error, BaseException) else None
        raise UnwrapError(message) from cause

    def unwrap_err(self) -> E:
        """Return the error."""
        return self.error

    def unwrap_or[D](self, default: D) -> D:
        """Return `default`."""
        return default

    def map(self, fn: Callable[[Never], object]) -> "Err[E]":  # noqa: ARG002
        """Return this failure unchanged: there is no value to transform."""
        return self

    def map_err[F](self, fn: Callable[[E], F]) -> "Err[F]":
        """Return `Err(fn(error))`."""
        return Err(fn(self.error))

    def flat_map(self, fn: Callable[[Never], object]) -> "Err[E]":  # noqa: ARG002
        """Return this failure unchanged: the chained computation is skipped."""
        return self


type Result[T, E] = Ok[T] | Err[E]

"""Specifications: composable, backend-neutral predicates over entities.

A specification is a tree of frozen dataclasses. In memory it is evaluated with
SQL's three-valued logic (see `predicates`), and the persistence layer compiles the
same tree to a `WHERE` clause, so both select the same records.

Example:
    >>> cheap = Field[Product]("price").lt(10)
    >>> spec = cheap & ~Field[Product]("name").like("Tea%")
    >>> spec.is_satisfied_by(Product(name="Coffee", price=5))
    True
    >>> spec.is_satisfied_by(Product(name="Coffee", price=None))  # NULL < 10 is UNKNOWN
    False

"""

import dataclasses
import operator as python_operator
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Sequence
from enum import StrEnum
from typing import Any, cast

from .errors import ValidationError
from .messages import ErrorMessages
from .predicates import (
    Truth,
    between,
    compare,
    is_in,
    is_null,
    kleene_and,
    kleene_not,
    kleene_or,
    like,
)

# Generic dataclasses here are frozen but not slotted: on Python 3.12, calling a
# subscripted frozen slotted dataclass (`Field[Product]("price")`) raises TypeError.


class Operator(StrEnum):
    """Comparison operators a `FieldSpecification` may use."""

    EQ = "eq"
    NE = "ne"
    GT = "gt"
    GE = "ge"
    LT = "lt"
    LE = "le"
    IN = "in"
    LIKE = "like"
    BETWEEN = "between"
    IS_NULL = "is_null"


class Specification[T](ABC):
    """A predicate over candidates of type T, combined with `&`, `|` and `~`.

    Type parameters:
        T: the type of the candidates (usually an entity).
    """

    @abstractmethod
    def evaluate(self, candidate: T) -> Truth:
        """Return the SQL truth of the predicate: True, False, or None for UNKNOWN."""

    def is_satisfied_by(self, candidate: T) -> bool:
        """Return True only if the predicate is TRUE (as a SQL `WHERE` would select)."""
        return self.evaluate(candidate) is True

    def and_(self, other: "Specification[T]") -> "Specification[T]":
        """Return the conjunction of this specification and `other`."""
        return AndSpecification(self, other)

    def or_(self, other: "Specification[T]") -> "Specification[T]":
        """Return the disjunction of this specification and `other`."""
        return OrSpecification(self, other)

    def not_(self) -> "Specification[T]":
        """Return the negation of this specification."""
        return NotSpecification(self)

    def __and__(self, other: "Specification[T]") -> "Specification[T]":
        return self.and_(other)

    def __or__(self, other: "Specification[T]") -> "Specification[T]":
        return self.or_(other)

    def __invert__(self) -> "Specification[T]":
        return self.not_()


@dataclasses.dataclass(frozen=True)
class MatchAll[T](Specification[T]):
    """The specification every candidate satisfies (no filter)."""

    def evaluate(self, candidate: T) -> Truth:  # noqa: ARG002 - matches everything
        """Return True."""
        return True


@dataclasses.dataclass(frozen=True)
class AndSpecification[T](Specification[T]):
    """`left AND right` under three-valued logic."""

    left: Specification[T]
    right: Specification[T]

    def evaluate(self, candidate: T) -> Truth:
        """Return SQL `left AND right`."""
        return kleene_and(self.left.evaluate(candidate), self.right.evaluate(candidate))


@dataclasses.dataclass(frozen=True)
class OrSpecification[T](Specification[T]):
    """`left OR right` under three-valued logic."""

    left: Specification[T]
    right: Specification[T]

    def evaluate(self, candidate: T) -> Truth:
        """Return SQL `left OR right`."""
        return kleene_or(self.left.evaluate(candidate), self.right.evaluate(candidate))


@dataclasses.dataclass(frozen=True)
class NotSpecification[T](Specification[T]):
    """`NOT operand` under three-valued logic (NOT UNKNOWN is UNKNOWN)."""

    operand: Specification[T]

    def evaluate(self, candidate: T) -> Truth:
        """Return SQL `NOT operand`."""
        return kleene_not(self.operand.evaluate(candidate))


_ORDERINGS: dict[Operator, Callable[[Any, Any], bool]] = {
    Operator.EQ: python_operator.eq,
    Operator.NE: python_operator.ne,
    Operator.GT: python_operator.gt,
    Operator.GE: python_operator.ge,
    Operator.LT: python_operator.lt,
    Operator.LE: python_operator.le,
}


@dataclasses.dataclass(frozen=True)
class FieldSpecification[T](Specification[T]):
    """`field <operator> value` on one attribute of the candidate.

    `value` is a tuple for IN, a (low, high) tuple for BETWEEN (inclusive), a bool for
    IS_NULL (True: is null, False: is not null) and a pattern string for LIKE.
    """

    field: str
    operator: Operator
    value: object

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _normalise(self.field, self.operator, self.value))

    def evaluate(self, candidate: T) -> Truth:
        """Return the SQL truth of the comparison for `candidate`'s attribute."""
        actual = read_field(candidate, self.field)
        try:
            match self.operator:
                case Operator.IS_NULL:
                    return is_null(actual, expected=bool(self.value))
                case Operator.IN:
                    return is_in(actual, cast("tuple[object, ...]", self.value))
                case Operator.BETWEEN:
                    low, high = cast("tuple[object, object]", self.value)
                    return between(actual, low, high)
                case Operator.LIKE:
                    return like(actual, self.value)
                case _:
                    return compare(_ORDERINGS[self.operator], actual, self.value)
        except TypeError as error:
            raise ValidationError.for_field(
                self.field, ErrorMessages.VALIDATION.NOT_COMPARABLE, value=self.value
            ) from error


def read_field(candidate: object, field: str) -> object:
    """Return `candidate.<field>`, raising `ValidationError` for unknown or private names."""
    if not field.startswith("_"):
        try:
            return getattr(candidate, field)
        except AttributeError:
            pass
    raise ValidationError.for_field(
        field,
        ErrorMessages.VALIDATION.UNKNOWN_FIELD,
        purpose="filtering",
        allowed=", ".join(_public_fields(candidate)),
    )


def _public_fields(candidate: object) -> list[str]:
    if dataclasses.is_dataclass(candidate):
        names: Collection[str] = [field.name for field in dataclasses.fields(candidate)]
    else:
        names = getattr(candidate, "__dict__", {})
    return sorted(name for name in names if not name.startswith("_"))


def _normalise(field: str, operator: Operator, value: object) -> object:
    messages = ErrorMessages.VALIDATION
    match operator:
        case Operator.IN if isinstance(value, Collection) and not isinstance(value, str | bytes):
            return tuple(value)
        case Operator.IN:
            raise ValidationError.for_field(field, messages.IN_NEEDS_COLLECTION, value=value)
        case Operator.BETWEEN if isinstance(value, Sequence) and not isinstance(value, str | bytes):
            if len(value) == 2:  # noqa: PLR2004 - a (low, high) pair
                return tuple(value)
            raise ValidationError.for_field(field, messages.BETWEEN_NEEDS_PAIR, value=value)
        case Operator.BETWEEN:
            raise ValidationError.for_field(field, messages.BETWEEN_NEEDS_PAIR, value=value)
        case Operator.IS_NULL if not isinstance(value, bool):
            raise ValidationError.for_field(field, messages.IS_NULL_NEEDS_BOOL, value=value)
        case Operator.LIKE if not isinstance(value, str):
            raise ValidationError.for_field(field, messages.LIKE_NEEDS_TEXT, value=value)
        case _:
            return value


class Conditions[R](ABC):
    """The comparison methods shared by `Field` and the builder's `where` steps.

    Type parameters:
        R: what each comparison returns (a specification, or the next builder).
    """

    @abstractmethod
    def condition(self, operator: Operator, value: object) -> R:
        """Return the result of comparing the field with `value` using `operator`."""

    def eq(self, value: object) -> R:
        """Field equals `value`."""
        return self.condition(Operator.EQ, value)

    def ne(self, value: object) -> R:
        """Field differs from `value`."""
        return self.condition(Operator.NE, value)

    def gt(self, value: object) -> R:
        """Field is greater than `value`."""
        return self.condition(Operator.GT, value)

    def ge(self, value: object) -> R:
        """Field is greater than or equal to `value`."""
        return self.condition(Operator.GE, value)

    def lt(self, value: object) -> R:
        """Field is less than `value`."""
        return self.condition(Operator.LT, value)

    def le(self, value: object) -> R:
        """Field is less than or equal to `value`."""
        return self.condition(Operator.LE, value)

    def in_(self, values: Collection[object]) -> R:
        """Field equals one of `values` (never, if `values` is empty)."""
        return self.condition(Operator.IN, values)

    def like(self, pattern: str) -> R:
        """Field matches the case-sensitive LIKE `pattern` (`%` any run, `_` one char)."""
        return self.condition(Operator.LIKE, pattern)

    def between(self, low: object, high: object) -> R:
        """Field lies between `low` and `high`, both included."""
        return self.condition(Operator.BETWEEN, (low, high))

    def is_null(self) -> R:
        """Field is null (None)."""
        return self.condition(Operator.IS_NULL, True)  # noqa: FBT003 - the operand

    def is_not_null(self) -> R:
        """Field is not null (None)."""
        return self.condition(Operator.IS_NULL, False)  # noqa: FBT003 - the operand


@dataclasses.dataclass(frozen=True)
class Field[T](Conditions[FieldSpecification[T]]):
    """A named attribute of T whose comparisons build `FieldSpecification`s.

    Type parameters:
        T: the type of the candidates the specifications apply to.
    """

    name: str

    def condition(self, operator: Operator, value: object) -> FieldSpecification[T]:
        """Return `name <operator> value` as a specification."""
        return FieldSpecification(self.name, operator, value)


def where(field: str) -> Field[Any]:
    """Start a condition on `field` for any candidate type.

    The candidate type is left open (`Any`) because a chained call such as
    `where("price").ge(10)` has no context to infer it from; `Field[Product]("price")`
    fixes it explicitly.
    """
    return Field(field)


@dataclasses.dataclass(frozen=True)
class SpecificationBuilder[T]:
    """Immutable fluent builder; conditions combine left to right.

    Type parameters:
        T: the type of the candidates the built specification applies to.

    Example:
        >>> builder = SpecificationBuilder[Product]().where("price").ge(10)
        >>> spec = builder.and_where("name").like("Tea%").build()

    """

    specification: Specification[T] | None = None

    def where(self, field: str) -> "BuilderCondition[T]":
        """Add a condition on `field`, joined with AND to the previous ones."""
        return BuilderCondition(self, field, AndSpecification)

    def and_where(self, field: str) -> "BuilderCondition[T]":
        """Add a condition on `field`, joined with AND to the previous ones."""
        return BuilderCondition(self, field, AndSpecification)

    def or_where(self, field: str) -> "BuilderCondition[T]":
        """Add a condition on `field`, joined with OR to the previous ones."""
        return BuilderCondition(self, field, OrSpecification)

    def build(self) -> Specification[T]:
        """Return the specification built so far (`MatchAll` if there is no condition)."""
        return MatchAll() if self.specification is None else self.specification


@dataclasses.dataclass(frozen=True)
class BuilderCondition[T](Conditions[SpecificationBuilder[T]]):
    """A pending condition on one field; comparing it returns the next builder.

    Type parameters:
        T: the type of the candidates the built specification applies to.
    """

    builder: SpecificationBuilder[T]
    field: str
    join: Callable[[Specification[T], Specification[T]], Specification[T]]

    def condition(self, operator: Operator, value: object) -> SpecificationBuilder[T]:
        """Return a builder with `field <operator> value` joined to the previous conditions."""
        added = FieldSpecification[T](self.field, operator, value)
        previous = self.builder.specification
        return SpecificationBuilder(added if previous is None else self.join(previous, added))

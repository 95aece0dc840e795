"""Paging and sorting values shared by repositories, use cases and the API."""

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Final

from .errors import FieldError, ValidationError
from .messages import ErrorMessages, format_message

# Generic dataclasses here are frozen but not slotted: on Python 3.12, calling a
# subscripted frozen slotted dataclass (`Page[int](...)`) raises TypeError.


DEFAULT_PAGE_SIZE: Final = 20
MAX_PAGE_SIZE: Final = 100


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page to read: 1-based `page` number and `size` (1 to MAX_PAGE_SIZE)."""

    page: int = 1
    size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        messages = ErrorMessages.VALIDATION
        errors = []
        if self.page < 1:
            errors.append(_field_error("page", messages.TOO_SMALL, minimum=1, value=self.page))
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            errors.append(
                _field_error(
                    "size", messages.OUT_OF_RANGE, minimum=1, maximum=MAX_PAGE_SIZE, value=self.size
                )
            )
        if errors:
            raise ValidationError(field_errors=errors)

    @property
    def offset(self) -> int:
        """Return how many items come before this page."""
        return (self.page - 1) * self.size


def _field_error(field: str, template: str, **values: object) -> FieldError:
    return FieldError(field, format_message(template, field=field, **values))


@dataclass(frozen=True, slots=True)
class SortField:
    """Sort by `field`, ascending unless `descending`."""

    field: str
    descending: bool = False


def parse_sort(expression: str, allowed: Collection[str] | None = None) -> tuple[SortField, ...]:
    """Parse `"-price,name"` into sort fields (`-` means descending).

    Raises `ValidationError` for an empty field name or, when `allowed` is given, for a
    field outside it.
    """
    fields = []
    for part in (part.strip() for part in expression.split(",")):
        if not part:
            continue
        name = part.removeprefix("-").strip()
        if not name:
            raise ValidationError.for_field(
                "sort", ErrorMessages.VALIDATION.SORT_INVALID, expression=expression
            )
        if allowed is not None and name not in allowed:
            raise ValidationError.for_field(
                name,
                ErrorMessages.VALIDATION.UNKNOWN_FIELD,
                purpose="sorting",
                allowed=", ".join(sorted(allowed)),
            )
        fields.append(SortField(name, descending=part.startswith("-")))
    return tuple(fields)


@dataclass(frozen=True)
class Page[T]:
    """One page of `items` out of `total` matching items.

    Type parameters:
        T: the type of the items.

    Example:
        >>> page = Page.of(["a", "b"], total=5, request=PageRequest(page=1, size=2))
        >>> page.pages, page.has_next
        (3, True)
        >>> page.map(str.upper).items
        ('A', 'B')

    """

    items: tuple[T, ...]
    total: int
    page: int
    size: int

    @classmethod
    def of(cls, items: Iterable[T], total: int, request: PageRequest) -> "Page[T]":
        """Build the page answering `request`."""
        return cls(tuple(items), total, request.page, request.size)

    @property
    def pages(self) -> int:
        """Return the number of pages, ceil(total / size); 0 when there is no item."""
        return -(-self.total // self.size)

    @property
    def has_next(self) -> bool:
        """Return True if a page follows this one."""
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        """Return True if a page precedes this one."""
        return self.page > 1

    def map[U](self, fn: Callable[[T], U]) -> "Page[U]":
        """Return the same page with `fn` applied to every item."""
        return Page(tuple(fn(item) for item in self.items), self.total, self.page, self.size)
